"""Field validators for the pricing tables and `Table`, a mapping with known keys.

Each validator takes the document, the key path and the raw YAML value, and returns the normalised value, or `BAD`
after reporting one problem at that path (`FILE:LINE: key.path: what is wrong`). Dates come back as
`(first day, text as written)` so `2026-09` keeps its precision in reports.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ftready.pricing.schema import RATE_KEY, SCHEMA_VERSION
from ftready.pricing.yamldoc import BAD, Doc, YamlPath

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def show(v: Any) -> str:
    """A value as the user wrote it, for error messages."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, Mapping):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    return str(v)


def _got(doc: Doc, path: YamlPath, v: Any) -> str:
    """The value for a message, numbers as written in the file."""
    if isinstance(v, (int, float)) and not isinstance(v, bool) and path in doc.raw:
        raw = doc.raw[path]
        return raw if len(raw) <= 40 else f"{raw[:20]}… ({len(raw)} characters)"
    return show(v)


MAX_NUMBER = 1e15  # far above any price, count or size a table can mean; larger ones are typing slips


def _is_num(v: Any) -> bool:
    """A finite number of sensible size (a 400-digit integer would overflow every float computation)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    if isinstance(v, int):
        return abs(v) <= MAX_NUMBER
    return math.isfinite(v) and abs(v) <= MAX_NUMBER


Validator = Callable[[Doc, YamlPath, Any], Any]


def v_price(doc: Doc, path: YamlPath, v: Any) -> Any:
    """A money amount ≥ 0, or null when unknown."""
    if v is None:
        return None
    if not _is_num(v) or v < 0:
        doc.err(path, f"must be a number ≥ 0, got {_got(doc, path, v)}")
        return BAD
    return float(v)


def v_positive(doc: Doc, path: YamlPath, v: Any) -> Any:
    """A number > 0, or null when unknown."""
    if v is None:
        return None
    if not _is_num(v) or v <= 0:
        doc.err(path, f"must be a number > 0, got {_got(doc, path, v)}")
        return BAD
    return float(v)


def v_positive_number(doc: Doc, path: YamlPath, v: Any) -> Any:
    """A number > 0 that must be given (a setting with a built-in default: leave the key out instead of null)."""
    if not _is_num(v) or v <= 0:
        doc.err(path, f"must be a number > 0, got {_got(doc, path, v)}")
        return BAD
    return float(v)


def v_nonneg(doc: Doc, path: YamlPath, v: Any) -> Any:
    if not _is_num(v) or v < 0:
        doc.err(path, f"must be a number ≥ 0, got {_got(doc, path, v)}")
        return BAD
    return float(v)


def v_count(doc: Doc, path: YamlPath, v: Any) -> Any:
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        doc.err(path, f"must be a whole number ≥ 1, got {_got(doc, path, v)}")
        return BAD
    return v


def v_count_or_null(doc: Doc, path: YamlPath, v: Any) -> Any:
    return None if v is None else v_count(doc, path, v)


def v_text(doc: Doc, path: YamlPath, v: Any) -> Any:
    if not isinstance(v, str) or not v.strip():
        doc.err(path, f"must be a non-empty string, got {_got(doc, path, v)}")
        return BAD
    return v.strip()


def v_bool(doc: Doc, path: YamlPath, v: Any) -> Any:
    if not isinstance(v, bool):
        doc.err(path, f"must be true or false, got {_got(doc, path, v)}")
        return BAD
    return v


def v_text_list(doc: Doc, path: YamlPath, v: Any) -> Any:
    if not isinstance(v, list):
        doc.err(path, f"must be a list of strings, got {_got(doc, path, v)}")
        return BAD
    out = []
    for i, item in enumerate(v):
        t = v_text(doc, (*path, i), item)
        if t is not BAD:
            out.append(t)
    return tuple(out)


def v_enum(*allowed: str) -> Validator:
    def check(doc: Doc, path: YamlPath, v: Any) -> Any:
        if v not in allowed:
            doc.err(path, f"must be one of {', '.join(allowed)}, got {_got(doc, path, v)}")
            return BAD
        return v

    return check


def v_partial_date(doc: Doc, path: YamlPath, v: Any) -> Any:
    """A date YYYY-MM-DD, or YYYY-MM / YYYY when the day is unknown -> (first day, text)."""
    if isinstance(v, dt.datetime):
        return v.date(), v.date().isoformat()
    if isinstance(v, dt.date):
        return v, v.isoformat()
    if isinstance(v, int) and not isinstance(v, bool) and 1900 <= v <= 2200:
        return dt.date(v, 1, 1), str(v)
    if isinstance(v, str):
        s = v.strip()
        try:
            if _FULL_DATE.match(s):
                return dt.date.fromisoformat(s), s
            m = _YEAR_MONTH.match(s)
            if m:
                return dt.date(int(m.group(1)), int(m.group(2)), 1), s
            m = _YEAR.match(s)
            if m:
                return dt.date(int(m.group(1)), 1, 1), s
        except ValueError:
            pass
    doc.err(path, f"must be a date YYYY-MM-DD (or YYYY-MM, YYYY when the day is unknown), got {_got(doc, path, v)}")
    return BAD


def v_date_or_null(doc: Doc, path: YamlPath, v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str) and _FULL_DATE.match(v.strip()):
        try:
            return dt.date.fromisoformat(v.strip())
        except ValueError:
            pass
    doc.err(path, f"must be a date YYYY-MM-DD or null, got {_got(doc, path, v)}")
    return BAD


def v_epochs(doc: Doc, path: YamlPath, v: Any) -> Any:
    if v == "auto":
        return "auto"
    if isinstance(v, int) and not isinstance(v, bool) and v >= 1:
        return v
    doc.err(path, f"must be a whole number ≥ 1 or auto, got {_got(doc, path, v)}")
    return BAD


def v_slug(doc: Doc, path: YamlPath, v: Any) -> Any:
    if not isinstance(v, str) or not _SLUG.match(v):
        doc.err(path, f"must be a lower-case name (letters, digits, _), got {_got(doc, path, v)}")
        return BAD
    return v


def v_currency(doc: Doc, path: YamlPath, v: Any) -> Any:
    if not isinstance(v, str) or not _CURRENCY.match(v):
        doc.err(path, f"must be a 3-letter ISO 4217 code such as USD, got {_got(doc, path, v)}")
        return BAD
    return v


def v_schema_version(doc: Doc, path: YamlPath, v: Any) -> Any:
    if v != SCHEMA_VERSION or isinstance(v, bool):
        doc.err(path, f"must be {SCHEMA_VERSION} (the only schema this ftready reads), got {_got(doc, path, v)}")
        return BAD
    return v


def v_rates(doc: Doc, path: YamlPath, v: Any) -> Any:
    if not isinstance(v, Mapping):
        doc.err(path, f"must be a mapping of rate key to price, got {_got(doc, path, v)}")
        return BAD
    if not v:
        doc.err(path, "must list at least one rate, e.g. sft: 5.00 (null when unknown)")
        return BAD
    out: dict[str, Any] = {}
    for k, price in v.items():
        if not RATE_KEY.match(k):
            doc.err(
                (*path, k),
                "unknown rate key (expected sft, dpo or rft, optionally followed by _lora, _qlora or _full "
                "and by _global, _regional, _datazone or _developer)",
            )
            continue
        p = v_price(doc, (*path, k), price)
        if p is not BAD:
            out[k] = p
    return out


class Table:
    """A mapping with known keys: unknown keys and missing required keys are errors."""

    def __init__(self, fields: Mapping[str, Validator], required: Iterable[str] = (), nullable: bool = False):
        self.fields = dict(fields)
        self.required = tuple(required)
        self.nullable = nullable

    def __call__(self, doc: Doc, path: YamlPath, v: Any) -> Any:
        if v is None and self.nullable:
            return None
        if not isinstance(v, Mapping):
            doc.err(path, f"must be a mapping, got {_got(doc, path, v)}")
            return BAD
        out: dict[str, Any] = {}
        for k, item in v.items():
            if item is BAD:
                continue
            fn = self.fields.get(k)
            if fn is None:
                doc.err((*path, k), f"unknown key (known: {', '.join(sorted(self.fields))})")
                continue
            res = fn(doc, (*path, k), item)
            if res is not BAD:
                out[k] = res
        for k in self.required:
            if k not in v:
                doc.err(path, f"missing key {k}")
        return out


def v_map_of(item: Validator, what: str, *, allow_empty: bool = False) -> Validator:
    """A mapping of free names (model ids, source ids, ...) to validated entries."""

    def check(doc: Doc, path: YamlPath, v: Any) -> Any:
        if not isinstance(v, Mapping):
            doc.err(path, f"must be a mapping of {what}, got {_got(doc, path, v)}")
            return BAD
        if not v and not allow_empty:
            doc.err(path, f"must list at least one {what.rstrip('s')}")
            return BAD
        out: dict[str, Any] = {}
        for k, entry in v.items():
            if entry is BAD:
                continue
            res = item(doc, (*path, k), entry)
            if res is not BAD:
                out[k] = res
        return out

    return check


def v_source_of(doc: Doc, path: YamlPath, v: Any) -> Any:
    """`source_of: {dotted.key.path: source id}` for single values whose source differs from the block's."""
    if not isinstance(v, Mapping):
        doc.err(path, f"must be a mapping of key path to source id, got {_got(doc, path, v)}")
        return BAD
    out: dict[str, str] = {}
    for k, sid in v.items():
        t = v_text(doc, (*path, k), sid)
        if t is not BAD:
            out[k] = t
    return out
