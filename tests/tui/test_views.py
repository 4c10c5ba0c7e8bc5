"""Pilot tests that drive every view of the app on a dataset with known defects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select, Static, TabbedContent

from ftready.settings import Settings
from ftready.tui import make_app
from ftready.tui.charts import BarChart, Histogram
from ftready.tui.views import CostsView, DataView, DuplicatesView, FindingsView, OverviewView, PricingView
from ftready.tui.widgets import List, Table
from testkit import obj, objs, string
from tui.helpers import analysis_of, content_of, costs_of, option_ids, plain, rendered, run, settle, wait_for


def _text(widget: Static) -> str:
    return str(widget.render())


def _settings(chat: dict[str, Any]) -> Settings:
    return Settings(validation=str(chat["validation"]))


def _cells(table: Table) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def test_overview_shows_verdict_numbers_and_top_findings(chat: dict[str, Any]) -> None:
    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            a = app.analysis
            assert a is not None and a.verdict.recommendation == "fix-data"
            view = app.query_one(OverviewView)
            assert "FIX THE DATA FIRST" in _text(view.query_one("#verdict", Static))
            assert a.verdict.reasons[0].split(":")[0] in _text(view.query_one("#verdict", Static))
            assert _text(view.query_one("#stat-examples", Static)).startswith(f"{a.dataset.examples:,}")
            assert _text(view.query_one("#stat-invalid", Static)).startswith("1")
            assert a.duplicates is not None
            dup_redundant = a.duplicates.exact.redundant + a.duplicates.near.redundant
            assert _text(view.query_one("#stat-duplicates", Static)).startswith(str(dup_redundant))
            top = view.query_one("#top-findings", List)
            assert [top.get_option_at_index(i).id for i in range(top.option_count)] == [f.code for f in a.findings[:6]]
            assert "FIX THE DATA FIRST" in _text(app.query_one("#topbar", Static))
            # enter on a top finding opens it in the Findings view
            top.focus()
            top.highlighted = 1
            await pilot.press("enter")
            await settle(pilot)
            assert app.query_one("#views", TabbedContent).active == "findings"
            current = app.query_one(FindingsView).current
            assert current is not None and current.code == a.findings[1].code

    run(body())


def test_findings_filter_explanation_and_records(chat: dict[str, Any]) -> None:
    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            a = analysis_of(app)
            await pilot.press("2")
            await settle(pilot)
            view = app.query_one(FindingsView)
            table = view.query_one(Table)
            assert table.row_count == len(a.findings)
            # severity filter: s cycles all -> errors
            table.focus()
            await pilot.press("s")
            await pilot.pause()
            assert table.row_count == len(a.errors) > 0
            assert {r[1] for r in _cells(table)} == {f.code for f in a.errors}
            view.query_one("#severity-filter", Select).value = "all"
            await pilot.pause()
            assert table.row_count == len(a.findings)
            # code filter
            await pilot.press("slash")
            focused = app.focused
            assert isinstance(focused, Input)
            await pilot.press("F", "T", "3")
            await pilot.pause()
            codes = [r[1] for r in _cells(table)]
            assert codes and all(c.startswith("FT3") for c in codes)
            await pilot.press("enter")
            assert app.focused is table
            # escape leaves the filter (the filter stays), a second escape clears it
            await pilot.press("slash")
            focused = app.focused
            assert isinstance(focused, Input)
            await pilot.press("escape")
            await pilot.pause()
            assert app.focused is table and view.query_one("#code-filter", Input).value == "FT3"
            await pilot.press("s")  # a key of the view, not typed into the filter
            await pilot.pause()
            assert view.query_one("#code-filter", Input).value == "FT3"
            view.query_one("#severity-filter", Select).value = "all"
            await pilot.press("escape")
            await pilot.pause()
            assert view.query_one("#code-filter", Input).value == ""
            # the invalid record: explanation from the registry, the problem and the raw line shown
            view.query_one("#code-filter", Input).value = ""
            await pilot.pause()
            view.select_code("FT100")
            await settle(pilot)
            from ftready.rules.codes import lookup

            detail = _text(view.query_one("#finding-text", Static))
            assert lookup("FT100").doc.why[:40] in " ".join(detail.split())
            records = [str(w.render()) for w in view.query(".record")]
            invalid_line = chat["lines"]["invalid"]
            assert [w.border_title for w in view.query(".record")] == [f"line {invalid_line}"]
            assert "FT101" in records[0] and "raw" in records[0]
            # exact duplicates: records shown as roles and text, not JSON
            view.select_code("FT301")
            await settle(pilot)
            shown = [w.border_title for w in view.query(".record")]
            f301 = a.finding("FT301")
            assert f301 is not None
            assert shown == [f"line {n}" for n in f301.lines[:5]]
            text = str(view.query(".record").first().render())
            assert "system" in text and "user" in text and "assistant" in text
            assert '{"role"' not in text
            # j/k move in the table
            table.focus()
            row = table.cursor_row
            await pilot.press("j")
            assert table.cursor_row == row + 1
            await pilot.press("k")
            assert table.cursor_row == row

    run(body())


def test_duplicates_groups_side_by_side_with_differences(chat: dict[str, Any]) -> None:
    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("3")
            await settle(pilot)
            view = app.query_one(DuplicatesView)
            groups = view.query_one("#dup-groups", List)
            ids = [groups.get_option_at_index(i).id for i in range(groups.option_count)]
            assert "exact:0" in ids and "near:0" in ids and "conflicts:0" in ids and "leak:0:0" in ids
            assert view.groups["exact:0"].lines == tuple(chat["lines"]["exact"])
            assert view.groups["near:0"].lines == tuple(chat["lines"]["near"])
            # exact copies differ only in letter case: no differences marked
            assert view.current is not None and view.current.kind == "exact"
            assert "the same once case and spacing are ignored" in _text(view.query_one("#dup-title", Static))
            # the near duplicate: the changed word is marked on both sides
            groups.focus()
            groups.highlighted = ids.index("near:0")
            await settle(pilot)
            left = content_of(view.query_one("#dup-left", Static))
            right = content_of(view.query_one("#dup-right", Static))
            marked_left = {left.plain[s.start : s.end] for s in left.spans if "error-muted" in str(s.style)}
            marked_right = {right.plain[s.start : s.end] for s in right.spans if "success-muted" in str(s.style)}
            assert marked_left == {"Confirm"} and marked_right == {"Approve"}
            near = chat["lines"]["near"]
            assert view.query_one("#dup-left", Static).border_title == f"line {near[0]}"
            assert view.query_one("#dup-right", Static).border_title == f"line {near[1]}"
            # ] moves to the next member of a larger group
            groups.highlighted = ids.index("exact:0")
            await settle(pilot)
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert view.query_one("#dup-right", Static).border_title == f"line {chat['lines']['exact'][2]}"
            # leaked validation example: the validation record beside its training twin
            groups.highlighted = ids.index("leak:0:0")
            await settle(pilot)
            title = view.query_one("#dup-left", Static).border_title
            assert title is not None and title.startswith("validation line")
            assert "How do I" in str(view.query_one("#dup-left", Static).render())

    run(body())


def test_duplicates_lists_evaluation_set_leaks(chat: dict[str, Any]) -> None:
    """The validation file given as an --against evaluation set: its leaks are listed under its name, and the
    evaluation record is read from that file beside its training twin."""

    async def body() -> None:
        app = make_app(chat["path"], Settings(against=(str(chat["validation"]),)))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("3")
            await settle(pilot)
            view = app.query_one(DuplicatesView)
            groups = view.query_one("#dup-groups", List)
            ids = [groups.get_option_at_index(i).id for i in range(groups.option_count)]
            assert "leak:1:0" in ids and "leak:0:0" not in ids
            groups.focus()
            groups.highlighted = ids.index("leak:1:0")
            left = view.query_one("#dup-left", Static)
            await wait_for(pilot, lambda: str(left.border_title).startswith("evaluation line"))
            await wait_for(pilot, lambda: "How do I" in str(left.render()))  # read from the evaluation file

    run(body())


def test_data_view_draws_core_bins_and_labels(labels_file: Path) -> None:
    async def body() -> None:
        app = make_app(labels_file)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("4")
            await settle(pilot)
            view = app.query_one(DataView)
            a = analysis_of(app)
            assert a.tokens is not None and a.labels is not None
            hist = view.query_one(Histogram)
            assert hist._counts == list(a.tokens.histogram.counts)
            chart = view.query_one("#label-chart", BarChart)
            assert chart._items[0][0] == "billing" and chart._items[0][1] == a.labels.counts["billing"]
            assert [i[0] for i in chart._items] == ["billing", "login", "sync", "refund"]
            assert "▏" in str(chart.render()) or "█" in str(chart.render())
            assert "imbalance" in str(view.query_one("#label-stats").render())

    run(body())


def test_costs_table_arithmetic_and_rag(chat: dict[str, Any]) -> None:
    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("5")
            await settle(pilot)
            view = app.query_one(CostsView)
            costs = costs_of(app).to_dict()
            options = objs(costs["options"])
            table = view.query_one(Table)
            assert table.row_count == len(options)
            chosen = obj(costs["chosen"])
            assert view.selected == chosen["key"]
            assert _cells(table)[table.cursor_row][0] == "★"
            arithmetic = rendered(view.query_one("#arithmetic", Static))
            assert string(chosen["key"]) in arithmetic
            assert f"{chosen['training_tokens']:,} tokens" in arithmetic
            assert "first year" in arithmetic
            rag = rendered(view.query_one("#rag", Static))
            assert string(obj(costs["rag"])["embedding"]) in rag
            assert "fine-tuning" in rag and "vs RAG" in rag
            # another row shows its own arithmetic
            table.focus()
            await pilot.press("j")
            await pilot.pause()
            other = options[table.cursor_row]
            other_key = string(other["key"])
            assert view.selected == other_key
            # choosing a model in the assumptions costs only that model
            view.query_one("#a-model", Select).value = other_key
            await wait_for(pilot, lambda: app.settings.assumption("model") == other_key)
            await settle(pilot)
            assert [o.key for o in costs_of(app).options] == [other_key]
            # ... but the other rows stay (dimmed, from the last comparison), the chosen one first and starred
            assert table.row_count == len(options) and view.selected == other_key
            assert plain(table.get_row_at(0)[0]) == "★"
            shown = plain(table.get_row_at(0)[1])  # the whole id, or a middle ellipsis of it when it does not fit
            head, _, tail = shown.partition("…")
            assert shown == other_key or (other_key.startswith(head) and other_key.endswith(tail)), shown

    run(body())


def test_pricing_view_lists_tables_with_staleness(chat: dict[str, Any]) -> None:
    async def body() -> None:
        app = make_app(chat["path"])
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("6")
            await settle(pilot)
            view = app.query_one(PricingView)
            files = view.query_one("#pricing-files", List)
            names = [Path(id_).name for id_ in option_ids(files)]
            assert "openai.yaml" in names and "rag.yaml" in names
            table = view.query_one("#pricing-models", Table)
            pricing = app.pricing
            assert pricing is not None
            assert table.row_count == len(pricing.rows) > 0
            stale = [r for r in pricing.rows if r.stale]
            status = str(view.query_one("#pricing-status", Static).render())
            assert f"{len(stale)} stale" in status
            assert not view.query_one("#pricing-errors").display

    run(body())


def test_keys_help_theme_palette_and_mouse(
    chat: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the export goes to the current folder

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            tabs = app.query_one("#views", TabbedContent)
            for key, name in (("4", "data"), ("1", "overview")):
                await pilot.press(key)
                await pilot.pause()
                assert tabs.active == name
            await pilot.press("question_mark")
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"
            assert "Duplicates" in rendered(app.screen.query_one("#help-text"))
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "Screen"
            dark = app.current_theme.dark
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert app.current_theme.dark is not dark
            # the palette runs the app's own commands: here the JSON export
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"json")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            report = json.loads((tmp_path / "chat.ftready.json").read_text(encoding="utf-8"))
            assert report["dataset"]["examples"] == analysis_of(app).dataset.examples
            # mouse: click a tab
            await pilot.click("#--content-tab-costs")
            await pilot.pause()
            assert tabs.active == "costs"

    run(body())


def test_palette_commands_are_named_group_action(chat: dict[str, Any]) -> None:
    from textual.app import App

    from ftready.tui.app import FtreadyApp
    from ftready.tui.commands import FtreadyCommands

    class Unscreened(FtreadyCommands):
        """The app's command provider without a screen: listing the commands reads only `app`."""

        def __init__(self, app: FtreadyApp) -> None:
            self._unscreened_app = app

        @property
        def app(self) -> App[Any]:  # App is invariant in its return type: FtreadyApp is an App[int]
            return self._unscreened_app

    app = make_app(chat["path"])
    names = [n for n, _, _ in Unscreened(app)._commands()]
    assert "export: markdown report" in names and "export: json report" in names
    assert {f"view: {v}" for v in ("overview", "findings", "duplicates", "data", "costs", "pricing")} <= set(names)
    assert all(": " in n for n in names)


def test_missing_file_shows_a_clear_error(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path / "nope.jsonl")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            panel = app.query_one("#error-panel", Static)
            assert panel.display
            text = str(panel.render())
            assert "no such file" in text and "Traceback" not in text
            assert app.exit_code() == 2
            await pilot.press("6")  # the app still works
            await pilot.pause()
            assert app.query_one("#views", TabbedContent).active == "pricing"

    run(body())


def test_views_survive_empty_and_missing_sections(chat: dict[str, Any]) -> None:
    """A costs section with nothing priced (no options, no pick, no RAG tables), or no sections at all: a view shows
    less, never crashes."""
    from dataclasses import replace

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.analysis is not None and app.analysis.costs is not None
            empty = replace(app.analysis.costs, options=(), chosen=None, rag=None)
            for values in ({"costs": empty, "risk": None}, {"costs": None, "risk": None, "labels": None}):
                a = replace(app.analysis, **values)
                views: list[OverviewView | FindingsView | DuplicatesView | DataView | CostsView] = [
                    *app.query(OverviewView),
                    *app.query(FindingsView),
                    *app.query(DuplicatesView),
                    *app.query(DataView),
                    *app.query(CostsView),
                ]
                for view in views:
                    view.show_analysis(a)
                await pilot.pause()
                for key in "23451":
                    await pilot.press(key)
                    await pilot.pause()
            costs_view = app.query_one(CostsView)
            assert "costs were not computed" in str(costs_view.query_one("#costs-status").render())

    run(body())


def test_money_and_ids_fit_their_columns() -> None:
    from ftready.tui.render import compact_money, fit_money, middle_ellipsis

    assert fit_money(481_920_000.0, "USD", 9) == "$482M"  # never "$481,920,"
    assert fit_money(4_293.1, "USD", 9) == "$4,293"
    assert fit_money(1_234_567.0, "EUR", 9) == "1.2M EUR"
    assert compact_money(2_881_920_000.0) == "$2.9B" and compact_money(None) == "n/a"
    key = "selfhosted/llama-3.1-8b-lora-l4-runpod-secure"
    assert middle_ellipsis(key, 60) == key
    cut = middle_ellipsis(key, 28)
    assert len(cut) == 28 and cut.startswith("selfhosted") and cut.endswith("runpod-secure") and "…" in cut


def test_costs_ids_are_not_cut_when_there_is_room(chat: dict[str, Any]) -> None:
    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(200, 45)) as pilot:
            await settle(pilot)
            await pilot.press("5")
            await settle(pilot)
            table = app.query_one(CostsView).query_one(Table)
            shown = [plain(table.get_row_at(i)[1]) for i in range(table.row_count)]
            assert shown and all("…" not in s for s in shown)
            assert shown == [o.key for o in costs_of(app).options]

    run(body())


def test_enter_on_the_overview_opens_the_top_finding(chat: dict[str, Any]) -> None:
    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            top = analysis_of(app).findings[0].code
            assert app.focused is app.query_one("#top-findings")  # the keyboard starts in the findings list
            await pilot.press("enter")
            await settle(pilot)
            assert app.query_one("#views", TabbedContent).active == "findings"
            current = app.query_one(FindingsView).current
            assert current is not None and current.code == top
            # tab numbers in the tab bar
            from textual.widgets import Tab

            labels = [str(t.label) for t in app.query(Tab)]
            assert "1 Overview" in labels and "6 Pricing" in labels

    run(body())


def test_side_by_side_folds_what_is_the_same_and_knows_where_changes_are() -> None:
    from ftready.tui.diff import side_by_side

    system = ("system", "\n".join(f"rule {i}: be kind" for i in range(13)))
    left = [system, ("user", "How do I reset it?"), ("assistant", "Open each menu."), ("user", "thanks")]
    right = [system, ("user", "How do I reset it?"), ("assistant", "Open every menu."), ("user", "THANKS")]
    d = side_by_side(left, right)
    assert not d.identical and d.changes == (2,)  # case is not a difference
    assert "the same on both sides (13 lines)" in d.left.plain and "rule 7" not in d.left.plain
    assert "each" in d.left.plain and "every" in d.right.plain
    assert d.change_rows(60) == [3]  # after the folded system prompt (1 row) and the short user message (2 rows)
    assert side_by_side(left, left).identical
    longer = side_by_side(left, [*right, ("assistant", "extra")])
    assert longer.changes == (2, 4) and "(no such message)" in longer.left.plain


def test_n_and_p_jump_between_differences(chat: dict[str, Any]) -> None:
    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("3")
            await settle(pilot)
            view = app.query_one(DuplicatesView)
            groups = view.query_one("#dup-groups", List)
            ids = [groups.get_option_at_index(i).id for i in range(groups.option_count)]
            groups.focus()
            groups.highlighted = ids.index("near:0")
            await settle(pilot)
            assert view._diff is not None and view._diff.changes
            assert "n / p jump" in _text(view.query_one("#dup-title", Static))
            await pilot.press("n")
            await pilot.pause()
            assert view._change == 0
            await pilot.press("p")
            await pilot.pause()
            assert view._change == len(view._diff.changes) - 1

    run(body())


def test_costs_and_overview_chart_the_three_approaches(chat: dict[str, Any]) -> None:
    """Both charts draw the core's cumulative curves: the three approaches with their totals in the legend, the
    month from which fine-tuning is cheaper marked, the horizon on the x axis."""
    from ftready.tui.charts import CostLines

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(pilot)
            ap = obj(costs_of(app).to_dict()["approaches"])
            month = ap["fine_tune_cheaper_than_prompting_from_month"]
            assert month is not None and all(obj(ap[k])["cumulative"] for k in ("fine-tune", "rag", "prompting"))
            charts = []
            for tab, chart_id in (("1", "#overview-cost-chart"), ("5", "#costs-chart")):
                await pilot.press(tab)
                await settle(pilot)
                charts.append(rendered(app.query_one(chart_id, CostLines)))
            for text in charts:
                for name, key in (("fine-tune", "fine-tune"), ("RAG", "rag"), ("prompting", "prompting")):
                    assert f"{name} ${obj(ap[key])['first_year_total']:,.0f}" in text, (name, text)
                assert f"cheaper than prompting from month {month}" in text
                assert f"{ap['horizon_months']} months" in text and "▲" in text
                dots = sum(1 for ch in text if 0x2800 < ord(ch) <= 0x28FF)
                assert dots > 30  # the lines are drawn, not just the frame

    run(body())


def test_every_view_the_app_updates_renders_an_analysis() -> None:
    """The App updates the views that implement ShowsAnalysis; a view without show_analysis would be skipped."""
    from ftready.tui.host import ShowsAnalysis

    for cls in (OverviewView, FindingsView, DuplicatesView, DataView, CostsView):
        assert issubclass(cls, ShowsAnalysis), cls.__name__
    assert not issubclass(PricingView, ShowsAnalysis)  # the pricing view renders the tables, not an analysis
