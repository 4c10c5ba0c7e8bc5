"""The costs stage: the cost inputs from the dataset (token counts, effective examples, measured churn), the price
book, and the cost model's result (ftready.costs.estimate) as the `costs` section. The FT7xx rules read it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np

from ftready.costs import CostInputs, estimate, tokens_at_limit_from_counts
from ftready.io import today
from ftready.model.costs import CostsSection
from ftready.pricing import load_pricebook
from ftready.stages.base import TOKENS, Stage
from ftready.stages.context import Context


def _mean(values: np.ndarray) -> float:
    arr = np.asarray(values, dtype=np.float64)
    arr = arr[~np.isnan(arr)]
    return float(arr.mean()) if arr.size else 0.0


def inputs_from_context(ctx: Context, on: date | None = None) -> CostInputs:
    """CostInputs from the token counts of the frame (and of the validation frame), the effective example count
    and the measured churn."""
    frame = ctx.frame
    tok = frame["tokens"].cast(float).to_numpy() if "tokens" in frame.columns else np.zeros(0)
    rep = frame["response_tokens"].cast(float).to_numpy() if "response_tokens" in frame.columns else np.zeros(0)
    known = tok[~np.isnan(tok)].astype(np.int64)
    t = ctx.tokens
    total = int(t.total) if t is not None else int(known.sum())
    at = tokens_at_limit_from_counts(known.tolist())
    tokens_at_limit: Callable[[int], int] = at
    if t is not None and t.sampled:
        # --fast: the total is estimated from a sample, and every example that could exceed the counting limit
        # was counted exactly, so the tokens cut at a limit are those of the counted examples (approximate for a
        # model whose limit is below the counting limit).
        known_sum = int(known.sum())

        def tokens_at_limit(limit: int) -> int:
            return max(0, total - (known_sum - at(limit)))

    validation = 0
    if ctx.validation is not None and "tokens" in ctx.validation.columns:
        validation = int(ctx.validation["tokens"].fill_null(0).sum())
    churn = ctx.churn
    share = None
    projected = None
    if churn is not None:
        p = churn.projected_updates_per_year
        projected = float(p) if p is not None else None
        if 0 <= churn.churn_rate <= 1:
            share = float(churn.churn_rate)
    return CostInputs(
        effective_examples=int(ctx.effective_examples),
        total_tokens=total,
        today=today(on),
        tokens_at_limit=tokens_at_limit,
        validation_tokens=validation,
        prompt_tokens=_mean(tok - rep) if tok.size else 0.0,
        reply_tokens=_mean(rep),
        corpus_tokens=total,
        churn_share=share,
        projected_updates_per_year=projected,
    )


def stage(ctx: Context, on: date | None = None) -> CostsSection:
    """The `costs` section of the report (see ftready.costs.estimate)."""
    inputs = inputs_from_context(ctx, on)
    book = load_pricebook(ctx.settings.pricing_dirs)
    return estimate(inputs, book, ctx.settings.assumptions)


def run(ctx: Context) -> CostsSection:
    return stage(ctx)


STAGE = Stage("costs", run, needs=(TOKENS, "churn"))
