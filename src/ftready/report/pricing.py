"""Plain text of `ftready pricing list`, from the pricing inventory (the same data the app's Pricing view shows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ftready.humanize import distinct_ellipsis
from ftready.pricing import Inventory, TableFile, hosting_summary, training_summary

# columns of the model table dropped first when it does not fit the terminal
_LEAST_NEEDED = ("HOSTING", "TRAINING", "SERVE UNTIL", "TRAIN UNTIL", "STATUS", "AS OF")


def render_list(inv: Inventory, width: int | None = None) -> str:
    """The models in use with status, as_of and staleness, then every table file in precedence order. With a
    terminal `width`, the least needed columns of the model table are left out until it fits (and a note says
    which); without one (a pipe, a file), every column is there."""
    book = inv.book
    if book is None:
        raise ValueError("the pricing tables have problems; nothing to list")
    header = (
        "PROVIDER",
        "MODEL",
        "STATUS",
        "LIFECYCLE",
        "TRAIN UNTIL",
        "SERVE UNTIL",
        "AS OF",
        "AGE",
        "",
        "TRAINING",
        "HOSTING",
    )
    rows = [
        (
            e.provider,
            e.model + (f" ({', '.join(e.price.aliases)})" if e.price.aliases else ""),
            e.price.status,
            e.price.lifecycle.status_on(inv.today) or "unknown",
            _date(e.price.lifecycle.training_until),
            _date(e.price.lifecycle.serving_until),
            e.price.as_of_text,
            f"{e.age_days}d",
            "STALE" if e.stale else "",
            training_summary(e.price),
            hosting_summary(e.price),
        )
        for e in inv.models
    ]
    files_header = ("FILE", "ORIGIN", "PROVIDER", "STATUS", "AS OF", "AGE", "", "DEFINES")
    files = [
        (
            f.name,
            f.origin,
            f.provider or "",
            f.status or "",
            f.as_of_text or "",
            f"{f.age_days}d" if f.age_days is not None else "",
            "STALE" if f.stale else "",
            _defines(f),
        )
        for f in inv.files
    ]
    notes = [
        f"{len(book.models)} models from {len(book.files)} files; STALE = prices older than {inv.stale_after_days} days"
    ]
    if book.rag is not None:
        notes.append(
            f"rag: {len(book.rag.embeddings)} embeddings, {len(book.rag.vector_stores)} vector stores "
            f"(as of {book.rag.as_of_text}; defaults {book.rag.default_embedding}, {book.rag.default_vector_store or 'the cheapest vector store for the corpus'})"
        )
    notes.append("files are read top to bottom; a later file wins per model")
    dropped: list[str] = []
    head: tuple[str, ...] = header
    body: list[tuple[str, ...]] = list(rows)
    if width is not None:
        for name in _LEAST_NEEDED:
            if _width(head, body) <= width:
                break
            i = head.index(name)
            head = head[:i] + head[i + 1 :]
            body = [r[:i] + r[i + 1 :] for r in body]
            dropped.append(name.lower())
        over = _width(head, body) - width
        if over > 0:  # the model ids (with their aliases) take what is left, cut in the middle
            m = head.index("MODEL")
            room = max(12, max(len(r[m]) for r in body) - over)
            cut = distinct_ellipsis([r[m] for r in body], room)
            body = [(*r[:m], c, *r[m + 1 :]) for r, c in zip(body, cut, strict=True)]
    if dropped:
        notes.append(f"not shown at this width: {', '.join(dropped)} (widen the terminal, or pipe the output)")
    return _table(head, body) + "\n\n" + _table(files_header, files) + "\n\n" + "\n".join(notes) + "\n"


def _width(header: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
    return sum(max(len(r[i]) for r in (header, *rows)) for i in range(len(header))) + 2 * (len(header) - 1)


def _date(d: dt.date | None) -> str:
    return d.isoformat() if d is not None else "-"


def _defines(f: TableFile) -> str:
    if f.is_rag:
        return f"{len(f.embeddings)} embeddings, {len(f.vector_stores)} vector stores"
    out = f"{len(f.models)} model{'s' if len(f.models) != 1 else ''}"
    if f.overridden:
        out += f" ({len(f.overridden)} overridden by a later file)"
    return out


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in (header, *rows))
