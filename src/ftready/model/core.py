"""The value types every stage produces and every front end reads: severities, problems, findings, the dataset's
description, token statistics and the verdict.

Everything here is plain, immutable data (frozen dataclasses and tuples) with no polars or numpy. Field metadata
(`meta`) documents each JSON key; `docs/report.md` is generated from it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from ftready.model.jsontypes import JSONObject, dataclass_json, meta

SCHEMA_VERSION = 1
ParamValue: TypeAlias = bool | int | float | str  # a rule parameter's value
Params: TypeAlias = Mapping[str, ParamValue]  # a rule's parameters by name
MAX_LINES = 50  # line numbers a finding or a list of lines shows in the JSON report


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Problem:
    """A record that cannot be used as a training example (one record may carry several)."""

    line: int = field(metadata=meta("1-based physical line where the record starts, in every container"))
    code: str = field(metadata=meta("the problem's FT1xx code"))
    message: str = field(metadata=meta("what is wrong with the record"))

    def to_dict(self) -> JSONObject:
        return dataclass_json(self)


@dataclass(frozen=True, slots=True)
class Finding:
    """One check's result on the dataset as a whole; `lines` points at the records concerned."""

    code: str = field(metadata=meta("stable check code, e.g. FT301"))
    name: str = field(metadata=meta("the check's name, e.g. exact-duplicates"))
    severity: Severity = field(metadata=meta("error, warning or info"))
    message: str = field(metadata=meta("what was found, with the figures"))
    count: int = field(default=0, metadata=meta("how many examples (or items) the finding concerns"))
    lines: tuple[int, ...] = field(default=(), metadata=meta("the lines concerned", cap=MAX_LINES))
    value: float | int | str | None = field(default=None, metadata=meta("the measured value, when there is one"))
    threshold: float | int | str | None = field(default=None, metadata=meta("the threshold it was compared with"))

    def to_dict(self, max_lines: int = MAX_LINES) -> JSONObject:
        d = dataclass_json(self)
        d["lines"] = list(self.lines[:max_lines])
        return d


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    path: str = field(metadata=meta("the dataset file as given"))
    format: str = field(metadata=meta('stable format id, e.g. "openai-chat", "alpaca", "sharegpt", "text"'))
    format_name: str = field(metadata=meta("human name of the format"))
    container: str = field(metadata=meta('"jsonl", "json" or "csv", with "+gzip" when compressed'))
    records: int = field(metadata=meta("records read (blank lines not counted)"))
    examples: int = field(metadata=meta("valid examples"))
    invalid: int = field(metadata=meta("records with one or more problems"))
    bytes: int = field(metadata=meta("size of the file in bytes"))
    is_fine_tuning_format: bool = field(
        default=True,
        metadata=meta("false for plain documents with no prompts or replies", key="fine_tuning_format"),
    )
    format_forced: bool = field(default=False, metadata=meta("the format was given with --format", json=False))
    validation_path: str | None = field(default=None, metadata=meta("the --validation file", json=False))
    validation_examples: int | None = field(default=None, metadata=meta("its valid examples", json=False))
    label_field: str | None = field(
        default=None, metadata=meta("the record field labels came from (the most common one), or null")
    )
    problems: int = field(
        default=0,
        metadata=meta(
            "problems found in all (the `problems` list holds the first 10,000; a file of millions of broken "
            "lines is not copied into its report)"
        ),
    )
    mapping: dict[str, str] | None = field(
        default=None,
        metadata=meta(
            "the fields mapped to roles (prompt, input, reply, system, label) when the records' own layout was "
            "mapped (inferred or given with --map), or null"
        ),
    )

    def to_dict(self, effective_examples: int | None) -> JSONObject:
        return {
            "path": self.path,
            "format": self.format,
            "format_name": self.format_name,
            "container": self.container,
            "fine_tuning_format": self.is_fine_tuning_format,
            "records": self.records,
            "examples": self.examples,
            "invalid": self.invalid,
            "problems": self.problems,
            "effective_examples": effective_examples,
            "label_field": self.label_field,
            "mapping": dict(self.mapping) if self.mapping is not None else None,
            "bytes": self.bytes,
        }


@dataclass(frozen=True, slots=True)
class Distribution:
    min: float = field(metadata=meta("smallest value"))
    p50: float = field(metadata=meta("median"))
    p95: float = field(metadata=meta("95th percentile"))
    max: float = field(metadata=meta("largest value"))
    mean: float = field(metadata=meta("mean"))

    @staticmethod
    def empty() -> Distribution:
        return Distribution(0, 0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Histogram:
    """Bins computed in the core so the app only draws them."""

    edges: tuple[float, ...] = field(metadata=meta("len(counts) + 1 bin edges"))
    counts: tuple[int, ...] = field(metadata=meta("examples per bin"))
    log_scale: bool = field(default=False, metadata=meta("true when the edges grow geometrically"))


@dataclass(frozen=True, slots=True)
class TokenStats:
    encoding: str = field(metadata=meta("the tiktoken encoding the counts come from"))
    requested_encoding: str = field(metadata=meta("the encoding the chosen model uses"))
    approximate: bool = field(metadata=meta("true when the counts are not the model's own"))
    approximate_reason: str | None = field(metadata=meta("why the counts are approximate, or null"))
    convention: str = field(metadata=meta("how chat overhead is counted"))
    total: int = field(metadata=meta("tokens of every valid example, overhead included"))
    response_total: int = field(metadata=meta("tokens of the replies alone"))
    per_example: Distribution = field(metadata=meta("tokens per example"))
    response_per_example: Distribution = field(metadata=meta("reply tokens per example"))
    max_example_tokens: int = field(metadata=meta("the per-example training limit used"))
    over_limit: int = field(metadata=meta("examples over that limit"))
    over_limit_lines: tuple[int, ...] = field(metadata=meta("their lines", cap=MAX_LINES))
    truncated_tokens: int = field(metadata=meta("tokens beyond the limit that training would cut"))
    histogram: Histogram = field(metadata=meta("tokens-per-example histogram"))
    sampled: bool = field(default=False, metadata=meta("--fast: totals and percentiles estimated from a sample"))
    sample_size: int | None = field(default=None, metadata=meta("examples in that sample, or null"))
    error_bound: float | None = field(
        default=None, metadata=meta("relative error bound of the total when sampled, or null")
    )
    reasoning_total: int = field(
        default=0,
        metadata=meta(
            "tokens of the replies' reasoning (reasoning parts, reasoning_content, <think> blocks), part of "
            "response_total and shown apart"
        ),
    )

    def to_dict(self) -> JSONObject:
        return dataclass_json(self)


class Recommendation(enum.StrEnum):
    FINE_TUNE = "fine-tune"
    RAG = "rag"
    PROMPTING = "prompting"
    FIX_DATA = "fix-data"


@dataclass(frozen=True, slots=True)
class Verdict:
    ready: bool = field(metadata=meta("true when no error-level finding stands in the way"))
    recommendation: str = field(metadata=meta('"fine-tune", "rag", "prompting" or "fix-data"'))
    reasons: tuple[str, ...] = field(metadata=meta("why, with the figures"))
    headline: str = field(default="", metadata=meta("one line for the top of a report"))
    readiness: tuple[str, ...] = field(
        default=(), metadata=meta("why the data is (or is not) ready, apart from the recommendation")
    )
    rule: str = field(default="", metadata=meta("the verdict rule that decided (docs/verdict.md)"))

    def to_dict(self) -> JSONObject:
        return {
            "ready": self.ready,
            "recommendation": self.recommendation,
            "headline": self.headline,
            "reasons": list(self.reasons),
            "readiness": list(self.readiness),
            "rule": self.rule,
        }
