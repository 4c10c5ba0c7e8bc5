"""Costs: every provider and model the pricing tables list, the assumptions editable in place, the arithmetic of
the selected option and the RAG alternative beside it. The figures come from the core's cost model; editing an
assumption asks the App to recompute them (no arithmetic here)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Grid, Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.validation import Integer, Number, Validator
from textual.widgets import Input, Label, Select, Static
from textual.widgets.data_table import ColumnKey

from ftready.humanize import distinct_ellipsis, number
from ftready.model import Analysis, CostOption
from ftready.settings import ASSUMPTION_DEFAULTS, AssumptionValue
from ftready.tui.charts import CostLines
from ftready.tui.host import host
from ftready.tui.messages import AssumptionsChanged
from ftready.tui.render import approach_series, fit_money, money, theme_color
from ftready.tui.widgets import Note, Table

DEBOUNCE = 0.6
# assumption -> (label, input type, placeholder when None)
FIELDS: dict[str, tuple[str, str, str]] = {
    "epochs": ("epochs", "integer", "auto"),
    "updates_per_year": ("updates/yr", "number", "4"),
    "requests_per_month": ("req/mo", "integer", "100000"),
    "reply_tokens": ("reply tok", "number", "mean"),
}
VALIDATORS: dict[str, list[Validator]] = {
    "epochs": [Integer(minimum=1, maximum=50, failure_description="epochs: a whole number 1-50, or empty for auto")],
    "updates_per_year": [Number(minimum=0, maximum=365, failure_description="updates per year: a number 0-365")],
    "requests_per_month": [
        Integer(minimum=0, maximum=10**11, failure_description="requests per month: a whole number 0-100 billion")
    ],
    "reply_tokens": [
        Number(minimum=1, maximum=200_000, failure_description="reply tokens: 1-200,000, or empty for the mean")
    ],
}
NULLABLE = {"epochs", "reply_tokens", "model"}
ARITHMETIC = (
    ("epochs", "epochs"),
    ("training_tokens", "training tokens"),
    ("training_per_run", "training / run"),
    ("retraining_per_year", "retraining / yr"),
    ("hosting_per_month", "hosting / month"),
    ("inference_per_month", "inference / month"),
    ("first_year_total", "first year"),
)
COLUMNS = (
    ("chosen", "", 1),
    ("model", "provider/model", 28),
    ("status", "status", 7),
    ("epochs", "ep", 2),
    ("train", "train/run", 9),
    ("host", "host/mo", 9),
    ("infer", "infer/mo", 9),
    ("retrain", "retrain/yr", 10),
    ("total", "1st year", 9),
    ("rag", "RAG 1st yr", 10),
)
COLUMNS_NARROW = (
    ("chosen", "", 1),
    ("model", "provider/model", 22),
    ("epochs", "ep", 2),
    ("train", "train/run", 9),
    ("host", "host/mo", 9),
    ("total", "1st year", 9),
    ("rag", "RAG 1st yr", 10),
)
STATUS_SHORT = {"active": "active", "winding_down": "winding", "deprecated": "deprec."}
RAG_ARITHMETIC = (
    ("embedding_once", "embedding once"),
    ("reembedding_per_year", "re-embedding / yr"),
    ("storage_gb", "storage"),
    ("vector_store_per_month", "vector store / mo"),
)


class CostsView(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "focus_assumptions", "Edit assumptions"),
        Binding("escape", "focus_table", "Back to the table", key_display="esc"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.analysis: Analysis | None = None
        self.options: dict[str, CostOption] = {}
        self.selected: str | None = None
        self.applied: dict[str, AssumptionValue] = {}
        self._timer: Timer | None = None
        self._narrow_columns: bool | None = None
        # The options of the last run that compared every model: kept on screen, dimmed, when a model is chosen
        self._compared: list[CostOption] = []

    def compose(self) -> ComposeResult:
        with Grid(id="assumptions"):
            with Horizontal(classes="field field-model"):
                yield Label("model", classes="field-label")
                yield Select([], prompt="cheapest ready option", compact=True, id="a-model")
            with Horizontal(classes="field"):
                yield Label("method", classes="field-label")
                yield Select(
                    [("sft", "sft"), ("dpo", "dpo"), ("rft", "rft")],
                    value="sft",
                    allow_blank=False,
                    compact=True,
                    id="a-method",
                )
            for key, (label, kind, placeholder) in FIELDS.items():
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    yield Input(
                        placeholder=placeholder,
                        type=kind,  # type: ignore[arg-type]
                        validators=VALIDATORS[key],
                        valid_empty=True,  # empty is the default (auto, the mean), not an error
                        compact=True,
                        id=f"a-{key}",
                    )
        yield Note("", id="costs-status")
        yield Table(id="costs-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="costs-detail"):
            with VerticalScroll(id="arithmetic-box", classes="panel"):
                yield Static("", id="arithmetic")
            with Container(id="costs-side"):
                with Vertical(id="chart-box", classes="panel"):
                    yield CostLines(rows=5, fill=True, id="costs-chart")
                with VerticalScroll(id="rag-box", classes="panel"):
                    yield Static("", id="rag")

    def on_mount(self) -> None:
        self._columns()
        self.query_one("#arithmetic-box").border_title = "How the selected figure adds up"
        self.query_one("#rag-box").border_title = "The RAG alternative"
        self.query_one("#chart-box").border_title = "Cumulative cost: fine-tune, RAG, prompting"
        app = host(self)
        self.set_models(app.model_keys())
        self.set_assumptions(app.settings.assumptions)
        if app.analysis is not None:
            self.show_analysis(app.analysis)
        self.set_running(app.running)

    def _narrow(self) -> bool:
        return self.app.screen.has_class("-narrow")

    def _columns(self) -> None:
        t = self.query_one(Table)
        t.clear(columns=True)
        self._narrow_columns = self._narrow()
        for key, label, width in COLUMNS_NARROW if self._narrow_columns else COLUMNS:
            t.add_column(label, key=key, width=width)

    def _spec(self) -> tuple[tuple[str, str, int], ...]:
        return COLUMNS_NARROW if self._narrow_columns else COLUMNS

    def _model_width(self, keys: list[str]) -> int:
        """The id column takes what the other columns leave (one cell of padding each side, and the scrollbar),
        up to the longest id: ids are never cut when there is room."""
        spec = self._spec()
        others = sum(w for k, _, w in spec if k != "model") + 2 * len(spec) + 2
        width = self.query_one(Table).size.width or self.size.width or 100
        longest = max((len(k) for k in keys), default=14)
        return max(14, min(longest, width - others))

    def on_resize(self) -> None:
        if self._narrow() != getattr(self, "_narrow_columns", None):
            self._columns()
        if self.analysis is not None:
            self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        table = self.query_one(Table)
        column = table.columns.get(ColumnKey("model"))
        if self.analysis is not None and column is not None and column.width != self._model_width(list(self.options)):
            self.show_analysis(self.analysis)

    # -- assumptions -----------------------------------------------------------------------------------------

    def set_assumptions(self, assumptions: Mapping[str, AssumptionValue]) -> None:
        """Show the assumptions in effect (called by the App; does not re-run anything)."""
        for key in FIELDS:
            v = assumptions.get(key)
            self.query_one(f"#a-{key}", Input).value = "" if v is None else _plain(v)
        self.query_one("#a-method", Select).value = assumptions.get("method") or "sft"
        model = assumptions.get("model")
        sel = self.query_one("#a-model", Select)
        if isinstance(model, str) and model:
            self._ensure_model_option(model)
            sel.value = model
        else:
            sel.clear()
        self.applied = self._values() or {}

    def set_models(self, keys: list[str]) -> None:
        sel = self.query_one("#a-model", Select)
        value = sel.value
        sel.set_options([(k, k) for k in keys])
        if value is not Select.NULL and value in keys:
            sel.value = value

    def _ensure_model_option(self, model: str) -> None:
        sel = self.query_one("#a-model", Select)
        keys = [str(v) for _, v in sel._options if v is not Select.NULL]
        if model not in keys:
            sel.set_options([(k, k) for k in [*keys, model]])

    def _values(self) -> dict[str, AssumptionValue] | None:
        """The assumptions as typed, or None when one is invalid (its input shows why)."""
        out: dict[str, AssumptionValue] = {}
        for key in FIELDS:
            inp = self.query_one(f"#a-{key}", Input)
            raw = inp.value.strip()
            if not raw:
                out[key] = None if key in NULLABLE else ASSUMPTION_DEFAULTS.get(key)
                continue
            result = inp.validate(raw)
            if result is not None and not result.is_valid:
                return None
            v = float(raw)
            out[key] = int(v) if FIELDS[key][1] == "integer" or v.is_integer() else v
        model = self.query_one("#a-model", Select).value
        out["model"] = model if isinstance(model, str) else None  # Select.NULL: none chosen
        method = self.query_one("#a-method", Select).value
        out["method"] = method if isinstance(method, str) else "sft"
        return out

    def _schedule(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(delay, self._apply) if delay > 0 else None
        if delay <= 0:
            self._apply()

    def _apply(self) -> None:
        self._timer = None
        values = self._values()
        if values is None:
            return
        if values == self.applied:
            return
        changes = {k: v for k, v in values.items() if self.applied.get(k, "\x00") != v}
        self.applied = values
        self.post_message(AssumptionsChanged(changes))

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.validation_result is not None and not event.validation_result.is_valid and event.value.strip():
            self._status(" · ".join(event.validation_result.failure_descriptions), error=True)
            return
        self._schedule(DEBOUNCE)

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._schedule(0)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._schedule(0)

    def action_focus_assumptions(self) -> None:
        self.query_one("#a-model", Select).focus()  # the first field, as the help lists them

    def action_focus_table(self) -> None:
        self.query_one(Table).focus()

    # -- figures -------------------------------------------------------------------------------------------------

    def set_running(self, running: bool) -> None:
        self.set_class(running, "-running")
        if running:
            self._status("recomputing with the new assumptions…")
        elif self.analysis is not None:
            self._summary(self.analysis)

    def show_analysis(self, a: Analysis | None) -> None:
        self.analysis = a
        table = self.query_one(Table)
        table.clear()
        self.options = {}
        if a is None:
            return
        costs = a.costs
        series, month, caption, currency = approach_series(costs)
        self.query_one("#costs-chart", CostLines).set_series(series, month, caption, currency)
        options = list(costs.options) if costs is not None else []
        cur = costs.currency if costs is not None else "USD"
        chosen_key = None
        pinned = costs is not None and bool(costs.requested_model)
        if not pinned:
            self._compared = options
        keys = {o.name for o in options}
        # A chosen model stays first; the other options of the last comparison stay below it, dimmed, to compare.
        others = [o for o in self._compared if o.name not in keys] if pinned else []
        spec = self._spec()
        width = self._model_width([o.name for o in [*options, *others]])
        column = table.columns.get(ColumnKey("model"))
        if column is not None:
            column.width, column.auto_width = width, False
        widths = {k: w for k, _, w in spec}
        all_keys = [o.name for o in [*options, *others]]
        shown = dict(zip(all_keys, distinct_ellipsis(all_keys, width), strict=True))
        for o in [*options, *others]:
            key = o.name
            compared = o in others
            self.options[key] = o
            chosen = o.chosen and not compared
            if chosen:
                chosen_key = key
            c = o.currency or cur
            status = o.status
            warn = theme_color(self.app, "text-warning", "yellow")
            bad = theme_color(self.app, "text-error", "red")
            dim = theme_color(self.app, "foreground-muted", "grey50") if compared else ""

            def cash(value: float | None, col: str, style: str = "", c: str = c, dim: str = dim) -> Text:
                return _right(fit_money(value, c, widths.get(col, 9)), style or dim)

            cells = {
                "chosen": Text("★", style=theme_color(self.app, "text-success", "green")) if chosen else "",
                "model": Text(shown[key], style="bold" if chosen else dim, no_wrap=True),
                "status": Text(
                    STATUS_SHORT.get(status, status),
                    style=bad if status == "deprecated" else warn if status != "active" else dim,
                ),
                "epochs": Text(number(o.epochs), style=dim),
                "train": cash(o.training_per_run, "train"),
                "host": cash(o.hosting_per_month, "host"),
                "infer": cash(o.inference_per_month, "infer"),
                "retrain": cash(o.retraining_per_year, "retrain"),
                "total": cash(o.first_year_total, "total", "bold" if chosen else ""),
                "rag": cash(o.rag_first_year_total, "rag"),
            }
            table.add_row(*(cells[k] for k, _, _ in spec), key=key)
        self._summary(a)
        if not options:
            self.query_one("#arithmetic", Static).update("no option could be priced")
            self.query_one("#rag", Static).update(self._rag_renderable(a, None))
            return
        keep = self.selected if self.selected in self.options else chosen_key or next(iter(self.options))
        index = list(self.options).index(keep)
        table.move_cursor(row=index)
        self._show_option(keep)

    def _summary(self, a: Analysis) -> None:
        costs = a.costs
        error = host(self).error
        if costs is None and error is not None and error.kind == "pricing":
            file, _, rest = (error.error.splitlines() or [""])[0].partition(":")
            first = f"{file.rsplit('/', 1)[-1]}:{rest}"
            self._status(f"no costs: the pricing tables have problems (6 lists them): {first}", error=True)
            return
        if costs is None:
            self._status("costs were not computed (FT7xx not selected, or no pricing tables)")
            return
        options = costs.options
        chosen = costs.chosen
        parts = [f"{len(options)} option" + ("" if len(options) == 1 else "s")]
        if chosen is not None:
            how = "the model asked for" if costs.requested_model else "cheapest ready"
            parts.append(f"★ {chosen.key} ({how})")
            if costs.requested_model and len(self.options) > len(options):
                parts.append("dimmed rows: the last comparison of every model")
        parts.append(f"today {costs.today}")
        parts.append(f"next update {costs.next_update or 'none'}")
        self._status(" · ".join(parts))

    def _status(self, text: str, error: bool = False) -> None:
        self.query_one("#costs-status", Note).update(text)
        self.query_one("#costs-status", Note).set_class(error, "-error")

    @on(Table.RowHighlighted, "#costs-table")
    def _row(self, event: Table.RowHighlighted) -> None:
        event.stop()
        if event.row_key is not None and event.row_key.value in self.options:
            self._show_option(str(event.row_key.value))

    def _show_option(self, key: str) -> None:
        self.selected = key
        o = self.options.get(key)
        a = self.analysis
        if o is None:
            return
        grid = RichTable.grid(padding=(0, 1), expand=True)
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1)
        head = Text.assemble(
            (key, "bold"),
            f"  {o.display_name or o.model} · {o.status.replace('_', ' ')} · "
            f"prices as of {o.as_of} ({o.age_days} days old)",
        )
        arithmetic = dict(o.arithmetic.items())
        for k, label in ARITHMETIC:
            grid.add_row(label, Text(arithmetic[k]))
        warn = theme_color(self.app, "text-warning", "yellow")
        for w in o.warnings:
            grid.add_row(Text("⚠", style=warn), Text(w, style=warn))
        if o.file:
            grid.add_row("table", Text(o.file))
        self.query_one("#arithmetic", Static).update(Group(head, grid))
        if a is not None:
            self.query_one("#rag", Static).update(self._rag_renderable(a, o))

    def _rag_renderable(self, a: Analysis, o: CostOption | None) -> RenderableType:
        costs = a.costs
        rag = costs.rag if costs is not None else None
        if costs is None or rag is None:
            return Text("no RAG tables loaded (pricing/rag.yaml)")
        cur = costs.currency
        grid = RichTable.grid(padding=(0, 1), expand=True)
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row("retrieval", Text(f"{rag.embedding} · {rag.vector_store}"))
        grid.add_row(
            "corpus",
            Text(
                f"{number(rag.corpus_tokens)} tokens in {number(rag.chunks)} chunks · "
                f"{number(rag.changed_share)} changed per update ({rag.changed_share_source or 'assumed'})"
            ),
        )
        arithmetic = dict(rag.arithmetic.items())
        for k, label in RAG_ARITHMETIC:
            if arithmetic.get(k):
                grid.add_row(label, Text(arithmetic[k]))
        if o is not None:
            grid.add_row(
                "inference / mo",
                Text(
                    f"{money(o.rag_inference_per_month, cur)} with {o.name}'s base model and "
                    f"{number(rag.context_tokens)} context tokens per request"
                ),
            )
            grid.add_row("first year", Text(o.arithmetic.rag_first_year_total))
            ft, rg = o.first_year_total, o.rag_first_year_total
            grid.add_row(
                "compared",
                Text(
                    f"fine-tuning {money(ft, cur)} vs RAG {money(rg, cur)} in the first year",
                    style="bold",
                ),
            )
        warn = theme_color(self.app, "text-warning", "yellow")
        for w in rag.warnings:
            grid.add_row(Text("⚠", style=warn), Text(w, style=warn))
        return grid


def _right(text: str, style: str = "") -> Text:
    return Text(text, style=style, justify="right")


def _plain(v: AssumptionValue) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
