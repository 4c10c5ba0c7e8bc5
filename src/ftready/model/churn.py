"""The churn section: how a dataset changed since its previous version (`--previous FILE`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ftready.model.jsontypes import JSONObject, dataclass_json, meta

IDENTITY = "normalised prompt (system prompt + non-assistant turns; the reply for plain text)"


@dataclass(frozen=True, slots=True)
class ChurnSection:
    previous_path: str = field(metadata=meta("the --previous file"))
    added: int = field(metadata=meta("prompts new in this version"))
    removed: int = field(metadata=meta("prompts gone since the previous version"))
    changed: int = field(metadata=meta("prompts whose replies changed"))
    unchanged: int = field(metadata=meta("prompts with the same replies"))
    churn_rate: float = field(metadata=meta("added + removed + changed over all prompts of either version"))
    interval_days: float | None = field(metadata=meta("days between the versions, or null when unknown"))
    interval_source: str = field(metadata=meta("where the interval comes from"))
    projected_updates_per_year: float | None = field(
        metadata=meta("retraining cycles a year at this pace, or null when the interval is unknown")
    )
    identity: str = field(default=IDENTITY, metadata=meta("what identifies an example across versions"))

    def to_dict(self) -> JSONObject:
        return dataclass_json(self)
