"""Read a few records of a dataset back by line, as (role, text) messages, for front ends that show them.

The Analysis keeps only short excerpts; a front end that wants to show whole records (the app's findings and
duplicate views) asks here. The file is opened read only and re-read with the loader's own readers and format
normalisers, so what is shown is exactly what the checks saw. Lines are the loader's: the 1-based physical line
a record starts on, in every container.

A record that cannot be parsed, or that is not valid in the dataset's format, is returned as one ("raw", text)
message so it can still be shown next to its problem.
"""

from __future__ import annotations

import codecs
import json
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from ftready.load.formats import detect, normalise
from ftready.load.mapping import FieldMap
from ftready.load.readers import RawRecord, Source, _open_binary, open_source, parse_json
from ftready.load.readers import read_records as _read_raw
from ftready.progress import check_cancel
from ftready.redact import redact as mask

Message = tuple[str, str]  # (role, text); roles: system, user, assistant, tool, rejected, raw
RAW_CHARS = 4000  # how much of an unreadable record is kept


def read_records(
    path: str | Path,
    lines: Iterable[int],
    fmt: str | None = None,
    *,
    cancel: threading.Event | None = None,
    redact: bool = True,
    mapping: Mapping[str, str] | None = None,
) -> dict[int, list[Message]]:
    """The records at `lines`, each as a list of (role, text). Lines not in the file are left out.

    `fmt` is the dataset's format id (Analysis.dataset.format); None detects it per record. Reading stops after
    the last wanted line. Secrets and personal data are masked unless `redact` is false. Raises InputError when
    the file cannot be opened. `mapping` is the dataset's field mapping (Analysis.dataset.mapping), if any."""
    wanted = {int(n) for n in lines if int(n) > 0}
    if not wanted:
        return {}
    src = open_source(path)
    raw = _jsonl_lines(src, wanted, cancel) if src.container == "jsonl" else _other(src, wanted, cancel)
    fm = FieldMap(mapping) if mapping else None
    out = {line: _messages(_mapped(rec, fm), fmt) for line, rec in sorted(raw.items())}
    if redact:
        out = {line: [(role, mask(text)) for role, text in msgs] for line, msgs in out.items()}
    return out


def _jsonl_lines(src: Source, wanted: set[int], cancel: threading.Event | None) -> dict[int, RawRecord]:
    """JSONL: count physical lines without parsing them; parse only the wanted ones."""
    out: dict[int, RawRecord] = {}
    last = max(wanted)
    with _open_binary(src) as fh:
        for lineno, data in enumerate(fh, start=1):
            if lineno % 100_000 == 0:
                check_cancel(cancel)
            if lineno > last:
                break
            if lineno not in wanted:
                continue
            if lineno == 1 and data.startswith(codecs.BOM_UTF8):
                data = data[3:]
            text = data.decode("utf-8", "replace").strip()
            if not text:
                continue
            try:
                out[lineno] = RawRecord(lineno, parse_json(text))
            except ValueError as exc:
                out[lineno] = RawRecord(lineno, text, problem=("FT101", str(exc)))
    return out


def _other(src: Source, wanted: set[int], cancel: threading.Event | None) -> dict[int, RawRecord]:
    """JSON arrays and CSV: records are numbered by the reader; stop after the last wanted one."""
    out: dict[int, RawRecord] = {}
    last = max(wanted)
    for i, rec in enumerate(_read_raw(src)):
        if i % 10_000 == 0:
            check_cancel(cancel)
        if rec.line in wanted:
            out[rec.line] = rec
        if rec.line >= last:
            break
    return out


def _mapped(rec: RawRecord, fm: FieldMap | None) -> RawRecord:
    if fm is None or rec.problem is not None or not isinstance(rec.value, dict):
        return rec
    return RawRecord(rec.line, fm.apply(rec.value))


def _messages(rec: RawRecord, fmt: str | None) -> list[Message]:
    if rec.problem is not None:
        return [("raw", _clip(rec.value if isinstance(rec.value, str) else rec.problem[1]))]
    value = rec.value
    if not isinstance(value, dict):
        return [("raw", _clip(_dump(value)))]
    use = fmt if fmt and fmt != "unknown" else detect(value)
    if use is None:
        return [("raw", _clip(_dump(value)))]
    try:
        norm, _problems = normalise(value, use)
    except (KeyError, TypeError, ValueError):
        norm = None
    if norm is None:
        return [("raw", _clip(_dump(value)))]
    out: list[Message] = []
    for m in norm.messages:
        body = m.content
        if m.extra:
            body = f"{body}\n{m.extra}" if body else m.extra
        out.append((m.role, body))
    for m in norm.rejected or []:
        if m.role == "assistant":
            out.append(("rejected", m.content or m.extra))
    if norm.label is not None and not any(role == "assistant" for role, _ in out):
        out.append(("label", str(norm.label)))
    return out


def _dump(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, indent=1)
    except (TypeError, ValueError):
        return repr(value)


def _clip(text: str, n: int = RAW_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


__all__ = ["Message", "read_records"]
