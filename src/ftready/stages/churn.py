"""The churn stage (how the data changed since `--previous FILE`) and the time-sensitive-content stage.

Examples are identified by their normalised prompt (system prompt and every non-assistant turn; the reply for
plain text). Between `--previous FILE` and the current file an example is *added*, *removed*, *changed* (same
prompt, another reply) or *unchanged*. The churn rate is the share of all prompts seen in either version that
were added, removed or changed. With the interval between the versions (`--interval-days`, by default the
difference of the files' modification times) it projects how many retraining cycles a year the data implies.
"""

from __future__ import annotations

import os

import polars as pl

from ftready.model import ChurnSection
from ftready.stages.base import Stage
from ftready.stages.context import Context, TimeSensitive

DAYS_PER_YEAR = 365.0


def _norm(col: str) -> pl.Expr:
    return (
        pl.col(col).fill_null("").str.normalize("NFC").str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()
    )


def _keyed(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per distinct normalised prompt with the set of its normalised replies."""
    return (
        frame.select(
            pl.when(pl.col("prompt").fill_null("") == "")
            .then(_norm("response"))
            .otherwise(pl.concat_str([_norm("system"), _norm("prompt")], separator="\u241e"))
            .alias("key"),
            _norm("response").alias("reply"),
        )
        .group_by("key")
        .agg(pl.col("reply").unique().sort().str.join("\u241f").alias("replies"))
    )


def compare(current: pl.DataFrame, previous: pl.DataFrame) -> dict[str, int]:
    cur, prev = _keyed(current), _keyed(previous)
    both = cur.join(prev, on="key", how="full", suffix="_prev", coalesce=True)
    added = both.filter(pl.col("replies_prev").is_null()).height
    removed = both.filter(pl.col("replies").is_null()).height
    matched = both.filter(pl.col("replies").is_not_null() & pl.col("replies_prev").is_not_null())
    changed = matched.filter(pl.col("replies") != pl.col("replies_prev")).height
    return {"added": added, "removed": removed, "changed": changed, "unchanged": matched.height - changed}


def _interval_days(ctx: Context) -> tuple[float | None, str]:
    if ctx.settings.interval_days:
        return float(ctx.settings.interval_days), "--interval-days"
    prev = ctx.previous_info.path if ctx.previous_info else None
    try:
        a = os.stat(ctx.info.path).st_mtime
        b = os.stat(prev).st_mtime if prev else None
    except OSError:
        return None, "unknown"
    if b is None or a <= b:
        return None, "unknown (the files' modification times do not say which is newer)"
    return (a - b) / 86400.0, "file modification times"


def run(ctx: Context) -> ChurnSection | None:
    if ctx.previous is None or ctx.previous_info is None:
        return None
    counts = compare(ctx.frame, ctx.previous)
    union = sum(counts.values())
    moved = counts["added"] + counts["removed"] + counts["changed"]
    rate = moved / union if union else 0.0
    days, days_source = _interval_days(ctx)
    per_year = None
    if days is not None and days > 0:
        per_year = round(DAYS_PER_YEAR / days, 2) if moved else 0.0
    return ChurnSection(
        previous_path=ctx.previous_info.path,
        added=counts["added"],
        removed=counts["removed"],
        changed=counts["changed"],
        unchanged=counts["unchanged"],
        churn_rate=round(rate, 4),
        interval_days=round(days, 2) if days is not None else None,
        interval_source=days_source,
        projected_updates_per_year=per_year,
    )


_YEAR = r"\b(?:19|20)\d\d\b"
_PRICE = r"(?:[$€£¥]\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d\d)? ?(?:usd|eur|gbp|dollars|euros)\b)"
# Dated facts: dates, years in context, prices stated with a year in the same sentence, versions, and words
# that say what is current.
TIME_SENSITIVE = (
    r"(?i)(?:^|[^\"\d])(?:19|20)\d\d-\d\d-\d\d\b"  # ISO dates (not a quoted tool-call argument)
    r"|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
    r"sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? \d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\d\d\b"
    r"|\b(?:in|since|as of|until|by) (?:19|20)\d\d\b"  # years in context
    rf"|{_PRICE}[^.!?\n]{{0,80}}{_YEAR}|{_YEAR}[^.!?\n]{{0,80}}{_PRICE}"  # prices with a date
    r"|\bv\d+\.\d+(?:\.\d+)?\b|\bversion \d+(?:\.\d+)*\b"  # versions
    r"|\b(?:latest|currently|as of|recently released|up to date)\b"
)
# Prices of things as sold (per month, a plan, a subscription, a fee) and relative time words: time-sensitive in
# prose ("Family costs $14.99 a month"); a computed amount ("the tip is $15", "$720 + $270 = $990") is not, and
# in a worked calculation neither counts ("last year he had 3").
_SOLD = (
    r"(?:per (?:month|year|user|seat|night|hour)|a (?:month|year|seat|night)|monthly|yearly|annually|/mo\b|/month"
    r"|/year|\bplans?\b|subscription|pricing|priced at|price (?:change|increase)|retails? (?:at|for)|msrp|\bfees?\b)"
)
IN_PROSE = (
    rf"(?i){_PRICE}[^.!?\n]{{0,60}}{_SOLD}|{_SOLD}[^.!?\n]{{0,60}}{_PRICE}"
    r"|\b(?:this year|last year|at the moment|nowadays)\b"
)
ARITHMETIC = r"\d\s*[-+*/×x÷]\s*[$€£¥]?\d[\d.,]*\s*=|<<[^>]*=[^>]*>>"
# "I am currently unable to ..." says what the assistant can do, not what is current in the world
_CAPABILITY = (
    r"(?i)\b(?:i am|i'm|i|my capabilities are)\s+currently\s+"
    r"(?:unable|not|only|can|cannot|can't|don't|do not|have no|limited)\b"
)


def time_sensitive(ctx: Context) -> TimeSensitive:
    """Lines of the examples whose reply states dated facts: dates, years, prices with a date, versions or what
    is current (a scan of every reply, run beside the other stages rather than at the end). Arithmetic is not a
    dated fact: in a reply that works a calculation, amounts and relative time words do not count."""
    reply = pl.col("response").fill_null("").str.replace_all(_CAPABILITY, "")
    hit = reply.str.contains(TIME_SENSITIVE) | (reply.str.contains(IN_PROSE) & ~reply.str.contains(ARITHMETIC))
    return TimeSensitive(tuple(ctx.frame.filter(hit)["line"].to_list()))


STAGE = Stage("churn", run)
TIME_SENSITIVE_STAGE = Stage("time_sensitive", time_sensitive)
