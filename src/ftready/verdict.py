"""The verdict: is the dataset ready, and should the team fine-tune, use RAG, prompt, or fix the data first?

The decision guide the product is built on:
- fix-data: any error-level finding (a provider would reject the file, or the data would teach the wrong thing);
- rag: the data is documents rather than examples, it changes more often than retraining is worth, or it is
  mostly facts that go stale (dates, prices, versions) — knowledge that retrieval serves better;
- prompting: too few examples to fine-tune on (hundreds to thousands are needed; fewer overfit): put the best
  of them in the prompt as few-shot examples first;
- fine-tune: enough clean, varied examples of a consistent style, domain language or repeated task pattern.
"""

from __future__ import annotations

from ftready.humanize import NA, money
from ftready.model import Finding, Severity, Verdict
from ftready.stages.context import Context
from ftready.vocabulary import plural


def decide(ctx: Context, findings: list[Finding]) -> Verdict:
    by_code = {f.code: f for f in findings}
    errors = [f for f in findings if f.severity is Severity.ERROR]
    costs = ctx.costs or {}
    chosen = costs.get("chosen") or {}
    rag = costs.get("rag") or {}
    reasons: list[str] = []

    if errors:
        reasons += [f"{f.code} {f.name}: {f.message}" for f in errors[:5]]
        if len(errors) > 5:
            reasons.append(f"… and {len(errors) - 5} more error-level findings")
        return Verdict(False, "fix-data", tuple(reasons), f"Not ready: {len(errors)} error-level finding(s) to fix")

    if not ctx.info.is_fine_tuning_format:
        reasons.append("the records are plain documents with no prompts or replies: a retrieval corpus")
        return Verdict(True, "rag", tuple(reasons), "Not fine-tuning data: use it as a RAG corpus")

    rag_reasons = []
    churn = by_code.get("FT610")
    if churn is not None:
        rag_reasons.append(f"the data changes too often for retraining: {churn.message}")
    stale = by_code.get("FT611")
    if stale is not None and stale.severity is Severity.WARNING:
        rag_reasons.append(f"much of it is facts that go stale: {stale.message}")
    if rag_reasons:
        if rag.get("first_year_total") is not None:
            rag_year = money(rag["first_year_total"], style="whole")
            ft_year = money(chosen.get("first_year_total"), style="whole", unknown=NA)
            rag_reasons.append(
                f"RAG first year {rag_year} vs fine-tuning {ft_year} ({chosen.get('model', 'chosen model')})"
            )
        return Verdict(True, "rag", tuple(rag_reasons), "Ready, but RAG fits this data better than fine-tuning")

    small = int(ctx.params_for("FT201").get("warning_below", 100))
    if ctx.effective_examples < small:
        reasons.append(
            f"only {ctx.effective_examples:,} effective examples (fine-tuning needs hundreds to thousands; fewer "
            "overfit): put the best of them in the prompt as few-shot examples first"
        )
        return Verdict(True, "prompting", tuple(reasons), "Ready to try, but small: start with prompting")

    reasons.append(f"{ctx.effective_examples:,} effective examples with no error-level findings")
    if ctx.labels is not None:
        reasons.append(f"a repeated task pattern: classification into {ctx.labels.n_labels} labels")
    risk = ctx.risk or {}
    if risk.get("level"):
        reasons.append(f"overfitting risk: {risk['level']}")
    if chosen.get("first_year_total") is not None:
        first_year = money(chosen["first_year_total"], style="whole")
        per_run = money(chosen.get("training_per_run"), style="whole", unknown=NA)
        line = (
            f"first year with {chosen.get('provider')} {chosen.get('model')}: {first_year} (training {per_run} a run)"
        )
        if rag.get("first_year_total") is not None:
            line += f"; the RAG alternative: {money(rag['first_year_total'], style='whole')}"
        reasons.append(line)
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    headline = "Ready to fine-tune" + (f" ({plural(len(warnings), 'warning')} worth a look)" if warnings else "")
    return Verdict(True, "fine-tune", tuple(reasons), headline)
