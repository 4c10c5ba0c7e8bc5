"""Data churn between two versions of a dataset, and time-sensitive content (FT610-FT612).

Examples are identified by their normalised prompt (system prompt and every non-assistant turn; the reply for
plain text). Between `--previous FILE` and the current file an example is *added*, *removed*, *changed* (same
prompt, another reply) or *unchanged*. The churn rate is the share of all prompts seen in either version that
were added, removed or changed. With the interval between the versions (`--interval-days`, by default the
difference of the files' modification times) it projects how many retraining cycles a year the data implies.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import polars as pl

from ftready.checks.context import Context
from ftready.checks.costs import retraining_over_rag
from ftready.checks.registry import check, is_selected, spec
from ftready.humanize import money
from ftready.model import Finding, Severity

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


def stage(ctx: Context) -> dict[str, Any] | None:
    if is_selected("FT611", ctx.settings.select, ctx.settings.ignore):
        time_sensitive_lines(ctx)  # a scan of every reply: done here, beside the other stages, not at the end
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
    return {
        "previous_path": ctx.previous_info.path,
        **counts,
        "churn_rate": round(rate, 4),
        "interval_days": round(days, 2) if days is not None else None,
        "interval_source": days_source,
        "projected_updates_per_year": per_year,
        "identity": "normalised prompt (system prompt + non-assistant turns; the reply for plain text)",
    }


@check(
    "FT610",
    "frequent-retraining",
    Severity.WARNING,
    "The data changes more often than retraining is worth it.",
    "A fine-tuned model only knows the data it was trained on: every change of the data means another training "
    "run (and a new deployment). When versions of the dataset differ this often, the model is out of date most "
    "of the time or retraining costs pile up; retrieval (RAG) serves changing knowledge from an index that is "
    "updated in minutes. The limit is retraining cycles a year (default 12, monthly), and the check also fires "
    "when retraining for a year costs more than the whole first year of the RAG alternative.",
    params={"max_updates_per_year": 12.0},
)
def frequent_retraining(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    churn = ctx.results.get("churn")
    reasons = []
    value = None
    per_year = churn.get("projected_updates_per_year") if churn else None
    if per_year is not None and per_year > p["max_updates_per_year"]:
        value = per_year
        reasons.append(
            f"{churn['churn_rate']:.0%} of examples changed in {churn['interval_days']:g} days: "  # type: ignore[index]
            f"about {per_year:g} retraining cycles a year, more than {p['max_updates_per_year']:g}"
        )
    over = retraining_over_rag(ctx) if churn is not None else None
    if over is not None:
        chosen, retrain, rag_year = over
        reasons.append(
            f"retraining for a year ({money(retrain, style='cents')} with {chosen.get('model')}) costs more than the "
            f"first year of RAG ({money(rag_year, style='cents')})"
        )
    if not reasons:
        return None
    return spec("FT610").make("; ".join(reasons), value=value, threshold=p["max_updates_per_year"])


TIME_SENSITIVE = (
    r"(?i)\b(?:19|20)\d\d-\d\d-\d\d\b"  # ISO dates
    r"|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
    r"sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? \d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\d\d\b"
    r"|\b(?:in|since|as of|until|by) (?:19|20)\d\d\b"  # years in context
    r"|[$€£¥]\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d\d)? ?(?:usd|eur|gbp|dollars|euros)\b"  # prices
    r"|\bv\d+\.\d+(?:\.\d+)?\b|\bversion \d+(?:\.\d+)*\b"  # versions
    r"|\b(?:latest|currently|as of|at the moment|this year|last year|recently released|up to date)\b"
)


_TIME_SENSITIVE_KEY = "churn.time_sensitive"  # ctx.results cache: lines of the replies that match


def time_sensitive_lines(ctx: Context) -> list[int]:
    """Lines of the examples whose reply states dates, prices, versions or what is current (cached in the
    context: the churn stage computes it while the other stages run)."""
    cached: list[int] | None = ctx.results.get(_TIME_SENSITIVE_KEY)
    if cached is None:
        cached = ctx.frame.filter(pl.col("response").str.contains(TIME_SENSITIVE))["line"].to_list()
        ctx.results[_TIME_SENSITIVE_KEY] = cached
    return cached


@check(
    "FT611",
    "time-sensitive-content",
    Severity.INFO,
    "Replies contain dates, prices, versions or words like 'latest' and 'currently'.",
    "Facts that go stale — prices, release versions, dates, what is 'current' — are knowledge, and knowledge baked "
    "into weights cannot be corrected without retraining. A model fine-tuned on them keeps repeating the old "
    "value with confidence. Serve such facts with retrieval (RAG) and fine-tune on the style and the task "
    "instead. A note above `info_share` of replies, a warning above `warning_share`.",
    params={"info_share": 0.05, "warning_share": 0.25},
)
def time_sensitive(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    f = ctx.frame
    if f.height == 0 or not ctx.info.is_fine_tuning_format:
        return None
    lines = time_sensitive_lines(ctx)
    share = len(lines) / f.height
    if share <= p["info_share"]:
        return None
    sev = Severity.WARNING if share > p["warning_share"] else Severity.INFO
    return spec("FT611").make(
        f"{len(lines):,} of {f.height:,} replies ({share:.0%}) state dates, prices, versions or what is "
        "'latest'/'current': knowledge that goes stale, better served by RAG",
        count=len(lines),
        lines=lines,
        value=round(share, 4),
        threshold=p["warning_share"] if sev is Severity.WARNING else p["info_share"],
        severity=sev,
    )


@check(
    "FT612",
    "data-churn",
    Severity.INFO,
    "How much the data changed since the previous version.",
    "Reports the comparison with `--previous FILE`: examples added, removed, changed (same prompt, another "
    "reply) and unchanged. Each change of the data that should reach the model means a retraining run.",
)
def data_churn(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    c = ctx.results.get("churn")
    if not c:
        return None
    per_year = c["projected_updates_per_year"]
    proj = f"; at this pace about {per_year:g} updates a year" if per_year else ""
    return spec("FT612").make(
        f"since {c['previous_path']}: {c['added']:,} added, {c['removed']:,} removed, {c['changed']:,} changed, "
        f"{c['unchanged']:,} unchanged (churn {c['churn_rate']:.0%}"
        + (f" in {c['interval_days']:g} days" if c["interval_days"] else "")
        + f"){proj}",
        value=c["churn_rate"],
    )
