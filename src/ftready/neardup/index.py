"""The MinHash index: LSH banding, candidate pairs, verification by exact Jaccard, groups and cross matches (see
the package docstring)."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components

from ftready.neardup.shingles import (
    _MODES,
    _U64,
    BATCH_CHARS,
    BATCH_SIZE,
    DEFAULT_THRESHOLD,
    THREADS,
    VERIFY_PAIRS,
    WINDOW,
    Texts,
    _as_list,
    _batches,
    _char_shingles,
    _fmix,
    _gather,
    _Joined,
    _lengths,
    _Pass,
    _Permutations,
    _sketch,
    _Tokens,
    _tokens,
    _word_shingles,
    lsh_params,
)
from ftready.neardup.sketcher import Sketches
from ftready.progress import ProgressFn, check_cancel


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
        cancel: threading.Event | None = None,
        batch_size: int = BATCH_SIZE,
        stage: str = "near-duplicates",
    ) -> MinHashIndex:
        """Sketch `texts` (or only `texts[rows]`, without copying them; index i then means texts[rows[i]])."""
        n = len(texts) if rows is None else len(rows)
        perms = _Permutations(seed)
        joined = _Joined(n)
        lens = _lengths(texts)
        batches = _batches(lens if rows is None else lens[rows], batch_size, BATCH_CHARS)

        def work(
            bounds: tuple[int, int],
        ) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
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
        return cls(
            texts=texts,
            rows=rows,
            n=n,
            n_words=joined.words,
            seed=seed,
            passes=joined.passes(),
        )

    @classmethod
    def from_sketches(cls, texts: Texts, sketches: Sketches, *, rows: np.ndarray | None = None) -> MinHashIndex:
        """The index `build(texts, rows=rows, seed=sketches.seed)` would make, from signatures already computed
        for every text (by a `Sketcher` while the file was read). `rows` must be increasing."""
        if sketches.n != len(texts):
            raise ValueError(f"sketches cover {sketches.n} texts, not {len(texts)}")
        if rows is None:
            index = cls(
                texts=texts,
                rows=None,
                n=sketches.n,
                n_words=sketches.n_words,
                seed=sketches.seed,
            )
            index.passes = dict(sketches.passes)
            return index
        rows = np.asarray(rows, dtype=np.int64)
        index = cls(
            texts=texts,
            rows=rows,
            n=len(rows),
            n_words=sketches.n_words[rows],
            seed=sketches.seed,
        )
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
        cancel: threading.Event | None = None,
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
        self,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        progress: ProgressFn | None = None,
        cancel: threading.Event | None = None,
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
        self,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        progress: ProgressFn | None = None,
        cancel: threading.Event | None = None,
    ) -> list[list[int]]:
        pairs, _ = self.near_pairs(threshold, progress=progress, cancel=cancel)
        return components(self.n, pairs)

    def cross(
        self,
        other: MinHashIndex,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        cancel: threading.Event | None = None,
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
                self._band_keys(theirs, bands, rows),
                self._band_keys(mine, bands, rows),
                strict=True,
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


def _binary_matrix(
    texts: list[str], shingle_fn: Callable[[_Tokens, np.ndarray], tuple[np.ndarray, np.ndarray]]
) -> csr_matrix:
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
    x = csr_matrix(
        (np.ones(len(indices), dtype=np.int32), indices, indptr),
        shape=(len(texts), 1 << 62),
    )
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
    cancel: threading.Event | None = None,
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
    cancel: threading.Event | None = None,
) -> list[tuple[int, int]]:
    """(validation index, training index) for every validation text with a near twin in training."""
    train = MinHashIndex.build(train_texts, seed=seed, progress=progress, cancel=cancel)
    val = MinHashIndex.build(val_texts, seed=seed, progress=progress, cancel=cancel, stage="leakage")
    return [(v, t) for v, t, _ in train.cross(val, threshold, cancel=cancel)]
