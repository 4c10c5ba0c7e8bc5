"""SVG snapshots pinning the look of each view on the bundled sample (`sample_datasets/support_chat.jsonl`; the
duplicates view on the test chat file, which has duplicates, conflicts and a leaked validation example).

Deterministic: a fixed date (FTREADY_TODAY), a fixed empty user pricing folder, no config discovery, no timing
text on screen. Update after an intended change with `pytest tests/tui --snapshot-update` and look at the report.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ftready.settings import Settings
from ftready.tui import make_app
from tui.helpers import SAMPLE, settle

FIXED_PRICING = Path(tempfile.gettempdir()) / "ftready-tui-snapshots" / "pricing"


@pytest.fixture(autouse=True)
def fixed_user_pricing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user pricing folder is shown in the Pricing view: give it the same (empty) path on every run."""
    FIXED_PRICING.mkdir(parents=True, exist_ok=True)
    for f in FIXED_PRICING.iterdir():
        if f.is_file():
            f.unlink()
    monkeypatch.setenv("FTREADY_PRICING_DIR", str(FIXED_PRICING))


@pytest.fixture
def sample() -> Path:
    if not SAMPLE.is_file():
        pytest.skip(f"{SAMPLE} is not there (scripts/make_samples.py writes it)")
    return SAMPLE


def view(*keys: str, then: Callable[[Any], Any] | None = None) -> Callable[[Any], Any]:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if then is not None:
            then(pilot.app)
            await settle(pilot)

    return run_before


def test_overview(snap_compare: Any, sample: Path) -> None:
    assert snap_compare(make_app(sample), run_before=view(), terminal_size=(120, 40))


def test_overview_80x24(snap_compare: Any, sample: Path) -> None:
    assert snap_compare(make_app(sample), run_before=view(), terminal_size=(80, 24))


def test_findings(snap_compare: Any, sample: Path) -> None:
    def select(app: Any) -> None:
        from ftready.tui.views import FindingsView

        with_lines = next((f.code for f in app.analysis.findings if f.lines), None)
        if with_lines:  # show one with its records when the sample has one
            app.query_one(FindingsView).select_code(with_lines)

    assert snap_compare(make_app(sample), run_before=view("2", then=select), terminal_size=(120, 40))


def test_duplicates(snap_compare: Any, chat: dict[str, Any]) -> None:
    def near(app: Any) -> None:
        from ftready.tui.widgets import List

        groups = app.query_one("#dup-groups", List)
        ids = [groups.get_option_at_index(i).id for i in range(groups.option_count)]
        groups.highlighted = ids.index("near:0")

    app = make_app(chat["path"], Settings(validation=str(chat["validation"])))
    assert snap_compare(app, run_before=view("3", then=near), terminal_size=(120, 40))


def test_data(snap_compare: Any, sample: Path) -> None:
    assert snap_compare(make_app(sample), run_before=view("4"), terminal_size=(120, 40))


def test_costs(snap_compare: Any, sample: Path) -> None:
    assert snap_compare(make_app(sample), run_before=view("5"), terminal_size=(120, 40))


def test_costs_80x24(snap_compare: Any, sample: Path) -> None:
    assert snap_compare(make_app(sample), run_before=view("5"), terminal_size=(80, 24))


def test_pricing(snap_compare: Any, sample: Path) -> None:
    assert snap_compare(make_app(sample), run_before=view("6"), terminal_size=(120, 40))
