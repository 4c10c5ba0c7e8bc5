"""Three approaches side by side: fine-tune, RAG and prompting over the horizon, their cumulative curves and the break-even."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ftready.costs.inputs import CostInputs, _r
from ftready.humanize import UNKNOWN_PRICE as UNKNOWN
from ftready.humanize import count, money, unit_price

# ---------------------------------------------------------------------------------------------------------------
# Three approaches side by side


def compare_approaches(
    inputs: CostInputs, a: Mapping[str, Any], chosen: Mapping[str, Any] | None, rag: Mapping[str, Any] | None
) -> dict[str, Any]:
    """`fine-tune`, `rag` and `prompting` over the horizon, each with a total, a monthly figure and its arithmetic,
    and the traffic at which fine-tuning becomes cheaper than prompting.

    prompting per month = requests × ((prompt tokens + k × example tokens) × base input price + reply tokens ×
    base output price) / 1M, on the chosen option's base model; the k few-shot examples are measured from the data.
    """
    horizon = int(a["horizon_months"])
    cur = (chosen or {}).get("currency", "USD")
    out: dict[str, Any] = {"horizon_months": horizon}
    if chosen is not None:
        out["fine-tune"] = {
            "option": chosen["key"],
            "first_year_total": chosen["first_year_total"],
            "monthly": chosen["monthly_total"],
            "arithmetic": chosen["arithmetic"]["first_year_total"],
        }
    else:
        out["fine-tune"] = {"option": None, "first_year_total": None, "monthly": None, "arithmetic": "no ready option"}
    if rag is not None:
        store, inf = rag.get("vector_store_per_month"), rag.get("inference_per_month")
        out["rag"] = {
            "option": f"{rag.get('embedding')} + {rag.get('vector_store')}",
            "first_year_total": rag.get("first_year_total"),
            "monthly": None if store is None or inf is None else round(store + inf, 2),
            "arithmetic": rag["arithmetic"]["first_year_total"],
        }
    else:
        out["rag"] = {"option": None, "first_year_total": None, "monthly": None, "arithmetic": "no RAG tables"}
    k = int(a["few_shot_k"])
    n = len(inputs.example_tokens) or max(1, inputs.effective_examples)
    per_example = inputs.total_tokens / n if n else 0.0
    shots = k * per_example
    requests, prompt, reply = float(a["requests_per_month"]), float(a["prompt_tokens"]), float(a["reply_tokens"])
    base = None
    if chosen is not None:
        base = chosen.get("base_prices")
    prompting: dict[str, Any] = {
        "option": f"{chosen['key']} base model" if chosen else None,
        "few_shot_k": k,
        "few_shot_tokens": round(shots, 1),
        "first_year_total": None,
        "monthly": None,
        "arithmetic": f"{UNKNOWN}: the base model's token prices are null",
    }
    if base is not None and base.get("input") is not None and base.get("output") is not None:
        per_request = ((prompt + shots) * base["input"] + reply * base["output"]) / 1e6
        monthly = requests * per_request
        total = monthly * horizon
        prompting.update(
            first_year_total=_r(total),
            monthly=_r(monthly),
            arithmetic=(
                f"{horizon} × {count(requests)} requests × (({count(prompt)} prompt tokens + {k} examples × "
                f"{count(round(per_example, 1))} tokens) × {unit_price(base['input'], cur, '1M')} + {count(reply)} "
                f"reply tokens × {unit_price(base['output'], cur, '1M')}) = {money(total, cur)}"
            ),
        )
        prompting["per_request"] = per_request
    out["prompting"] = prompting
    out["break_even_requests_per_month"] = _break_even(chosen, prompting, requests, horizon)
    _cumulative(out, chosen, rag, horizon)
    return out


def _cumulative(
    out: dict[str, Any], chosen: Mapping[str, Any] | None, rag: Mapping[str, Any] | None, horizon: int
) -> None:
    """Each approach's `cumulative` cost at the end of months 0..horizon (None when its total is unknown), and the
    first month at whose end fine-tuning has cost no more than prompting.

    fine-tune at month m = first training + training per run × cycles up to m + monthly × min(m, served months)
    rag at month m       = embedding + re-embedding per year × m / 12 + m × (vector store + inference)
    prompting at month m = m × monthly
    Each curve ends at its approach's `first_year_total`.
    """
    months = range(horizon + 1)
    ft = out["fine-tune"]
    curve: list[float | None] | None = None
    if chosen is not None and ft["first_year_total"] is not None and chosen.get("training_per_run") is not None:
        run, monthly = chosen["training_per_run"], chosen["monthly_total"] or 0.0
        served, cycles = float(chosen.get("served_months") or horizon), chosen.get("retrain_months") or []
        curve = [_r(run * (1 + sum(1 for c in cycles if c <= m)) + monthly * min(float(m), served)) for m in months]
    ft["cumulative"] = curve
    curve = None
    if rag is not None and out["rag"]["first_year_total"] is not None and out["rag"]["monthly"] is not None:
        once, yearly = rag.get("embedding_once") or 0.0, rag.get("reembedding_per_year") or 0.0
        curve = [_r(once + yearly * m / 12 + out["rag"]["monthly"] * m) for m in months]
    out["rag"]["cumulative"] = curve
    pr = out["prompting"]
    pr["cumulative"] = None if pr["monthly"] is None else [_r(pr["monthly"] * m) for m in months]
    cheaper = None
    if ft["cumulative"] is not None and pr["cumulative"] is not None:
        cheaper = next((m for m in months if m and ft["cumulative"][m] <= pr["cumulative"][m]), None)
    out["fine_tune_cheaper_than_prompting_from_month"] = cheaper


def _break_even(
    chosen: Mapping[str, Any] | None, prompting: Mapping[str, Any], requests: float, horizon: int
) -> dict[str, Any] | None:
    """Requests per month above which fine-tuning costs less than prompting over the horizon (hosting and
    training as fixed costs, inference per request; replicas as at the assumed traffic)."""
    if chosen is None or prompting.get("per_request") is None or chosen.get("first_year_total") is None:
        return None
    months = max(chosen.get("served_months") or horizon, 1e-9)
    fixed = (chosen["training_per_run"] or 0.0) + (chosen["retraining_per_year"] or 0.0)
    fixed_monthly = fixed / months + (chosen["hosting_per_month"] or 0.0)
    ft_per_request = (chosen["inference_per_month"] or 0.0) / requests if requests else 0.0
    gap = prompting["per_request"] - ft_per_request
    if gap <= 0:
        return {"requests_per_month": None, "text": "fine-tuning never costs less per request than prompting"}
    r = fixed_monthly / gap
    return {
        "requests_per_month": round(r),
        "text": (
            f"{money(fixed_monthly, chosen.get('currency', 'USD'))}/month fixed (training over "
            f"{months:.1f} months + hosting) / {gap * 1e6:,.2f} per 1M requests saved = {count(round(r))} requests/month"
        ),
    }
