"""Every option of the price book, the chosen one and the RAG section: the `costs` section of the report."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ftready.costs.approaches import compare_approaches
from ftready.costs.inputs import CostInputs, _r, next_update, resolve_assumptions
from ftready.costs.option import option, pick_rate
from ftready.costs.rag import rag_fixed_costs
from ftready.errors import UsageError
from ftready.humanize import UNKNOWN_PRICE as UNKNOWN
from ftready.pricing import ModelPrice, PriceBook, RagTable

# ---------------------------------------------------------------------------------------------------------------
# The whole comparison


def _ready(o: Mapping[str, Any]) -> bool:
    """Chosen only when its total is known, the provider is not deprecated, it is available (a table with no
    lifecycle data counts as available) and nothing in its lifecycle closes inside the horizon."""
    return (
        o["first_year_total"] is not None
        and o["status"] != "deprecated"
        and o["lifecycle_status"] in ("available", None)
        and not o["lifecycle_issue"]
    )


def closest_ids(wanted: str, book: PriceBook, n: int = 5) -> list[str]:
    """The model keys nearest to `wanted` (for an unknown --model)."""
    import difflib

    keys = [m.key for m in book.models]
    low = wanted.lower()
    by_key = {k.lower(): k for k in keys}
    by_model = {m.model.lower(): m.key for m in book.models}
    hits = difflib.get_close_matches(low, list(by_key), n=n, cutoff=0.3)
    hits += [by_model[x].lower() for x in difflib.get_close_matches(low, list(by_model), n=n, cutoff=0.3)]
    out = list(dict.fromkeys(by_key[h] for h in hits))
    if not out:
        out = [k for k in keys if low.split("/")[-1][:4] in k.lower()]
    return out[:n]


def estimate(inputs: CostInputs, book: PriceBook, assumptions: Mapping[str, Any]) -> dict[str, Any]:
    """The `costs` section of the JSON report: every option (or the chosen model), the RAG alternative, and the
    pick. Options are sorted by first-year total, unknown totals last."""
    a = resolve_assumptions(inputs, assumptions, book.rag)
    notes: list[str] = []
    wanted = a["model"]
    models: tuple[ModelPrice, ...] = book.models
    found: ModelPrice | None = None
    if wanted:
        found = book.find(wanted)
        if found is None:
            near = closest_ids(wanted, book)
            raise UsageError(
                f"--model {wanted}: not in the pricing tables"
                + (f"; closest: {', '.join(near)}" if near else "")
                + " (ftready pricing list shows every model)"
            )
        models = (found,)
    rag_fixed = rag_fixed_costs(book.rag, a) if book.rag is not None else None
    options = [
        option(m, inputs, a, rag_fixed)
        for m in models
        if found is not None or pick_rate(m, a["method"], a.get("rate_key")) is not None
    ]
    options.sort(
        key=lambda o: (
            o["lifecycle_status"] in ("retired", "training-closed"),
            o["first_year_total"] is None,
            not _ready(o),
            o["first_year_total"] or 0.0,
            o["provider"],
            o["model"],
        )
    )
    # The chosen model is the one asked for; otherwise the cheapest ready one (known total, not deprecated, no
    # lifecycle problem before the next update).
    chosen = options[0] if found is not None and options else next((o for o in options if _ready(o)), None)
    if chosen is not None:
        chosen["chosen"] = True
    currencies = sorted({o["currency"] for o in options} | ({book.rag.currency} if book.rag else set()))
    rag_section = _rag_section(rag_fixed, book.rag, chosen or (options[0] if options else None), a, inputs.today)
    nxt = next_update(inputs.today, float(a["updates_per_year"]))
    approaches = compare_approaches(inputs, a, chosen, rag_section)
    return {
        "currency": currencies[0] if len(currencies) == 1 else "mixed",
        "today": inputs.today.isoformat(),
        "next_update": nxt.isoformat() if nxt else None,
        "stale_after_days": a["stale_after_days"],
        "assumptions": {k: a[k] for k in sorted(a)},
        "requested_model": wanted,
        "model_not_found": wanted if wanted and found is None else None,
        "options": options,
        "rag": rag_section,
        "chosen": chosen,
        "approaches": approaches,
        "horizon_months": a["horizon_months"],
        "pricing_files": list(book.files),
        "notes": notes,
    }


def _rag_section(
    fixed: Mapping[str, Any] | None,
    rag: RagTable | None,
    ref: Mapping[str, Any] | None,
    a: Mapping[str, Any],
    today: date,
) -> dict[str, Any] | None:
    if fixed is None or rag is None:
        return None
    warnings = list(fixed["warnings"])
    age = (today - rag.as_of).days
    if age > int(a["stale_after_days"]):
        warnings.append(f"RAG prices are {age} days old (as of {rag.as_of_text})")
    out = {
        **{k: v for k, v in fixed.items() if k not in ("warnings", "arithmetic")},
        "embedding_once": _r(fixed["embedding_once"]),
        "reembedding_per_year": _r(fixed["reembedding_per_year"]),
        "vector_store_per_month": _r(fixed["vector_store_per_month"]),
        "context_tokens": a["rag_context_tokens"],
        "as_of": rag.as_of_text,
        "age_days": age,
        "provider": ref["provider"] if ref else None,
        "model": ref["model"] if ref else None,
        "inference_per_month": ref["rag_inference_per_month"] if ref else None,
        "first_year_total": ref["rag_first_year_total"] if ref else None,
        "warnings": warnings,
        "arithmetic": {
            **fixed["arithmetic"],
            "first_year_total": ref["arithmetic"]["rag_first_year_total"] if ref else f"{UNKNOWN}: no model",
        },
    }
    return out
