"""FT7xx: costs and pricing. `stage()` builds the cost inputs from the dataset, loads the price book and runs the
cost model (ftready.costs); the checks below read its result from `ctx.costs`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

import numpy as np

from ftready.checks.context import Context
from ftready.checks.registry import check, spec
from ftready.costs import CostInputs, estimate, tokens_at_limit_from_counts
from ftready.humanize import count, money
from ftready.io import today
from ftready.model import Finding, Severity
from ftready.pricing import load_pricebook


def _mean(values: Any) -> float:
    arr = np.asarray(values, dtype=np.float64)
    arr = arr[~np.isnan(arr)]
    return float(arr.mean()) if arr.size else 0.0


def inputs_from_context(ctx: Context, on: date | None = None) -> CostInputs:
    """CostInputs from the token counts of the frame (and of the validation frame), the effective example count
    and the measured churn."""
    frame = ctx.frame
    tok = frame["tokens"].cast(float).to_numpy() if "tokens" in frame.columns else np.zeros(0)
    rep = frame["response_tokens"].cast(float).to_numpy() if "response_tokens" in frame.columns else np.zeros(0)
    known = tok[~np.isnan(tok)].astype(np.int64)
    t = ctx.tokens
    total = int(t.total) if t is not None else int(known.sum())
    at = tokens_at_limit_from_counts(known.tolist())
    tokens_at_limit: Callable[[int], int] = at
    if t is not None and t.sampled:
        # --fast: the total is estimated from a sample, and every example that could exceed the counting limit
        # was counted exactly, so the tokens cut at a limit are those of the counted examples (approximate for a
        # model whose limit is below the counting limit).
        known_sum = int(known.sum())

        def tokens_at_limit(limit: int) -> int:
            return max(0, total - (known_sum - at(limit)))

    validation = 0
    if ctx.validation is not None and "tokens" in ctx.validation.columns:
        validation = int(ctx.validation["tokens"].fill_null(0).sum())
    churn = ctx.churn
    share = None
    projected = None
    if churn is not None:
        p = churn.projected_updates_per_year
        projected = float(p) if p is not None else None
        if 0 <= churn.churn_rate <= 1:
            share = float(churn.churn_rate)
    return CostInputs(
        effective_examples=int(ctx.effective_examples),
        total_tokens=total,
        today=today(on),
        tokens_at_limit=tokens_at_limit,
        validation_tokens=validation,
        prompt_tokens=_mean(tok - rep) if tok.size else 0.0,
        reply_tokens=_mean(rep),
        corpus_tokens=total,
        churn_share=share,
        projected_updates_per_year=projected,
    )


def stage(ctx: Context, on: date | None = None) -> dict[str, Any]:
    """The `costs` section of the report (see ftready.costs.estimate)."""
    inputs = inputs_from_context(ctx, on)
    book = load_pricebook(ctx.settings.pricing_dirs)
    return estimate(inputs, book, ctx.settings.assumptions)


# ---------------------------------------------------------------------------------------------------------------
# Checks


def _costs(ctx: Context) -> Mapping[str, Any] | None:
    c = ctx.costs
    return c if isinstance(c, Mapping) else None


def _chosen(ctx: Context) -> Mapping[str, Any] | None:
    c = _costs(ctx)
    ch = c.get("chosen") if c else None
    return ch if isinstance(ch, Mapping) else None


def _name(o: Mapping[str, Any]) -> str:
    return str(o.get("key") or f"{o.get('provider')}/{o.get('model')}")


@check(
    "FT701",
    "stale-prices",
    Severity.WARNING,
    "The chosen model's prices are older than max_age_days.",
    "Fine-tuning prices change often: providers cut rates, add minimum charges, retire serverless hosting. A cost "
    "estimate from a table read months ago can be off by a wide margin. Check the source named in the pricing "
    "file and update it (see docs/pricing.md), or add a newer table with --pricing DIR.",
    params={"max_age_days": 90},
)
def stale_prices(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    o = _chosen(ctx)
    c = _costs(ctx)
    if o is None or c is None:
        return None
    limit = int(p["max_age_days"])
    parts = []
    age = o.get("age_days")
    if isinstance(age, int) and age > limit:
        src = (o.get("sources") or ["the provider's pricing page"])[0]
        parts.append(
            f"prices for {_name(o)} are {age:,} days old (as of {o.get('as_of')}, {o.get('file')}); check {src}"
        )
    rag = c.get("rag") or {}
    rag_age = rag.get("age_days")
    if isinstance(rag_age, int) and rag_age > limit:
        parts.append(f"RAG prices are {rag_age:,} days old (as of {rag.get('as_of')})")
    if not parts:
        return None
    return spec("FT701").make("; ".join(parts), value=age if isinstance(age, int) else rag_age, threshold=limit)


@check(
    "FT702",
    "model-lifecycle",
    Severity.WARNING,
    "The chosen model is retired, deprecated or winding down before the next update cycle.",
    "A fine-tuned model is only worth its cost while it can be retrained and served. When a provider stops "
    "accepting training jobs before the next planned update, or shuts the base model down within the year, the "
    "data and the money spent on training cannot be carried forward: plan a migration or choose another model.",
)
def model_lifecycle(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    o = _chosen(ctx)
    c = _costs(ctx)
    if o is None or c is None:
        return None
    life = o.get("lifecycle") or {}
    today_s = str(c.get("today"))
    nxt = life.get("next_update")
    until = life.get("training_until")
    shutdown = life.get("serving_until")
    horizon = int(c.get("horizon_months") or 12)
    end = (date.fromisoformat(today_s) + timedelta(days=round(horizon * 365 / 12))).isoformat()
    parts = []
    if life.get("status") == "closed-to-new-customers":
        parts.append(f"{_name(o)} is closed to new customers (only existing ones can train)")
    if until and until < today_s:
        parts.append(f"{_name(o)} has accepted no new training jobs since {until}")
    elif until and nxt and until < nxt:
        parts.append(
            f"{_name(o)} accepts no new training jobs after {until}, before the next update cycle (about {nxt})"
        )
    elif until and until < end:
        parts.append(f"training closes on {until}, inside the {horizon}-month horizon")
    if shutdown and shutdown < end:
        parts.append(f"the fine-tuned model stops serving on {shutdown}, inside the {horizon}-month horizon")
    status = o.get("status")
    if status == "deprecated":
        parts.append(f"{o.get('provider')} fine-tuning is deprecated")
    elif status == "winding_down" and not parts:
        parts.append(f"{o.get('provider')} fine-tuning is winding down")
    if not parts:
        return None
    return spec("FT702").make("; ".join(parts), value=until or shutdown or status, threshold=nxt)


@check(
    "FT703",
    "unknown-price",
    Severity.WARNING,
    "A price the cost estimate needs is unknown (null in the pricing tables).",
    "ftready never counts an unknown price as zero: the first-year total of a model with a null training rate, "
    "hosting fee or token price is shown as n/a. Fill the price in from the provider's page in a pricing file of "
    "your own (--pricing DIR) to get a complete estimate.",
)
def unknown_price(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    c = _costs(ctx)
    if c is None:
        return None
    o = _chosen(ctx)
    options = c.get("options") or []
    if o is not None:
        unknown = list(o.get("unknown") or [])
        if not unknown:
            return None
        return spec("FT703").make(
            f"the first-year total for {_name(o)} is n/a: unknown {', '.join(unknown)}", count=len(unknown)
        )
    if not options:
        method = (c.get("assumptions") or {}).get("method")
        return spec("FT703").make(f"no pricing table offers {method} training")
    return spec("FT703").make(
        f"no model has a complete first-year estimate ({len(options)} compared)", count=len(options)
    )


def retraining_over_rag(ctx: Context, ratio: float = 1.0) -> tuple[Mapping[str, Any], float, float] | None:
    """(chosen option, retraining a year, RAG first year) when retraining the chosen model for a year costs more
    than `ratio` times the first year of the RAG alternative, else None."""
    o = _chosen(ctx)
    if o is None:
        return None
    retrain, rag = o.get("retraining_per_year"), o.get("rag_first_year_total")
    if retrain is None or rag is None or retrain <= ratio * rag:
        return None
    return o, float(retrain), float(rag)


@check(
    "FT704",
    "retraining-exceeds-rag",
    Severity.INFO,
    "Retraining every cycle costs more in a year than the whole first year of the RAG alternative.",
    "When the knowledge in the data changes often, every update means another training run. If a year of "
    "retraining alone costs more than building and running retrieval over the same corpus (embedding, vector "
    "store and longer prompts), RAG is the cheaper way to keep answers current; fine-tune for behaviour and "
    "format, retrieve for facts.",
    params={"ratio": 1.0},
)
def retraining_exceeds_rag(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    c = _costs(ctx)
    over = retraining_over_rag(ctx, float(p["ratio"]))
    if over is None or c is None:
        return None
    o, retrain, rag = over
    cur = str(c.get("currency") or "USD")
    updates = (c.get("assumptions") or {}).get("updates_per_year")
    return spec("FT704").make(
        f"retraining {_name(o)} {updates} times a year costs {money(retrain, cur)}, more than the first year of "
        f"RAG ({money(rag, cur)}); if the data changes mostly in facts, retrieval is cheaper to keep current",
        value=round(retrain / rag, 2) if rag else None,
        threshold=float(p["ratio"]),
    )


@check(
    "FT705",
    "unknown-model",
    Severity.WARNING,
    "The model named in the assumptions is not in the pricing tables.",
    "The cost estimate and the per-example token limit come from the pricing entry of the chosen model. A model "
    "id or alias that no table lists gets default limits and a comparison of every model instead. Check the "
    "spelling with `ftready pricing list`, or add the model in a pricing file of your own.",
)
def unknown_model(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    c = _costs(ctx)
    if c is None or not c.get("model_not_found"):
        return None
    return spec("FT705").make(
        f"model {c['model_not_found']!r} is not in the pricing tables; every model was compared instead"
    )


@check(
    "FT706",
    "unconfirmed-prices",
    Severity.INFO,
    "The chosen model's estimate rests on values marked unconfirmed in the pricing tables.",
    "Some figures could only be found in one weak or old source (a third-party copy, a single secondary "
    "report). The pricing files list them under `unconfirmed`; treat the estimate as indicative and check those "
    "values with the provider before committing a budget.",
)
def unconfirmed_prices(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    o = _chosen(ctx)
    if o is None or not o.get("unconfirmed_used"):
        return None
    used = list(o["unconfirmed_used"])
    return spec("FT706").make(f"{_name(o)}: unconfirmed values used: {', '.join(used)}", count=len(used))


@check(
    "FT707",
    "hosting-dominates",
    Severity.INFO,
    "Always-on hosting is most of the chosen model's first-year cost.",
    "Providers that serve fine-tuned models only on dedicated endpoints or provisioned throughput charge by the "
    "hour whether or not the model is called. At low traffic this fee, not training, decides the cost; compare "
    "with per-token hosting elsewhere or lower hosting_hours_per_month if the endpoint can be stopped.",
    params={"share": 0.5},
)
def hosting_dominates(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    o = _chosen(ctx)
    c = _costs(ctx)
    if o is None or c is None:
        return None
    hosting, total = o.get("hosting_per_month"), o.get("first_year_total")
    if not hosting or not total:
        return None
    share = float(o.get("served_months") or 12) * hosting / total
    if share <= float(p["share"]):
        return None
    cur = str(c.get("currency") or "USD")
    return spec("FT707").make(
        f"hosting {_name(o)} is {share:.0%} of its cost over the horizon ({money(hosting, cur)} a month, "
        f"{count(o.get('hosting_hours_per_month') or (c.get('assumptions') or {}).get('hosting_hours_per_month') or 0)} "
        f"billed hours{', ' + str(o.get('replicas')) + ' replicas' if (o.get('replicas') or 1) > 1 else ''})",
        value=round(share, 4),
        threshold=float(p["share"]),
    )
