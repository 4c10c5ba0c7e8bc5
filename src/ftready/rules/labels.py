"""FT5xx: label balance. The rules read the labels section (`ftready.stages.labels`)."""

from __future__ import annotations

from ftready.rules.base import Hit, Params
from ftready.stages.context import Context
from ftready.stages.labels import label_lines


def rare_label(ctx: Context, p: Params) -> Hit | None:
    """A label has too few examples for the model to learn it.

    What it finds:
        Labels with fewer than `min_examples` examples, in a dataset with at least two labels. The finding names
        the rarest labels with their counts and points at their examples.

    Why it matters:
        A fine-tuned classifier learns each label from its own examples. With only a handful, it memorises those
        few texts instead of learning what the label means, and at inference it rarely predicts that label.
        ftready applies the smallest dataset a vendor accepts for tuning (20 examples, Google AI Studio) to each
        label.

    How to fix:
        Add examples of the rare labels, merge them into a neighbouring label, or drop them.

    Parameters:
        min_examples: the fewest examples a label needs.
    """
    section = ctx.labels
    if section is None or section.n_labels < 2:
        return None
    limit = int(p["min_examples"])
    rare = {k: v for k, v in section.counts.items() if v < limit}
    if not rare:
        return None
    shown = ", ".join(f"{k!r} ({v})" for k, v in sorted(rare.items(), key=lambda kv: (kv[1], kv[0]))[:10])
    more = f" and {len(rare) - 10} more" if len(rare) > 10 else ""
    return Hit(
        f"{len(rare)} of {section.n_labels} labels have fewer than {limit} examples: {shown}{more}",
        count=len(rare),
        lines=label_lines(ctx, section, set(rare)),
        value=section.minority_count,
        threshold=limit,
    )


def label_imbalance(ctx: Context, p: Params) -> Hit | None:
    """One label has many times more examples than another.

    What it finds:
        Datasets whose largest label has more than `max_ratio` times the examples of the smallest. The finding
        gives both labels, the ratio and the evenness (normalised entropy, 1 = balanced), and points at the
        smallest label's examples.

    Why it matters:
        A model fine-tuned on skewed labels learns the skew: it over-predicts the common labels and
        under-predicts the rare ones, whatever the text says. 10:1 is the line that deepchecks and evalml use.

    How to fix:
        If the skew matches what the model will see in production it may be intended; otherwise rebalance by
        adding examples of the rare labels or down-sampling the common ones.

    Parameters:
        max_ratio: the largest accepted ratio of the biggest to the smallest label.
    """
    section = ctx.labels
    if section is None or section.n_labels < 2:
        return None
    limit = float(p["max_ratio"])
    ratio = float(section.imbalance_ratio)
    if ratio <= limit:
        return None
    evenness = section.normalized_entropy or 0.0
    return Hit(
        f"labels are imbalanced: {section.majority_label!r} has {section.majority_count} examples, "
        f"{section.minority_label!r} has {section.minority_count} (ratio {ratio:.1f}, evenness "
        f"{evenness:.2f})",
        count=section.n_labels,
        lines=label_lines(ctx, section, {section.minority_label}),
        value=round(ratio, 2),
        threshold=limit,
    )


def single_label(ctx: Context, p: Params) -> Hit | None:
    """Every labelled example has the same label.

    What it finds:
        A label field (or class-name replies) holding one value for every labelled example, when at least two
        examples are labelled.

    Why it matters:
        A model trained on a single label learns to give that value whatever the input, so there is nothing to
        classify.

    How to fix:
        Check that the right field was read as the label, or that the other labels were not lost when the file
        was exported.

    Parameters:
        None.
    """
    section = ctx.labels
    if section is None or section.n_labels != 1 or section.labelled < 2:
        return None
    return Hit(
        f"all {section.labelled} labelled examples have the label {section.majority_label!r}",
        count=section.labelled,
        value=section.majority_label,
    )
