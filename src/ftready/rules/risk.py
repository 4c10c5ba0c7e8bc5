"""FT601: the overfitting-risk judgement the risk stage made (ftready.stages.risk), as one finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ftready.model import Severity
from ftready.rules.base import Hit, Params
from ftready.stages.risk import ensure

if TYPE_CHECKING:
    from ftready.stages.context import Context


def overfitting_risk(ctx: Context, p: Params) -> Hit | None:
    """How likely fine-tuning is to memorise the examples instead of learning the task (low, moderate, high).

    What it finds:
        A level (low, moderate or high) with its reasons. Fewer than `min_examples` effective examples,
        `high_epochs` or more epochs, or one example seen `max_repetitions` or more times (copies × epochs) is
        high. Fewer than `few_examples`, more than `moderate_epochs` epochs, more than `duplicated_share` of the
        examples in duplicate clusters, repetitive or dominant replies (the FT401/FT402 thresholds; high when
        five times past an FT401 threshold), one topic over the FT406 share in 1,000+ examples, a label under
        the FT501 minimum, or the longest 1% of examples holding over `long_tail_share` of the tokens is
        moderate; `escalate_after` moderate factors together make it high. Low is reported as info; moderate
        and high as warnings.

    Why it matters:
        Overfitting means the model reproduces its training examples instead of generalising from them. It
        grows with how often training sees each example (epochs times duplicate copies), shrinks with how many
        varied examples there are, and is worse when replies or topics are repetitive or a label has only a
        handful of examples. High is deliberately not an error: it is a judgement about training, not a defect
        in the file, and the defects behind it (too few examples, duplicates) have their own checks that can
        fail a run.

    How to fix:
        Act on the reasons listed: add varied examples, remove duplicates, lower the epochs. Set `epochs` in the
        assumptions to judge the epochs you will use.

    Parameters:
        min_examples: effective examples below which the risk is high (OpenAI's minimum).
        few_examples: effective examples below which the risk is moderate (OpenAI's suggested start).
        moderate_epochs: epochs above which the risk is moderate.
        high_epochs: epochs from which the risk is high.
        max_repetitions: how many times one example may be seen (copies × epochs) before the risk is high.
        duplicated_share: share of examples in duplicate clusters above which the risk is moderate.
        high_duplicated_share: that share above which, with 3 or more epochs, the risk is high.
        long_tail_share: share of the tokens in the longest 1% of examples above which the risk is moderate.
        escalate_after: how many moderate factors together make the risk high.
    """
    if ctx.frame.height == 0:
        return None
    r = ensure(ctx)
    level = r.level
    return Hit(
        f"overfitting risk is {level}: " + "; ".join(r.reasons),
        count=r.effective_examples,
        value=level,
        severity=Severity.INFO if level == "low" else Severity.WARNING,
    )
