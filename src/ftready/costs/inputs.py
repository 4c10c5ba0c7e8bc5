"""Cost inputs and assumptions: what the estimate is computed from, resolved once per run."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ftready.errors import UsageError
from ftready.humanize import count
from ftready.model.costs import Assumptions
from ftready.pricing import METHODS, RagTable
from ftready.settings import ASSUMPTION_DEFAULTS

DEFAULT_CHANGED_SHARE = 0.2
DAYS_PER_MONTH = 365 / 12
DEFAULT_UPDATES_PER_YEAR = 4  # retraining cycles a year when neither the user nor measured churn says otherwise
# The rate picked for a method when `rate_key` is not set or the model lacks it: the first key that exists.
RATE_PREFERENCE = ("", "_lora", "_global", "_full", "_qlora", "_regional", "_datazone", "_developer")


@dataclass(frozen=True, kw_only=True)
class CostInputs:
    """What the cost model needs to know about the dataset."""

    effective_examples: int  # examples after removing redundant duplicates (drives the `auto` epochs)
    total_tokens: int  # tokens of the training file, every example counted whole
    today: date
    example_tokens: Sequence[int] = ()  # per-example token counts, to cap each at a model's limit
    tokens_at_limit: Callable[[int], int] | None = field(default=None, compare=False)  # or Σ min(tokens, limit)
    validation_tokens: int = 0
    prompt_tokens: float = 0.0  # mean tokens of a request (everything but the reply)
    reply_tokens: float = 0.0  # mean tokens of a reply
    corpus_tokens: int | None = None  # the RAG corpus; None = total_tokens
    churn_share: float | None = None  # measured share of the data that changes per update, if known
    projected_updates_per_year: float | None = None  # measured with --previous: updates a year the churn implies

    def dataset_tokens(self, limit: int | None) -> int:
        """Training tokens of one epoch: each example counted up to `limit` (no cap when None)."""
        if limit is None:
            return self.total_tokens
        if self.tokens_at_limit is not None:
            return int(self.tokens_at_limit(limit))
        if self.example_tokens:
            return sum(min(int(t), limit) for t in self.example_tokens)
        return self.total_tokens


def tokens_at_limit_from_counts(counts: Sequence[int]) -> Callable[[int], int]:
    """Σ min(count, limit) in O(log n) per call, for large datasets."""
    import numpy as np

    arr = np.sort(np.asarray(counts, dtype=np.int64))
    prefix = np.concatenate(([0], np.cumsum(arr)))

    def at(limit: int) -> int:
        k = int(np.searchsorted(arr, limit, side="right"))
        return int(prefix[k]) + (arr.size - k) * int(limit)

    return at


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


# ---------------------------------------------------------------------------------------------------------------
# Assumptions


def resolve_assumptions(inputs: CostInputs, assumptions: Mapping[str, object], rag: RagTable | None) -> Assumptions:
    """Defaults filled in, None values resolved from the dataset, every value checked (UsageError)."""
    a: dict[str, object] = dict(ASSUMPTION_DEFAULTS)
    for k, v in assumptions.items():
        a[k.replace("-", "_")] = v
    problems: list[str] = []

    def number(
        key: str, *, nullable: bool = False, whole: bool = False, low: float = 0.0, high: float | None = None
    ) -> None:
        v = a.get(key)
        if v is None and nullable:
            return
        ok = False
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            ok = v >= low and (high is None or v <= high) and (not whole or float(v).is_integer())
        if not ok:
            kind = "a whole number" if whole else "a number"
            rng = f"between {count(low)} and {count(high)}" if high is not None else f"≥ {count(low)}"
            problems.append(f"assumptions.{key}: must be {kind} {rng}{' or null' if nullable else ''}, got {v!r}")

    if a.get("updates_per_year") is None:
        measured = inputs.projected_updates_per_year
        a["updates_per_year"] = measured if measured is not None else DEFAULT_UPDATES_PER_YEAR
        a["updates_per_year_source"] = "measured churn" if measured is not None else "default"
    else:
        a["updates_per_year_source"] = "assumption"
    number("epochs", nullable=True, whole=True, low=1)
    number("updates_per_year", low=0)
    number("requests_per_month", low=0)
    number("prompt_tokens", nullable=True)
    number("reply_tokens", nullable=True)
    number("hosting_hours_per_month", high=744)
    number("rag_context_tokens")
    number("rag_corpus_tokens", nullable=True)
    number("rag_changed_share", nullable=True, high=1)
    number("validation_evals", whole=True)
    number("horizon_months", whole=True, low=1, high=120)
    number("peak_factor", low=1)
    number("scale_to_zero_utilisation", low=0.01, high=1)
    number("rag_store_hours_per_month", high=744)
    number("few_shot_k", whole=True)
    number("stale_after_days", whole=True, low=1)
    if a.get("method") not in METHODS:
        problems.append(f"assumptions.method: must be one of {', '.join(METHODS)}, got {a.get('method')!r}")
    for key in ("model", "rate_key", "rag_embedding", "rag_vector_store"):
        v = a.get(key)
        if v is not None and (not isinstance(v, str) or not v.strip()):
            problems.append(f"assumptions.{key}: must be a name or null, got {v!r}")
    if rag is not None and not problems:
        if a["rag_embedding"] is not None and a["rag_embedding"] not in rag.embeddings:
            problems.append(
                f"assumptions.rag_embedding: {a['rag_embedding']!r} is not in the RAG tables "
                f"(known: {', '.join(sorted(rag.embeddings))})"
            )
        if a["rag_vector_store"] is not None and a["rag_vector_store"] not in rag.vector_stores:
            problems.append(
                f"assumptions.rag_vector_store: {a['rag_vector_store']!r} is not in the RAG tables "
                f"(known: {', '.join(sorted(rag.vector_stores))})"
            )
    if problems:
        raise UsageError("\n".join(problems))
    # every value below has passed its check above
    if a["prompt_tokens"] is None:
        a["prompt_tokens"] = round(float(inputs.prompt_tokens), 1)
    if a["reply_tokens"] is None:
        a["reply_tokens"] = round(float(inputs.reply_tokens), 1)
    if a["rag_corpus_tokens"] is None:
        a["rag_corpus_tokens"] = int(inputs.corpus_tokens if inputs.corpus_tokens is not None else inputs.total_tokens)
    if a["rag_changed_share"] is not None:
        a["rag_changed_share_source"] = "assumption"
    elif inputs.churn_share is not None:
        a["rag_changed_share"] = float(inputs.churn_share)
        a["rag_changed_share_source"] = "measured churn"
    else:
        a["rag_changed_share"] = DEFAULT_CHANGED_SHARE
        a["rag_changed_share_source"] = "default"
    if rag is not None:
        a["rag_embedding"] = a["rag_embedding"] or rag.default_embedding
        a["rag_vector_store"] = a["rag_vector_store"] or rag.default_vector_store
    return Assumptions(
        epochs=None if a["epochs"] is None else int(_num(a["epochs"])),
        few_shot_k=int(_num(a["few_shot_k"])),
        horizon_months=int(_num(a["horizon_months"])),
        hosting_hours_per_month=_num(a["hosting_hours_per_month"]),
        method=str(a["method"]),
        model=_name(a["model"]),
        peak_factor=_num(a["peak_factor"]),
        prompt_tokens=_num(a["prompt_tokens"]),
        rag_changed_share=_num(a["rag_changed_share"]),
        rag_changed_share_source=str(a["rag_changed_share_source"]),
        rag_context_tokens=_num(a["rag_context_tokens"]),
        rag_corpus_tokens=int(_num(a["rag_corpus_tokens"])),
        rag_embedding=_name(a["rag_embedding"]),
        rag_store_hours_per_month=_num(a["rag_store_hours_per_month"]),
        rag_vector_store=_name(a["rag_vector_store"]),
        rate_key=_name(a["rate_key"]),
        reply_tokens=_num(a["reply_tokens"]),
        requests_per_month=_num(a["requests_per_month"]),
        scale_to_zero_utilisation=_num(a["scale_to_zero_utilisation"]),
        stale_after_days=_whole(a["stale_after_days"]),
        updates_per_year=_num(a["updates_per_year"]),
        updates_per_year_source=str(a["updates_per_year_source"]),
        validation_evals=int(_num(a["validation_evals"])),
    )


def _num(v: object) -> float:
    """A value already checked to be a finite number (an int stays an int, so the report writes 730, not 730.0)."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v
    raise TypeError(f"not a number: {v!r}")


def _whole(v: object) -> int:
    """A whole number as given (checked above); the report keeps its JSON form."""
    n = _num(v)
    return n if isinstance(n, int) else int(n)


def _name(v: object) -> str | None:
    return v if isinstance(v, str) else None


def next_update(today: date, updates_per_year: float) -> date | None:
    """The day of the next retraining cycle, or None when there are none."""
    if updates_per_year <= 0:
        return None
    return today + timedelta(days=365 / updates_per_year)
