"""The compiled record parser gives what the strict Python parser gives, or hands the record to it."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftready.load.fastjson import DOUBT, parse_bytes
from ftready.load.readers import parse_json


def strict(data: bytes) -> tuple[str, object]:
    try:
        return "ok", parse_json(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        return "error", str(exc)


@pytest.mark.parametrize(
    "data",
    [
        b'{"a":1,"a":2}',  # duplicate key
        b'{"messages":[{"role":"user","content":"a:b","content":"c"}]}',  # duplicate beside a colon in a string
        b'{"a":"\\u003a","a":1}',  # a colon written as an escape hides a duplicate from the count alone
        b'{"a":NaN}',
        b'{"a":Infinity}',
        b'{"a":"\\ud800"}',
        b'{"a":"\\udc00x"}',
        b'{"\\ud800":1}',
        b'{"a":"x\x01"}',
        b'{"a":1} x',
        b'{"a":1e400}',  # Python reads infinity; msgspec refuses, so the strict path decides
        b'{"a":' + b"1" * 5000 + b"}",
        b"[" * 3000 + b"]" * 3000,
        b'{"a":"\xff"}',
    ],
)
def test_doubtful_records_take_the_strict_path(data: bytes) -> None:
    assert parse_bytes(data) is DOUBT


@pytest.mark.parametrize(
    "data",
    [
        b'{"messages":[{"role":"user","content":"time: 10:30"},{"role":"assistant","content":"ok \\ud83d\\ude00"}]}',
        b'{"a": {"b": [1, 2.5, -0, true, false, null, "x\\"y:"]}}',
        b'"just a string"',
        b"[]",
        b'{"k:1":"v:2"}',
    ],
)
def test_plain_records_parse_in_compiled_code(data: bytes) -> None:
    value = parse_bytes(data)
    assert value is not DOUBT
    assert value == json.loads(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(json_values, st.integers(min_value=0, max_value=3), st.sampled_from(["", ":", '"k":1,']))
def test_same_result_as_the_strict_parser(value: object, dup: int, splice: str) -> None:
    text = json.dumps(value, ensure_ascii=bool(dup % 2))
    if text.startswith("{") and dup >= 2 and splice:
        text = "{" + splice + text[1:] if text != "{}" else "{" + splice.rstrip(",") + "}"
        text = text.replace(':"k":1', '"k":1')
    data = text.encode("utf-8", "surrogatepass")
    fast = parse_bytes(data)
    kind, expected = strict(data)
    if fast is DOUBT:
        return  # the strict path decides, by construction the same
    assert kind == "ok", (data, expected)
    assert fast == expected
