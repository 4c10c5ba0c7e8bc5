"""Duplicates: exact and near-duplicate groups, conflicting answers and leaked validation examples, browsable;
two records of a group side by side with the words that differ highlighted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from ftready.humanize import number
from ftready.model import Analysis
from ftready.tui.diff import SideBySide, side_by_side
from ftready.tui.host import host
from ftready.tui.messages import Records, RecordsRead, RecordsWanted
from ftready.tui.render import MUTED, lines_text, messages_content
from ftready.tui.widgets import List, Note

MAX_GROUPS = 500  # listed per kind
MAX_MEMBERS = 20  # records read per group

KINDS = {
    "exact": "Exact duplicates",
    "near": "Near duplicates",
    "conflicts": "Conflicting answers",
    "replies": "Same reply, different prompts",
    "leak": "Leaked validation examples",
}


@dataclass(frozen=True)
class Group:
    kind: str
    index: int
    lines: tuple[int, ...]  # training lines (for leak: the training line of the pair, if known)
    val_line: int | None = None
    val_file: int = 0  # for leak: 0 the validation set, k the k-th --against evaluation set


class DuplicatesView(Horizontal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "member(1)", "Next member"),
        Binding("left_square_bracket", "member(-1)", "Prev member"),
        Binding("n", "change(1)", "Next change"),
        Binding("p", "change(-1)", "Prev change"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.analysis: Analysis | None = None
        self.groups: dict[str, Group] = {}
        self.current: Group | None = None
        self.other = 1  # index of the member compared with the first
        self.train: Records = {}
        self.val: dict[int, Records] = {}  # per leak file (see Group.val_file)
        self.val_paths: dict[int, str] = {}
        self._request = 0
        self._diff: SideBySide | None = None
        self._change = -1  # the difference jumped to last (n / p)

    def compose(self) -> ComposeResult:
        yield List(id="dup-groups")
        with Vertical(id="dup-compare"):
            yield Static(Content.assemble(("Analysing…", MUTED)), id="dup-title")
            with VerticalScroll(id="dup-scroll"), Horizontal(id="dup-sides"):
                yield Static("", id="dup-left", classes="record")
                yield Static("", id="dup-right", classes="record")

    def show_failure(self) -> None:
        self._title("No analysis: see the message above.")

    def on_mount(self) -> None:
        self.query_one("#dup-sides").display = False
        analysis = host(self).analysis
        if analysis is not None:
            self.show_analysis(analysis)

    def show_analysis(self, a: Analysis | None) -> None:
        self.analysis = a
        self.train, self.val, self.val_paths = {}, {}, {}
        self.groups = {}
        self.current = None
        lst = self.query_one("#dup-groups", List)
        lst.clear_options()
        if a is None:
            return
        dup = a.duplicates
        if dup is None:
            lst.add_option(Option(Content.assemble(("duplicate checks did not run", MUTED)), disabled=True))
            self._title("Duplicate checks did not run (FT3xx not selected or not available).")
            return
        options: list[Option] = []
        kinds: tuple[tuple[str, tuple[tuple[int, ...], ...], int, int], ...] = (
            ("exact", dup.exact.groups, dup.exact.group_count, dup.exact.redundant),
            ("near", dup.near.groups, dup.near.group_count, dup.near.redundant),
            ("conflicts", dup.conflicts.groups, dup.conflicts.group_count, 0),
            ("replies", dup.replies.groups, dup.replies.group_count, 0),
        )
        for kind, groups, count, redundant in kinds:
            if kind == "replies" and not count:
                continue
            head = f"{KINDS[kind]} · {number(count)} group{'s' if count != 1 else ''}"
            if kind == "near":
                head = f"{KINDS[kind]} (≥ {dup.near.threshold}) · {number(count)}"
            if redundant:
                head += f" · {number(redundant)} redundant"
            options.append(Option(Content.assemble((head, "bold")), id=f"head-{kind}", disabled=True))
            for i, g in enumerate(groups[:MAX_GROUPS]):
                gid = f"{kind}:{i}"
                self.groups[gid] = Group(kind, i, tuple(g))
                options.append(Option(self._label(a, list(g), len(g)), id=gid))
            if count > min(len(groups), MAX_GROUPS):
                options.append(Option(f"  … {count - min(len(groups), MAX_GROUPS):,} more not listed", disabled=True))
        for k, leak in enumerate((dup.leakage, *dup.against)):
            if not leak.validation_path:
                continue
            self.val_paths[k] = leak.validation_path
            items = [(v, t, "") for v, t in leak.pairs] + [(v, t, " (same prompt)") for v, t in leak.prompt_pairs]
            items.sort()
            head = f"{KINDS['leak']} · {number(len(items))}" + (f" · {leak.validation_path}" if k else "")
            options.append(Option(Content.assemble((head, "bold")), disabled=True))
            side = "evaluation" if k else "validation"
            for i, (v, t, how) in enumerate(items[:MAX_GROUPS]):
                gid = f"leak:{k}:{i}"
                self.groups[gid] = Group("leak", i, (t,), v, k)
                options.append(Option(f"  {side} {v:,} ↔ train {t:,}{how}", id=gid))
        lst.add_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        if first is None:
            self._title("No duplicates, conflicts or leaked examples found.")
            self._sides("", "")
            return
        lst.highlighted = first

    def _label(self, a: Analysis, lines: list[int], n: int) -> Content:
        excerpt = a.excerpts.get("train", {}).get(lines[0], "")
        head = f"  {n} × lines {lines_text(lines, limit=3)}"
        return Content.assemble(head, ("  " + excerpt if excerpt else "", MUTED))

    # -- selection -----------------------------------------------------------------------------------------------

    @on(List.OptionHighlighted, "#dup-groups")
    def _highlighted(self, event: List.OptionHighlighted) -> None:
        event.stop()
        g = self.groups.get(event.option.id or "")
        if g is None:
            return
        self.current = g
        self.other = 1
        self._want(g)
        self._draw()

    def action_member(self, step: int) -> None:
        g = self.current
        if g is None or len(g.lines) < 3:
            return
        self.other = (self.other - 1 + step) % (min(len(g.lines), MAX_MEMBERS) - 1) + 1
        self._draw()

    def _want(self, g: Group) -> None:
        if self.analysis is None:
            return
        self._request += 1
        d = self.analysis.dataset
        train = [n for n in g.lines[:MAX_MEMBERS] if n not in self.train]
        if train:
            self.post_message(RecordsWanted(f"dups:{self._request}:train", d.path, train, d.format))
        path = self.val_paths.get(g.val_file)
        if g.val_line is not None and path and g.val_line not in self.val.get(g.val_file, {}):
            self.post_message(RecordsWanted(f"dups:{self._request}:val:{g.val_file}", path, [g.val_line], None))

    def show_records(self, message: RecordsRead) -> None:
        if message.error:
            self.app.notify(f"cannot read the records: {message.error}", severity="warning")
        elif ":val:" in message.key:
            self.val.setdefault(int(message.key.rsplit(":", 1)[1]), {}).update(message.records)
        else:
            self.train.update(message.records)
        self._draw()

    # -- drawing ------------------------------------------------------------------------------------------------

    def _record(self, line: int | None, side: str = "train", val_file: int = 0) -> list[tuple[str, str]] | None:
        if line is None or self.analysis is None:
            return None
        cache = self.val.get(val_file, {}) if side == "val" else self.train
        if line in cache:
            return cache[line]
        if side == "val" and val_file:
            return None  # the reports hold no excerpts of evaluation sets
        excerpt = self.analysis.excerpts.get("validation" if side == "val" else "train", {}).get(line)
        return [("excerpt", excerpt)] if excerpt else None

    def _draw(self) -> None:
        g = self.current
        if g is None:
            return
        if g.kind == "leak":
            left_line, right_line = g.val_line, (g.lines[0] if g.lines else None)
            left = self._record(left_line, "val", g.val_file)
            right = self._record(right_line)
            left_name, right_name = (
                f"{'evaluation' if g.val_file else 'validation'} line {left_line:,}",
                (f"training line {right_line:,}" if right_line else "training match"),
            )
            title = f"{KINDS['leak']} · {left_name} is also in training"
        else:
            other = min(self.other, len(g.lines) - 1)
            left_line, right_line = g.lines[0], g.lines[other]
            left, right = self._record(left_line), self._record(right_line)
            left_name, right_name = f"line {left_line:,}", f"line {right_line:,}"
            what = {"exact": "identical", "near": "nearly the same", "conflicts": "same prompt, other answers"}
            title = f"{KINDS[g.kind]} {g.index + 1}: {len(g.lines)} records {what.get(g.kind, '')}"
            if len(g.lines) > 2:
                title += f" · 1 vs {other + 1} ([ ] others)"
        self._title(title)
        if left is None or right is None:
            self._sides(
                Content.assemble(("reading…" if left is None else "", MUTED))
                if left is None
                else messages_content(left),
                Content.assemble(("reading…", MUTED)) if right is None else messages_content(right),
                left_name,
                right_name,
            )
            return
        diff = side_by_side(left, right)
        if diff != self._diff:
            self._diff, self._change = diff, -1
        n = len(diff.changes)
        note = (
            (" · no differences" if list(left) == list(right) else " · the same once case and spacing are ignored")
            if diff.identical
            else f" · {n} difference{'' if n == 1 else 's'} marked (n / p jump; same parts folded; case and spacing"
            " ignored)"
        )
        self._title(title, note)
        self._sides(diff.left, diff.right, left_name, right_name)

    def action_change(self, step: int) -> None:
        """Scroll to the next (or previous) message that differs."""
        diff = self._diff
        if diff is None or not diff.changes:
            return
        card = self.query_one("#dup-left", Static)
        width = card.content_region.width or card.size.width or 40
        rows = diff.change_rows(width)
        self._change = (self._change + step) % len(rows)
        # row 0 of the scroll area is the card's top border: the message starts one row below it
        self.query_one("#dup-scroll", VerticalScroll).scroll_to(y=rows[self._change], animate=False)

    def _title(self, text: str, note: str = "") -> None:
        self.query_one("#dup-title", Static).update(Content.assemble((text, "bold"), (note, MUTED)))

    def _sides(self, left: str | Content, right: str | Content, left_name: str = "", right_name: str = "") -> None:
        lw = self.query_one("#dup-left", Static)
        rw = self.query_one("#dup-right", Static)
        lw.update(left)
        rw.update(right)
        lw.border_title = left_name
        rw.border_title = right_name
        self.query_one("#dup-sides").display = bool(left_name or right_name)


__all__ = ["DuplicatesView", "Note"]
