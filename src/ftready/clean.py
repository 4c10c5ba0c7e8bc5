"""Cleaning: write a cleaned copy of a dataset, optionally split into train and validation (`ftready clean`).

This is the core of the command: `clean(source, outputs, settings, ...)` writes the files and returns the summary
lines; the command line's flags are read in `ftready.cli.clean`.

What is dropped, and what is only reported
    - records that cannot be used (every record with a problem in the report);
    - exact duplicates, keeping the first example of each group;
    - near duplicates too, keeping the first of each group, unless `--keep-near`;
    - conflicting answers and secrets are reported on stderr (lines, secrets masked) but kept: which answer is
      right, or how a secret should be replaced, is for a person to decide.

The groups come from the analysis itself (`analyse`, the duplicates stage), so `clean` drops exactly what the
report counts as redundant, with the same threshold, seed and configuration.

Output
    Only records the analysis read as examples are written (after a JSON syntax error that stops the reader,
    nothing more). OUT's name gives the container: `.jsonl` JSON Lines, `.json` a JSON array, `.csv` CSV (from a
    CSV input only); another name keeps the input's (a Parquet input is written as JSON Lines). In the input's container each kept record keeps its original
    bytes: JSONL lines as read (blank lines and a byte-order mark left out), a JSON array of the kept elements'
    original text, CSV with the header row and the kept rows as read; across containers records are converted
    (an element on one line, a CSV row as an object of its header's names). OUT ending in `.gz` is
    gzip-compressed. Files are written to an unnamed file and linked into place only when complete and checked,
    so no partial or hidden file is left after a failure or a kill; the input is never overwritten.

Split
    `--split SHARE` puts about SHARE of the kept examples into a validation file (OUT with `.val` before the
    extension, or `--validation-output`). Examples that are exact or near duplicates of each other (one group)
    always land on the same side, so nothing in validation duplicates or near-duplicates training. The split is
    seeded (`--seed`, default 0) and therefore repeatable; the near-duplicate search keeps the configured seed, so
    it finds the groups `ftready FILE` reports.

Errors are `FtreadyError`s (the command exits 2: unreadable input, bad flag, output not writable).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import random
import shutil
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ftready.errors import FtreadyError, InputError, UsageError
from ftready.io import link_unnamed, printable
from ftready.model import Analysis, PrivacyCategory
from ftready.progress import ProgressFn, no_progress
from ftready.settings import Settings

if TYPE_CHECKING:
    from ftready.load.readers import Source

MAX_LINES_SHOWN = 10


def validation_path(out: Path) -> Path:
    """OUT with `.val` before its extension: out.jsonl -> out.val.jsonl, out.json.gz -> out.val.json.gz."""
    name = out.name
    gz = name.lower().endswith(".gz") and len(name) > 3
    stem = name[:-3] if gz else name
    base, dot, ext = stem.rpartition(".")
    new = f"{base}.val.{ext}" if dot and base else f"{stem}.val"
    return out.with_name(new + (name[-3:] if gz else ""))


# only what cleaning needs: format problems, duplicates and secrets, whatever the configuration selects
CHECKS = ("FT1", "FT3", "FT8")


def cleaning_settings(settings: Settings) -> Settings:
    """`settings` restricted to what cleaning needs: CHECKS on the file alone (no validation set or previous version).

    The seed stays the configured one, so the near-duplicate search finds what `ftready FILE` reports."""
    return replace(settings, select=CHECKS, ignore=(), validation=None, previous=None, against=())


class Plan:
    """Which records go where, decided from the analysis alone."""

    def __init__(self, analysis: Analysis, keep_near: bool) -> None:
        dup = analysis.duplicates
        if dup is None:
            raise FtreadyError("duplicate detection did not run, so the dataset cannot be cleaned")
        self.analysis = analysis
        self.invalid = {p.line for p in analysis.problems}
        self.exact_groups = [list(g) for g in dup.exact.groups]
        self.near_groups = [list(g) for g in dup.near.groups]
        self.conflicts = [list(g) for g in dup.conflicts.groups]
        self.exact: set[int] = {line for g in self.exact_groups for line in g[1:]}
        self.near: set[int] = set()
        if not keep_near:
            self.near = {line for g in self.near_groups for line in g[1:]} - self.exact
        self.dropped = self.invalid | self.exact | self.near
        # Only records the analysis read as examples are ever written: a record after a point where the reader
        # had to stop (a JSON array with a syntax error) was never analysed, whatever another parser makes of it.
        self.analysed = _analysed_lines(analysis)
        self.train: set[int] | None = None  # set by split(); None: every kept record goes to OUT
        self.validation: set[int] = set()

    def kept(self, line: int) -> bool:
        return line in self.analysed and line not in self.dropped

    def split(self, lines: Sequence[int], share: float, seed: int) -> None:
        """Assign whole duplicate groups (exact and near, and the conflict groups that share a prompt, joined where
        they overlap) to one side each, so that the validation side leaks neither an example nor a prompt."""
        kept = [line for line in lines if self.kept(line)]
        parent = {line: line for line in kept}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for g in self.exact_groups + self.near_groups + self.conflicts:
            members = [line for line in g if line in parent]
            for other in members[1:]:
                a, b = find(members[0]), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        units: dict[int, list[int]] = {}
        for line in kept:
            units.setdefault(find(line), []).append(line)
        order = sorted(units)
        random.Random(seed).shuffle(order)
        if len(order) < 2:
            raise UsageError("--split: every kept example is in one duplicate group, so there is nothing to split")
        target = max(1, round(share * len(kept)))
        val: list[int] = []
        for root in order:
            if len(val) + len(units[root]) <= target:
                val.extend(units[root])
        if not val:  # every group is larger than the share: the smallest one becomes the validation set
            val = list(units[min(order, key=lambda r: (len(units[r]), r))])
        if len(val) == len(kept):
            raise UsageError("--split: the split would leave no training example")
        self.validation = set(val)
        self.train = set(kept) - self.validation

    def destination(self, line: int) -> int | None:
        """0 = OUT, 1 = the validation file, None = dropped."""
        if not self.kept(line):
            return None
        if self.train is None:
            return 0
        return 1 if line in self.validation else 0


def _analysed_lines(analysis: Analysis) -> set[int]:
    """The lines of the examples the analysis read (its canonical frame's `line` column)."""
    ctx = getattr(analysis.context, "ctx", None)
    frame = getattr(ctx, "frame", None)
    if frame is None or "line" not in frame.columns:
        raise FtreadyError("the analysis kept no record lines, so the dataset cannot be cleaned")
    return set(frame.get_column("line").to_list())


# ------------------------------------------------------------------------------------------------ reading


def _binary(src: Source) -> gzip.GzipFile | io.BufferedReader:
    if src.gzipped:
        return gzip.open(src.path, "rb")
    return open(src.path, "rb")


def _jsonl_records(src: Source) -> Iterator[tuple[int, bytes]]:
    """(line, raw bytes with their line end) for every non-blank line, numbered like the loader."""
    with _binary(src) as fh:
        try:
            for lineno, raw in enumerate(fh, start=1):
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if not raw.strip():
                    continue
                yield lineno, raw if raw.endswith(b"\n") else raw + b"\n"
        except (EOFError, OSError):
            return  # a truncated gzip file: the loader reported the break; what came before is kept


def _json_array_records(src: Source) -> Iterator[tuple[int, bytes]]:
    """(physical line, the element's original text) for each element, numbered like the loader."""
    from ftready.load import readers

    if src.gzipped:
        data: bytes | bytearray = readers._read_gzip(src.path)[0]
    else:
        data = src.path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8", "surrogateescape")
    del data
    i = readers._skip_ws(text, 0)
    if text[i : i + 1] != "[":
        return
    i += 1
    n = 0
    clock = readers.LineClock(text)
    while True:
        i = readers._skip_ws(text, i)
        if i >= len(text) or (text[i] == "]" and n == 0):
            return
        end = readers.value_end(text, i)
        if end is None:
            return
        n += 1
        yield clock.at(i, record=True), text[i:end].encode("utf-8", "surrogateescape")
        i = readers._skip_ws(text, end)
        if i >= len(text) or text[i] != ",":
            return
        i += 1


class _LineTap:
    """Feeds a csv.reader line by line and remembers the text of the lines it took for the current row."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = iter(lines)
        self.taken: list[str] = []

    def __iter__(self) -> _LineTap:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.taken.append(line)
        return line

    def pop(self) -> str:
        text = "".join(self.taken)
        self.taken.clear()
        return text


def _csv_records(src: Source) -> Iterator[tuple[int, bytes]]:
    """(0, header) then (physical line, the row's original text) for each non-blank row, numbered like the
    loader."""
    import csv

    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    from ftready.load.readers import csv_delimiter

    delimiter = csv_delimiter(src)
    with _binary(src) as fh:
        stream = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="surrogateescape", newline="")
        tap = _LineTap(stream)
        reader = csv.reader(tap, delimiter=delimiter)
        eol = "\n"
        try:
            header = next(reader, None)
            if header is None:
                return
            head = tap.pop()
            eol = "\r\n" if head.endswith("\r\n") else "\n"
            yield 0, _ended(head, eol).encode("utf-8", "surrogateescape")
            while True:
                here = reader.line_num + 1
                row = next(reader, None)
                if row is None:
                    return
                raw = tap.pop()
                if not row or not any(cell.strip() for cell in row):
                    continue
                yield here, _ended(raw, eol).encode("utf-8", "surrogateescape")
        except (csv.Error, EOFError, OSError):
            return


def _ended(text: str, eol: str) -> str:
    return text if text.endswith(("\n", "\r")) else text + eol


# ------------------------------------------------------------------------------------------------ writing


def _parquet_records(src: Source) -> Iterator[tuple[int, bytes]]:
    """Parquet rows as JSON objects, numbered from 1 (the row numbers the analysis gives)."""
    from ftready.load.readers import read_records

    for rec in read_records(src):
        if rec.problem is None:
            yield rec.line, json.dumps(rec.value, ensure_ascii=False).encode("utf-8", "surrogateescape")


READERS: dict[str, Callable[[Source], Iterator[tuple[int, bytes]]]] = {
    "jsonl": _jsonl_records,
    "json": _json_array_records,
    "csv": _csv_records,
    "parquet": _parquet_records,
}


def output_container(out: Path, source: str) -> str:
    """The container OUT's name asks for (`.jsonl`/`.ndjson` JSON Lines, `.json` a JSON array, `.csv`/`.tsv` CSV,
    each optionally `.gz`); another name keeps the input's container."""
    name = out.name.lower().removesuffix(".gz")
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith((".csv", ".tsv")):
        return "csv"
    return "jsonl" if source == "parquet" else source


class _Output:
    """One output file, written to an unnamed file in the target's folder (Linux O_TMPFILE) and linked into place
    by `commit`, so a failure or a kill at any moment leaves nothing behind; where the file system has no unnamed
    files, a hidden temporary file is used and removed on any error.

    Records keep their original bytes when OUT has the input's container; otherwise each is converted: a JSON
    array element spread over lines becomes one JSON line, a CSV row becomes a JSON object of its header's names."""

    def __init__(self, path: Path, container: str, source: str, delimiter: str = ",") -> None:
        self.path = path
        self.container = container
        self.source = source
        self.delimiter = delimiter
        self.names: list[str] = []
        self.count = 0
        folder = path.parent if str(path.parent) else Path(".")
        self.tmp = folder / f".{path.name}.{os.getpid()}.tmp"
        self.named: Path | None = None
        try:
            fd = os.open(folder, os.O_TMPFILE | os.O_RDWR, 0o666)
        except (AttributeError, OSError):  # no unnamed files here
            fd = os.open(self.tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
            self.named = self.tmp
        try:
            mode = os.stat(path).st_mode
        except OSError:
            pass
        else:
            if stat.S_ISREG(mode):
                os.fchmod(fd, mode & 0o7777)
        self._raw: IO[bytes] = os.fdopen(fd, "wb")
        self._fh: IO[bytes] = (
            gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, mtime=0)  # type: ignore[assignment]
            if path.name.lower().endswith(".gz")
            else self._raw
        )

    def header(self, raw: bytes) -> None:
        if self.container == "csv":
            self._fh.write(raw)
        else:
            self.names = [h.strip() for h in self._row(raw)]

    def _row(self, raw: bytes) -> list[str]:
        import csv

        text = raw.decode("utf-8", "surrogateescape").removeprefix("\ufeff")
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter), [])

    def _convert(self, raw: bytes) -> bytes:
        if self.source == "csv":
            record = dict(zip(self.names, self._row(raw), strict=False))
            return json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogateescape")
        body = raw.strip()
        if self.container == "jsonl" and (b"\n" in body or b"\r" in body):
            value = json.loads(body.decode("utf-8", "surrogateescape"))
            return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogateescape")
        return body

    def add(self, raw: bytes) -> None:
        if self.container == "json":
            self._fh.write(b"[\n" if self.count == 0 else b",\n")
        if self.container == self.source:
            self._fh.write(raw)
        else:
            self._fh.write(self._convert(raw))
            if self.container == "jsonl":
                self._fh.write(b"\n")
        self.count += 1

    def close(self) -> None:
        """Finish the content (the array's end, the gzip trailer); the file is not in place until `commit`."""
        if self.container == "json":
            self._fh.write(b"[]\n" if self.count == 0 else b"\n]\n")
        if self._fh is not self._raw:
            self._fh.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())

    def discard(self) -> None:
        with contextlib.suppress(Exception):
            self._raw.close()
        if self.named is not None:
            self.named.unlink(missing_ok=True)

    def _copy_named(self) -> None:
        """The unnamed file cannot be linked here: copy it to the hidden temporary name (removed on any error)."""
        fd = self._raw.fileno()
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            with open(self.tmp, "xb") as out, open(os.dup(fd), "rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
                os.fchmod(out.fileno(), os.fstat(fd).st_mode & 0o7777)
        except BaseException:
            self.tmp.unlink(missing_ok=True)
            raise

    def commit(self) -> None:
        try:
            if self.named is None and not link_unnamed(self._raw.fileno(), self.tmp):
                self._copy_named()
            try:
                os.replace(self.tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(self.tmp)
                raise
        finally:
            with contextlib.suppress(OSError):
                self._raw.close()


def check_outputs(source: Path, outputs: list[Path]) -> None:
    """Refuse outputs that would overwrite the input or each other, or that cannot be created."""
    src = source.resolve()
    seen: set[Path] = set()
    for out in outputs:
        target = out.resolve()
        if target == src or (target.exists() and os.path.samefile(target, src)):
            raise UsageError(f"{out}: refusing to overwrite the input file")
        if target in seen:
            raise UsageError(f"{out}: the train and validation files must be different")
        if target.is_dir():
            raise UsageError(f"{out}: is a directory")
        if not target.parent.is_dir():
            raise UsageError(f"{out}: the folder {out.parent} does not exist")
        seen.add(target)


def write(src: Source, plan: Plan, outputs: list[Path], expected: int | None = None) -> list[int]:
    """Stream the input once and write each kept record to its file. Returns the count written to each.

    With `expected`, a total that differs (the file changed since it was analysed) is an error and nothing is
    put in place."""
    reader = READERS[src.container]
    from ftready.load.readers import csv_delimiter

    delimiter = csv_delimiter(src)
    files: list[_Output] = []
    try:
        for path in outputs:
            files.append(_Output(path, output_container(path, src.container), src.container, delimiter))
        for line, raw in reader(src):
            if line == 0:  # the CSV header goes to every file
                for f in files:
                    f.header(raw)
                continue
            where = plan.destination(line)
            if where is not None:
                files[where].add(raw)
        for f in files:
            f.close()
        written = sum(f.count for f in files)
        if expected is not None and written != expected:
            raise FtreadyError(
                f"{printable(str(src.path))}: the file changed while it was being cleaned ({written} records read "
                f"back, {expected} analysed); nothing was written; run again"
            )
    except OSError as exc:
        for f in files:
            f.discard()
        raise UsageError(f"cannot write the cleaned file: {exc.strerror or exc}") from None
    except BaseException:
        for f in files:
            f.discard()
        raise
    for f in files:
        f.commit()
    return [f.count for f in files]


# ------------------------------------------------------------------------------------------------ summary


def _lines(lines: Iterable[int]) -> str:
    ordered = sorted(set(lines))
    shown = ", ".join(map(str, ordered[:MAX_LINES_SHOWN]))
    return shown + (f", … ({len(ordered) - MAX_LINES_SHOWN} more)" if len(ordered) > MAX_LINES_SHOWN else "")


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _secrets(analysis: Analysis) -> list[str]:
    """One line per kind of secret or card number found: count, lines and masked samples (never a clear value)."""
    privacy = analysis.privacy
    if privacy is None:
        return []
    out: list[str] = []
    for kind, item in privacy.kinds.items():
        if item.category not in (PrivacyCategory.SECRET, PrivacyCategory.CARD):
            continue
        out.append(
            f"  secret: {_plural(item.count, kind)} in {_plural(item.examples, 'example')} "
            f"(lines {_lines(item.lines)}; e.g. {', '.join(item.samples)}): kept; remove it and rotate the key"
        )
    return out


def summary(analysis: Analysis, plan: Plan, counts: list[int], outputs: list[Path], keep_near: bool) -> list[str]:
    info = analysis.dataset
    out = [
        f"ftready clean: {info.path}: read {_plural(info.records, 'record')} "
        f"({_plural(info.examples, 'valid example')}, {info.invalid:,} invalid)"
    ]
    if plan.invalid:
        out.append(f"  dropped {_plural(len(plan.invalid), 'invalid record')} (lines {_lines(plan.invalid)})")
    else:
        out.append("  dropped 0 invalid records")
    out.append(
        f"  dropped {_plural(len(plan.exact), 'exact duplicate')} "
        f"(first of each of {_plural(len(plan.exact_groups), 'group')} kept)"
    )
    if keep_near:
        near_redundant = analysis.duplicates.near.redundant if analysis.duplicates is not None else 0
        out.append(f"  kept {_plural(near_redundant, 'near duplicate')} (--keep-near)")
    else:
        out.append(
            f"  dropped {_plural(len(plan.near), 'near duplicate')} "
            f"(first of each of {_plural(len(plan.near_groups), 'group')} kept)"
        )
    out.append(f"  kept {_plural(sum(counts), 'example')}")
    out.append(f"  wrote {_plural(counts[0], 'example')} to {outputs[0]}")
    if len(outputs) > 1:
        out.append(f"  wrote {_plural(counts[1], 'example')} to {outputs[1]} (validation; no duplicate groups shared)")
    if plan.conflicts:
        shown = "; ".join(", ".join(map(str, g)) for g in plan.conflicts[:5])
        more = f"; … ({len(plan.conflicts) - 5} more)" if len(plan.conflicts) > 5 else ""
        out.append(
            f"  conflicts: {_plural(len(plan.conflicts), 'group')} with the same prompt and different answers "
            f"(lines {shown}{more}): kept; decide which answer is right"
        )
    out.extend(_secrets(analysis))
    return out


# ------------------------------------------------------------------------------------------------ entry point


def clean(
    source: Path,
    outputs: list[Path],
    settings: Settings,
    *,
    keep_near: bool = False,
    split: float | None = None,
    seed: int | None = None,
    progress: ProgressFn = no_progress,
) -> list[str]:
    """Analyse `source` with `cleaning_settings(settings)`, write the kept records to `outputs[0]` and, with `split`
    (the validation share), the validation records to `outputs[1]`. Returns the summary lines.

    `seed` seeds the split (default: the settings' seed)."""
    check_outputs(source, outputs)
    from ftready.load.readers import STOPPED, open_source, regular_file

    regular_file(source)
    container = open_source(source).container
    for out in outputs:
        if out.name.lower().removesuffix(".gz").endswith(".parquet"):
            raise UsageError(
                f"{printable(str(out))}: ftready clean writes JSON Lines, a JSON array or CSV; name it .jsonl"
            )
        if output_container(out, container) == "csv" and container != "csv":
            raise UsageError(
                f"{printable(str(out))}: only a CSV dataset can be written as CSV; name it .jsonl or .json"
            )
    from ftready.pipeline import analyse

    settings = cleaning_settings(settings)
    analysis = analyse(source, settings, progress=progress)
    stop = next((p for p in analysis.problems if p.message.endswith(STOPPED)), None)
    if stop is not None:
        # what follows the break was never read: a cleaned copy would silently lose it
        raise InputError(
            f"{printable(str(source))}:{stop.line}: {stop.code} {stop.message}, so the file cannot be cleaned; "
            "fix that line and run again"
        )
    plan = Plan(analysis, keep_near)
    src = open_source(source)
    if split is not None:
        records = [line for line, _ in _numbered(src)]
        plan.split(records, split, settings.seed if seed is None else seed)
    expected = len(plan.analysed - plan.dropped)
    counts = write(src, plan, outputs, expected)
    return summary(analysis, plan, counts, outputs, keep_near)


def _numbered(src: Source) -> Iterator[tuple[int, bytes]]:
    reader = READERS[src.container]
    return (item for item in reader(src) if item[0] > 0)
