"""Overview: the verdict with its reasons, the key numbers, and the findings that matter most."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from ftready.humanize import number
from ftready.model import Analysis
from ftready.tui.charts import CostLines, Histogram
from ftready.tui.messages import ShowFinding
from ftready.tui.render import (
    MUTED,
    RECOMMENDATION,
    SEVERITY_ICON,
    SEVERITY_STYLE,
    Part,
    approach_series,
    money,
    one_line,
)
from ftready.tui.widgets import List, Note
from ftready.vocabulary import INVALID_RECORDS, plural

TOP_FINDINGS = 6


class Stat(Static):
    """A key number with its caption."""

    def show(self, value: str, caption: str, detail: str = "", style: str = "bold") -> None:
        # the detail line shows where there is room (three rows on wide screens)
        self.update(Content.assemble((value, style), "\n", (caption, MUTED), "\n", (detail, MUTED)))


class OverviewView(VerticalScroll):
    can_focus = False
    BINDINGS = [Binding("enter", "open_finding", "Open finding")]  # noqa: RUF012 (declared so on Widget)

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Analysing…", f"italic {MUTED}")), id="verdict")
        with Grid(id="numbers"):
            for name in ("examples", "effective", "invalid", "tokens", "duplicates", "labels", "cost", "rag"):
                yield Stat(id=f"stat-{name}", classes="stat")
        yield Static("", id="findings-title", classes="section-title")
        yield List(id="top-findings")
        yield Note("", id="overview-notes")
        # the free space of a tall screen shows the token lengths (hidden on short screens, see ftready.tcss)
        with Horizontal(id="overview-charts"):
            with Vertical(id="overview-tokens", classes="panel"):
                yield Histogram(id="overview-histogram")
            with Vertical(id="overview-costs", classes="panel"):
                yield CostLines(rows=6, id="overview-cost-chart")

    def on_mount(self) -> None:
        self.query_one("#overview-tokens").border_title = "Tokens per example"
        self.query_one("#overview-tokens").display = False
        self.query_one("#overview-costs").border_title = "Cumulative cost of the three approaches"
        self.query_one("#overview-costs").display = False
        for stat in self.query(Stat):
            stat.show("…", stat.id.removeprefix("stat-") if stat.id else "")

    def show_failure(self) -> None:
        """The run could not be done (the App shows why above the views)."""
        self.query_one("#verdict", Static).update(Content.assemble(("No analysis: see the message above.", MUTED)))
        for stat in self.query(Stat):
            stat.show("—", stat.id.removeprefix("stat-") if stat.id else "")

    def show_analysis(self, a: Analysis | None) -> None:
        if a is None:
            return
        self._verdict(a)
        self._numbers(a)
        self._findings(a)
        panel = self.query_one("#overview-tokens")
        t = a.tokens
        panel.display = t is not None and bool(t.histogram.counts)
        if t is not None:
            self.query_one("#overview-histogram", Histogram).set_bins(
                t.histogram.edges, t.histogram.counts, t.histogram.log_scale
            )
        series, month, caption, currency = approach_series(a.costs)
        costs_panel = self.query_one("#overview-costs")
        costs_panel.display = any(c for _, c, _, _ in series)
        self.query_one("#overview-cost-chart", CostLines).set_series(series, month, caption, currency)
        # "≈" on the token count says it is approximate; FT212 explains why.
        notes = self.query_one("#overview-notes", Note)
        notes.update("\n".join(a.notes))
        notes.display = bool(a.notes)

    def _verdict(self, a: Analysis) -> None:
        v = a.verdict
        label, style = RECOMMENDATION.get(v.recommendation, (v.recommendation.upper(), "$primary"))
        parts: list[Part] = [
            (f" {label} ", f"bold reverse {style}"),
            "  ",
            (v.headline or ("Ready" if v.ready else "Not ready"), "bold"),
        ]
        for reason in v.reasons:
            parts += ["\n", ("• ", style), reason]
        self.query_one("#verdict", Static).update(Content.assemble(*parts))

    def _numbers(self, a: Analysis) -> None:
        d = a.dataset
        stat = self._stat
        stat("examples", number(d.examples), "examples", f"{d.format} · {number(d.records)} records")
        stat("effective", number(a.effective_examples), "effective", "redundant duplicates removed")
        stat(
            "invalid",
            number(d.invalid),
            INVALID_RECORDS,
            "records that cannot be used",
            "bold $error" if d.invalid else "bold",
        )
        t = a.tokens
        if t is not None:
            approx = "≈" if t.approximate else ""
            stat("tokens", approx + number(t.total), "tokens", f"p50 {number(t.per_example.p50)} per example")
        else:
            stat("tokens", "—", "tokens", "not counted")
        dup = a.duplicates
        if dup is None:
            stat("duplicates", "—", "duplicates", "not checked")
        else:
            exact, near, conflicts = dup.exact.redundant, dup.near.redundant, dup.conflicts.group_count
            stat(
                "duplicates",
                number(int(exact) + int(near)),
                "duplicates",
                f"redundant: {number(exact)} exact · {number(near)} near · {number(conflicts)} conflicts",
                "bold $warning" if (exact or near or conflicts) else "bold",
            )
        lab = a.labels
        if lab is not None:
            stat("labels", number(lab.n_labels), "labels", f"imbalance {number(lab.imbalance_ratio)}×")
        else:
            stat("labels", "—", "labels", "not a classification set")
        costs = a.costs
        chosen = costs.chosen if costs is not None else None
        cur = costs.currency if costs is not None else "USD"
        if chosen is not None:
            stat("cost", money(chosen.first_year_total, cur), "1st year fine-tune", chosen.name, "bold $accent")
        else:
            stat("cost", "—", "1st year fine-tune", "no priced option")
        rag = costs.rag if costs is not None else None
        if rag is not None:
            stat("rag", money(rag.first_year_total, cur), "1st year with RAG", "embedding + vector store")
        else:
            stat("rag", "—", "1st year with RAG", "no RAG tables")

    def _stat(self, name: str, value: str, caption: str, detail: str, style: str = "bold") -> None:
        self.query_one(f"#stat-{name}", Stat).show(value, caption, detail, style)

    def _findings(self, a: Analysis) -> None:
        counts = {s: sum(1 for f in a.findings if f.severity.value == s) for s in ("error", "warning", "info")}
        title = Content.assemble(
            ("Findings  ", "bold"),
            (plural(counts["error"], "error"), SEVERITY_STYLE["error"]),
            " · ",
            (plural(counts["warning"], "warning"), SEVERITY_STYLE["warning"]),
            " · ",
            (plural(counts["info"], "info"), SEVERITY_STYLE["info"]),
            ("   enter opens one, 2 shows all", MUTED),
        )
        self.query_one("#findings-title", Static).update(title)
        top = self.query_one("#top-findings", List)
        top.clear_options()
        options = []
        for f in a.findings[:TOP_FINDINGS]:
            sev = f.severity.value
            options.append(
                Option(
                    Content.assemble(
                        (SEVERITY_ICON.get(sev, "·"), SEVERITY_STYLE.get(sev, MUTED)),
                        " ",
                        (f.code, "bold"),
                        " ",
                        one_line(f.message),
                    ),
                    id=f.code,
                )
            )
        if not options:
            options.append(Option(Content.assemble(("No findings: nothing to fix.", "$success")), disabled=True))
        top.add_options(options)
        top.styles.height = len(options)
        if a.findings:
            top.highlighted = 0  # enter opens the top finding at once, as the caption says

    def action_open_finding(self) -> None:
        top = self.query_one("#top-findings", List)
        if top.highlighted is None and top.option_count and not top.get_option_at_index(0).disabled:
            top.highlighted = 0
        if top.highlighted is not None:
            option = top.get_option_at_index(top.highlighted)
            if option.id:
                self.post_message(ShowFinding(option.id))

    def on_option_list_option_selected(self, event: List.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(ShowFinding(event.option.id))
