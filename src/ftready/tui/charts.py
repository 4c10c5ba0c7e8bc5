"""Plots drawn with Unicode blocks: a horizontal bar chart and a column histogram.

They only draw values the core computed (label counts, cluster sizes, histogram bins); the width adapts to the
widget, so they fit at 80 columns and use the room at 200.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ftready.humanize import count_short, money
from ftready.tui.render import compact_money, middle_ellipsis

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
    """`text` in `width` cells: padded, or cut in the middle so that labels that share a long start stay apart
    (`balance_no…bank_transfer`, `balance_no…cash_deposit`); a list of words (`plan, cancel, end`) keeps whole
    words from its start."""
    if len(text) > width and ", " in text:
        words = text.split(", ")
        while len(words) > 1 and len(", ".join(words)) + 2 > width:
            words.pop()
        text = ", ".join(words) + ", …" if len(", ".join(words)) + 3 <= width else middle_ellipsis(text, width)
    return middle_ellipsis(text, width).ljust(width)


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
        # each bin gets its share of the width, so the bars fill the panel whatever the number of bins
        starts = [round(i * width / n) for i in range(n + 1)] if width >= n else list(range(n + 1))
        widths = [max(1, starts[i + 1] - starts[i]) for i in range(n)]
        gap = 1 if min(widths) >= 3 else 0  # the same gap between every pair of bars
        parts: list[tuple[str, str] | str] = []
        for row in range(self.ROWS, 0, -1):
            label = f"{top:,}" if row == self.ROWS else ("0" if row == 1 else "")
            parts.append((label.rjust(axis_w - 1) + " ┤" if label else " " * axis_w + "│", "$foreground-muted"))
            line = []
            for c, w in zip(counts, widths, strict=True):
                level = c / top * self.ROWS
                if level >= row:
                    ch = "█"
                elif level > row - 1:
                    ch = COLUMN[max(1, int(round((level - (row - 1)) * 8)))] if c else " "
                    if row == 1 and c and ch == " ":
                        ch = "▁"
                else:
                    ch = "▁" if (row == 1 and c) else " "
                line.append(ch * (w - gap) + " " * gap)
            parts.append(("".join(line), "$accent"))
            parts.append("\n")
        span = sum(widths)
        parts.append((" " * axis_w + "└" + "─" * span, "$foreground-muted"))
        parts.append("\n")
        left = count_short(self._edges[0]) if self._edges else ""
        mid = count_short(self._edges[len(self._edges) // 2]) if self._edges else ""
        right = count_short(self._edges[-1]) if self._edges else ""
        axis = [" "] * span
        _put(axis, 0, left)
        _put(axis, (span - len(mid)) // 2, mid)
        _put(axis, span - len(right), right)
        parts.append((" " * (axis_w + 1) + "".join(axis).rstrip(), "$foreground-muted"))
        return Content.assemble(*parts)


def _put(buf: list[str], at: int, text: str) -> None:
    at = max(0, min(at, len(buf) - len(text)))
    for i, ch in enumerate(text):
        if 0 <= at + i < len(buf):
            buf[at + i] = ch


# Braille dots of one cell by (column, row from the top): two columns of four dots.
_DOTS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))


class CostLines(Widget):
    """Cumulative cost of each approach over the horizon, one Braille line per approach, with the month from
    which fine-tuning has cost no more than prompting marked. The curves and the month come from the core
    (`costs.approaches`); this widget only scales and draws them."""

    DEFAULT_CSS = """
    CostLines { height: auto; width: 1fr; }
    """

    def __init__(self, *, rows: int = 8, fill: bool = False, id: str | None = None, classes: str | None = None) -> None:
        """`rows`: plot rows (at least); `fill`: grow to the height of the container."""
        super().__init__(id=id, classes=classes)
        self.ROWS = rows
        self._fill = fill
        self._rows = rows
        self._series: list[tuple[str, list[float], str, str]] = []
        self._marker: int | None = None
        self._marker_text = ""
        self._currency = "USD"

    def set_series(
        self,
        series: Sequence[tuple[str, Sequence[float] | None, str, str]],
        marker: int | None = None,
        marker_text: str = "",
        currency: str = "USD",
    ) -> None:
        """(name, cumulative cost at the end of months 0..horizon or None, style, total as text) per approach; the
        marked month and what it means."""
        self._series = [(n, [float(v) for v in c], s, t) for n, c, s, t in series if c]
        self._marker, self._marker_text, self._currency = marker, marker_text, currency
        self.refresh(layout=True)

    def _head(self, width: int) -> tuple[list[list[tuple[str, str]]], list[str]]:
        """The legend (items packed into lines of `width`) and the caption wrapped to `width`."""
        lines: list[list[tuple[str, str]]] = [[]]
        used = 0
        for name, _, style, total in self._series:
            size = 3 + len(name) + 1 + len(total)
            if lines[-1] and used + 3 + size > width:
                lines.append([])
                used = 0
            if lines[-1]:
                lines[-1].append(("   ", ""))
                used += 3
            lines[-1] += [("━━ ", style), (name, "bold"), (f" {total}", "")]
            used += size
        marked = "▲ " if self._marker is not None else ""
        caption = textwrap.wrap(marked + self._marker_text, max(10, width)) if self._marker_text else []
        return lines, caption

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self._series:
            return 1
        legend, caption = self._head(width)
        extra = len(legend) + len(caption) + 2  # the legend, the caption, the x axis and its labels
        self._rows = max(self.ROWS, container.height - extra) if self._fill else self.ROWS
        return self._rows + extra

    def render(self) -> Content:
        if not self._series:
            return Content.assemble(("no cost comparison: prices are missing", "italic $foreground-muted"))
        months = max(len(c) for _, c, _, _ in self._series) - 1
        top = max(max(c) for _, c, _, _ in self._series) or 1.0
        top_label = compact_money(top, self._currency) if top >= 1000 else money(top, self._currency, style="whole")
        axis_w = max(len(top_label), 2) + 1
        width = max(12, self.size.width - axis_w - 1)
        rows = self._rows
        dots_x, dots_y = width * 2, rows * 4
        cells = [[0] * width for _ in range(rows)]
        owner: list[list[str]] = [[""] * width for _ in range(rows)]

        def plot(x: int, y: int, style: str) -> None:
            row, sub = divmod(dots_y - 1 - y, 4)
            col, side = divmod(x, 2)
            cells[row][col] |= _DOTS[side][sub]
            owner[row][col] = style

        for _, curve, style, _ in self._series:
            prev: int | None = None
            for x in range(dots_x):
                t = x / max(1, dots_x - 1) * months
                i = min(int(t), months - 1) if months else 0
                v = curve[i] + (curve[min(i + 1, months)] - curve[i]) * (t - i) if months else curve[0]
                y = min(dots_y - 1, max(0, round(v / top * (dots_y - 1))))
                lo, hi = (y, y) if prev is None else (min(prev, y), max(prev, y))
                for yy in range(lo, hi + 1):
                    plot(x, yy, style)
                prev = y
        mark_col = None
        if self._marker is not None and months:
            mark_col = min(width - 1, round(self._marker / months * (dots_x - 1)) // 2)
        parts: list[tuple[str, str] | str] = []
        legend, caption = self._head(self.size.width)
        rows_of_text = [*legend, *([(text, "$foreground-muted")] for text in caption)]
        for i, line in enumerate(rows_of_text):  # the legend first: it says which line is which
            if i:
                parts.append("\n")
            parts += line
        for r in range(rows):
            parts.append("\n")
            label = top_label if r == 0 else ("0" if r == rows - 1 else "")
            parts.append((label.rjust(axis_w - 1) + " ┤" if label else " " * axis_w + "│", "$foreground-muted"))
            for c in range(width):
                if cells[r][c]:
                    parts.append((chr(0x2800 + cells[r][c]), owner[r][c]))
                elif c == mark_col:
                    parts.append(("┊", "$foreground-muted"))
                else:
                    parts.append(" ")
        parts.append("\n")
        parts.append((" " * axis_w + "└" + "─" * width, "$foreground-muted"))
        parts.append("\n")
        axis = [" "] * width
        end = f"{months} months"
        _put(axis, 0, "0")
        if months % 2 == 0 and width > 2 * len(end) + 4:
            _put(axis, width // 2 - 1, count_short(months / 2))
        if mark_col is not None:
            _put(axis, mark_col, "▲")
        _put(axis, width - len(end), end)
        parts.append((" " * (axis_w + 1) + "".join(axis).rstrip(), "$foreground-muted"))
        return Content.assemble(*parts)
