"""The overfitting-risk section: a level, its reasons, and the figures the rules compared (FT601 reads it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ftready.model.jsontypes import JSONObject, dataclass_json, meta

RISK_MEANING = (
    "how likely training is to memorise the examples instead of learning the task: low, moderate or high, with the "
    "reasons"
)


@dataclass(frozen=True, slots=True)
class RiskFactor:
    level: str = field(metadata=meta("low, moderate or high"))
    source: str = field(
        metadata=meta("what it rests on: size, epochs, duplicates, diversity, labels, length, combined")
    )
    reason: str = field(metadata=meta("the comparison made, with its figures"))

    def to_dict(self) -> JSONObject:
        return dataclass_json(self)


@dataclass(frozen=True, slots=True)
class RiskSection:
    level: str = field(metadata=meta("low, moderate or high: the highest factor, or high when enough are moderate"))
    reasons: tuple[str, ...] = field(metadata=meta("the reasons above low (all of them when every factor is low)"))
    factors: tuple[RiskFactor, ...] = field(metadata=meta("every factor, highest first"))
    epochs: int = field(metadata=meta("the epochs judged"))
    epochs_source: str = field(metadata=meta('"set" (the epochs assumption) or "default" (the auto rule)'))
    effective_examples: int = field(metadata=meta("valid examples minus redundant duplicates"))
    max_repetitions: int = field(metadata=meta("how often training sees the most repeated example (copies × epochs)"))
    largest_duplicate_cluster: int = field(metadata=meta("examples in the largest exact/near duplicate cluster"))
    duplicated_share: float = field(metadata=meta("share of examples in duplicate clusters"))
    examples_seen: int = field(metadata=meta("effective examples × epochs"))
    tokens_per_example: float | None = field(metadata=meta("mean tokens per example, or null when not counted"))
    longest_1pct_token_share: float | None = field(
        metadata=meta("share of the tokens in the longest 1% of examples, or null under 100 examples")
    )
    meaning: str = field(default=RISK_MEANING, metadata=meta("what the level means"))

    def to_dict(self) -> JSONObject:
        return dataclass_json(self)
