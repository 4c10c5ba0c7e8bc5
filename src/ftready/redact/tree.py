"""The one step every string from the data passes before any renderer: masking and control escapes."""

from __future__ import annotations

import dataclasses
import enum
import re
import threading
from collections.abc import Callable, Mapping
from typing import TypeVar, cast

from ftready.redact.detection import redact

T = TypeVar("T")

# ---------------------------------------------------------------------------------------------------------------
# The one step every string from the data passes before any renderer

# C0 controls but tab and newline, DEL, C1 controls, bidirectional overrides and isolates, the non-characters
# U+FFFE/U+FFFF and lone surrogates (a file name that is not UTF-8): none is valid in XML 1.0 or safe on a terminal
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")


def _escape_one(m: re.Match[str]) -> str:
    c = m.group()
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:  # a byte that is not UTF-8, kept by the file-system encoding: show the byte
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n <= 0xFF else f"\\u{n:04x}"


def escape_controls(text: str) -> str:
    """`text` with every control character (but tab and newline), bidirectional override, lone surrogate and
    XML-illegal character written as a visible escape (``\\x1b``, ``\\x00``, ``\\u202e``, ``\\xe9`` for a byte of a
    non-UTF-8 file name), so that no report format can be broken or a terminal driven by the data."""
    return _CONTROLS.sub(_escape_one, text) if _CONTROLS.search(text) else text


_SAFE_CACHE: dict[str, str] = {}
_SAFE_CACHE_MAX = 100_000
_SAFE_LOCK = threading.Lock()


def safe_text(text: str) -> str:
    """`redact(text)` with its control characters escaped (`escape_controls`): the form in which any string that
    comes from the data may be shown, in any format. Idempotent."""
    hit = _SAFE_CACHE.get(text)
    if hit is not None:
        return hit
    out = redact(text)
    if "/" in out:  # a path: each of its parts on its own (a card number as a file name follows a '/')
        out = "/".join(redact(part) for part in out.split("/"))
    out = escape_controls(out)
    with _SAFE_LOCK:
        if len(_SAFE_CACHE) >= _SAFE_CACHE_MAX:
            _SAFE_CACHE.clear()
        _SAFE_CACHE[text] = out
        _SAFE_CACHE[out] = out
    return out


def mask_tree(obj: T) -> T:
    """A copy of `obj` with every string in it, mapping keys included, passed through `safe_text`.

    Walks frozen dataclasses (fields that are neither shown nor compared, such as an analysis's working state, are
    kept as they are), mappings, lists, tuples and sets; enums, numbers and other values are kept. Parts with
    nothing to change are returned as they are, not copied. When two keys of a mapping mask to the same text, their
    numeric values are added (two e-mail labels that mask alike count together); otherwise the first is kept.
    """
    return cast(T, _walk(obj))  # the walk returns a value of the type it was given


def _walk(obj: object) -> object:
    if isinstance(obj, str):
        return obj if isinstance(obj, enum.Enum) else safe_text(obj)
    if obj is None or isinstance(obj, (int, float, enum.Enum, bytes)):
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in dataclasses.fields(obj):
            if not f.init or (not f.repr and not f.compare):
                continue
            old = getattr(obj, f.name)
            new = _walk(old)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(obj, **changes) if changes else obj
    if isinstance(obj, Mapping):
        out: dict[object, object] = {}
        changed = False
        for k, v in obj.items():
            nk, nv = _walk(k), _walk(v)
            changed = changed or nk is not k or nv is not v
            if nk in out:
                changed = True
                prev = out[nk]
                if isinstance(prev, (int, float)) and isinstance(nv, (int, float)) and not isinstance(prev, bool):
                    out[nk] = prev + nv
                continue
            out[nk] = nv
        return out if changed or not isinstance(obj, dict) else obj
    if isinstance(obj, (list, tuple, set, frozenset)):
        if all(type(x) is int for x in obj):  # line numbers: nothing to mask
            return obj
        items = [_walk(x) for x in obj]
        if all(a is b for a, b in zip(items, obj, strict=False)) and not isinstance(obj, (set, frozenset)):
            return obj
        if isinstance(obj, tuple) and hasattr(obj, "_fields"):  # a named tuple
            named: Callable[..., object] = type(obj)
            return named(*items)
        return type(obj)(items)
    return obj
