"""Every option of the price book, the chosen one and the RAG section: the `costs` section of the report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from ftready.costs.approaches import compare_approaches
from ftready.costs.inputs import CostInputs, _r, next_update, resolve_assumptions
from ftready.costs.option import option, pick_rate
from ftready.costs.rag import RagFixed, rag_fixed_costs
from ftready.errors import UsageError
from ftready.humanize import UNKNOWN_PRICE as UNKNOWN
from ftready.model.costs import Assumptions, CostOption, CostsSection, RagArithmetic, RagSection
from ftready.pricing import ModelPrice, PriceBook, RagTable

# ---------------------------------------------------------------------------------------------------------------
# The whole comparison


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


def estimate(inputs: CostInputs, book: PriceBook, assumptions: Mapping[str, object]) -> CostsSection:
    """The `costs` section of the JSON report: every option (or the chosen model), the RAG alternative, and the
    pick. Options are sorted by first-year total, unknown totals last."""
    a = resolve_assumptions(inputs, assumptions, book.rag)
    wanted = a.model
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
        if found is not None or pick_rate(m, a.method, a.rate_key) is not None
    ]
    options.sort(
        key=lambda o: (
            o.lifecycle_status in ("retired", "training-closed"),
            o.first_year_total is None,
            not o.ready,
            o.first_year_total or 0.0,
            o.provider,
            o.model,
        )
    )
    # The chosen model is the one asked for; otherwise the cheapest ready one (known total, not deprecated, no
    # lifecycle problem before the next update).
    pick = options[0] if found is not None and options else next((o for o in options if o.ready), None)
    chosen: CostOption | None = None
    if pick is not None:
        chosen = replace(pick, chosen=True)
        options = [chosen if o is pick else o for o in options]
    currencies = sorted({o.currency for o in options} | ({book.rag.currency} if book.rag else set()))
    rag_section = _rag_section(rag_fixed, book.rag, chosen or (options[0] if options else None), a, inputs.today)
    nxt = next_update(inputs.today, float(a.updates_per_year))
    return CostsSection(
        currency=currencies[0] if len(currencies) == 1 else "mixed",
        today=inputs.today.isoformat(),
        next_update=nxt.isoformat() if nxt else None,
        stale_after_days=a.stale_after_days,
        assumptions=a,
        requested_model=wanted,
        options=tuple(options),
        rag=rag_section,
        chosen=chosen,
        approaches=compare_approaches(inputs, a, chosen, rag_section),
        horizon_months=a.horizon_months,
        pricing_files=tuple(book.files),
        notes=(),
    )


def _rag_section(
    fixed: RagFixed | None, rag: RagTable | None, ref: CostOption | None, a: Assumptions, today: date
) -> RagSection | None:
    if fixed is None or rag is None:
        return None
    warnings = list(fixed.warnings)
    age = (today - rag.as_of).days
    if age > a.stale_after_days:
        warnings.append(f"RAG prices are {age} days old (as of {rag.as_of_text})")
    return RagSection(
        embedding=fixed.embedding,
        vector_store=fixed.vector_store,
        corpus_tokens=fixed.corpus_tokens,
        changed_share=fixed.changed_share,
        changed_share_source=fixed.changed_share_source,
        chunks=fixed.chunks,
        storage_gb=fixed.storage_gb,
        embedding_once=_r(fixed.embedding_once),
        reembedding_per_year=_r(fixed.reembedding_per_year),
        vector_store_per_month=_r(fixed.vector_store_per_month),
        context_tokens=a.rag_context_tokens,
        as_of=rag.as_of_text,
        age_days=age,
        provider=ref.provider if ref else None,
        model=ref.model if ref else None,
        inference_per_month=ref.rag_inference_per_month if ref else None,
        first_year_total=ref.rag_first_year_total if ref else None,
        warnings=tuple(warnings),
        arithmetic=RagArithmetic(
            embedding_once=fixed.embedding_once_text,
            reembedding_per_year=fixed.reembedding_per_year_text,
            storage_gb=fixed.storage_gb_text,
            vector_store_per_month=fixed.vector_store_per_month_text,
            first_year_total=ref.arithmetic.rag_first_year_total if ref else f"{UNKNOWN}: no model",
        ),
    )
