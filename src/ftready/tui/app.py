"""The Textual app: `ftready dataset.jsonl` in a terminal.

Shape (after harlequin and toolong): the first screen paints at once; the analysis runs in a thread worker that
gets the worker's cancel event and only posts messages (progress coalesces); handlers on this App own every state
change (the Analysis, the settings, the pricing tables, the records read back) and hand values down to the views.
The views render what they are given and compute nothing; exports use ftready.report.render.
"""

from __future__ import annotations

import functools
import os
import shlex
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.css.query import NoMatches
from textual.lazy import Lazy
from textual.message import Message
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import Footer, Label, ProgressBar, Static, TabbedContent, TabPane, Tabs
from textual.worker import Worker, WorkerState, get_current_worker

from ftready.humanize import byte_size, number, percent
from ftready.model import Analysis
from ftready.progress import LOAD_IN_BYTES
from ftready.settings import Settings
from ftready.tui.commands import VIEWS, FtreadyCommands
from ftready.tui.host import AppHost, ShowsAnalysis
from ftready.tui.messages import (
    AnalysisDone,
    AnalysisFailed,
    AnalysisProgress,
    AssumptionsChanged,
    PricingFile,
    PricingLoaded,
    PricingRequest,
    PricingRow,
    PricingState,
    RecordsRead,
    RecordsWanted,
    ShowFinding,
)
from ftready.tui.render import MUTED, RECOMMENDATION, Part
from ftready.tui.views import CostsView, DataView, DuplicatesView, FindingsView, OverviewView, PricingView
from ftready.vocabulary import plural

if TYPE_CHECKING:
    from ftready.tui.screens.pricing_editor import PricingEditor

MAX_ERROR_LINES = 10
PROGRESS_INTERVAL = 0.1  # seconds between progress messages of one stage
STAGES = {
    "load": "reading records",
    "tokens": "counting tokens",
    "duplicates": "finding duplicates",
    "minhash": "finding near duplicates",
    "verify": "verifying near duplicates",
    "labels": "checking labels",
    "diversity": "measuring diversity",
    "privacy": "scanning for personal data and secrets",
    "churn": "comparing with the previous version",
    "costs": "pricing the options",
    "risk": "estimating overfitting risk",
    "checks": "running checks",
}
TABS = {
    "overview": "Overview",
    "findings": "Findings",
    "duplicates": "Duplicates",
    "data": "Data",
    "costs": "Costs",
    "pricing": "Pricing",
}
FOCUS = {
    "overview": "#top-findings",
    "findings": "#findings-table",
    "duplicates": "#dup-groups",
    "data": "#data-view",
    "costs": "#costs-table",
    "pricing": "#pricing-files",
}


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker while sys.stderr is still the terminal.

    The core may count tokens in worker processes (large inputs). Starting them needs the resource tracker, which
    passes `sys.stderr.fileno()` to its child; while the app runs, Textual captures sys.stderr with an object whose
    fileno() is -1, and the start fails (a ValueError about fds_to_keep). Started here, before the app runs, it is
    simply reused later. Cheap: it launches one small process once, without waiting for it."""
    try:
        from multiprocessing import resource_tracker

        if sys.stderr is not None and sys.stderr.fileno() >= 0:
            resource_tracker.ensure_running()
    except (OSError, ValueError, AttributeError):  # no real stderr (a notebook, a test runner capturing it)
        pass


COST_FAMILIES = ("FT6", "FT7")  # overfitting risk and costs: the checks that need the pricing tables


def without_costs(settings: Settings) -> Settings:
    """The settings of a run that needs no pricing table: the cost and risk checks off, no model to look up."""
    assumptions = {k: v for k, v in settings.assumptions.items() if k != "model"}
    return replace(settings, ignore=(*settings.ignore, *COST_FAMILIES), assumptions=assumptions)


def _while_mounted(handler: Callable[..., None]) -> Callable[..., None]:
    """Worker messages can arrive while the app is closing, when its widgets are already gone: drop them."""

    @functools.wraps(handler)
    def wrapper(self: FtreadyApp, message: Message) -> None:
        try:
            handler(self, message)
        except NoMatches:
            if self.is_running and not self._closing:
                raise

    return wrapper


class FtreadyApp(App[int]):
    CSS_PATH = "ftready.tcss"
    TITLE = "ftready"
    COMMANDS = App.COMMANDS | {FtreadyCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (150, "-xwide")]  # noqa: RUF012 (declared so on App)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(i), f"view('{v}')", TABS[v], show=False) for i, v in enumerate(VIEWS, start=1)),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("x", "export", "Export"),
        Binding("ctrl+r", "rerun", "Re-run", show=False),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, path: str | Path, settings: Settings | None = None) -> None:
        super().__init__()
        self.path = str(path)
        self.settings = settings or Settings()
        self.analysis: Analysis | None = None
        self.error: AnalysisFailed | None = None
        self.run_id = 0
        self.running = False
        self.pricing: PricingState | None = None  # the last good tables
        self.pricing_shown: PricingState | None = None  # what the pricing view shows (with the current problems)
        self.records_cache: dict[tuple[str, int], list[tuple[str, str]]] = {}
        self._stage = ""
        self._first_focus_done = False
        self._analysis_threads: set[threading.Thread] = set()
        _start_resource_tracker()
        theme = os.environ.get("FTREADY_THEME")
        if theme in self.available_themes:
            self.theme = theme

    # -- layout --------------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(self._topbar(), id="topbar")
        with Horizontal(id="progress-row"):
            yield ProgressBar(id="progress", show_eta=False, show_percentage=True)
            yield Label("starting…", id="progress-label")
        yield Static("", id="error-panel")
        with TabbedContent(id="views", initial="overview"):
            with TabPane(self._tab_title("overview"), id="overview"):
                yield OverviewView(id="overview-view")
            # The hidden views mount just after the first paint; each pulls the current state when it mounts.
            with TabPane(self._tab_title("findings"), id="findings"):
                yield Lazy(FindingsView(id="findings-view"))
            with TabPane(self._tab_title("duplicates"), id="duplicates"):
                yield Lazy(DuplicatesView(id="duplicates-view"))
            with TabPane(self._tab_title("data"), id="data"):
                yield Lazy(DataView(id="data-view"))
            with TabPane(self._tab_title("costs"), id="costs"):
                yield Lazy(CostsView(id="costs-view"))
            with TabPane(self._tab_title("pricing"), id="pricing"):
                yield Lazy(PricingView(id="pricing-view"))
        yield Footer()

    @staticmethod
    def _tab_title(view: str) -> str:
        """`1 Overview`: the key that opens the view, in the tab bar."""
        return f"{list(VIEWS).index(view) + 1} {TABS[view]}"

    def on_mount(self) -> None:
        self.query_one("#error-panel").display = False
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        # Paint first, then start the work (its imports alone take a moment). The app counts as running from here:
        # anyone waiting for the analysis (a test, the topbar) sees it pending even before the worker starts.
        self.running = True
        self._update_topbar()
        self.call_after_refresh(self.start_analysis)
        self.call_after_refresh(self.load_pricing, "start")

    def _topbar(self) -> Content:
        name = Path(self.path).name
        parts: list[Part] = [(" ftready ", "bold reverse $primary"), " ", (name, "bold")]
        a = self.analysis
        if a is not None:
            parts += [(f"  {number(a.dataset.examples)} examples · {a.dataset.format}", MUTED)]
        if self.running:
            parts += ["  ", ("analysing…", f"italic {MUTED}")]
        elif self.error is not None and a is None:
            parts += ["  ", (" CANNOT ANALYSE ", "bold reverse $error")]
        elif a is not None:
            label, style = RECOMMENDATION.get(a.verdict.recommendation, (a.verdict.recommendation, "$primary"))
            parts += ["  ", (f" {label} ", f"bold reverse {style}")]
        return Content.assemble(*parts)

    def _update_topbar(self) -> None:
        self.query_one("#topbar", Static).update(self._topbar())

    # -- the analysis ---------------------------------------------------------------------------------------------

    def start_analysis(self, reuse: bool = False) -> None:
        """Start a run with the current settings; a run already going is cancelled (exclusive worker)."""
        self.run_id += 1
        self.running = True
        self._stage = ""
        self.query_one("#progress-row").display = True
        self.query_one("#progress", ProgressBar).update(total=None, progress=0)
        self.query_one("#progress-label", Label).update("starting…")
        for costs in self.query(CostsView):
            costs.set_running(True)
        self._update_topbar()
        self._analyse(self.run_id, self.path, self.settings, self.analysis if reuse else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis", description="analyse the dataset")
    def _analyse(self, run_id: int, path: str, settings: Settings, previous: Analysis | None) -> None:
        worker = get_current_worker()
        me = threading.current_thread()
        self._analysis_threads.add(me)
        last_stage, last_at = "", 0.0

        def progress(stage: str, done: int, total: int) -> None:
            nonlocal last_stage, last_at
            now = time.monotonic()
            if stage == last_stage and now - last_at < PROGRESS_INTERVAL and not (total and done >= total):
                return
            last_stage, last_at = stage, now
            self.post_message(AnalysisProgress(run_id, stage, done, total))

        try:
            from ftready import pipeline as core
            from ftready.errors import Cancelled, FtreadyError, InputError, PricingError

            try:
                reassess = getattr(core, "reassess", None)
                if previous is not None and reassess is not None:
                    result = reassess(previous, settings, progress=progress, cancel=worker.cancelled_event)
                else:
                    result = core.analyse(path, settings, progress=progress, cancel=worker.cancelled_event)
            except Cancelled:
                return
            except PricingError as exc:
                # One bad table must not hide the data checks: run them without the costs and say why.
                try:
                    result = core.analyse(
                        path, without_costs(settings), progress=progress, cancel=worker.cancelled_event
                    )
                except Cancelled:
                    return
                except FtreadyError:
                    self.post_message(AnalysisFailed(run_id, str(exc), "pricing"))
                    return
                if not worker.is_cancelled:
                    self.post_message(AnalysisDone(run_id, result, pricing_error=str(exc)))
                return
            except InputError as exc:
                self.post_message(AnalysisFailed(run_id, str(exc), "input"))
                return
            except FtreadyError as exc:
                self.post_message(AnalysisFailed(run_id, str(exc), "usage"))
                return
            except Exception as exc:  # a bug in the core: one clear line, never a traceback on screen
                if os.environ.get("FTREADY_DEBUG"):
                    raise
                self.post_message(
                    AnalysisFailed(run_id, f"internal error: {type(exc).__name__}: {exc} (please report)", "internal")
                )
                return
            if not worker.is_cancelled:
                self.post_message(AnalysisDone(run_id, result))
        finally:
            self._analysis_threads.discard(me)

    @_while_mounted
    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        if message.run_id != self.run_id or not self.running:
            return
        bar = self.query_one("#progress", ProgressBar)
        label = STAGES.get(message.stage, message.stage)
        if message.total and message.stage == LOAD_IN_BYTES:
            bar.update(total=message.total, progress=message.done)
            text = f"{label} · {percent(message.done / message.total, 0)} of {byte_size(message.total)}"
        elif message.total:
            bar.update(total=message.total, progress=message.done)
            text = f"{label} · {number(message.done)} of {number(message.total)}"
        else:
            if message.stage != self._stage:
                bar.update(total=None)
            text = f"{label} · {number(message.done)}" if message.done else label
        self._stage = message.stage
        self.query_one("#progress-label", Label).update(text)

    @_while_mounted
    def on_analysis_done(self, message: AnalysisDone) -> None:
        if message.run_id != self.run_id:
            return
        self.running = False
        self.analysis = message.analysis
        self.query_one("#progress-row").display = False
        if message.pricing_error:
            self.error = AnalysisFailed(message.run_id, message.pricing_error, "pricing")
            self._show_error(self.error, costs_only=True)
        else:
            self.error = None
            self.query_one("#error-panel").display = False
        self._show_analysis()

    def _views(self, *kinds: type[Widget]) -> list[ShowsAnalysis]:
        """The mounted views of these kinds (a view not yet mounted is skipped: it reads the analysis on mount)."""
        return [view for kind in kinds for view in self.query(kind) if isinstance(view, ShowsAnalysis)]

    def _show_analysis(self) -> None:
        a = self.analysis
        self._update_topbar()
        for view in self._views(OverviewView, FindingsView, DuplicatesView, DataView, CostsView):
            view.show_analysis(a)
        for costs in self.query(CostsView):
            costs.set_running(False)
            costs.set_models(self.model_keys())
        # the first result: give the keyboard to the view on screen (the Overview's findings: enter opens one),
        # unless the user has already moved it into a view
        if not self._first_focus_done and self.screen is self.screen_stack[0]:
            self._first_focus_done = True
            if self.screen.focused is None or isinstance(self.screen.focused, Tabs):
                self._focus_view(self.query_one("#views", TabbedContent).active)

    def model_keys(self) -> list[str]:
        """The models the Costs view offers: from the loaded tables, else from the last analysis."""
        if self.pricing is not None and self.pricing.model_keys:
            return list(self.pricing.model_keys)
        costs = self.analysis.costs if self.analysis is not None else None
        return [o.key for o in costs.options] if costs is not None else []

    @_while_mounted
    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        if message.run_id != self.run_id:
            return
        self.running = False
        self.error = message
        self.query_one("#progress-row").display = False
        for costs in self.query(CostsView):
            costs.set_running(False)
        self._show_error(message)
        if self.analysis is None:
            for overview in self.query(OverviewView):
                overview.show_failure()
            for findings in self.query(FindingsView):
                findings.show_failure()
            for duplicates in self.query(DuplicatesView):
                duplicates.show_failure()

    def _show_error(self, message: AnalysisFailed, costs_only: bool = False) -> None:
        hints = {
            "pricing": "Fix it in the Pricing view (6: e edit, r reload); the analysis then runs again.",
            "input": "Check the file (its path, that it is a JSONL, JSON, CSV or Parquet dataset) and start ftready again.",
            "usage": "Check the settings and flags, then start ftready again.",
            "internal": "Set FTREADY_DEBUG=1 to see the details.",
        }
        kept = " The figures shown are from the last successful run." if self.analysis is not None else ""
        panel = self.query_one("#error-panel", Static)
        lines = message.error.splitlines() or ["error"]
        if costs_only:
            parts: list[Part] = [
                ("✖ No costs: ", "bold $error"),
                ("the pricing tables have problems. The data checks ran; costs and overfitting risk did not.", "bold"),
                "\n",
                (hints["pricing"], MUTED),
            ]
        else:
            parts = [
                ("✖ Cannot analyse ", "bold $error"),
                (Path(self.path).name, "bold"),
                "\n",
                (hints.get(message.kind, "") + kept, MUTED),
            ]
        shown = 3 if message.kind == "pricing" else MAX_ERROR_LINES  # the Pricing view lists them all
        for line in lines[:shown]:
            parts += ["\n", (line, "$error")]
        if len(lines) > shown:
            more = " (all of them in the Pricing view)" if message.kind == "pricing" else ""
            parts += ["\n", (f"… and {len(lines) - shown} more{more}", "$error")]
        panel.update(Content.assemble(*parts))
        self._show_error_panel()
        self._update_topbar()

    def _show_error_panel(self) -> None:
        """Shown above every view, except that the Pricing view lists pricing problems itself."""
        panel = self.query_one("#error-panel")
        on_pricing = self.query_one("#views", TabbedContent).active == "pricing"
        panel.display = self.error is not None and not (on_pricing and self.error.kind == "pricing")

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "analysis" and event.state == WorkerState.ERROR:
            err = event.worker.error
            self.post_message(AnalysisFailed(self.run_id, f"internal error: {type(err).__name__}: {err}", "internal"))

    @property
    def analysis_running(self) -> bool:
        """True while an analysis thread (even a cancelled one winding down) is alive."""
        return any(t.is_alive() for t in self._analysis_threads)

    def exit_code(self) -> int:
        """What `ftready FILE` returns: 2 when the run could not be done, else the report's exit code."""
        if self.analysis is None or self.error is not None:  # not analysed, or analysed without the pricing tables
            return 2 if self.error is not None else 0
        return self.analysis.exit_code(self.settings.strict)

    # -- messages from the views ---------------------------------------------------------------------------------

    def on_show_finding(self, message: ShowFinding) -> None:
        self.action_view("findings")
        for view in self.query(FindingsView):
            view.select_code(message.code)

    def on_assumptions_changed(self, message: AssumptionsChanged) -> None:
        changes = dict(message.changes)
        self.settings = self.settings.with_assumptions(**changes)
        self.start_analysis(reuse=True)

    def on_records_wanted(self, message: RecordsWanted) -> None:
        cached = {
            n: self.records_cache[(message.path, n)] for n in message.lines if (message.path, n) in self.records_cache
        }
        if len(cached) == len(message.lines):
            self._deliver(RecordsRead(message.key, message.path, cached))
            return
        view, _, side = message.key.partition(":")
        self.run_worker(
            lambda: self._read_records(message.key, message.path, message.lines, message.fmt),
            name=f"records {message.key}",
            group=f"records-{view}-{side.rsplit(':', 1)[-1]}",
            exclusive=True,
            thread=True,
            exit_on_error=False,
        )

    def _read_records(self, key: str, path: str, lines: list[int], fmt: str | None) -> None:
        worker = get_current_worker()
        from ftready.errors import Cancelled, FtreadyError
        from ftready.records import read_records

        try:
            a = self.analysis
            mapping = a.dataset.mapping if a is not None and a.dataset.path == path else None
            records = read_records(path, lines, fmt, cancel=worker.cancelled_event, mapping=mapping)
        except Cancelled:
            return
        except FtreadyError as exc:
            self.post_message(RecordsRead(key, path, {}, str(exc)))
            return
        except (OSError, ValueError) as exc:
            self.post_message(RecordsRead(key, path, {}, f"{type(exc).__name__}: {exc}"))
            return
        if not worker.is_cancelled:
            self.post_message(RecordsRead(key, path, records))

    @_while_mounted
    def on_records_read(self, message: RecordsRead) -> None:
        for line, msgs in message.records.items():
            self.records_cache[(message.path, line)] = msgs
        self._deliver(message)

    def _deliver(self, message: RecordsRead) -> None:
        views = self.query(FindingsView) if message.key.startswith("findings:") else self.query(DuplicatesView)
        for view in views:
            view.show_records(message)

    # -- pricing -------------------------------------------------------------------------------------------------

    def load_pricing(self, reason: str = "reload") -> None:
        self._load_pricing(reason, tuple(self.settings.pricing_dirs))

    @work(thread=True, exclusive=True, exit_on_error=False, group="pricing", description="load the pricing tables")
    def _load_pricing(self, reason: str, dirs: tuple[str, ...]) -> None:
        from ftready import pricing
        from ftready.errors import FtreadyError
        from ftready.io import today

        try:
            inv = pricing.pricing_inventory(dirs, today=today())
        except FtreadyError as exc:
            problems = tuple(str(exc).splitlines())
            state = PricingState(
                (), (), problems, "", str(pricing.user_pricing_dir()), str(pricing.shipped_pricing_dir())
            )
            self.post_message(PricingLoaded(state, False, reason))
            return
        rows = tuple(
            PricingRow(
                e.provider,
                e.model,
                e.price.status,
                e.price.as_of_text,
                e.age_days,
                e.stale,
                pricing.training_summary(e.price),
                e.price.hosting.kind,
            )
            for e in inv.models
        )
        summary = ""
        if inv.book is not None:
            summary = f"{len(inv.book.models)} models · {len(inv.book.files)} files"
            if inv.book.rag is not None:
                summary += f" · RAG as of {inv.book.rag.as_of_text}"
        state = PricingState(
            files=tuple(PricingFile(str(f.path), f.origin, f.problems) for f in inv.files),
            rows=rows,
            problems=inv.problems,
            summary=summary,
            user_dir=str(inv.user_dir),
            shipped_dir=str(inv.shipped_dir),
            model_keys=tuple(e.key for e in inv.models),
            stale_after_days=inv.stale_after_days,
        )
        self.post_message(PricingLoaded(state, inv.ok, reason))

    @_while_mounted
    def on_pricing_loaded(self, message: PricingLoaded) -> None:
        state = message.state
        if message.ok:
            self.pricing = state
            for costs in self.query(CostsView):
                costs.set_models(list(state.model_keys))
        elif self.pricing is not None:  # keep the last good tables until the files are fixed
            state = replace(
                state, rows=self.pricing.rows, model_keys=self.pricing.model_keys, summary=self.pricing.summary
            )
        self.pricing_shown = state
        for view in self.query(PricingView):
            view.show_pricing(state, message.ok)
        editor = self._editor()
        if editor is not None and message.reason == "edit":
            mine = next((f.problems for f in state.files if f.path == editor.path), ())
            if message.ok:
                editor.dismiss(None)
                self.notify(f"{Path(editor.path).name} saved; the pricing tables were reloaded")
            else:
                editor.show_problems(list(mine or state.problems))
        if message.reason in ("reload", "edit"):
            if message.ok:
                self.start_analysis(reuse=self.analysis is not None)
            else:
                self.notify("the pricing tables have problems: the last good tables stay in use", severity="error")

    def _editor(self) -> PricingEditor | None:
        from ftready.tui.screens.pricing_editor import PricingEditor

        return next((s for s in self.screen_stack if isinstance(s, PricingEditor)), None)

    def on_pricing_request(self, message: PricingRequest) -> None:
        if message.action == "reload":
            self.action_reload_pricing()
        elif message.path and message.action == "edit":
            self.edit_pricing_external(message.path)
        elif message.path and message.action == "edit-here":
            self.edit_pricing_here(message.path)

    def edit_source(self, path: str) -> tuple[Path, str, str, Path | None]:
        """What an edit of `path` starts from: (the file a save writes, the text to edit, a note, the shipped table
        it overrides or None). Nothing is written here: shipped tables are never edited in place, and the user file
        is made only when a save changes a value (see `save_pricing_text`)."""
        from ftready.pricing import shipped_pricing_dir, user_pricing_dir

        p = Path(path)
        shipped = shipped_pricing_dir()
        try:
            is_shipped = p.resolve().parent == shipped.resolve()
        except OSError:
            is_shipped = False
        if not is_shipped:
            twin = shipped / p.name
            return p, p.read_text(encoding="utf-8"), f"editing {p}", twin if twin.is_file() else None
        target = user_pricing_dir() / p.name
        if target.exists():
            note = (
                f"your overrides of {p.name}: only the models you change are kept; the others follow the shipped table"
            )
            return target, target.read_text(encoding="utf-8"), note, p
        note = f"the shipped {p.name}: a save keeps only the models you change, in your pricing folder"
        return target, p.read_text(encoding="utf-8"), note, p

    def edit_pricing_external(self, path: str) -> None:
        import tempfile

        try:
            target, text, _note, shipped = self.edit_source(path)
        except OSError as exc:
            self.notify(f"cannot open {path}: {exc}", severity="error")
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        draft = Path(tempfile.mkdtemp(prefix="ftready-edit-")) / target.name
        draft.write_text(text, encoding="utf-8")
        try:
            with self.suspend():
                subprocess.call([*shlex.split(editor), str(draft)])
        except Exception as exc:  # SuspendNotSupported, editor not found
            self.notify(f"cannot run {editor}: {exc}", severity="error")
            return
        edited = draft.read_text(encoding="utf-8")
        if edited == text:
            self.notify(f"{target.name}: no change, nothing written")
            return
        problems = self.save_pricing_text(str(target), edited, str(shipped) if shipped else None)
        if problems:
            self.notify(
                "\n".join([*problems[:3], f"not saved; your edit is kept in {draft}"]),
                severity="error",
                title=f"{target.name} has {plural(len(problems), 'problem')}",
                timeout=15,
            )

    def edit_pricing_here(self, path: str) -> None:
        from ftready.tui.screens.pricing_editor import PricingEditor

        try:
            target, text, note, shipped = self.edit_source(path)
        except OSError as exc:
            self.notify(f"cannot open {path}: {exc}", severity="error")
            return
        self.push_screen(PricingEditor(str(target), text, note, str(shipped) if shipped else None))

    def save_pricing_text(self, path: str, text: str, shipped: str | None = None) -> list[str]:
        """Validate, then write only what overrides the shipped table, and reload. Returns the problems (nothing is
        written while there are any); an editor on screen closes once the reload succeeds."""
        from ftready.errors import FtreadyError
        from ftready.io import write_output
        from ftready.pricing import overrides

        target = Path(path)
        problems = overrides.validate_text(text, str(target), target.name)
        if problems:
            return problems
        content: str | None = text
        if shipped:
            try:
                content = overrides.overrides(text, Path(shipped).read_text(encoding="utf-8"))
            except OSError:
                content = text
        try:
            old = target.read_text(encoding="utf-8") if target.exists() else None
        except OSError:
            old = None
        editor = self._editor()
        if content is None:  # the same as the shipped table: no user file at all
            if old is None:
                self.notify(f"{target.name}: no change, nothing written")
                if editor is not None:
                    editor.dismiss(None)
                return []
            try:
                target.unlink()
            except OSError as exc:
                return [f"{target}: cannot remove: {exc}"]
            self.notify(f"{target.name}: the same as the shipped table again; your override file was removed")
            self.load_pricing("edit")
            return []
        if content == old:
            self.notify(f"{target.name}: no change, nothing written")
            if editor is not None:
                editor.dismiss(None)
            return []
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_output(target, content)
        except (FtreadyError, OSError) as exc:
            return [str(exc)]
        self.load_pricing("edit")
        return []

    # -- export --------------------------------------------------------------------------------------------------

    def export_report(self, fmt: str, path: str) -> Path | None:
        """Write the report with the core renderer; never over the dataset. Returns the path written."""
        if self.analysis is None:
            self.notify("nothing to export yet: the analysis has not finished", severity="warning")
            return None
        from ftready.errors import FtreadyError
        from ftready.io import write_output
        from ftready.report import render

        target = Path(path)
        try:
            write_output(
                target, render(self.analysis, fmt), inputs=[self.path, self.settings.validation, self.settings.previous]
            )
        except FtreadyError as exc:
            self.notify(str(exc), severity="error", title="export failed")
            return None
        self.notify(f"{fmt} report written to {target}", title="exported")
        return target

    def export_default(self, fmt: str) -> Path | None:
        from ftready.tui.screens.export import default_report_path

        return self.export_report(fmt, str(default_report_path(self.path, fmt)))

    def action_export(self) -> None:
        from ftready.tui.screens.export import ExportScreen

        def done(result: tuple[str, str] | None) -> None:
            if result:
                self.export_report(*result)

        self.push_screen(ExportScreen(self.path), done)

    # -- actions -------------------------------------------------------------------------------------------------

    def action_view(self, view: str) -> None:
        if view not in TABS:
            return
        # Let go of the focus first: hiding a focused widget makes Textual focus another one, possibly in the pane
        # being hidden, and a focused pane becomes the active one again.
        if self.screen.focused is not None and not isinstance(self.screen.focused, Tabs):
            self.screen.set_focus(None)
        self.query_one("#views", TabbedContent).active = view
        self.call_after_refresh(self._focus_view, view)

    def _focus_view(self, view: str) -> None:
        try:
            widget = self.query_one(FOCUS[view])
        except Exception:
            return
        if widget.focusable:
            widget.focus(scroll_visible=False)

    @on(TabbedContent.TabActivated, "#views")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._show_error_panel()
        # A click on a tab (or 1-6) puts the keyboard in the view; arrows on the tab row stay there.
        if isinstance(self.screen.focused, Tabs):
            return
        pane = event.pane.id or ""
        if pane in FOCUS:
            self.call_after_refresh(self._focus_view, pane)

    def action_help(self) -> None:
        from ftready.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_rerun(self) -> None:
        self.records_cache.clear()
        self.start_analysis()

    def action_reload_pricing(self) -> None:
        self.load_pricing("reload")

    def action_edit_assumptions(self) -> None:
        self.action_view("costs")
        for costs in self.query(CostsView):
            self.call_after_refresh(costs.action_focus_assumptions)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def _theme_changed(self, _theme: Theme) -> None:
        # Tables hold Rich text coloured from the theme: draw them again.
        if self.analysis is not None:
            for view in self._views(FindingsView, CostsView):
                view.show_analysis(self.analysis)
        if self.pricing_shown is not None:
            for p in self.query(PricingView):
                p.show_pricing(self.pricing_shown, not self.pricing_shown.problems)


# mypy checks here that the App provides everything the views read through ftready.tui.host
_IMPLEMENTS_HOST: type[AppHost] = FtreadyApp
