"""The RAG alternative's fixed costs: embedding the corpus, re-embedding, storage and the vector store."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ftready.costs.inputs import DAYS_PER_MONTH
from ftready.humanize import UNKNOWN_PRICE as UNKNOWN
from ftready.humanize import count, money, unit_price
from ftready.model.costs import Assumptions
from ftready.pricing import RagTable, VectorStore


@dataclass(frozen=True, slots=True)
class RagFixed:
    """The RAG figures that do not depend on the model, with their arithmetic."""

    embedding: str
    vector_store: str
    corpus_tokens: int
    changed_share: float
    changed_share_source: str
    chunks: int
    storage_gb: float | None
    embedding_once: float | None
    reembedding_per_year: float | None
    vector_store_per_month: float | None
    warnings: tuple[str, ...]
    embedding_once_text: str
    reembedding_per_year_text: str
    storage_gb_text: str | None
    vector_store_per_month_text: str


# ---------------------------------------------------------------------------------------------------------------
# RAG


def rag_fixed_costs(rag: RagTable, a: Assumptions) -> RagFixed:
    """The RAG figures that do not depend on the model: embedding, re-embedding and the vector store."""
    cur = rag.currency
    emb = rag.embeddings[a.rag_embedding or rag.default_embedding]
    corpus = a.rag_corpus_tokens
    share = float(a.rag_changed_share)
    updates = float(a.updates_per_year)
    hours = float(a.rag_store_hours_per_month)
    requests = float(a.requests_per_month)
    warnings: list[str] = []
    arithmetic: dict[str, str] = {}

    once: float | None = None
    reembed: float | None = None
    if emb.per_1m is None:
        arithmetic["embedding_once"] = f"{UNKNOWN}: {emb.name} price is null"
        arithmetic["reembedding_per_year"] = arithmetic["embedding_once"]
        warnings.append(f"unknown price: embedding {emb.name}")
    else:
        once = corpus / 1e6 * emb.per_1m
        arithmetic["embedding_once"] = f"{corpus:,} tokens × {unit_price(emb.per_1m, cur, '1M')} = {money(once, cur)}"
        reembed = updates * share * corpus / 1e6 * emb.per_1m
        arithmetic["reembedding_per_year"] = (
            f"{count(updates)} updates/year × {share:.0%} changed × {corpus:,} tokens × "
            f"{unit_price(emb.per_1m, cur, '1M')} = {money(reembed, cur)}"
        )

    chunks = math.ceil(corpus / rag.chunk_tokens) if corpus > 0 else 0
    gb: float | None = None
    if emb.dims is not None:
        per_vector = emb.dims * 4 + rag.chunk_tokens * rag.text_bytes_per_token
        gb = chunks * per_vector / 1e9
        arithmetic["storage_gb"] = (
            f"{chunks:,} chunks of {rag.chunk_tokens} tokens × ({emb.dims} dims × 4 bytes + "
            f"{rag.chunk_tokens} × {count(rag.text_bytes_per_token)} bytes of text) = {gb:,.4f} GB"
        )
    if a.rag_vector_store:
        store = rag.vector_stores[a.rag_vector_store]
        store_cost, store_text = _vector_store_cost(store, gb, hours, requests, cur)
    else:  # sized to the corpus: the cheapest store with a known price (table order breaks ties)
        priced = [(st, *_vector_store_cost(st, gb, hours, requests, cur)) for st in rag.vector_stores.values()]
        known = [p for p in priced if p[1] is not None]
        store, store_cost, store_text = min(known, key=lambda p: p[1] or 0.0) if known else priced[0]
        store_text += f" (the cheapest of {len(rag.vector_stores)} stores for this corpus)"
    arithmetic["vector_store_per_month"] = store_text
    if store_cost is None:
        warnings.append(f"unknown price: vector store {store.name}")
    return RagFixed(
        embedding=emb.name,
        vector_store=store.name,
        corpus_tokens=corpus,
        changed_share=share,
        changed_share_source=a.rag_changed_share_source,
        chunks=chunks,
        storage_gb=None if gb is None else round(gb, 6),
        embedding_once=once,
        reembedding_per_year=reembed,
        vector_store_per_month=store_cost,
        warnings=tuple(warnings),
        embedding_once_text=arithmetic["embedding_once"],
        reembedding_per_year_text=arithmetic["reembedding_per_year"],
        storage_gb_text=arithmetic.get("storage_gb"),
        vector_store_per_month_text=arithmetic["vector_store_per_month"],
    )


def _vector_store_cost(
    s: VectorStore, gb: float | None, hours: float, requests: float, cur: str
) -> tuple[float | None, str]:
    if s.unknown:
        return None, f"{UNKNOWN}: {', '.join(s.unknown)} of {s.name} is null"
    parts: list[str] = []
    total = 0.0
    if s.per_month is not None:
        total += s.per_month
        parts.append(f"{money(s.per_month, cur)}/month")
    if s.per_hour is not None:
        total += s.per_hour * hours
        parts.append(f"{unit_price(s.per_hour, cur, 'h')} × {count(hours)} h")
    if s.storage_per_gb_month is not None or s.storage_per_gb_day is not None:
        if gb is None:
            return None, f"{UNKNOWN}: storage size unknown (the embedding's dims are not in the table)"
        billable = max(0.0, gb - s.free_gb)
        if s.storage_per_gb_month is not None:
            total += billable * s.storage_per_gb_month
            parts.append(f"{billable:,.4f} GB × {unit_price(s.storage_per_gb_month, cur, 'GB-month')}")
        if s.storage_per_gb_day is not None:
            total += billable * s.storage_per_gb_day * DAYS_PER_MONTH
            parts.append(
                f"{billable:,.4f} GB × {unit_price(s.storage_per_gb_day, cur, 'GB-day')} × {DAYS_PER_MONTH:.2f} days"
            )
    if s.read_units_per_1m is not None and s.read_units_per_query is not None:
        total += requests * s.read_units_per_query * s.read_units_per_1m / 1e6
        parts.append(
            f"{count(requests)} queries × {count(s.read_units_per_query) if s.read_units_per_query >= 1 else s.read_units_per_query} "
            f"read units × {unit_price(s.read_units_per_1m, cur, '1M units')}"
        )
    if s.per_1k_queries is not None:
        total += requests * s.per_1k_queries / 1000
        parts.append(f"{count(requests)} queries × {unit_price(s.per_1k_queries, cur, '1k queries')}")
    text = " + ".join(parts) or "no charge"
    text += f" = {money(total, cur)}"
    if s.monthly_minimum is not None and total < s.monthly_minimum:
        total = s.monthly_minimum
        text += f"; monthly minimum {money(s.monthly_minimum, cur)} applies → {money(total, cur)}"
    return total, text
