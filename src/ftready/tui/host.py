"""What the views may read from the App that hosts them, as a protocol: the views never import the App module
(it imports them), and they read typed attributes instead of `getattr(self.app, ...)`."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, cast, runtime_checkable

from textual.command import Provider
from textual.widget import Widget

from ftready.model import Analysis
from ftready.settings import Settings
from ftready.tui.messages import AnalysisFailed, PricingState


class AppHost(Protocol):
    settings: Settings
    analysis: Analysis | None
    error: AnalysisFailed | None
    pricing_shown: PricingState | None
    running: bool  # an analysis is running

    def model_keys(self) -> list[str]: ...

    def save_pricing_text(self, path: str, text: str, shipped: str | None = None) -> list[str]: ...

    # the commands the palette offers
    def export_default(self, fmt: str) -> Path | None: ...
    def action_export(self) -> None: ...
    def action_view(self, view: str) -> None: ...
    def action_help(self) -> None: ...
    def action_rerun(self) -> None: ...
    def action_reload_pricing(self) -> None: ...
    def action_edit_assumptions(self) -> None: ...
    def action_toggle_theme(self) -> None: ...


def host(node: Widget | Provider) -> AppHost:
    """The App running a widget or a command provider (FtreadyApp implements AppHost: mypy checks it in app.py)."""
    return cast(AppHost, node.app)


@runtime_checkable
class ShowsAnalysis(Protocol):
    """A view that renders an Analysis (None: nothing to show yet)."""

    def show_analysis(self, a: Analysis | None) -> None: ...
