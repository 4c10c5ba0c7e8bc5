"""The export dialog: choose Markdown or JSON and where to write; the App writes it with the core's renderer."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from ftready.tui.widgets import Note

EXTENSIONS = {"markdown": ".md", "json": ".json"}


def default_report_path(dataset: str, fmt: str) -> Path:
    """`<name>.ftready.md` (or .json) in the current folder, never beside the dataset (data folders may be shared
    or read-only); `name` drops the data extensions (.jsonl.gz …)."""
    name = Path(dataset).name
    for ext in (".gz",):
        name = name.removesuffix(ext)
    stem = Path(name).stem or name
    return Path(f"{stem}.ftready{EXTENSIONS.get(fmt, '.txt')}")


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (format, path) or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, dataset: str, fmt: str = "markdown") -> None:
        super().__init__()
        self.dataset = dataset
        self.fmt = fmt
        self._default = str(default_report_path(dataset, fmt))

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog"):
            yield Label("Format")
            with RadioSet(id="export-format"):
                yield RadioButton("Markdown", value=self.fmt == "markdown", id="fmt-markdown")
                yield RadioButton("JSON", value=self.fmt == "json", id="fmt-json")
            yield Label("Write to")
            yield Input(self._default, id="export-path")
            yield Note(
                f"a relative path is in the current folder, {Path.cwd()}; never over the dataset; "
                "an existing report is replaced",
                id="export-note",
            )
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-box").border_title = "Export the report"
        self.query_one("#export-path", Input).focus()

    @on(RadioSet.Changed, "#export-format")
    def _format(self, event: RadioSet.Changed) -> None:
        self.fmt = "json" if event.pressed.id == "fmt-json" else "markdown"
        inp = self.query_one("#export-path", Input)
        if inp.value == self._default:
            self._default = str(default_report_path(self.dataset, self.fmt))
            inp.value = self._default

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def _ok(self) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        if path:
            self.dismiss((self.fmt, str(Path(path).expanduser())))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
