"""What a check sees: the canonical frame, the load result, the settings and earlier stages' results."""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ftready.model import DatasetInfo, Problem, TokenStats
from ftready.settings import Settings


@dataclass
class Context:
    frame: pl.DataFrame  # one row per valid example (see ftready.load.frame.COLUMNS)
    info: DatasetInfo
    problems: list[Problem]
    settings: Settings
    tokens: TokenStats | None = None
    results: dict[str, Any] = field(default_factory=dict)  # stage outputs keyed by stage name
    effective_examples: int = 0  # examples after removing redundant duplicates
    validation: pl.DataFrame | None = None  # canonical frame of --validation FILE
    validation_info: DatasetInfo | None = None
    previous: pl.DataFrame | None = None  # canonical frame of --previous FILE
    previous_info: DatasetInfo | None = None
    cancel: Any = None  # threading.Event or None; long stages call ftready.progress.check_cancel(ctx.cancel)
    sketches: Any = None  # ftready.neardup.Sketcher fed with the frame's `text` column while the file was read
    helper: Executor | None = None  # a helper process for import-heavy work on large inputs (the topic model)
