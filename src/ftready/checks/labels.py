"""Label balance (FT5xx): find the label of a classification-style dataset and measure how balanced it is.

Where the label comes from, in order:

1. the frame's `label` column, which the loader fills from a `label`/`category`/`intent`/`class` field (and from
   KTO true/false tags);
2. otherwise the assistant replies, when they look like class names: a chat or prompt/completion set whose
   replies are a small set of short values (at most `MAX_RESPONSE_LABELS` distinct normalised replies, each at
   most `MAX_LABEL_CHARS` characters and `MAX_LABEL_WORDS` words, and fewer distinct replies than a third of the
   examples).

`stage(ctx)` returns the JSON `labels` section, or None when the dataset has no label. The checks read
`ctx.results["labels"]`.

Measures (n_k examples of label k, N examples, K labels, p_k = n_k / N):
- imbalance ratio  IR = max n_k / min n_k;
- normalised entropy (Pielou evenness)  J = -sum p_k ln p_k / ln K, 1 = perfectly balanced;
- effective number of labels exp(H);
- minority share versus uniform  K * min p_k (cleanlab flags below 0.1).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import polars as pl

from ftready.checks.registry import check, spec
from ftready.model import Finding, Severity
from ftready.textnorm import fold

if TYPE_CHECKING:
    from ftready.checks.context import Context

MAX_RESPONSE_LABELS = 50  # replies are read as labels only when there are at most this many distinct ones
MAX_LABEL_CHARS = 64
MAX_LABEL_WORDS = 8
MIN_EXAMPLES_FOR_RESPONSE_LABELS = 10
MAX_LINES = 200  # lines kept per label in findings

# Formats whose `response` is a preferred reply, not a class: replies there are never read as labels.
_PREFERENCE_FORMATS = {"openai-preference", "preference-messages", "sharegpt-preference", "preference"}
# The loader's format -> the field its `label` column came from, when the format fixes it.
_FIELD_BY_FORMAT = {"alpaca": "kto_tag", "prompt-completion": "label", "prompt-response": "label"}


def normalise_reply(replies: pl.Series) -> pl.Series:
    """How replies are compared: trimmed, whitespace collapsed, case folded, trailing full stop dropped."""
    return fold(replies).str.strip_chars_end(".").str.strip_chars()


def ensure(ctx: Context) -> dict[str, Any] | None:
    """The labels section, computed once per context (stages may run in any order)."""
    if "labels" not in ctx.results:
        ctx.results["labels"] = stage(ctx)
    result: dict[str, Any] | None = ctx.results["labels"]
    return result


def stage(ctx: Context) -> dict[str, Any] | None:
    frame = ctx.frame
    if frame.height == 0:
        return None
    labelled = frame.filter(pl.col("label").is_not_null() & (pl.col("label").str.strip_chars() != ""))
    if labelled.height:
        counts = (
            labelled.group_by(pl.col("label").str.strip_chars().alias("value"))
            .agg(pl.len().alias("n"))
            .sort(["n", "value"], descending=[True, False])
        )
        return _section(_field_source(ctx), counts, frame.height, labelled.height)
    found = _response_labels(ctx)
    if found is None:
        return None
    return _section("responses", found, frame.height, int(found["n"].sum()))


def _field_source(ctx: Context) -> str:
    name = getattr(ctx.info, "label_field", None) or _FIELD_BY_FORMAT.get(ctx.info.format)
    return f"field:{name}" if name else "field"


def _response_labels(ctx: Context) -> pl.DataFrame | None:
    """Counts of the replies when the replies are class names, else None."""
    frame = ctx.frame
    n = frame.height
    if n < MIN_EXAMPLES_FOR_RESPONSE_LABELS or ctx.info.format in _PREFERENCE_FORMATS:
        return None
    if frame["rejected"].is_not_null().any() or frame["response"].is_null().any():
        return None
    raw = frame["response"]
    # A reply longer than a class name once stripped means the replies are not labels. Only replies longer than
    # that in bytes can be, and in chat data the first of them settles it: nothing else is stripped and measured.
    long = (raw.str.len_bytes() > MAX_LABEL_CHARS).arg_true()
    for s in range(0, len(long), 1000):
        if raw.gather(long[s : s + 1000]).str.strip_chars().str.len_chars().max() > MAX_LABEL_CHARS:  # type: ignore[operator]
            return None
    stripped = raw.str.strip_chars()
    if (stripped == "").any():
        return None
    norm = pl.DataFrame({"key": normalise_reply(frame["response"]), "raw": stripped})
    n_distinct = norm["key"].n_unique()
    if n_distinct < 2 or n_distinct > MAX_RESPONSE_LABELS or n_distinct >= n / 3:
        return None
    if norm["key"].str.count_matches(r"\S+").max() > MAX_LABEL_WORDS:  # type: ignore[operator]
        return None
    # show each label by its most common spelling
    spelled = (
        norm.group_by("key", "raw")
        .agg(pl.len().alias("k"))
        .sort(["k", "raw"], descending=[True, False])
        .group_by("key", maintain_order=True)
        .agg(pl.col("raw").first().alias("value"), pl.col("k").sum().alias("n"))
    )
    return spelled.select("value", "n").sort(["n", "value"], descending=[True, False])


def _section(source: str, counts: pl.DataFrame, examples: int, labelled: int) -> dict[str, Any]:
    values: list[str] = counts["value"].to_list()
    ns: list[int] = [int(x) for x in counts["n"].to_list()]
    k = len(ns)
    total = sum(ns)
    probs = [x / total for x in ns]
    h = -sum(p * math.log(p) for p in probs if p > 0)
    return {
        "source": source,
        "counts": dict(zip(values, ns, strict=True)),
        "n_labels": k,
        "examples": examples,
        "labelled": labelled,
        "unlabelled": examples - labelled,
        "imbalance_ratio": round(ns[0] / ns[-1], 4),
        "normalized_entropy": round(h / math.log(k), 4) if k > 1 else None,
        "effective_labels": round(math.exp(h), 3),
        "majority_label": values[0],
        "majority_count": ns[0],
        "minority_label": values[-1],
        "minority_count": ns[-1],
        "minority_share_vs_uniform": round(k * ns[-1] / total, 4),
        "meanings": {
            "imbalance_ratio": "examples of the largest label divided by examples of the smallest (1 = balanced)",
            "normalized_entropy": "evenness of the labels from 0 (all one label) to 1 (every label equally common)",
            "effective_labels": "how many equally common labels would give the same spread",
            "minority_share_vs_uniform": "the smallest label's share relative to a fair share of 1/K (1 = fair)",
        },
    }


def _label_lines(ctx: Context, section: Mapping[str, Any], wanted: set[str]) -> list[int]:
    if not wanted:
        return []
    if section["source"] == "responses":
        keys = pl.DataFrame({"line": ctx.frame["line"], "k": normalise_reply(ctx.frame["response"])})
        wanted_keys = {_norm_text(w) for w in wanted}
        hit = keys.filter(pl.col("k").is_in(list(wanted_keys)))
    else:
        hit = ctx.frame.filter(pl.col("label").str.strip_chars().is_in(list(wanted)))
    return [int(x) for x in hit["line"].head(MAX_LINES).to_list()]


def _norm_text(s: str) -> str:
    return " ".join(s.split()).lower().rstrip(".").strip()


def label_keys(section: Mapping[str, Any] | None) -> set[str]:
    """Normalised label values, for other checks that should leave label replies alone."""
    if not section:
        return set()
    return {_norm_text(str(v)) for v in section.get("counts", {})}


@check(
    "FT501",
    "rare-label",
    Severity.WARNING,
    "A label has too few examples for the model to learn it.",
    "A fine-tuned classifier learns each label from its own examples. With only a handful, it memorises those "
    "few texts instead of learning what the label means, and at inference it rarely predicts that label. "
    "ftready applies the smallest dataset a vendor accepts for tuning (20 examples, Google AI Studio) to each "
    "label, and warns on any label with fewer than `min_examples` (default 20) examples. "
    "Add examples of the rare labels, merge them into a neighbouring label, or drop them.",
    params={"min_examples": 20},
)
def rare_label(ctx: Context, params: Mapping[str, Any]) -> Finding | None:
    section = ensure(ctx)
    if not section or section["n_labels"] < 2:
        return None
    limit = int(params["min_examples"])
    rare = {k: v for k, v in section["counts"].items() if v < limit}
    if not rare:
        return None
    shown = ", ".join(f"{k!r} ({v})" for k, v in sorted(rare.items(), key=lambda kv: (kv[1], kv[0]))[:10])
    more = f" and {len(rare) - 10} more" if len(rare) > 10 else ""
    return spec("FT501").make(
        f"{len(rare)} of {section['n_labels']} labels have fewer than {limit} examples: {shown}{more}",
        count=len(rare),
        lines=_label_lines(ctx, section, set(rare)),
        value=section["minority_count"],
        threshold=limit,
    )


@check(
    "FT502",
    "label-imbalance",
    Severity.WARNING,
    "One label has many times more examples than another.",
    "A model fine-tuned on skewed labels learns the skew: it over-predicts the common labels and under-predicts "
    "the rare ones, whatever the text says. ftready warns when the largest label has more than `max_ratio` "
    "(default 10) times the examples of the smallest, the 10:1 line that deepchecks and evalml use. If the "
    "skew matches what the model will see in production that may be intended; otherwise rebalance by adding "
    "examples of the rare labels or down-sampling the common ones. The labels section also shows the evenness "
    "(normalised entropy, 1 = balanced).",
    params={"max_ratio": 10.0},
)
def label_imbalance(ctx: Context, params: Mapping[str, Any]) -> Finding | None:
    section = ensure(ctx)
    if not section or section["n_labels"] < 2:
        return None
    limit = float(params["max_ratio"])
    ratio = float(section["imbalance_ratio"])
    if ratio <= limit:
        return None
    return spec("FT502").make(
        f"labels are imbalanced: {section['majority_label']!r} has {section['majority_count']} examples, "
        f"{section['minority_label']!r} has {section['minority_count']} (ratio {ratio:.1f}, evenness "
        f"{section['normalized_entropy']:.2f})",
        count=section["n_labels"],
        lines=_label_lines(ctx, section, {section["minority_label"]}),
        value=round(ratio, 2),
        threshold=limit,
    )


@check(
    "FT503",
    "single-label",
    Severity.WARNING,
    "Every labelled example has the same label.",
    "When the label field holds a single value, a model trained on it learns to give that value whatever the "
    "input, so there is nothing to classify. Check that the right field was read as the label, or that the "
    "other labels were not lost when the file was exported.",
)
def single_label(ctx: Context, params: Mapping[str, Any]) -> Finding | None:
    section = ensure(ctx)
    if not section or section["n_labels"] != 1 or section["labelled"] < 2:
        return None
    return spec("FT503").make(
        f"all {section['labelled']} labelled examples have the label {section['majority_label']!r}",
        count=section["labelled"],
        value=section["majority_label"],
    )
