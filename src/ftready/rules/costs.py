"""FT7xx rules: costs and pricing. Each reads the `costs` section the costs stage computed (ftready.costs)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ftready.humanize import count, money
from ftready.model import Severity
from ftready.rules.base import Hit, Params

if TYPE_CHECKING:
    from ftready.stages.context import Context


def _costs(ctx: Context) -> Mapping[str, Any] | None:
    c = ctx.costs
    return c if isinstance(c, Mapping) else None


def _chosen(ctx: Context) -> Mapping[str, Any] | None:
    c = _costs(ctx)
    ch = c.get("chosen") if c else None
    return ch if isinstance(ch, Mapping) else None


def _name(o: Mapping[str, Any]) -> str:
    return str(o.get("key") or f"{o.get('provider')}/{o.get('model')}")


def stale_prices(ctx: Context, p: Params) -> Hit | None:
    """The chosen model's prices are older than max_age_days.

    What it finds:
        The pricing table of the chosen model (or the RAG table) whose `as_of` date is more than `max_age_days`
        before today; one finding per run, naming the table's file and its source.

    Why it matters:
        Fine-tuning prices change often: providers cut rates, add minimum charges, retire serverless hosting. A
        cost estimate from a table read months ago can be off by a wide margin.

    How to fix:
        Check the source named in the pricing file and update it (see docs/pricing.md), or add a newer table with
        --pricing DIR.

    Parameters:
        max_age_days: how old a table may be before it is reported.
    """
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
    return Hit("; ".join(parts), value=age if isinstance(age, int) else rag_age, threshold=limit)


def model_lifecycle(ctx: Context, p: Params) -> Hit | None:
    """The chosen model is retired, deprecated or winding down before the next update cycle.

    What it finds:
        A chosen model that is closed to new customers, stops accepting training jobs before the next update
        cycle or inside the horizon, stops serving inside the horizon, or whose provider's fine-tuning is
        deprecated or winding down.

    Why it matters:
        A fine-tuned model is only worth its cost while it can be retrained and served. When a provider stops
        accepting training jobs before the next planned update, or shuts the base model down within the horizon,
        the data and the money spent on training cannot be carried forward.

    How to fix:
        Plan a migration, or choose another model (`--model`, or let ftready pick the cheapest available one).

    Parameters:
        None.
    """
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
    return Hit("; ".join(parts), value=until or shutdown or status, threshold=nxt)


def unknown_price(ctx: Context, p: Params) -> Hit | None:
    """A price the cost estimate needs is unknown (null in the pricing tables).

    What it finds:
        A chosen model whose total is n/a because a training rate, hosting fee or token price is null; or no
        model with a complete estimate; or no table offering the training method asked for.

    Why it matters:
        ftready never counts an unknown price as zero: the total of a model with a null price is shown as n/a,
        and a comparison without it may pick another option.

    How to fix:
        Fill the price in from the provider's page in a pricing file of your own (--pricing DIR) to get a
        complete estimate.

    Parameters:
        None.
    """
    c = _costs(ctx)
    if c is None:
        return None
    o = _chosen(ctx)
    options = c.get("options") or []
    if o is not None:
        unknown = list(o.get("unknown") or [])
        if not unknown:
            return None
        return Hit(f"the first-year total for {_name(o)} is n/a: unknown {', '.join(unknown)}", count=len(unknown))
    if not options:
        method = (c.get("assumptions") or {}).get("method")
        return Hit(f"no pricing table offers {method} training")
    return Hit(f"no model has a complete first-year estimate ({len(options)} compared)", count=len(options))


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


def retraining_exceeds_rag(ctx: Context, p: Params) -> Hit | None:
    """Retraining every cycle costs more in a year than the whole first year of the RAG alternative.

    What it finds:
        A chosen model whose retraining over the horizon costs more than `ratio` times the RAG alternative's
        total over the same horizon.

    Why it matters:
        When the knowledge in the data changes often, every update means another training run. If retraining
        alone costs more than building and running retrieval over the same corpus (embedding, vector store and
        longer prompts), RAG is the cheaper way to keep answers current.

    How to fix:
        Fine-tune for behaviour and format, retrieve for facts; or update less often.

    Parameters:
        ratio: how many times the RAG total retraining must exceed.
    """
    c = _costs(ctx)
    over = retraining_over_rag(ctx, float(p["ratio"]))
    if over is None or c is None:
        return None
    o, retrain, rag = over
    cur = str(c.get("currency") or "USD")
    updates = (c.get("assumptions") or {}).get("updates_per_year")
    return Hit(
        f"retraining {_name(o)} {count(float(updates or 0))} times a year costs {money(retrain, cur)}, more than the first year of "
        f"RAG ({money(rag, cur)}); if the data changes mostly in facts, retrieval is cheaper to keep current",
        value=round(retrain / rag, 2) if rag else None,
        threshold=float(p["ratio"]),
    )


def unknown_model(ctx: Context, p: Params) -> Hit | None:
    """The model named in the assumptions is not in the pricing tables.

    What it finds:
        A model id given through the library API (`Settings` assumptions) that no pricing table lists. The
        command line refuses such an id with exit 2 and the closest ids instead, so this finding comes only
        from programs that call ftready directly.

    Why it matters:
        The cost estimate and the per-example token limit come from the pricing entry of the chosen model. A
        model id that no table lists gets default limits and a comparison of every model instead.

    How to fix:
        Check the spelling with `ftready pricing list`, or add the model in a pricing file of your own.

    Parameters:
        None.
    """
    c = _costs(ctx)
    if c is None or not c.get("model_not_found"):
        return None
    return Hit(f"model {c['model_not_found']!r} is not in the pricing tables; every model was compared instead")


def unconfirmed_prices(ctx: Context, p: Params) -> Hit | None:
    """The chosen model's estimate rests on values marked unconfirmed in the pricing tables.

    What it finds:
        Values the chosen model's figures use that its pricing table lists under `unconfirmed`.

    Why it matters:
        Some figures could only be found in one weak or old source (a third-party copy, a single secondary
        report), or are derived estimates such as a GPU's serving throughput.

    How to fix:
        Treat the estimate as indicative and check those values with the provider before committing a budget.

    Parameters:
        None.
    """
    o = _chosen(ctx)
    if o is None or not o.get("unconfirmed_used"):
        return None
    used = list(o["unconfirmed_used"])
    return Hit(f"{_name(o)}: unconfirmed values used: {', '.join(used)}", count=len(used))


def hosting_dominates(ctx: Context, p: Params) -> Hit | None:
    """Hosting is most of the chosen model's cost over the horizon.

    What it finds:
        A chosen model whose hosting fees over the served months are more than `share` of its total.

    Why it matters:
        Providers that serve fine-tuned models only on dedicated endpoints or provisioned throughput charge by
        the hour whether or not the model is called. At low traffic this fee, not training, decides the cost.

    How to fix:
        Compare with per-token or scale-to-zero hosting elsewhere, or lower hosting_hours_per_month if the
        endpoint can be stopped.

    Parameters:
        share: the share of the total above which hosting is reported.
    """
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
    hours = o.get("hosting_hours_per_month") or (c.get("assumptions") or {}).get("hosting_hours_per_month") or 0
    replicas = o.get("replicas") or 1
    return Hit(
        f"hosting {_name(o)} is {share:.0%} of its cost over the horizon ({money(hosting, cur)} a month, "
        f"{count(hours)} billed hours{', ' + str(replicas) + ' replicas' if replicas > 1 else ''})",
        value=round(share, 4),
        threshold=float(p["share"]),
    )


PREFERENCE_FORMATS = frozenset({"openai-preference", "preference-messages", "sharegpt-preference", "preference"})


def method_does_not_fit_data(ctx: Context, p: Params) -> Hit | None:
    """The training method priced is not one the data can be used for.

    What it finds:
        `--method dpo` (preference training) on data without preference pairs (no chosen and rejected replies),
        or `--method sft` on preference data, where only the chosen replies would be trained on.

    Why it matters:
        The costs are priced for the method asked for; a DPO job needs a chosen and a rejected reply per
        prompt, and a provider refuses a DPO upload of plain conversations. An estimate for a job that cannot
        run on this file is no estimate.

    How to fix:
        Price the method the data fits (`--method sft` for conversations, `--method dpo` for preference
        pairs), or convert the data first.

    Parameters:
        None.
    """
    c = _costs(ctx)
    if c is None:
        return None
    method = str((c.get("assumptions") or {}).get("method") or "sft")
    fmt = ctx.info.format
    preference = fmt in PREFERENCE_FORMATS
    if method == "dpo" and not preference:
        return Hit(
            f"--method dpo prices preference training, but the data is {ctx.info.format_name} with no chosen and "
            "rejected replies: a DPO job needs pairs; price --method sft, or convert the data"
        )
    if method == "sft" and preference:
        return Hit(
            f"the data is {ctx.info.format_name}; --method sft trains on the chosen replies only and ignores the "
            "rejected ones (price --method dpo to use the pairs)",
            severity=Severity.INFO,  # a common and valid choice: worth knowing, not a warning
        )
    return None
