"""Diversity (FT4xx): how varied the prompts and replies are, measured so the figures do not drift with size.

`stage(ctx)` returns the JSON `diversity` section; the checks read `ctx.results["diversity"]`. Every metric that
depends on how much text it sees is computed on a fixed-size sample drawn with `ctx.settings.seed`, and the
section states each sample size. Proportions (shares of examples) are computed over every example.

Metrics (each carries a one-line `meaning` in the section):

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

Replies that are class labels (see `ftready.checks.labels`) are left out of the reply metrics: the labels
section covers their balance.
"""

from __future__ import annotations

import contextlib
import lzma
import math
import re
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import BrokenExecutor, Executor
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from ftready.checks.registry import check, spec
from ftready.model import Finding, Severity
from ftready.progress import check_cancel
from ftready.redact import redact, scan_texts
from ftready.stages import labels as labels_mod
from ftready.textnorm import fold

if TYPE_CHECKING:
    from ftready.checks.context import Context

DISTINCT_WORD_BUDGET = 50_000  # words per side (prompts, replies) for distinct-n
COMPRESSION_BYTES = 500_000  # bytes of shuffled replies (and prompts) fed to lzma
OPENING_SAMPLE = 5_000  # examples whose openings are counted for "distinct openings"
TOPIC_SAMPLE = 4_000  # examples clustered for topic spread
TOPIC_MIN_EXAMPLES = 50
TOPIC_MAX_CLUSTERS = 50
TOPIC_DOCS_PER_CLUSTER = 20  # k = min(50, sample // 20)
TOPIC_SVD_COMPONENTS = 64
TOPIC_DOC_CHARS = 2_000  # each example's first characters are what the topic model reads
TOPIC_TERMS = 6
MIN_WORDS = 200  # FT401 judges distinct-n only on at least this many words
MIN_BYTES = 2_000  # ... and the compression ratio only on at least this many bytes
MIN_REPLIES = 10  # fewer non-label replies than this: no opening or dominant-reply metrics
MAX_LISTED = 5  # dominant replies / prefixes listed in the section
MAX_LINES = 50
_WORD = r"\w+"
# topic terms: words of two or more letters; numbers are left out, since a number unique to each example would
# make templated examples ("convert 35 degrees ...") look unrelated to each other
_TOPIC_TOKEN = r"(?u)\b[^\W\d_]{2,}\b"
_CHUNK = 2_048

MEANINGS = {
    "distinct_n": "unique word n-grams divided by all word n-grams in a fixed number of words; "
    "lower means the same phrases recur",
    "compression": "how many times smaller lzma makes a fixed-size sample of the text; higher means more repetition "
    "(varied English prose is usually about 3 to 4)",
    "openings": "how the texts begin (first three words): the share of the most common opening and how many "
    "different openings a fixed sample uses",
    "dominant": "replies (or first/last lines of replies) that many examples share word for word",
    "topics": "how evenly the examples spread over topic clusters: normalised entropy (1 = even) and the largest "
    "cluster's share",
}


def ensure(ctx: Context) -> dict[str, Any]:
    """The diversity section, computed once per context (stages may run in any order)."""
    if ctx.diversity is None:
        ctx.diversity = stage(ctx)
    return ctx.diversity


def warm() -> None:
    """Import scikit-learn ahead of time (it takes a second or two, holding the interpreter lock): the analysis
    calls this in the helper process that runs the topic model for large inputs."""
    import sklearn.cluster
    import sklearn.decomposition
    import sklearn.feature_extraction.text
    import sklearn.preprocessing  # noqa: F401


def stage(ctx: Context) -> dict[str, Any]:
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
    section: dict[str, Any] = {
        "examples": n,
        "seed": seed,
        "label_replies_excluded": int(work["is_label"].sum()) if n else 0,
        "empty_replies": int(work["empty"].sum()) if n else 0,
        "samples": {
            "distinct_n_words": DISTINCT_WORD_BUDGET,
            "compression_bytes": COMPRESSION_BYTES,
            "openings": OPENING_SAMPLE,
            "topics": TOPIC_SAMPLE,
        },
    }
    replies_ok = len(reply_perm) >= MIN_REPLIES
    any_replies = len(reply_perm) > 0
    section["distinct_n"] = {
        "budget_words": DISTINCT_WORD_BUDGET,
        "responses": _distinct_n(work["response"], reply_perm, DISTINCT_WORD_BUDGET) if any_replies else None,
        "prompts": _distinct_n(work["prompt"], perm, DISTINCT_WORD_BUDGET) if prompts_present else None,
        "meaning": MEANINGS["distinct_n"],
    }
    check_cancel(ctx.cancel)
    section["compression"] = {
        "sample_bytes": COMPRESSION_BYTES,
        "method": "lzma preset 6",
        "responses": _compression(work["response"], reply_perm, COMPRESSION_BYTES) if any_replies else None,
        "prompts": _compression(work["prompt"], perm, COMPRESSION_BYTES) if prompts_present else None,
        "meaning": MEANINGS["compression"],
    }
    check_cancel(ctx.cancel)
    reply_rows = work.filter(~pl.col("is_label") & ~pl.col("empty"))
    section["openings"] = {
        "words": 3,
        "sample_size": OPENING_SAMPLE,
        "responses": _openings(work["response"], reply_perm) if replies_ok else None,
        "prompts": _openings(work["prompt"], perm) if prompts_present else None,
        "meaning": MEANINGS["openings"],
    }
    check_cancel(ctx.cancel)
    section["dominant"] = _dominant(reply_rows, n) if replies_ok else None
    if section["dominant"] is not None:
        section["dominant"]["meaning"] = MEANINGS["dominant"]
    check_cancel(ctx.cancel)
    section["topics"] = _topics(work, perm, seed, ctx.helper)
    return section


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


def _distinct_n(texts: pl.Series, order: np.ndarray, budget: int) -> dict[str, Any] | None:
    h, d, used = _take_words(texts, order, budget)
    if len(h) == 0:
        return None
    out: dict[str, Any] = {"words": int(len(h)), "examples": used, "below_budget": bool(len(h) < budget)}
    for n in (1, 2, 3, 4):
        out[f"distinct_{n}"] = round(distinct_ngrams(h, d, n), 4)
    return out


# --- compression ---------------------------------------------------------------------------------------------


def _compression(texts: pl.Series, order: np.ndarray, budget: int) -> dict[str, Any] | None:
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
    return {
        "ratio": round(len(raw) / lzma_size(raw), 3),
        "bytes": len(raw),
        "examples": used,
        "below_budget": bool(len(raw) < budget),
    }


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
        return opening
    head = first[0][:400]
    masked = redact(head)
    if masked == head:
        return opening
    m = _OPENING.match(masked[:120].lower())
    return re.sub(r"\W+", " ", m.group()).lstrip(" ") if m else opening


def _openings(texts: pl.Series, order: np.ndarray) -> dict[str, Any] | None:
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
    return {
        "top_share": round(int(top["n"][0]) / total, 4),
        "top": [
            {"opening": _shown_opening(str(o), texts, all_ops), "count": int(c), "share": round(int(c) / total, 4)}
            for o, c in zip(top[ops.name].to_list(), top["n"].to_list(), strict=True)
        ],
        "distinct_in_sample": int(distinct),
        "sample": len(sample),
        "distinct_share": round(distinct / len(sample), 4),
        "examples": total,
    }


# --- dominant replies and boilerplate ------------------------------------------------------------------------


def _dominant(rows: pl.DataFrame, n_all: int) -> dict[str, Any] | None:
    if rows.height == 0:
        return None
    groups = (
        rows.group_by("key")
        .agg(
            pl.len().alias("n"),
            pl.col("prompt").hash(seed=11).n_unique().alias("prompts"),
            pl.col("line").sort().head(MAX_LINES).alias("lines"),
            pl.col("response").first().str.head(200).alias("sample"),
            pl.col("line").min().alias("first"),
        )
        .filter(pl.col("n") >= 2)
        .sort(["n", "first"], descending=[True, False])
    )
    canned = int(groups.filter(pl.col("prompts") >= 2)["n"].sum()) if groups.height else 0
    top = [
        {
            "text": r["sample"],
            "count": int(r["n"]),
            "share": round(int(r["n"]) / n_all, 4),
            "distinct_prompts": int(r["prompts"]),
            "lines": [int(x) for x in r["lines"]],
        }
        for r in groups.head(MAX_LISTED).iter_rows(named=True)
    ]
    trimmed = rows.select("line", pl.col("response").str.strip_chars().alias("r")).filter(
        pl.col("r").str.contains("\n")
    )
    first_line = trimmed["r"].str.extract(r"^([^\n]*)", 1)
    last_line = trimmed["r"].str.reverse().str.extract(r"^([^\n]*)", 1).str.reverse()
    first = pl.DataFrame({"line": trimmed["line"], "k": fold(first_line)})
    last = pl.DataFrame({"line": trimmed["line"], "k": fold(last_line)})
    return {
        "replies": rows.height,
        "top_share": top[0]["share"] if top else round(1 / n_all, 4),
        "top": top,
        "repeated_share": round(int(groups["n"].sum()) / n_all, 4) if groups.height else 0.0,
        "canned_share": round(canned / n_all, 4),
        "distinct_replies": int(rows["key"].n_unique()),
        "prefixes": _shared_lines(first, n_all),
        "suffixes": _shared_lines(last, n_all),
        "multiline_replies": trimmed.height,
    }


def _shared_lines(lines: pl.DataFrame, n_all: int) -> list[dict[str, Any]]:
    """First (or last) lines of multi-line replies that at least two replies share; lines of 2+ words only."""
    if lines.height == 0:
        return []
    g = (
        lines.filter(pl.col("k").str.count_matches(_WORD) >= 2)
        .group_by("k")
        .agg(pl.len().alias("n"), pl.col("line").sort().head(MAX_LINES).alias("lines"))
        .filter(pl.col("n") >= 2)
        .sort(["n", "k"], descending=[True, False])
        .head(MAX_LISTED)
    )
    return [
        {"text": r["k"][:200], "count": int(r["n"]), "share": round(int(r["n"]) / n_all, 4), "lines": r["lines"]}
        for r in g.iter_rows(named=True)
    ]


# --- topics --------------------------------------------------------------------------------------------------


def _topics_base() -> dict[str, Any]:
    """What every topics section holds, modelled or skipped."""
    return {"meaning": MEANINGS["topics"], "sample_size": TOPIC_SAMPLE}


def _topics(work: pl.DataFrame, perm: np.ndarray, seed: int, helper: Executor | None = None) -> dict[str, Any]:
    idx = perm[:TOPIC_SAMPLE]
    if len(idx) < TOPIC_MIN_EXAMPLES:
        return {**_topics_base(), "skipped": f"fewer than {TOPIC_MIN_EXAMPLES} examples", "clusters": []}
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
    result: dict[str, Any] | None = None
    if helper is not None:
        with contextlib.suppress(BrokenExecutor, OSError, RuntimeError):  # the helper is gone: model it here
            result = helper.submit(topic_model, docs, seed).result()
    if result is None:
        result = topic_model(docs, seed)
    private = _private_words(docs_s)
    if private:  # the words of a secret or personal datum (john, smith, gmail) are never shown as topic terms
        for cluster in result.get("clusters", []):
            cluster["terms"] = [t for t in cluster["terms"] if t not in private]
    return result


def _private_words(docs: pl.Series) -> set[str]:
    """The lower-case topic words inside the secrets and personal data of `docs` (placeholders excepted)."""
    words: set[str] = set()
    for hit in scan_texts(docs):
        if not hit.kind.startswith("placeholder-"):
            text = docs[hit.index] or ""
            words.update(w.lower() for w in re.findall(_TOPIC_TOKEN, text[hit.start : hit.end]))
    return words


def topic_model(docs: list[str], seed: int) -> dict[str, Any]:
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
        return {**_topics_base(), "skipped": "too few examples with words to cluster", "clusters": []}
    tfidf = tfidf[nonempty]
    used_cols = np.unique(tfidf.indices)  # only the hashed features that occur (SVD cost grows with columns)
    tfidf = tfidf[:, used_cols]
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
        clusters.append({"size": int(sizes[c]), "share": round(int(sizes[c]) / m, 4), "terms": terms})
    return {
        **_topics_base(),
        "sample": m,
        "k": k,
        "svd_components": comps,
        "normalized_entropy": round(entropy, 4),
        "largest_share": round(int(sizes.max()) / m, 4),
        "sizes": [cl["size"] for cl in clusters],
        "clusters": clusters,
    }


def _hashed_vocabulary(docs: pl.Series, hv: Any, stop: set[str]) -> dict[int, str]:
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


# --- checks --------------------------------------------------------------------------------------------------


def _fmt_lines(items: list[dict[str, Any]]) -> list[int]:
    return [int(x) for it in items for x in it.get("lines", [])]


@check(
    "FT401",
    "low-lexical-diversity",
    Severity.WARNING,
    "The replies reuse the same words and phrases far more than varied text does.",
    "A model learns the phrasing of its training replies. When the replies repeat a small set of phrases it "
    "learns to produce those phrases, whatever the prompt, and loses the variety it had. Two measures, both on "
    "fixed-size samples so they do not drift with dataset size: distinct-2 (unique word pairs / all word pairs "
    "in 50,000 words of replies) below `min_distinct_2` (default 0.25; varied replies score about 0.4 to 0.7), "
    "or the lzma compression ratio of a 500 KB sample of replies above `max_compression_ratio` (default 6.0; "
    "varied English compresses about 3 to 4 times, JSON-heavy tool-call replies about 4.5, repetitive replies "
    "far more). Datasets smaller than the sample are measured "
    "on all their text, which favours them, so a warning there is not an artefact of "
    "size. Label replies of classification sets are not measured.",
    params={"min_distinct_2": 0.25, "max_compression_ratio": 6.0},
)
def low_lexical_diversity(ctx: Context, params: Mapping[str, Any]) -> Finding | None:
    d = ensure(ctx)
    dn = (d.get("distinct_n") or {}).get("responses")
    cr = (d.get("compression") or {}).get("responses")
    reasons: list[str] = []
    measured: list[tuple[float, float]] = []  # (value, threshold) of each measure that fired, distinct-2 first
    if dn and dn["words"] >= MIN_WORDS and dn["distinct_2"] < float(params["min_distinct_2"]):
        reasons.append(
            f"distinct-2 is {dn['distinct_2']:.3f} on {dn['words']:,} words (threshold {params['min_distinct_2']})"
        )
        measured.append((dn["distinct_2"], float(params["min_distinct_2"])))
    if cr and cr["bytes"] >= MIN_BYTES and cr["ratio"] > float(params["max_compression_ratio"]):
        reasons.append(
            f"lzma compresses {cr['bytes']:,} bytes of replies {cr['ratio']:.1f}x "
            f"(threshold {params['max_compression_ratio']})"
        )
        measured.append((cr["ratio"], float(params["max_compression_ratio"])))
    if not reasons:
        return None
    return spec("FT401").make(
        "replies are repetitive: " + "; ".join(reasons), value=measured[0][0], threshold=measured[0][1]
    )


@check(
    "FT402",
    "dominant-responses",
    Severity.WARNING,
    "Many examples share the same reply word for word.",
    "If one reply (a refusal, a greeting, a stock answer) makes up a large share of the examples, the model "
    "learns to give it far more often than intended; OpenAI's fine-tuning guidance warns about exactly this, with "
    "the example of data where 60% of replies are refusals when only 5% should be. ftready compares replies after folding case and spacing "
    "and warns when a single reply makes up more than `max_share` (default 0.05) of the examples (and at least "
    "`min_count`, default 5, examples), or when more than `max_canned_share` (default 0.2) of the examples give "
    "a reply that other examples with different prompts also give. Class labels of classification sets are "
    "exempt (FT5xx covers their balance).",
    params={"max_share": 0.05, "min_count": 5, "max_canned_share": 0.2},
)
def dominant_responses(ctx: Context, params: Mapping[str, Any]) -> Finding | None:
    dom = ensure(ctx).get("dominant")
    if not dom:
        return None
    max_share = float(params["max_share"])
    heavy = [t for t in dom["top"] if t["share"] > max_share and t["count"] >= int(params["min_count"])]
    canned = dom["canned_share"] > float(params["max_canned_share"])
    if not heavy and not canned:
        return None
    parts = []
    if heavy:
        t = heavy[0]
        parts.append(f"{t['count']} examples ({t['share']:.0%}) reply {_quote(t['text'])}")
        if len(heavy) > 1:
            parts.append(f"{len(heavy) - 1} more replies each exceed {max_share:.0%}")
    if canned:
        parts.append(
            f"{dom['canned_share']:.0%} of examples reuse a reply given to other prompts "
            f"({dom['distinct_replies']} distinct replies in {dom['replies']} examples)"
        )
    top_share = dom["top"][0]["share"] if dom["top"] else 0.0
    return spec("FT402").make(
        "; ".join(parts),
        count=sum(t["count"] for t in heavy) if heavy else round(dom["canned_share"] * ctx.frame.height),
        lines=_fmt_lines(heavy or dom["top"]),
        value=top_share if heavy else dom["canned_share"],
        threshold=max_share if heavy else float(params["max_canned_share"]),
    )


@check(
    "FT403",
    "boilerplate-replies",
    Severity.WARNING,
    "Many replies start or end with the same line.",
    'A fixed first line ("Sure! Here is...", a greeting) or last line (a sign-off, a disclaimer) repeated '
    "across many replies is learnt as part of every answer. ftready looks at the first and last line of every "
    "multi-line reply (case and spacing folded, lines of two words or more) and warns when one line opens or "
    "closes more than `max_share` (default 0.2) of all examples. Remove the boilerplate unless every production "
    "reply should carry it.",
    params={"max_share": 0.2},
)
def boilerplate(ctx: Context, params: Mapping[str, Any]) -> Finding | None:
    dom = ensure(ctx).get("dominant")
    if not dom:
        return None
    limit = float(params["max_share"])
    hits = [("starts", p) for p in dom["prefixes"] if p["share"] > limit]
    hits += [("ends", s) for s in dom["suffixes"] if s["share"] > limit]
    if not hits:
        return None
    hits.sort(key=lambda h: -h[1]["share"])
    parts = [f"{h['count']} replies ({h['share']:.0%}) {where} with {_quote(h['text'])}" for where, h in hits[:3]]
    return spec("FT403").make(
        "; ".join(parts),
        count=max(h["count"] for _, h in hits),
        lines=_fmt_lines([h for _, h in hits]),
        value=hits[0][1]["share"],
        threshold=limit,
    )


@check(
    "FT404",
    "repetitive-openings",
    Severity.WARNING,
    "Most replies begin with the same few words.",
    'When a large share of replies open with the same three words ("As an AI", "Sure, here is"), the model '
    "learns that opening as a habit. ftready warns when the most common three-word opening starts more than "
    "`max_share` (default 0.3) of the replies. The section also counts distinct openings in a fixed sample of "
    "5,000 examples, a size-independent measure of how varied the openings are.",
    params={"max_share": 0.3},
)
def repetitive_openings(ctx: Context, params: Mapping[str, Any]) -> Finding | None:
    return _opening_finding(
        "FT404",
        ctx,
        "responses",
        float(params["max_share"]),
        "replies",
        lambda op: f" ({op['distinct_in_sample']} distinct openings in {op['sample']} replies)",
    )


def _opening_finding(
    code: str, ctx: Context, side: str, limit: float, noun: str, detail: Callable[[Mapping[str, Any]], str]
) -> Finding | None:
    """A finding when the most common opening of `side` (prompts or responses) starts more than `limit`."""
    op = (ensure(ctx).get("openings") or {}).get(side)
    if not op or op["examples"] < MIN_REPLIES or op["top_share"] <= limit:
        return None
    t = op["top"][0]
    return spec(code).make(
        f"{t['share']:.0%} of {noun} begin with {_quote(t['opening'])}{detail(op)}",
        count=t["count"],
        value=op["top_share"],
        threshold=limit,
    )


@check(
    "FT405",
    "templated-prompts",
    Severity.INFO,
    "Most prompts begin with the same few words (a template).",
    "Prompts built from one template teach the model to expect that template. That is fine when production "
    "prompts use the same template, and a problem when real users will phrase things freely. ftready notes it "
    "when the most common three-word opening starts more than `max_share` (default 0.5) of the prompts.",
    params={"max_share": 0.5},
)
def templated_prompts(ctx: Context, params: Mapping[str, Any]) -> Finding | None:
    return _opening_finding("FT405", ctx, "prompts", float(params["max_share"]), "prompts", lambda op: "")


@check(
    "FT406",
    "narrow-topics",
    Severity.WARNING,
    "The examples bunch into a few topics.",
    "ftready clusters a seeded sample of up to 4,000 examples by their words (TF-IDF, 64 SVD dimensions, k-means "
    "with one cluster per 20 examples, at most 50) and measures how evenly they spread. It warns when one "
    "cluster holds more than `max_largest_share` (default 0.35) of the sample, or the normalised entropy of the "
    "cluster sizes is below `min_entropy` (default 0.7; 1 = perfectly even). A narrow dataset teaches a narrow "
    "model: fine if that is the job, a gap if users will ask about more. The section lists each cluster's top "
    "terms so you can see what dominates. With fewer than `min_sample` (default 200) sampled examples there are "
    "too few clusters for a fair judgement, so the figures are shown without a warning.",
    params={"max_largest_share": 0.35, "min_entropy": 0.7, "min_sample": 200},
)
def narrow_topics(ctx: Context, params: Mapping[str, Any]) -> Finding | None:
    t = ensure(ctx).get("topics") or {}
    if "normalized_entropy" not in t or t["sample"] < int(params["min_sample"]):
        return None
    share_lim = float(params["max_largest_share"])
    ent_lim = float(params["min_entropy"])
    reasons = []
    if t["largest_share"] > share_lim:
        terms = ", ".join(t["clusters"][0]["terms"][:4]) if t["clusters"] else ""
        reasons.append(f"one topic cluster ({terms}) holds {t['largest_share']:.0%} of the sample")
    if t["normalized_entropy"] < ent_lim:
        reasons.append(f"topic entropy is {t['normalized_entropy']:.2f} over {t['k']} clusters")
    if not reasons:
        return None
    return spec("FT406").make(
        "; ".join(reasons) + f" ({t['sample']} examples sampled)",
        value=t["largest_share"] if t["largest_share"] > share_lim else t["normalized_entropy"],
        threshold=share_lim if t["largest_share"] > share_lim else ent_lim,
    )


def _quote(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return repr(s if len(s) <= n else s[: n - 1] + "…")
