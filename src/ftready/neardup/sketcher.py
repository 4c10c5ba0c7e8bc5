"""Signatures computed while the file is read: the Sketcher hands batches of texts to a helper process and
joins the sketches it returns (see the package docstring)."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, CancelledError, Executor, Future
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np

from ftready.neardup.shingles import (
    BATCH_CHARS,
    BATCH_SIZE,
    JOB_CHARS,
    JOB_SIZE,
    _batches,
    _Joined,
    _lengths,
    _Pass,
    _permutations,
    _sketch,
)
from ftready.progress import check_cancel


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
        cancel: threading.Event | None = None,
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
        self._jobs: list[_Job] = []
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
            entry = _Job(self._n, self._pending, job)
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
            for entry in self._jobs:
                start, texts, job = entry.start, entry.texts, entry.job
                check_cancel(self._cancel)
                try:
                    if job is None:
                        raise BrokenExecutor
                    nw, by_mode, ext = job.result()
                except (
                    BrokenExecutor,
                    CancelledError,
                ):  # the helper died or was shut down: sketch here
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
        for entry in self._jobs:
            if entry.job is not None:
                entry.job.cancel()
        self._jobs = []
        self._pending = []


_SketchResult: TypeAlias = tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]], np.ndarray | None]


@dataclass
class _Job:
    """A batch handed to the helper: its first text's index, its texts (kept until the job succeeds, for sketching
    here if it fails) and the job (None when the helper could not take it)."""

    start: int
    texts: list[str] | None
    job: Future[_SketchResult] | None


def _release_texts(entry: _Job, job: Future[_SketchResult]) -> None:
    """Drop a job's texts once the helper has sketched them (they are only kept in case it fails)."""
    if not job.cancelled() and job.exception() is None:
        entry.texts = None


def sketch_batch(texts: list[str], seed: int) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """Word counts and per-mode (indices, signatures) of a list of texts, sketched in cache-sized batches (runs in
    the helper process)."""
    perms = _permutations(seed)
    joined = _Joined(len(texts))
    for s, e in _batches(_lengths(texts), BATCH_SIZE, BATCH_CHARS):
        joined.add(s, *_sketch(texts[s:e], perms))
    return joined.words, {m: (p.docs, p.signatures()) for m, p in joined.passes().items()}


def _sketch_job(texts: list[str], seed: int, extra: Callable[[list[str]], np.ndarray] | None) -> _SketchResult:
    words, by_mode = sketch_batch(texts, seed)
    return words, by_mode, extra(texts) if extra is not None else None
