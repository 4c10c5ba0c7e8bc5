"""A corpus of bad input files, each with the exact outcome of `ftready FILE --report json` (docs/robustness.md).

A record that cannot be used is a problem on its line and the run goes on (exit 1 when there is one); a file that
cannot be used at all is one line on stderr and exit 2. Never a traceback, whatever the bytes.
"""

from __future__ import annotations

import gzip
import json
import os
import pathlib
import re
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest

from testkit import isolate, run

BOM = b"\xef\xbb\xbf"
PEAK_RSS_LIMIT = 1536 * 1024 * 1024  # bytes: a memory bound for a 100 MB line, not a timing
BIG = 100 * 1024 * 1024


def chat(i: int, reply: str | None = None) -> dict:
    return {
        "messages": [
            {"role": "system", "content": "You answer questions about invoices."},
            {"role": "user", "content": f"Question {i}: where is invoice {i * 7}?"},
            {"role": "assistant", "content": reply if reply is not None else f"Invoice {i * 7} is in row {i}."},
        ]
    }


def line(i: int) -> bytes:
    return json.dumps(chat(i)).encode()


def jsonl(*lines: bytes, eol: bytes = b"\n") -> bytes:
    return eol.join(lines) + eol


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)


def report(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict | None, str]:
    """Run the format checks only (so the exit code is about the file, not its size) and parse the JSON."""
    code, out, err = run([str(path), "--report", "json", "--select", "FT1", *extra], capsys)
    assert "Traceback" not in err and "internal error" not in err, err
    return code, (json.loads(out) if out else None), err


# ---------------------------------------------------------------------------------------------------- the corpus


@dataclass
class Usable:
    """A file that is read: `problems` are (line, code, text the message starts with)."""

    name: str
    content: bytes
    records: int
    examples: int
    problems: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def code(self) -> int:
        return 1 if self.problems else 0


@dataclass
class Unusable:
    """A file that cannot be used at all: exit 2 and this one line on stderr (`{path}` is the file)."""

    name: str
    content: bytes | Callable[[Path], None]
    error: str


def _deep_record() -> bytes:
    return b'{"messages": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def _truncated_gzip(data: bytes, share: float = 0.6) -> bytes:
    packed = gzip.compress(data, mtime=0)
    return packed[: int(len(packed) * share)]


def _complete_lines(cut: bytes) -> int:
    return zlib.decompressobj(wbits=31).decompress(cut).count(b"\n")


LINES = [line(i) for i in range(1, 6)]
GOOD_ARRAY = b"[" + b",\n".join(LINES[:3]) + b"]"
CSV_ROWS = b"text,label\r\nmy card is lost,lost_card\r\nI moved house,change_address\r\n"
GZ_LINES = [line(i) for i in range(1, 3001)]
GZ_CUT = _truncated_gzip(jsonl(*GZ_LINES))
GZ_KEPT = _complete_lines(GZ_CUT)
GZ_ARRAY_CUT = _truncated_gzip(b"[" + b",\n".join(GZ_LINES) + b"]")
GZ_ARRAY_KEPT = _complete_lines(GZ_ARRAY_CUT)  # elements are one per line, so a newline ends each complete one
TRUNCATED = "the file ends early or cannot be read past here (Compressed file ended before the end-of-stream marker"

USABLE = [
    Usable("bom.jsonl", BOM + jsonl(*LINES[:3]), 3, 3),
    Usable("bom.json", BOM + GOOD_ARRAY, 3, 3),
    Usable("bom.csv", BOM + CSV_ROWS, 2, 2),
    Usable("crlf.jsonl", jsonl(*LINES[:3], eol=b"\r\n"), 3, 3),
    Usable("crlf-blank-lines.jsonl", b"\r\n" + jsonl(LINES[0], b"", b"  \t", LINES[1], eol=b"\r\n"), 2, 2),
    Usable(
        "non-utf8-line.jsonl",
        jsonl(LINES[0], json.dumps(chat(2, "café")).encode().replace(b"caf\\u00e9", b"caf\xe9"), LINES[2]),
        3,
        2,
        [(2, "FT103", "invalid UTF-8 byte 0xe9 at byte")],
    ),
    Usable(
        "non-utf8-element.json",
        b"[" + b",\n".join([LINES[0], LINES[1].replace(b"row", b"r\xf6w"), LINES[2]]) + b"]",
        3,
        2,
        [(2, "FT103", "invalid UTF-8 byte 0xf6 on line 2")],
    ),
    Usable(
        "non-utf8-row.csv",
        CSV_ROWS.replace(b"house", b"h\xe4use"),
        2,
        1,
        [(3, "FT103", "invalid UTF-8 byte 0xe4 in field 1")],  # the physical line,
    ),
    Usable(
        "deeply-nested-line.jsonl",
        jsonl(LINES[0], b"[" * 100_000, _deep_record(), LINES[1]),
        4,
        2,
        [(2, "FT101", "invalid JSON: nested too deeply"), (3, "FT101", "invalid JSON: nested too deeply")],
    ),
    Usable(
        "deeply-nested-element.json",
        b"[" + b",\n".join([LINES[0], b"[" * 100_000 + b"]" * 100_000, LINES[1]]) + b"]",
        3,
        2,
        [(2, "FT101", "invalid JSON: nested too deeply on line 2")],
    ),
    Usable(
        "nan-infinity.jsonl",
        jsonl(LINES[0], b'{"messages": [], "score": NaN}', b'{"score": Infinity}', b'{"score": -Infinity}'),
        4,
        1,
        [
            (2, "FT101", "NaN is not valid JSON"),
            (3, "FT101", "Infinity is not valid JSON"),
            (4, "FT101", "-Infinity is not valid JSON"),
        ],
    ),
    Usable(
        "nan-in-array.json",
        b"[" + b",".join([LINES[0], b'{"score": NaN}', LINES[1]]) + b"]",
        3,
        2,
        [(2, "FT101", "invalid JSON: NaN is not valid JSON")],
    ),
    Usable(
        "duplicate-keys.jsonl",
        jsonl(LINES[0], LINES[1].replace(b'{"messages"', b'{"messages": [], "messages"')),
        2,
        1,
        [(2, "FT101", "duplicate key 'messages' in one object")],
    ),
    Usable(
        "lone-surrogate.jsonl",
        jsonl(LINES[0], LINES[1].replace(b"row", b"r\\udc80ow")),
        2,
        1,
        [(2, "FT101", "invalid JSON: \\udc80 is half of a surrogate pair, not a character")],
    ),
    Usable(
        "huge-number.jsonl",
        jsonl(LINES[0], b'{"messages": [], "n": ' + b"9" * 5000 + b"}"),
        2,
        1,
        [(2, "FT101", "invalid JSON: a number has too many digits")],
    ),
    Usable(
        "array-error-half-way.json",
        b"[\n" + b",\n".join([LINES[0], LINES[1], b'{"messages": oops}', LINES[2], LINES[3]]) + b"\n]",
        3,
        2,
        [(4, "FT101", "invalid JSON: Expecting value on line 4 column 14; the rest of the file cannot be read")],
    ),
    Usable(
        "array-not-closed.json",
        b"[\n" + b",\n".join(LINES[:2]) + b",\n",
        3,
        2,
        [(4, "FT101", "invalid JSON: the array is not closed (file ends at line 4)")],
    ),
    Usable(
        "pretty-array-named.jsonl",
        b"[\n  " + b",\n  ".join(LINES[:3]) + b"\n]\n",
        3,
        3,
    ),
    Usable(
        "not-objects.jsonl",
        jsonl(LINES[0], b"[1, 2]", b'"text"', b"42", b"null"),
        5,
        1,
        [
            (2, "FT102", "the record is a list, not an object"),
            (3, "FT102", "the record is a string, not an object"),
            (4, "FT102", "the record is a number, not an object"),
            (5, "FT102", "the record is null, not an object"),
        ],
    ),
    Usable(
        "key-with-newline.jsonl",
        jsonl(LINES[0], json.dumps({"a\nb": 1, "x" * 100: 2}).encode()),
        2,
        1,
        [(2, "FT104", "no known fine-tuning format has these keys: a\\nb, xxxxxxxx")],
    ),
    Usable("truncated.jsonl.gz", GZ_CUT, GZ_KEPT + 1, GZ_KEPT, [(GZ_KEPT + 1, "FT116", TRUNCATED)]),
    Usable(
        "truncated.json.gz", GZ_ARRAY_CUT, GZ_ARRAY_KEPT + 1, GZ_ARRAY_KEPT, [(GZ_ARRAY_KEPT + 1, "FT116", TRUNCATED)]
    ),
]

UNUSABLE = [
    Unusable("empty.jsonl", b"", "{path}: the file is empty"),
    Unusable("whitespace.jsonl", b"\n \r\n\t\n", "{path}: the file is empty"),
    Unusable("bom-only.jsonl", BOM, "{path}: the file is empty"),
    Unusable(
        "image.jsonl",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)),
        "{path}: looks like a binary file (NUL bytes), not a JSONL, JSON, CSV or Parquet dataset",
    ),
    Unusable(
        "escape.jsonl",
        b"\x1b[31mred\n",
        '{path}: not a dataset: the first line is not JSON: "\\x1b[31mred"',
    ),
    Unusable(
        "latin1-text.jsonl",
        b"\xe9t\xe9 \xe0 la plage\n",
        '{path}: not a dataset: the first line is not JSON: "\ufffdt\ufffd \ufffd la plage"',
    ),
    Unusable(
        "all-invalid.jsonl",
        jsonl(b"{oops", b'{"messages": NaN}'),
        "{path}: not a fine-tuning dataset: no record is usable (line 1: invalid JSON: Expecting property name "
        "enclosed in double quotes at column 2; 2 problems in 2 records)",
    ),
    Unusable(
        "garbage-gzip.jsonl.gz",
        b"\x1f\x8b\x08\x00" + b"\xff" * 40,
        "{path}: not a readable gzip file (",
    ),
    Unusable("truncated-header.jsonl.gz", gzip.compress(jsonl(*LINES))[:12], "{path}: not a readable gzip file ("),
    Unusable(
        "wrapped.json",
        json.dumps({"version": "1.1", "data": [{"instruction": "Do", "output": "Done"}] * 3}).encode(),
        "{path}: not a fine-tuning dataset as it stands: the file is one JSON object whose 'data' holds a list of 3 "
        "records; save that list as a JSON array or as JSON Lines and run ftready on it",
    ),
    Unusable("directory.jsonl", lambda p: p.mkdir(), "{path}: is a directory, not a dataset file"),
    Unusable("missing.jsonl", lambda p: None, "{path}: no such file"),
]


@pytest.mark.parametrize("case", USABLE, ids=[c.name for c in USABLE])
def test_usable_file_with_bad_records(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: Usable) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.content)
    code, rep, err = report(path, capsys)
    assert rep is not None and err == ""
    ds = rep["dataset"]
    assert (ds["records"], ds["examples"], ds["invalid"]) == (case.records, case.examples, len(case.problems))
    got = [(p["line"], p["code"], p["message"]) for p in rep["problems"]]
    assert [(ln, c) for ln, c, _ in got] == [(ln, c) for ln, c, _ in case.problems]
    for (_, _, message), (_, _, start) in zip(got, case.problems, strict=True):
        assert message.startswith(start), (message, start)
        assert "\n" not in message
    assert code == case.code
    # one clear line per problem in the human report too
    code_md, md, _ = run([str(path), "--report", "--select", "FT1"], capsys)
    assert code_md == case.code
    for ln, c, _ in case.problems:
        assert sum(row.startswith(f"| {ln} | {c} |") for row in md.splitlines()) == 1, md


@pytest.mark.parametrize("case", UNUSABLE, ids=[c.name for c in UNUSABLE])
def test_unusable_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: Unusable
) -> None:
    path = tmp_path / case.name
    if callable(case.content):
        case.content(path)
    else:
        path.write_bytes(case.content)
    code, out, err = run([str(path), "--report", "json"], capsys)
    assert code == 2 and out == ""
    expected = "ftready: " + case.error.format(path=path)
    assert err.splitlines()[0].startswith(expected) and len(err.splitlines()) == 1, err
    assert "Traceback" not in err


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.jsonl"
    path.write_bytes(jsonl(*LINES))
    if os.geteuid() == 0:
        # permissions do not stop root: refuse the open the way the kernel would for anyone else
        real_open = pathlib.Path.open

        def refuse(
            self: Path,
            mode: str = "r",
            buffering: int = -1,
            encoding: str | None = None,
            errors: str | None = None,
            newline: str | None = None,
        ) -> IO[Any]:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, mode, buffering, encoding, errors, newline)

        monkeypatch.setattr(pathlib.Path, "open", refuse)
    else:
        path.chmod(0)
    try:
        code, out, err = run([str(path), "--report", "json"], capsys)
    finally:
        path.chmod(0o644)
    assert (code, out, err) == (2, "", f"ftready: {path}: permission denied\n")


# ---------------------------------------------------------------------------------------------------- subprocesses


def _ftready(args: list[str], cwd: Path) -> tuple[int, str, str, int]:
    """Run `python -m ftready ARGS` from a small parent process that reports its child's peak RSS in bytes."""
    probe = (
        "import resource, subprocess, sys\n"
        "res = subprocess.run([sys.executable, '-m', 'ftready', *sys.argv[1:]], capture_output=True)\n"
        "sys.stdout.buffer.write(res.stdout); sys.stderr.buffer.write(res.stderr)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(f'\\nPEAK {peak * (1 if sys.platform == \"darwin\" else 1024)}')\n"
        "sys.exit(res.returncode)\n"
    )
    env = {**os.environ, "FTREADY_NO_CONFIG": "1", "FTREADY_PRICING_DIR": str(cwd / "none")}
    env.pop("FTREADY_DEBUG", None)
    res = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=600
    )
    body, _, peak = res.stdout.rpartition("\nPEAK ")
    return res.returncode, body, res.stderr, int(peak)


def test_no_traceback_in_a_real_process(tmp_path: Path) -> None:
    (tmp_path / "image.jsonl").write_bytes(b"\x00\x01PNG" * 100)
    code, out, err, _ = _ftready(["image.jsonl", "--report", "github"], tmp_path)
    assert (code, out) == (2, "")
    assert (
        err == "ftready: image.jsonl: looks like a binary file (NUL bytes), not a JSONL, JSON, CSV or Parquet dataset\n"
    )
    (tmp_path / "bad.jsonl").write_bytes(jsonl(LINES[0], b"[" * 100_000, b'{"x": NaN}', b"\xff\xfe", _deep_record()))
    code, out, err, _ = _ftready(["bad.jsonl", "--report", "github", "--select", "FT1"], tmp_path)
    assert (code, err) == (1, "")
    problems = re.findall(r"^::error file=bad\.jsonl,line=(\d+),title=ftready (FT1(?!00)\d\d)::", out, re.M)
    assert problems == [("2", "FT101"), ("3", "FT101"), ("4", "FT103"), ("5", "FT101")]


def _write_big_line(path: Path, head: bytes, fill: bytes, tail: bytes, around: list[bytes]) -> None:
    """A file with `around[0]`, then one line of BIG bytes (head + fill repeated + tail), then the rest."""
    with path.open("wb") as fh:
        fh.write(around[0] + b"\n")
        body = BIG - len(head) - len(tail)
        fh.write(head)
        block = fill * (1024 * 1024 // len(fill))
        for _ in range(body // len(block)):
            fh.write(block)
        fh.write(block[: body % len(block)])
        fh.write(tail + b"\n")
        for rec in around[1:]:
            fh.write(rec + b"\n")


def test_a_100_mb_line_of_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.jsonl"
    _write_big_line(path, b'{"messages": [', b"\x01garbage ", b"", [LINES[0], LINES[1]])
    code, out, err, peak = _ftready([path.name, "--report", "json"], tmp_path)
    assert "Traceback" not in err and code == 1, err
    rep = json.loads(out)
    assert (rep["dataset"]["records"], rep["dataset"]["examples"], rep["dataset"]["invalid"]) == (3, 2, 1)
    assert [(p["line"], p["code"]) for p in rep["problems"]] == [(2, "FT101")]
    assert peak < PEAK_RSS_LIMIT, f"peak RSS {peak / 2**20:.0f} MiB"


@pytest.fixture(scope="module")
def huge_valid_record(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str, int]:
    """One run over a file whose second line is a valid 100 MB record (a very long reply)."""
    folder = tmp_path_factory.mktemp("huge")
    path = folder / "huge.jsonl"
    head = b'{"messages": [{"role": "user", "content": "Tell me a long story."}, {"role": "assistant", "content": "'
    _write_big_line(path, head, b"Once upon a time there was a river. ", b'"}]}', [LINES[0], LINES[1]])
    # format, size and token checks: the stages that must read every byte of every record
    result = _ftready([path.name, "--report", "json", "--select", "FT1,FT2"], folder)
    path.unlink()
    return result


def test_a_100_mb_line_that_is_a_valid_record(huge_valid_record: tuple[int, str, str, int]) -> None:
    code, out, err, _ = huge_valid_record
    assert "Traceback" not in err, err
    rep = json.loads(out)
    assert (rep["dataset"]["records"], rep["dataset"]["examples"], rep["dataset"]["invalid"]) == (3, 3, 0)
    assert rep["problems"] == []
    over = {f["code"]: f for f in rep["findings"]}["FT210"]  # the example is over the per-example token limit
    assert over["lines"] == [2]
    assert code == 1  # three examples are too few to train on (FT201 is an error)


def test_a_100_mb_valid_record_in_bounded_memory(huge_valid_record: tuple[int, str, str, int]) -> None:
    peak = huge_valid_record[3]
    assert peak < PEAK_RSS_LIMIT, f"peak RSS {peak / 2**20:.0f} MiB"
