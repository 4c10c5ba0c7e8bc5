"""Settings: selection, thresholds and cost assumptions of one run (plain data; `ftready.config` reads and
validates them from flags and configuration files)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

DEFAULT_MAX_EXAMPLE_TOKENS = 65_536
DEFAULT_ENCODING = "o200k_base"
MAX_COUNT = 10**12  # any count ftready is given (requests, tokens) larger than this is a slip
MAX_SEED = 2**32 - 1  # the largest seed every sampler takes
MAX_EXAMPLE_TOKENS = 2**31 - 1

# Cost and churn assumptions with their defaults. The cost model documents each one.
ASSUMPTION_DEFAULTS: dict[str, Any] = {
    "model": None,  # provider/model id or alias; None = compare every model, pick the cheapest ready one
    "method": "sft",  # sft | dpo | rft
    "epochs": None,  # None = the provider's default (OpenAI cookbook heuristic)
    "updates_per_year": None,  # retraining cycles a year; None = projected from --previous churn, else 4
    "requests_per_month": 100_000,
    "prompt_tokens": None,  # None = the dataset's mean prompt tokens
    "reply_tokens": None,  # None = the dataset's mean reply tokens
    "hosting_hours_per_month": 730,
    "rag_context_tokens": 2_000,  # retrieved context added to each request under RAG
    "rag_corpus_tokens": None,  # None = the dataset's tokens
    "rag_changed_share": None,  # share of the corpus re-embedded each cycle; None = measured churn or 0.2
    "validation_evals": 0,
    "rate_key": None,  # preferred training rate where a model has several, e.g. sft_full, sft_regional
    "rag_embedding": None,  # embedding model of the RAG alternative; None = rag.yaml's default
    "rag_vector_store": None,  # vector store of the RAG alternative; None = the cheapest for the corpus
    "horizon_months": 12,  # the period the totals cover (stopping earlier where a model stops serving)
    "peak_factor": 3.0,  # peak traffic / mean traffic, sizes the replicas of dedicated serving
    "scale_to_zero_utilisation": 0.25,  # share of a scale-to-zero replica's billed time spent generating
    "rag_store_hours_per_month": 730,  # hours the RAG vector store runs (not tied to the fine-tuned endpoint)
    "few_shot_k": 5,  # examples from the data put in every prompt under the prompting approach
    "stale_after_days": 90,  # a pricing table in use older than this gives one freshness finding
}


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    format: str | None = None
    encoding: str | None = None
    max_example_tokens: int | None = None
    fast: bool = False
    seed: int = 0
    validation: str | None = None
    previous: str | None = None
    against: tuple[str, ...] = ()  # evaluation sets checked for leakage (--against, repeatable)
    interval_days: float | None = None
    pricing_dirs: tuple[str, ...] = ()
    check_params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    check_severity: Mapping[str, str] = field(default_factory=dict)
    assumptions: Mapping[str, Any] = field(default_factory=lambda: dict(ASSUMPTION_DEFAULTS))
    config_path: str | None = None
    field_map: Mapping[str, str] = field(default_factory=dict)  # role -> record field (--map, [tool.ftready.map])

    def assumption(self, key: str) -> Any:
        return self.assumptions.get(key, ASSUMPTION_DEFAULTS.get(key))

    def with_assumptions(self, **changes: Any) -> Settings:
        merged = dict(self.assumptions)
        merged.update(changes)
        return replace(self, assumptions=merged)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, tuple):
                v = list(v)
            elif isinstance(v, Mapping):
                v = {k: dict(x) if isinstance(x, Mapping) else x for k, x in v.items()}
            out[f.name] = v
        return out
