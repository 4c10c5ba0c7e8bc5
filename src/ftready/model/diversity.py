"""The diversity section: how varied the prompts and replies are, measured on fixed-size samples so that the figures
do not drift with dataset size (`ftready.stages.diversity` computes it; the FT401-FT406 rules read it).

Every text that comes from the data (repeated replies, shared first and last lines, openings, topic terms) has been
through `ftready.redact.redact`, so the section never holds a clear secret or personal datum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ftready.model.core import MAX_LINES
from ftready.model.jsontypes import JSONObject, dataclass_json, meta

MAX_LISTED = 5  # dominant replies, shared lines and openings listed in the report
MIN_WORDS = 200  # distinct-n is judged (FT401, the risk) only on at least this many words
MIN_BYTES = 2_000  # ... and the compression ratio only on at least this many bytes
MIN_TEXTS = 10  # openings are judged only over at least this many texts

MEANINGS: Mapping[str, str] = MappingProxyType(
    {
        "distinct_n": "unique word n-grams divided by all word n-grams in a fixed number of words; "
        "lower means the same phrases recur",
        "compression": "how many times smaller lzma makes a fixed-size sample of the text; higher means more "
        "repetition (varied English prose is usually about 3 to 4)",
        "openings": "how the texts begin (first three words): the share of the most common opening and how many "
        "different openings a fixed sample uses",
        "dominant": "replies (or first/last lines of replies) that many examples share word for word",
        "topics": "how evenly the examples spread over topic clusters: normalised entropy (1 = even) and the "
        "largest cluster's share",
    }
)


@dataclass(frozen=True, slots=True)
class DiversitySamples:
    distinct_n_words: int = field(metadata=meta("words per side measured for distinct-n"))
    compression_bytes: int = field(metadata=meta("bytes per side fed to lzma"))
    openings: int = field(metadata=meta("examples whose openings are counted for distinct openings"))
    topics: int = field(metadata=meta("examples clustered for the topic spread"))


@dataclass(frozen=True, slots=True)
class DistinctNSide:
    """distinct-1..4 of one side (prompts or replies)."""

    words: int = field(metadata=meta("words measured"))
    examples: int = field(metadata=meta("examples those words come from"))
    below_budget: bool = field(metadata=meta("true when the side has fewer words than the budget"))
    distinct_1: float = field(metadata=meta("unique words / words"))
    distinct_2: float = field(metadata=meta("unique word pairs / word pairs"))
    distinct_3: float = field(metadata=meta("unique word triples / word triples"))
    distinct_4: float = field(metadata=meta("unique 4-grams / 4-grams"))

    def distinct(self, n: int) -> float:
        return {1: self.distinct_1, 2: self.distinct_2, 3: self.distinct_3, 4: self.distinct_4}[n]


@dataclass(frozen=True, slots=True)
class DistinctN:
    budget_words: int = field(metadata=meta("words per side"))
    responses: DistinctNSide | None = field(metadata=meta("replies (label replies left out), or null"))
    prompts: DistinctNSide | None = field(metadata=meta("prompts, or null without prompts"))
    meaning: str = field(default=MEANINGS["distinct_n"], metadata=meta("what the measure means"))


@dataclass(frozen=True, slots=True)
class CompressionSide:
    ratio: float = field(metadata=meta("raw bytes / lzma-compressed bytes"))
    bytes: int = field(metadata=meta("bytes compressed"))
    examples: int = field(metadata=meta("examples those bytes come from"))
    below_budget: bool = field(metadata=meta("true when the side has fewer bytes than the sample size"))


@dataclass(frozen=True, slots=True)
class Compression:
    sample_bytes: int = field(metadata=meta("bytes per side"))
    method: str = field(metadata=meta("the compressor"))
    responses: CompressionSide | None = field(metadata=meta("replies, or null"))
    prompts: CompressionSide | None = field(metadata=meta("prompts, or null"))
    meaning: str = field(default=MEANINGS["compression"], metadata=meta("what the measure means"))


@dataclass(frozen=True, slots=True)
class Opening:
    opening: str = field(metadata=meta("the first three words, lower case (masked)"))
    count: int = field(metadata=meta("texts that begin with them"))
    share: float = field(metadata=meta("their share of the texts"))


@dataclass(frozen=True, slots=True)
class OpeningsSide:
    top_share: float = field(metadata=meta("share of the most common opening"))
    top: tuple[Opening, ...] = field(metadata=meta("the most common openings", cap=MAX_LISTED))
    distinct_in_sample: int = field(metadata=meta("distinct openings in the fixed sample"))
    sample: int = field(metadata=meta("texts in that sample"))
    distinct_share: float = field(metadata=meta("distinct_in_sample / sample"))
    examples: int = field(metadata=meta("texts with an opening"))


@dataclass(frozen=True, slots=True)
class Openings:
    words: int = field(metadata=meta("words in an opening"))
    sample_size: int = field(metadata=meta("the fixed sample for distinct openings"))
    responses: OpeningsSide | None = field(metadata=meta("replies, or null with too few replies"))
    prompts: OpeningsSide | None = field(metadata=meta("prompts, or null without prompts"))
    meaning: str = field(default=MEANINGS["openings"], metadata=meta("what the measure means"))


@dataclass(frozen=True, slots=True)
class RepeatedReply:
    text: str = field(metadata=meta("the reply's first 200 characters (masked)"))
    count: int = field(metadata=meta("examples giving it"))
    share: float = field(metadata=meta("their share of all examples"))
    distinct_prompts: int = field(metadata=meta("distinct prompts it answers"))
    lines: tuple[int, ...] = field(metadata=meta("lines of those examples, ascending", cap=MAX_LINES))


@dataclass(frozen=True, slots=True)
class SharedLine:
    text: str = field(metadata=meta("the line, case and spacing folded, first 200 characters (masked)"))
    count: int = field(metadata=meta("multi-line replies starting (or ending) with it"))
    share: float = field(metadata=meta("their share of all examples"))
    lines: tuple[int, ...] = field(metadata=meta("lines of those examples, ascending", cap=MAX_LINES))


@dataclass(frozen=True, slots=True)
class Dominant:
    replies: int = field(metadata=meta("non-label, non-empty replies"))
    top_share: float = field(metadata=meta("share of the most repeated reply"))
    top: tuple[RepeatedReply, ...] = field(metadata=meta("replies given by two or more examples, most first"))
    repeated_share: float = field(metadata=meta("share of examples whose reply another example also gives"))
    canned_share: float = field(metadata=meta("share of examples whose reply is given to different prompts"))
    distinct_replies: int = field(metadata=meta("distinct replies (case and spacing folded)"))
    prefixes: tuple[SharedLine, ...] = field(metadata=meta("first lines shared by two or more replies"))
    suffixes: tuple[SharedLine, ...] = field(metadata=meta("last lines shared by two or more replies"))
    multiline_replies: int = field(metadata=meta("replies of more than one line"))
    meaning: str = field(default=MEANINGS["dominant"], metadata=meta("what the measure means"))


@dataclass(frozen=True, slots=True)
class TopicCluster:
    size: int = field(metadata=meta("examples in the cluster"))
    share: float = field(metadata=meta("its share of the sample"))
    terms: tuple[str, ...] = field(metadata=meta("its top terms (masked)"))


@dataclass(frozen=True, slots=True)
class Topics:
    """The topic spread; when the sample is too small to cluster, `skipped` says why and the measures are absent."""

    sample_size: int = field(metadata=meta("the most examples clustered"))
    clusters: tuple[TopicCluster, ...] = field(metadata=meta("clusters, largest first (empty when skipped)"))
    skipped: str | None = field(default=None, metadata=meta("why no clusters were made (absent when modelled)"))
    sample: int | None = field(default=None, metadata=meta("examples clustered (absent when skipped)"))
    k: int | None = field(default=None, metadata=meta("clusters (absent when skipped)"))
    svd_components: int | None = field(default=None, metadata=meta("SVD dimensions (absent when skipped)"))
    normalized_entropy: float | None = field(
        default=None, metadata=meta("entropy of the cluster sizes / ln k, 1 = even (absent when skipped)")
    )
    largest_share: float | None = field(
        default=None, metadata=meta("the largest cluster's share of the sample (absent when skipped)")
    )
    meaning: str = field(default=MEANINGS["topics"], metadata=meta("what the measure means"))

    @property
    def modelled(self) -> bool:
        return self.skipped is None and self.sample is not None

    @property
    def sizes(self) -> tuple[int, ...]:
        return tuple(c.size for c in self.clusters)

    def to_dict(self) -> JSONObject:
        full = dataclass_json(self)
        head: JSONObject = {"meaning": full["meaning"], "sample_size": full["sample_size"]}
        if not self.modelled:
            return {**head, "skipped": full["skipped"], "clusters": full["clusters"]}
        keys = ("sample", "k", "svd_components", "normalized_entropy", "largest_share")
        return {**head, **{k: full[k] for k in keys}, "sizes": list(self.sizes), "clusters": full["clusters"]}


@dataclass(frozen=True, slots=True)
class DiversitySection:
    examples: int = field(metadata=meta("valid examples"))
    seed: int = field(metadata=meta("the seed of every sample"))
    label_replies_excluded: int = field(metadata=meta("replies that are class labels, left out of reply metrics"))
    empty_replies: int = field(metadata=meta("empty replies, left out of reply metrics"))
    samples: DiversitySamples = field(metadata=meta("the fixed sample sizes"))
    distinct_n: DistinctN = field(metadata=meta("distinct-n (n = 1..4)"))
    compression: Compression = field(metadata=meta("lzma compression ratio"))
    openings: Openings = field(metadata=meta("first three words"))
    dominant: Dominant | None = field(metadata=meta("repeated replies and shared lines, or null with few replies"))
    topics: Topics = field(
        metadata=meta(
            "topic spread; `sample`, `k`, `svd_components`, `normalized_entropy`, `largest_share` and `sizes` "
            "(cluster sizes, largest first) are present only when modelled, `skipped` only when not"
        )
    )

    def to_dict(self) -> JSONObject:
        out = dataclass_json(self)
        out["topics"] = self.topics.to_dict()
        return out
