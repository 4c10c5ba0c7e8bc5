"""Small widget variants: lists that also move with j/k (and g/G), a status line with the run's progress."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static


class Table(DataTable[object]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_top", "Top", show=False),
        Binding("G", "scroll_bottom", "Bottom", show=False),
    ]


class List(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class Note(Static):
    """A one-line muted remark."""

    DEFAULT_CSS = """
    Note { color: $foreground-muted; height: auto; }
    """

    def say(self, text: str, style: str = "") -> None:
        self.update(Content.assemble((text, style)) if style else Content(text))
