"""Data: the token-length histogram, the label bar chart, topic clusters with their top terms, and the diversity
metrics, drawn from values the core computed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ftready.humanize import DASH, number, percent
from ftready.model import Analysis
from ftready.tui.charts import BarChart, Histogram
from ftready.tui.host import host
from ftready.tui.render import MUTED, Part, clip, one_line
from ftready.tui.widgets import Note

_S = TypeVar("_S")  # one side (replies or prompts) of a diversity measure
MAX_LABELS = 15
MAX_CLUSTERS = 12


def _pct(v: float | None) -> str:
    return DASH if v is None else percent(v, 0)


class DataView(VerticalScroll):
    def compose(self) -> ComposeResult:
        with Grid(id="charts"):
            with Vertical(id="panel-tokens", classes="panel"):
                yield Histogram(id="token-histogram")
                yield Note("", id="token-stats")
            with Vertical(id="panel-labels", classes="panel"):
                yield BarChart(id="label-chart", style="$primary")
                yield Note("", id="label-stats")
            with Vertical(id="panel-clusters", classes="panel"):
                yield BarChart(id="cluster-chart", label_width=40, label_share=0.5, style="$secondary")
                yield Note("", id="cluster-stats")
            with Vertical(id="panel-diversity", classes="panel"):
                yield Static("", id="diversity-table")
                yield Note("", id="diversity-stats")

    def on_mount(self) -> None:
        self.query_one("#panel-tokens").border_title = "Tokens per example"
        self.query_one("#panel-labels").border_title = "Labels"
        self.query_one("#panel-clusters").border_title = "Topic clusters (sample)"
        self.query_one("#panel-diversity").border_title = "Diversity"
        analysis = host(self).analysis
        if analysis is not None:
            self.show_analysis(analysis)

    def show_analysis(self, a: Analysis | None) -> None:
        if a is None:
            return
        self._tokens(a)
        self._labels(a)
        self._clusters(a)
        self._diversity(a)

    def _tokens(self, a: Analysis) -> None:
        t = a.tokens
        hist = self.query_one("#token-histogram", Histogram)
        stats = self.query_one("#token-stats", Note)
        if t is None:
            hist.set_bins([], [])
            stats.update("tokens were not counted")
            return
        hist.set_bins(t.histogram.edges, t.histogram.counts, t.histogram.log_scale)
        e = t.per_example
        approx = "≈ " if t.approximate else ""
        lines = [
            f"{approx}{number(t.total)} tokens ({t.encoding}) · min {number(e.min)} · p50 {number(e.p50)} · "
            f"p95 {number(e.p95)} · max {number(e.max)} · mean {number(e.mean)}",
            f"{number(t.over_limit)} over the {number(t.max_example_tokens)}-token limit"
            + (f" ({number(t.truncated_tokens)} tokens would be cut)" if t.over_limit else "")
            + (" · x axis: log scale" if t.histogram.log_scale else ""),
        ]
        if t.sampled:
            lines.append(f"estimated from a sample of {number(t.sample_size)} (±{_pct(t.error_bound)})")
        stats.update("\n".join(lines))

    def _labels(self, a: Analysis) -> None:
        chart = self.query_one("#label-chart", BarChart)
        stats = self.query_one("#label-stats", Note)
        lab = a.labels
        counts = dict(lab.counts) if lab is not None else {}
        if lab is None or not counts:
            chart.set_items([])
            chart.display = False
            stats.update("this dataset has no labels (not a classification set)" if lab is None else "no label counts")
            return
        chart.display = True
        items = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
        shown = items[:MAX_LABELS]
        if len(items) > MAX_LABELS:
            shown = [*items[: MAX_LABELS - 1], items[-1]]
        chart.set_items([(str(k), float(v), number(v)) for k, v in shown])
        lines = [
            f"{number(lab.n_labels)} labels · imbalance {number(lab.imbalance_ratio)}× "
            f"(largest/smallest) · evenness {number(lab.normalized_entropy)} (1 = even)"
        ]
        if len(items) > MAX_LABELS:
            lines.append(f"{len(items) - MAX_LABELS + 1:,} labels between the top {MAX_LABELS - 1} and the smallest")
        stats.update("\n".join(lines))

    def _clusters(self, a: Analysis) -> None:
        chart = self.query_one("#cluster-chart", BarChart)
        stats = self.query_one("#cluster-stats", Note)
        topics = a.diversity.topics if a.diversity is not None else None
        clusters = topics.clusters if topics is not None else ()
        if topics is None or not clusters:
            chart.set_items([])
            chart.display = False
            stats.update("no topic clusters (too few examples or not computed)")
            return
        chart.display = True
        items = []
        for c in clusters[:MAX_CLUSTERS]:
            terms = ", ".join(c.terms[:4]) or "(no terms)"
            items.append((terms, float(c.size), f"{number(c.size)} {_pct(c.share)}"))
        chart.set_items(items)
        more = len(clusters) - MAX_CLUSTERS
        stats.update(
            f"{number(topics.k or len(clusters))} clusters over {number(topics.sample)} examples · "
            f"spread {number(topics.normalized_entropy)} (1 = even) · largest {_pct(topics.largest_share)}"
            + (f" · {more} smaller clusters not shown" if more > 0 else "")
        )

    def _diversity(self, a: Analysis) -> None:
        table = self.query_one("#diversity-table", Static)
        note = self.query_one("#diversity-stats", Note)
        d = a.diversity
        if d is None:
            table.update(Content.assemble(("diversity was not measured", MUTED)))
            note.update("")
            return
        rows: list[tuple[str, str, str]] = []

        def both(
            label: str,
            sides: tuple[_S | None, _S | None],
            get: Callable[[_S], float],
            fmt: Callable[[float], str] = number,
        ) -> None:
            values = [get(side) if side is not None else None for side in sides]
            if any(v is not None for v in values):
                replies, prompts = (fmt(v) if v is not None else "—" for v in values)
                rows.append((label, replies, prompts))

        dn, cr, op = d.distinct_n, d.compression, d.openings
        both("distinct-1 (unique words)", (dn.responses, dn.prompts), lambda s: s.distinct_1)
        both("distinct-2 (unique word pairs)", (dn.responses, dn.prompts), lambda s: s.distinct_2)
        both("compression ratio (lzma)", (cr.responses, cr.prompts), lambda s: s.ratio)
        both("top opening share", (op.responses, op.prompts), lambda s: s.top_share, _pct)
        both("distinct openings", (op.responses, op.prompts), lambda s: s.distinct_share, _pct)
        parts: list[Part] = []
        if rows:
            w = max(len(r[0]) for r in rows)
            parts += [("".ljust(w) + "  " + "replies".rjust(9) + "  " + "prompts".rjust(9), "bold")]
            for label, r, p in rows:
                parts += ["\n", label.ljust(w), "  ", r.rjust(9), "  ", p.rjust(9)]
        opening = next(
            (side.top[0].opening for side in (op.responses, op.prompts) if side and side.top and side.top[0].opening),
            None,
        )
        if opening:
            parts += ["\n", ("most common opening: ", MUTED), f"“{opening}…”"]
        dom = d.dominant.top[0] if d.dominant is not None and d.dominant.top else None
        if dom is not None and dom.text:
            parts += [
                "\n",
                ("most repeated reply: ", MUTED),
                f"“{clip(one_line(dom.text), 60)}” × {number(dom.count)} ({_pct(dom.share)})",
            ]
        table.update(Content.assemble(*parts) if parts else Content.assemble(("no metrics", MUTED)))
        meanings = [
            "lower distinct-n = the same phrases recur",
            "higher compression = more repetition (varied prose is about 3–4)",
        ]
        note.update(" · ".join(meanings))
