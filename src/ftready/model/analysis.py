"""`Analysis`: the one immutable result both front ends render, and its JSON report (schema_version 1)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ftready.model.churn import ChurnSection
from ftready.model.core import SCHEMA_VERSION, DatasetInfo, Finding, Problem, Severity, TokenStats, Verdict
from ftready.model.costs import CostsSection
from ftready.model.diversity import DiversitySection
from ftready.model.duplicates import DuplicatesSection
from ftready.model.jsontypes import JSONObject, JSONValue, Section, meta
from ftready.model.labels import LabelsSection
from ftready.model.privacy import PrivacySection
from ftready.model.quality import QualitySection
from ftready.model.risk import RiskSection


def _empty_duplicates() -> JSONObject:
    return {
        "exact": {"groups": [], "redundant": 0},
        "near": {"groups": [], "redundant": 0, "threshold": None},
        "conflicts": {"groups": []},
        "leakage": {"validation_path": None, "lines": []},
    }


@dataclass(frozen=True)
class Analysis:
    """The one result both front ends render."""

    tool_version: str = field(metadata=meta("ftready's version"))
    dataset: DatasetInfo = field(metadata=meta("the file analysed"))
    tokens: TokenStats | None = field(metadata=meta("token counts, or null when nothing was counted"))
    problems: tuple[Problem, ...] = field(metadata=meta("every record that cannot be used, with its line"))
    findings: tuple[Finding, ...] = field(metadata=meta("every check's result, errors first"))
    verdict: Verdict = field(metadata=meta("ready or not, and what to do"))
    duplicates: DuplicatesSection | None = field(
        default=None, metadata=meta("exact and near duplicates, conflicts, leakage")
    )
    diversity: DiversitySection | None = field(default=None, metadata=meta("lexical and topic diversity"))
    labels: LabelsSection | None = field(default=None, metadata=meta("label balance, or null without labels"))
    costs: CostsSection | None = field(default=None, metadata=meta("cost estimates with their arithmetic"))
    churn: ChurnSection | None = field(default=None, metadata=meta("change since --previous, or null"))
    privacy: PrivacySection | None = field(default=None, metadata=meta("secrets and personal data, always masked"))
    quality: QualitySection | None = field(
        default=None, metadata=meta("text-quality issues (FT9xx) with redacted sample lines")
    )
    risk: RiskSection | None = field(default=None, metadata=meta("overfitting risk"))
    excerpts: Mapping[str, Mapping[int, str]] = field(
        default_factory=dict, metadata=meta("short masked texts of the lines shown beside duplicate groups")
    )
    effective_examples: int | None = field(default=None, metadata=meta("examples minus redundant duplicates"))
    settings: JSONObject = field(default_factory=dict, metadata=meta("the settings the run used"))
    timings: Mapping[str, float] = field(default_factory=dict, metadata=meta("seconds per stage"))
    notes: tuple[str, ...] = field(default=(), metadata=meta("notes about the run"))
    # the core's working state, so that a front end can re-cost without re-reading the file (not serialised)
    context: object = field(default=None, repr=False, compare=False, metadata=meta("", json=False))

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

    def to_dict(self) -> JSONObject:
        def section(s: Section | None) -> JSONValue:
            return None if s is None else s.to_dict()

        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "ftready", "version": self.tool_version},
            "verdict": self.verdict.to_dict(),
            "dataset": self.dataset.to_dict(self.effective_examples),
            "tokens": self.tokens.to_dict() if self.tokens else None,
            "problems": [p.to_dict() for p in self.problems],
            "findings": [f.to_dict() for f in self.findings],
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "duplicates": section(self.duplicates) if self.duplicates is not None else _empty_duplicates(),
            "diversity": section(self.diversity),
            "labels": section(self.labels),
            "costs": section(self.costs),
            "churn": section(self.churn),
            "privacy": section(self.privacy),
            "quality": section(self.quality),
            "risk": section(self.risk),
            "excerpts": {k: {str(line): t for line, t in v.items()} for k, v in self.excerpts.items()},
            "notes": list(self.notes),
            "settings": self.settings,
        }
