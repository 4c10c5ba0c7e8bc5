"""Messages of the app.

Workers post the first group (analysis, records, pricing); they never touch widgets, and handlers on the App own
every state change. Views post the second group ("messages up") to ask the App for work; the App calls view
methods with the results ("attributes down").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from ftready.model import Analysis

Records = dict[int, list[tuple[str, str]]]


# --- posted by workers ------------------------------------------------------------------------------------------


class AnalysisProgress(Message):
    """A stage of the analysis moved on. Consecutive progress of one run coalesce (only the latest is handled)."""

    def __init__(self, run_id: int, stage: str, done: int, total: int) -> None:
        super().__init__()
        self.run_id = run_id
        self.stage = stage
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AnalysisProgress) and message.run_id == self.run_id


class AnalysisDone(Message):
    """A run ended. `pricing_error` is set when the pricing tables had problems: the data checks ran without the
    costs (and the cost-based checks), and this says what is wrong with the tables."""

    def __init__(self, run_id: int, analysis: Analysis, pricing_error: str | None = None) -> None:
        super().__init__()
        self.run_id = run_id
        self.analysis = analysis
        self.pricing_error = pricing_error


class AnalysisFailed(Message):
    """The run could not be done: `error` is what the headless report would print (one line per problem)."""

    def __init__(self, run_id: int, error: str, kind: str) -> None:
        super().__init__()
        self.run_id = run_id
        self.error = error
        self.kind = kind  # "input" | "pricing" | "usage" | "internal"


class RecordsRead(Message):
    """Whole records read back from a dataset file for a view (see ftready.records)."""

    def __init__(self, key: str, path: str, records: Records, error: str | None = None) -> None:
        super().__init__()
        self.key = key
        self.path = path
        self.records = records
        self.error = error


@dataclass(frozen=True)
class PricingFile:
    path: str
    origin: str  # "shipped" | "user" | "--pricing"
    problems: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class PricingState:
    """What the pricing view shows: the files with their problems, and the rows of the loaded tables."""

    files: tuple[PricingFile, ...]
    rows: tuple[tuple[Any, ...], ...]  # provider, model, status, as_of, age_days, stale, training, hosting
    problems: tuple[str, ...]  # every problem of every file (FILE:LINE: key.path: what is wrong)
    summary: str
    user_dir: str
    shipped_dir: str
    model_keys: tuple[str, ...] = ()
    stale_after_days: int = 180


class PricingLoaded(Message):
    """The pricing tables were (re)loaded. When `ok` is False, `state.rows` is empty and `state.problems` says why;
    the App keeps the last good rows."""

    def __init__(self, state: PricingState, ok: bool, reason: str) -> None:
        super().__init__()
        self.state = state
        self.ok = ok
        self.reason = reason  # "start" | "reload" | "edit"


# --- posted by views, handled by the App ----------------------------------------------------------------------


class RecordsWanted(Message):
    """A view wants whole records of `path` at `lines`; the App answers with RecordsRead(key) to the view."""

    def __init__(self, key: str, path: str, lines: list[int], fmt: str | None) -> None:
        super().__init__()
        self.key = key
        self.path = path
        self.lines = lines
        self.fmt = fmt


class AssumptionsChanged(Message):
    """The cost assumptions were edited: re-run the costs with these values (None = the default)."""

    def __init__(self, changes: dict[str, Any]) -> None:
        super().__init__()
        self.changes = changes


class ShowFinding(Message):
    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class PricingRequest(Message):
    """reload the tables, or edit one file (`external` = in $EDITOR, else in the app)."""

    def __init__(self, action: str, path: str | None = None) -> None:
        super().__init__()
        self.action = action  # "reload" | "edit" | "edit-here"
        self.path = path
