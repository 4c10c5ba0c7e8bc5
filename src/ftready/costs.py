"""The cost model: training, hosting, inference, retraining and the RAG alternative, as pure functions.

Every figure comes with the arithmetic that produced it ("1,234,567 tokens × 3 epochs × $5.00/1M = $18.52") so a
report can show its working. An unknown price (`null` in a pricing table) makes every figure that depends on it
None, shown as "n/a (unknown price)"; it is never counted as 0. docs/pricing.md states every formula.

    training per run     = max(minimum charge, billed tokens / 1M × rate)                      per_1m_tokens
                         = max(minimum charge, hours × rate [× GPUs])                          per_hour, per_gpu_hour
      billed tokens      = Σ min(example tokens, max_example_tokens) × epochs (+ validation tokens × evaluations
                           where the provider bills them)
      hours              = billed tokens / (tokens per second × GPUs) / 3600 + overhead minutes / 60
    hosting per month    = hourly fee × hosting hours, or model units × unit-hour fee × hosting hours, plus storage
    inference per month  = requests × (prompt tokens × input price + reply tokens × output price) / 1M
    retraining per year  = updates per year × training per run
    first-year total     = training per run + retraining per year + 12 × (hosting + inference per month)
    RAG first year       = corpus embedding + re-embedding per year + 12 × (vector store + RAG inference per month)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ftready.epochs import default_epochs
from ftready.errors import UsageError
from ftready.humanize import UNKNOWN_PRICE as UNKNOWN
from ftready.humanize import count, money, unit_price
from ftready.pricing import METHODS, ModelPrice, PriceBook, RagTable, TokenPrices
from ftready.settings import ASSUMPTION_DEFAULTS

DEFAULT_CHANGED_SHARE = 0.2
DAYS_PER_MONTH = 365 / 12
# Assumptions this module reads beyond settings.ASSUMPTION_DEFAULTS, with their defaults.
EXTRA_ASSUMPTIONS: dict[str, Any] = {}
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


def resolve_assumptions(inputs: CostInputs, assumptions: Mapping[str, Any], rag: RagTable | None) -> dict[str, Any]:
    """Defaults filled in, None values resolved from the dataset, every value checked (UsageError)."""
    a: dict[str, Any] = {**ASSUMPTION_DEFAULTS, **EXTRA_ASSUMPTIONS}
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
        if a.get(key) is not None and (not isinstance(a[key], str) or not a[key].strip()):
            problems.append(f"assumptions.{key}: must be a name or null, got {a[key]!r}")
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
    if a["epochs"] is not None:
        a["epochs"] = int(a["epochs"])
    a["validation_evals"] = int(a["validation_evals"])
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
    a["horizon_months"] = int(a["horizon_months"])
    a["few_shot_k"] = int(a["few_shot_k"])
    if rag is not None:
        a["rag_embedding"] = a["rag_embedding"] or rag.default_embedding
        a["rag_vector_store"] = a["rag_vector_store"] or rag.default_vector_store
    return a


def next_update(today: date, updates_per_year: float) -> date | None:
    """The day of the next retraining cycle, or None when there are none."""
    if updates_per_year <= 0:
        return None
    return today + timedelta(days=365 / updates_per_year)


# ---------------------------------------------------------------------------------------------------------------
# One model


def pick_rate(m: ModelPrice, method: str, rate_key: str | None = None) -> tuple[str, float | None] | None:
    """The training rate key and price used for `method`; None when the model does not offer it."""
    rates = m.training.rates
    if rate_key and rate_key in rates and rate_key.split("_")[0] == method:
        return rate_key, rates[rate_key]
    for suffix in RATE_PREFERENCE:
        if method + suffix in rates:
            return method + suffix, rates[method + suffix]
    others = sorted(k for k in rates if k.split("_")[0] == method)
    return (others[0], rates[others[0]]) if others else None


def epochs_for(m: ModelPrice, effective_examples: int, explicit: int | None) -> tuple[int, str]:
    """One epochs rule for every option, so their training costs compare: the assumption when set, else the
    `auto` heuristic. No provider in the tables fixes the epoch count; a provider whose API defaults to a
    fixed count when none is given (Together, Fireworks: 1) is named in the text."""
    if explicit is not None:
        return explicit, f"{explicit} (set in the assumptions; the same for every option)"
    e = default_epochs(effective_examples)
    text = (
        f"{e} (auto for every option: 3 epochs scaled to keep examples × epochs in 100..25,000, on "
        f"{effective_examples:,} examples"
    )
    if m.default_epochs != "auto":
        text += f"; {m.provider} uses {m.default_epochs} when the job does not set it"
    return e, text + ")"


def training_cost(
    m: ModelPrice, inputs: CostInputs, epochs: int, rate: float | None, validation_evals: int
) -> dict[str, Any]:
    """Billed tokens, hours and the cost of one training run, with their arithmetic."""
    cur = m.currency
    t = m.training
    limit = m.max_example_tokens
    once = inputs.dataset_tokens(limit)
    capped = ""
    if limit is not None and once < inputs.total_tokens:
        capped = f" (examples over {limit:,} tokens counted at the limit; {inputs.total_tokens:,} uncapped)"
    billed = once * epochs
    tokens_text = f"{once:,} tokens{capped} × {epochs} epochs"
    if t.bills_validation and validation_evals and inputs.validation_tokens:
        billed += inputs.validation_tokens * validation_evals
        tokens_text += f" + {inputs.validation_tokens:,} validation tokens × {validation_evals} evaluations"
    tokens_text += f" = {billed:,} tokens"
    out: dict[str, Any] = {"dataset_tokens": once, "billed_tokens": billed, "hours": None, "cost": None}
    out["tokens_text"] = tokens_text
    if rate is None:
        out["text"] = f"{UNKNOWN}: the training rate is null"
        out["unknown"] = "training rate"
        return out
    if t.unit == "per_1m_tokens":
        raw = billed / 1e6 * rate
        text = f"{billed:,} tokens × {unit_price(rate, cur, '1M')} = {money(raw, cur)}"
    else:
        if t.tokens_per_second is None:
            out["text"] = f"{UNKNOWN}: training is billed by the hour and its throughput (tokens/s) is unknown"
            out["unknown"] = "training throughput"
            return out
        gpus = t.gpus if t.unit == "per_gpu_hour" else 1
        hours = billed / (t.tokens_per_second * gpus) / 3600 + t.overhead_minutes / 60
        out["hours"] = hours
        per = "GPU-hour" if t.unit == "per_gpu_hour" else "hour"
        text = (
            f"{billed:,} tokens / ({count(t.tokens_per_second)} tokens/s × {gpus} GPU{'s' if gpus > 1 else ''}) / 3600"
        )
        if t.overhead_minutes:
            text += f" + {count(t.overhead_minutes)} min overhead"
        raw = hours * rate * gpus
        text += f" = {hours:,.2f} h × {unit_price(rate, cur, per)}"
        text += f" × {gpus} GPUs" if gpus > 1 else ""
        text += f" = {money(raw, cur)}"
    cost = raw
    if t.minimum_charge is None:
        text += " (minimum charge unknown)"
    elif raw < t.minimum_charge:
        cost = t.minimum_charge
        text += f"; minimum charge {money(t.minimum_charge, cur)} applies → {money(cost, cur)}"
    out["cost"] = cost
    out["text"] = text
    return out


def hosting_cost(m: ModelPrice, hours: float) -> tuple[float | None, str, str | None]:
    """(cost per month, arithmetic, name of the unknown price or None)."""
    h = m.hosting
    cur = m.currency
    storage = h.storage_per_month
    if "storage_per_month" in h.unknown:
        return None, f"{UNKNOWN}: storage per month is null", "hosting storage"
    if h.kind == "none":
        return 0.0, "no hosting fee (billed per token)", None
    if h.kind in ("hourly", "dedicated"):
        if h.per_hour is None:
            return None, f"{UNKNOWN}: the {h.kind} hosting price per hour is null", "hosting per hour"
        cost = h.per_hour * hours
        text = f"{unit_price(h.per_hour, cur, 'h')} × {count(hours)} h"
    elif h.kind == "provisioned":
        if h.per_model_unit_hour is None:
            return None, f"{UNKNOWN}: the provisioned price per model-unit hour is null", "hosting per unit-hour"
        cost = h.per_model_unit_hour * h.model_units * hours
        text = f"{h.model_units} model unit{'s' if h.model_units > 1 else ''} × {unit_price(h.per_model_unit_hour, cur, 'unit-hour')} × {count(hours)} h"
    elif h.kind == "storage":
        if storage is None:
            return None, f"{UNKNOWN}: storage per month is null", "hosting storage"
        return storage, f"{money(storage, cur)}/month storage", None
    else:  # on_demand
        cost = 0.0
        text = "billed per token (on demand)"
        if storage is None:
            return 0.0, text, None
        return storage, f"{text}; {money(storage, cur)}/month storage", None
    if storage is not None:
        cost += storage
        text += f" + {money(storage, cur)}/month storage"
    return cost, f"{text} = {money(cost, cur)}", None


def inference_cost(
    prices: TokenPrices | None, requests: float, prompt: float, reply: float, currency: str, what: str
) -> tuple[float | None, str]:
    if prices is None or not prices.known:
        return None, f"{UNKNOWN}: {what} token prices are null"
    assert prices.input is not None and prices.output is not None
    cost = requests * (prompt * prices.input + reply * prices.output) / 1e6
    text = (
        f"{count(requests)} requests × ({count(prompt)} prompt tokens × {unit_price(prices.input, currency, '1M')} + "
        f"{count(reply)} reply tokens × {unit_price(prices.output, currency, '1M')}) = {money(cost, currency)}"
    )
    return cost, text


def add_months(d: date, months: int) -> date:
    """The same day `months` later (clamped to the month's last day)."""
    y, mth = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, mth + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, 28)


def retrain_dates(
    today: date, updates_per_year: float, end: date, training_until: date | None, serving_until: date | None
) -> list[date]:
    """The update cycles inside the horizon (strictly before its end) that can still retrain and serve."""
    if updates_per_year <= 0:
        return []
    step = 365 / updates_per_year
    out: list[date] = []
    k = 1
    while True:
        d = today + timedelta(days=step * k)
        if d >= end or (serving_until is not None and d >= serving_until):
            break
        if training_until is None or d <= training_until:
            out.append(d)
        k += 1
    return out


def serving_plan(m: ModelPrice, a: Mapping[str, Any]) -> dict[str, Any]:
    """Replicas and billed hours of hourly or dedicated serving.

    peak tokens/s = requests per month / (active hours × 3600) × reply tokens × peak factor
    replicas      = ceil(peak tokens/s / the table's serving tokens per second per replica)
    billed hours  = active hours; on a scale-to-zero row: busy hours / utilisation (at least 1 h), at most replicas
                    × active hours (GPU-hours: more traffic runs more workers at once)
    """
    hours = float(a["hosting_hours_per_month"])
    out: dict[str, Any] = {"replicas": 1, "billed_hours": hours, "text": "", "warning": None}
    h = m.hosting
    if h.kind not in ("hourly", "dedicated"):
        return out
    requests, reply = float(a["requests_per_month"]), float(a["reply_tokens"])
    tps = h.serving_tokens_per_second
    if tps is None:
        out["warning"] = "serving throughput unknown: one replica assumed whatever the traffic"
        return out
    peak = requests * reply / (hours * 3600) * float(a["peak_factor"]) if hours > 0 else 0.0
    replicas = max(1, math.ceil(peak / tps))
    out["replicas"] = replicas
    text = (
        f"peak {peak:,.1f} tokens/s ({count(requests)} requests × {count(reply)} reply tokens / {count(hours)} h × "
        f"peak factor {count(float(a['peak_factor']))}) / {count(tps)} tokens/s per replica → {replicas} replica"
        + ("s" if replicas > 1 else "")
    )
    if h.scales_to_zero:
        # billed GPU-hours follow the work done: busy hours / utilisation, at least 1 h, and at most every replica
        # the peak needs running all the active hours (more traffic means more workers, not a longer month)
        busy = requests * reply / tps / 3600
        billed = min(hours * replicas, max(1.0, busy / float(a["scale_to_zero_utilisation"])))
        out["billed_hours"] = billed
        out["replicas"] = 1  # the billed GPU-hours already count every worker that runs
        workers = max(1, math.ceil(billed / hours)) if hours > 0 else 1
        text = (
            f"scales to zero: {busy:,.2f} busy h ({count(requests)} × {count(reply)} tokens / {count(tps)} tokens/s) "
            f"/ {float(a['scale_to_zero_utilisation']):.0%} utilisation = {billed:,.1f} billed GPU-h"
            + (f", about {workers} workers at once on average" if workers > 1 else "")
        )
    out["text"] = text
    return out


def _sum(*parts: float | None) -> float | None:
    return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)


def option(m: ModelPrice, inputs: CostInputs, a: Mapping[str, Any], rag_fixed: Mapping[str, Any] | None) -> dict:
    """Every figure for one model, with its arithmetic and warnings."""
    cur = m.currency
    warnings: list[str] = []
    unknown: list[str] = []
    used: list[str] = []  # key paths of the values the figures rest on
    method = a["method"]
    picked = pick_rate(m, method, a.get("rate_key"))
    epochs, epochs_text = epochs_for(m, inputs.effective_examples, a["epochs"])
    if a["epochs"] is None:
        used.append("default_epochs")
    if picked is None:
        rate_key, rate = None, None
        warnings.append(f"{m.key} does not offer {method} training (rates: {', '.join(m.training.rates)})")
        unknown.append("training rate")
        train: dict[str, Any] = {
            "dataset_tokens": inputs.dataset_tokens(m.max_example_tokens),
            "billed_tokens": None,
            "hours": None,
            "cost": None,
            "tokens_text": "n/a",
            "text": f"n/a: {method} training is not offered",
        }
    else:
        rate_key, rate = picked
        used += [f"training.rates.{rate_key}", "training.minimum_charge", "max_example_tokens"]
        if m.training.unit != "per_1m_tokens":
            used += ["training.tokens_per_second", "training.overhead_minutes"]
        train = training_cost(m, inputs, epochs, rate, a["validation_evals"])
        if train.get("unknown"):
            unknown.append(train["unknown"])
    requests, prompt, reply = float(a["requests_per_month"]), float(a["prompt_tokens"]), float(a["reply_tokens"])
    serving = serving_plan(m, a)
    hosting, hosting_text, hosting_unknown = hosting_cost(m, serving["billed_hours"])
    if hosting is not None and serving["replicas"] > 1:
        hosting_text = f"{serving['replicas']} replicas × ({hosting_text})"
        hosting *= serving["replicas"]
        hosting_text += f" = {money(hosting, cur)}"
    if serving["text"]:
        hosting_text = f"{hosting_text} [{serving['text']}]"
    if serving["warning"]:
        warnings.append(serving["warning"])
    used.append("hosting")
    if hosting_unknown:
        unknown.append(hosting_unknown)
    inference, inference_text = inference_cost(m.inference, requests, prompt, reply, cur, "fine-tuned model")
    used.append("inference")
    if inference is None:
        unknown.append("fine-tuned inference")
    base, base_text = inference_cost(m.base_inference, requests, prompt, reply, cur, "base model")
    updates = float(a["updates_per_year"])
    training = train["cost"]
    horizon = int(a["horizon_months"])
    today = inputs.today
    end = add_months(today, horizon)
    status = m.lifecycle.status_on(today)
    until, shutdown = m.lifecycle.training_until, m.lifecycle.serving_until
    serving_end = min(end, shutdown) if shutdown is not None else end
    served_months = max(0.0, min(float(horizon), (serving_end - today).days / DAYS_PER_MONTH))
    cycles = retrain_dates(today, updates, end, until, shutdown)
    retraining = None if training is None else len(cycles) * training
    retraining_text = (
        f"{len(cycles)} update cycles in {horizon} months ({count(updates)}/year"
        + (", within the lifecycle dates" if (until or shutdown) else "")
        + f") × {money(training, cur)} = {money(retraining, cur)}"
        if training is not None
        else f"{UNKNOWN}: the training cost is unknown"
    )
    monthly = _sum(hosting, inference)
    first_year = None if monthly is None else _sum(training, retraining, served_months * monthly)
    if status in ("retired", "training-closed"):
        first_year = None
    months_text = count(horizon) if served_months == horizon else f"{served_months:.1f} (serving stops {shutdown})"
    first_year_text = (
        f"{money(training, cur)} first training + {money(retraining, cur)} retraining + {months_text} months × "
        f"({money(hosting, cur)} hosting + {money(inference, cur)} inference) = {money(first_year, cur)}"
    )
    rag_total, rag_inference, rag_text = None, None, f"{UNKNOWN}: RAG tables or base-model prices missing"
    if rag_fixed is not None:
        rag_inference, rag_inf_text = inference_cost(
            m.base_inference, requests, prompt + float(a["rag_context_tokens"]), reply, cur, "base model"
        )
        yearly = _sum(
            rag_fixed["embedding_once"],
            None if rag_fixed["reembedding_per_year"] is None else rag_fixed["reembedding_per_year"] * horizon / 12,
        )
        store = rag_fixed["vector_store_per_month"]
        rag_monthly = _sum(store, rag_inference)
        rag_total = None if rag_monthly is None or yearly is None else yearly + horizon * rag_monthly
        rag_text = (
            f"{money(rag_fixed['embedding_once'], cur)} embedding + {money(rag_fixed['reembedding_per_year'], cur)}"
            f"/year re-embedding × {count(horizon)}/12 + {count(horizon)} × ({money(store, cur)} vector store + "
            f"{money(rag_inference, cur)} inference with {count(float(a['rag_context_tokens']))} context tokens) = "
            f"{money(rag_total, cur)}"
        )
        if rag_inference is None:
            rag_text = f"{UNKNOWN}: the base model's token prices are null ({rag_inf_text})"

    # warnings
    age = (today - m.as_of).days
    if age > int(a["stale_after_days"]):
        warnings.append(
            f"prices are {age} days old (as of {m.as_of_text}, {m.file}); check them against "
            f"{m.source_urls[0] if m.source_urls else 'the provider'}"
        )
    nxt = next_update(today, updates)
    lifecycle_issue = False
    if status == "retired":
        when = f" on {shutdown.isoformat()}" if shutdown else ""
        warnings.append(f"retired: the model stopped serving{when}; listed for reference, never chosen")
        lifecycle_issue = True
    elif status == "training-closed":
        when = f" since {until.isoformat()}" if until else ""
        warnings.append(f"training closed{when}: this model cannot be fine-tuned any more")
        lifecycle_issue = True
    elif status == "closed-to-new-customers":
        warnings.append("closed to new customers: only customers who already fine-tune with it can train")
        lifecycle_issue = True
    if status not in ("retired", "training-closed"):
        if until is not None and until < end:
            warnings.append(
                f"training closes on {until.isoformat()}, inside the {horizon}-month horizon"
                + (f": the update cycle of about {nxt.isoformat()} cannot retrain" if nxt and until < nxt else "")
            )
            lifecycle_issue = True
        if shutdown is not None and shutdown < end:
            warnings.append(
                f"serving stops on {shutdown.isoformat()}, inside the {horizon}-month horizon: the total covers "
                f"{served_months:.1f} months"
            )
            lifecycle_issue = True
    if status is None:
        warnings.append("no lifecycle data in the table: availability unknown")
    if m.status != "active":
        what = "is winding down" if m.status == "winding_down" else "is deprecated"
        warnings.append(f"{m.provider} fine-tuning {what}" + (f": {m.status_note}" if m.status_note else ""))
    if status in ("retired", "training-closed"):
        first_year_text = f"n/a: {status}"
    for u in unknown:
        warnings.append(f"unknown price ({u}): the first-year total is n/a")
    weak = sorted({u for u in m.unconfirmed if any(m.is_unconfirmed(p) and _related(u, p) for p in used)})
    if weak:
        warnings.append(f"unconfirmed values used: {', '.join(weak)}")

    return {
        "provider": m.provider,
        "model": m.model,
        "key": m.key,
        "display_name": m.display_name,
        "currency": cur,
        "status": m.status,
        "lifecycle_status": status,
        "as_of": m.as_of_text,
        "age_days": age,
        "method": method,
        "rate_key": rate_key,
        "training_unit": m.training.unit,
        "training_rate": rate,
        "epochs": epochs,
        "dataset_tokens": train["dataset_tokens"],
        "training_tokens": train["billed_tokens"],
        "training_hours": _r(train["hours"]),
        "training_per_run": _r(training),
        "hosting_kind": m.hosting.kind,
        "hosting_per_month": _r(hosting),
        "replicas": serving["replicas"],
        "hosting_hours_per_month": _r(serving["billed_hours"]),
        "scales_to_zero": m.hosting.scales_to_zero,
        "horizon_months": horizon,
        "served_months": round(served_months, 2),
        "retrain_months": [round((d - today).days / DAYS_PER_MONTH, 2) for d in cycles],
        "monthly_total": _r(monthly),
        "inference_per_month": _r(inference),
        "base_inference_per_month": _r(base),
        "retraining_per_year": _r(retraining),
        "first_year_total": _r(first_year),
        "rag_inference_per_month": _r(rag_inference),
        "base_prices": None
        if m.base_inference is None
        else {"input": m.base_inference.input, "output": m.base_inference.output},
        "rag_first_year_total": _r(rag_total),
        "lifecycle": {
            "status": status,
            "training_until": until.isoformat() if until else None,
            "serving_until": shutdown.isoformat() if shutdown else None,
            "training_source": m.lifecycle.training_source,
            "serving_source": m.lifecycle.serving_source,
            "next_update": nxt.isoformat() if nxt else None,
        },
        "lifecycle_issue": lifecycle_issue,
        "unknown": unknown,
        "unconfirmed": list(m.unconfirmed),
        "unconfirmed_used": weak,
        "sources": list(m.source_urls),
        "file": m.file,
        "chosen": False,
        "warnings": warnings,
        "arithmetic": {
            "epochs": epochs_text,
            "training_tokens": train["tokens_text"],
            "training_per_run": train["text"],
            "hosting_per_month": hosting_text,
            "inference_per_month": inference_text,
            "base_inference_per_month": base_text,
            "retraining_per_year": retraining_text,
            "first_year_total": first_year_text,
            "rag_first_year_total": rag_text,
        },
    }


def _related(unconfirmed: str, used: str) -> bool:
    return unconfirmed == used or unconfirmed.startswith(used + ".") or used.startswith(unconfirmed + ".")


# ---------------------------------------------------------------------------------------------------------------
# RAG


def rag_fixed_costs(rag: RagTable, a: Mapping[str, Any]) -> dict[str, Any]:
    """The RAG figures that do not depend on the model: embedding, re-embedding and the vector store."""
    cur = rag.currency
    emb = rag.embeddings[a["rag_embedding"]]
    corpus = int(a["rag_corpus_tokens"])
    share = float(a["rag_changed_share"])
    updates = float(a["updates_per_year"])
    hours = float(a["rag_store_hours_per_month"])
    requests = float(a["requests_per_month"])
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
    if a.get("rag_vector_store"):
        store = rag.vector_stores[a["rag_vector_store"]]
        store_cost, store_text = _vector_store_cost(store, gb, hours, requests, cur)
    else:  # sized to the corpus: the cheapest store with a known price (table order breaks ties)
        priced = [(st, *_vector_store_cost(st, gb, hours, requests, cur)) for st in rag.vector_stores.values()]
        known = [p for p in priced if p[1] is not None]
        store, store_cost, store_text = min(known, key=lambda p: p[1] or 0.0) if known else priced[0]
        store_text += f" (the cheapest of {len(rag.vector_stores)} stores for this corpus)"
    arithmetic["vector_store_per_month"] = store_text
    if store_cost is None:
        warnings.append(f"unknown price: vector store {store.name}")
    return {
        "embedding": emb.name,
        "vector_store": store.name,
        "corpus_tokens": corpus,
        "changed_share": share,
        "changed_share_source": a.get("rag_changed_share_source"),
        "chunks": chunks,
        "storage_gb": None if gb is None else round(gb, 6),
        "embedding_once": once,
        "reembedding_per_year": reembed,
        "vector_store_per_month": store_cost,
        "warnings": warnings,
        "arithmetic": arithmetic,
    }


def _vector_store_cost(s: Any, gb: float | None, hours: float, requests: float, cur: str) -> tuple[float | None, str]:
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
