"""The verdict: is the dataset ready, and should the team fine-tune, use RAG, prompt, or fix the data first?"""

from __future__ import annotations

from ftready.checks.context import Context
from ftready.model import Finding, Severity, Verdict


def decide(ctx: Context, findings: list[Finding]) -> Verdict:
    errors = [f for f in findings if f.severity is Severity.ERROR]
    ready = not errors
    reasons: list[str] = []
    if errors:
        reasons += [f"{f.code} {f.name}: {f.message}" for f in errors[:5]]
        rec = "fix-data"
        headline = f"Not ready: {len(errors)} error-level finding(s) to fix before training"
    elif not ctx.info.is_fine_tuning_format:
        rec = "rag"
        reasons.append("plain documents with no prompts or replies: a retrieval corpus, not fine-tuning data")
        headline = "Not a fine-tuning dataset: use it as a RAG corpus or convert it to conversations"
    else:
        small = ctx.settings.params_for("FT201")["warning_below"]
        if ctx.effective_examples < small:
            rec = "prompting"
            reasons.append(
                f"only {ctx.effective_examples} effective examples: put the best of them in the prompt as "
                "few-shot examples before paying for fine-tuning"
            )
            headline = "Ready to try, but small: start with prompting and few-shot examples"
        else:
            rec = "fine-tune"
            reasons.append(f"{ctx.effective_examples:,} effective examples with no error-level findings")
            headline = "Ready to fine-tune"
    return Verdict(ready=ready, recommendation=rec, reasons=tuple(reasons), headline=headline)
