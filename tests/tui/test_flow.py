"""The app's work flow: start-up before the analysis ends, cancellation, assumption edits, pricing reloads and
edits, export."""

from __future__ import annotations

import json
import os
import sys
import threading
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static, TabbedContent, TextArea

from ftready import pipeline as core
from ftready.errors import Cancelled
from ftready.model import Analysis
from ftready.progress import check_cancel
from ftready.report import render
from ftready.settings import Settings
from ftready.tui import make_app
from ftready.tui.messages import AnalysisDone, AnalysisProgress
from ftready.tui.views import CostsView, PricingView
from ftready.tui.widgets import List, Table
from testkit import integer, number, obj, objs, string
from tui.helpers import analysis_of, costs_of, rendered, run, settle, wait_for


def _settings(chat: dict[str, Any]) -> Settings:
    return Settings(validation=str(chat["validation"]))


# --- start-up and cancellation ----------------------------------------------------------------------------------


class SlowCore:
    """Stands in for `analyse`: reports progress until released (or cancelled), then runs the real analysis."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls: list[dict[str, Any]] = []
        self.real = core.analyse

    def __call__(self, path: Any, settings: Settings, *, progress: Any, cancel: threading.Event) -> Analysis:
        call = {"settings": settings, "cancel": cancel, "cancelled": False, "progress": 0}
        self.calls.append(call)
        n = 0
        try:
            while not self.release.wait(0.005):
                check_cancel(cancel)
                n += 1
                progress("load", n * 100, 0)
                call["progress"] = n
        except Cancelled:
            call["cancelled"] = True
            raise
        return self.real(path, settings, progress=progress, cancel=cancel)


def test_first_screen_paints_before_the_analysis_and_stays_responsive(
    chat: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = SlowCore()
    monkeypatch.setattr(core, "analyse", slow)
    messages: list[Any] = []

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
            await wait_for(pilot, lambda: bool(slow.calls) and slow.calls[0]["progress"] > 20)
            assert app.running and app.analysis is None
            assert "analysing" in str(app.query_one("#topbar", Static).render())
            assert app.query_one("#progress-row").display
            assert "reading records" in str(app.query_one("#progress-label").render())
            # keys work while the analysis runs
            await pilot.press("6")
            await pilot.pause()
            assert app.query_one("#views", TabbedContent).active == "pricing"
            await pilot.press("question_mark")
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"
            await pilot.press("escape")
            slow.release.set()
            await settle(pilot)
            assert app.analysis is not None and not app.query_one("#progress-row").display
        progress = [m for m in messages if isinstance(m, AnalysisProgress)]
        handled = slow.calls[0]["progress"]
        assert progress and len(progress) < handled  # throttled in the worker
        assert [m for m in messages if isinstance(m, AnalysisDone)]

    run(body())


def test_progress_messages_of_one_run_coalesce() -> None:
    a, b, c = AnalysisProgress(1, "load", 10, 0), AnalysisProgress(1, "load", 20, 0), AnalysisProgress(2, "load", 5, 0)
    assert b.can_replace(a) and a.can_replace(b)
    assert not c.can_replace(a)
    assert not b.can_replace(AnalysisDone(1, None))  # type: ignore[arg-type]


def test_a_second_analysis_cancels_the_first(chat: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    slow = SlowCore()
    monkeypatch.setattr(core, "analyse", slow)
    messages: list[Any] = []

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
            await wait_for(pilot, lambda: len(slow.calls) == 1 and slow.calls[0]["progress"] > 3)
            first_run = app.run_id
            app.start_analysis()
            await wait_for(pilot, lambda: len(slow.calls) == 2)
            await wait_for(pilot, lambda: slow.calls[0]["cancelled"])
            assert slow.calls[0]["cancel"].is_set() and not slow.calls[1]["cancel"].is_set()
            slow.release.set()
            await settle(pilot)
            done = [m for m in messages if isinstance(m, AnalysisDone)]
            assert [m.run_id for m in done] == [first_run + 1]
            assert app.analysis is done[0].analysis

    run(body())


def test_quitting_during_the_analysis_cancels_it(chat: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    slow = SlowCore()
    monkeypatch.setattr(core, "analyse", slow)

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: bool(slow.calls) and slow.calls[0]["progress"] > 3)
            await pilot.press("q")
        assert slow.calls[0]["cancel"].is_set()
        assert app.exit_code() == 0

    run(body())


# --- assumptions ------------------------------------------------------------------------------------------------


def _training_cell(app: Any) -> tuple[str, str]:
    view = app.query_one(CostsView)
    table = view.query_one(Table)
    row = table.get_row(view.selected)
    return str(row[1]), str(row[4])  # model, train/run


def test_changing_epochs_changes_the_training_cost_shown(chat: dict[str, Any]) -> None:
    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("5")
            await settle(pilot)
            before = obj(costs_of(app).to_dict()["chosen"])
            model, cost_before = _training_cell(app)
            assert before["epochs"] != 9
            await pilot.press("e")
            assert app.focused is app.query_one("#a-model")  # the first field
            app.query_one("#a-epochs", Input).focus()
            await pilot.pause()
            await pilot.press("9", "enter")
            await wait_for(pilot, lambda: app.settings.assumption("epochs") == 9)
            await settle(pilot)
            after = next(o for o in objs(costs_of(app).to_dict()["options"]) if o["key"] == before["key"])
            assert after["epochs"] == 9
            # billed tokens scale with the epochs (the cost may carry a fixed per-job overhead)
            assert after["training_tokens"] == integer(before["training_tokens"]) // integer(before["epochs"]) * 9
            assert number(after["training_per_run"]) > number(before["training_per_run"])
            view = app.query_one(CostsView)
            view.query_one(Table).move_cursor(row=view.query_one(Table).get_row_index(string(before["key"])))
            await pilot.pause()
            _, cost_after = _training_cell(app)
            assert cost_after != cost_before
            assert "× 9 epochs" in rendered(view.query_one("#arithmetic", Static))
            # an invalid value does not start a run and says why
            runs = app.run_id
            inp = app.query_one("#a-epochs", Input)
            inp.value = "0"
            await pilot.pause(0.8)
            assert app.run_id == runs
            assert "epochs" in str(view.query_one("#costs-status").render())
            inp.value = "5000"  # beyond the bounds: no run either
            await pilot.pause(0.8)
            assert app.run_id == runs and "1-50" in str(view.query_one("#costs-status").render())
            # empty = back to the provider's default
            inp.value = ""
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.settings.assumption("epochs") is None)
            await settle(pilot)
            back = next(o for o in objs(costs_of(app).to_dict()["options"]) if o["key"] == before["key"])
            assert back["epochs"] == before["epochs"]

    run(body())


def test_assumption_changes_use_a_core_reassess_when_one_exists(
    chat: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proposed core API `analysis.reassess(previous, settings, ...)` (see the report) is used when present."""
    calls: list[tuple[Analysis, Settings]] = []

    def reassess(previous: Analysis, settings: Settings, *, progress: Any, cancel: Any) -> Analysis:
        calls.append((previous, settings))
        return core.analyse(previous.dataset.path, settings, progress=progress, cancel=cancel)

    monkeypatch.setattr(core, "reassess", reassess, raising=False)

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            first = app.analysis
            assert not calls  # the first run reads the file
            await pilot.press("5")
            await settle(pilot)
            app.query_one("#a-requests_per_month", Input).value = "5000"
            await wait_for(pilot, lambda: bool(calls))
            await settle(pilot)
            assert calls[0][0] is first and calls[0][1].assumption("requests_per_month") == 5000
            assert costs_of(app).assumptions.to_dict()["requests_per_month"] == 5000

    run(body())


# --- pricing ----------------------------------------------------------------------------------------------------


def _vertex_rate(text: str, rate: str) -> str:
    return text.replace("rates: {sft: 1.50", f"rates: {{sft: {rate}", 1)


def test_pricing_reload_shows_errors_and_keeps_the_last_good_tables(chat: dict[str, Any], user_pricing: Path) -> None:
    from ftready.pricing import shipped_pricing_dir

    shipped = shipped_pricing_dir() / "vertex_ai.yaml"
    original = shipped.read_text(encoding="utf-8")
    assert "rates: {sft: 1.50" in original

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            good = app.analysis
            assert good is not None and good.costs is not None
            chosen = obj(good.costs.to_dict()["chosen"])
            await pilot.press("6")
            await settle(pilot)
            view = app.query_one(PricingView)
            assert app.pricing is not None
            rows = app.pricing.rows
            # a broken table in the user folder
            (user_pricing / "vertex_ai.yaml").write_text(_vertex_rate(original, "cheap"), encoding="utf-8")
            runs = app.run_id
            await pilot.press("r")
            await settle(pilot)
            errors = view.query_one("#pricing-errors")
            assert errors.display
            problems = rendered(view.query_one("#pricing-problems", Static))
            assert "vertex_ai.yaml:" in problems and "training.rates.sft" in problems and "cheap" in problems
            line = int(problems.split("vertex_ai.yaml:")[1].split(":")[0])
            assert "cheap" in (user_pricing / "vertex_ai.yaml").read_text().splitlines()[line - 1]
            assert app.run_id == runs and app.analysis is good  # no re-run on broken tables
            assert app.pricing is not None and app.pricing.rows == rows  # the last good tables stay
            assert view.query_one("#pricing-models", Table).row_count == len(rows)
            assert "last good tables" in str(view.query_one("#pricing-status").render())
            # fixed: reloads, and the costs are recomputed with the user's price
            (user_pricing / "vertex_ai.yaml").write_text(_vertex_rate(original, "3.00"), encoding="utf-8")
            await pilot.press("r")
            await settle(pilot)
            assert not errors.display
            assert app.run_id == runs + 1
            same = next(o for o in objs(costs_of(app).to_dict()["options"]) if o["key"] == chosen["key"])
            if chosen["key"] == "vertex_ai/gemini-2.5-flash-lite":
                assert same["training_rate"] == 3.0
                assert same["training_per_run"] == pytest.approx(number(chosen["training_per_run"]) * 2, rel=0.01)
        assert shipped.read_text(encoding="utf-8") == original  # never written

    run(body())


def test_edit_a_shipped_table_in_the_app_writes_only_valid_overrides(chat: dict[str, Any], user_pricing: Path) -> None:
    """Opening writes nothing; an invalid edit is never written; an unchanged one writes nothing; a change writes
    the changed models only; escape closes, asking first when there are unsaved edits."""
    from ftready.pricing import shipped_pricing_dir

    shipped = shipped_pricing_dir() / "openai.yaml"
    original = shipped.read_text(encoding="utf-8")
    copy = user_pricing / "openai.yaml"

    async def open_editor(app: Any, pilot: Any) -> TextArea:
        await pilot.press("6")
        await settle(pilot)
        files = app.query_one(PricingView).query_one("#pricing-files")
        files.focus()
        ids = [files.get_option_at_index(i).id for i in range(files.option_count)]
        files.highlighted = ids.index(str(shipped))
        await pilot.press("t")
        await pilot.pause()
        assert type(app.screen).__name__ == "PricingEditor"
        return app.screen.query_one(TextArea)

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            area = await open_editor(app, pilot)
            assert not copy.exists()  # opening pins nothing
            # escape without edits closes (the TextArea would turn it into focus_next)
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "Screen"
            area = await open_editor(app, pilot)
            area.text = original.replace("sft: 25.00", "sft: abc", 1)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert type(app.screen).__name__ == "PricingEditor"  # stays open with the problems
            problems = rendered(app.screen.query_one("#editor-problems-text", Static))
            assert "openai.yaml:" in problems and "sft" in problems
            assert "not saved" in rendered(app.screen.query_one("#editor-note", Static))
            assert not copy.exists()  # never written while invalid
            # escape with unsaved edits asks; n keeps editing, y discards
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "Confirm"
            await pilot.press("n")
            await pilot.pause()
            assert type(app.screen).__name__ == "PricingEditor" and area.text != original
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert type(app.screen).__name__ == "Screen" and not copy.exists()
            # an edit that changes nothing writes nothing
            area = await open_editor(app, pilot)
            area.text = original + "\n# a comment only\n"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert type(app.screen).__name__ == "Screen" and not copy.exists()
            # a changed price: the user file holds that model only, and the tables reload
            runs = app.run_id
            area = await open_editor(app, pilot)
            area.text = original.replace("sft: 25.00", "sft: 26.00", 1)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert type(app.screen).__name__ == "Screen"
            written = copy.read_text(encoding="utf-8")
            assert "gpt-4.1-2025-04-14" in written and "gpt-4.1-mini-2025-04-14" not in written
            assert app.run_id == runs + 1
            # editing it back to the shipped value removes the override file
            area = await open_editor(app, pilot)
            assert area.text == written
            area.text = original
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not copy.exists()
        assert shipped.read_text(encoding="utf-8") == original

    run(body())


def test_edit_in_external_editor(
    chat: dict[str, Any], user_pricing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ftready.pricing import shipped_pricing_dir

    shipped = shipped_pricing_dir() / "openai.yaml"
    original = shipped.read_text(encoding="utf-8")
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import os, sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('sft: 25.00', os.environ['NEW_RATE'], 1))\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    copy = user_pricing / "openai.yaml"

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        monkeypatch.setattr(app, "suspend", nullcontext)  # no terminal to hand over in a headless test
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("6")
            await settle(pilot)
            files = app.query_one("#pricing-files", List)
            files.focus()
            ids = [files.get_option_at_index(i).id for i in range(files.option_count)]
            files.highlighted = ids.index(str(shipped))
            runs = app.run_id
            monkeypatch.setenv("NEW_RATE", "sft: -5")  # invalid: nothing is written, nothing reloads
            await pilot.press("e")
            await settle(pilot)
            assert not copy.exists() and app.run_id == runs
            monkeypatch.setenv("NEW_RATE", "sft: 26.00")
            await pilot.press("e")
            await settle(pilot)
            assert "26.0" in copy.read_text(encoding="utf-8")
            assert app.run_id == runs + 1  # reloaded and recomputed
        assert shipped.read_text(encoding="utf-8") == original

    run(body())


def test_broken_pricing_at_start_still_runs_the_data_checks(chat: dict[str, Any], user_pricing: Path) -> None:
    (user_pricing / "broken.yaml").write_text("schema_version: 1\nprovider: bogus\n", encoding="utf-8")

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            panel = app.query_one("#error-panel", Static)
            assert panel.display
            text = rendered(panel)
            assert "broken.yaml:1: missing key" in text and "Pricing view" in text
            assert "data checks ran" in text
            # the data part ran (the planted duplicates are found); the costs part says what is wrong
            assert app.analysis is not None and app.analysis.costs is None
            assert any(f.code.startswith("FT3") for f in app.analysis.findings)
            assert not any(f.code.startswith(("FT6", "FT7")) for f in app.analysis.findings)
            await pilot.press("5")
            await pilot.pause()
            status = rendered(app.query_one("#costs-status", Static))
            assert "pricing tables have problems" in status and "broken.yaml" in status
            assert app.exit_code() == 2  # as the headless report would
            # fix it from the app: the analysis then runs
            (user_pricing / "broken.yaml").unlink()
            await pilot.press("6")
            await pilot.pause()
            assert not panel.display  # the Pricing view lists the problems itself
            await pilot.press("r")
            await settle(pilot)
            assert app.analysis is not None and app.analysis.costs is not None and not panel.display
            assert app.error is None
            # the keyboard is in the pricing list: 1 still goes to the overview (regression: focus pulled it back)
            assert app.focused is not None and app.focused.id == "pricing-files"
            await pilot.press("1")
            await settle(pilot)
            assert app.query_one("#views", TabbedContent).active == "overview"

    run(body())


# --- export -----------------------------------------------------------------------------------------------------


def test_export_to_the_current_folder_or_to_a_chosen_path(
    chat: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("x")
            await pilot.pause()
            assert type(app.screen).__name__ == "ExportScreen"
            assert app.screen.query_one("#export-path", Input).value == "chat.ftready.md"
            await pilot.press("escape")  # escape closes the dialog, even from its input
            await pilot.pause()
            assert type(app.screen).__name__ == "Screen"
            await pilot.press("x")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            target = here / "chat.ftready.md"
            assert target.read_text(encoding="utf-8") == render(analysis_of(app), "markdown")
            assert not chat["path"].with_name("chat.ftready.md").exists()  # never beside the dataset
            # the dialog again: JSON, to a chosen path
            await pilot.press("x")
            await pilot.pause()
            await pilot.click("#fmt-json")
            await pilot.pause()
            inp = app.screen.query_one("#export-path", Input)
            assert inp.value.endswith("chat.ftready.json")
            out = tmp_path / "out" / "report.json"
            out.parent.mkdir()
            inp.value = str(out)
            await pilot.click("#export-ok")
            await pilot.pause()
            assert json.loads(out.read_text())["dataset"]["examples"] == analysis_of(app).dataset.examples
            # never over the dataset
            before = chat["path"].read_bytes()
            assert app.export_report("markdown", str(chat["path"])) is None
            assert chat["path"].read_bytes() == before

    run(body())


def test_run_app_returns_the_exit_code(chat: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from ftready import tui

    class Fake:
        analysis_running = False

        def run(self) -> None:
            return None

        def exit_code(self) -> int:
            return 1

    monkeypatch.setattr(tui, "make_app", lambda path, settings=None: Fake())
    assert tui.run_app(chat["path"], Settings()) == 1


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("nope.jsonl", None, "no such file"),
        ("empty.jsonl", b"", "the file is empty"),
        ("blob.jsonl", b"\x00\x01\x02binary", "binary file"),
        ("notes.txt", b"# notes\nnot a dataset\n", "not a dataset"),
    ],
)
def test_a_file_that_is_no_dataset_exits_2_without_opening_the_app(
    name: str,
    content: bytes | None,
    says: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ftready import tui
    from ftready.cli import main

    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    started: list[Any] = []
    monkeypatch.setattr(tui, "make_app", lambda *a, **k: started.append(a))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # a terminal: the app would open
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    assert main([str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("ftready: ") and says in err[0], err
    assert not started
    # the same for a validation file that is not there
    good = tmp_path / "good.jsonl"
    good.write_text('{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}\n')
    assert main([str(good), "--validation", str(tmp_path / "missing.jsonl")]) == 2
    assert "missing.jsonl: no such file" in capsys.readouterr().err and not started


def test_core_and_records_do_not_import_textual() -> None:
    import subprocess

    code = "import sys, ftready.pipeline, ftready.records, ftready.report; sys.exit('textual' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


def test_styles_ship_inside_the_package() -> None:
    import ftready.tui

    tcss = Path(ftready.tui.__file__).with_name("ftready.tcss")
    assert tcss.is_file() and "Screen" in tcss.read_text()
    # the wheel packages src/ftready whole (pyproject: packages = ["src/ftready"]), .tcss included


def test_core_worker_processes_start_inside_the_app(
    chat: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large inputs are counted in worker processes; they must start although Textual captures sys.stderr."""
    if not hasattr(core, "PROCESS_THRESHOLD_BYTES"):
        pytest.skip("the core has no process threshold (any more)")
    monkeypatch.setattr(core, "PROCESS_THRESHOLD_BYTES", 0)
    path = tmp_path / "copy.jsonl"  # a path of its own: not an analysis shared with other tests
    path.write_bytes(chat["path"].read_bytes())

    async def body() -> None:
        app = make_app(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert app.error is None, app.error.error if app.error else ""
            assert app.analysis is not None and app.analysis.tokens is not None and app.analysis.tokens.total > 0

    run(body())


def test_the_analysis_counts_as_pending_until_its_worker_starts(
    chat: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a loaded machine the first paint (after which the analysis starts) can come late: the app must say it is
    running from its mount on, so that waiting for it never ends before the analysis has even started."""
    from ftready.tui.app import FtreadyApp

    real = FtreadyApp.start_analysis
    seen: list[bool] = []

    def late(self: FtreadyApp, reuse: bool = False) -> None:
        if self.run_id == 0:  # the first start: as if the machine were busy
            seen.append(self.running)
            self.set_timer(0.3, lambda: real(self, reuse))
            return
        real(self, reuse)

    monkeypatch.setattr(FtreadyApp, "start_analysis", late)

    async def body() -> None:
        app = make_app(chat["path"], _settings(chat))
        async with app.run_test(size=(100, 30)) as pilot:
            assert app.running  # pending from the mount on
            await settle(pilot)
            assert app.analysis is not None and app.error is None

    run(body())
    assert seen == [True]


def test_pricing_view_and_pricing_list_show_the_same_inventory(
    chat: dict[str, Any],
    user_pricing: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`ftready pricing list` and the app's Pricing view both read ftready.pricing.pricing_inventory: the same files
    in the same order (shipped, then the user folder, then each --pricing folder) with the same origins."""
    from ftready import pricing
    from ftready.cli import main

    shipped = pricing.shipped_pricing_dir()
    (user_pricing / "vertex_ai.yaml").write_text((shipped / "vertex_ai.yaml").read_text(encoding="utf-8"))
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "openai.yaml").write_text((shipped / "openai.yaml").read_text(encoding="utf-8"))
    (extra / "acme.yml").write_text("not: [a pricing table\n")

    seen: list[pricing.Inventory] = []
    real = pricing.pricing_inventory

    def spy(*args: Any, **kwargs: Any) -> pricing.Inventory:
        seen.append(real(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(pricing, "pricing_inventory", spy)

    # a broken table: the inventory's problems, and `pricing list` stops with exit code 2
    assert main(["pricing", "list", "--pricing", str(extra)]) == 2
    assert "acme.yml:2: invalid YAML" in capsys.readouterr().err
    assert [f.path.name for f in seen[-1].files if f.problems] == ["acme.yml"]
    (extra / "acme.yml").unlink()
    assert main(["pricing", "list", "--pricing", str(extra)]) == 0
    out = capsys.readouterr().out
    block = out.split("\n\n")[1].splitlines()
    assert block[0].split()[:2] == ["FILE", "ORIGIN"]
    cli_files = [(Path(line.split()[0]).name, line.split()[1]) for line in block[1:]]
    assert len(seen) == 2
    cli_inv = seen[-1]
    assert cli_inv.ok and cli_inv.files[-1].provider == "openai" and cli_inv.files[-1].overridden == ()
    assert cli_files == [(f.path.name, f.origin) for f in cli_inv.files]
    assert cli_files[-2:] == [("vertex_ai.yaml", "user"), ("openai.yaml", "--pricing")]
    assert cli_files[:-2] == [(p.name, "shipped") for p in sorted(shipped.glob("*.yaml"))]

    async def body() -> None:
        app = make_app(chat["path"], Settings(validation=str(chat["validation"]), pricing_dirs=(str(extra),)))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("6")
            await settle(pilot)
            view = app.query_one(PricingView)
            assert view.state is not None and not view.state.problems
            shown = [(Path(f.path).name, f.origin) for f in view.state.files]
            files = view.query_one("#pricing-files", List)
            ids = [files.get_option_at_index(i).id for i in range(files.option_count)]
            assert len(seen) == 3  # the app's own call
            assert ids == [str(f.path) for f in seen[-1].files] == [str(f.path) for f in cli_inv.files]
            assert shown == cli_files
            assert [(r.provider, r.model) for r in view.state.rows] == [(e.provider, e.model) for e in cli_inv.models]

    run(body())
