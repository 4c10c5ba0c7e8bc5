"""Edit a pricing table in the app. ctrl+s saves to the user copy; the App validates and reloads, and shows the
problems here (file, line, key path) until the file is valid."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ftready.tui.widgets import Note


class PricingEditor(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save and reload", priority=True),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, path: str, text: str, note: str = "") -> None:
        super().__init__()
        self.path = path
        self.text = text
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="editor-box", classes="dialog"):
            yield Note(self.note or self.path, id="editor-note")
            area = TextArea(self.text, id="editor-text", show_line_numbers=True, tab_behavior="indent", soft_wrap=False)
            if "yaml" in area.available_languages:  # highlighting when tree-sitter is installed
                area.language = "yaml"
            yield area
            with VerticalScroll(id="editor-problems"):
                yield Static("", id="editor-problems-text")

    def on_mount(self) -> None:
        box = self.query_one("#editor-box")
        box.border_title = f"Edit {self.path}"
        box.border_subtitle = "ctrl+s save · escape close"
        self.query_one("#editor-problems").display = False
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.app.save_pricing_text(self.path, self.query_one(TextArea).text)  # type: ignore[attr-defined]

    def action_close(self) -> None:
        self.dismiss(None)

    def show_problems(self, problems: list[str]) -> None:
        """Called by the App after it validated the saved file."""
        box = self.query_one("#editor-problems")
        box.display = bool(problems)
        self.query_one("#editor-problems-text", Static).update(
            Content.assemble(*[part for p in problems for part in ((p, "$error"), "\n")])
        )
        if problems:
            self.query_one("#editor-note", Note).update(
                f"saved with {len(problems)} problem(s): fix them and save again"
            )
            self.query_one("#editor-note", Note).set_class(True, "-error")
            self._goto_first_problem(problems[0])

    def _goto_first_problem(self, problem: str) -> None:
        # FILE:LINE: key.path: what is wrong
        parts = problem.split(":")
        for part in parts[1:3]:
            if part.strip().isdigit():
                line = max(0, int(part) - 1)
                ta = self.query_one(TextArea)
                ta.move_cursor((min(line, ta.document.line_count - 1), 0))
                return
