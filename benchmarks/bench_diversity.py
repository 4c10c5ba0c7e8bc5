"""Time the diversity and labels stages on a large synthetic chat dataset.

    python benchmarks/bench_diversity.py [--n 200000] [--seed 0]

The dataset is built directly as a canonical frame (no file, no tokenizer): N chat examples of about 1 KB each,
with a system prompt, a user prompt drawn from a few dozen templates plus free text, and a reply of varied
text. Words follow a Zipf law over a 20,000-word vocabulary mixed with 50 topic vocabularies, so n-gram
statistics and topic clusters look like text rather than noise. A `task` label with skewed weights fills the
label column. Everything is seeded. The script prints the seconds each stage takes and the peak memory.

Target: the diversity and labels stages together in at most 10 s at N = 200,000 on a 2-core machine.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np
import polars as pl

from ftready.load.frame import SCHEMA
from ftready.model import DatasetInfo
from ftready.settings import Settings
from ftready.stages.context import Context

VOCAB = 20_000
TOPICS = 50
TOPIC_WORDS = 200
LABELS = ["billing", "shipping", "returns", "account", "technical", "sales", "feedback", "other"]
LABEL_WEIGHTS = np.array([30, 20, 15, 12, 8, 7, 5, 3], dtype=float)
TEMPLATES = [
    "Can you explain",
    "Please summarise the following",
    "Write a short note about",
    "What is the best way to handle",
    "I need help with",
    "Tell me more about",
    "How do I fix",
    "Give me three ideas for",
]


def _words(rng: np.random.Generator) -> np.ndarray:
    """A pronounceable pseudo-word vocabulary (syllables), common words first."""
    syll = np.array(
        ["ka", "lo", "mi", "ten", "ra", "su", "ve", "dor", "pi", "an", "el", "ost", "ru", "ni", "cha", "we"]
    )
    lens = rng.integers(1, 4, size=VOCAB + TOPICS * TOPIC_WORDS)
    out = []
    for i, n in enumerate(lens):
        parts = syll[rng.integers(0, len(syll), size=n)]
        out.append("".join(parts) + (str(i % 7) if i % 11 == 0 else ""))
    return np.array(out, dtype=object)


def _texts(rng: np.random.Generator, vocab: pl.Series, topics: np.ndarray, lengths: np.ndarray) -> pl.Series:
    """One text per entry of `lengths` (in words), mixing the global Zipf vocabulary and the example's topic."""
    total = int(lengths.sum())
    doc = np.repeat(np.arange(len(lengths)), lengths)
    glob = np.minimum(rng.zipf(1.15, size=total) - 1, VOCAB - 1)
    topical = VOCAB + topics[doc] * TOPIC_WORDS + np.minimum(rng.zipf(1.3, size=total) - 1, TOPIC_WORDS - 1)
    ids = np.where(rng.random(total) < 0.25, topical, glob)
    words = vocab.gather(ids)
    df = pl.DataFrame({"doc": doc, "w": words})
    return df.group_by("doc", maintain_order=True).agg(pl.col("w").str.join(" "))["w"]


def build_frame(n: int, seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    vocab = pl.Series(_words(rng).tolist())
    parts = []
    chunk = 20_000
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        topics = rng.integers(0, TOPICS, size=m)
        prompt_body = _texts(rng, vocab, topics, rng.integers(10, 40, size=m))
        reply = _texts(rng, vocab, topics, rng.integers(80, 200, size=m))
        tmpl = pl.Series(TEMPLATES).gather(rng.integers(0, len(TEMPLATES), size=m))
        label = pl.Series(LABELS).gather(rng.choice(len(LABELS), size=m, p=LABEL_WEIGHTS / LABEL_WEIGHTS.sum()))
        prompt = (tmpl + " " + prompt_body).alias("prompt")
        df = pl.DataFrame(
            {
                "line": np.arange(start + 1, start + m + 1),
                "prompt": prompt,
                "response": reply,
                "label": label,
            }
        )
        parts.append(df)
    base = pl.concat(parts)
    return base.select(
        pl.col("line").cast(pl.Int64),
        pl.lit("openai-chat").alias("format"),
        pl.lit("You are a helpful support assistant.").alias("system"),
        "prompt",
        "response",
        pl.lit(None, dtype=pl.String).alias("rejected"),
        pl.concat_str(pl.lit("user: "), "prompt", pl.lit("\nassistant: "), "response").alias("text"),
        "label",
        pl.lit(3, dtype=pl.Int32).alias("n_messages"),
        pl.lit(1, dtype=pl.Int32).alias("n_assistant"),
        (pl.col("prompt").str.len_bytes() + pl.col("response").str.len_bytes() + 36).cast(pl.Int64).alias("bytes"),
        pl.lit(None, dtype=pl.Int64).alias("tokens"),
        pl.lit(None, dtype=pl.Int64).alias("response_tokens"),
    ).cast(SCHEMA)  # type: ignore[arg-type]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200_000, help="examples (default 200,000)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    t0 = time.perf_counter()
    frame = build_frame(args.n, args.seed)
    build_s = time.perf_counter() - t0
    mb = int(frame["bytes"].sum()) / 1e6
    print(f"built {frame.height:,} examples, {mb:,.1f} MB of text in {build_s:.1f} s (peak RSS {_rss_mb():,.0f} MB)")

    t0 = time.perf_counter()
    import sklearn.cluster
    import sklearn.decomposition
    import sklearn.feature_extraction.text  # noqa: F401

    from ftready.stages import diversity, labels

    import_s = time.perf_counter() - t0
    info = DatasetInfo("bench", "openai-chat", "OpenAI chat", "jsonl", frame.height, frame.height, 0, 0)
    ctx = Context(frame=frame, info=info, problems=[], settings=Settings(seed=args.seed))
    rss_before = _rss_mb()

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    ctx.labels = labels.run(ctx)
    timings["labels"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ctx.diversity = diversity.run(ctx)
    timings["diversity"] = time.perf_counter() - t0
    total = timings["labels"] + timings["diversity"]

    d = ctx.diversity.to_dict()
    lab = ctx.labels.to_dict() if ctx.labels is not None else None
    print(f"import of scikit-learn and the check modules: {import_s:.2f} s (once per process)")
    for k, v in timings.items():
        print(f"{k:>10}: {v:6.2f} s  ({frame.height / v:,.0f} examples/s, {mb / v:,.1f} MB/s)")
    print(f"{'total':>10}: {total:6.2f} s  (target <= 10 s) {'OK' if total <= 10 else 'OVER TARGET'}")
    print(f"peak RSS: {_rss_mb():,.0f} MB (before the stages: {rss_before:,.0f} MB)")
    dn = d["distinct_n"]["responses"]
    cr = d["compression"]["responses"]
    tp = d["topics"]
    print(
        f"figures: distinct-1..4 {[dn[f'distinct_{i}'] for i in range(1, 5)]} on {dn['words']:,} words; "
        f"CR {cr['ratio']} on {cr['bytes']:,} bytes; topics H/ln k {tp.get('normalized_entropy')} "
        f"largest {tp.get('largest_share')} (k={tp.get('k')}); labels {lab and lab['n_labels']} "
        f"IR {lab and lab['imbalance_ratio']}"
    )


if __name__ == "__main__":
    main()
