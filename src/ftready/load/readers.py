"""Readers: turn a file into a stream of (line, value-or-problem) records.

Containers: JSONL, a JSON array of records, CSV with a header row; any of them gzipped. The file is opened read
only and streamed: JSONL and CSV line by line, JSON arrays element by element. Blank lines are skipped and not
counted. A record that cannot be read becomes a problem on its line and the reader moves on.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from ftready.errors import InputError
from ftready.io import printable
from ftready.load.fastjson import DOUBT, parse_bytes
from ftready.redact import escape_controls, redact

GZIP_MAGIC = b"\x1f\x8b"
STOPPED = "the rest of the file cannot be read"  # ends the message of a problem after which the reader stops
SNIFF_BYTES = 8192


class RawRecord(NamedTuple):  # a tuple: one is made per record, and a frozen dataclass costs ~1 µs more each
    line: int  # 1-based physical line of the record's start in the file (every container)
    value: Any = None
    problem: tuple[str, str] | None = None  # (code, message) when the record could not be parsed


class ReadPosition:
    """How far a streaming reader has got in the file on disk (compressed bytes for a gzip file)."""

    def __init__(self) -> None:
        self._fh: BinaryIO | None = None

    def follow(self, fh: BinaryIO) -> None:
        """Report the position of `fh` (for a gzip stream, of the compressed file under it)."""
        inner = getattr(fh, "fileobj", None)
        self._fh = inner if inner is not None else fh

    def bytes(self) -> int | None:
        """Bytes of the file read so far, or None when the reader does not stream (JSON arrays, Parquet)."""
        if self._fh is None:
            return None
        try:
            return int(self._fh.tell())
        except (OSError, ValueError):  # closed, or not seekable
            return None


@dataclass(frozen=True)
class Source:
    path: Path
    container: str  # jsonl | json | csv | parquet
    gzipped: bool
    size: int  # bytes on disk
    position: ReadPosition = field(default_factory=ReadPosition, compare=False, repr=False)

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
        raise ValueError(f"duplicate key {_clip(repr(dup))} in one object")
    return d


_DECODER = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_pairs_hook)

# Half of a surrogate pair escaped on its own (found in the text, cheaply), and a lone surrogate in a decoded string:
# JSON's grammar allows such an escape, but the string is not Unicode text (it cannot be written as UTF-8), so
# strict parsers and the fine-tuning services reject it. Escaped pairs (emoji) are fine.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Bytes that are not UTF-8, decoded with errors="surrogateescape" (U+DC80-U+DCFF stand for bytes 0x80-0xFF).
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _value_error(exc: ValueError) -> str:
    msg = str(exc)
    if "integer string conversion" in msg:  # int() refuses numbers of more than 4300 digits
        return "invalid JSON: a number has too many digits"
    return msg


def _lone_surrogate(value: Any) -> str | None:
    """The first lone surrogate in any string (key or value) of a parsed JSON value, or None."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            m = _SURROGATE.search(v)
            if m:
                return m.group()
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return None


def _lone_escape(text: str, start: int, end: int) -> bool:
    """True when text[start:end] holds a \\uD800-\\uDFFF escape that is not half of an escaped pair."""
    pending: int | None = None  # where the low half of the last high-surrogate escape must start
    for m in _SURROGATE_ESCAPE.finditer(text, start, end):
        low = m.group()[3] in "cdefCDEF"
        if pending is not None:
            if low and m.start() == pending:
                pending = None
                continue
            return True
        if low:
            return True
        pending = m.end()
    return pending is not None


def _check_surrogates(text: str, value: Any, start: int = 0, end: int | None = None) -> None:
    stop = len(text) if end is None else end
    if _SURROGATE_ESCAPE.search(text, start, stop) is None or not _lone_escape(text, start, stop):
        return
    ch = _lone_surrogate(value)
    if ch is not None:
        raise ValueError(f"invalid JSON: \\u{ord(ch):04x} is half of a surrogate pair, not a character")


def parse_json(text: str) -> Any:
    """Strict JSON: no NaN/Infinity, no duplicate keys, no lone surrogates, nothing after the value.

    Raises ValueError."""
    try:
        value, end = _DECODER.raw_decode(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    except ValueError as exc:
        raise ValueError(_value_error(exc)) from None
    rest = text[end:].strip()
    if rest:
        raise ValueError(f"invalid JSON: unexpected data after the value at column {end + 1}")
    _check_surrogates(text, value)
    return value


_STRUCTURE = re.compile(r'["\[\]{}]')
_STRING_REST = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_SCALAR = re.compile(r"[^\s,\]}]+")
_CLOSES = {"]": "[", "}": "{"}


def value_end(text: str, i: int) -> int | None:
    """Index just after the JSON value that starts at `text[i]`, or None when the text ends first.

    Strings and brackets are matched without parsing and without recursion, so a value nested to any depth, or
    one the strict decoder refused (NaN, a duplicate key, a huge number), can be stepped over. Scalars run to the
    next delimiter.
    """
    n = len(text)
    if i >= n:
        return None
    if text[i] == '"':
        m = _STRING_REST.match(text, i + 1)
        return m.end() if m else None
    if text[i] not in "[{":
        m = _SCALAR.match(text, i)
        return m.end() if m else None
    stack: list[str] = []
    j = i
    while True:
        m = _STRUCTURE.search(text, j)
        if m is None:
            return None
        c = m.group()
        j = m.end()
        if c == '"':
            s = _STRING_REST.match(text, j)
            if s is None:
                return None
            j = s.end()
        elif c in "[{":
            stack.append(c)
        else:
            if not stack or stack.pop() != _CLOSES[c]:
                return None
            if not stack:
                return j


def _clip(s: str, n: int = 60) -> str:
    """`s` masked (`ftready.redact.redact`) and then cut to `n` characters: an item cut first would no longer be
    recognised, and its visible part would be printed."""
    s = redact(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def _first_line(head: bytes) -> str:
    """The first non-blank line of a file's start, decoded, masked, cut and quoted, for a one-line message."""
    text = head[:400].decode("utf-8", "replace")
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return '"' + escape_controls(_clip(line)) + '"'


def regular_file(path: str | Path, what: str | None = None) -> os.stat_result:
    """Stat `path` and refuse, before anything opens it, what is not a regular file: opening a FIFO blocks until
    a writer comes, and a device reads without end. One clear line for each case (missing, a folder that cannot
    be searched, a name too long, a directory, a FIFO, a device, a socket)."""
    shown = printable(str(path))
    if what:
        shown = f"{what}: {shown}"
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied (the file or a folder on its path)") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot open: {exc.strerror or exc}") from None
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return st
    if stat.S_ISDIR(mode):
        raise InputError(f"{shown}: is a directory, not a dataset file")
    kind = (
        "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    raise InputError(f"{shown}: is {kind}, not a regular file; save the data to a file first")


def open_source(path: str | Path, container: str | None = None) -> Source:
    """Check that `path` is a readable, non-empty, non-binary dataset file and work out its container."""
    p = Path(path)
    st = regular_file(p)
    try:
        size = st.st_size
        with p.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None
    gz = head.startswith(GZIP_MAGIC)
    if gz:
        unpacked, broken = _read_gzip(p, SNIFF_BYTES)
        if broken is not None and not unpacked:
            # nothing at all can be read; a gzip file that only ends early is read up to the break
            raise InputError(f"{p}: not a readable gzip file ({broken})")
        head = bytes(unpacked)
    if size == 0 or not head.removeprefix(codecs.BOM_UTF8).strip():
        raise InputError(f"{p}: the file is empty")
    if not gz and head.startswith(PARQUET_MAGIC) and container in (None, "parquet"):
        return Source(p, "parquet", False, size)  # a binary container: read by polars, row by row
    if p.name.lower().endswith(".parquet"):
        raise InputError(f"{p}: not a Parquet file (it does not start with the Parquet magic bytes PAR1)")
    if b"\x00" in head:
        raise InputError(f"{p}: looks like a binary file (NUL bytes), not a JSONL, JSON, CSV or Parquet dataset")
    name = p.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if container is None:
        first = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1]
        if name.endswith((".jsonl", ".ndjson")):
            # a pretty-printed JSON array saved as .jsonl: its first line opens the array and does not close it
            container = "json" if first == b"[" and _array_over_lines(head) else "jsonl"
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
                f"{p}: not a dataset: expected JSONL, a JSON array, CSV or Parquet (it starts with {_first_line(head)})"
            )
        if container == "jsonl" and first not in (b"{", b"[", b'"') and not first.isdigit():
            # A .jsonl/.json file whose first record does not even start like JSON: text or some other format.
            sample = head[:200].decode("utf-8", "replace")
            if not _looks_like_json_lines(sample):
                raise InputError(f"{p}: not a dataset: the first line is not JSON: {_first_line(head)}")
    return Source(p, container, gz, size)


def _array_over_lines(head: bytes) -> bool:
    lines = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").split(b"\n", 1)
    return len(lines) == 2 and not lines[0].rstrip().endswith(b"]")


def _looks_like_json_lines(sample: str) -> bool:
    first_line = sample.strip().splitlines()[0] if sample.strip() else ""
    return first_line[:1] in ("{", "[")


def _read_gzip(path: Path, limit: int | None = None) -> tuple[bytearray, BaseException | None]:
    """Decompress up to `limit` bytes (all when None); on a truncated or corrupt stream, what came before it.

    Reads one decompressed chunk at a time, so the data decoded before the break is kept, not lost with the
    exception."""
    out = bytearray()
    try:
        with gzip.open(path, "rb") as g:
            while limit is None or len(out) < limit:
                chunk = g.read1(1 << 16 if limit is None else min(1 << 16, limit - len(out)))
                if not chunk:
                    break
                out += chunk
    except (OSError, EOFError, zlib.error) as exc:
        return out, exc
    return out, None


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
    elif src.container == "parquet":
        yield from _read_parquet(src)
    else:  # pragma: no cover - guarded by open_source
        raise InputError(f"{src.path}: unknown container {src.container}")


def _truncated(line: int, exc: BaseException) -> RawRecord:
    return RawRecord(line, problem=("FT116", f"the file ends early or cannot be read past here ({exc})"))


MAX_LINE_BYTES = 256 << 20  # a longer line is a problem on its line, skipped unread (FTREADY_MAX_LINE_BYTES)
_SKIP_CHUNK = 1 << 20


def max_line_bytes() -> int:
    raw = os.environ.get("FTREADY_MAX_LINE_BYTES")
    try:
        return max(1024, int(float(raw))) if raw else MAX_LINE_BYTES
    except ValueError:
        return MAX_LINE_BYTES


def _lines(fh: BinaryIO, cap: int) -> Iterator[bytes | int]:
    """The lines of `fh`, each read with at most `cap` bytes in memory: a longer line is skipped in pieces and
    stands as its length (an int), so a gzip bomb of one endless line costs time, not memory."""
    while True:
        raw = fh.readline(cap + 1)
        if not raw:
            return
        if len(raw) <= cap or raw.endswith(b"\n"):
            yield raw
            continue
        size = len(raw)
        del raw
        while True:
            piece = fh.readline(_SKIP_CHUNK)
            size += len(piece)
            if not piece or piece.endswith(b"\n"):
                break
        yield size


def _read_jsonl(src: Source) -> Iterator[RawRecord]:
    lineno = 0
    cap = max_line_bytes()
    with _open_binary(src) as fh:
        src.position.follow(fh)
        try:
            for raw in _lines(fh, cap):
                lineno += 1
                if isinstance(raw, int):
                    yield RawRecord(
                        lineno,
                        problem=(
                            "FT116",
                            f"the line is {raw:,} bytes, over the {cap:,}-byte limit of one line; skipped",
                        ),
                    )
                    continue
                if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[3:]
                stripped = raw.strip()
                if not stripped:
                    continue
                fast = parse_bytes(stripped)  # compiled; DOUBT sends the record down the strict path below
                if fast is not DOUBT:
                    del raw, stripped
                    yield RawRecord(lineno, fast)
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
                del raw, stripped  # a huge line is held once, not three times, while the record is used
                try:
                    value = parse_json(text)
                except ValueError as exc:
                    yield RawRecord(lineno, problem=("FT101", str(exc)))
                    continue
                finally:
                    del text
                yield RawRecord(lineno, value)
        except (EOFError, OSError, zlib.error) as exc:
            yield _truncated(lineno + 1, exc)


def _read_json_array(src: Source) -> Iterator[RawRecord]:
    broken: BaseException | None = None  # why a gzip stream ended early; what came before it is still read
    data: bytes | bytearray
    if src.gzipped:
        data, broken = _read_gzip(src.path)
    else:
        try:
            with _open_binary(src) as fh:
                data = fh.read()
        except OSError as exc:
            yield _truncated(1, exc)
            return
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        text = data.decode("utf-8")
        bad: list[int] = []
    except UnicodeDecodeError:
        # Undecodable bytes become U+DC80-U+DCFF; each record that holds one is reported, the others are read.
        text = data.decode("utf-8", "surrogateescape")
        bad = [m.start() for m in _ESCAPED_BYTE.finditer(text)]
    del data

    def bad_byte(start: int, end: int) -> str | None:
        k = bisect.bisect_left(bad, start)
        if k < len(bad) and bad[k] < end:
            return f"invalid UTF-8 byte 0x{ord(text[bad[k]]) - 0xDC00:02x} on line {_line(text, bad[k])}"
        return None

    at = LineClock(text).at

    i = _skip_ws(text, 0)
    if i >= len(text) or text[i] != "[":
        yield RawRecord(
            at(i if i < len(text) else 0), problem=("FT101", "invalid JSON: a JSON dataset must be an array of records")
        )
        return
    i += 1
    n = 0
    expect_value = True
    while True:
        i = _skip_ws(text, i)
        here = at(i)
        if i >= len(text):
            if broken is not None:
                yield _truncated(at(i, record=True), broken)
                return
            yield RawRecord(
                at(i, record=True),
                problem=(
                    "FT101",
                    f"invalid JSON: the array is not closed (file ends at line {here})",
                ),
            )
            return
        ch = text[i]
        if ch == "]" and (n == 0 or not expect_value):
            rest = _skip_ws(text, i + 1)
            if rest < len(text) or broken is not None:
                if broken is not None:
                    yield _truncated(at(i, record=True), broken)
                    return
                yield RawRecord(
                    at(i, record=True),
                    problem=(
                        "FT101",
                        f"invalid JSON: unexpected data after the array on line {at(rest)}",
                    ),
                )
            return
        if not expect_value:
            if ch != ",":
                why = bad_byte(i, i + 1)
                if why:
                    yield RawRecord(at(i, record=True), problem=("FT103", f"{why}; {STOPPED}"))
                    return
                yield RawRecord(
                    at(i, record=True),
                    problem=(
                        "FT101",
                        f"invalid JSON: expected ',' or ']' after record {n} on line {here}; "
                        "the rest of the file cannot be read",
                    ),
                )
                return
            i += 1
            expect_value = True
            continue
        n += 1
        here = at(i, record=True)
        try:
            value, end = _DECODER.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            if broken is not None and value_end(text, i) is None:
                yield _truncated(here, broken)  # the record is cut off where the gzip stream breaks
                return
            why = bad_byte(exc.pos, exc.pos + 1)
            code = "FT103" if why else "FT101"
            why = why or f"invalid JSON: {exc.msg} on line {exc.lineno} column {exc.colno}"
            yield RawRecord(here, problem=(code, f"{why}; {STOPPED}"))
            return
        except (RecursionError, ValueError) as exc:
            # nested too deeply, NaN/Infinity, a duplicate key, a huge number: skip this element and go on
            if isinstance(exc, RecursionError):
                why = f"invalid JSON: nested too deeply on line {here}"
            else:
                msg = _value_error(exc)
                why = msg if msg.startswith("invalid JSON") else f"invalid JSON: {msg}"
            skipped = value_end(text, i)
            if skipped is None:
                if broken is not None:
                    yield _truncated(here, broken)
                    return
                yield RawRecord(here, problem=("FT101", f"{why}; {STOPPED}"))
                return
            yield RawRecord(here, problem=("FT101", why))
            i = skipped
            expect_value = False
            continue
        why = bad_byte(i, end)
        if why:
            yield RawRecord(here, problem=("FT103", why))
        else:
            try:
                _check_surrogates(text, value, i, end)
            except ValueError as exc:
                yield RawRecord(here, problem=("FT101", str(exc)))
            else:
                yield RawRecord(here, value)
        del value
        i = end
        expect_value = False


class LineClock:
    """Lines of a JSON array's text, counted forward once: `at(pos)` is the 1-based physical line of offset `pos`.

    A record's line (`record=True`) is its physical start line, except where several records start on one line
    (a minified array): each gets the next number not yet used, so every record keeps a line of its own (the
    line is the record's key everywhere) and lines never go backwards; a one-line array is numbered 1, 2, 3..."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.last = 0  # the last record line given

    def at(self, pos: int, record: bool = False) -> int:
        if pos > self.pos:
            self.line += self.text.count("\n", self.pos, pos)
            self.pos = pos
        if not record:
            return max(self.line, self.last)
        self.last = max(self.line, self.last + 1)
        return self.last


def _skip_ws(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in " \t\r\n":
        i += 1
    return i


def _line(text: str, i: int) -> int:
    return text.count("\n", 0, i) + 1


PARQUET_MAGIC = b"PAR1"
PARQUET_BATCH = 10_000  # rows read at a time (a batch's rows become Python values one by one)


def _read_parquet(src: Source) -> Iterator[RawRecord]:
    """Parquet (the Hugging Face datasets layout): each row is a record numbered from 1, read a batch of rows at
    a time. Nested columns become lists and mappings as JSON would give them; a null field of a struct is left
    out (Parquet fills every struct field in, where the JSON record had no such key)."""
    import polars as pl

    try:
        scan = pl.scan_parquet(src.path)
        rows = int(scan.select(pl.len()).collect().item())
    except Exception as exc:  # polars raises its own error types for a damaged or unreadable file
        raise InputError(f"{src.path}: not a readable Parquet file ({_first_error_line(exc)})") from None
    for start in range(0, rows, PARQUET_BATCH):
        try:
            batch = scan.slice(start, PARQUET_BATCH).collect()
        except Exception as exc:
            problem = ("FT101", f"the rows from {start + 1} on cannot be read: {_first_error_line(exc)}")
            yield RawRecord(start + 1, None, problem)
            return
        for i, row in enumerate(batch.iter_rows(named=True), start=start + 1):
            yield RawRecord(i, _plain(row))


def _first_error_line(exc: BaseException) -> str:
    return printable((str(exc).strip().splitlines() or [type(exc).__name__])[0])[:200]


def _plain(v: object) -> object:
    """A Parquet value as JSON would give it: mappings without null fields, lists, and text for dates, times,
    decimals and bytes."""
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, (bytes, bytearray)):
        return v.decode("utf-8", "replace")
    return str(v)


def csv_delimiter(src: Source) -> str:
    """Tab for a .tsv; for a .csv, a comma unless its header line has none and is split by semicolons or tabs
    (the CSV a spreadsheet writes in locales whose decimal mark is a comma)."""
    if src.path.name.lower().removesuffix(".gz").endswith(".tsv"):
        return "\t"
    try:
        with _open_binary(src) as fh:
            header = fh.readline(64 * 1024)
    except (OSError, EOFError, zlib.error):
        return ","
    if b"," in header:
        return ","
    return max((b";", b"\t"), key=header.count).decode() if header.count(b";") or header.count(b"\t") else ","


def _read_csv(src: Source) -> Iterator[RawRecord]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    delimiter = csv_delimiter(src)
    try:
        fh = _open_binary(src)
    except OSError as exc:
        yield _truncated(1, exc)
        return
    with fh:
        src.position.follow(fh)
        # Undecodable bytes become U+DC80-U+DCFF, so one bad byte makes its own row a problem, not the whole file.
        text_stream = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="surrogateescape", newline="")
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
        if _escaped_bytes(header):
            yield RawRecord(1, problem=("FT103", f"the CSV header is not valid UTF-8 ({_escaped_bytes(header)})"))
            return
        names = [h.strip() for h in header]
        while True:
            here = reader.line_num + 1  # the physical line the next row starts on (a quoted field may span lines)
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                yield RawRecord(here, problem=("FT103", f"invalid UTF-8 in CSV after record {n} ({exc.reason})"))
                return
            except (csv.Error, EOFError, OSError, zlib.error) as exc:
                yield _truncated(here, exc)
                return
            if not row or not any(cell.strip() for cell in row):
                continue
            n += 1
            where = _escaped_bytes(row)
            if where:
                yield RawRecord(here, problem=("FT103", where))
                continue
            if len(row) != len(names):
                fitted = _fit_row(row, names)
                if fitted is None:
                    yield RawRecord(
                        here, problem=("FT116", f"CSV row has {len(row)} fields, the header has {len(names)}")
                    )
                    continue
                row = fitted
            yield RawRecord(here, _csv_record(names, row))


def _fit_row(row: list[str], names: list[str]) -> list[str] | None:
    """A row with empty extra fields at the end, or without the fields of the header's empty trailing columns
    (spreadsheet exports), fitted to the header's width; None otherwise."""
    width = len(names)
    if len(row) > width:
        return row[:width] if not any(c.strip() for c in row[width:]) else None
    return row + [""] * (width - len(row)) if not any(names[len(row) :]) else None


def _csv_record(names: list[str], row: list[str]) -> dict[str, str]:
    """A CSV row as a record: columns without a header are named by position ("column 3") and left out when
    empty, so empty trailing columns never make a record unusable."""
    if all(names):
        return dict(zip(names, row, strict=True))
    return {(h or f"column {i + 1}"): v for i, (h, v) in enumerate(zip(names, row, strict=True)) if h or v.strip()}


def _escaped_bytes(row: list[str]) -> str | None:
    """Where a CSV row read with errors="surrogateescape" holds a byte that is not UTF-8, or None."""
    for k, cell in enumerate(row):
        if not cell.isascii():
            m = _ESCAPED_BYTE.search(cell)
            if m:
                return f"invalid UTF-8 byte 0x{ord(m.group()) - 0xDC00:02x} in field {k + 1}"
    return None
