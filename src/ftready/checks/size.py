"""FT2xx: dataset size and token lengths."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ftready.checks.context import Context
from ftready.checks.registry import check, spec
from ftready.model import Finding, Severity


def _effective_note(ctx: Context) -> str:
    if ctx.effective_examples != ctx.info.examples:
        return (
            f"{ctx.effective_examples:,} effective examples ({ctx.info.examples:,} valid, minus redundant duplicates)"
        )
    return f"{ctx.effective_examples:,} examples"


@check(
    "FT201",
    "dataset-size",
    Severity.ERROR,
    "Too few examples: error below 10, warning below 100, note below 1,000 (effective count after duplicates).",
    "No provider trains on fewer than 10 examples. Fine-tuning needs hundreds to thousands of varied examples to "
    "change behaviour reliably; with fewer, the model overfits (memorises the examples) and prompting with a few "
    "examples usually does as well for far less. The count used is the effective one: valid examples minus "
    "redundant exact and near duplicates.",
    params={"error_below": 10, "warning_below": 100, "info_below": 1000},
)
def dataset_size(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    n = ctx.effective_examples
    s = spec("FT201")
    if not ctx.info.is_fine_tuning_format:
        return None
    if n < p["error_below"]:
        return s.make(
            f"{_effective_note(ctx)}: below the minimum of {p['error_below']} that any provider trains on",
            value=n,
            threshold=p["error_below"],
            severity=Severity.ERROR,
        )
    if n < p["warning_below"]:
        return s.make(
            f"{_effective_note(ctx)}: fewer than {p['warning_below']}; fine-tuning needs hundreds to thousands "
            "of examples, fewer overfit — try prompting with few-shot examples first",
            value=n,
            threshold=p["warning_below"],
            severity=Severity.WARNING,
        )
    if n < p["info_below"]:
        return s.make(
            f"{_effective_note(ctx)}: enough to start, below the {p['info_below']:,} where gains usually level off",
            value=n,
            threshold=p["info_below"],
            severity=Severity.INFO,
        )
    return None


@check(
    "FT210",
    "over-token-limit",
    Severity.WARNING,
    "Examples longer than the per-example training limit.",
    "Training truncates (or rejects) examples longer than the model's per-example limit (65,536 tokens for "
    "current OpenAI models; set per model in the pricing tables or with --max-example-tokens). The cut-off part "
    "is never learned — often the very end of the reply.",
)
def over_limit(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    t = ctx.tokens
    if t is None or t.over_limit == 0:
        return None
    return spec("FT210").make(
        f"{t.over_limit} examples exceed {t.max_example_tokens:,} tokens and would be truncated "
        f"({t.truncated_tokens:,} tokens cut)",
        count=t.over_limit,
        lines=t.over_limit_lines,
        value=t.over_limit,
        threshold=t.max_example_tokens,
    )


@check(
    "FT211",
    "length-outliers",
    Severity.INFO,
    "A few very long examples dominate the token count.",
    "When a handful of examples are many times longer than the rest, they dominate training cost and gradient "
    "updates. Check that they are intended (a pasted log, a repeated phrase) rather than data errors.",
    params={"ratio_to_p95": 10.0},
)
def length_outliers(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    t = ctx.tokens
    f = ctx.frame
    if t is None or f.height < 2 or t.sampled:
        return None
    limit = max(t.per_example.p95 * p["ratio_to_p95"], 1.0)
    out = f.filter(f["tokens"] > limit)
    if out.height == 0:
        return None
    share = float(out["tokens"].sum()) / max(t.total, 1)
    return spec("FT211").make(
        f"{out.height} examples are over {p['ratio_to_p95']:g}× the 95th percentile ({t.per_example.p95:,.0f} "
        f"tokens) and hold {share:.0%} of all tokens; longest {t.per_example.max:,.0f}",
        count=out.height,
        lines=out["line"].to_list(),
        value=round(share, 4),
        threshold=p["ratio_to_p95"],
    )


@check(
    "FT212",
    "approximate-tokens",
    Severity.INFO,
    "Token counts are approximate.",
    "ftready counts tokens offline. When the model's own encoding is not available offline it counts with the "
    "bundled cl100k_base, and with --fast it estimates totals from a sample; both are stated with the figures.",
)
def approximate_tokens(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    t = ctx.tokens
    if t is None or not t.approximate:
        return None
    return spec("FT212").make(t.approximate_reason or "token counts are approximate")
