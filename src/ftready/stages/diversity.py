"""The diversity stage: how varied the prompts and replies are, measured so the figures do not drift with size.

`run(ctx)` returns the diversity section (`ftready.model.diversity`); the FT401-FT406 rules read it. It needs the
labels section: replies that are class labels are left out of the reply metrics (the labels section covers their
balance). Every metric that depends on how much text it sees is computed on a fixed-size sample drawn with
`ctx.settings.seed`, and the section states each sample size. Proportions (shares of examples) are computed over
every example.

- distinct-n (n = 1..4): unique word n-grams / all word n-grams, on a fixed budget of `DISTINCT_WORD_BUDGET`
  words taken from whole examples in seeded random order (n-grams never cross examples). distinct-n falls as
  the amount of text grows, so it is only comparable at the same budget; a dataset with fewer words than the
  budget is measured on all of them (and marked `below_budget`).
- compression ratio: raw bytes / lzma-compressed bytes of a fixed `COMPRESSION_BYTES`-byte sample of shuffled
  replies. lzma (preset 6, its dictionary sized to the sample) sees repeats anywhere in the sample; gzip's 32 KB
  window does not.
- openings: the first three words of each prompt and reply; the share of the most common opening (over every
  example) and the number of distinct openings in a fixed sample of `OPENING_SAMPLE` examples.
- dominant replies: normalised replies (case, spacing) that many examples share, the share of examples whose
  reply is reused for different prompts ("canned" replies), and first/last lines repeated across replies.
- topics: TF-IDF (hashed) -> TruncatedSVD(64) -> KMeans on a seeded sample of `TOPIC_SAMPLE` examples; the
  normalised entropy of cluster sizes (1 = even spread), the largest cluster's share, each cluster's top terms.

Texts from the data that the section keeps (repeated replies, shared lines, openings, topic terms) pass through
`ftready.redact.redact`, the one masking step, before they enter the section.
"""

from __future__ import annotations

import contextlib
import dataclasses
import lzma
import math
import re
import warnings
from concurrent.futures import BrokenExecutor, Executor
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from ftready.model.diversity import (
    MAX_LISTED,
    Compression,
    CompressionSide,
    DistinctN,
    DistinctNSide,
    DiversitySamples,
    DiversitySection,
    Dominant,
    Opening,
    Openings,
    OpeningsSide,
    RepeatedReply,
    SharedLine,
    TopicCluster,
    Topics,
)
from ftready.progress import check_cancel
from ftready.redact import redact, scan_texts
from ftready.stages import labels as labels_mod
from ftready.stages.base import Stage
from ftready.stages.context import Context
from ftready.textnorm import fold

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import HashingVectorizer

DISTINCT_WORD_BUDGET = 50_000  # words per side (prompts, replies) for distinct-n
COMPRESSION_BYTES = 500_000  # bytes of shuffled replies (and prompts) fed to lzma
OPENING_SAMPLE = 5_000  # examples whose openings are counted for "distinct openings"
TOPIC_SAMPLE = 4_000  # examples clustered for topic spread
TOPIC_MIN_EXAMPLES = 50
TOPIC_MIN_WORDS = 3  # distinct (hashed) words below which topics are not modelled
TOPIC_MAX_CLUSTERS = 50
TOPIC_DOCS_PER_CLUSTER = 20  # k = min(50, sample // 20)
TOPIC_SVD_COMPONENTS = 64
TOPIC_DOC_CHARS = 2_000  # each example's first characters are what the topic model reads
TOPIC_TERMS = 6
MIN_REPLIES = 10  # fewer non-label replies than this: no opening or dominant-reply metrics
MAX_LINES = 50
TEXT_CHARS = 200  # characters of a repeated reply or shared line the section keeps
_WORD = r"\w+"
# topic terms: words of two or more letters; numbers are left out, since a number unique to each example would
# make templated examples ("convert 35 degrees ...") look unrelated to each other
_TOPIC_TOKEN = r"(?u)\b[^\W\d_]{2,}\b"
_CHUNK = 2_048


def warm() -> None:
    """Import scikit-learn ahead of time (it takes a second or two, holding the interpreter lock): the pipeline
    calls this in the helper process that runs the topic model for large inputs."""
    import sklearn.cluster
    import sklearn.decomposition
    import sklearn.feature_extraction.text
    import sklearn.preprocessing  # noqa: F401


def run(ctx: Context) -> DiversitySection:
    frame = ctx.frame
    n = frame.height
    seed = int(ctx.settings.seed)
    perm = np.random.default_rng(seed).permutation(n) if n else np.zeros(0, dtype=np.int64)
    label_section = ctx.labels
    label_keys = labels_mod.label_keys(label_section)
    work = frame.select("line", pl.col("prompt").fill_null(""), pl.col("response").fill_null(""))
    work = work.with_columns(fold(work["response"]).alias("key"))
    if label_section is not None and label_section.source == "responses":
        is_label = pl.lit(True)
    elif label_keys:
        is_label = pl.col("key").str.strip_chars_end(".").str.strip_chars().is_in(list(label_keys))
    else:
        is_label = pl.lit(False)
    work = work.with_columns(is_label.alias("is_label"), (pl.col("key") == "").alias("empty")).with_columns(
        pl.col("key").hash(seed=5)
    )
    # row indices of non-label, non-empty replies, in the seeded random order
    keep = (~work["is_label"] & ~work["empty"]).to_numpy() if n else np.zeros(0, dtype=bool)
    reply_perm = perm[keep[perm]] if n else perm
    check_cancel(ctx.cancel)

    prompts_present = bool(n) and bool((work["prompt"] != "").any())
    replies_ok = len(reply_perm) >= MIN_REPLIES
    any_replies = len(reply_perm) > 0
    distinct_n = DistinctN(
        budget_words=DISTINCT_WORD_BUDGET,
        responses=_distinct_n(work["response"], reply_perm, DISTINCT_WORD_BUDGET) if any_replies else None,
        prompts=_distinct_n(work["prompt"], perm, DISTINCT_WORD_BUDGET) if prompts_present else None,
    )
    check_cancel(ctx.cancel)
    compression = Compression(
        sample_bytes=COMPRESSION_BYTES,
        method="lzma preset 6",
        responses=_compression(work["response"], reply_perm, COMPRESSION_BYTES) if any_replies else None,
        prompts=_compression(work["prompt"], perm, COMPRESSION_BYTES) if prompts_present else None,
    )
    check_cancel(ctx.cancel)
    reply_rows = work.filter(~pl.col("is_label") & ~pl.col("empty"))
    openings = Openings(
        words=3,
        sample_size=OPENING_SAMPLE,
        responses=_openings(work["response"], reply_perm) if replies_ok else None,
        prompts=_openings(work["prompt"], perm) if prompts_present else None,
    )
    check_cancel(ctx.cancel)
    dominant = _dominant(reply_rows, n) if replies_ok else None
    check_cancel(ctx.cancel)
    return DiversitySection(
        examples=n,
        seed=seed,
        label_replies_excluded=int(work["is_label"].sum()) if n else 0,
        empty_replies=int(work["empty"].sum()) if n else 0,
        samples=DiversitySamples(
            distinct_n_words=DISTINCT_WORD_BUDGET,
            compression_bytes=COMPRESSION_BYTES,
            openings=OPENING_SAMPLE,
            topics=TOPIC_SAMPLE,
        ),
        distinct_n=distinct_n,
        compression=compression,
        openings=openings,
        dominant=dominant,
        topics=_topics(work, perm, seed, ctx.helper) if _topics_can_matter(ctx, n) else _skipped(SKIPPED_SMALL),
    )


SKIPPED_SMALL = "too few examples for the topic spread to produce a finding (findings-only run)"


def _topics_can_matter(ctx: Context, n: int) -> bool:
    """False only when the caller shows findings alone and the topic sample is smaller than FT406's (and the risk
    judgement's) `min_sample`: the topic model, and its scikit-learn import, could not change a finding then."""
    if not ctx.findings_only:
        return True
    min_sample = ctx.params_for("FT406").get("min_sample", 0)
    return min(n, TOPIC_SAMPLE) >= int(min_sample)


# --- distinct-n ------------------------------------------------------------------------------------------------


def _take_words(texts: pl.Series, order: np.ndarray, budget: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Word hashes and document ids of whole examples in `order` until `budget` words (cut to exactly it)."""
    hashes: list[np.ndarray] = []
    docs: list[np.ndarray] = []
    total = 0
    used = 0
    pos = 0
    chunk = _CHUNK
    while pos < len(order) and total < budget:
        idx = order[pos : pos + chunk]
        words = (
            pl.DataFrame({"doc": np.arange(pos, pos + len(idx)), "t": texts.gather(idx)})
            .select("doc", pl.col("t").str.to_lowercase().str.extract_all(_WORD).alias("w"))
            .explode("w")
            .drop_nulls("w")
        )
        pos += len(idx)
        if words.height == 0:
            continue
        h = words["w"].hash(seed=7).to_numpy()
        d = words["doc"].to_numpy()
        hashes.append(h)
        docs.append(d)
        total += len(h)
        per_doc = max(1.0, total / pos)
        chunk = int(min(4 * _CHUNK, max(256, (budget - total) / per_doc * 1.2 + 64)))
    if not hashes:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64), 0
    h_all = np.concatenate(hashes)[:budget]
    d_all = np.concatenate(docs)[:budget]
    used = int(len(np.unique(d_all)))
    return h_all, d_all, used


def distinct_ngrams(h: np.ndarray, doc: np.ndarray, n: int) -> float:
    """Unique n-grams / n-grams over word hashes `h`, not crossing documents (`doc` ids, contiguous)."""
    m = len(h)
    if m < n:
        return 0.0
    g = h[: m - n + 1].astype(np.uint64)
    mult = np.uint64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        for k in range(1, n):
            g = g * mult + h[k : m - n + 1 + k]
    same_doc = doc[: m - n + 1] == doc[n - 1 :]
    g = g[same_doc]
    if g.size == 0:
        return 0.0
    return float(np.unique(g).size / g.size)


def _distinct_n(texts: pl.Series, order: np.ndarray, budget: int) -> DistinctNSide | None:
    h, d, used = _take_words(texts, order, budget)
    if len(h) == 0:
        return None
    return DistinctNSide(
        words=int(len(h)),
        examples=used,
        below_budget=bool(len(h) < budget),
        distinct_1=round(distinct_ngrams(h, d, 1), 4),
        distinct_2=round(distinct_ngrams(h, d, 2), 4),
        distinct_3=round(distinct_ngrams(h, d, 3), 4),
        distinct_4=round(distinct_ngrams(h, d, 4), 4),
    )


# --- compression ---------------------------------------------------------------------------------------------


def _compression(texts: pl.Series, order: np.ndarray, budget: int) -> CompressionSide | None:
    parts: list[str] = []
    size = 0
    pos = 0
    used = 0
    while pos < len(order) and size < budget:
        idx = order[pos : pos + _CHUNK]
        pos += len(idx)
        chunk = texts.gather(idx)
        lens = chunk.str.len_bytes().to_numpy() + 1
        cum = np.cumsum(lens)
        take = int(np.searchsorted(cum, budget - size, side="left")) + 1
        take = min(take, len(idx))
        parts.extend(chunk.head(take).to_list())
        size += int(cum[take - 1])
        used += take
    if not parts:
        return None
    raw = "\n".join(parts).encode("utf-8")[:budget]
    if len(raw) < 64:
        return None
    return CompressionSide(
        ratio=round(len(raw) / lzma_size(raw), 3), bytes=len(raw), examples=used, below_budget=bool(len(raw) < budget)
    )


def lzma_size(raw: bytes) -> int:
    """Compressed size with lzma preset 6. The dictionary is sized to the input (at least 1 MiB) instead of
    preset 6's 8 MiB: every match of an input that fits is found all the same, so the output is the same, and
    the encoder needs about 12 MB instead of about 94 MB."""
    filters = [{"id": lzma.FILTER_LZMA2, "preset": 6, "dict_size": max(1 << 20, len(raw))}]
    return len(lzma.compress(raw, format=lzma.FORMAT_XZ, filters=filters))


# --- openings ------------------------------------------------------------------------------------------------


def opening_words(texts: pl.Series) -> pl.Series:
    """The first three words of each text (in its first 120 characters), lower case, joined by one space; null
    when there is none. The whole match is taken and its leading non-word characters dropped afterwards, which is
    faster than a capture group (the regex engine finds a match without tracking groups)."""
    return (
        texts.str.head(120)
        .str.to_lowercase()
        .str.extract(r"^\W*\w+(?:\W+\w+){0,2}", 0)
        .str.replace_all(r"\W+", " ")
        .str.strip_chars_start(" ")
    )


_OPENING = re.compile(r"^\W*\w+(?:\W+\w+){0,2}")


def _shown_opening(opening: str, texts: pl.Series, all_ops: pl.Series) -> str:
    """`opening` as the report shows it: from the masked text of its first example when that example begins with
    a secret or a personal datum (the lower-cased words could no longer be recognised as one afterwards)."""
    first = texts.filter(all_ops == opening).head(1).to_list()
    if not first or not first[0]:
        return redact(opening)
    head = first[0][:400]
    masked = redact(head)
    if masked == head:
        return redact(opening)
    m = _OPENING.match(masked[:120].lower())
    return re.sub(r"\W+", " ", m.group()).lstrip(" ") if m else redact(opening)


def _openings(texts: pl.Series, order: np.ndarray) -> OpeningsSide | None:
    """First three words of the texts at `order`: top share over all of them, distinct count in a fixed sample."""
    all_ops = opening_words(texts)
    ops = all_ops.gather(order).drop_nulls()  # short strings by now, so this copy is cheap
    total = len(ops)
    if total == 0:
        return None
    counts = ops.value_counts(sort=True, name="n")
    top = counts.head(MAX_LISTED)
    sample = ops.head(OPENING_SAMPLE)
    distinct = sample.n_unique()
    return OpeningsSide(
        top_share=round(int(top["n"][0]) / total, 4),
        top=tuple(
            Opening(opening=_shown_opening(str(o), texts, all_ops), count=int(c), share=round(int(c) / total, 4))
            for o, c in zip(top[ops.name].to_list(), top["n"].to_list(), strict=True)
        ),
        distinct_in_sample=int(distinct),
        sample=len(sample),
        distinct_share=round(distinct / len(sample), 4),
        examples=total,
    )


# --- dominant replies and boilerplate ------------------------------------------------------------------------


def _dominant(rows: pl.DataFrame, n_all: int) -> Dominant | None:
    if rows.height == 0:
        return None
    groups = (
        rows.group_by("key")
        .agg(
            pl.len().alias("n"),
            pl.col("prompt").hash(seed=11).n_unique().alias("prompts"),
            pl.col("line").sort().head(MAX_LINES).alias("lines"),
            pl.col("response").first().alias("sample"),
            pl.col("line").min().alias("first"),
        )
        .filter(pl.col("n") >= 2)
        .sort(["n", "first"], descending=[True, False])
    )
    canned = int(groups.filter(pl.col("prompts") >= 2)["n"].sum()) if groups.height else 0
    top = tuple(
        RepeatedReply(
            text=redact(r["sample"])[:TEXT_CHARS],  # masked whole, then cut, so a cut never splits a value
            count=int(r["n"]),
            share=round(int(r["n"]) / n_all, 4),
            distinct_prompts=int(r["prompts"]),
            lines=tuple(int(x) for x in r["lines"]),
        )
        for r in groups.head(MAX_LISTED).iter_rows(named=True)
    )
    trimmed = rows.select("line", pl.col("response").str.strip_chars().alias("r")).filter(
        pl.col("r").str.contains("\n")
    )
    first_line = trimmed["r"].str.extract(r"^([^\n]*)", 1)
    last_line = trimmed["r"].str.reverse().str.extract(r"^([^\n]*)", 1).str.reverse()
    first = pl.DataFrame({"line": trimmed["line"], "k": fold(first_line)})
    last = pl.DataFrame({"line": trimmed["line"], "k": fold(last_line)})
    return Dominant(
        replies=rows.height,
        top_share=top[0].share if top else round(1 / n_all, 4),
        top=top,
        repeated_share=round(int(groups["n"].sum()) / n_all, 4) if groups.height else 0.0,
        canned_share=round(canned / n_all, 4),
        distinct_replies=int(rows["key"].n_unique()),
        prefixes=_shared_lines(first, n_all),
        suffixes=_shared_lines(last, n_all),
        multiline_replies=trimmed.height,
    )


def _shared_lines(lines: pl.DataFrame, n_all: int) -> tuple[SharedLine, ...]:
    """First (or last) lines of multi-line replies that at least two replies share; lines of 2+ words only."""
    if lines.height == 0:
        return ()
    g = (
        lines.filter(pl.col("k").str.count_matches(_WORD) >= 2)
        .group_by("k")
        .agg(pl.len().alias("n"), pl.col("line").sort().head(MAX_LINES).alias("lines"))
        .filter(pl.col("n") >= 2)
        .sort(["n", "k"], descending=[True, False])
        .head(MAX_LISTED)
    )
    return tuple(
        SharedLine(
            text=redact(r["k"])[:TEXT_CHARS],
            count=int(r["n"]),
            share=round(int(r["n"]) / n_all, 4),
            lines=tuple(int(x) for x in r["lines"]),
        )
        for r in g.iter_rows(named=True)
    )


# --- topics --------------------------------------------------------------------------------------------------


def _skipped(reason: str) -> Topics:
    return Topics(sample_size=TOPIC_SAMPLE, clusters=(), skipped=reason)


def _topics(work: pl.DataFrame, perm: np.ndarray, seed: int, helper: Executor | None = None) -> Topics:
    idx = perm[:TOPIC_SAMPLE]
    if len(idx) < TOPIC_MIN_EXAMPLES:
        return _skipped(f"fewer than {TOPIC_MIN_EXAMPLES} examples")
    docs_s = work[idx].select(
        pl.concat_str(
            pl.col("prompt"),
            pl.when(pl.col("is_label")).then(pl.lit("")).otherwise(pl.col("response")),
            separator="\n",
        )
        .str.head(TOPIC_DOC_CHARS)
        .alias("d")
    )["d"]
    docs = docs_s.to_list()
    result: Topics | None = None
    if helper is not None:
        with contextlib.suppress(BrokenExecutor, OSError, RuntimeError):  # the helper is gone: model it here
            result = helper.submit(topic_model, docs, seed).result()
    if result is None:
        result = topic_model(docs, seed)
    private = _private_words(docs_s)
    if private:  # the words of a secret or personal datum (john, smith, gmail) are never shown as topic terms
        clusters = tuple(
            dataclasses.replace(c, terms=tuple(t for t in c.terms if t not in private)) for c in result.clusters
        )
        result = dataclasses.replace(result, clusters=clusters)
    return result


def _private_words(docs: pl.Series) -> set[str]:
    """The lower-case topic words inside the secrets and personal data of `docs` (placeholders excepted)."""
    words: set[str] = set()
    for hit in scan_texts(docs):
        if not hit.kind.startswith("placeholder-"):
            text = docs[hit.index] or ""
            words.update(w.lower() for w in re.findall(_TOPIC_TOKEN, text[hit.start : hit.end]))
    return words


def topic_model(docs: list[str], seed: int) -> Topics:
    """The topic spread of a sample of documents (pure: it may run in a helper process)."""
    docs_s = pl.Series("d", docs, dtype=pl.String)
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer, TfidfTransformer
    from sklearn.preprocessing import normalize
    from threadpoolctl import threadpool_limits

    hv = HashingVectorizer(
        n_features=2**18, alternate_sign=False, norm=None, stop_words="english", token_pattern=_TOPIC_TOKEN
    )
    counts = hv.transform(docs)
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    nonempty = np.asarray(tfidf.getnnz(axis=1) > 0)
    m = int(nonempty.sum())
    distinct_docs = docs_s.filter(pl.Series(nonempty)).n_unique()
    if m < TOPIC_MIN_EXAMPLES:
        return _skipped("too few examples with words to cluster")
    tfidf = tfidf[nonempty]
    used_cols = np.unique(tfidf.indices)  # only the hashed features that occur (SVD cost grows with columns)
    tfidf = tfidf[:, used_cols]
    if tfidf.shape[1] < TOPIC_MIN_WORDS:  # the SVD needs more dimensions than components, and at least two
        return _skipped(f"fewer than {TOPIC_MIN_WORDS} distinct words to cluster")
    k = max(2, min(TOPIC_MAX_CLUSTERS, m // TOPIC_DOCS_PER_CLUSTER, distinct_docs))
    comps = max(2, min(TOPIC_SVD_COMPONENTS, m - 1, tfidf.shape[1] - 1))
    # One BLAS/OpenMP thread: the matrices are small, and on a busy 2-core machine spinning worker threads made
    # this step up to 7 times slower. Degenerate samples (all alike) make SVD and k-means warn; the result is right.
    with warnings.catch_warnings(), threadpool_limits(limits=1):
        warnings.simplefilter("ignore")
        emb = normalize(TruncatedSVD(n_components=comps, random_state=seed, n_iter=4).fit_transform(tfidf))
        km = KMeans(n_clusters=k, random_state=seed, n_init=2).fit(emb)
    assign = km.labels_
    sizes = np.bincount(assign, minlength=k)
    p = sizes[sizes > 0] / m
    entropy = float(-(p * np.log(p)).sum() / math.log(k))
    vocab = _hashed_vocabulary(docs_s.filter(pl.Series(nonempty)), hv, set(ENGLISH_STOP_WORDS))
    clusters = []
    for c in np.argsort(-sizes, kind="stable"):
        if sizes[c] == 0:
            continue
        mean = np.asarray(tfidf[assign == c].mean(axis=0)).ravel()
        top = np.argsort(-mean, kind="stable")[: TOPIC_TERMS * 2]  # ties: lowest feature first, on any machine
        terms = [vocab[int(used_cols[i])] for i in top if mean[i] > 0 and int(used_cols[i]) in vocab][:TOPIC_TERMS]
        clusters.append(
            TopicCluster(size=int(sizes[c]), share=round(int(sizes[c]) / m, 4), terms=tuple(redact(t) for t in terms))
        )
    return Topics(
        sample_size=TOPIC_SAMPLE,
        clusters=tuple(clusters),
        sample=m,
        k=k,
        svd_components=comps,
        normalized_entropy=round(entropy, 4),
        largest_share=round(int(sizes.max()) / m, 4),
    )


def _hashed_vocabulary(docs: pl.Series, hv: HashingVectorizer, stop: set[str]) -> dict[int, str]:
    """Feature index -> the most frequent sample word hashed to it, so cluster terms read as words."""
    words = (
        pl.DataFrame({"d": docs})
        .select(pl.col("d").str.to_lowercase().str.extract_all(_TOPIC_TOKEN).alias("w"))
        .explode("w")
        .drop_nulls()["w"]
        .value_counts(name="n")
        .sort(["n", "w"], descending=[True, False])  # ties by word, so the vocabulary is the same on every run
    )
    words = words.filter(~pl.col("w").is_in(list(stop)))
    toks: list[str] = words["w"].to_list()
    if not toks:
        return {}
    mat = hv.transform(toks).tocsr()
    vocab: dict[int, str] = {}
    for row, tok in enumerate(toks):  # most frequent first, so collisions keep the common word
        s, e = mat.indptr[row], mat.indptr[row + 1]
        if e > s:
            vocab.setdefault(int(mat.indices[s]), tok)
    return vocab


STAGE = Stage("diversity", run, needs=("labels",))
