"""Shingles and MinHash signatures: normalisation, word and character 5-grams, their 64-bit hashes, the
permutations and the per-batch sketches (see the package docstring)."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

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
# characters of a text that are shingled: near duplicates are judged on a text's first 100,000 characters (a
# 200 MB reply would otherwise need ~65 bytes of working arrays per character); exact copies use the whole text
MAX_SHINGLE_CHARS = 100_000
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
    lo_nz, hi_nz, off_nz = (
        lo[nz].astype(np.int64),
        hi[nz].astype(np.int64),
        offs[:-1][nz],
    )
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
    norm = [unicodedata.normalize("NFKC", t[:MAX_SHINGLE_CHARS]).lower() for t in texts]
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
    tok = _Tokens(
        cp,
        raw,
        isw,
        starts,
        ends,
        word_start,
        word_end,
        np.zeros(0, _U64),
        word_offsets,
    )
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
            out[mode] = (
                local,
                perms.signatures((sh >> _U64(32)).astype(np.uint32), offs),
            )
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

    def add(
        self,
        start: int,
        words: np.ndarray,
        by_mode: dict[str, tuple[np.ndarray, np.ndarray]],
    ) -> None:
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


@functools.lru_cache(maxsize=4)
def _permutations(seed: int) -> _Permutations:
    return _Permutations(seed)
