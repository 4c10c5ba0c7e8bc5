"""FT4xx: diversity. The rules read the diversity section (`ftready.stages.diversity`); the texts they quote are
masked there."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ftready.model.diversity import MIN_BYTES, MIN_TEXTS, MIN_WORDS, DiversitySection, OpeningsSide
from ftready.rules.base import Hit, Params
from ftready.stages.context import Context


def _lines(items: Iterable[object]) -> list[int]:
    return [int(x) for it in items for x in getattr(it, "lines", ())]


def _quote(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return repr(s if len(s) <= n else s[: n - 1] + "…")


def low_lexical_diversity(ctx: Context, p: Params) -> Hit | None:
    """The replies reuse the same words and phrases far more than varied text does.

    What it finds:
        Replies whose distinct-2 (unique word pairs / all word pairs in 50,000 words of replies) is below
        `min_distinct_2`, or whose lzma compression ratio on a 500 KB sample of replies is above
        `max_compression_ratio`. Both measures use fixed-size samples so they do not drift with dataset size;
        varied replies score about 0.4 to 0.7 on distinct-2, varied English compresses about 3 to 4 times and
        JSON-heavy tool-call replies about 4.5. Datasets smaller than the sample are measured on all their text,
        which favours them, so a warning there is not an artefact of size. Label replies of classification sets
        are not measured.

    Why it matters:
        A model learns the phrasing of its training replies. When the replies repeat a small set of phrases it
        learns to produce those phrases, whatever the prompt, and loses the variety it had.

    How to fix:
        Vary the replies: write them in more than one voice or structure, drop near-identical replies, or add
        examples whose replies differ.

    Parameters:
        min_distinct_2: the lowest distinct-2 of the replies before a warning.
        max_compression_ratio: the highest lzma compression ratio of the replies before a warning.
    """
    d: DiversitySection | None = ctx.diversity
    if d is None:
        return None
    dn, cr = d.distinct_n.responses, d.compression.responses
    min_d2, max_cr = float(p["min_distinct_2"]), float(p["max_compression_ratio"])
    reasons: list[str] = []
    measured: list[tuple[float, float]] = []  # (value, threshold) of each measure that fired, distinct-2 first
    if dn and dn.words >= MIN_WORDS and dn.distinct_2 < min_d2:
        reasons.append(f"distinct-2 is {dn.distinct_2:.3f} on {dn.words:,} words (threshold {p['min_distinct_2']})")
        measured.append((dn.distinct_2, min_d2))
    if cr and cr.bytes >= MIN_BYTES and cr.ratio > max_cr:
        reasons.append(
            f"lzma compresses {cr.bytes:,} bytes of replies {cr.ratio:.1f}x (threshold {p['max_compression_ratio']})"
        )
        measured.append((cr.ratio, max_cr))
    if not reasons:
        return None
    return Hit("replies are repetitive: " + "; ".join(reasons), value=measured[0][0], threshold=measured[0][1])


def dominant_responses(ctx: Context, p: Params) -> Hit | None:
    """Many examples share the same reply word for word.

    What it finds:
        Replies (compared after folding case and spacing) that make up more than `max_share` of the examples and
        at least `min_count` examples, or datasets where more than `max_canned_share` of the examples give a reply
        that other examples with different prompts also give. Class labels of classification sets are exempt
        (FT5xx covers their balance). The quoted reply is masked.

    Why it matters:
        If one reply (a refusal, a greeting, a stock answer) makes up a large share of the examples, the model
        learns to give it far more often than intended; OpenAI's fine-tuning guidance warns about exactly this,
        with the example of data where 60% of replies are refusals when only 5% should be.

    How to fix:
        Keep a few examples of the stock reply, in the share it should have in production, and drop or rewrite
        the rest.

    Parameters:
        max_share: the largest share of examples one reply may have.
        min_count: the fewest examples a reply needs before its share counts.
        max_canned_share: the largest share of examples that may reuse replies given to other prompts.
    """
    d: DiversitySection | None = ctx.diversity
    dom = d.dominant if d is not None else None
    if dom is None:
        return None
    max_share = float(p["max_share"])
    heavy = [t for t in dom.top if t.share > max_share and t.count >= int(p["min_count"])]
    canned = dom.canned_share > float(p["max_canned_share"])
    if not heavy and not canned:
        return None
    parts = []
    if heavy:
        t = heavy[0]
        parts.append(f"{t.count} examples ({t.share:.0%}) reply {_quote(t.text)}")
        if len(heavy) > 1:
            parts.append(f"{len(heavy) - 1} more replies each exceed {max_share:.0%}")
    if canned:
        parts.append(
            f"{dom.canned_share:.0%} of examples reuse a reply given to other prompts "
            f"({dom.distinct_replies} distinct replies in {dom.replies} examples)"
        )
    top_share = dom.top[0].share if dom.top else 0.0
    return Hit(
        "; ".join(parts),
        count=sum(t.count for t in heavy) if heavy else round(dom.canned_share * ctx.frame.height),
        lines=_lines(heavy or dom.top),
        value=top_share if heavy else dom.canned_share,
        threshold=max_share if heavy else float(p["max_canned_share"]),
    )


def boilerplate(ctx: Context, p: Params) -> Hit | None:
    """Many replies start or end with the same line.

    What it finds:
        The first and last line of every multi-line reply (case and spacing folded, lines of two words or more);
        a line that opens or closes more than `max_share` of all examples is reported, with the examples that
        carry it. The quoted lines are masked.

    Why it matters:
        A fixed first line ("Sure! Here is...", a greeting) or last line (a sign-off, a disclaimer) repeated
        across many replies is learnt as part of every answer.

    How to fix:
        Remove the boilerplate unless every production reply should carry it.

    Parameters:
        max_share: the largest share of examples one first or last line may open or close.
    """
    d: DiversitySection | None = ctx.diversity
    dom = d.dominant if d is not None else None
    if dom is None:
        return None
    limit = float(p["max_share"])
    hits = [("start", s) for s in dom.prefixes if s.share > limit]
    hits += [("end", s) for s in dom.suffixes if s.share > limit]
    if not hits:
        return None
    hits.sort(key=lambda h: -h[1].share)
    parts = [f"{h.count} replies ({h.share:.0%}) {where} with {_quote(h.text)}" for where, h in hits[:3]]
    return Hit(
        "; ".join(parts),
        count=max(h.count for _, h in hits),
        lines=_lines(h for _, h in hits),
        value=hits[0][1].share,
        threshold=limit,
    )


def _opening_hit(
    side: OpeningsSide | None, limit: float, noun: str, detail: Callable[[OpeningsSide], str]
) -> Hit | None:
    """A hit when the most common opening of `side` starts more than `limit` of its texts."""
    if side is None or side.examples < MIN_TEXTS or side.top_share <= limit:
        return None
    t = side.top[0]
    return Hit(
        f"{t.share:.0%} of {noun} begin with {_quote(t.opening)}{detail(side)}",
        count=t.count,
        value=side.top_share,
        threshold=limit,
    )


def repetitive_openings(ctx: Context, p: Params) -> Hit | None:
    """Most replies begin with the same few words.

    What it finds:
        Replies whose most common three-word opening starts more than `max_share` of them. The diversity section
        also counts distinct openings in a fixed sample of 5,000 examples, a size-independent measure of how
        varied the openings are.

    Why it matters:
        When a large share of replies open with the same three words ("As an AI", "Sure, here is"), the model
        learns that opening as a habit.

    How to fix:
        Rewrite the openings of some replies, or cut a stock lead-in that adds nothing.

    Parameters:
        max_share: the largest share of replies one opening may start.
    """
    d: DiversitySection | None = ctx.diversity
    return _opening_hit(
        d.openings.responses if d is not None else None,
        float(p["max_share"]),
        "replies",
        lambda op: f" ({op.distinct_in_sample} distinct openings in {op.sample} replies)",
    )


def templated_prompts(ctx: Context, p: Params) -> Hit | None:
    """Most prompts begin with the same few words (a template).

    What it finds:
        Prompts whose most common three-word opening starts more than `max_share` of them.

    Why it matters:
        Prompts built from one template teach the model to expect that template. That is fine when production
        prompts use the same template, and a problem when real users will phrase things freely.

    How to fix:
        If production prompts are free text, add examples phrased the way users write; otherwise no action is
        needed.

    Parameters:
        max_share: the largest share of prompts one opening may start.
    """
    d: DiversitySection | None = ctx.diversity
    return _opening_hit(d.openings.prompts if d is not None else None, float(p["max_share"]), "prompts", lambda _: "")


def narrow_topics(ctx: Context, p: Params) -> Hit | None:
    """The examples bunch into a few topics.

    What it finds:
        A seeded sample of up to 4,000 examples clustered by their words (TF-IDF, 64 SVD dimensions, k-means with
        one cluster per 20 examples, at most 50): one cluster holding more than `max_largest_share` of the
        sample, or a normalised entropy of the cluster sizes below `min_entropy` (1 = perfectly even). The section
        lists each cluster's top terms so you can see what dominates. With fewer than `min_sample` sampled
        examples there are too few clusters for a fair judgement, so the figures are shown without a warning.

    Why it matters:
        A narrow dataset teaches a narrow model: fine if that is the job, a gap if users will ask about more.

    How to fix:
        Add examples of the topics users will raise that the data lacks, or thin out the dominant topic.

    Parameters:
        max_largest_share: the largest share of the sample one cluster may hold.
        min_entropy: the lowest normalised entropy of the cluster sizes.
        min_sample: the fewest sampled examples before the rule judges.
    """
    d: DiversitySection | None = ctx.diversity
    t = d.topics if d is not None else None
    if t is None or not t.modelled or t.sample is None or t.sample < int(p["min_sample"]):
        return None
    assert t.largest_share is not None and t.normalized_entropy is not None
    share_lim = float(p["max_largest_share"])
    ent_lim = float(p["min_entropy"])
    reasons = []
    if t.largest_share > share_lim:
        terms = ", ".join(t.clusters[0].terms[:4]) if t.clusters else ""
        reasons.append(f"one topic cluster ({terms}) holds {t.largest_share:.0%} of the sample")
    if t.normalized_entropy < ent_lim:
        reasons.append(f"topic entropy is {t.normalized_entropy:.2f} over {t.k} clusters")
    if not reasons:
        return None
    return Hit(
        "; ".join(reasons) + f" ({t.sample} examples sampled)",
        value=t.largest_share if t.largest_share > share_lim else t.normalized_entropy,
        threshold=share_lim if t.largest_share > share_lim else ent_lim,
    )
