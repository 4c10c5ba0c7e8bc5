"""The value types every stage produces and every front end reads.

Everything here is plain, immutable data (frozen dataclasses and tuples). The JSON report is `Analysis.to_dict()`;
front ends never compute a figure of their own, they only render these values.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

SCHEMA_VERSION = 1


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

    line: int  # 1-based physical line for JSONL, 1-based record number for JSON arrays and CSV
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One check's result on the dataset as a whole; `lines` points at the records concerned."""

    code: str
    name: str
    severity: Severity
    message: str
    count: int = 0
    lines: tuple[int, ...] = ()
    value: float | int | str | None = None
    threshold: float | int | str | None = None

    def to_dict(self, max_lines: int = 50) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "count": self.count,
            "lines": list(self.lines[:max_lines]),
            "value": self.value,
            "threshold": self.threshold,
        }


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    path: str
    format: str  # stable format id, e.g. "openai-chat", "alpaca", "sharegpt", "text"
    format_name: str  # human name of the format
    container: str  # "jsonl", "json", "csv" (with "+gzip" when compressed)
    records: int  # records read (blank lines not counted)
    examples: int  # valid examples
    invalid: int  # records with one or more problems
    bytes: int
    is_fine_tuning_format: bool = True
    format_forced: bool = False
    validation_path: str | None = None
    validation_examples: int | None = None
    label_field: str | None = None  # the record field labels came from (most common one)


@dataclass(frozen=True, slots=True)
class Distribution:
    min: float
    p50: float
    p95: float
    max: float
    mean: float

    @staticmethod
    def empty() -> Distribution:
        return Distribution(0, 0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Histogram:
    """Bins computed in the core so the app only draws them."""

    edges: tuple[float, ...]  # len(counts) + 1 edges
    counts: tuple[int, ...]
    log_scale: bool = False


@dataclass(frozen=True, slots=True)
class TokenStats:
    encoding: str
    requested_encoding: str
    approximate: bool
    approximate_reason: str | None
    convention: str  # how chat overhead is counted
    total: int
    response_total: int
    per_example: Distribution
    response_per_example: Distribution
    max_example_tokens: int  # the per-example training limit used
    over_limit: int
    over_limit_lines: tuple[int, ...]
    truncated_tokens: int  # tokens beyond the limit that training would cut
    histogram: Histogram
    sampled: bool = False  # --fast: totals and percentiles estimated from a sample
    sample_size: int | None = None
    error_bound: float | None = None  # relative error bound of the total when sampled

    def to_dict(self) -> dict[str, Any]:
        d = _plain(self)
        d["per_example"] = _plain(self.per_example)
        d["response_per_example"] = _plain(self.response_per_example)
        d["over_limit_lines"] = list(self.over_limit_lines[:50])
        return d


@dataclass(frozen=True, slots=True)
class Verdict:
    ready: bool
    recommendation: str  # "fine-tune" | "rag" | "prompting" | "fix-data"
    reasons: tuple[str, ...]
    headline: str = ""


@dataclass(frozen=True)
class Analysis:
    """The one result both front ends render."""

    tool_version: str
    dataset: DatasetInfo
    tokens: TokenStats | None
    problems: tuple[Problem, ...]
    findings: tuple[Finding, ...]
    verdict: Verdict
    duplicates: dict[str, Any] | None = None
    diversity: dict[str, Any] | None = None
    labels: dict[str, Any] | None = None
    costs: dict[str, Any] | None = None
    churn: dict[str, Any] | None = None
    privacy: dict[str, Any] | None = None
    risk: dict[str, Any] | None = None
    excerpts: dict[str, dict[int, str]] = field(default_factory=dict)  # "train"/"validation" -> line -> short text
    effective_examples: int | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    # the core's working state, so that a front end can re-cost without re-reading the file (not serialised)
    context: Any = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    def finding(self, code: str) -> Finding | None:
        return next((f for f in self.findings if f.code == code), None)

    def exit_code(self, strict: bool = False) -> int:
        if self.errors:
            return 1
        if strict and self.warnings:
            return 1
        return 0

    def to_dict(self) -> dict[str, Any]:
        d = self.dataset
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "ftready", "version": self.tool_version},
            "verdict": {
                "ready": self.verdict.ready,
                "recommendation": self.verdict.recommendation,
                "headline": self.verdict.headline,
                "reasons": list(self.verdict.reasons),
            },
            "dataset": {
                "path": d.path,
                "format": d.format,
                "format_name": d.format_name,
                "container": d.container,
                "fine_tuning_format": d.is_fine_tuning_format,
                "records": d.records,
                "examples": d.examples,
                "invalid": d.invalid,
                "effective_examples": self.effective_examples,
                "label_field": d.label_field,
                "bytes": d.bytes,
            },
            "tokens": self.tokens.to_dict() if self.tokens else None,
            "problems": [{"line": p.line, "code": p.code, "message": p.message} for p in self.problems],
            "findings": [f.to_dict() for f in self.findings],
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "duplicates": self.duplicates
            if self.duplicates is not None
            else {
                "exact": {"groups": [], "redundant": 0},
                "near": {"groups": [], "redundant": 0, "threshold": None},
                "conflicts": {"groups": []},
                "leakage": {"validation_path": None, "lines": []},
            },
            "diversity": self.diversity,
            "labels": self.labels,
            "costs": self.costs,
            "churn": self.churn,
            "privacy": self.privacy,
            "risk": self.risk,
            "excerpts": {k: {str(line): t for line, t in v.items()} for k, v in self.excerpts.items()},
            "notes": list(self.notes),
            "settings": self.settings,
        }


def _plain(obj: Any) -> dict[str, Any]:
    assert is_dataclass(obj)
    out: dict[str, Any] = {}
    for f in fields(obj):
        v = getattr(obj, f.name)
        if is_dataclass(v):
            v = _plain(v)
        elif isinstance(v, tuple):
            v = list(v)
        out[f.name] = v
    return out
