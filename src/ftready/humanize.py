"""Numbers for people: money, counts, percentages and byte sizes, as every output of ftready writes them.

One module, so that the cost arithmetic, the findings, the reports and the app write a figure the same way; it
imports nothing (no Textual, no rich), so the core and every front end can use it. Where two outputs have always
written a figure differently, the difference is a named variant here (a `style`, a parameter), not a second
formatter elsewhere; the golden reports and the app's snapshots pin each one:

    money(x)                        $1,234.56, and $0.0012 below a cent (the cost arithmetic, findings, the app)
    money(x, style="cents")         always two decimals: $0.00 (the Markdown cost table, churn findings)
    money(x, style="whole")         no decimals: $1,235 (the verdict's reasons)
    money(x, style="short")         no cents from $1,000, <0.01 below a cent (the app's narrow columns)
    unit_price(x, currency, per)    $2.50/1M: 2 to 5 decimals, as the pricing tables write prices
    count(n)                        1,234 or 1,234.5
    number(v) / significant(v)      any value of the Analysis, for the app / for the Markdown tables
    percent(x, digits)              12.3%, and one more decimal for small shares
    byte_size(n)                    512.0 MiB, 1.5 GiB
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

NA = "n/a"
DASH = "—"
UNKNOWN_PRICE = "n/a (unknown price)"

MoneyStyle = Literal["auto", "cents", "whole", "short", "round"]


# ---------------------------------------------------------------------------------------------------------------
# Money


def amount(x: float, style: MoneyStyle = "auto") -> str:
    """An amount of money without its currency.

    auto: 2 decimals, or 4 significant digits below one cent so that it does not read as 0;
    cents: always 2 decimals; whole: no decimals;
    short: no decimals from 1,000, `<0.01` below one cent (but not 0), else 2 decimals;
    round: no decimals from 100, else as short (a headline figure: `$113`, but `$0.72`, not `$1`)."""
    if style == "cents":
        return f"{x:,.2f}"
    if style == "whole":
        return f"{x:,.0f}"
    if style in ("short", "round"):
        if abs(x) >= (1000 if style == "short" else 100):
            return f"{x:,.0f}"
        if x != 0 and abs(x) < 0.01:
            return "<0.01"
        return f"{x:,.2f}"
    if x == 0 or abs(x) >= 0.01:
        return f"{x:,.2f}"
    decimals = min(12, 3 - math.floor(math.log10(abs(x))))  # 4 significant digits, never an exponent
    return f"{x:.{decimals}f}".rstrip("0")


def with_currency(text: str, currency: str, *, code_first: bool = False) -> str:
    """`$` before US dollars; any other currency's code after the amount (`12.00 EUR`), or before it with
    `code_first` (`EUR 12.00`)."""
    if currency == "USD":
        return f"${text}"
    return f"{currency} {text}" if code_first else f"{text} {currency}"


def money(
    x: float | None,
    currency: str = "USD",
    *,
    style: MoneyStyle = "auto",
    unknown: str = UNKNOWN_PRICE,
    code_first: bool = False,
) -> str:
    """An amount with its currency (see `amount` for the styles); None (an unknown price) is `unknown`."""
    if x is None:
        return unknown
    return with_currency(amount(x, style), currency, code_first=code_first)


def price(x: float) -> str:
    """A unit price as written in the tables: 2 to 5 decimals."""
    text = f"{x:,.5f}".rstrip("0")
    return text + "0" * max(0, 2 - len(text.split(".")[1]))


def unit_price(x: float, currency: str, per: str) -> str:
    """A price per unit: `$2.50/1M`, `1.20 EUR/h`."""
    return f"{with_currency(price(x), currency)}/{per}"


# ---------------------------------------------------------------------------------------------------------------
# Counts and other numbers


def count(n: float) -> str:
    """A count or quantity: thousands separators; no decimals when it is whole, one otherwise."""
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,.1f}"


def count_short(n: float) -> str:
    """A count for a narrow axis label: thousands from 10,000 (`12k`), else whole."""
    if n >= 10_000:
        return f"{n / 1000:,.0f}k"
    return f"{n:,.0f}"


def number(v: object, digits: int = 1) -> str:
    """Any value of the Analysis, for the app: thousands separators, whole numbers without decimals, `digits`
    decimals otherwise (at least 3 significant digits below 1), booleans as yes/no, None as an em dash."""
    if v is None:
        return DASH
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if v.is_integer() and abs(v) >= 1:
            return f"{int(v):,}"
        if abs(v) < 1:
            return f"{v:.{max(digits, 3)}g}" if v else "0"
        return f"{v:,.{digits}f}"
    return str(v)


def significant(v: object) -> str:
    """Any value of the Analysis, for the Markdown tables: floats whole from 100 and to 3 significant digits below,
    integers with thousands separators, None as n/a."""
    if v is None:
        return NA
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.3g}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def percent(x: float, digits: int = 1) -> str:
    """A share as a percentage with `digits` decimals, and one decimal more below one unit of the last one, so that
    a small share does not read as 0 (0.04% rather than 0.0% with digits=1; 0.4% rather than 0% with digits=0)."""
    return f"{x:.{digits}%}" if x >= 10.0 ** -(digits + 2) else f"{x:.{digits + 1}%}"


def byte_size(n: float) -> str:
    """A size in bytes: GiB from 1 GiB, else MiB, one decimal."""
    return f"{n / 2**30:,.1f} GiB" if n >= 2**30 else f"{n / 2**20:,.1f} MiB"


def middle_ellipsis(text: str, width: int) -> str:
    """`text` cut in the middle to `width` cells (`selfhosted/…-l4-runpod-secure`): both the provider at the start
    and the distinguishing suffix at the end stay readable."""
    text = text or ""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    keep = width - 1
    head = keep * 2 // 5
    return text[:head] + "…" + text[len(text) - (keep - head) :]


def distinct_ellipsis(texts: Sequence[str], width: int) -> list[str]:
    """Each text cut in the middle to `width` cells as `middle_ellipsis` does, except where two different texts
    would then read the same: those are cut elsewhere (the split nearest the usual one that keeps them apart)."""
    out = [middle_ellipsis(t, width) for t in texts]
    keep = width - 1
    groups: dict[str, list[int]] = {}
    for i, cut in enumerate(out):
        groups.setdefault(cut, []).append(i)
    for members in groups.values():
        if len({texts[i] for i in members}) < 2 or keep < 2:
            continue
        usual = keep * 2 // 5
        for head in sorted(range(keep + 1), key=lambda h: abs(h - usual)):
            cuts = [texts[i][:head] + "…" + texts[i][len(texts[i]) - (keep - head) :] for i in members]
            if len(set(cuts)) == len({texts[i] for i in members}):
                for i, cut in zip(members, cuts, strict=True):
                    out[i] = cut if len(texts[i]) > width else texts[i]
                break
    return out
