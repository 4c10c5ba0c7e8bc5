"""User edits of a pricing table: validate the text before it is written, and keep only what differs from the
shipped table, so that later shipped prices still arrive for everything the user did not change.

Tables layer per model ("a later file wins, per model"): a user file holds the shipped header (so that it is a
valid table of its own) and only the models whose entries the user changed or added. A change to `defaults`
changes every model that inherits it, so then every model is kept.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

import yaml

from ftready.pricing.tables import validate_file


def validate_text(text: str, name: str, file_name: str) -> list[str]:
    """The problems of `text` as the pricing file `file_name` (its stem must be the provider), named `name` in
    the messages; nothing is written outside a private temporary folder."""
    with tempfile.TemporaryDirectory(prefix="ftready-pricing-") as tmp:
        path = Path(tmp) / file_name
        path.write_text(text, encoding="utf-8")
        return list(validate_file(path, name).problems)


def _load(text: str) -> object:
    """The text as PyYAML's safe loader reads it (anything: the caller narrows it), None when it does not parse."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def overrides(edited: str, shipped: str) -> str | None:
    """The text of the user file for an edit of a shipped table: None when nothing differs from the shipped
    table, the edited text itself when it cannot be reduced (not a provider table), else the shipped header with
    only the changed or added models. `edited` must be valid (see `validate_text`)."""
    new, old = _load(edited), _load(shipped)
    if not isinstance(new, Mapping) or not isinstance(old, Mapping):
        return edited
    if new == old:
        return None
    new_models, old_models = new.get("models"), old.get("models")
    if not isinstance(new_models, Mapping) or not isinstance(old_models, Mapping):
        return edited  # rag.yaml and other tables without per-model entries: the whole file
    header_same = all(new.get(k) == old.get(k) for k in set(new) | set(old) if k not in ("models", "defaults"))
    if not header_same or new.get("defaults") != old.get("defaults"):
        # a changed header or defaults touches every model: keep the whole table
        return edited
    changed = {mid: entry for mid, entry in new_models.items() if old_models.get(mid) != entry}
    if not changed:
        return None  # only removals: the shipped models come back anyway; nothing to override
    out = {k: v for k, v in new.items() if k != "models"}
    out["models"] = changed
    body = yaml.safe_dump(out, sort_keys=False, allow_unicode=True, width=110)
    note = "# Your overrides of the shipped table: only the models you changed. Shipped updates reach the others.\n"
    return note + body
