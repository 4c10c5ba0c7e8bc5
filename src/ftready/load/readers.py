"""Readers: turn a file into a stream of (line, value-or-problem) records.

Containers: JSONL, a JSON array of records, CSV with a header row; any of them gzipped. The file is opened read
only and streamed: JSONL and CSV line by line, JSON arrays element by element. Blank lines are skipped and not
counted. A record that cannot be read becomes a problem on its line and the reader moves on.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import math
import os
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ftready.errors import InputError

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class RawRecord:
    line: int  # 1-based physical line (JSONL) or record number (JSON array, CSV)
    value: Any = None
    problem: tuple[str, str] | None = None  # (code, message) when the record could not be parsed


@dataclass(frozen=True)
class Source:
    path: Path
    container: str  # jsonl | json | csv
    gzipped: bool
    size: int  # bytes on disk

    @property
    def label(self) -> str:
        return self.container + ("+gzip" if self.gzipped else "")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) != len(pairs):
        seen: set[str] = set()
        dup = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise ValueError(f"duplicate key {dup!r} in one object")
    return d


_DECODER = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_pairs_hook)


def parse_json(text: str) -> Any:
    """Strict JSON: no NaN/Infinity, no duplicate keys, nothing after the value. Raises ValueError."""
    try:
        value, end = _DECODER.raw_decode(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    rest = text[end:].strip()
    if rest:
        raise ValueError(f"invalid JSON: unexpected data after the value at column {end + 1}")
    return value


def _clip(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def open_source(path: str | Path, container: str | None = None) -> Source:
    """Check that `path` is a readable, non-empty, non-binary dataset file and work out its container."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a dataset file")
    if not p.is_file():
        raise InputError(f"{p}: not a regular file")
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None
    gz = head.startswith(GZIP_MAGIC)
    if gz:
        try:
            with gzip.open(p, "rb") as g:
                head = g.read(SNIFF_BYTES)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"{p}: not a readable gzip file ({exc})") from None
    if size == 0 or not head.strip():
        raise InputError(f"{p}: the file is empty")
    if b"\x00" in head:
        raise InputError(f"{p}: looks like a binary file (NUL bytes), not a JSONL, JSON or CSV dataset")
    name = p.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if container is None:
        first = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1]
        if name.endswith((".jsonl", ".ndjson")):
            container = "jsonl"
        elif name.endswith(".json"):
            container = "json" if first == b"[" else "jsonl"
        elif name.endswith((".csv", ".tsv")):
            container = "csv"
        elif first == b"[":
            container = "json"
        elif first == b"{":
            container = "jsonl"
        else:
            raise InputError(
                f"{p}: not a dataset: expected JSONL, a JSON array or CSV (starts with {_clip(repr(head[:20]))})"
            )
        if container == "jsonl" and first not in (b"{", b"[", b'"') and not first.isdigit():
            # A .jsonl/.json file whose first record does not even start like JSON: text or some other format.
            sample = head[:200].decode("utf-8", "replace")
            if not _looks_like_json_lines(sample):
                raise InputError(f"{p}: not a dataset: the first line is not JSON ({_clip(repr(sample))})")
    return Source(p, container, gz, size)


def _looks_like_json_lines(sample: str) -> bool:
    first_line = sample.strip().splitlines()[0] if sample.strip() else ""
    return first_line[:1] in ("{", "[")


def _open_binary(src: Source) -> BinaryIO:
    if src.gzipped:
        return gzip.open(src.path, "rb")  # type: ignore[return-value]
    return src.path.open("rb")


def read_records(src: Source) -> Iterator[RawRecord]:
    if src.container == "jsonl":
        yield from _read_jsonl(src)
    elif src.container == "json":
        yield from _read_json_array(src)
    elif src.container == "csv":
        yield from _read_csv(src)
    else:  # pragma: no cover - guarded by open_source
        raise InputError(f"{src.path}: unknown container {src.container}")


def _truncated(line: int, exc: BaseException) -> RawRecord:
    return RawRecord(line, problem=("FT116", f"the file ends early or cannot be read past here ({exc})"))


def _read_jsonl(src: Source) -> Iterator[RawRecord]:
    lineno = 0
    with _open_binary(src) as fh:
        try:
            for raw in fh:
                lineno += 1
                if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[3:]
                stripped = raw.strip()
                if not stripped:
                    continue
                try:
                    text = stripped.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield RawRecord(
                        lineno,
                        problem=(
                            "FT103",
                            f"invalid UTF-8 byte 0x{stripped[exc.start]:02x} at byte {exc.start + 1}",
                        ),
                    )
                    continue
                try:
                    value = parse_json(text)
                except ValueError as exc:
                    yield RawRecord(lineno, problem=("FT101", str(exc)))
                    continue
                yield RawRecord(lineno, value)
        except (EOFError, OSError, zlib.error) as exc:
            yield _truncated(lineno + 1, exc)


def _read_json_array(src: Source) -> Iterator[RawRecord]:
    try:
        with _open_binary(src) as fh:
            data = fh.read()
    except (EOFError, OSError, zlib.error) as exc:
        yield _truncated(1, exc)
        return
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        yield RawRecord(1, problem=("FT103", f"invalid UTF-8 byte 0x{data[exc.start]:02x} on line {line}"))
        text = data.decode("utf-8", "replace")
    del data
    i = _skip_ws(text, 0)
    if i >= len(text) or text[i] != "[":
        yield RawRecord(1, problem=("FT101", "invalid JSON: a JSON dataset must be an array of records"))
        return
    i += 1
    n = 0
    expect_value = True
    while True:
        i = _skip_ws(text, i)
        if i >= len(text):
            yield RawRecord(
                n + 1,
                problem=(
                    "FT101",
                    f"invalid JSON: the array is not closed (file ends at line {_line(text, i)})",
                ),
            )
            return
        ch = text[i]
        if ch == "]" and (n == 0 or not expect_value):
            rest = _skip_ws(text, i + 1)
            if rest < len(text):
                yield RawRecord(
                    n + 1,
                    problem=(
                        "FT101",
                        f"invalid JSON: unexpected data after the array on line {_line(text, rest)}",
                    ),
                )
            return
        if not expect_value:
            if ch != ",":
                yield RawRecord(
                    n + 1,
                    problem=(
                        "FT101",
                        f"invalid JSON: expected ',' or ']' after record {n} on line {_line(text, i)}; "
                        "the rest of the file cannot be read",
                    ),
                )
                return
            i += 1
            expect_value = True
            continue
        n += 1
        try:
            value, end = _DECODER.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            yield RawRecord(
                n,
                problem=(
                    "FT101",
                    f"invalid JSON: {exc.msg} on line {exc.lineno} column {exc.colno}; "
                    "the rest of the file cannot be read",
                ),
            )
            return
        except RecursionError:
            yield RawRecord(n, problem=("FT101", f"invalid JSON: nested too deeply on line {_line(text, i)}"))
            return
        except ValueError as exc:  # NaN/Infinity or a duplicate key: skip this element and go on
            skipped = _skip_value(text, i)
            if skipped is None:
                yield RawRecord(n, problem=("FT101", f"invalid JSON: {exc}; the rest of the file cannot be read"))
                return
            yield RawRecord(n, problem=("FT101", f"invalid JSON: {exc}"))
            i = skipped
            expect_value = False
            continue
        yield RawRecord(n, value)
        i = end
        expect_value = False


def _skip_value(text: str, i: int) -> int | None:
    """Index after the JSON value starting at i, parsed leniently (used to step over a rejected element)."""
    try:
        _, end = json.JSONDecoder().raw_decode(text, i)
        return end
    except (json.JSONDecodeError, RecursionError):
        return None


def _skip_ws(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in " \t\r\n":
        i += 1
    return i


def _line(text: str, i: int) -> int:
    return text.count("\n", 0, i) + 1


def _read_csv(src: Source) -> Iterator[RawRecord]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    delimiter = "\t" if src.path.name.lower().removesuffix(".gz").endswith(".tsv") else ","
    try:
        fh = _open_binary(src)
    except OSError as exc:
        yield _truncated(1, exc)
        return
    with fh:
        text_stream = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="strict", newline="")
        reader = csv.reader(text_stream, delimiter=delimiter)
        n = 0
        try:
            header = next(reader, None)
        except (UnicodeDecodeError, csv.Error, EOFError, OSError, zlib.error) as exc:
            yield RawRecord(1, problem=("FT116", f"cannot read the CSV header ({exc})"))
            return
        if not header or not any(h.strip() for h in header):
            yield RawRecord(1, problem=("FT116", "the CSV file has no header row"))
            return
        names = [h.strip() for h in header]
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                yield RawRecord(n + 1, problem=("FT103", f"invalid UTF-8 in CSV after record {n} ({exc.reason})"))
                return
            except (csv.Error, EOFError, OSError, zlib.error) as exc:
                yield _truncated(n + 1, exc)
                return
            if not row or not any(cell.strip() for cell in row):
                continue
            n += 1
            if len(row) != len(names):
                yield RawRecord(n, problem=("FT116", f"CSV row has {len(row)} fields, the header has {len(names)}"))
                continue
            yield RawRecord(n, dict(zip(names, row, strict=True)))


def file_mtime(path: str | Path) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


def is_finite_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
