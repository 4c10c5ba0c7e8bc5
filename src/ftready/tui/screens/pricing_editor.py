"""Edit a pricing table in the app. ctrl+s validates first and writes nothing while the text has problems (shown
here with file, line and key path); a valid edit is written as overrides of the shipped table, and reloaded.
Escape closes, asking first when there are unsaved edits."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ftready.tui.host import host
from ftready.tui.screens.confirm import Confirm
from ftready.tui.widgets import Note
from ftready.vocabulary import plural


class PricingEditor(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save and reload", priority=True),
        # priority: the TextArea (tab_behavior="indent") turns escape into focus_next and stops it
        Binding("escape", "close", "Close", priority=True),
    ]

    def __init__(self, path: str, text: str, note: str = "", shipped: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.text = text
        self.note = note
        self.shipped = shipped

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

    @property
    def edited(self) -> bool:
        return self.query_one(TextArea).text != self.text

    def action_save(self) -> None:
        problems = host(self).save_pricing_text(self.path, self.query_one(TextArea).text, self.shipped)
        if problems:
            self.show_problems(problems, saved=False)

    def action_close(self) -> None:
        if not self.edited:
            self.dismiss(None)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(Confirm("Discard your unsaved edits?", yes="Discard", no="Keep editing"), answer)

    def show_problems(self, problems: list[str], saved: bool = True) -> None:
        """The problems of the text (not written), or of the tables after a reload."""
        box = self.query_one("#editor-problems")
        box.display = bool(problems)
        self.query_one("#editor-problems-text", Static).update(
            Content.assemble(*[part for p in problems for part in ((p, "$error"), "\n")])
        )
        if problems:
            what = "saved, but the tables have" if saved else "not saved:"
            self.query_one("#editor-note", Note).update(
                f"{what} {plural(len(problems), 'problem')}; fix them and save again (escape discards)"
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
                ta.move_cursor((min(line, ta.document.line_count - 1), 0), center=True)
                return
