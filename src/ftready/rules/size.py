"""FT2xx: dataset size and token lengths. The rules read the token statistics and the effective example count."""

from __future__ import annotations

from ftready.model import Severity
from ftready.rules.base import Hit, Params
from ftready.stages.context import Context
from ftready.vocabulary import plural


def _effective_note(ctx: Context) -> str:
    if ctx.effective_examples != ctx.info.examples:
        return (
            f"{ctx.effective_examples:,} effective examples ({ctx.info.examples:,} valid, minus redundant duplicates)"
        )
    return f"{ctx.effective_examples:,} examples"


def dataset_size(ctx: Context, p: Params) -> Hit | None:
    """Too few examples: error below 10, warning below 100, note below 1,000 (effective count after duplicates).

    What it finds:
        Datasets with fewer effective examples than the thresholds: valid examples minus redundant exact and
        near duplicates.

    Why it matters:
        No provider trains on fewer than 10 examples. Fine-tuning needs hundreds to thousands of varied examples
        to change behaviour reliably; with fewer, the model overfits (memorises the examples) and prompting with
        a few examples usually does as well for far less.

    How to fix:
        Collect more varied examples, or start with prompting: put the best examples in the prompt as few-shot
        examples.

    Parameters:
        error_below: an error below this many effective examples.
        warning_below: a warning below this many.
        info_below: a note below this many.
    """
    n = ctx.effective_examples
    if not ctx.info.is_fine_tuning_format:
        return None
    if n < int(p["error_below"]):
        return Hit(
            f"{_effective_note(ctx)}: below the minimum of {p['error_below']} that any provider trains on",
            value=n,
            threshold=p["error_below"],
            severity=Severity.ERROR,
        )
    if n < int(p["warning_below"]):
        return Hit(
            f"{_effective_note(ctx)}: fewer than {p['warning_below']}; fine-tuning needs hundreds to thousands "
            "of examples, fewer overfit — try prompting with few-shot examples first",
            value=n,
            threshold=p["warning_below"],
            severity=Severity.WARNING,
        )
    if n < int(p["info_below"]):
        return Hit(
            f"{_effective_note(ctx)}: enough to start, below the {int(p['info_below']):,} where gains usually "
            "level off",
            value=n,
            threshold=p["info_below"],
            severity=Severity.INFO,
        )
    return None


def over_limit(ctx: Context, p: Params) -> Hit | None:
    """Examples longer than the per-example training limit.

    What it finds:
        Examples with more tokens than the chosen model's per-example limit (65,536 tokens for current OpenAI
        models; set per model in the pricing tables or with --max-example-tokens), and the tokens training
        would cut.

    Why it matters:
        Training truncates (or rejects) examples over the limit. The cut-off part is never learned — often the
        very end of the reply.

    How to fix:
        Shorten or split the long examples, or choose a model with a larger limit.

    Parameters:
        None.
    """
    t = ctx.tokens
    if t is None or t.over_limit == 0:
        return None
    return Hit(
        f"{t.over_limit} examples exceed {t.max_example_tokens:,} tokens and would be truncated "
        f"({t.truncated_tokens:,} tokens cut)",
        count=t.over_limit,
        lines=t.over_limit_lines,
        value=t.over_limit,
        threshold=t.max_example_tokens,
    )


SMALL_FOR_P95 = 20  # below this many examples the longest one pulls the 95th percentile up with it


def length_outliers(ctx: Context, p: Params) -> Hit | None:
    """A few very long examples dominate the token count.

    What it finds:
        Examples more than `ratio_to_p95` times as long as the 95th percentile, with the share of all tokens
        they hold. Below 20 examples the 95th percentile is pulled up by the longest example itself, so the
        median is the baseline there.

    Why it matters:
        When a handful of examples are many times longer than the rest, they dominate training cost and
        gradient updates.

    How to fix:
        Check that they are intended (a pasted log, a repeated phrase) rather than data errors; shorten or drop
        them if not.

    Parameters:
        ratio_to_p95: how many times the 95th percentile makes an example an outlier.
    """
    t = ctx.tokens
    f = ctx.frame
    if t is None or f.height < 2 or t.sampled:
        return None
    ratio = float(p["ratio_to_p95"])
    small = f.height < SMALL_FOR_P95
    base, name = (t.per_example.p50, "median") if small else (t.per_example.p95, "95th percentile")
    limit = max(base * ratio, 1.0)
    out = f.filter(f["tokens"] > limit)
    if out.height == 0:
        return None
    share = float(out["tokens"].sum()) / max(t.total, 1)
    return Hit(
        f"{plural(out.height, 'example')} {'is' if out.height == 1 else 'are'} over {ratio:g}× the {name} "
        f"({base:,.0f} tokens) and hold{'s' if out.height == 1 else ''} {share:.0%} of all tokens; longest "
        f"{t.per_example.max:,.0f}",
        count=out.height,
        lines=out["line"].to_list(),
        value=round(share, 4),
        threshold=p["ratio_to_p95"],
    )


def approximate_tokens(ctx: Context, p: Params) -> Hit | None:
    """Token counts are approximate.

    What it finds:
        Runs whose token counts are not the chosen model's own: its encoding is not available offline, or
        --fast estimated the totals from a sample.

    Why it matters:
        Costs and limits rest on token counts; approximate counts make them approximate too. Both cases are
        stated with the figures.

    How to fix:
        Install the package that ships the model's encoding, or run without --fast before a training run.

    Parameters:
        None.
    """
    t = ctx.tokens
    if t is None or not t.approximate:
        return None
    return Hit(t.approximate_reason or "token counts are approximate")
