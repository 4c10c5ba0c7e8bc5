"""Near-duplicate detection: MinHash with LSH over shingles, every reported pair verified by exact Jaccard.

Two texts are near duplicates when the Jaccard similarity of their shingle sets is at least the threshold
(default 0.8). Groups are the connected components of the verified pairs, so a group can chain A~B~C even when
A and C alone fall below the threshold.

Normalisation
    Unicode NFKC, lower case, then "words": maximal runs of word characters (letters, marks, digits and
    connector punctuation, i.e. Unicode ``\\w``). Punctuation and whitespace only separate words.

Shingles (the choice that makes one threshold work for chat turns and for long replies)
    - Texts of 40 words or more: **word 5-grams**. One edited word changes at most five shingles, so a one-word
      edit of a 150-word text keeps a Jaccard of about 0.93, while unrelated texts share almost no 5-grams.
    - Texts under 60 words: **character 5-grams** over the words joined by single spaces. Word 5-grams are too
      coarse for short texts (one substituted word in a 20-word text leaves a word-5-gram Jaccard near 0.5, but
      a character-5-gram Jaccard near 0.87), and character 5-grams of unrelated short texts rarely exceed 0.1.
    - Texts of 40-59 words are compared both ways and a pair counts when either measure reaches the threshold,
      so no pair is lost at the boundary (a text under 40 words and one of 60 or more differ too much in size to
      reach a Jaccard of 0.67 anyway). A text with fewer than five tokens is one shingle: the whole text.

MinHash and LSH
    Words are hashed to 64 bits (exactly packed for words of up to 16 Latin-1 characters, a polynomial hash
    otherwise; the same word hashes the same in every batch), shingles are murmur3-finalised combinations of
    five word or character values. MinHash uses 128 permutations ``a*x + b mod 2**32`` of the top 32 bits of
    each shingle, computed one permutation at a time over a contiguous 1-D array of a batch's shingles with
    ``np.minimum.reduceat``. Signatures are split into ``b`` bands of ``r`` rows; texts that
    agree on a whole band become candidates. The default threshold 0.8 uses b=16 x r=8: a pair exactly at 0.8
    becomes a candidate with probability 0.947, at 0.85 with 0.994, at 0.9 with ~1.0. Other thresholds get the
    largest r (hence fewest false candidates) that keeps that probability at or above 0.94 at the threshold.
    Within a band, texts with equal keys are linked to their next seven neighbours (all pairs in groups of up
    to eight), which keeps the candidate count linear even for big templated clusters.

Verification
    Candidates are re-shingled (with 64-bit hashes) and kept only when their exact Jaccard reaches the
    threshold, so no pair is reported on the strength of an estimate.

Speed and memory
    Texts are processed in batches of at most 4,096 texts and about 1.5 M characters, small enough for the
    working arrays to stay in the CPU cache, two batches at a time in two threads (numpy releases the GIL).
    Only the signatures (512 bytes per text) are kept, never the normalised texts. Verification re-shingles
    only the texts of candidate pairs, 32,768 pairs at a time.
"""

from __future__ import annotations

import contextlib
import functools
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, CancelledError, Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components

from ftready.progress import ProgressFn, check_cancel

DEFAULT_THRESHOLD = 0.8
NUM_PERM = 128
NGRAM = 5
WORD_MIN_WORDS = 40  # texts with at least this many words get word 5-grams
CHAR_MAX_WORDS = 60  # texts with fewer words than this get character 5-grams
BATCH_SIZE = 4_096  # texts per batch at most
BATCH_CHARS = 1_500_000  # characters per batch, roughly: keeps the working arrays in cache
# Texts handed to the helper process per job (cut into batches there): few, large jobs, because each round trip
# needs the interpreter lock of the parsing process, which it gets only every few milliseconds.
JOB_SIZE = 32_768
JOB_CHARS = 24_000_000
THREADS = 2
WINDOW = 8  # within a band, equal keys link each text to its next WINDOW-1 neighbours
VERIFY_PAIRS = 32_768  # candidate pairs verified per chunk
TARGET_RECALL_AT_THRESHOLD = 0.94
SHINGLES = "word 5-grams for texts of 40+ words, character 5-grams for texts under 60 words (both for 40-59)"

Texts = Sequence[str | None] | pl.Series

_U64 = np.uint64
_M1 = _U64(0xFF51AFD7ED558CCD)
_M2 = _U64(0xC4CEB9FE1A85EC53)
_K = _U64(0x9E3779B97F4A7C15)  # 5-gram combiner (odd)
_EMPTY = _U64(0x5BD1E9955BD1E995)  # the one shingle of a text without any token
_POLY = 256  # cyclic table of position multipliers for word hashes
_MODES = ("char", "word")


def _fmix(h: np.ndarray) -> np.ndarray:
    """murmur3's 64-bit finaliser, in place (wrapping arithmetic)."""
    h ^= h >> _U64(33)
    h *= _M1
    h ^= h >> _U64(33)
    h *= _M2
    h ^= h >> _U64(33)
    return h


@functools.cache
def _word_table() -> np.ndarray:
    """Boolean table: is code point i a word character (Unicode categories L*, M*, N*, Pc)."""
    n = 0x30000
    cats = map(unicodedata.category, map(chr, range(n)))
    return np.fromiter((c[0] in "LMN" or c == "Pc" for c in cats), dtype=bool, count=n)


@functools.cache
def _poly_table() -> np.ndarray:
    rng = np.random.default_rng(0x5EED)
    return rng.integers(1, 2**63, _POLY, dtype=np.int64).astype(_U64) * _U64(2) + _U64(1)


def lsh_params(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows): the largest r with P(candidate | J = threshold) >= 0.94 using b = num_perm // r bands."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    best = (num_perm // 2, 2)
    for r in range(2, num_perm + 1):
        b = num_perm // r
        if b < 1:
            break
        if 1.0 - (1.0 - threshold**r) ** b >= TARGET_RECALL_AT_THRESHOLD:
            best = (b, r)
    return best


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """P(a pair with this Jaccard becomes an LSH candidate) = 1 - (1 - s^r)^b."""
    return float(1.0 - (1.0 - similarity**rows) ** bands)


# --------------------------------------------------------------------------------------------------------------
# Tokens and shingles


@dataclass
class _Tokens:
    """One batch of normalised texts as a code-point stream, and its words.

    The stream is ``SEP text0 SEP text1 ... SEP`` plus padding, where SEP is a newline (a non-word character), so
    every word lies inside one text and the stream starts and ends outside a word.
    """

    cp: np.ndarray  # code points (uint8 when every one is below 256, else uint32)
    raw: bytes  # the same stream encoded (latin-1 or utf-32-le), for packed reads
    isw: np.ndarray  # word character?
    starts: np.ndarray  # (n,) first position of each text
    ends: np.ndarray  # (n,) end position (exclusive)
    word_start: np.ndarray  # (W,)
    word_end: np.ndarray  # (W,) exclusive
    word_hash: np.ndarray  # (W,) uint64
    word_offsets: np.ndarray  # (n+1,) index of each text's first word

    @property
    def n(self) -> int:
        return len(self.starts)

    @property
    def n_words(self) -> np.ndarray:
        return np.diff(self.word_offsets)


_PAD = 8
_SEP = "\n"
_C_FIRST = _U64(0x87C37B91114253D5)
_C_LAST = _U64(0x4CF5AD432745937F)
_C_POLY = _U64(0x52DCE729DA3ED8B5)
_PERM_BLOCK = 8  # permutations computed per numpy call when signing
_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=_U64)  # mask of the low k bytes


def _as_list(texts: Texts, start: int = 0, stop: int | None = None) -> list[str]:
    if isinstance(texts, pl.Series):
        part = texts.slice(start, None if stop is None else stop - start)
        return [t or "" for t in part.to_list()]
    return [t or "" for t in texts[start:stop]]


def _gather(texts: Texts, idx: np.ndarray) -> list[str]:
    if isinstance(texts, pl.Series):
        return [t or "" for t in texts.gather(idx).to_list()]
    return [texts[int(i)] or "" for i in idx]


def _ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The concatenated ranges lo[i]..hi[i]-1 (hi >= lo) and the offsets of each range in the result."""
    lens = (hi - lo).astype(np.int64)
    offs = np.zeros(len(lens) + 1, dtype=np.int64)
    np.cumsum(lens, out=offs[1:])
    total = int(offs[-1])
    if total == 0:
        return np.zeros(0, dtype=np.int64), offs
    nz = lens > 0
    lo_nz, hi_nz, off_nz = lo[nz].astype(np.int64), hi[nz].astype(np.int64), offs[:-1][nz]
    step = np.ones(total, dtype=np.int64)
    step[0] = lo_nz[0]
    step[off_nz[1:]] = lo_nz[1:] - hi_nz[:-1] + 1
    return np.cumsum(step), offs


def _is_word(cp: np.ndarray) -> np.ndarray:
    if cp.dtype == np.uint8:
        isw = (cp - np.uint8(97)) < 26  # a-z (the text is lower-cased)
        isw |= (cp - np.uint8(48)) < 10
        isw |= cp == 95
        isw |= (cp - np.uint8(65)) < 26  # capitals without a lower-case mapping stay word characters
        high = cp >= 128
        if high.any():
            isw[high] = _word_table()[cp[high]]
        return isw
    table = _word_table()
    isw = table[np.minimum(cp, len(table) - 1)]
    high = cp >= len(table)
    if high.any():  # planes 3+: CJK extensions are word characters, the rest (tags, private use) are not
        isw[high] = cp[high] < 0xE0000
    return isw


def _tokens(texts: list[str]) -> _Tokens:
    norm = [unicodedata.normalize("NFKC", t).lower() for t in texts]
    lens = np.fromiter(map(len, norm), dtype=np.int64, count=len(norm))
    starts = np.ones(len(norm), dtype=np.int64)
    if len(norm) > 1:
        starts[1:] += np.cumsum(lens[:-1] + 1)
    ends = starts + lens
    big = _SEP + _SEP.join(norm) + _SEP * _PAD
    try:
        raw = big.encode("latin-1")
        cp: np.ndarray = np.frombuffer(raw, dtype=np.uint8)
    except UnicodeEncodeError:
        raw = big.encode("utf-32-le")
        cp = np.frombuffer(raw, dtype=np.uint32)
    isw = _is_word(cp)
    edges = np.flatnonzero(isw[1:] != isw[:-1]) + 1
    word_start, word_end = edges[0::2], edges[1::2]
    word_offsets = np.searchsorted(word_start, np.append(starts, len(cp))).astype(np.int64)
    tok = _Tokens(cp, raw, isw, starts, ends, word_start, word_end, np.zeros(0, _U64), word_offsets)
    tok.word_hash = _word_hashes(tok)
    return tok


def _word_hashes(tok: _Tokens) -> np.ndarray:
    """64-bit hash of each word's code points, whatever the stream's width.

    A word of at most 16 characters, all below 256, is packed exactly into two 64-bit values (its first and last
    eight characters) plus its length; longer words and words with other characters get a polynomial hash of all
    their code points. The choice depends on the word alone, so equal words hash equally in every batch.
    """
    ws, we = tok.word_start, tok.word_end
    nw = len(ws)
    if nw == 0:
        return np.zeros(0, dtype=_U64)
    wl = (we - ws).astype(np.int64)
    if tok.cp.dtype == np.uint8:
        narrow = np.ones(nw, dtype=bool)
        packed_src = tok.raw
    else:
        wide = np.cumsum(tok.cp >= 256, dtype=np.int64)
        narrow = (wide[we - 1] - wide[ws - 1]) == 0
        packed_src = tok.cp.astype(np.uint8).tobytes()
    packed = narrow & (wl <= 16)
    every = bool(packed.all())  # the usual case: no boolean selections needed
    h = np.empty(nw, dtype=_U64)
    if every or packed.any():
        v = np.ndarray((len(packed_src) - 7,), dtype="<u8", buffer=packed_src, strides=(1,))
        ps, pl_ = (ws, wl) if every else (ws[packed], wl[packed])
        first = v[ps] & _LOW_BYTES[np.minimum(pl_, 8)]
        # the last eight characters of a word longer than eight (0 for the others)
        last = v[ps + np.maximum(pl_ - 8, 0)] * (pl_ > 8).astype(_U64)
        hp = first * _C_FIRST
        hp += last * _C_LAST
        hp += pl_.astype(_U64) * _K
        if every:
            return _fmix(hp)
        h[packed] = hp
    other = np.flatnonzero(~packed)
    if len(other):
        cidx, offs = _ranges(ws[other], we[other])
        pos = np.arange(len(cidx), dtype=np.int64) - np.repeat(offs[:-1], np.diff(offs))
        hv = tok.cp[cidx].astype(_U64)
        hv += _U64(1)
        hv *= _poly_table()[pos & (_POLY - 1)]
        ho = np.add.reduceat(hv, offs[:-1])
        ho += wl[other].astype(_U64) * _K
        ho ^= _C_POLY
        h[other] = ho
    return _fmix(h)


def _ngrams(values: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the NGRAM-grams of each segment values[lo[i]:hi[i]] (uint64 tokens).

    Returns (shingles, offsets per segment). Every segment has one shingle at least: a segment shorter than
    NGRAM is one shingle of all its tokens, an empty one the shingle _EMPTY.
    """
    g = NGRAM
    n = len(lo)
    lens = (hi - lo).astype(np.int64)
    counts = np.where(lens >= g, lens - g + 1, 1)
    out_off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=out_off[1:])
    out = np.empty(int(out_off[-1]), dtype=_U64)
    full = lens >= g
    m = len(values)
    if m >= g and full.any():
        roll = values[: m - g + 1].copy()
        for k in range(1, g):
            roll *= _K
            roll += values[k : m - g + 1 + k]
        if full.all():
            src, _ = _ranges(lo, hi - g + 1)
            out[:] = roll[src]
        else:
            f = np.flatnonzero(full)
            src, _ = _ranges(lo[f], hi[f] - g + 1)
            dst, _ = _ranges(out_off[f], out_off[f] + counts[f])
            out[dst] = roll[src]
    short = np.flatnonzero(~full)
    if len(short):
        acc = np.zeros(len(short), dtype=_U64)
        for k in range(g):
            acc *= _K
            has = lens[short] > k
            acc[has] += values[lo[short][has] + k]
        acc += lens[short].astype(_U64)
        acc[lens[short] == 0] = _EMPTY
        out[out_off[short]] = acc
    return _fmix(out), out_off


def _word_shingles(tok: _Tokens, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _ngrams(tok.word_hash, tok.word_offsets[docs], tok.word_offsets[docs + 1])


def _char_shingles(tok: _Tokens, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Character n-grams over each text's words joined by single spaces."""
    # Each selected text with the separator before it: a sub-stream that starts outside a word.
    idx, g_off = _ranges(tok.starts[docs] - 1, tok.ends[docs])
    isw = tok.isw[idx]
    prev = np.zeros(len(idx), dtype=bool)
    prev[1:] = isw[:-1]
    keep = isw | prev  # word characters, and the first non-word character after each word
    vals = np.where(isw, tok.cp[idx], 32).astype(_U64)[keep]
    before = np.zeros(len(idx) + 1, dtype=np.int64)  # kept characters before each position
    np.cumsum(keep, out=before[1:])
    has = tok.word_offsets[docs + 1] > tok.word_offsets[docs]
    lo = np.zeros(len(docs), dtype=np.int64)
    hi = np.zeros(len(docs), dtype=np.int64)
    d = np.flatnonzero(has)
    shift = g_off[:-1][d] - (tok.starts[docs[d]] - 1)  # stream position -> sub-stream position
    first_start = tok.word_start[tok.word_offsets[docs[d]]] + shift
    last_end = tok.word_end[tok.word_offsets[docs[d] + 1] - 1] + shift
    lo[d] = before[first_start]
    hi[d] = before[last_end]
    return _ngrams(vals, lo, hi)


def _modes(n_words: np.ndarray) -> dict[str, np.ndarray]:
    return {"char": n_words < CHAR_MAX_WORDS, "word": n_words >= WORD_MIN_WORDS}


def shingle_sets(texts: Texts, mode: str) -> list[set[int]]:
    """Each text's set of 64-bit shingle hashes under `mode` ("char" or "word"); for tests and explanations."""
    tok = _tokens(_as_list(texts))
    docs = np.arange(tok.n)
    sh, offs = (_char_shingles if mode == "char" else _word_shingles)(tok, docs)
    return [set(sh[offs[i] : offs[i + 1]].tolist()) for i in range(len(docs))]


def jaccard(a: str, b: str) -> float:
    """Exact Jaccard of two texts under the near-duplicate definition (the larger of the applicable modes)."""
    tok = _tokens([a, b])
    words = tok.n_words
    best = 0.0
    for mode, ok in _modes(words).items():
        if ok.all():
            sets = shingle_sets([a, b], mode)
            union = len(sets[0] | sets[1])
            best = max(best, len(sets[0] & sets[1]) / union if union else 1.0)
    return best


# --------------------------------------------------------------------------------------------------------------
# MinHash


class _Permutations:
    def __init__(self, seed: int, num_perm: int = NUM_PERM) -> None:
        rng = np.random.default_rng([seed, 0x6D696E68])
        self.a = (rng.integers(0, 2**32, num_perm, dtype=np.uint64).astype(np.uint32)) | np.uint32(1)
        self.b = rng.integers(0, 2**32, num_perm, dtype=np.uint64).astype(np.uint32)

    def signatures(self, sh32: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """(num_perm, n): min over the shingles of segment d of (a*x + b) mod 2**32, for every permutation."""
        out = np.empty((len(self.a), len(offsets) - 1), dtype=np.uint32)
        if out.shape[1] == 0:
            return out
        starts = offsets[:-1]
        k = _PERM_BLOCK
        hv = np.empty((k, len(sh32)), dtype=np.uint32)
        a, b = self.a[:, None], self.b[:, None]
        for j in range(0, len(self.a), k):  # a few permutations per pass: fewer, larger numpy calls
            blk = hv[: min(k, len(self.a) - j)]
            np.multiply(sh32[None, :], a[j : j + k], out=blk)
            blk += b[j : j + k]
            out[j : j + k] = np.minimum.reduceat(blk, starts, axis=1)
        return out


def _lengths(texts: Texts) -> np.ndarray:
    if isinstance(texts, pl.Series):
        return np.asarray(texts.str.len_chars().fill_null(0).to_numpy(), dtype=np.int64)
    return np.fromiter((len(t or "") for t in texts), dtype=np.int64, count=len(texts))


def _batches(lens: np.ndarray, max_docs: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut texts of these lengths into consecutive batches of at most max_docs texts and (roughly) max_chars
    characters."""
    n = len(lens)
    cum = np.cumsum(lens + 1)
    out: list[tuple[int, int]] = []
    s = 0
    while s < n:
        base = cum[s - 1] if s else 0
        e = int(np.searchsorted(cum, base + max_chars, side="right"))
        e = min(max(e, s + 1), s + max_docs, n)
        out.append((s, e))
        s = e
    return out


def _sketch(texts: list[str], perms: _Permutations) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """Word counts and, per shingle mode, (indices in the batch, signatures) of one batch of texts."""
    tok = _tokens(texts)
    nw = tok.n_words
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for mode, ok in _modes(nw).items():
        local = np.flatnonzero(ok)
        if len(local):
            sh, offs = (_char_shingles if mode == "char" else _word_shingles)(tok, local)
            out[mode] = (local, perms.signatures((sh >> _U64(32)).astype(np.uint32), offs))
    return nw, out


@dataclass
class _Pass:
    """The texts of one shingle mode and their signatures."""

    mode: str
    docs: np.ndarray  # indices of the texts in this pass
    # (NUM_PERM, k_i) uint32 blocks of signatures, side by side (as the batches or helper jobs made them: joining
    # them would copy every signature once more): column cols[i] of the whole (column i without cols) is the
    # signature of text docs[i]
    blocks: tuple[np.ndarray, ...]
    cols: np.ndarray | None = None  # a selection of the columns, instead of a copy of them

    def __len__(self) -> int:
        return len(self.docs)

    def signatures(self) -> np.ndarray:
        """(NUM_PERM, len(docs)): the signatures of docs, in order."""
        sig = self.blocks[0] if len(self.blocks) == 1 else np.concatenate(self.blocks, axis=1)
        return sig if self.cols is None else sig[:, self.cols]


class _Joined:
    """Sketches of consecutive batches joined into one: word counts and, per shingle mode, the texts' indices and
    signatures."""

    def __init__(self, n: int) -> None:
        self.words = np.zeros(n, dtype=np.int64)
        self._docs: dict[str, list[np.ndarray]] = {m: [] for m in _MODES}
        self._sigs: dict[str, list[np.ndarray]] = {m: [] for m in _MODES}

    def add(self, start: int, words: np.ndarray, by_mode: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
        """One batch's sketch (`_sketch`'s result) whose first text is text `start`."""
        self.words[start : start + len(words)] = words
        for mode, (local, sig) in by_mode.items():
            self._docs[mode].append(local + start)
            self._sigs[mode].append(sig)

    def passes(self, join: bool = True) -> dict[str, _Pass]:
        """The passes; `join=False` keeps the signature blocks as they are (few, large ones: the helper's jobs)."""
        out = {}
        for m in _MODES:
            if self._docs[m]:
                blocks = self._sigs[m]
                sig = (np.concatenate(blocks, axis=1),) if join and len(blocks) > 1 else tuple(blocks)
                out[m] = _Pass(m, np.concatenate(self._docs[m]), sig)
        return out


@dataclass
class MinHashIndex:
    """MinHash signatures of a collection of texts, ready for LSH and verification."""

    texts: Texts
    rows: np.ndarray | None  # the texts indexed are texts[rows] (all of them when None)
    n: int
    n_words: np.ndarray
    seed: int
    passes: dict[str, _Pass] = field(default_factory=dict)

    def _texts(self, idx: np.ndarray) -> list[str]:
        return _gather(self.texts, idx if self.rows is None else self.rows[idx])

    @classmethod
    def build(
        cls,
        texts: Texts,
        *,
        rows: np.ndarray | None = None,
        seed: int = 0,
        progress: ProgressFn | None = None,
        cancel: Any = None,
        batch_size: int = BATCH_SIZE,
        stage: str = "near-duplicates",
    ) -> MinHashIndex:
        """Sketch `texts` (or only `texts[rows]`, without copying them; index i then means texts[rows[i]])."""
        n = len(texts) if rows is None else len(rows)
        perms = _Permutations(seed)
        joined = _Joined(n)
        lens = _lengths(texts)
        batches = _batches(lens if rows is None else lens[rows], batch_size, BATCH_CHARS)

        def work(bounds: tuple[int, int]) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
            check_cancel(cancel)
            batch = _as_list(texts, *bounds) if rows is None else _gather(texts, rows[bounds[0] : bounds[1]])
            return _sketch(batch, perms)

        # Two batches in flight: numpy releases the GIL, so the two cores share the work.
        with ThreadPoolExecutor(THREADS) as pool:
            queue = deque(pool.submit(work, b) for b in batches[:THREADS])
            for i, (s, e) in enumerate(batches):
                try:
                    nw, by_mode = queue.popleft().result()
                except BaseException:
                    for f in queue:
                        f.cancel()
                    raise
                if i + THREADS < len(batches):
                    queue.append(pool.submit(work, batches[i + THREADS]))
                joined.add(s, nw, by_mode)
                if progress is not None:
                    progress(stage, e, n)
        return cls(texts=texts, rows=rows, n=n, n_words=joined.words, seed=seed, passes=joined.passes())

    @classmethod
    def from_sketches(cls, texts: Texts, sketches: Sketches, *, rows: np.ndarray | None = None) -> MinHashIndex:
        """The index `build(texts, rows=rows, seed=sketches.seed)` would make, from signatures already computed
        for every text (by a `Sketcher` while the file was read). `rows` must be increasing."""
        if sketches.n != len(texts):
            raise ValueError(f"sketches cover {sketches.n} texts, not {len(texts)}")
        if rows is None:
            index = cls(texts=texts, rows=None, n=sketches.n, n_words=sketches.n_words, seed=sketches.seed)
            index.passes = dict(sketches.passes)
            return index
        rows = np.asarray(rows, dtype=np.int64)
        index = cls(texts=texts, rows=rows, n=len(rows), n_words=sketches.n_words[rows], seed=sketches.seed)
        keep = np.zeros(sketches.n, dtype=bool)
        keep[rows] = True
        for mode, p in sketches.passes.items():
            mask = keep[p.docs]
            if mask.any():
                cols = np.flatnonzero(mask) if p.cols is None else p.cols[mask]
                index.passes[mode] = _Pass(mode, np.searchsorted(rows, p.docs[mask]), p.blocks, cols)
        return index

    # ---- LSH

    def _band_keys(self, p: _Pass, bands: int, rows: int) -> Iterator[np.ndarray]:
        """One LSH key per text of the pass, for each band."""
        rng = np.random.default_rng([self.seed, 0x6C7368])
        mult = rng.integers(0, 2**63, rows, dtype=np.int64).astype(_U64) * _U64(2) + _U64(1)
        for b in range(bands):
            parts = []
            for sig in p.blocks:
                key = np.zeros(sig.shape[1], dtype=_U64)
                for r in range(rows):
                    key += sig[b * rows + r].astype(_U64) * mult[r]
                parts.append(key)
            key = parts[0] if len(parts) == 1 else np.concatenate(parts)
            yield _fmix(key) if p.cols is None else _fmix(key[p.cols])

    @staticmethod
    def _window_edges(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pairs of positions with equal keys, each linked to its next WINDOW-1 equals (in position order).

        Only keys that occur more than once can pair, and they are usually few: those rows are found with an
        unstable sort (faster than a stable one) and only they are put in stable order."""
        order = np.argsort(key)
        ks = key[order]
        same = ks[1:] == ks[:-1]
        if not same.any():
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        in_run = np.zeros(len(ks), dtype=bool)
        in_run[1:] |= same
        in_run[:-1] |= same
        rows = np.sort(order[in_run])
        order = rows[np.argsort(key[rows], kind="stable")]
        ks = key[order]
        left: list[np.ndarray] = []
        right: list[np.ndarray] = []
        for d in range(1, WINDOW):
            if d >= len(ks):
                break
            same = np.flatnonzero(ks[:-d] == ks[d:])
            if not len(same):
                break
            left.append(order[same])
            right.append(order[same + d])
        if not left:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(left).astype(np.int64), np.concatenate(right).astype(np.int64)

    def candidate_pairs(self, mode: str, threshold: float) -> np.ndarray:
        """(k, 2) unique candidate pairs (i < j) of positions within pass `mode`."""
        p = self.passes.get(mode)
        if p is None or len(p) < 2:
            return np.zeros((0, 2), dtype=np.int64)
        bands, rows = lsh_params(threshold)
        codes: list[np.ndarray] = []
        m = len(p)
        for key in self._band_keys(p, bands, rows):
            a, b = self._window_edges(key)
            if len(a):
                lo, hi = np.minimum(a, b), np.maximum(a, b)
                codes.append(lo * m + hi)
        if not codes:
            return np.zeros((0, 2), dtype=np.int64)
        u = np.unique(np.concatenate(codes))
        return np.stack([u // m, u % m], axis=1)

    # ---- verification

    def _verify(
        self,
        mode: str,
        pairs: np.ndarray,
        threshold: float,
        other: MinHashIndex | None = None,
        cancel: Any = None,
        progress: ProgressFn | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Keep the pairs whose exact Jaccard reaches the threshold. Pairs are global text indices; with
        `other`, the second column indexes other's texts. Returns (kept pairs, their Jaccard)."""
        kept: list[np.ndarray] = []
        sims: list[np.ndarray] = []
        shingle_fn = _char_shingles if mode == "char" else _word_shingles
        for s in range(0, len(pairs), VERIFY_PAIRS):
            check_cancel(cancel)
            chunk = pairs[s : s + VERIFY_PAIRS]
            if other is None:
                ids, inv = np.unique(chunk, return_inverse=True)
                inv = inv.reshape(chunk.shape)
                texts = self._texts(ids)
                row_a, row_b = inv[:, 0], inv[:, 1]
            else:
                ia, inv_a = np.unique(chunk[:, 0], return_inverse=True)
                ib, inv_b = np.unique(chunk[:, 1], return_inverse=True)
                texts = self._texts(ia) + other._texts(ib)
                row_a, row_b = inv_a.ravel(), inv_b.ravel() + len(ia)
            x = _binary_matrix(texts, shingle_fn)
            sizes = np.diff(x.indptr)
            inter = np.asarray(x[row_a].multiply(x[row_b]).sum(axis=1)).ravel()
            union = sizes[row_a] + sizes[row_b] - inter
            sim = inter / np.maximum(union, 1)
            ok = sim >= threshold - 1e-12
            kept.append(chunk[ok])
            sims.append(sim[ok])
            if progress is not None:
                progress("verify", min(s + VERIFY_PAIRS, len(pairs)), len(pairs))
        if not kept:
            return np.zeros((0, 2), dtype=np.int64), np.zeros(0)
        return np.concatenate(kept), np.concatenate(sims)

    def near_pairs(
        self, threshold: float = DEFAULT_THRESHOLD, *, progress: ProgressFn | None = None, cancel: Any = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Verified near-duplicate pairs (i < j, text indices) and their Jaccard."""
        lsh_params(threshold)  # validates
        out: list[np.ndarray] = []
        sims: list[np.ndarray] = []
        for mode in _MODES:
            check_cancel(cancel)
            p = self.passes.get(mode)
            if p is None:
                continue
            cand = self.candidate_pairs(mode, threshold)
            glob = p.docs[cand]
            kept, sim = self._verify(mode, glob, threshold, cancel=cancel, progress=progress)
            out.append(kept)
            sims.append(sim)
        if not out:
            return np.zeros((0, 2), dtype=np.int64), np.zeros(0)
        pairs = np.concatenate(out)
        sim = np.concatenate(sims)
        if len(pairs):  # a pair found in both modes: keep the higher similarity
            code = pairs[:, 0] * max(self.n, 1) + pairs[:, 1]
            order = np.lexsort((-sim, code))
            code, pairs, sim = code[order], pairs[order], sim[order]
            first = np.ones(len(code), dtype=bool)
            first[1:] = code[1:] != code[:-1]
            pairs, sim = pairs[first], sim[first]
        return pairs, sim

    def groups(
        self, threshold: float = DEFAULT_THRESHOLD, *, progress: ProgressFn | None = None, cancel: Any = None
    ) -> list[list[int]]:
        pairs, _ = self.near_pairs(threshold, progress=progress, cancel=cancel)
        return components(self.n, pairs)

    def cross(
        self, other: MinHashIndex, threshold: float = DEFAULT_THRESHOLD, *, cancel: Any = None
    ) -> list[tuple[int, int, float]]:
        """For each text of `other` with a near twin here: (other index, index here, Jaccard), best twin."""
        lsh_params(threshold)
        bands, rows = lsh_params(threshold)
        found: list[np.ndarray] = []
        sims: list[np.ndarray] = []
        for mode in _MODES:
            check_cancel(cancel)
            mine, theirs = self.passes.get(mode), other.passes.get(mode)
            if mine is None or theirs is None:
                continue
            nv = len(theirs)
            codes: list[np.ndarray] = []
            m = nv + len(mine)
            for k_theirs, k_mine in zip(
                self._band_keys(theirs, bands, rows), self._band_keys(mine, bands, rows), strict=True
            ):
                key = np.concatenate([k_theirs, k_mine])  # other's texts first: they lead each run
                a, b = self._window_edges(key)
                cross = (a < nv) != (b < nv)
                a, b = a[cross], b[cross]
                v, t = np.where(a < nv, a, b), np.where(a < nv, b, a) - nv
                codes.append(v * m + t)
            if not codes:
                continue
            u = np.unique(np.concatenate(codes))
            cand = np.stack([mine.docs[u % m], theirs.docs[u // m]], axis=1)
            kept, sim = self._verify(mode, cand, threshold, other=other, cancel=cancel)
            found.append(kept)
            sims.append(sim)
        if not found or not sum(len(f) for f in found):
            return []
        pairs = np.concatenate(found)
        sim = np.concatenate(sims)
        order = np.lexsort((pairs[:, 0], -sim, pairs[:, 1]))  # by other index, best similarity first
        pairs, sim = pairs[order], sim[order]
        first = np.ones(len(pairs), dtype=bool)
        first[1:] = pairs[1:, 1] != pairs[:-1, 1]
        return [(int(o), int(t), float(s)) for (t, o), s in zip(pairs[first], sim[first], strict=True)]


@dataclass
class Sketches:
    """Word counts and per-mode signatures of every text of a collection, in order."""

    n: int
    n_words: np.ndarray
    seed: int
    passes: dict[str, _Pass]
    extra: np.ndarray | None = None  # per text, what the Sketcher's `extra` function gave (None without one)


class Sketcher:
    """Sketches texts in a helper process as they arrive (the loader hands over each example's text while it
    reads the file), so that the near-duplicate stage finds the signatures ready. A process, not a thread: the
    parsing thread holds the interpreter lock nearly all the time, and numpy's many short calls need it too.

    `extra`, a module-level function of a list of texts giving one value per text, is computed in the helper too
    (the duplicate check hashes the normalised texts there). `add(text)` for every text in order, then
    `result()`; `close()` abandons the work."""

    def __init__(
        self,
        executor: Executor,
        seed: int = 0,
        *,
        batch_size: int = JOB_SIZE,
        max_chars: int = JOB_CHARS,
        cancel: Any = None,
        extra: Callable[[list[str]], np.ndarray] | None = None,
    ) -> None:
        self.seed = seed
        self._extra = extra
        self._pool = executor
        self._batch_size = batch_size
        self._max_chars = max_chars
        self._cancel = cancel
        self._pending: list[str] = []
        self._chars = 0
        self._n = 0
        # [first text's index, the texts (kept until their job succeeds, for sketching here if it fails), job]
        self._jobs: list[list[Any]] = []
        self._done: Sketches | None = None

    def add(self, text: str) -> None:
        self._pending.append(text)
        self._chars += len(text) + 1
        if len(self._pending) >= self._batch_size or self._chars >= self._max_chars:
            self.flush()

    def flush(self) -> None:
        """Hand the texts added so far to the helper (the loader calls this at the end of the file)."""
        if self._pending:
            job = None
            with contextlib.suppress(Exception):  # the helper cannot take work: sketched here at the end
                job = self._pool.submit(_sketch_job, self._pending, self.seed, self._extra)
            entry: list[Any] = [self._n, self._pending, job]
            self._jobs.append(entry)
            if job is not None:
                job.add_done_callback(functools.partial(_release_texts, entry))
            self._n += len(self._pending)
            self._pending = []
            self._chars = 0

    def result(self) -> Sketches:
        """Every text's sketch (waits for the background work)."""
        if self._done is not None:
            return self._done
        self.flush()
        joined = _Joined(self._n)
        extras: list[np.ndarray] = []
        try:
            for start, texts, job in self._jobs:
                check_cancel(self._cancel)
                try:
                    if job is None:
                        raise BrokenExecutor
                    nw, by_mode, ext = job.result()
                except (BrokenExecutor, CancelledError):  # the helper died or was shut down: sketch here
                    assert texts is not None  # kept: the job did not succeed
                    nw, by_mode, ext = _sketch_job(texts, self.seed, self._extra)
                if ext is not None:
                    extras.append(ext)
                joined.add(start, nw, by_mode)
        finally:
            self.close()
        extra = None
        if self._extra is not None:
            extra = np.concatenate(extras) if extras else self._extra([])
        self._done = Sketches(self._n, joined.words, self.seed, joined.passes(join=False), extra)
        return self._done

    def close(self) -> None:
        for _, _, job in self._jobs:
            if job is not None:
                job.cancel()
        self._jobs = []
        self._pending = []


def _release_texts(entry: list[Any], job: Any) -> None:
    """Drop a job's texts once the helper has sketched them (they are only kept in case it fails)."""
    if not job.cancelled() and job.exception() is None:
        entry[1] = None


def sketch_batch(texts: list[str], seed: int) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """Word counts and per-mode (indices, signatures) of a list of texts, sketched in cache-sized batches (runs in
    the helper process)."""
    perms = _permutations(seed)
    joined = _Joined(len(texts))
    for s, e in _batches(_lengths(texts), BATCH_SIZE, BATCH_CHARS):
        joined.add(s, *_sketch(texts[s:e], perms))
    return joined.words, {m: (p.docs, p.signatures()) for m, p in joined.passes().items()}


def _sketch_job(
    texts: list[str], seed: int, extra: Callable[[list[str]], np.ndarray] | None
) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]], np.ndarray | None]:
    words, by_mode = sketch_batch(texts, seed)
    return words, by_mode, extra(texts) if extra is not None else None


@functools.lru_cache(maxsize=4)
def _permutations(seed: int) -> _Permutations:
    return _Permutations(seed)


def _binary_matrix(texts: list[str], shingle_fn: Any) -> csr_matrix:
    """Rows = texts, one column per 62-bit shingle hash, 1 where the text has the shingle (duplicates merged)."""
    parts: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    for s, e in _batches(_lengths(texts), BATCH_SIZE, BATCH_CHARS):
        tok = _tokens(texts[s:e])
        sh, offs = shingle_fn(tok, np.arange(tok.n))
        parts.append((sh >> _U64(2)).astype(np.int64))
        counts.append(np.diff(offs))
    indptr = np.zeros(len(texts) + 1, dtype=np.int64)
    if counts:
        np.cumsum(np.concatenate(counts), out=indptr[1:])
    indices = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    x = csr_matrix((np.ones(len(indices), dtype=np.int32), indices, indptr), shape=(len(texts), 1 << 62))
    x.sum_duplicates()
    x.data[:] = 1
    return x


def components(n: int, pairs: np.ndarray) -> list[list[int]]:
    """Connected components (of size 2+) of the graph on n nodes with these edges; largest first."""
    if n == 0 or len(pairs) == 0:
        return []
    g = coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(g, directed=False)
    nodes = np.unique(pairs.ravel())
    lab = labels[nodes]
    order = np.lexsort((nodes, lab))
    nodes, lab = nodes[order], lab[order]
    cut = np.flatnonzero(np.diff(lab)) + 1
    groups = [g_.tolist() for g_ in np.split(nodes, cut)]
    groups.sort(key=lambda g_: (-len(g_), g_[0]))
    return groups


def near_duplicate_groups(
    texts: Texts,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    seed: int = 0,
    progress: ProgressFn | None = None,
    cancel: Any = None,
) -> list[list[int]]:
    """Groups (0-based indices, each sorted, largest group first) of texts that are near duplicates."""
    index = MinHashIndex.build(texts, seed=seed, progress=progress, cancel=cancel)
    return index.groups(threshold, progress=progress, cancel=cancel)


def cross_matches(
    train_texts: Texts,
    val_texts: Texts,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    seed: int = 0,
    progress: ProgressFn | None = None,
    cancel: Any = None,
) -> list[tuple[int, int]]:
    """(validation index, training index) for every validation text with a near twin in training."""
    train = MinHashIndex.build(train_texts, seed=seed, progress=progress, cancel=cancel)
    val = MinHashIndex.build(val_texts, seed=seed, progress=progress, cancel=cancel, stage="leakage")
    return [(v, t) for v, t, _ in train.cross(val, threshold, cancel=cancel)]
