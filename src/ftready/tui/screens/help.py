"""The help screen (`?`): what each view shows and the keys that work there."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ftready.tui.render import theme_color

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Everywhere",
        [
            ("1 … 6", "Overview · Findings · Duplicates · Data · Costs · Pricing"),
            ("tab / shift+tab", "move between the parts of a view"),
            ("j / k, ↑ / ↓", "move in lists and tables; g / G first / last"),
            ("enter", "open the selected item"),
            ("x", "export the report (Markdown or JSON) to the current folder"),
            ("ctrl+r", "run the analysis again"),
            ("ctrl+p", "command palette: export, views, theme, pricing…"),
            ("ctrl+t", "switch between the light and the dark theme"),
            ("?", "this help"),
            ("q / ctrl+q", "quit"),
        ],
    ),
    ("Overview", [("enter", "open the highlighted finding in Findings")]),
    (
        "Findings",
        [
            ("/", "filter by code prefix (FT3), name or words; escape leaves it, again clears it"),
            ("s", "cycle the severity filter: all, errors, warnings, info"),
            ("m", "show more of the finding's records"),
        ],
    ),
    (
        "Duplicates",
        [
            ("[ / ]", "compare the first record of a group with the previous / next member"),
            ("n / p", "jump to the next / previous difference (parts that are the same are folded)"),
        ],
    ),
    (
        "Costs",
        [
            ("e", "edit the assumptions (model, method, epochs, updates, requests, reply tokens)"),
            ("enter", "apply an edited assumption now (figures also recompute after a pause)"),
            ("escape", "back to the table; its highlighted row shows its arithmetic"),
        ],
    ),
    (
        "Pricing",
        [
            ("e", "edit the highlighted table in $EDITOR (a user copy for shipped tables)"),
            ("t", "edit it here; ctrl+s validates, saves only your changes and reloads; escape closes"),
            ("r", "reload the tables"),
        ],
    ),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Static(self._text(), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "ftready · keys"
        self.query_one("#help-box").border_subtitle = "escape closes"

    def _text(self) -> Group:
        accent = theme_color(self.app, "accent", "yellow")
        key_style = theme_color(self.app, "primary", "blue")
        muted = theme_color(self.app, "foreground-muted", "")
        parts: list[RenderableType] = [
            Text.assemble(
                ("ftready", "bold"),
                " tells you whether a fine-tuning dataset is ready and what fine-tuning will cost next to RAG.\n",
                ("The mouse works too: click tabs, rows and fields.", muted),
            )
        ]
        for section, keys in KEYS:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style=f"bold {key_style}", no_wrap=True, min_width=16)
            grid.add_column(ratio=1)
            for key, what in keys:
                grid.add_row(key, what)
            parts += [Text(""), Text(section, style=f"bold {accent}"), grid]
        return Group(*parts)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
