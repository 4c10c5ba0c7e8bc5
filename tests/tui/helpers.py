"""Helpers for the app tests: run a Pilot body, wait for the app's workers instead of sleeping."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.content import Content
    from textual.widgets import OptionList, Static

    from ftready.model import Analysis, CostsSection
    from ftready.tui.app import FtreadyApp

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_datasets" / "support_chat.jsonl"


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run a Pilot test body (no pytest-asyncio here)."""
    return asyncio.run(coro)


async def settle(pilot: Any, timeout: float = 60.0) -> None:
    """Wait until no worker runs and every message they posted has been handled."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while True:
        await app.workers.wait_for_complete()
        await pilot.pause()
        busy = any(not w.is_finished for w in app.workers)
        # run_id > 0: the first analysis has started (it starts after the first paint, which a loaded machine delays)
        if not busy and not app.running and getattr(app, "run_id", 1) > 0:
            await pilot.pause()
            return
        if loop.time() > end:
            raise TimeoutError("the app did not settle")
        await asyncio.sleep(0.02)


async def wait_for(pilot: Any, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise TimeoutError("condition not met")
        await pilot.pause(0.02)


def rendered(widget: Any) -> str:
    """The text a widget draws (whatever it renders: Content, Rich renderables), lines joined by newlines."""
    from textual.geometry import Region

    width, height = widget.size
    strips = widget.render_lines(Region(0, 0, width, height))
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def analysis_of(app: FtreadyApp) -> Analysis:
    """The app's current analysis; the test fails when there is none."""
    assert app.analysis is not None
    return app.analysis


def costs_of(app: FtreadyApp) -> CostsSection:
    """The costs section of the app's current analysis; the test fails when there is none."""
    costs = analysis_of(app).costs
    assert costs is not None
    return costs


def content_of(widget: Static) -> Content:
    """What a Static shows, as styled Content (the views update them with Content or Rich Text)."""
    from textual.content import Content

    visual = widget.render()
    assert isinstance(visual, Content), type(visual)
    return visual


def plain(cell: object) -> str:
    """The text of a table cell the views fill with Rich Text."""
    from rich.text import Text

    assert isinstance(cell, Text), type(cell)
    return cell.plain


def option_ids(options: OptionList) -> list[str]:
    """The ids of a list's options, in order; the test fails when one has none."""
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    assert all(isinstance(i, str) for i in ids), ids
    return [i for i in ids if i is not None]
