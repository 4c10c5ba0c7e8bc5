"""Field validators for the pricing tables and `Table`, a mapping with known keys.

Each validator takes the document, the key path and the raw YAML value, and returns the normalised value, or `BAD`
after reporting one problem at that path (`FILE:LINE: key.path: what is wrong`). Dates come back as
`(first day, text as written)` so `2026-09` keeps its precision in reports.

Validators read `Parsed` (raw YAML) and return `Checked`; the `as_*` functions narrow a `Checked` value of a
validated table to the type its validator gives, for building the typed price book.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TypeAlias, TypeGuard

from ftready.pricing.schema import RATE_KEY, SCHEMA_VERSION
from ftready.pricing.yamldoc import BAD, Bad, Doc, Parsed, YamlPath

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


PartialDate = tuple[dt.date, str]  # (first day, text as written): 2026-09 -> (2026-09-01, "2026-09")
# What a validator returns: a normalised scalar, a list of texts, a partial date, or a checked mapping.
Checked: TypeAlias = str | int | float | bool | dt.date | tuple[str, ...] | PartialDate | Mapping[str, "Checked"] | None


def show(v: object) -> str:
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


def _got(doc: Doc, path: YamlPath, v: object) -> str:
    """The value for a message, numbers as written in the file."""
    if isinstance(v, (int, float)) and not isinstance(v, bool) and path in doc.raw:
        raw = doc.raw[path]
        return raw if len(raw) <= 40 else f"{raw[:20]}… ({len(raw)} characters)"
    return show(v)


MAX_NUMBER = 1e15  # far above any price, count or size a table can mean; larger ones are typing slips


def _is_num(v: object) -> TypeGuard[int | float]:
    """A finite number of sensible size (a 400-digit integer would overflow every float computation)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    if isinstance(v, int):
        return abs(v) <= MAX_NUMBER
    return math.isfinite(v) and abs(v) <= MAX_NUMBER


Validator = Callable[[Doc, YamlPath, Parsed], "Checked | Bad"]


def v_price(doc: Doc, path: YamlPath, v: Parsed) -> float | Bad | None:
    """A money amount ≥ 0, or null when unknown."""
    if v is None:
        return None
    if not _is_num(v) or v < 0:
        doc.err(path, f"must be a number ≥ 0, got {_got(doc, path, v)}")
        return BAD
    return float(v)


def v_positive(doc: Doc, path: YamlPath, v: Parsed) -> float | Bad | None:
    """A number > 0, or null when unknown."""
    if v is None:
        return None
    if not _is_num(v) or v <= 0:
        doc.err(path, f"must be a number > 0, got {_got(doc, path, v)}")
        return BAD
    return float(v)


def v_positive_number(doc: Doc, path: YamlPath, v: Parsed) -> float | Bad:
    """A number > 0 that must be given (a setting with a built-in default: leave the key out instead of null)."""
    if not _is_num(v) or v <= 0:
        doc.err(path, f"must be a number > 0, got {_got(doc, path, v)}")
        return BAD
    return float(v)


def v_nonneg(doc: Doc, path: YamlPath, v: Parsed) -> float | Bad:
    if not _is_num(v) or v < 0:
        doc.err(path, f"must be a number ≥ 0, got {_got(doc, path, v)}")
        return BAD
    return float(v)


def v_count(doc: Doc, path: YamlPath, v: Parsed) -> int | Bad:
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        doc.err(path, f"must be a whole number ≥ 1, got {_got(doc, path, v)}")
        return BAD
    return v


def v_count_or_null(doc: Doc, path: YamlPath, v: Parsed) -> int | Bad | None:
    return None if v is None else v_count(doc, path, v)


def v_text(doc: Doc, path: YamlPath, v: Parsed) -> str | Bad:
    if not isinstance(v, str) or not v.strip():
        doc.err(path, f"must be a non-empty string, got {_got(doc, path, v)}")
        return BAD
    return v.strip()


def v_bool(doc: Doc, path: YamlPath, v: Parsed) -> bool | Bad:
    if not isinstance(v, bool):
        doc.err(path, f"must be true or false, got {_got(doc, path, v)}")
        return BAD
    return v


def v_text_list(doc: Doc, path: YamlPath, v: Parsed) -> tuple[str, ...] | Bad:
    if not isinstance(v, list):
        doc.err(path, f"must be a list of strings, got {_got(doc, path, v)}")
        return BAD
    out: list[str] = []
    for i, item in enumerate(v):
        if isinstance(item, Bad):  # already reported where it was parsed
            continue
        t = v_text(doc, (*path, i), item)
        if not isinstance(t, Bad):
            out.append(t)
    return tuple(out)


def v_enum(*allowed: str) -> Validator:
    def check(doc: Doc, path: YamlPath, v: Parsed) -> str | Bad:
        if not isinstance(v, str) or v not in allowed:
            doc.err(path, f"must be one of {', '.join(allowed)}, got {_got(doc, path, v)}")
            return BAD
        return v

    return check


def v_partial_date(doc: Doc, path: YamlPath, v: Parsed) -> PartialDate | Bad:
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


def v_date_or_null(doc: Doc, path: YamlPath, v: Parsed) -> dt.date | Bad | None:
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


def v_epochs(doc: Doc, path: YamlPath, v: Parsed) -> int | str | Bad:
    if v == "auto":
        return "auto"
    if isinstance(v, int) and not isinstance(v, bool) and v >= 1:
        return v
    doc.err(path, f"must be a whole number ≥ 1 or auto, got {_got(doc, path, v)}")
    return BAD


def v_slug(doc: Doc, path: YamlPath, v: Parsed) -> str | Bad:
    if not isinstance(v, str) or not _SLUG.match(v):
        doc.err(path, f"must be a lower-case name (letters, digits, _), got {_got(doc, path, v)}")
        return BAD
    return v


def v_currency(doc: Doc, path: YamlPath, v: Parsed) -> str | Bad:
    if not isinstance(v, str) or not _CURRENCY.match(v):
        doc.err(path, f"must be a 3-letter ISO 4217 code such as USD, got {_got(doc, path, v)}")
        return BAD
    return v


def v_schema_version(doc: Doc, path: YamlPath, v: Parsed) -> int | float | Bad:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v != SCHEMA_VERSION:
        doc.err(path, f"must be {SCHEMA_VERSION} (the only schema this ftready reads), got {_got(doc, path, v)}")
        return BAD
    return v


def v_rates(doc: Doc, path: YamlPath, v: Parsed) -> dict[str, float | None] | Bad:
    if not isinstance(v, Mapping):
        doc.err(path, f"must be a mapping of rate key to price, got {_got(doc, path, v)}")
        return BAD
    if not v:
        doc.err(path, "must list at least one rate, e.g. sft: 5.00 (null when unknown)")
        return BAD
    out: dict[str, float | None] = {}
    for k, price in v.items():
        if isinstance(price, Bad):  # already reported where it was parsed
            continue
        if not RATE_KEY.match(k):
            doc.err(
                (*path, k),
                "unknown rate key (expected sft, dpo or rft, optionally followed by _lora, _qlora or _full "
                "and by _global, _regional, _datazone or _developer)",
            )
            continue
        p = v_price(doc, (*path, k), price)
        if not isinstance(p, Bad):
            out[k] = p
    return out


class Table:
    """A mapping with known keys: unknown keys and missing required keys are errors."""

    def __init__(self, fields: Mapping[str, Validator], required: Iterable[str] = (), nullable: bool = False):
        self.fields = dict(fields)
        self.required = tuple(required)
        self.nullable = nullable

    def __call__(self, doc: Doc, path: YamlPath, v: Parsed) -> dict[str, Checked] | Bad | None:
        if v is None and self.nullable:
            return None
        if not isinstance(v, Mapping):
            doc.err(path, f"must be a mapping, got {_got(doc, path, v)}")
            return BAD
        out: dict[str, Checked] = {}
        for k, item in v.items():
            if isinstance(item, Bad):
                continue
            fn = self.fields.get(k)
            if fn is None:
                doc.err((*path, k), f"unknown key (known: {', '.join(sorted(self.fields))})")
                continue
            res = fn(doc, (*path, k), item)
            if not isinstance(res, Bad):
                out[k] = res
        for k in self.required:
            if k not in v:
                doc.err(path, f"missing key {k}")
        return out


def v_map_of(item: Validator, what: str, *, allow_empty: bool = False) -> Validator:
    """A mapping of free names (model ids, source ids, ...) to validated entries."""

    def check(doc: Doc, path: YamlPath, v: Parsed) -> dict[str, Checked] | Bad:
        if not isinstance(v, Mapping):
            doc.err(path, f"must be a mapping of {what}, got {_got(doc, path, v)}")
            return BAD
        if not v and not allow_empty:
            doc.err(path, f"must list at least one {what.rstrip('s')}")
            return BAD
        out: dict[str, Checked] = {}
        for k, entry in v.items():
            if isinstance(entry, Bad):
                continue
            res = item(doc, (*path, k), entry)
            if not isinstance(res, Bad):
                out[k] = res
        return out

    return check


def v_source_of(doc: Doc, path: YamlPath, v: Parsed) -> dict[str, str] | Bad:
    """`source_of: {dotted.key.path: source id}` for single values whose source differs from the block's."""
    if not isinstance(v, Mapping):
        doc.err(path, f"must be a mapping of key path to source id, got {_got(doc, path, v)}")
        return BAD
    out: dict[str, str] = {}
    for k, sid in v.items():
        if isinstance(sid, Bad):  # already reported where it was parsed
            continue
        t = v_text(doc, (*path, k), sid)
        if not isinstance(t, Bad):
            out[k] = t
    return out


# ---------------------------------------------------------------------------------------------------------------
# Reading a validated table: each value has the type its validator returns; these narrow `Checked` to it (a
# mismatch is a bug in this package, never bad input, and raises TypeError).


def _wrong(v: object, what: str) -> TypeError:
    return TypeError(f"a validated pricing value is {type(v).__name__}, expected {what}")


def as_str(v: Checked) -> str:
    if isinstance(v, str):
        return v
    raise _wrong(v, "str")


def as_opt_str(v: Checked) -> str | None:
    return None if v is None else as_str(v)


def as_float(v: Checked) -> float:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v
    raise _wrong(v, "a number")


def as_opt_float(v: Checked) -> float | None:
    return None if v is None else as_float(v)


def as_int(v: Checked) -> int:
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    raise _wrong(v, "int")


def as_opt_int(v: Checked) -> int | None:
    return None if v is None else as_int(v)


def as_bool(v: Checked) -> bool:
    if isinstance(v, bool):
        return v
    raise _wrong(v, "bool")


def as_epochs(v: Checked) -> int | str:
    """`default_epochs`: a whole number or "auto"."""
    return as_str(v) if isinstance(v, str) else as_int(v)


def as_opt_date(v: Checked) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    raise _wrong(v, "date")


def as_partial_date(v: Checked) -> PartialDate:
    if isinstance(v, tuple) and len(v) == 2:
        day, text = v
        if isinstance(day, dt.date) and isinstance(text, str):
            return day, text
    raise _wrong(v, "(date, text)")


def as_texts(v: Checked) -> tuple[str, ...]:
    if isinstance(v, tuple):
        return tuple(as_str(t) for t in v)
    raise _wrong(v, "a tuple of str")


def as_table(v: Checked) -> Mapping[str, Checked]:
    if isinstance(v, Mapping):
        return v
    raise _wrong(v, "a mapping")


def as_opt_table(v: Checked) -> Mapping[str, Checked] | None:
    return None if v is None else as_table(v)


def as_tables(v: Checked) -> dict[str, Mapping[str, Checked]]:
    """A mapping of names to checked mappings (`models`, `sources`, `embeddings`, ...)."""
    return {k: as_table(item) for k, item in as_table(v).items()}
