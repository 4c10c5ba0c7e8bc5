"""The labels stage: find the label of a classification-style dataset and measure how balanced it is.

Where the label comes from, in order:

1. the frame's `label` column, which the loader fills from a `label`/`category`/`intent`/`class` field (and from
   KTO true/false tags);
2. otherwise the assistant replies, when they look like class names: a chat or prompt/completion set whose
   replies are a small set of short values (at most `MAX_RESPONSE_LABELS` distinct normalised replies, each at
   most `MAX_LABEL_CHARS` characters and `MAX_LABEL_WORDS` words, and fewer distinct replies than a third of the
   examples).

`run(ctx)` returns the labels section, or None when the dataset has no label; the FT5xx rules read it.

Measures (n_k examples of label k, N examples, K labels, p_k = n_k / N):
- imbalance ratio  IR = max n_k / min n_k;
- normalised entropy (Pielou evenness)  J = -sum p_k ln p_k / ln K, 1 = perfectly balanced;
- effective number of labels exp(H);
- minority share versus uniform  K * min p_k (cleanlab flags below 0.1).
"""

from __future__ import annotations

import math

import polars as pl

from ftready.model import LabelsSection
from ftready.stages.base import Stage
from ftready.stages.context import Context
from ftready.textnorm import fold

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


def run(ctx: Context) -> LabelsSection | None:
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
    name = ctx.info.label_field or _FIELD_BY_FORMAT.get(ctx.info.format)
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


def _section(source: str, counts: pl.DataFrame, examples: int, labelled: int) -> LabelsSection:
    values: list[str] = counts["value"].to_list()
    ns: list[int] = [int(x) for x in counts["n"].to_list()]
    k = len(ns)
    total = sum(ns)
    probs = [x / total for x in ns]
    h = -sum(p * math.log(p) for p in probs if p > 0)
    return LabelsSection(
        source=source,
        counts=dict(zip(values, ns, strict=True)),
        n_labels=k,
        examples=examples,
        labelled=labelled,
        unlabelled=examples - labelled,
        imbalance_ratio=round(ns[0] / ns[-1], 4),
        normalized_entropy=round(h / math.log(k), 4) if k > 1 else None,
        effective_labels=round(math.exp(h), 3),
        majority_label=values[0],
        majority_count=ns[0],
        minority_label=values[-1],
        minority_count=ns[-1],
        minority_share_vs_uniform=round(k * ns[-1] / total, 4),
    )


def label_lines(ctx: Context, section: LabelsSection, wanted: set[str]) -> list[int]:
    """Lines of the examples (at most MAX_LINES) whose label is one of `wanted`."""
    if not wanted:
        return []
    if section.source == "responses":
        keys = pl.DataFrame({"line": ctx.frame["line"], "k": normalise_reply(ctx.frame["response"])})
        wanted_keys = {_norm_text(w) for w in wanted}
        hit = keys.filter(pl.col("k").is_in(list(wanted_keys)))
    else:
        hit = ctx.frame.filter(pl.col("label").str.strip_chars().is_in(list(wanted)))
    return [int(x) for x in hit["line"].head(MAX_LINES).to_list()]


def _norm_text(s: str) -> str:
    return " ".join(s.split()).lower().rstrip(".").strip()


def label_keys(section: LabelsSection | None) -> set[str]:
    """Normalised label values, for other stages that should leave label replies alone."""
    if section is None:
        return set()
    return {_norm_text(str(v)) for v in section.counts}


STAGE = Stage("labels", run)
