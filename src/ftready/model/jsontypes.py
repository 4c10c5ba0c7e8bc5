"""How typed sections become the JSON report: a JSON value type, field metadata and one converter.

A section is a frozen dataclass. Its fields are written to JSON in declaration order; field metadata (see
`meta`) documents each key for `docs/report.md` and may cap how many items of a sequence the report shows. The
section itself always holds everything (all groups, all lines); only `to_json` applies caps.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from typing import Protocol, TypeAlias, Union

JSONValue: TypeAlias = Union[bool, int, float, str, list["JSONValue"], dict[str, "JSONValue"], None]  # noqa: UP007
JSONObject: TypeAlias = dict[str, JSONValue]


class Section(Protocol):
    """A family's typed section: its JSON form is `to_dict()`."""

    def to_dict(self) -> JSONObject: ...


def meta(
    doc: str,
    *,
    cap: int | None = None,
    item_cap: int | None = None,
    key: str | None = None,
    json: bool = True,
    omit_none: bool = False,
) -> dict[str, object]:
    """Field metadata: `doc` for docs/report.md; `cap`, the most items of a sequence or mapping the JSON report
    shows; `item_cap`, the most items of each inner sequence; `key`, the JSON key when it differs from the field
    name; `json=False` for a field the report does not show; `omit_none` for a key the report leaves out when
    its value is null."""
    out: dict[str, object] = {"doc": doc}
    if cap is not None:
        out["cap"] = cap
    if item_cap is not None:
        out["item_cap"] = item_cap
    if key is not None:
        out["key"] = key
    if not json:
        out["json"] = False
    if omit_none:
        out["omit_none"] = True
    return out


def to_json(value: object, cap: int | None = None, item_cap: int | None = None) -> JSONValue:
    """The JSON form of a section value: dataclasses become objects (fields in order, caps applied), tuples and
    lists become arrays, mappings objects, enums their value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclass_json(value)
    if isinstance(value, enum.Enum):
        return to_json(value.value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, Mapping):
        items = list(value.items())
        if cap is not None:
            items = items[:cap]
        return {str(k): to_json(v, item_cap) for k, v in items}
    if isinstance(value, (tuple, list)):
        seq = value if cap is None else value[:cap]
        return [to_json(v, item_cap) for v in seq]
    raise TypeError(f"no JSON form for {type(value).__name__}")


def dataclass_json(obj: object) -> JSONObject:
    """A dataclass instance as a JSON object: each field under its key, with its field metadata's caps."""
    out: JSONObject = {}
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        if f.metadata.get("json") is False:
            continue
        if f.metadata.get("omit_none") and getattr(obj, f.name) is None:
            continue
        key = str(f.metadata.get("key", f.name))
        cap = f.metadata.get("cap")
        item_cap = f.metadata.get("item_cap")
        out[key] = to_json(
            getattr(obj, f.name),
            cap if isinstance(cap, int) else None,
            item_cap if isinstance(item_cap, int) else None,
        )
    return out
