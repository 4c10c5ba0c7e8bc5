"""The costs section: every priced option, the RAG alternative, the three approaches and the assumptions behind them.

Money is in the section's currency and rounded to 4 decimals; an unknown price makes every figure resting on it
null (never 0). Each figure has its working in an `arithmetic` text. `ftready.costs` computes these values; the
FT7xx rules, the verdict, the reports and the app read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from ftready.model.jsontypes import JSONObject, dataclass_json, meta


@dataclass(frozen=True, slots=True)
class Assumptions:
    """The cost assumptions of a run with every default filled in and every `null` resolved (fields in key order,
    as the report writes them)."""

    epochs: int | None = field(metadata=meta("epochs set for every option, or null for the auto rule"))
    few_shot_k: int = field(metadata=meta("examples from the data put in every prompt under prompting"))
    horizon_months: int = field(metadata=meta("months the totals cover"))
    hosting_hours_per_month: float = field(metadata=meta("hours a month a fine-tuned endpoint runs"))
    method: str = field(metadata=meta("training method priced: sft, dpo or rft"))
    model: str | None = field(metadata=meta("the model asked for, or null to compare every model"))
    peak_factor: float = field(metadata=meta("peak traffic / mean traffic, sizes dedicated replicas"))
    prompt_tokens: float = field(metadata=meta("tokens of a request besides the reply (the data's mean by default)"))
    rag_changed_share: float = field(metadata=meta("share of the RAG corpus re-embedded each update"))
    rag_changed_share_source: str = field(metadata=meta("assumption, measured churn or default"))
    rag_context_tokens: float = field(metadata=meta("retrieved tokens added to each request under RAG"))
    rag_corpus_tokens: int = field(metadata=meta("tokens of the RAG corpus (the data's tokens by default)"))
    rag_embedding: str | None = field(metadata=meta("embedding model of the RAG alternative"))
    rag_store_hours_per_month: float = field(metadata=meta("hours a month the vector store runs"))
    rag_vector_store: str | None = field(metadata=meta("vector store asked for, or null for the cheapest"))
    rate_key: str | None = field(metadata=meta("preferred training rate where a model has several"))
    reply_tokens: float = field(metadata=meta("tokens of a reply (the data's mean by default)"))
    requests_per_month: float = field(metadata=meta("requests a month the model serves"))
    scale_to_zero_utilisation: float = field(metadata=meta("share of a scale-to-zero worker's billed time in use"))
    stale_after_days: int = field(metadata=meta("age past which a pricing table in use is reported (FT701)"))
    updates_per_year: float = field(metadata=meta("update (retraining) cycles a year"))
    updates_per_year_source: str = field(metadata=meta("assumption, measured churn or default"))
    validation_evals: int = field(metadata=meta("validation passes billed where a provider bills them"))

    def to_dict(self) -> JSONObject:
        return dataclass_json(self)


@dataclass(frozen=True, slots=True)
class Lifecycle:
    status: str | None = field(
        metadata=meta("available, closed-to-new-customers, training-closed or retired today; null when unknown")
    )
    training_until: str | None = field(metadata=meta("last day training jobs are accepted (ISO date) or null"))
    serving_until: str | None = field(metadata=meta("day the fine-tuned model stops serving (ISO date) or null"))
    training_source: str | None = field(metadata=meta("the pricing table's source for the training date"))
    serving_source: str | None = field(metadata=meta("the pricing table's source for the serving date"))
    next_update: str | None = field(metadata=meta("day of the next update cycle (ISO date) or null"))


@dataclass(frozen=True, slots=True)
class BasePrices:
    input: float | None = field(metadata=meta("base model price per 1M input tokens"))
    output: float | None = field(metadata=meta("base model price per 1M output tokens"))


@dataclass(frozen=True, slots=True)
class OptionArithmetic:
    epochs: str = field(metadata=meta("how the epochs were chosen"))
    training_tokens: str = field(metadata=meta("billed training tokens"))
    training_per_run: str = field(metadata=meta("one training run"))
    hosting_per_month: str = field(metadata=meta("hosting a month (replicas, billed hours, storage)"))
    inference_per_month: str = field(metadata=meta("fine-tuned inference a month"))
    base_inference_per_month: str = field(metadata=meta("base model inference a month"))
    retraining_per_year: str = field(metadata=meta("retraining over the horizon"))
    first_year_total: str = field(metadata=meta("the total over the horizon"))
    rag_first_year_total: str = field(metadata=meta("the RAG alternative's total on this model's base"))

    def items(self) -> tuple[tuple[str, str], ...]:
        """(figure, working) in report order."""
        return _texts(self)


@dataclass(frozen=True, slots=True)
class CostOption:
    """One model's figures."""

    provider: str = field(metadata=meta("provider id"))
    model: str = field(metadata=meta("model id"))
    key: str = field(metadata=meta("provider/model, the id --model takes"))
    display_name: str = field(metadata=meta("the table's display name"))
    currency: str = field(metadata=meta("currency of the figures"))
    status: str = field(metadata=meta("the provider's fine-tuning status: active, winding_down or deprecated"))
    lifecycle_status: str | None = field(metadata=meta("the model's lifecycle status today (see lifecycle)"))
    as_of: str = field(metadata=meta("date the prices were confirmed"))
    age_days: int = field(metadata=meta("days since as_of"))
    method: str = field(metadata=meta("training method priced"))
    rate_key: str | None = field(metadata=meta("training rate used, or null when the method is not offered"))
    training_unit: str = field(metadata=meta("per_1m_tokens, per_hour or per_gpu_hour"))
    training_rate: float | None = field(metadata=meta("the rate in training_unit, or null when unknown"))
    epochs: int = field(metadata=meta("epochs priced"))
    dataset_tokens: int = field(metadata=meta("tokens of one epoch (examples capped at the model's limit)"))
    training_tokens: int | None = field(metadata=meta("billed training tokens"))
    training_hours: float | None = field(metadata=meta("hours of an hourly-billed run"))
    training_per_run: float | None = field(metadata=meta("one training run"))
    hosting_kind: str = field(metadata=meta("none, on_demand, storage, hourly, dedicated or provisioned"))
    hosting_per_month: float | None = field(metadata=meta("hosting a month"))
    replicas: int = field(metadata=meta("replicas at peak traffic (1 on scale-to-zero rows: hours count workers)"))
    hosting_hours_per_month: float | None = field(metadata=meta("billed hosting hours a month"))
    scales_to_zero: bool = field(metadata=meta("hosting bills only the hours in use"))
    horizon_months: int = field(metadata=meta("months the total covers"))
    served_months: float = field(metadata=meta("months of the horizon before serving stops"))
    retrain_months: tuple[float, ...] = field(metadata=meta("months (from today) of the retraining runs"))
    monthly_total: float | None = field(metadata=meta("hosting + inference a month"))
    inference_per_month: float | None = field(metadata=meta("fine-tuned inference a month"))
    base_inference_per_month: float | None = field(metadata=meta("the same traffic on the base model"))
    retraining_per_year: float | None = field(metadata=meta("retraining runs over the horizon"))
    first_year_total: float | None = field(metadata=meta("total over the horizon; null when a price is unknown"))
    rag_inference_per_month: float | None = field(metadata=meta("base model inference with retrieved context"))
    base_prices: BasePrices | None = field(metadata=meta("base model token prices, or null"))
    rag_first_year_total: float | None = field(metadata=meta("the RAG alternative's total on this base model"))
    lifecycle: Lifecycle = field(metadata=meta("lifecycle dates and their sources"))
    lifecycle_issue: bool = field(metadata=meta("closed, retired or closing inside the horizon: never chosen"))
    unknown: tuple[str, ...] = field(metadata=meta("names of the unknown prices"))
    unconfirmed: tuple[str, ...] = field(metadata=meta("values the table marks unconfirmed"))
    unconfirmed_used: tuple[str, ...] = field(metadata=meta("unconfirmed values the figures use"))
    sources: tuple[str, ...] = field(metadata=meta("source URLs of the table"))
    file: str = field(metadata=meta("the pricing file"))
    chosen: bool = field(metadata=meta("the option the verdict uses"))
    warnings: tuple[str, ...] = field(metadata=meta("warnings on this option"))
    arithmetic: OptionArithmetic = field(metadata=meta("the working of each figure"))

    @property
    def name(self) -> str:
        return self.key or f"{self.provider}/{self.model}"

    @property
    def ready(self) -> bool:
        """Chosen only when its total is known, the provider is not deprecated, it is available (a table with no
        lifecycle data counts as available) and nothing in its lifecycle closes inside the horizon."""
        return (
            self.first_year_total is not None
            and self.status != "deprecated"
            and self.lifecycle_status in ("available", None)
            and not self.lifecycle_issue
        )

    def to_dict(self) -> JSONObject:
        return dataclass_json(self)


@dataclass(frozen=True, slots=True)
class RagArithmetic:
    embedding_once: str = field(metadata=meta("embedding the corpus once"))
    reembedding_per_year: str = field(metadata=meta("re-embedding the changed share each update"))
    storage_gb: str | None = field(metadata=meta("vector storage (left out when the dims are unknown)", omit_none=True))
    vector_store_per_month: str = field(metadata=meta("the vector store a month"))
    first_year_total: str = field(metadata=meta("the RAG total over the horizon"))

    def items(self) -> tuple[tuple[str, str], ...]:
        """(figure, working) in report order, leaving out what is not known."""
        return _texts(self)


def _texts(obj: OptionArithmetic | RagArithmetic) -> tuple[tuple[str, str], ...]:
    pairs = ((f.name, getattr(obj, f.name)) for f in fields(obj))
    return tuple((k, v) for k, v in pairs if isinstance(v, str))


@dataclass(frozen=True, slots=True)
class RagSection:
    """The RAG alternative: embed the data as a corpus, retrieve context for each request of the base model."""

    embedding: str = field(metadata=meta("embedding model"))
    vector_store: str = field(metadata=meta("vector store"))
    corpus_tokens: int = field(metadata=meta("tokens embedded"))
    changed_share: float = field(metadata=meta("share re-embedded each update"))
    changed_share_source: str | None = field(metadata=meta("assumption, measured churn or default"))
    chunks: int = field(metadata=meta("chunks stored"))
    storage_gb: float | None = field(metadata=meta("vectors and text stored, in GB; null when dims are unknown"))
    embedding_once: float | None = field(metadata=meta("embedding the corpus once"))
    reembedding_per_year: float | None = field(metadata=meta("re-embedding a year"))
    vector_store_per_month: float | None = field(metadata=meta("the vector store a month"))
    context_tokens: float = field(metadata=meta("retrieved tokens per request"))
    as_of: str = field(metadata=meta("date the RAG prices were confirmed"))
    age_days: int = field(metadata=meta("days since as_of"))
    provider: str | None = field(metadata=meta("provider of the base model it is priced on"))
    model: str | None = field(metadata=meta("base model it is priced on (the chosen option's)"))
    inference_per_month: float | None = field(metadata=meta("base model inference with context a month"))
    first_year_total: float | None = field(metadata=meta("the RAG total over the horizon"))
    warnings: tuple[str, ...] = field(metadata=meta("warnings on the RAG figures"))
    arithmetic: RagArithmetic = field(metadata=meta("the working of each figure"))

    @property
    def monthly(self) -> float | None:
        """Vector store + inference a month, or None when either is unknown."""
        if self.vector_store_per_month is None or self.inference_per_month is None:
            return None
        return round(self.vector_store_per_month + self.inference_per_month, 2)


@dataclass(frozen=True, slots=True)
class Approach:
    option: str | None = field(metadata=meta("what is priced (an option key, or embedding + vector store)"))
    first_year_total: float | None = field(metadata=meta("total over the horizon"))
    monthly: float | None = field(metadata=meta("a month once running"))
    arithmetic: str = field(metadata=meta("the working of the total"))
    cumulative: tuple[float, ...] | None = field(
        metadata=meta("cost at the end of months 0..horizon, ending at the total; null when unknown")
    )


@dataclass(frozen=True, slots=True)
class PromptingApproach:
    option: str | None = field(metadata=meta("the chosen option's base model"))
    few_shot_k: int = field(metadata=meta("examples added to every prompt"))
    few_shot_tokens: float = field(metadata=meta("tokens those examples add"))
    first_year_total: float | None = field(metadata=meta("total over the horizon"))
    monthly: float | None = field(metadata=meta("a month"))
    arithmetic: str = field(metadata=meta("the working of the total"))
    per_request: float | None = field(metadata=meta("cost of one request (left out when unknown)", omit_none=True))
    cumulative: tuple[float, ...] | None = field(metadata=meta("cost at the end of months 0..horizon, or null"))


@dataclass(frozen=True, slots=True)
class BreakEven:
    requests_per_month: int | None = field(metadata=meta("traffic above which fine-tuning costs less, or null"))
    text: str = field(metadata=meta("the working"))


@dataclass(frozen=True, slots=True)
class Approaches:
    """Fine-tune, RAG and prompting over the same horizon."""

    horizon_months: int = field(metadata=meta("months compared"))
    fine_tune: Approach = field(metadata=meta("the chosen option", key="fine-tune"))
    rag: Approach = field(metadata=meta("the RAG alternative"))
    prompting: PromptingApproach = field(metadata=meta("the base model with few-shot examples"))
    break_even_requests_per_month: BreakEven | None = field(
        metadata=meta("traffic at which fine-tuning and prompting cost the same, or null")
    )
    fine_tune_cheaper_than_prompting_from_month: int | None = field(
        metadata=meta("first month at whose end fine-tuning has cost no more than prompting, or null")
    )

    def by_key(self) -> tuple[tuple[str, Approach | PromptingApproach], ...]:
        """The three approaches under their report keys: fine-tune, rag, prompting."""
        return (("fine-tune", self.fine_tune), ("rag", self.rag), ("prompting", self.prompting))


@dataclass(frozen=True, slots=True)
class CostsSection:
    currency: str = field(metadata=meta('currency of every figure, or "mixed"'))
    today: str = field(metadata=meta("the day the estimate is for (ISO date)"))
    next_update: str | None = field(metadata=meta("day of the next update cycle, or null"))
    stale_after_days: int = field(metadata=meta("age past which the tables in use are reported"))
    assumptions: Assumptions = field(metadata=meta("the assumptions, resolved"))
    requested_model: str | None = field(metadata=meta("the model asked for, or null"))
    model_not_found: None = field(
        default=None,
        kw_only=True,
        metadata=meta(
            "always null: a model no table lists is refused before the run (exit 2); the key stays for schema 1"
        ),
    )
    options: tuple[CostOption, ...] = field(
        metadata=meta("every priced option: retired and closed last, then unknown totals, then by total")
    )
    rag: RagSection | None = field(metadata=meta("the RAG alternative, or null without RAG tables"))
    chosen: CostOption | None = field(metadata=meta("the option asked for, else the cheapest ready one, or null"))
    approaches: Approaches = field(metadata=meta("fine-tune, RAG and prompting side by side"))
    horizon_months: int = field(metadata=meta("months the totals cover"))
    pricing_files: tuple[str, ...] = field(metadata=meta("the pricing files read"))
    notes: tuple[str, ...] = field(metadata=meta("notes on the estimate"))

    def option(self, key: str) -> CostOption | None:
        """The option with this key, or None."""
        return next((o for o in self.options if o.key == key), None)

    def to_dict(self) -> JSONObject:
        return dataclass_json(self)
