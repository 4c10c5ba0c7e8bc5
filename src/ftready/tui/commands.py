"""The app's own commands in the command palette, named "group: action"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ftready.tui.host import host

VIEWS = ("overview", "findings", "duplicates", "data", "costs", "pricing")


class FtreadyCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = host(self)
        out: list[tuple[str, Callable[[], object], str]] = [
            (
                "export: markdown report",
                partial(app.export_default, "markdown"),
                "write <name>.ftready.md in the current folder",
            ),
            (
                "export: json report",
                partial(app.export_default, "json"),
                "write <name>.ftready.json in the current folder",
            ),
            ("export: choose format and path…", app.action_export, "open the export dialog"),
        ]
        for i, view in enumerate(VIEWS, start=1):
            out.append((f"view: {view}", partial(app.action_view, view), f"show the {view} view (key {i})"))
        out += [
            ("analysis: run again", app.action_rerun, "re-read the dataset and analyse it again"),
            ("pricing: reload tables", app.action_reload_pricing, "validate and reload the pricing tables"),
            ("costs: edit assumptions", app.action_edit_assumptions, "model, method, epochs, updates, requests…"),
            ("theme: switch light / dark", app.action_toggle_theme, "a light or a dark theme (also ctrl+t)"),
            ("help: keys", app.action_help, "every key, by view"),
        ]
        return out

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
