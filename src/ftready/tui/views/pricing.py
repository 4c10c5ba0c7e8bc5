"""Pricing: the loaded tables with status, as_of and staleness; the files they come from; edit one (in $EDITOR or
here) and reload. Edits always go to a copy in the user pricing folder, never to the shipped files. While a file is
invalid its problems are listed (file, line, key path) and the last good tables stay in use."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from ftready.humanize import number
from ftready.tui.host import host
from ftready.tui.messages import PricingRequest, PricingState
from ftready.tui.render import MUTED, Part, theme_color
from ftready.tui.widgets import List, Note, Table
from ftready.vocabulary import plural


class PricingView(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit in $EDITOR"),
        Binding("t", "edit_here", "Edit here"),
        Binding("r", "reload", "Reload"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state: PricingState | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("loading the pricing tables…", MUTED)), id="pricing-status")
        with Horizontal(id="pricing-main"):
            yield List(id="pricing-files")
            yield Table(id="pricing-models", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="pricing-errors"):
            yield Static("", id="pricing-problems")

    def on_mount(self) -> None:
        t = self.query_one("#pricing-models", Table)
        for key, label, width in (
            ("provider", "provider", 12),
            ("model", "model", 26),
            ("status", "status", 12),
            ("as_of", "as of", 10),
            ("age", "age", 6),
        ):
            t.add_column(label, key=key, width=width)
        self.query_one("#pricing-files").border_title = "files (later wins)"
        self.query_one("#pricing-errors").display = False
        shown = host(self).pricing_shown
        if shown is not None:
            self.show_pricing(shown, not shown.problems)

    def show_pricing(self, state: PricingState, ok: bool) -> None:
        self.state = state
        lst = self.query_one("#pricing-files", List)
        keep = lst.highlighted_option.id if lst.highlighted_option else None
        lst.clear_options()
        options: list[Option] = []
        for f in state.files:
            mark, style = ("✖", "$error") if f.problems else ("✓", "$success")
            extra = f" · {len(f.problems)} problem{'s' if len(f.problems) != 1 else ''}" if f.problems else ""
            options.append(
                Option(
                    Content.assemble((mark, style), " ", (f.name, "bold"), (f"  {f.origin}{extra}", MUTED)), id=f.path
                )
            )
        lst.add_options(options)
        ids = [f.path for f in state.files]
        if keep in ids:
            lst.highlighted = ids.index(keep)
        elif ids:
            bad = next((i for i, f in enumerate(state.files) if f.problems), 0)
            lst.highlighted = bad
        table = self.query_one("#pricing-models", Table)
        table.clear()
        warn = theme_color(self.app, "text-warning", "yellow")
        bad_c = theme_color(self.app, "text-error", "red")
        for row in state.rows:
            status, stale = row.status, row.stale
            table.add_row(
                row.provider,
                Text(row.model, no_wrap=True, overflow="ellipsis"),
                Text(
                    str(status).replace("_", " "),
                    style=bad_c if status == "deprecated" else warn if status != "active" else "",
                ),
                row.as_of,
                Text(("⚠" if stale else "") + f"{row.age_days}d", style=warn if stale else "", justify="right"),
            )
        stale_n = sum(1 for r in state.rows if r.stale)
        head: list[Part] = []
        if state.problems:
            head += [
                ("✖ ", "bold $error"),
                (
                    f"{plural(len(state.problems), 'problem')} in the pricing tables: "
                    + ("the last good tables stay in use until they are fixed" if state.rows else "no tables loaded"),
                    "$error",
                ),
                "\n",
            ]
        head += [
            (state.summary, ""),
            (f" · {stale_n} stale (> {state.stale_after_days} days)" if stale_n else "", "$warning"),
            "\n",
            (f"edits go to {_home(state.user_dir)}", MUTED),
        ]
        self.query_one("#pricing-status", Static).update(Content.assemble(*head))
        errors = self.query_one("#pricing-errors")
        errors.display = bool(state.problems)
        if state.problems:
            errors.border_title = f"problems ({number(len(state.problems))})"
            self.query_one("#pricing-problems", Static).update(
                Content.assemble(*[part for p in state.problems for part in ((p, "$error"), "\n")])
            )

    def _selected(self) -> str | None:
        opt = self.query_one("#pricing-files", List).highlighted_option
        return opt.id if opt is not None else None

    def action_edit(self) -> None:
        path = self._selected()
        if path:
            self.post_message(PricingRequest("edit", path))

    def action_edit_here(self) -> None:
        path = self._selected()
        if path:
            self.post_message(PricingRequest("edit-here", path))

    def action_reload(self) -> None:
        self.post_message(PricingRequest("reload"))


def _home(path: str) -> str:
    home = str(Path.home())
    return "~" + path[len(home) :] if home != "/" and path.startswith(home + "/") else path


__all__ = ["Note", "PricingView"]
