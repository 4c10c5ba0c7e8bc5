"""FT7xx rules: costs and pricing. Each reads the `costs` section the costs stage computed (ftready.costs)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ftready.humanize import count, money
from ftready.model import CostOption, CostsSection, Severity
from ftready.rules.base import Hit, Params

if TYPE_CHECKING:
    from ftready.stages.context import Context


def _chosen(ctx: Context) -> tuple[CostsSection, CostOption] | None:
    c = ctx.costs
    return None if c is None or c.chosen is None else (c, c.chosen)


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
    picked = _chosen(ctx)
    if picked is None:
        return None
    c, o = picked
    limit = int(p["max_age_days"])
    parts = []
    age = o.age_days
    if age > limit:
        src = (o.sources or ("the provider's pricing page",))[0]
        parts.append(f"prices for {o.name} are {age:,} days old (as of {o.as_of}, {o.file}); check {src}")
    rag_age = c.rag.age_days if c.rag is not None else None
    if c.rag is not None and rag_age is not None and rag_age > limit:
        parts.append(f"RAG prices are {rag_age:,} days old (as of {c.rag.as_of})")
    if not parts:
        return None
    return Hit("; ".join(parts), value=age, threshold=limit)


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
    picked = _chosen(ctx)
    if picked is None:
        return None
    c, o = picked
    life = o.lifecycle
    today_s = c.today
    nxt = life.next_update
    until = life.training_until
    shutdown = life.serving_until
    horizon = c.horizon_months
    end = (date.fromisoformat(today_s) + timedelta(days=round(horizon * 365 / 12))).isoformat()
    parts = []
    if life.status == "closed-to-new-customers":
        parts.append(f"{o.name} is closed to new customers (only existing ones can train)")
    if until and until < today_s:
        parts.append(f"{o.name} has accepted no new training jobs since {until}")
    elif until and nxt and until < nxt:
        parts.append(f"{o.name} accepts no new training jobs after {until}, before the next update cycle (about {nxt})")
    elif until and until < end:
        parts.append(f"training closes on {until}, inside the {horizon}-month horizon")
    if shutdown and shutdown < end:
        parts.append(f"the fine-tuned model stops serving on {shutdown}, inside the {horizon}-month horizon")
    status = o.status
    if status == "deprecated":
        parts.append(f"{o.provider} fine-tuning is deprecated")
    elif status == "winding_down" and not parts:
        parts.append(f"{o.provider} fine-tuning is winding down")
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
    c = ctx.costs
    if c is None:
        return None
    o = c.chosen
    options = c.options
    if o is not None:
        unknown = o.unknown
        if not unknown:
            return None
        return Hit(f"the first-year total for {o.name} is n/a: unknown {', '.join(unknown)}", count=len(unknown))
    if not options:
        return Hit(f"no pricing table offers {c.assumptions.method} training")
    return Hit(f"no model has a complete first-year estimate ({len(options)} compared)", count=len(options))


def retraining_over_rag(ctx: Context, ratio: float = 1.0) -> tuple[CostOption, float, float] | None:
    """(chosen option, retraining a year, RAG first year) when retraining the chosen model for a year costs more
    than `ratio` times the first year of the RAG alternative, else None."""
    picked = _chosen(ctx)
    if picked is None:
        return None
    o = picked[1]
    retrain, rag = o.retraining_per_year, o.rag_first_year_total
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
    c = ctx.costs
    over = retraining_over_rag(ctx, float(p["ratio"]))
    if over is None or c is None:
        return None
    o, retrain, rag = over
    cur = c.currency
    updates = c.assumptions.updates_per_year
    return Hit(
        f"retraining {o.name} {count(float(updates))} times a year costs {money(retrain, cur)}, more than the first year of "
        f"RAG ({money(rag, cur)}); if the data changes mostly in facts, retrieval is cheaper to keep current",
        value=round(retrain / rag, 2) if rag else None,
        threshold=float(p["ratio"]),
    )


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
    picked = _chosen(ctx)
    if picked is None or not picked[1].unconfirmed_used:
        return None
    o = picked[1]
    used = o.unconfirmed_used
    return Hit(f"{o.name}: unconfirmed values used: {', '.join(used)}", count=len(used))


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
    picked = _chosen(ctx)
    if picked is None:
        return None
    c, o = picked
    hosting, total = o.hosting_per_month, o.first_year_total
    if not hosting or not total:
        return None
    share = float(o.served_months or 12) * hosting / total
    if share <= float(p["share"]):
        return None
    cur = c.currency
    hours = o.hosting_hours_per_month or c.assumptions.hosting_hours_per_month or 0
    replicas = o.replicas or 1
    return Hit(
        f"hosting {o.name} is {share:.0%} of its cost over the horizon ({money(hosting, cur)} a month, "
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
    c = ctx.costs
    if c is None:
        return None
    method = c.assumptions.method
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
