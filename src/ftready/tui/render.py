"""Formatting helpers shared by the views: they turn values of the Analysis into text. Nothing here computes a
metric; numbers are only formatted."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeAlias

from rich.text import Text
from textual.app import App
from textual.content import Content
from textual.style import Style

from ftready import humanize
from ftready.humanize import NA, middle_ellipsis
from ftready.model import CostsSection
from ftready.vocabulary import APPROACH_NAMES, VERDICT_LABELS

SEVERITY_STYLE = {"error": "$text-error", "warning": "$text-warning", "info": "$text-primary"}
SEVERITY_ICON = {"error": "✖", "warning": "▲", "info": "●"}
ROLE_STYLE = {
    "system": "bold $text-secondary",
    "user": "bold $text-primary",
    "assistant": "bold $text-success",
    "tool": "bold $text-warning",
    "rejected": "bold $text-error",
    "label": "bold $text-success",
    "raw": "bold $foreground-muted",
}
RECOMMENDATION = {  # the labels are the vocabulary's, shared with the reports
    "fine-tune": (VERDICT_LABELS["fine-tune"], "$success"),
    "rag": (VERDICT_LABELS["rag"], "$primary"),
    "prompting": (VERDICT_LABELS["prompting"], "$warning"),
    "fix-data": (VERDICT_LABELS["fix-data"], "$error"),
}
MUTED = "$foreground-muted"
# one part of Content.assemble: plain text, text with a style, or content
Part: TypeAlias = str | Content | tuple[str, str | Style]
__all__ = ["Part", "middle_ellipsis"]  # shared with the plain-text reports (ftready.humanize)


def money(v: float | None, currency: str = "USD") -> str:
    """Money as the reports write it (ftready.humanize.money); unknown prices read as n/a, and a currency that is
    not a code (`mixed`) as dollars."""
    cur = currency if isinstance(currency, str) and len(currency) == 3 else "USD"
    return humanize.money(None if v is None else float(v), cur, unknown=NA)


def money_short(v: float | None, currency: str = "USD") -> str:
    """Money without cents when it is large (for narrow table columns); `mixed` currencies read as dollars."""
    cur = "USD" if currency == "mixed" else currency
    return humanize.money(None if v is None else float(v), cur, style="short", unknown=NA)


def compact_money(v: float | None, currency: str = "USD") -> str:
    """Money in compact notation for a column that cannot hold every digit: $482M, $1.2B, $12k."""
    if v is None:
        return NA
    x = float(v)
    cur = currency if isinstance(currency, str) and len(currency) == 3 else "USD"
    for step, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= step:
            scaled = x / step
            text = f"{scaled:.1f}" if abs(scaled) < 10 else f"{scaled:,.0f}"
            return humanize.with_currency(text.removesuffix(".0") + suffix, cur)
    return money_short(v, currency)


def fit_money(v: float | None, currency: str, width: int) -> str:
    """`money_short` when it fits in `width` cells, else compact notation; never a number cut in the middle."""
    text = money_short(v, currency)
    return text if len(text) <= width else compact_money(v, currency)


def clip(text: str, n: int) -> str:
    text = text or ""
    return text if len(text) <= n else text[: max(0, n - 1)] + "…"


def one_line(text: str) -> str:
    return " ".join((text or "").split())


def lines_text(lines: Sequence[int], total: int | None = None, limit: int = 12) -> str:
    shown = ", ".join(f"{n:,}" for n in lines[:limit])
    more = (total if total is not None else len(lines)) - min(len(lines), limit)
    return shown + (f" … (+{more:,})" if more > 0 else "")


def severity(sev: str) -> Content:
    style = SEVERITY_STYLE.get(sev, MUTED)
    return Content.assemble((f"{SEVERITY_ICON.get(sev, '·')} {sev}", style))


def theme_color(app: App[object], name: str, fallback: str = "") -> str:
    """The current theme's colour as #RRGGBB for Rich renderables such as DataTable cells (alpha blended over the
    background, so `foreground-muted` works too)."""
    from textual.color import Color, ColorParseError

    value = app.theme_variables.get(name) if app is not None else None
    if not value:
        return fallback
    try:
        color = Color.parse(value.split()[0])
        if color.a < 1:
            background = Color.parse(app.theme_variables.get("background", "#000000"))
            color = background.blend(color.with_alpha(1), color.a)
    except (ColorParseError, ValueError):
        return fallback
    return color.hex6


def rich_severity(app: App[object], sev: str) -> Text:
    var = SEVERITY_STYLE.get(sev, "$foreground-muted")[1:]
    return Text(f"{SEVERITY_ICON.get(sev, '·')} {sev}", style=theme_color(app, var, "default"))


def messages_content(
    messages: Iterable[tuple[str, str]],
    max_chars: int = 1200,
    pieces: Mapping[int, list[tuple[str, str]]] | None = None,
) -> Content:
    """A record as people read it: each message under its role, long texts clipped.

    `pieces` optionally replaces the text of message i with pre-styled (text, style) pieces (the diff view)."""
    parts: list[Content | tuple[str, str] | str] = []
    for i, (role, text) in enumerate(messages):
        if parts:
            parts.append("\n")
        parts.append((f"{role}", ROLE_STYLE.get(role, "bold")))
        parts.append("\n")
        if pieces is not None and i in pieces:
            parts.extend(pieces[i])
            continue
        body = (text or "").rstrip()
        if not body:
            parts.append(("(empty)", f"italic {MUTED}"))
            continue
        if len(body) > max_chars:
            parts.append(body[:max_chars])
            parts.append((f" … (+{len(body) - max_chars:,} characters)", f"italic {MUTED}"))
        else:
            parts.append(body)
    if not parts:
        parts.append(("(no messages)", f"italic {MUTED}"))
    return Content.assemble(*parts)


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _key(token: str, msgs: Sequence[tuple[str, str]]) -> str:
    if token.startswith("\x00"):
        return f"\x00{msgs[int(token[1:])][0]}"
    return " " if token.isspace() else token.casefold()


def word_diff(
    left: Sequence[tuple[str, str]], right: Sequence[tuple[str, str]], max_tokens: int = 4000
) -> tuple[Content, Content, bool]:
    """Two records side by side with the words that differ highlighted (difflib over word tokens).

    Returns (left, right, identical). Removed words are marked on the left, added ones on the right; messages are
    aligned in order, so a message present on one side only is marked whole."""
    import difflib

    def tokens(msgs: Sequence[tuple[str, str]]) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for i, (_role, text) in enumerate(msgs):
            out.append((i, f"\x00{i}"))  # a message boundary that only matches itself
            out.extend((i, t) for t in _TOKEN.findall(text or "")[:max_tokens])
        return out

    a, b = tokens(left), tokens(right)
    # Letter case and runs of whitespace are not differences (the duplicate checks ignore them too).
    a_keys = [_key(t, left) for _, t in a]
    b_keys = [_key(t, right) for _, t in b]
    matcher = difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    a_marks = [False] * len(a)
    b_marks = [False] * len(b)
    identical = True
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        identical = False
        for k in range(i1, i2):
            a_marks[k] = True
        for k in range(j1, j2):
            b_marks[k] = True

    def build(msgs: Sequence[tuple[str, str]], toks: list[tuple[int, str]], marks: list[bool], style: str) -> Content:
        pieces: dict[int, list[tuple[str, str]]] = {i: [] for i in range(len(msgs))}
        for (i, t), marked in zip(toks, marks, strict=True):
            if t.startswith("\x00"):
                continue
            if marked and not t.isspace():
                pieces[i].append((t, style))
            else:
                pieces[i].append((t, ""))
        return messages_content(msgs, pieces=pieces)

    return (
        build(left, a, a_marks, "bold $text-error on $error-muted"),
        build(right, b, b_marks, "bold $text-success on $success-muted"),
        identical,
    )


APPROACH_STYLE = (
    ("fine-tune", APPROACH_NAMES["fine-tune"], "$success"),
    ("rag", APPROACH_NAMES["rag"], "$primary"),
    ("prompting", APPROACH_NAMES["prompting"], "$warning"),
)


def approach_series(
    costs: CostsSection | None,
) -> tuple[list[tuple[str, Sequence[float] | None, str, str]], int | None, str, str]:
    """The three approaches of the core's `costs.approaches` as chart series (name, cumulative cost per month, style,
    total as text), the month from which fine-tuning has cost no more than prompting, the caption saying so (with
    the break-even traffic), and the currency."""
    if costs is None:
        return [(name, None, style, NA) for _, name, style in APPROACH_STYLE], None, "", "USD"
    ap = costs.approaches
    cur = costs.currency
    by_key = dict(ap.by_key())
    series: list[tuple[str, Sequence[float] | None, str, str]] = []
    for key, name, style in APPROACH_STYLE:
        a = by_key[key]
        total = humanize.money(a.first_year_total, cur, style="round", unknown=NA)
        series.append((name, a.cumulative, style, total))
    month = ap.fine_tune_cheaper_than_prompting_from_month
    if month is not None:
        text = f"fine-tune cheaper than prompting from month {month}"
    elif ap.fine_tune.cumulative and ap.prompting.cumulative:
        text = f"prompting cheaper than fine-tune over all {ap.horizon_months} months"
    else:
        text = ""
    even = ap.break_even_requests_per_month
    if text and even is not None and even.requests_per_month is not None:
        text += f" · break-even {humanize.count(even.requests_per_month)} requests/month"
    return series, month, text, cur
