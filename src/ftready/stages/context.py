"""What stages and rules see: the canonical frame, the load result, the settings and the sections so far.

Each stage writes one section (the attribute named after it); rules read the sections they declare. The
pipeline puts the code table's parameter defaults into `defaults` before any stage runs, so nothing below the
pipeline needs the code table.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import polars as pl

from ftready.model import ChurnSection, DatasetInfo, LabelsSection, Params, PrivacySection, Problem, TokenStats
from ftready.model.costs import CostsSection
from ftready.model.diversity import DiversitySection
from ftready.model.duplicates import DuplicatesSection
from ftready.model.quality import QualitySection
from ftready.model.risk import RiskSection
from ftready.settings import Settings

if TYPE_CHECKING:
    from ftready.neardup import Sketcher


@dataclass(frozen=True, slots=True)
class LoadNotes:
    """Remarks the loader made on usable records (code -> lines) and the extra keys it saw (key -> records)."""

    remarks: Mapping[str, list[int]] = field(default_factory=dict)
    extra_keys: Mapping[str, int] = field(default_factory=dict)
    problem_counts: Mapping[str, int] = field(default_factory=dict)  # every problem by code (the list is capped)


@dataclass(frozen=True, slots=True)
class TimeSensitive:
    """Lines of the examples whose reply states dates, prices, versions or what is current."""

    lines: tuple[int, ...] = ()


@dataclass
class Context:
    frame: pl.DataFrame  # one row per valid example (see ftready.load.frame.COLUMNS)
    info: DatasetInfo
    problems: list[Problem]
    settings: Settings
    tokens: TokenStats | None = None
    effective_examples: int = 0  # examples after removing redundant duplicates
    validation: pl.DataFrame | None = None  # canonical frame of --validation FILE
    validation_info: DatasetInfo | None = None
    validation_problems: tuple[Problem, ...] = ()
    previous: pl.DataFrame | None = None  # canonical frame of --previous FILE
    previous_info: DatasetInfo | None = None
    against: tuple[tuple[str, pl.DataFrame], ...] = ()  # (path, canonical frame) of each --against FILE
    load: LoadNotes = field(default_factory=LoadNotes)
    defaults: Mapping[str, Params] = field(default_factory=dict)  # code -> the code table's parameter defaults
    cancel: threading.Event | None = None  # long stages call ftready.progress.check_cancel(ctx.cancel)
    sketches: Sketcher | None = None  # near-duplicate signatures computed while the file was read
    helper: Executor | None = None  # a helper process for import-heavy work on large inputs (the topic model)
    findings_only: bool = False  # only findings are shown: stages may skip measurements that cannot produce one
    # sections, each written by the stage of that name
    labels: LabelsSection | None = None
    churn: ChurnSection | None = None
    time_sensitive: TimeSensitive | None = None
    duplicates: DuplicatesSection | None = None
    diversity: DiversitySection | None = None
    privacy: PrivacySection | None = None
    quality: QualitySection | None = None
    costs: CostsSection | None = None
    risk: RiskSection | None = None

    def params_for(self, code: str) -> Params:
        """A rule's parameters: the code table's defaults with the settings' overrides on top."""
        return {**self.defaults.get(code, {}), **self.settings.check_params.get(code, {})}
