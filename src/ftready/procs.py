"""Worker process pools for work that must not wait for the interpreter lock of the parsing thread."""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PIPE_BYTES = 1 << 20  # Linux's default ceiling for an unprivileged process (/proc/sys/fs/pipe-max-size)
_F_SETPIPE_SZ = 1031


def spawn_pool(
    workers: int, initializer: Callable[..., Any] | None = None, initargs: tuple[Any, ...] = ()
) -> ProcessPoolExecutor:
    """A pool of spawned (not forked: the parent runs polars' thread pool) processes with wide pipes.

    A message larger than the pipe is read in pipe-sized pieces by a thread of this process, which needs the
    interpreter lock for each piece and, while the parsing thread is busy, gets it only every few milliseconds;
    with 64 KB pipes a 15 MB result took over a second to arrive. Widening the pipes to 1 MB cuts the pieces
    sixteenfold. Where that is not possible (another system, a changed pool), the pool works as it is."""
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=initializer, initargs=initargs
    )
    with contextlib.suppress(Exception):
        import fcntl

        for conn in (pool._call_queue._writer, pool._result_queue._reader):  # type: ignore[attr-defined]
            fcntl.fcntl(conn.fileno(), _F_SETPIPE_SZ, PIPE_BYTES)
    return pool
