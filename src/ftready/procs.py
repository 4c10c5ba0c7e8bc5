"""Worker process pools for work that must not wait for the interpreter lock of the parsing thread.

The main process owns its workers: each worker asks the kernel to end it when its parent dies (Linux
PR_SET_PDEATHSIG), so a main process killed by SIGTERM or SIGKILL leaves no worker behind, and a worker ignores
SIGINT, so Ctrl-C in the terminal (sent to the whole process group) interrupts the main process alone, which
reports "interrupted" and shuts the pool down, instead of every worker printing a traceback.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

PIPE_BYTES = 1 << 20  # Linux's default ceiling for an unprivileged process (/proc/sys/fs/pipe-max-size)
_F_SETPIPE_SZ = 1031


def spawn_pool(
    workers: int, initializer: Callable[..., object] | None = None, initargs: tuple[object, ...] = ()
) -> ProcessPoolExecutor:
    """A pool of spawned (not forked: the parent runs polars' thread pool) processes with wide pipes.

    A message larger than the pipe is read in pipe-sized pieces by a thread of this process, which needs the
    interpreter lock for each piece and, while the parsing thread is busy, gets it only every few milliseconds;
    with 64 KB pipes a 15 MB result took over a second to arrive. Widening the pipes to 1 MB cuts the pieces
    sixteenfold. Where that is not possible (another system, a changed pool), the pool works as it is."""
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_owned_worker,
        initargs=(os.getpid(), initializer, initargs),
    )
    with contextlib.suppress(Exception):
        import fcntl

        for conn in (pool._call_queue._writer, pool._result_queue._reader):  # type: ignore[attr-defined]
            fcntl.fcntl(conn.fileno(), _F_SETPIPE_SZ, PIPE_BYTES)
    return pool


_PR_SET_PDEATHSIG = 1


def _owned_worker(parent: int, initializer: Callable[..., object] | None, initargs: tuple[object, ...]) -> None:
    """Start of every worker: die with the parent, leave SIGINT to the parent, then the pool's own initializer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(Exception):  # Linux only; elsewhere workers end when their pipes close
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if initializer is not None:
        initializer(*initargs)


def kill_children() -> None:
    """SIGKILL every child process of this one (pool workers, multiprocessing's resource tracker): the last step
    of an interrupted run, so that nothing outlives it even where the parent-death signal does not reach a
    worker (a worker started by a thread that is still alive, a kernel without the signal)."""
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return
    for tid in tasks:
        try:
            with open(f"/proc/self/task/{tid}/children", encoding="ascii") as fh:
                pids = [int(x) for x in fh.read().split()]
        except (OSError, ValueError):
            continue
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
