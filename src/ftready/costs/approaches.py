"""Three approaches side by side: fine-tune, RAG and prompting over the horizon, their cumulative curves and the break-even."""

from __future__ import annotations

from ftready.costs.inputs import CostInputs, _r
from ftready.humanize import UNKNOWN_PRICE as UNKNOWN
from ftready.humanize import count, money, unit_price
from ftready.model.costs import Approach, Approaches, Assumptions, BreakEven, CostOption, PromptingApproach, RagSection

# ---------------------------------------------------------------------------------------------------------------
# Three approaches side by side


def compare_approaches(
    inputs: CostInputs, a: Assumptions, chosen: CostOption | None, rag: RagSection | None
) -> Approaches:
    """`fine-tune`, `rag` and `prompting` over the horizon, each with a total, a monthly figure and its arithmetic,
    and the traffic at which fine-tuning becomes cheaper than prompting.

    prompting per month = requests × ((prompt tokens + k × example tokens) × base input price + reply tokens ×
    base output price) / 1M, on the chosen option's base model; the k few-shot examples are measured from the data.
    """
    horizon = a.horizon_months
    cur = chosen.currency if chosen is not None else "USD"
    k = a.few_shot_k
    n = len(inputs.example_tokens) or max(1, inputs.effective_examples)
    per_example = inputs.total_tokens / n if n else 0.0
    shots = k * per_example
    requests, prompt, reply = float(a.requests_per_month), float(a.prompt_tokens), float(a.reply_tokens)
    base = chosen.base_prices if chosen is not None else None
    per_request: float | None = None
    total: float | None = None
    monthly: float | None = None
    arithmetic = f"{UNKNOWN}: the base model's token prices are null"
    if base is not None and base.input is not None and base.output is not None:
        per_request = ((prompt + shots) * base.input + reply * base.output) / 1e6
        monthly = requests * per_request
        total = monthly * horizon
        arithmetic = (
            f"{horizon} × {count(requests)} requests × (({count(prompt)} prompt tokens + {k} examples × "
            f"{count(round(per_example, 1))} tokens) × {unit_price(base.input, cur, '1M')} + {count(reply)} "
            f"reply tokens × {unit_price(base.output, cur, '1M')}) = {money(total, cur)}"
        )
    months = range(horizon + 1)
    shown = _r(monthly)  # the curve is drawn from the monthly figure the report shows
    prompting_curve = None if shown is None else tuple(round(shown * m, 4) for m in months)
    prompting = PromptingApproach(
        option=f"{chosen.key} base model" if chosen else None,
        few_shot_k=k,
        few_shot_tokens=round(shots, 1),
        first_year_total=_r(total),
        monthly=_r(monthly),
        arithmetic=arithmetic,
        per_request=per_request,
        cumulative=prompting_curve,
    )
    fine_tune = _fine_tune(chosen, horizon)
    cheaper = None
    if fine_tune.cumulative is not None and prompting_curve is not None:
        ft_curve = fine_tune.cumulative
        cheaper = next((m for m in months if m and ft_curve[m] <= prompting_curve[m]), None)
    return Approaches(
        horizon_months=horizon,
        fine_tune=fine_tune,
        rag=_rag(rag, horizon),
        prompting=prompting,
        break_even_requests_per_month=_break_even(chosen, per_request, requests, horizon),
        fine_tune_cheaper_than_prompting_from_month=cheaper,
    )


def _fine_tune(chosen: CostOption | None, horizon: int) -> Approach:
    """The chosen option's total, monthly figure and cumulative curve:

    fine-tune at month m = first training + training per run × cycles up to m + monthly × min(m, served months)
    """
    if chosen is None:
        return Approach(None, None, None, "no ready option", None)
    curve: tuple[float, ...] | None = None
    run = chosen.training_per_run
    if chosen.first_year_total is not None and run is not None:
        monthly = chosen.monthly_total or 0.0
        served, cycles = float(chosen.served_months or horizon), chosen.retrain_months
        curve = tuple(
            round(run * (1 + sum(1 for c in cycles if c <= m)) + monthly * min(float(m), served), 4)
            for m in range(horizon + 1)
        )
    return Approach(
        chosen.key, chosen.first_year_total, chosen.monthly_total, chosen.arithmetic.first_year_total, curve
    )


def _rag(rag: RagSection | None, horizon: int) -> Approach:
    """The RAG alternative's total, monthly figure and cumulative curve:

    rag at month m = embedding + re-embedding per year × m / 12 + m × (vector store + inference)
    """
    if rag is None:
        return Approach(None, None, None, "no RAG tables", None)
    monthly = rag.monthly
    curve: tuple[float, ...] | None = None
    if rag.first_year_total is not None and monthly is not None:
        once, yearly = rag.embedding_once or 0.0, rag.reembedding_per_year or 0.0
        curve = tuple(round(once + yearly * m / 12 + monthly * m, 4) for m in range(horizon + 1))
    return Approach(
        f"{rag.embedding} + {rag.vector_store}", rag.first_year_total, monthly, rag.arithmetic.first_year_total, curve
    )


def _break_even(
    chosen: CostOption | None, per_request: float | None, requests: float, horizon: int
) -> BreakEven | None:
    """Requests per month above which fine-tuning costs less than prompting over the horizon (hosting and
    training as fixed costs, inference per request; replicas as at the assumed traffic)."""
    if chosen is None or per_request is None or chosen.first_year_total is None:
        return None
    months = max(chosen.served_months or horizon, 1e-9)
    fixed = (chosen.training_per_run or 0.0) + (chosen.retraining_per_year or 0.0)
    fixed_monthly = fixed / months + (chosen.hosting_per_month or 0.0)
    ft_per_request = (chosen.inference_per_month or 0.0) / requests if requests else 0.0
    gap = per_request - ft_per_request
    if gap <= 0:
        return BreakEven(None, "fine-tuning never costs less per request than prompting")
    r = fixed_monthly / gap
    return BreakEven(
        round(r),
        f"{money(fixed_monthly, chosen.currency)}/month fixed (training over "
        f"{months:.1f} months + hosting) / {gap * 1e6:,.2f} per 1M requests saved = {count(round(r))} requests/month",
    )
