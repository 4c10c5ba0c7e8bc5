"""Strict JSON for one record, parsed in compiled code (msgspec), with the strict Python parser for the rare doubt.

msgspec's decoder already refuses what ftready's strict parser refuses, except duplicate keys: NaN and Infinity,
lone surrogates (escaped halves of a pair), control characters in strings, invalid UTF-8, trailing data. It keeps
the last of two equal keys silently, so a duplicate key is found without a second parse: re-encoding the value (in
compiled code) writes one colon per key kept plus the colons inside strings, and the record's text has one colon
per key written plus the same colons inside strings, unless a colon was written as an escape (``\\u003a``), which
sends the record to the strict path. Equal counts mean every key written was kept. Whatever msgspec refuses, or
any doubt, goes to ``readers.parse_json``, which gives the exact message (or accepts what msgspec alone refuses,
such as a number too large for a float, which Python reads as infinity). The values are the same Python objects
``json`` gives (dict, list, str, int, float, bool, None).
"""

from __future__ import annotations

from typing import Any, Final

import msgspec

_DECODER = msgspec.json.Decoder()
_ENCODE = msgspec.json.encode
_ERRORS = (msgspec.DecodeError, msgspec.ValidationError, RecursionError, OverflowError)

DOUBT: Final = object()
"""Returned when the record needs the strict Python path (an error to describe, or a duplicate key to find)."""


def parse_bytes(data: bytes) -> Any:
    """The record's value, or DOUBT when only the strict parser can tell (then it gives the same value or the
    exact problem)."""
    try:
        value = _DECODER.decode(data)
    except _ERRORS:
        return DOUBT
    colons = data.count(b":")
    if colons and (b"\\u003" in data or _ENCODE(value).count(b":") != colons):
        return DOUBT
    return value


__all__ = ["DOUBT", "parse_bytes"]
