"""Plain text of `ftready pricing list`, from the pricing inventory (the same data the app's Pricing view shows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ftready.pricing import Inventory, TableFile, hosting_summary, training_summary


def render_list(inv: Inventory) -> str:
    """The models in use with status, as_of and staleness, then every table file in precedence order."""
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
    return _table(header, rows) + "\n\n" + _table(files_header, files) + "\n\n" + "\n".join(notes) + "\n"


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
