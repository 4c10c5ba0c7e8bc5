"""FT61x: data churn between versions and time-sensitive content. The rules read the churn, time-sensitive and
costs sections."""

from __future__ import annotations

from ftready.humanize import money
from ftready.model import Severity
from ftready.rules.base import Hit, Params
from ftready.rules.costs import retraining_over_rag
from ftready.stages.context import Context


def frequent_retraining(ctx: Context, p: Params) -> Hit | None:
    """The data changes more often than retraining is worth it.

    What it finds:
        Data whose measured churn (`--previous FILE`) implies more than `max_updates_per_year` retraining cycles
        a year, or whose retraining for a year costs more than the whole first year of the RAG alternative.

    Why it matters:
        A fine-tuned model only knows the data it was trained on: every change of the data means another
        training run (and a new deployment). When versions of the dataset differ this often, the model is out of
        date most of the time or retraining costs pile up; retrieval (RAG) serves changing knowledge from an
        index that is updated in minutes.

    How to fix:
        Serve the changing facts with retrieval and fine-tune on what stays the same (style, format, task), or
        retrain less often.

    Parameters:
        max_updates_per_year: the most retraining cycles a year that are worth it.
    """
    churn = ctx.churn
    reasons = []
    value = None
    per_year = churn.projected_updates_per_year if churn else None
    limit = float(p["max_updates_per_year"])
    if churn is not None and per_year is not None and per_year > limit:
        value = per_year
        reasons.append(
            f"{churn.churn_rate:.0%} of examples changed in {churn.interval_days:g} days: "
            f"about {per_year:g} retraining cycles a year, more than {limit:g}"
        )
    over = retraining_over_rag(ctx) if churn is not None else None
    if over is not None:
        chosen, retrain, rag_year = over
        reasons.append(
            f"retraining for a year ({money(retrain, style='cents')} with {chosen.model}) costs more than the "
            f"first year of RAG ({money(rag_year, style='cents')})"
        )
    if not reasons:
        return None
    return Hit("; ".join(reasons), value=value, threshold=p["max_updates_per_year"])


def time_sensitive(ctx: Context, p: Params) -> Hit | None:
    """Replies state dated facts: dates, years, prices with a date, versions, 'latest' and 'currently'.

    What it finds:
        Replies that state dates, years in context ("as of 2024"), prices of things together with a date,
        version numbers, what is current, and prices of things as sold ("$14.99 a month", a plan, a fee).
        Computed amounts ("the tip is $15"), amounts in worked calculations ("$41", "$720 + $270 = $990"),
        dates quoted as tool-call arguments and "I am currently unable to" are not dated facts and are not
        counted. A note above `info_share` of the replies, a warning above
        `warning_share`.

    Why it matters:
        Facts that go stale are knowledge, and knowledge baked into weights cannot be corrected without
        retraining. A model fine-tuned on them keeps repeating the old value with confidence.

    How to fix:
        Serve such facts with retrieval (RAG) and fine-tune on the style and the task instead.

    Parameters:
        info_share: the share of replies above which the finding is a note.
        warning_share: the share above which it is a warning.
    """
    f = ctx.frame
    if f.height == 0 or not ctx.info.is_fine_tuning_format or ctx.time_sensitive is None:
        return None
    lines = ctx.time_sensitive.lines
    share = len(lines) / f.height
    if share <= float(p["info_share"]):
        return None
    sev = Severity.WARNING if share > float(p["warning_share"]) else Severity.INFO
    return Hit(
        f"{len(lines):,} of {f.height:,} replies ({share:.0%}) state dates, prices, versions or what is "
        "'latest'/'current': knowledge that goes stale, better served by RAG",
        count=len(lines),
        lines=lines,
        value=round(share, 4),
        threshold=p["warning_share"] if sev is Severity.WARNING else p["info_share"],
        severity=sev,
    )


def data_churn(ctx: Context, p: Params) -> Hit | None:
    """How much the data changed since the previous version.

    What it finds:
        The comparison with `--previous FILE`: examples added, removed, changed (same prompt, another reply) and
        unchanged, and the retraining cycles a year that pace implies.

    Why it matters:
        Each change of the data that should reach the model means a retraining run.

    How to fix:
        Nothing to fix: weigh the pace against the cost of retraining (FT610).

    Parameters:
        None.
    """
    c = ctx.churn
    if c is None:
        return None
    per_year = c.projected_updates_per_year
    proj = f"; at this pace about {per_year:g} updates a year" if per_year else ""
    return Hit(
        f"since {c.previous_path}: {c.added:,} added, {c.removed:,} removed, {c.changed:,} changed, "
        f"{c.unchanged:,} unchanged (churn {c.churn_rate:.0%}"
        + (f" in {c.interval_days:g} days" if c.interval_days else "")
        + f"){proj}",
        value=c.churn_rate,
    )
