"""Property-based tests of the loader on hostile input.

Whatever the bytes, `load_dataset` either raises `InputError` (the file as a whole is unusable) or accounts for
every record exactly once: as one valid example or as one or more problems on its line. Records = examples +
invalid, lines are unique and within the file, blank lines are not counted, and every problem is one short line.
"""

from __future__ import annotations

import copy
import csv
import gzip
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ftready.errors import InputError
from ftready.formatids import FORMATS
from ftready.load import LoadResult, load_dataset
from ftready.pipeline import analyse
from ftready.report import FORMATS as REPORTS
from ftready.report import render
from ftready.rules.codes import BY_CODE
from ftready.settings import Settings

# FTREADY_FUZZ_EXAMPLES raises the number of examples for a deeper run (the default keeps the suite fast).
FUZZ = settings(
    max_examples=int(os.environ.get("FTREADY_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
MAX_MESSAGE = 400  # a problem message is one line of at most this many characters

VALID: dict[str, dict[str, Any]] = {
    "openai-chat": {
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Capital of France?"},
            {"role": "assistant", "content": "Paris.", "weight": 1},
        ]
    },
    "openai-chat-tools": {
        "messages": [
            {"role": "user", "content": "Weather?"},
            {
                "role": "assistant",
                "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "wx", "arguments": "{}"}}],
            },
            {"role": "tool", "tool_call_id": "c1", "content": "sunny"},
            {"role": "assistant", "content": [{"type": "text", "text": "Sunny."}]},
        ],
        "tools": [{"type": "function", "function": {"name": "wx", "parameters": {}}}],
    },
    "openai-preference": {
        "input": {"messages": [{"role": "user", "content": "Hi"}]},
        "preferred_output": [{"role": "assistant", "content": "Hello!"}],
        "non_preferred_output": [{"role": "assistant", "content": "Go away."}],
    },
    "preference-messages": {
        "chosen_messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}],
        "rejected_messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "No"}],
    },
    "sharegpt-preference": {
        "conversations": [{"from": "human", "value": "Sky colour?"}],
        "chosen": {"from": "gpt", "value": "Blue."},
        "rejected": {"from": "gpt", "value": "Green."},
    },
    "preference": {"prompt": "The sky is", "chosen": " blue.", "rejected": " green."},
    "sharegpt": {"conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello"}]},
    "alpaca": {"instruction": "Summarise", "input": "Long text.", "output": "Short.", "history": [["a", "b"]]},
    "prompt-completion": {"prompt": "Translate: Hello", "completion": "Bonjour", "label": True},
    "prompt-response": {"prompt": "Capital?", "response": "Paris"},
    "gemini": {
        "systemInstruction": {"role": "system", "parts": [{"text": "Be terse."}]},
        "contents": [{"role": "user", "parts": [{"text": "2+2?"}]}, {"role": "model", "parts": [{"text": "4"}]}],
    },
    "classification": {"text": "my card is lost", "label": "lost_card"},
    "text": {"text": "A document about rivers."},
}

# ------------------------------------------------------------------------------------------------ strategies

# Text with everything that has caught parsers out: quotes, backslashes, control characters, NUL, line and
# paragraph separators, BOMs, astral characters, and (sometimes) lone surrogates.
awkward_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list('"\\\n\r\t\x00\x0b\x0c\u2028\u2029\ufeff\U0001f600{}[],:')),
    ),
    max_size=40,
)
text_with_surrogates = st.one_of(
    awkward_text, st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3)
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    text_with_surrogates,
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(["role", "content", "text", "messages", "label"]), awkward_text),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


@st.composite
def mutated_records(draw: st.DrawFn) -> Any:
    """A valid record of some format with one part replaced by an arbitrary value, removed, or left alone."""
    rec = copy.deepcopy(VALID[draw(st.sampled_from(sorted(VALID)))])
    paths = [p for p in _paths(rec) if p]
    action = draw(st.sampled_from(["replace", "replace", "delete", "keep"]))
    if action == "keep" or not paths:
        return rec
    path = draw(st.sampled_from(paths))
    parent = rec
    for key in path[:-1]:
        parent = parent[key]
    if action == "delete":
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(json_values)
    return rec


records = st.one_of(mutated_records(), json_values)


def dumps(value: Any, ascii_only: bool) -> bytes:
    text = json.dumps(value, ensure_ascii=ascii_only)
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate written raw is not valid UTF-8


# ------------------------------------------------------------------------------------------------ invariants


def _write(name: str, data: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ftready-fuzz-"))
    path = folder / name
    path.write_bytes(data)
    return path


def load_or_reject(name: str, data: bytes) -> LoadResult | None:
    """Load `data` saved as `name`: None when the whole file is rejected with InputError (one line)."""
    path = _write(name, data)
    try:
        return load_dataset(path)
    except InputError as exc:
        msg = str(exc)
        assert msg.startswith(str(path)) and "\n" not in msg, msg
        return None
    finally:
        path.unlink()
        path.parent.rmdir()


def assert_accounted(r: LoadResult, expected: set[int] | None = None) -> None:
    """Every record is one example or has problems, never both; the counts add up; lines are sane."""
    info = r.info
    lines = r.frame["line"].to_list()
    problem_lines = {p.line for p in r.problems}
    assert r.frame.height == info.examples == len(lines)
    assert lines == sorted(set(lines)), "example lines must be unique and in file order"
    assert not problem_lines & set(lines), "a record is both an example and a problem"
    assert info.invalid == len(problem_lines)
    assert info.records == info.examples + info.invalid
    assert all(line >= 1 for line in [*lines, *problem_lines])
    if expected is not None:
        assert set(lines) | problem_lines == expected
    for p in r.problems:
        assert p.code in BY_CODE and BY_CODE[p.code].is_problem
        assert p.message and "\n" not in p.message and "\r" not in p.message, p
        assert len(p.message) <= MAX_MESSAGE, p
    assert info.format in FORMATS or info.format == "unknown"
    least = r.frame["bytes"].min()
    assert least is None or (isinstance(least, int) and least >= 0)


def nonblank_lines(data: bytes) -> set[int]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return {i for i, line in enumerate(data.split(b"\n"), start=1) if line.strip()}


# ------------------------------------------------------------------------------------------------ arbitrary bytes


@FUZZ
@given(data=st.binary(max_size=600), name=st.sampled_from(["d.jsonl", "d.json", "d.csv", "d.tsv", "d.txt", "d"]))
@example(data=b"\xef\xbb\xbf", name="d.jsonl")
@example(data=b"[" * 5000, name="d.json")
@example(data=b'{"text": "a"}\r{"text": "b"}', name="d.jsonl")
def test_arbitrary_bytes(data: bytes, name: str) -> None:
    r = load_or_reject(name, data)
    if r is None:
        return
    if r.info.container == "jsonl":
        assert_accounted(r, nonblank_lines(data))
    else:
        assert_accounted(r)


@FUZZ
@given(lines=st.lists(st.one_of(st.binary(max_size=80), records.map(lambda v: dumps(v, True))), max_size=12))
@example(lines=[b"[", b'{"input":"","output":"","":["",[""]]}', b"\x01"])  # read as a JSON array
def test_arbitrary_bytes_mixed_with_records_gzipped(lines: list[bytes]) -> None:
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    r = load_or_reject("d.jsonl.gz", gzip.compress(data))
    if r is None:
        return
    # A file that starts with "[" is read as a JSON array whatever its name: its records are numbered, not lines.
    if r.info.container == "jsonl+gzip":
        assert_accounted(r, nonblank_lines(data))
    else:
        assert r.info.container == "json+gzip"
        assert_accounted(r)


@FUZZ
@given(data=st.binary(min_size=1, max_size=300), cut=st.floats(0.05, 0.95))
def test_truncated_gzip(data: bytes, cut: float) -> None:
    packed = gzip.compress(data)
    r = load_or_reject("d.jsonl.gz", packed[: max(1, int(len(packed) * cut))])
    if r is not None:
        assert_accounted(r)


# ------------------------------------------------------------------------------------------------ JSON values


@FUZZ
@given(values=st.lists(st.one_of(records, st.just("")), max_size=15), ascii_only=st.booleans(), crlf=st.booleans())
def test_json_values_as_jsonl_lines(values: list[Any], ascii_only: bool, crlf: bool) -> None:
    # "" stands for a blank line
    lines = [b"  " if v == "" else dumps(v, ascii_only) for v in values]
    data = (b"\r\n" if crlf else b"\n").join(lines) + b"\n"
    r = load_or_reject("d.jsonl", data)
    if r is None:
        return
    assert_accounted(r, nonblank_lines(data))
    # a record of the file's own format, untouched, is always an example
    for i, v in enumerate(values, start=1):
        if v == "":
            continue
        for fmt, good in VALID.items():
            if v == good and fmt.split("-tools")[0] == r.info.format:
                assert i in r.frame["line"].to_list()


@FUZZ
@given(values=st.lists(records, max_size=12), indent=st.sampled_from([None, 1]), ascii_only=st.booleans())
def test_json_values_as_json_array(values: list[Any], indent: int | None, ascii_only: bool) -> None:
    data = json.dumps(values, indent=indent, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    r = load_or_reject("d.json", data)
    if r is None:
        return
    # each element is one record with a line of its own (its physical start line; 1, 2, 3... when minified),
    # whatever is wrong with the others
    assert_accounted(r)
    assert len(set(r.frame["line"].to_list()) | {p.line for p in r.problems}) == len(values)
    if indent is None:
        assert_accounted(r, set(range(1, len(values) + 1)))


@FUZZ
@given(
    values=st.lists(records, min_size=1, max_size=8),
    at=st.integers(0, 7),
    junk=st.sampled_from([b"{oops", b"]", b",,", b"\xff", b"[" * 3000, b'"unterminated']),
)
def test_json_array_with_junk_half_way(values: list[Any], at: int, junk: bytes) -> None:
    items = [dumps(v, True) for v in values]
    at = min(at, len(items))
    data = b"[" + b",\n".join([*items[:at], junk, *items[at:]]) + b"]"
    r = load_or_reject("d.json", data)
    if r is None:
        return
    assert_accounted(r)
    # the records before the junk are all read: element k starts on physical line k (one element a line)
    assert set(range(1, at + 1)) <= {p.line for p in r.problems} | set(r.frame["line"].to_list())


# ------------------------------------------------------------------------------------------------ CSV cells

csv_cell = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8", exclude_characters="\x00"), st.sampled_from(list('",\n\r\t '))),
    max_size=30,
)


@FUZZ
@given(
    header=st.one_of(
        st.just(["text", "label"]), st.just(["prompt", "completion"]), st.lists(csv_cell, min_size=1, max_size=3)
    ),
    rows=st.lists(st.lists(csv_cell, min_size=0, max_size=4), max_size=12),
    tsv=st.booleans(),
)
def test_csv_cells(header: list[str], rows: list[list[str]], tsv: bool) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter="\t" if tsv else ",", lineterminator="\r\n").writerows([header, *rows])
    data = buf.getvalue().encode("utf-8")
    r = load_or_reject("d.tsv" if tsv else "d.csv", data)
    if r is None:
        return
    # rows whose cells are all blank are skipped and not counted; the others each have their physical line
    counted = [row for row in rows if any(c.strip() for c in row)]
    assert_accounted(r)
    lines = sorted(set(r.frame["line"].to_list()) | {p.line for p in r.problems})
    assert len(lines) == len(counted) and all(line >= 2 for line in lines)
    if header == ["text", "label"]:
        for n, row in enumerate(counted):
            if len(row) == 2 and row[0].strip() and row[1].strip():
                assert lines[n] in r.frame["line"].to_list()


@FUZZ
@given(rows=st.lists(st.tuples(csv_cell, csv_cell), min_size=2, max_size=8), bad=st.integers(0, 7))
def test_csv_with_a_byte_that_is_not_utf8(rows: list[tuple[str, str]], bad: int) -> None:
    rows = [(f"t{i} {a}", f"l{i}") for i, (a, _) in enumerate(rows)]
    bad = min(bad, len(rows) - 1)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["text", "label"])
    chunks = [out.getvalue().encode()]
    for i, row in enumerate(rows):
        one = io.StringIO()
        csv.writer(one, lineterminator="\r\n").writerow(row)
        raw = one.getvalue().encode()
        chunks.append(raw.replace(b"l", b"\xff", 1) if i == bad else raw)
    r = load_or_reject("d.csv", b"".join(chunks))
    assert r is not None
    assert_accounted(r)
    lines = sorted(set(r.frame["line"].to_list()) | {p.line for p in r.problems})
    assert len(lines) == len(rows)
    assert [(p.line, p.code) for p in r.problems] == [(lines[bad], "FT103")]
    if not any("\n" in a or "\r" in a for a, _ in rows):  # one physical line a row: the header's, then 2, 3, ...
        assert lines == list(range(2, len(rows) + 2))


# ------------------------------------------------------------------------------------------------ whole analysis


@settings(
    max_examples=int(os.environ.get("FTREADY_FUZZ_EXAMPLES", "100")) // 4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    turns=st.lists(st.tuples(awkward_text, awkward_text, awkward_text), min_size=1, max_size=8),
    others=st.lists(records, max_size=3),
)
def test_every_stage_and_report_on_awkward_text(turns: list[tuple[str, str, str]], others: list[Any]) -> None:
    """The whole analysis (with itself as validation and previous version) and every report, on hostile text."""
    recs = [
        {
            "messages": [
                {"role": "system", "content": s},
                {"role": "user", "content": u},
                {"role": "assistant", "content": a},
            ]
        }
        for s, u, a in turns
    ]
    data = b"\n".join([*(dumps(r, False) for r in recs), *(dumps(v, True) for v in others)]) + b"\n"
    path = _write("d.jsonl", data)
    try:
        result = analyse(path, Settings(validation=str(path), previous=str(path)))
    except InputError:
        return
    finally:
        path.unlink()
        path.parent.rmdir()
    assert result.dataset.records == result.dataset.examples + result.dataset.invalid
    for fmt in REPORTS:
        text = render(result, fmt)
        assert text.endswith("\n")
    assert json.loads(render(result, "json"))["dataset"]["records"] == result.dataset.records
    ElementTree.fromstring(render(result, "junit"))  # well-formed XML, whatever the data held


@pytest.mark.parametrize("codepoint", [0xD800, 0xDBFF, 0xDC00, 0xDFFF])
def test_lone_surrogate_escape_is_a_problem_not_a_crash(tmp_path: Path, codepoint: int) -> None:
    good = json.dumps(VALID["openai-chat"])
    bad = good.replace("Paris.", f"Par\\u{codepoint:04x}is.")
    pair = good.replace("Paris.", "Par\\ud83d\\ude00is.")  # a surrogate pair is one character: fine
    p = tmp_path / "s.jsonl"
    p.write_text("\n".join([good, bad, pair]) + "\n")
    r = load_dataset(p)
    assert [(x.line, x.code) for x in r.problems] == [(2, "FT101")]
    assert "surrogate" in r.problems[0].message
    assert r.frame["line"].to_list() == [1, 3]
    arr = tmp_path / "s.json"
    arr.write_text(f"[{good},{bad},{pair}]")
    r = load_dataset(arr)
    assert [(x.line, x.code) for x in r.problems] == [(2, "FT101")] and r.frame["line"].to_list() == [1, 3]


def test_the_helpers_themselves() -> None:
    assert nonblank_lines(b"\xef\xbb\xbf a\n\n \t\nb") == {1, 4}
    assert dumps("\ud800", False) == b'"\xed\xa0\x80"'  # a lone surrogate written raw: not valid UTF-8
    assert dumps("\ud800", True) == b'"\\ud800"'


# ------------------------------------------------------------------------------------------------ chat shortcut

chat_roles = st.sampled_from(["system", "developer", "user", "assistant", "tool", "function"])
odd_roles = st.sampled_from(["human", "gpt", "", 3, None])
chat_content = st.one_of(st.sampled_from(["", " ", "\n", "Paris.", "hello there", "ok"]), awkward_text)
odd_content = st.sampled_from([None, 7, [{"type": "text", "text": "a part"}], {"text": "x"}])


@st.composite
def chat_message(draw: st.DrawFn) -> Any:
    """Mostly a plain {"role", "content"} message; now and then one the general path must handle."""
    msg: dict[str, Any] = {"role": draw(chat_roles), "content": draw(chat_content)}
    odd = draw(st.integers(0, 40))
    if odd == 0:
        msg["role"] = draw(odd_roles)
    elif odd == 1:
        msg["content"] = draw(odd_content)
    elif odd == 2:
        msg["name"] = "alice"
    elif odd == 3:
        msg["weight"] = draw(st.sampled_from([0, 1, 2]))
    elif odd == 4:
        msg["tool_calls"] = [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{}"}}]
    elif odd == 5:
        del msg[draw(st.sampled_from(["role", "content"]))]
    elif odd == 6:
        return draw(st.sampled_from(["not a message", 1, None, []]))
    return msg


@st.composite
def chat_record(draw: st.DrawFn) -> Any:
    rec: dict[str, Any] = {"messages": draw(st.lists(chat_message(), max_size=6))}
    for key in draw(
        st.lists(st.sampled_from(["id", "metadata", "system", "tools", "custom", "interactions"]), max_size=2)
    ):
        rec[key] = draw(st.sampled_from(["x", "", [{"type": "function"}], {"a": 1}]))
    return rec


@FUZZ
@given(recs=st.lists(chat_record(), min_size=1, max_size=12), fast=st.booleans())
@example(recs=[{"messages": [{"role": "tool", "content": "t"}, {"role": "assistant", "content": "a"}]}], fast=False)
def test_chat_shortcut_gives_what_the_general_path_gives(recs: list[Any], fast: bool) -> None:
    """The loader's one-pass path for plain chat records changes nothing: frame, segments, problems, remarks."""
    import ftready.load as load_mod
    from ftready.tokens import FastSample

    path = _write("d.jsonl", b"\n".join(dumps(r, False) for r in recs) + b"\n")
    results: list[object] = []  # per run: the error message, or what was loaded
    try:
        for plain in (True, False):
            load_mod.PLAIN_CHAT = plain
            slots = FastSample(40, size=5) if fast else None
            try:
                got = load_dataset(path, tokens=slots)
            except InputError as exc:
                results.append(str(exc))
                continue
            texts = slots.texts(slots.sample()) if slots is not None else None
            results.append(
                (
                    got.frame.to_dicts(),
                    got.segments.to_dicts(),
                    texts,
                    got.problems,
                    {k: sorted(v) for k, v in got.remarks.items()},
                    got.overhead,
                    got.extra_keys,
                    got.info,
                )
            )
    finally:
        load_mod.PLAIN_CHAT = True
        path.unlink()
        path.parent.rmdir()
    assert results[0] == results[1]


def test_plain_chat_records_take_the_shortcut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ftready.load as load_mod
    from ftready.load.messages import Normalised

    general: list[int] = []
    real_add = load_mod._Builder.add

    def add(self: load_mod._Builder, line: int, fmt: str, norm: Normalised) -> None:
        general.append(line)
        real_add(self, line, fmt, norm)

    monkeypatch.setattr(load_mod._Builder, "add", add)
    plain = {"messages": [{"role": "developer", "content": "Be brief."}, {"role": "user", "content": "Hi"}]}
    plain["messages"].append({"role": "assistant", "content": "Hello."})
    recs = [plain, {**plain, "id": 4, "metadata": {"split": "train"}}, VALID["openai-chat"]]
    tools = VALID["openai-chat-tools"]
    path = tmp_path / "d.jsonl"
    path.write_bytes(b"\n".join(dumps(r, False) for r in [*recs, tools]) + b"\n")
    got = load_dataset(path)
    assert got.frame.height == 4
    assert general == [3, 4]  # a weight, tool calls and typed parts take the general path
