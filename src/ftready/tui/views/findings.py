"""Findings: every finding, filterable by severity and code; the selected one with its explanation and the
offending records, read back from the dataset and shown as messages under their roles."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Select, Static
from textual.widgets.data_table import ColumnKey

from ftready.model import Analysis, Finding, Problem
from ftready.tui.host import host
from ftready.tui.messages import Records, RecordsRead, RecordsWanted
from ftready.tui.render import MUTED, SEVERITY_STYLE, Part, lines_text, messages_content, one_line, rich_severity
from ftready.tui.widgets import Note, Table

RECORDS_PAGE = 5
SEVERITIES = [("all severities", "all"), ("errors", "error"), ("warnings", "warning"), ("info", "info")]


class FindingsView(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter"),
        Binding("s", "cycle_severity", "Severity"),
        Binding("m", "more_records", "More records"),
        Binding("escape", "leave_filter", "Leave/clear filter", key_display="esc"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.analysis: Analysis | None = None
        self.shown: list[Finding] = []
        self.current: Finding | None = None
        self.record_limit = RECORDS_PAGE
        self._problems: dict[int, list[Problem]] = {}
        self._request = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="findings-left"):
            with Horizontal(id="findings-filters", classes="toolbar"):
                yield Select(SEVERITIES, value="all", allow_blank=False, compact=True, id="severity-filter")
                yield Input(placeholder="filter: FT3, name, words", compact=True, id="code-filter")
                yield Note("", id="findings-count")
            yield Table(id="findings-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="finding-detail"):
            yield Static(Content.assemble(("Select a finding to see why it matters.", MUTED)), id="finding-text")
            yield Vertical(id="finding-records")

    def on_mount(self) -> None:
        table = self.query_one(Table)
        table.add_column("severity", key="severity", width=9)
        table.add_column("code", key="code", width=5)
        table.add_column("count", key="count", width=6)
        table.add_column("finding", key="message", width=60)
        analysis = host(self).analysis
        if analysis is not None:
            self.show_analysis(analysis)

    # -- data ------------------------------------------------------------------------------------------------

    def show_analysis(self, a: Analysis | None) -> None:
        self.analysis = a
        self._problems = {}
        if a is not None:
            for p in a.problems:
                self._problems.setdefault(p.line, []).append(p)
        keep = self.current.code if self.current else None
        self.refresh_table(keep)

    def show_failure(self) -> None:
        self.query_one("#finding-text", Static).update(Content.assemble(("No analysis: see the message above.", MUTED)))

    def filtered(self) -> list[Finding]:
        if self.analysis is None:
            return []
        sev = self.query_one("#severity-filter", Select).value
        text = self.query_one("#code-filter", Input).value.strip().lower()
        out = []
        for f in self.analysis.findings:
            if sev not in ("all", Select.NULL, None) and f.severity.value != sev:
                continue
            if text and not (f.code.lower().startswith(text) or text in f.name.lower() or text in f.message.lower()):
                continue
            out.append(f)
        return out

    def refresh_table(self, keep: str | None = None) -> None:
        table = self.query_one(Table)
        table.clear()
        self.shown = self.filtered()
        width = self._message_width()
        column = table.columns[ColumnKey("message")]
        column.width, column.auto_width = width, False
        for f in self.shown:
            table.add_row(
                rich_severity(self.app, f.severity.value),
                Text(f.code, style="bold"),
                Text(f"{f.count:,}" if f.count else "", justify="right"),
                Text(one_line(f.message), no_wrap=True, overflow="ellipsis"),
                key=f.code,
            )
        total = len(self.analysis.findings) if self.analysis else 0
        self.query_one("#findings-count", Note).update(f"{len(self.shown)} of {total}")
        if not self.shown:
            self.current = None
            self._detail(None)
            return
        index = next((i for i, f in enumerate(self.shown) if f.code == keep), 0)
        table.move_cursor(row=index)
        self._select(self.shown[index])

    def _message_width(self) -> int:
        # severity 9 + code 5 + count 6, one cell of padding each side of 4 columns, and the scrollbar
        width = self.query_one(Table).size.width
        return max(20, width - 20 - 8 - 2) if width else 60

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_columns)

    def _fit_columns(self) -> None:
        table = self.query_one(Table)
        if self.analysis is not None and table.columns[ColumnKey("message")].width != self._message_width():
            self.refresh_table(self.current.code if self.current else None)

    def select_code(self, code: str) -> None:
        """Show one finding (from the overview); clears filters that would hide it."""
        if self.analysis is None:
            return
        if not any(f.code == code for f in self.shown):
            self.query_one("#severity-filter", Select).value = "all"
            self.query_one("#code-filter", Input).value = ""
            self.refresh_table(code)
        else:
            index = next(i for i, f in enumerate(self.shown) if f.code == code)
            self.query_one(Table).move_cursor(row=index)
            self._select(self.shown[index])
        self.query_one(Table).focus()

    # -- events ------------------------------------------------------------------------------------------------

    @on(Select.Changed, "#severity-filter")
    def _severity_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.refresh_table(self.current.code if self.current else None)

    @on(Input.Changed, "#code-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refresh_table(self.current.code if self.current else None)

    @on(Input.Submitted, "#code-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(Table).focus()

    @on(Table.RowHighlighted, "#findings-table")
    def _row_highlighted(self, event: Table.RowHighlighted) -> None:
        event.stop()
        code = event.row_key.value if event.row_key is not None else None
        f = next((x for x in self.shown if x.code == code), None)
        if f is not None and f is not self.current:
            self._select(f)

    def action_leave_filter(self) -> None:
        """Escape in the filter goes back to the table (the filter stays); escape in the table clears the filter."""
        box = self.query_one("#code-filter", Input)
        if box.has_focus:
            self.query_one(Table).focus()
        elif box.value:
            box.value = ""

    def action_focus_filter(self) -> None:
        self.query_one("#code-filter", Input).focus()

    def action_cycle_severity(self) -> None:
        select = self.query_one("#severity-filter", Select)
        values = [v for _, v in SEVERITIES]
        current = select.value if select.value in values else "all"
        select.value = values[(values.index(current) + 1) % len(values)]

    def action_more_records(self) -> None:
        if self.current is not None and len(self.current.lines) > self.record_limit:
            self.record_limit += RECORDS_PAGE
            self._want_records(self.current)

    # -- detail ------------------------------------------------------------------------------------------------

    def _select(self, f: Finding) -> None:
        self.current = f
        self.record_limit = RECORDS_PAGE
        self._detail(f)
        self._want_records(f)

    def _detail(self, f: Finding | None) -> None:
        text = self.query_one("#finding-text", Static)
        box = self.query_one("#finding-records", Vertical)
        box.remove_children()
        if f is None:
            msg = "No findings match the filter." if self.analysis else "Analysing…"
            text.update(Content.assemble((msg, MUTED)))
            return
        from ftready.rules.codes import family as family_of
        from ftready.rules.codes import lookup

        try:
            rule = lookup(f.code)
            explanation, family, summary = rule.doc.why, family_of(rule.code), rule.summary
        except KeyError:
            explanation, family, summary = "", "", ""
        sev = f.severity.value
        parts: list[Part] = [
            (f"{f.code} {f.name}", "bold"),
            "  ",
            (sev, SEVERITY_STYLE.get(sev, MUTED)),
            (f" · {family}" if family else "", MUTED),
            "\n",
            f.message,
        ]
        measured = [
            f"value {f.value}" if f.value is not None else "",
            f"threshold {f.threshold}" if f.threshold is not None else "",
        ]
        if any(measured):
            parts += ["\n", (" · ".join(m for m in measured if m), MUTED)]
        if summary:
            parts += ["\n\n", ("What it checks  ", "bold"), summary]
        if explanation:
            parts += ["\n", ("Why it matters  ", "bold"), explanation]
        if f.lines:
            total = max(f.count, len(f.lines))
            parts += ["\n\n", ("Records  ", "bold"), (f"lines {lines_text(list(f.lines), total)}", MUTED)]
        text.update(Content.assemble(*parts))
        if f.lines:
            box.mount(Note("reading records…", classes="records-loading"))

    def _want_records(self, f: Finding) -> None:
        if not f.lines or self.analysis is None:
            return
        self._request += 1
        lines = list(f.lines[: self.record_limit])
        self.post_message(
            RecordsWanted(f"findings:{self._request}", self.analysis.dataset.path, lines, self.analysis.dataset.format)
        )

    def show_records(self, message: RecordsRead) -> None:
        if message.key != f"findings:{self._request}" or self.current is None:
            return
        box = self.query_one("#finding-records", Vertical)
        box.remove_children()
        f = self.current
        if message.error:
            box.mount(Note(f"cannot read the records: {message.error}", classes="error-note"))
            return
        widgets: list[Static] = []
        for line in f.lines[: self.record_limit]:
            msgs = message.records.get(line)
            problems = self._problems.get(line, [])
            if msgs is None and not problems:
                continue
            body: list[Part] = []
            for p in problems:
                body += [(f"{p.code} ", "bold $error"), (p.message, "$error"), "\n"]
            record = Static(
                Content.assemble(*body, messages_content(msgs or [])),
                classes="record",
            )
            record.border_title = f"line {line:,}"
            widgets.append(record)
        if len(f.lines) > self.record_limit:
            widgets.append(Note(f"{len(f.lines) - self.record_limit:,} more listed · press m for more"))
        if not widgets:
            widgets.append(Note("no record text to show for these lines"))
        box.mount_all(widgets)


__all__ = ["FindingsView", "Records"]
