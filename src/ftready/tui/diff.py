"""Two records side by side for the Duplicates view, as lazygit shows a diff: messages that are the same on both
sides collapse to one muted line (a 13-line shared system prompt no longer pushes the real difference below the
fold), messages that differ show their words highlighted, and the rows where differences start are known, so
that n / p can jump between them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content

from ftready.tui.render import MUTED, ROLE_STYLE, messages_content, word_diff

Messages = Sequence[tuple[str, str]]


def _same(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Case and runs of whitespace are not differences (as for the duplicate checks)."""
    return a[0] == b[0] and " ".join(a[1].split()).casefold() == " ".join(b[1].split()).casefold()


@dataclass(frozen=True)
class SideBySide:
    left: Content
    right: Content
    identical: bool
    changes: tuple[int, ...]  # the index of each block (message pair) where a difference starts
    blocks: tuple[tuple[Content, Content], ...]  # per message pair, for measuring rows

    def change_rows(self, width: int) -> list[int]:
        """The first row of each differing message in the left card wrapped at `width` cells."""
        rows, row = [], 0
        for i, (left, _right) in enumerate(self.blocks):
            if i in self.changes:
                rows.append(row)
            row += max(1, len(left.wrap(max(1, width))))
        return rows


FOLD_LINES = 3  # a shared message longer than this (or FOLD_CHARS) folds to one line
FOLD_CHARS = 240


def side_by_side(left: Messages, right: Messages) -> SideBySide:
    identical = len(left) == len(right) and all(_same(a, b) for a, b in zip(left, right, strict=False))
    if identical:  # nothing to compare: the records as they are
        return SideBySide(messages_content(left), messages_content(right), True, (), ())
    blocks: list[tuple[Content, Content]] = []
    changes: list[int] = []
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else None
        b = right[i] if i < len(right) else None
        if a is not None and b is not None and _same(a, b):
            lines = len((a[1] or "").splitlines()) or 1
            if lines <= FOLD_LINES and len(a[1] or "") <= FOLD_CHARS:
                blocks.append((messages_content([a]), messages_content([b])))
                continue
            folded = Content.assemble(
                (a[0], ROLE_STYLE.get(a[0], "bold")),
                (f"  ⋯ the same on both sides ({lines:,} line{'' if lines == 1 else 's'})", f"italic {MUTED}"),
            )
            blocks.append((folded, folded))
            continue
        changes.append(i)
        if a is None or b is None:
            only = messages_content([a or b])  # type: ignore[list-item]
            missing = Content.assemble(("(no such message)", f"italic {MUTED}"))
            blocks.append((only, missing) if a is not None else (missing, only))
            continue
        da, db, _ = word_diff([a], [b])
        blocks.append((da, db))
    sep = Content("\n")
    left_c = sep.join(b[0] for b in blocks) if blocks else messages_content([])
    right_c = sep.join(b[1] for b in blocks) if blocks else messages_content([])
    return SideBySide(left_c, right_c, not changes, tuple(changes), tuple(blocks))
