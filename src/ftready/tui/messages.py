"""Messages of the app.

Every message is a dataclass (Textual's Message initialises itself in __post_init__). Workers post the first group (analysis, records, pricing); they never touch widgets, and handlers on the App own
every state change. Views post the second group ("messages up") to ask the App for work; the App calls view
methods with the results ("attributes down").
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ftready.model import Analysis
from ftready.settings import AssumptionValue

Records = dict[int, list[tuple[str, str]]]


# --- posted by workers ------------------------------------------------------------------------------------------


@dataclass(eq=False)
class AnalysisProgress(Message):
    """A stage of the analysis moved on. Consecutive progress of one run coalesce (only the latest is handled)."""

    run_id: int
    stage: str
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AnalysisProgress) and message.run_id == self.run_id


@dataclass(eq=False)
class AnalysisDone(Message):
    """A run ended. `pricing_error` is set when the pricing tables had problems: the data checks ran without the
    costs (and the cost-based checks), and this says what is wrong with the tables."""

    run_id: int
    analysis: Analysis
    pricing_error: str | None = None


@dataclass(eq=False)
class AnalysisFailed(Message):
    """The run could not be done: `error` is what the headless report would print (one line per problem)."""

    run_id: int
    error: str
    kind: str  # "input" | "pricing" | "usage" | "internal"


@dataclass(eq=False)
class RecordsRead(Message):
    """Whole records read back from a dataset file for a view (see ftready.records)."""

    key: str
    path: str
    records: Records
    error: str | None = None


@dataclass(frozen=True)
class PricingFile:
    path: str
    origin: str  # "shipped" | "user" | "--pricing"
    problems: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class PricingRow:
    """One model of the loaded tables, as the pricing view lists it."""

    provider: str
    model: str
    status: str
    as_of: str
    age_days: int
    stale: bool
    training: str
    hosting: str


@dataclass(frozen=True)
class PricingState:
    """What the pricing view shows: the files with their problems, and the rows of the loaded tables."""

    files: tuple[PricingFile, ...]
    rows: tuple[PricingRow, ...]
    problems: tuple[str, ...]  # every problem of every file (FILE:LINE: key.path: what is wrong)
    summary: str
    user_dir: str
    shipped_dir: str
    model_keys: tuple[str, ...] = ()
    stale_after_days: int = 180


@dataclass(eq=False)
class PricingLoaded(Message):
    """The pricing tables were (re)loaded. When `ok` is False, `state.rows` is empty and `state.problems` says why;
    the App keeps the last good rows."""

    state: PricingState
    ok: bool
    reason: str  # "start" | "reload" | "edit"


# --- posted by views, handled by the App ----------------------------------------------------------------------


@dataclass(eq=False)
class RecordsWanted(Message):
    """A view wants whole records of `path` at `lines`; the App answers with RecordsRead(key) to the view."""

    key: str
    path: str
    lines: list[int]
    fmt: str | None


@dataclass(eq=False)
class AssumptionsChanged(Message):
    """The cost assumptions were edited: re-run the costs with these values (None = the default)."""

    changes: dict[str, AssumptionValue]


@dataclass(eq=False)
class ShowFinding(Message):
    code: str


@dataclass(eq=False)
class PricingRequest(Message):
    """reload the tables, or edit one file (`external` = in $EDITOR, else in the app)."""

    action: str  # "reload" | "edit" | "edit-here"
    path: str | None = None
