"""Plots drawn with Unicode blocks: a horizontal bar chart and a column histogram.

They only draw values the core computed (label counts, cluster sizes, histogram bins); the width adapts to the
widget, so they fit at 80 columns and use the room at 200.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ftready.humanize import count_short

EIGHTHS = " ▏▎▍▌▋▊▉█"
COLUMN = " ▁▂▃▄▅▆▇█"


def _bar(fraction: float, width: int) -> str:
    fraction = min(1.0, max(0.0, fraction))
    cells = fraction * width
    full = int(cells)
    part = int(round((cells - full) * 8))
    if part == 8:
        full, part = full + 1, 0
    text = "█" * full + (EIGHTHS[part] if part and full < width else "")
    if not text and fraction > 0:
        text = "▏"  # a non-zero value is never drawn as nothing
    return text


def _fit(text: str, width: int) -> str:
    if len(text) <= width:
        return text.ljust(width)
    return text[: max(0, width - 1)] + "…"


class BarChart(Widget):
    """Label │ bar value, one row per item, largest first as given."""

    DEFAULT_CSS = """
    BarChart { height: auto; width: 1fr; }
    """

    def __init__(
        self,
        items: Sequence[tuple[str, float, str]] = (),
        *,
        label_width: int = 24,
        label_share: float = 1 / 3,
        style: str = "$accent",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._items: list[tuple[str, float, str]] = list(items)
        self._label_width = label_width
        self._label_share = label_share
        self._style = style

    def set_items(self, items: Sequence[tuple[str, float, str]]) -> None:
        """(label, value, value as text) rows."""
        self._items = list(items)
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._items))

    def render(self) -> Content:
        if not self._items:
            return Content.assemble(("nothing to plot", "italic $foreground-muted"))
        width = max(20, self.size.width)
        value_w = max(len(v) for _, _, v in self._items)
        label_w = min(
            self._label_width, max(len(label) for label, _, _ in self._items), max(8, int(width * self._label_share))
        )
        bar_w = max(4, width - label_w - value_w - 3)
        top = max((v for _, v, _ in self._items), default=0) or 1
        parts: list[tuple[str, str] | str] = []
        for i, (label, value, text) in enumerate(self._items):
            if i:
                parts.append("\n")
            bar = _bar(value / top, bar_w)
            parts.append((_fit(label, label_w), ""))
            parts.append((" ", ""))
            parts.append((bar, self._style))
            parts.append((" " * (bar_w - len(bar) + 1), ""))
            parts.append((text.rjust(value_w), "$foreground-muted"))
        return Content.assemble(*parts)


class Histogram(Widget):
    """Columns of counts over bins with their edges on the x axis (bins come from the core)."""

    DEFAULT_CSS = """
    Histogram { height: auto; width: 1fr; }
    """
    ROWS = 8

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._edges: list[float] = []
        self._counts: list[int] = []
        self._log_scale = False

    def set_bins(self, edges: Sequence[float], counts: Sequence[int], log_scale: bool = False) -> None:
        self._edges = [float(e) for e in edges]
        self._counts = [int(c) for c in counts]
        self._log_scale = log_scale
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.ROWS + 2 if self._counts else 1

    def render(self) -> Content:
        counts = self._counts
        if not counts:
            return Content.assemble(("no token counts", "italic $foreground-muted"))
        top = max(counts) or 1
        axis_w = len(f"{top:,}") + 1
        width = max(20, self.size.width) - axis_w - 1
        n = len(counts)
        col_w = max(1, width // n)  # the bars fill the panel
        gap = 1 if col_w >= 3 else 0
        bar_w = col_w - gap
        parts: list[tuple[str, str] | str] = []
        for row in range(self.ROWS, 0, -1):
            label = f"{top:,}" if row == self.ROWS else ("0" if row == 1 else "")
            parts.append((label.rjust(axis_w - 1) + " ┤" if label else " " * axis_w + "│", "$foreground-muted"))
            line = []
            for c in counts:
                level = c / top * self.ROWS
                if level >= row:
                    ch = "█"
                elif level > row - 1:
                    ch = COLUMN[max(1, int(round((level - (row - 1)) * 8)))] if c else " "
                    if row == 1 and c and ch == " ":
                        ch = "▁"
                else:
                    ch = "▁" if (row == 1 and c) else " "
                line.append(ch * bar_w + " " * gap)
            parts.append(("".join(line), "$accent"))
            parts.append("\n")
        span = n * col_w
        parts.append((" " * axis_w + "└" + "─" * span, "$foreground-muted"))
        parts.append("\n")
        left = count_short(self._edges[0]) if self._edges else ""
        mid = count_short(self._edges[len(self._edges) // 2]) if self._edges else ""
        right = count_short(self._edges[-1]) if self._edges else ""
        axis = [" "] * (span + 1)
        _put(axis, 0, left)
        _put(axis, (span - len(mid)) // 2, mid)
        _put(axis, span + 1 - len(right), right)
        parts.append((" " * (axis_w + 1) + "".join(axis).rstrip(), "$foreground-muted"))
        return Content.assemble(*parts)


def _put(buf: list[str], at: int, text: str) -> None:
    at = max(0, min(at, len(buf) - len(text)))
    for i, ch in enumerate(text):
        if 0 <= at + i < len(buf):
            buf[at + i] = ch
