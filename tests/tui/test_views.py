"""Pilot tests that drive every view of the app on a dataset with known defects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from helpers import rendered, run, settle, wait_for
from textual.widgets import Input, Select, Static, TabbedContent

from ftready.settings import Settings
from ftready.tui import make_app
from ftready.tui.charts import BarChart, Histogram
from ftready.tui.views import CostsView, DataView, DuplicatesView, FindingsView, OverviewView, PricingView
from ftready.tui.widgets import List, Table


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
            assert app.query_one(FindingsView).current.code == a.findings[1].code

    run(body())


def test_findings_filter_explanation_and_records(chat: dict[str, Any]) -> None:
    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            a = app.analysis
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
            assert isinstance(app.focused, Input)
            await pilot.press("F", "T", "3")
            await pilot.pause()
            codes = [r[1] for r in _cells(table)]
            assert codes and all(c.startswith("FT3") for c in codes)
            await pilot.press("enter")
            assert app.focused is table
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
            assert "exact:0" in ids and "near:0" in ids and "conflicts:0" in ids and "leak:0" in ids
            assert view.groups["exact:0"].lines == tuple(chat["lines"]["exact"])
            assert view.groups["near:0"].lines == tuple(chat["lines"]["near"])
            # exact copies differ only in letter case: no differences marked
            assert view.current is not None and view.current.kind == "exact"
            assert "no differences" in _text(view.query_one("#dup-title", Static))
            # the near duplicate: the changed word is marked on both sides
            groups.focus()
            groups.highlighted = ids.index("near:0")
            await settle(pilot)
            left = view.query_one("#dup-left", Static).render()
            right = view.query_one("#dup-right", Static).render()
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
            groups.highlighted = ids.index("leak:0")
            await settle(pilot)
            assert view.query_one("#dup-left", Static).border_title.startswith("validation line")
            assert "How do I" in str(view.query_one("#dup-left", Static).render())

    run(body())


def test_data_view_draws_core_bins_and_labels(labels_file: Path) -> None:
    async def body() -> None:
        app = make_app(labels_file)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("4")
            await settle(pilot)
            view = app.query_one(DataView)
            a = app.analysis
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
            costs = app.analysis.costs
            table = view.query_one(Table)
            assert table.row_count == len(costs["options"])
            chosen = costs["chosen"]
            assert view.selected == chosen["key"]
            assert _cells(table)[table.cursor_row][0] == "★"
            arithmetic = rendered(view.query_one("#arithmetic", Static))
            assert chosen["key"] in arithmetic
            assert f"{chosen['training_tokens']:,} tokens" in arithmetic
            assert "first year" in arithmetic
            rag = rendered(view.query_one("#rag", Static))
            assert costs["rag"]["embedding"] in rag
            assert "fine-tuning" in rag and "vs RAG" in rag
            # another row shows its own arithmetic
            table.focus()
            await pilot.press("j")
            await pilot.pause()
            other = costs["options"][table.cursor_row]
            assert view.selected == other["key"]
            # choosing a model in the assumptions costs only that model
            view.query_one("#a-model", Select).value = other["key"]
            await wait_for(pilot, lambda: app.settings.assumption("model") == other["key"])
            await settle(pilot)
            assert [o["key"] for o in app.analysis.costs["options"]] == [other["key"]]
            assert table.row_count == 1 and view.selected == other["key"]

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
            names = [Path(files.get_option_at_index(i).id).name for i in range(files.option_count)]
            assert "openai.yaml" in names and "rag.yaml" in names
            table = view.query_one("#pricing-models", Table)
            assert table.row_count == len(app.pricing.rows) > 0
            stale = [r for r in app.pricing.rows if r[5]]
            status = str(view.query_one("#pricing-status", Static).render())
            assert f"{len(stale)} stale" in status
            assert not view.query_one("#pricing-errors").display

    run(body())


def test_keys_help_theme_palette_and_mouse(chat: dict[str, Any]) -> None:
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
            report = json.loads(chat["path"].with_name("chat.ftready.json").read_text(encoding="utf-8"))
            assert report["dataset"]["examples"] == app.analysis.dataset.examples
            # mouse: click a tab
            await pilot.click("#--content-tab-costs")
            await pilot.pause()
            assert tabs.active == "costs"

    run(body())


def test_palette_commands_are_named_group_action(chat: dict[str, Any]) -> None:
    from types import SimpleNamespace

    from ftready.tui.commands import FtreadyCommands

    app = make_app(chat["path"])
    names = [n for n, _, _ in FtreadyCommands._commands(SimpleNamespace(app=app))]  # type: ignore[arg-type]
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


def test_views_survive_sections_with_missing_or_odd_keys(chat: dict[str, Any]) -> None:
    """The sections still held as dicts may change shape: a view shows less, never crashes (typed sections such as
    labels, churn, duplicates and diversity cannot)."""
    from dataclasses import replace

    odd: dict[str, Any] = {
        "costs": {"options": [None, {}, {"key": "p/m", "arithmetic": None}], "chosen": None, "rag": {}},
        "risk": None,
    }

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for values in (odd, dict.fromkeys(odd)):
                a = replace(app.analysis, **values)
                for view in app.query("OverviewView, FindingsView, DuplicatesView, DataView, CostsView"):
                    view.show_analysis(a)  # type: ignore[attr-defined]
                await pilot.pause()
            for key in "23451":
                await pilot.press(key)
                await pilot.pause()

    run(body())
