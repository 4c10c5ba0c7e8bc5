"""The typed price book: what a validated pricing table turns into (frozen dataclasses), and the constants of the
table schema. Nothing here reads files; see ftready.pricing.book for loading and layering."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

SCHEMA_VERSION = 1
STALE_AFTER_DAYS = 90  # freshness: a table in use older than this gives one finding (FT701.max_age_days)

STATUSES = ("active", "winding_down", "deprecated")
# A model's lifecycle state. "closed-to-new-customers": existing customers can still train; "training-closed": no
# new training jobs, the fine-tuned model still serves; "retired": it no longer serves (listed, never chosen).
LIFECYCLE_STATUSES = ("available", "closed-to-new-customers", "training-closed", "retired")
TRAINING_UNITS = ("per_1m_tokens", "per_hour", "per_gpu_hour")
HOSTING_KINDS = ("none", "hourly", "dedicated", "storage", "provisioned", "on_demand")
VECTOR_STORE_KINDS = ("flat", "instance", "serverless", "managed")
METHODS = ("sft", "dpo", "rft")
RATE_KEY = re.compile(r"^(sft|dpo|rft)(_(lora|qlora|full))?(_(global|regional|datazone|developer))?$")
# A bare model id or alias that several providers list resolves in this order (then alphabetically).
PROVIDER_PRECEDENCE = ("openai", "azure_openai", "vertex_ai", "mistral", "together", "fireworks", "bedrock")
RAG_PROVIDER = "rag"


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    retrieved: str  # YYYY-MM-DD, YYYY-MM or YYYY
    note: str | None = None


@dataclass(frozen=True)
class TokenPrices:
    """Prices per 1M tokens; None = unknown."""

    input: float | None
    output: float | None
    cached_input: float | None = None
    batch: TokenPrices | None = None

    @property
    def known(self) -> bool:
        return self.input is not None and self.output is not None


@dataclass(frozen=True)
class Training:
    unit: str  # per_1m_tokens | per_hour | per_gpu_hour
    rates: Mapping[str, float | None]  # rate key (sft, sft_lora, sft_global, ...) -> price per unit; None = unknown
    minimum_charge: float | None = 0.0  # per job; None = unknown
    bills_validation: bool = False  # validation tokens are billed (per evaluation pass)
    tokens_per_second: float | None = None  # per_hour / per_gpu_hour: training throughput (per GPU)
    gpus: int = 1
    overhead_minutes: float = 0.0  # per job: start-up, weight download, final evaluation

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(m for m in METHODS if any(k.split("_")[0] == m for k in self.rates))


@dataclass(frozen=True)
class Hosting:
    kind: str  # none | hourly | dedicated | storage | provisioned | on_demand
    per_hour: float | None = None  # hourly, dedicated: while deployed
    storage_per_month: float | None = None  # storage, provisioned, on_demand (optional on hourly/dedicated)
    per_model_unit_hour: float | None = None  # provisioned
    model_units: int = 1  # provisioned
    scales_to_zero: bool = False  # billed only while a replica is active (serverless GPUs, scale-to-zero)
    serving_tokens_per_second: float | None = None  # generated tokens per second one replica serves; None = unknown
    note: str | None = None
    unknown: tuple[str, ...] = ()  # keys written as null (unknown), as opposed to left out (not charged)


@dataclass(frozen=True)
class Lifecycle:
    training_until: dt.date | None = None  # last day new training jobs are accepted
    serving_until: dt.date | None = None  # the fine-tuned model stops serving on this day
    status: str | None = None  # one of LIFECYCLE_STATUSES as the table states it; None = not stated
    training_source: str | None = None  # source id of training_until
    serving_source: str | None = None  # source id of serving_until
    note: str | None = None

    @property
    def inference_shutdown(self) -> dt.date | None:
        return self.serving_until

    @property
    def known(self) -> bool:
        return self.status is not None

    def status_on(self, today: dt.date) -> str | None:
        """The state on `today`: the stated status, moved on by the dates that have passed."""
        if self.serving_until is not None and self.serving_until <= today:
            return "retired"
        if self.status == "retired":
            return "retired"
        if self.training_until is not None and self.training_until < today:
            return "training-closed"
        return self.status


@dataclass(frozen=True)
class ModelPrice:
    provider: str
    model: str  # model id as the provider names it
    aliases: tuple[str, ...]
    display_name: str
    status: str  # active | winding_down | deprecated
    as_of: dt.date  # first day of the period when only YYYY-MM or YYYY is known
    as_of_text: str
    currency: str
    training: Training
    default_epochs: int | str  # an int, or "auto" (ftready.epochs.default_epochs)
    encoding: str | None
    max_example_tokens: int | None  # None = no per-example limit known
    inference: TokenPrices | None  # the fine-tuned model
    base_inference: TokenPrices | None  # its base model
    hosting: Hosting
    lifecycle: Lifecycle
    unconfirmed: tuple[str, ...]
    source_urls: tuple[str, ...]
    source_ids: Mapping[str, str]  # block ("model", "training", "inference", ...) -> source id
    file: str
    params_b: float | None = None
    status_note: str | None = None
    note: str | None = None

    @property
    def key(self) -> str:
        return f"{self.provider}/{self.model}"

    @property
    def training_unit(self) -> str:
        return self.training.unit

    @property
    def training_rates(self) -> Mapping[str, float | None]:
        return self.training.rates

    @property
    def minimum_charge(self) -> float | None:
        return self.training.minimum_charge

    def is_unconfirmed(self, path: str) -> bool:
        return any(path == u or path.startswith(u + ".") or u.startswith(path + ".") for u in self.unconfirmed)


@dataclass(frozen=True)
class ProviderInfo:
    provider: str
    display_name: str
    currency: str
    as_of: dt.date
    as_of_text: str
    status: str
    status_note: str | None
    sources: Mapping[str, Source]
    file: str
    reviewed: dt.date | None = None


@dataclass(frozen=True)
class Embedding:
    name: str
    per_1m: float | None
    batch_per_1m: float | None = None
    dims: int | None = None
    max_input_tokens: int | None = None
    encoding: str | None = None
    source_url: str | None = None
    unconfirmed: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class VectorStore:
    name: str
    kind: str
    per_month: float | None = None
    per_hour: float | None = None
    monthly_minimum: float | None = None
    storage_per_gb_month: float | None = None
    storage_per_gb_day: float | None = None
    free_gb: float = 0.0
    read_units_per_1m: float | None = None
    read_units_per_query: float | None = None
    per_1k_queries: float | None = None
    source_url: str | None = None
    unconfirmed: tuple[str, ...] = ()
    note: str | None = None
    unknown: tuple[str, ...] = ()  # keys written as null (unknown), as opposed to left out (not charged)


@dataclass(frozen=True)
class RagTable:
    embeddings: Mapping[str, Embedding]
    vector_stores: Mapping[str, VectorStore]
    default_embedding: str
    default_vector_store: str | None  # None: the cheapest store for the corpus
    chunk_tokens: int
    text_bytes_per_token: float
    currency: str
    as_of: dt.date
    as_of_text: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class PriceBook:
    models: tuple[ModelPrice, ...]
    rag: RagTable | None
    provider_info: Mapping[str, ProviderInfo]
    files: tuple[str, ...]

    @property
    def providers(self) -> tuple[str, ...]:
        return tuple(sorted(self.provider_info))

    def models_for(self, provider: str) -> tuple[ModelPrice, ...]:
        return tuple(m for m in self.models if m.provider == provider)

    def find(self, model_or_alias: str) -> ModelPrice | None:
        """`provider/model`, a model id or an alias (case-insensitive). A bare id or alias that several providers
        list resolves to the provider that comes first in PROVIDER_PRECEDENCE (then alphabetically)."""
        key = model_or_alias.strip().lower()
        for m in self.models:
            if m.key.lower() == key:
                return m
        hits = [m for m in self.models if m.model.lower() == key]
        if not hits:
            hits = [m for m in self.models if key in (a.lower() for a in m.aliases)]
        if not hits:
            return None
        return min(hits, key=lambda m: (_precedence(m.provider), m.provider))


def _precedence(provider: str) -> int:
    return PROVIDER_PRECEDENCE.index(provider) if provider in PROVIDER_PRECEDENCE else len(PROVIDER_PRECEDENCE)


def age_days(as_of: dt.date, today: dt.date) -> int:
    return (today - as_of).days
