"""One model's figures: training, hosting (replicas, scale to zero), inference, retraining and its lifecycle, each with its arithmetic."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from ftready.costs.inputs import DAYS_PER_MONTH, RATE_PREFERENCE, CostInputs, _r, next_update
from ftready.costs.rag import RagFixed
from ftready.epochs import default_epochs
from ftready.humanize import UNKNOWN_PRICE as UNKNOWN
from ftready.humanize import count, money, unit_price
from ftready.model.costs import Assumptions, BasePrices, CostOption, Lifecycle, OptionArithmetic
from ftready.pricing import ModelPrice, TokenPrices


@dataclass(frozen=True, slots=True)
class TrainingRun:
    """Billed tokens, hours and the cost of one training run, with their arithmetic."""

    dataset_tokens: int
    billed_tokens: int | None
    hours: float | None
    cost: float | None
    tokens_text: str
    text: str
    unknown: str | None = None


@dataclass(frozen=True, slots=True)
class ServingPlan:
    """Replicas and billed hours of serving, with their arithmetic."""

    replicas: int
    billed_hours: float
    text: str = ""
    warning: str | None = None


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
) -> TrainingRun:
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

    def unknown(text: str, what: str) -> TrainingRun:
        return TrainingRun(once, billed, None, None, tokens_text, text, what)

    if rate is None:
        return unknown(f"{UNKNOWN}: the training rate is null", "training rate")
    hours: float | None = None
    if t.unit == "per_1m_tokens":
        raw = billed / 1e6 * rate
        text = f"{billed:,} tokens × {unit_price(rate, cur, '1M')} = {money(raw, cur)}"
    else:
        if t.tokens_per_second is None:
            return unknown(
                f"{UNKNOWN}: training is billed by the hour and its throughput (tokens/s) is unknown",
                "training throughput",
            )
        gpus = t.gpus if t.unit == "per_gpu_hour" else 1
        hours = billed / (t.tokens_per_second * gpus) / 3600 + t.overhead_minutes / 60
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
    return TrainingRun(once, billed, hours, cost, tokens_text, text)


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


def serving_plan(m: ModelPrice, a: Assumptions) -> ServingPlan:
    """Replicas and billed hours of hourly or dedicated serving.

    peak tokens/s = requests per month / (active hours × 3600) × reply tokens × peak factor
    replicas      = ceil(peak tokens/s / the table's serving tokens per second per replica)
    billed hours  = active hours; on a scale-to-zero row: busy hours / utilisation (at least 1 h), at most replicas
                    × active hours (GPU-hours: more traffic runs more workers at once)
    """
    hours = float(a.hosting_hours_per_month)
    h = m.hosting
    if h.kind not in ("hourly", "dedicated"):
        return ServingPlan(1, hours)
    requests, reply = float(a.requests_per_month), float(a.reply_tokens)
    tps = h.serving_tokens_per_second
    if tps is None:
        return ServingPlan(1, hours, warning="serving throughput unknown: one replica assumed whatever the traffic")
    peak = requests * reply / (hours * 3600) * float(a.peak_factor) if hours > 0 else 0.0
    replicas = max(1, math.ceil(peak / tps))
    text = (
        f"peak {peak:,.1f} tokens/s ({count(requests)} requests × {count(reply)} reply tokens / {count(hours)} h × "
        f"peak factor {count(float(a.peak_factor))}) / {count(tps)} tokens/s per replica → {replicas} replica"
        + ("s" if replicas > 1 else "")
    )
    if not h.scales_to_zero:
        return ServingPlan(replicas, hours, text)
    # billed GPU-hours follow the work done: busy hours / utilisation, at least 1 h, and at most every replica the
    # peak needs running all the active hours (more traffic means more workers, not a longer month)
    utilisation = float(a.scale_to_zero_utilisation)
    busy = requests * reply / tps / 3600
    billed = min(hours * replicas, max(1.0, busy / utilisation))
    workers = max(1, math.ceil(billed / hours)) if hours > 0 else 1
    text = (
        f"scales to zero: {busy:,.2f} busy h ({count(requests)} × {count(reply)} tokens / {count(tps)} tokens/s) "
        f"/ {utilisation:.0%} utilisation = {billed:,.1f} billed GPU-h"
        + (f", about {workers} workers at once on average" if workers > 1 else "")
    )
    # the billed GPU-hours already count every worker that runs: one replica
    return ServingPlan(1, billed, text)


def _sum(*parts: float | None) -> float | None:
    return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)


def option(m: ModelPrice, inputs: CostInputs, a: Assumptions, rag_fixed: RagFixed | None) -> CostOption:
    """Every figure for one model, with its arithmetic and warnings."""
    cur = m.currency
    warnings: list[str] = []
    unknown: list[str] = []
    used: list[str] = []  # key paths of the values the figures rest on
    method = a.method
    picked = pick_rate(m, method, a.rate_key)
    epochs, epochs_text = epochs_for(m, inputs.effective_examples, a.epochs)
    if a.epochs is None:
        used.append("default_epochs")
    rate_key: str | None
    rate: float | None
    if picked is None:
        rate_key, rate = None, None
        warnings.append(f"{m.key} does not offer {method} training (rates: {', '.join(m.training.rates)})")
        unknown.append("training rate")
        train = TrainingRun(
            inputs.dataset_tokens(m.max_example_tokens),
            None,
            None,
            None,
            "n/a",
            f"n/a: {method} training is not offered",
        )
    else:
        rate_key, rate = picked
        used += [f"training.rates.{rate_key}", "training.minimum_charge", "max_example_tokens"]
        if m.training.unit != "per_1m_tokens":
            used += ["training.tokens_per_second", "training.overhead_minutes"]
        train = training_cost(m, inputs, epochs, rate, a.validation_evals)
        if train.unknown:
            unknown.append(train.unknown)
    requests, prompt, reply = float(a.requests_per_month), float(a.prompt_tokens), float(a.reply_tokens)
    serving = serving_plan(m, a)
    hosting, hosting_text, hosting_unknown = hosting_cost(m, serving.billed_hours)
    if hosting is not None and serving.replicas > 1:
        hosting_text = f"{serving.replicas} replicas × ({hosting_text})"
        hosting *= serving.replicas
        hosting_text += f" = {money(hosting, cur)}"
    if serving.text:
        hosting_text = f"{hosting_text} [{serving.text}]"
    if serving.warning:
        warnings.append(serving.warning)
    used.append("hosting")
    if hosting_unknown:
        unknown.append(hosting_unknown)
    inference, inference_text = inference_cost(m.inference, requests, prompt, reply, cur, "fine-tuned model")
    used.append("inference")
    if inference is None:
        unknown.append("fine-tuned inference")
    base, base_text = inference_cost(m.base_inference, requests, prompt, reply, cur, "base model")
    updates = float(a.updates_per_year)
    training = train.cost
    horizon = a.horizon_months
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
    rag_total: float | None = None
    rag_inference: float | None = None
    rag_text = f"{UNKNOWN}: RAG tables or base-model prices missing"
    if rag_fixed is not None:
        context = float(a.rag_context_tokens)
        rag_inference, rag_inf_text = inference_cost(
            m.base_inference, requests, prompt + context, reply, cur, "base model"
        )
        yearly = _sum(
            rag_fixed.embedding_once,
            None if rag_fixed.reembedding_per_year is None else rag_fixed.reembedding_per_year * horizon / 12,
        )
        store = rag_fixed.vector_store_per_month
        rag_monthly = _sum(store, rag_inference)
        rag_total = None if rag_monthly is None or yearly is None else yearly + horizon * rag_monthly
        rag_text = (
            f"{money(rag_fixed.embedding_once, cur)} embedding + {money(rag_fixed.reembedding_per_year, cur)}"
            f"/year re-embedding × {count(horizon)}/12 + {count(horizon)} × ({money(store, cur)} vector store + "
            f"{money(rag_inference, cur)} inference with {count(context)} context tokens) = "
            f"{money(rag_total, cur)}"
        )
        if rag_inference is None:
            rag_text = f"{UNKNOWN}: the base model's token prices are null ({rag_inf_text})"

    # warnings
    age = (today - m.as_of).days
    if age > a.stale_after_days:
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

    return CostOption(
        provider=m.provider,
        model=m.model,
        key=m.key,
        display_name=m.display_name,
        currency=cur,
        status=m.status,
        lifecycle_status=status,
        as_of=m.as_of_text,
        age_days=age,
        method=method,
        rate_key=rate_key,
        training_unit=m.training.unit,
        training_rate=rate,
        epochs=epochs,
        dataset_tokens=train.dataset_tokens,
        training_tokens=train.billed_tokens,
        training_hours=_r(train.hours),
        training_per_run=_r(training),
        hosting_kind=m.hosting.kind,
        hosting_per_month=_r(hosting),
        replicas=serving.replicas,
        hosting_hours_per_month=_r(serving.billed_hours),
        scales_to_zero=m.hosting.scales_to_zero,
        horizon_months=horizon,
        served_months=round(served_months, 2),
        retrain_months=tuple(round((d - today).days / DAYS_PER_MONTH, 2) for d in cycles),
        monthly_total=_r(monthly),
        inference_per_month=_r(inference),
        base_inference_per_month=_r(base),
        retraining_per_year=_r(retraining),
        first_year_total=_r(first_year),
        rag_inference_per_month=_r(rag_inference),
        base_prices=None
        if m.base_inference is None
        else BasePrices(input=m.base_inference.input, output=m.base_inference.output),
        rag_first_year_total=_r(rag_total),
        lifecycle=Lifecycle(
            status=status,
            training_until=until.isoformat() if until else None,
            serving_until=shutdown.isoformat() if shutdown else None,
            training_source=m.lifecycle.training_source,
            serving_source=m.lifecycle.serving_source,
            next_update=nxt.isoformat() if nxt else None,
        ),
        lifecycle_issue=lifecycle_issue,
        unknown=tuple(unknown),
        unconfirmed=tuple(m.unconfirmed),
        unconfirmed_used=tuple(weak),
        sources=tuple(m.source_urls),
        file=m.file,
        chosen=False,
        warnings=tuple(warnings),
        arithmetic=OptionArithmetic(
            epochs=epochs_text,
            training_tokens=train.tokens_text,
            training_per_run=train.text,
            hosting_per_month=hosting_text,
            inference_per_month=inference_text,
            base_inference_per_month=base_text,
            retraining_per_year=retraining_text,
            first_year_total=first_year_text,
            rag_first_year_total=rag_text,
        ),
    )


def _related(unconfirmed: str, used: str) -> bool:
    return unconfirmed == used or unconfirmed.startswith(used + ".") or used.startswith(unconfirmed + ".")
