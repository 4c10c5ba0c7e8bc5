"""Settings: selection, thresholds and cost assumptions of one run (plain data; `ftready.config` reads and
validates them from flags and configuration files)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TypeAlias

from ftready.model.core import ParamValue
from ftready.model.jsontypes import JSONObject, JSONValue

DEFAULT_MAX_EXAMPLE_TOKENS = 65_536
DEFAULT_ENCODING = "o200k_base"
MAX_COUNT = 10**12  # any count ftready is given (requests, tokens) larger than this is a slip
MAX_SEED = 2**32 - 1  # the largest seed every sampler takes
MAX_EXAMPLE_TOKENS = 2**31 - 1

# Cost and churn assumptions with their defaults. The cost model documents each one.
AssumptionValue: TypeAlias = str | int | float | None  # a cost assumption: a name, a number, or None for "derive it"

ASSUMPTION_DEFAULTS: dict[str, AssumptionValue] = {
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
    check_params: Mapping[str, Mapping[str, ParamValue]] = field(default_factory=dict)
    check_severity: Mapping[str, str] = field(default_factory=dict)
    assumptions: Mapping[str, AssumptionValue] = field(default_factory=lambda: dict(ASSUMPTION_DEFAULTS))
    config_path: str | None = None
    field_map: Mapping[str, str] = field(default_factory=dict)  # role -> record field (--map, [tool.ftready.map])

    def assumption(self, key: str) -> AssumptionValue:
        return self.assumptions.get(key, ASSUMPTION_DEFAULTS.get(key))

    def with_assumptions(self, **changes: AssumptionValue) -> Settings:
        merged = dict(self.assumptions)
        merged.update(changes)
        return replace(self, assumptions=merged)

    def to_dict(self) -> JSONObject:
        return {f.name: _json(getattr(self, f.name)) for f in fields(self)}


def _json(v: object) -> JSONValue:
    """A settings value as JSON: tuples become lists, mappings objects (one level of nesting: check parameters)."""
    if isinstance(v, (tuple, list)):
        return [_json(x) for x in v]
    if isinstance(v, Mapping):
        return {str(k): _json(x) for k, x in v.items()}
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)
