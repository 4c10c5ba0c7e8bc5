"""The verdict: is the dataset ready (data readiness), and should the team fine-tune, use RAG, prompt, or fix the
data first (the recommendation)? The two are kept apart: ready data can still be better served by RAG or prompts.

The rules, first match wins (docs/verdict.md documents them; tests/test_verdict.py has one test per rule):

| rule               | when                                                                  | recommendation |
|--------------------|-----------------------------------------------------------------------|----------------|
| errors             | any error-level finding                                               | fix-data       |
| documents          | the records are plain documents, not prompt/reply examples            | rag            |
| changing-facts     | churn implies too many retraining cycles (FT610), or the share of     | rag            |
|                    | replies with dated facts is above the warning share (FT611)          |                |
| small-data         | fewer effective examples than FT201's warning_below                   | prompting      |
| no-tunable-model   | no model can be fine-tuned and served over the horizon at a known     | prompting      |
|                    | price                                                                 |                |
| prompting-cheaper  | prompting costs less than fine-tuning over the horizon (traffic below | prompting      |
|                    | the break-even)                                                       |                |
| fine-tune          | otherwise: enough clean examples of a style, domain language or task  | fine-tune      |
|                    | pattern, and fine-tuning is the cheaper way to use them               |                |

Reasons quote the figures; a reason that rests on a heuristic share names the share and three example lines
(masked with ftready.redact.redact()).
"""

from __future__ import annotations

from collections.abc import Sequence

from ftready.humanize import NA, money
from ftready.model import CostsSection, Finding, Severity, Verdict
from ftready.model.costs import Approaches
from ftready.redact import redact
from ftready.stages.context import Context
from ftready.vocabulary import APPROACH_NAMES, plural

EXAMPLE_CHARS = 90


def _examples(ctx: Context, lines: Sequence[int], n: int = 3) -> str:
    """Three example replies of `lines`, masked and shortened: `line 12: "…"`."""
    try:
        import polars as pl

        rows = ctx.frame.filter(pl.col("line").is_in(list(lines[: n * 4])))
        pairs = list(zip(rows["line"].to_list(), rows["response"].to_list(), strict=False))[:n]
    except Exception:  # the frame lacks the columns (documents, tests): no examples
        return ""
    out = []
    for line, text in pairs:
        t = " ".join(redact(str(text or "")).split())
        out.append(f'line {line}: "{t[:EXAMPLE_CHARS]}{"…" if len(t) > EXAMPLE_CHARS else ""}"')
    return "; e.g. " + "; ".join(out) if out else ""


def _approach_line(costs: CostsSection | None) -> str | None:
    if costs is None:
        return None
    ap = costs.approaches
    parts = [f"{APPROACH_NAMES[key]} {money(x.first_year_total, style='round', unknown=NA)}" for key, x in ap.by_key()]
    line = f"over {ap.horizon_months} months: " + ", ".join(parts)
    be = ap.break_even_requests_per_month
    if be is not None and be.requests_per_month is not None:
        line += f"; fine-tuning costs less than prompting above {be.requests_per_month:,} requests a month"
    return line


def _prompting_cheaper(ap: Approaches | None) -> str | None:
    """Why prompting wins, when it costs less than fine-tuning over the horizon (both totals known); else None."""
    if ap is None:
        return None
    ft, pr = ap.fine_tune.first_year_total, ap.prompting.first_year_total
    if ft is None or pr is None or pr >= ft:
        return None
    return (
        f"prompting the base model with {ap.prompting.few_shot_k} examples costs {money(pr, style='round')} "
        f"against {money(ft, style='round')} for fine-tuning {ap.fine_tune.option}"
    )


def decide(ctx: Context, findings: list[Finding]) -> Verdict:
    by_code = {f.code: f for f in findings}
    errors = [f for f in findings if f.severity is Severity.ERROR]
    costs = ctx.costs
    chosen = costs.chosen if costs is not None else None
    approaches = costs.approaches if costs is not None else None
    cost_line = _approach_line(costs)

    if errors:
        errs = [f"{f.code} {f.name}: {f.message}" for f in errors[:5]]
        if len(errors) > 5:
            errs.append(f"… and {len(errors) - 5} more error-level findings")
        return Verdict(
            False,
            "fix-data",
            tuple(errs),
            f"Not ready: {plural(len(errors), 'error-level finding')} to fix",
            readiness=tuple(errs),
            rule="errors",
        )
    readiness = (f"{ctx.effective_examples:,} effective examples with no error-level findings",)

    if not ctx.info.is_fine_tuning_format:
        reasons = ["the records are plain documents with no prompts or replies: a retrieval corpus"]
        return Verdict(
            True, "rag", tuple(reasons), "Not fine-tuning data: use it as a RAG corpus", readiness, "documents"
        )

    rag_reasons = []
    churn = by_code.get("FT610")
    if churn is not None:
        rag_reasons.append(f"the data changes too often for retraining (churn): {churn.message}")
    stale = by_code.get("FT611")
    if stale is not None and stale.severity is Severity.WARNING:
        share = f"{stale.value:.0%}" if isinstance(stale.value, float) else "a large share"
        rag_reasons.append(
            f"time-sensitive share {share} of replies: {stale.message}" + _examples(ctx, stale.lines or ())
        )
    if rag_reasons:
        if cost_line:
            rag_reasons.append(cost_line)
        return Verdict(
            True,
            "rag",
            tuple(rag_reasons),
            "Ready, but RAG fits this data better than fine-tuning",
            readiness,
            "changing-facts",
        )

    small = int(ctx.params_for("FT201").get("warning_below", 100))
    if ctx.effective_examples < small:
        reasons = [
            f"only {ctx.effective_examples:,} effective examples (fine-tuning needs hundreds to thousands; fewer "
            "overfit): put the best of them in the prompt as few-shot examples first"
        ]
        if cost_line:
            reasons.append(cost_line)
        return Verdict(
            True, "prompting", tuple(reasons), "Ready to try, but small: start with prompting", readiness, "small-data"
        )

    if approaches is not None and approaches.fine_tune.first_year_total is None:
        reasons = [
            "no model in the pricing tables can be fine-tuned and served over the horizon at a known price "
            "(retired, closed to new customers, or prices unknown): start with prompting"
        ]
        if cost_line:
            reasons.append(cost_line)
        return Verdict(
            True, "prompting", tuple(reasons), "Ready, but no model to fine-tune: prompt", readiness, "no-tunable-model"
        )
    cheaper = _prompting_cheaper(approaches)
    if cheaper is not None:
        reasons = [cheaper]
        if cost_line:
            reasons.append(cost_line)
        return Verdict(
            True,
            "prompting",
            tuple(reasons),
            "Ready, but prompting is cheaper at this traffic",
            readiness,
            "prompting-cheaper",
        )

    reasons = list(readiness)
    if ctx.labels is not None:
        reasons.append(f"a repeated task pattern: classification into {ctx.labels.n_labels} labels")
    else:
        reasons.append("examples of a consistent style and task that fine-tuning teaches")
    if ctx.risk is not None:
        reasons.append(f"overfitting risk: {ctx.risk.level}")
    if chosen is not None and chosen.first_year_total is not None:
        per_run = money(chosen.training_per_run, style="round", unknown=NA)
        reasons.append(
            f"with {chosen.provider} {chosen.model}: "
            f"{money(chosen.first_year_total, style='round')} over {chosen.horizon_months} months "
            f"(training {per_run} a run)"
        )
    if cost_line:
        reasons.append(cost_line)
    lifecycle = by_code.get("FT702")
    if lifecycle is not None:
        reasons.append(f"lifecycle: {lifecycle.message}")
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    headline = "Ready to fine-tune" + (f" ({plural(len(warnings), 'warning')} worth a look)" if warnings else "")
    return Verdict(True, "fine-tune", tuple(reasons), headline, readiness, "fine-tune")
