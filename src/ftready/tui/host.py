"""What the views may read from the App that hosts them, as a protocol: the views never import the App module
(it imports them), and they read typed attributes instead of `getattr(self.app, ...)`."""

from __future__ import annotations

from typing import Protocol, cast, runtime_checkable

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


def host(widget: Widget) -> AppHost:
    """The App running `widget` (FtreadyApp implements AppHost; tests/tui checks that it does)."""
    return cast(AppHost, widget.app)


@runtime_checkable
class ShowsAnalysis(Protocol):
    """A view that renders an Analysis (None: nothing to show yet)."""

    def show_analysis(self, a: Analysis | None) -> None: ...
