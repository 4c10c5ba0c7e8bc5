"""The overfitting-risk stage (read by FT601): a transparent, rule-based judgement of how likely training is to memorise.

`stage(ctx)` combines what earlier stages measured into `{level, reasons, factors, epochs, epochs_source,
effective_examples, max_repetitions, ...}`; the FT601 check turns it into one finding whose message lists the
reasons. Every rule is a plain comparison with a configurable threshold, and each reason names its source:

- size: fewer than `min_examples` (10, OpenAI's minimum) effective examples is high; fewer than
  `few_examples` (50, OpenAI's suggested starting point) is moderate;
- epochs (set with the `epochs` assumption, else the `auto` rule the cost model uses for every option: 3, scaled
  so that examples × epochs stays in 100..25,000, on the effective count): more than
  `moderate_epochs` (4; repeating data up to about 4 times costs little, Muennighoff et al. 2023) is moderate,
  `high_epochs` (10) or more is high;
- repetition: the largest exact/near-duplicate cluster times the epochs is how often training sees one example;
  `max_repetitions` (16, where returns from repetition vanish) or more is high; more than `duplicated_share`
  (5%) of examples in duplicate clusters is moderate, more than `high_duplicated_share` (20%) with 3+ epochs high;
- diversity: the FT401 (repetitive replies), FT402 (dominant replies) and FT406 (narrow topics) thresholds, read
  from the settings so that overriding them there changes this judgement too; each is moderate, and replies
  `EXTREME_FACTOR` (5) times past an FT401 threshold are high;
- labels: a label with fewer than the FT501 minimum of examples is moderate;
- length: when the longest 1% of examples hold more than `long_tail_share` (25%) of the tokens, a few
  examples dominate training: moderate.

The level is the highest of the factors; `escalate_after` (3) or more moderate factors together make it high.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import polars as pl

from ftready.epochs import default_epochs
from ftready.model.core import ParamValue
from ftready.model.diversity import MIN_BYTES, MIN_WORDS, DiversitySection
from ftready.model.duplicates import DuplicatesSection
from ftready.model.risk import RiskFactor, RiskSection
from ftready.stages.base import TOKENS, Stage
from ftready.stages.context import Context
from ftready.vocabulary import plural

LEVELS = ("low", "moderate", "high")
# replies this many times past an FT401 threshold (distinct-2 under a fifth of its minimum, or compression over
# five times its maximum) are not just repetitive but a handful of replies in rotation: high
EXTREME_FACTOR = 5
_RANK = {name: i for i, name in enumerate(LEVELS)}

DEFAULTS: dict[str, ParamValue] = {
    "min_examples": 10,
    "few_examples": 50,
    "moderate_epochs": 4,
    "high_epochs": 10,
    "max_repetitions": 16,
    "duplicated_share": 0.05,
    "high_duplicated_share": 0.2,
    "long_tail_share": 0.25,
    "escalate_after": 3,
}


def _params(ctx: Context) -> dict[str, ParamValue]:
    return {**DEFAULTS, **ctx.params_for("FT601")}


def _other_params(ctx: Context, code: str) -> dict[str, ParamValue]:
    return dict(ctx.params_for(code))


def _clusters(dups: DuplicatesSection | None) -> list[int]:
    """Sizes of duplicate clusters: exact and near groups merged where they share a line."""
    if not dups:
        return []
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for groups in (dups.exact.groups, dups.near.groups):
        for lines in groups:
            if len(lines) < 2:
                continue
            r0 = find(lines[0])
            for other in lines[1:]:
                r = find(other)
                if r != r0:
                    parent[r] = r0
    sizes: dict[int, int] = {}
    for line in list(parent):
        root = find(line)
        sizes[root] = sizes.get(root, 0) + 1
    return sorted(sizes.values(), reverse=True)


def _redundant(dups: DuplicatesSection | None) -> int:
    return dups.redundant if dups is not None else 0


def stage(ctx: Context) -> RiskSection:
    p = _params(ctx)
    n = ctx.frame.height
    dups = ctx.duplicates
    effective = ctx.effective_examples or max(0, n - _redundant(dups))
    set_epochs = ctx.settings.assumption("epochs")
    if set_epochs:
        epochs, epochs_source = int(set_epochs), "set"
        epochs_note = f"{epochs} epochs (set in the assumptions)"
    else:
        epochs, epochs_source = default_epochs(effective), "default"
        epochs_note = f"{epochs} epochs (auto for {effective:,} examples, the same rule for every option)"

    factors: list[dict[str, str]] = []

    def add(level: str, source: str, text: str) -> None:
        factors.append({"level": level, "source": source, "reason": text})

    # size and epochs
    if effective < int(p["min_examples"]):
        add("high", "size", f"only {effective:,} effective examples, below OpenAI's minimum of {p['min_examples']}")
    elif effective < int(p["few_examples"]):
        add("moderate", "size", f"{effective:,} effective examples, below the {p['few_examples']} OpenAI suggests")
    else:
        add("low", "size", f"{effective:,} effective examples")
    if epochs >= int(p["high_epochs"]):
        add("high", "epochs", f"{epochs_note}: every example is seen {epochs} times")
    elif epochs > int(p["moderate_epochs"]):
        add("moderate", "epochs", f"{epochs_note}: more than {p['moderate_epochs']} passes over the same data")
    else:
        add("low", "epochs", epochs_note)

    # repetition through duplicates
    sizes = _clusters(dups)
    biggest = sizes[0] if sizes else 1
    max_reps = biggest * epochs
    in_groups = dups.duplicated_examples if dups is not None else sum(sizes)
    dup_share = in_groups / n if n else 0.0
    if dups is None:
        add("low", "duplicates", "duplicates were not measured")
    elif biggest > 1 and max_reps >= int(p["max_repetitions"]):  # with no copies the epochs reason says it
        add(
            "high",
            "duplicates",
            f"one example and its copies appear {biggest} times × {plural(epochs, 'epoch')} = seen {max_reps} times "
            f"(returns vanish from about {p['max_repetitions']})",
        )
    elif dup_share > float(p["high_duplicated_share"]) and epochs >= 3:
        add("high", "duplicates", f"{dup_share:.0%} of examples are in duplicate clusters, trained {epochs} times")
    elif dup_share > float(p["duplicated_share"]):
        add("moderate", "duplicates", f"{dup_share:.0%} of examples are in duplicate clusters")
    else:
        add("low", "duplicates", f"at most {max_reps} passes over any one example")

    # diversity
    div = ctx.diversity
    if div is not None:
        _diversity_factors(ctx, div, effective, add)

    # labels
    lab = ctx.labels
    if lab is not None and lab.n_labels >= 2:
        floor = int(_other_params(ctx, "FT501")["min_examples"])
        if lab.minority_count < floor:
            add(
                "moderate",
                "labels",
                f"label {lab.minority_label!r} has only {lab.minority_count} examples (under {floor}); "
                "the model will memorise them rather than learn the label",
            )
        else:
            add("low", "labels", f"every label has at least {lab.minority_count} examples")

    # token lengths
    tokens_mean, tail_share = _token_shape(ctx.frame)
    if tail_share is not None and tail_share > float(p["long_tail_share"]):
        add(
            "moderate",
            "tokens",
            f"the longest 1% of examples hold {tail_share:.0%} of the tokens, so a few examples dominate training",
        )

    level = max((f["level"] for f in factors), key=_RANK.__getitem__, default="low")
    moderate = [f for f in factors if f["level"] == "moderate"]
    if level == "moderate" and len(moderate) >= int(p["escalate_after"]):
        level = "high"
        add("high", "combined", f"{len(moderate)} moderate factors together make the risk high")
    # highest level first; the "combined" note goes last, after the factors it combines
    ordered = sorted(factors, key=lambda f: (f["source"] == "combined", -_RANK[f["level"]]))
    shown = [f["reason"] for f in ordered if f["level"] != "low"] or [f["reason"] for f in ordered]
    return RiskSection(
        level=level,
        reasons=tuple(shown),
        factors=tuple(RiskFactor(f["level"], f["source"], f["reason"]) for f in ordered),
        epochs=epochs,
        epochs_source=epochs_source,
        effective_examples=effective,
        max_repetitions=max_reps,
        largest_duplicate_cluster=biggest,
        duplicated_share=round(dup_share, 4),
        examples_seen=effective * epochs,
        tokens_per_example=round(tokens_mean, 1) if tokens_mean is not None else None,
        longest_1pct_token_share=round(tail_share, 4) if tail_share is not None else None,
    )


def _diversity_factors(
    ctx: Context, div: DiversitySection, effective: int, add: Callable[[str, str, str], None]
) -> None:
    p401 = _other_params(ctx, "FT401")
    dn = div.distinct_n.responses
    cr = div.compression.responses
    low = []
    extreme = False
    min_d2, max_cr = float(p401["min_distinct_2"]), float(p401["max_compression_ratio"])
    if dn and dn.words >= MIN_WORDS and dn.distinct_2 < min_d2:
        low.append(f"distinct-2 {dn.distinct_2:.2f}")
        extreme = extreme or dn.distinct_2 < min_d2 / EXTREME_FACTOR
    if cr and cr.bytes >= MIN_BYTES and cr.ratio > max_cr:
        low.append(f"compression ratio {cr.ratio:.1f}")
        extreme = extreme or cr.ratio > max_cr * EXTREME_FACTOR
    if low:
        what = "replies repeat the same phrases (" + ", ".join(low) + ")"
        if extreme:
            add("high", "diversity", what + ": so few distinct replies that training will memorise them")
        else:
            add("moderate", "diversity", what)
    elif dn and not dn.below_budget:
        add("low", "diversity", f"replies are varied (distinct-2 {dn.distinct_2:.2f})")

    p402 = _other_params(ctx, "FT402")
    dom = div.dominant
    if dom and dom.top:
        top = dom.top[0]
        if top.share > float(p402["max_share"]) and top.count >= int(p402["min_count"]):
            add("moderate", "diversity", f"{top.share:.0%} of examples share one reply, which will be over-learnt")
        elif dom.canned_share > float(p402["max_canned_share"]):
            add("moderate", "diversity", f"{dom.canned_share:.0%} of examples reuse replies given to other prompts")

    p406 = _other_params(ctx, "FT406")
    t = div.topics
    if (
        t.largest_share is not None
        and (t.sample or 0) >= int(p406["min_sample"])
        and t.largest_share > float(p406["max_largest_share"])
        and effective >= 1000
    ):
        add("moderate", "diversity", f"quantity without diversity: one topic holds {t.largest_share:.0%} of examples")


def _token_shape(frame: pl.DataFrame) -> tuple[float | None, float | None]:
    """Mean tokens per example and the token share of the longest 1% (None when tokens were not counted)."""
    if "tokens" not in frame.columns or frame.height == 0:
        return None, None
    tok = frame["tokens"].drop_nulls()
    if tok.len() == 0:
        return None, None
    total = float(tok.sum())
    mean = total / tok.len()
    if tok.len() < 100 or total <= 0:
        return mean, None
    k = max(1, math.ceil(tok.len() / 100))
    top = float(tok.sort(descending=True).head(k).sum())
    return mean, top / total


def ensure(ctx: Context) -> RiskSection:
    if ctx.risk is None:
        # the risk stage reads the others; compute them if this context skipped them
        if ctx.diversity is None:
            from ftready.stages import diversity

            ctx.diversity = diversity.run(ctx)
        ctx.risk = stage(ctx)
    return ctx.risk


def run(ctx: Context) -> RiskSection:
    return stage(ctx)


STAGE = Stage("risk", run, needs=(TOKENS, "duplicates", "diversity", "labels"))
