"""Pieces every command of the command line shares: the argument parser class and the stderr progress display."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from typing import NoReturn

from ftready.errors import UsageError


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are `UsageError`s (exit code 2, one `ftready: ...` line) after the usage."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: {message}")


class StderrProgress:
    """A one-line progress display on stderr, shown only on a terminal and only after ~2 s."""

    def __init__(self, delay: float = 2.0) -> None:
        self.start = time.monotonic()
        self.delay = delay
        self.last = 0.0
        self.shown = False
        self.lock = threading.Lock()

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < self.delay or now - self.last < 0.1:
            return
        with self.lock:
            self.last = now
            frac = f"{done / total:4.0%}" if total else f"{done:,}"
            sys.stderr.write(f"\rftready: {stage:<10} {frac:>10}  {now - self.start:5.1f}s ")
            sys.stderr.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 50 + "\r")
            sys.stderr.flush()


def stderr_progress(quiet: bool) -> StderrProgress | None:
    """The progress display unless `quiet` or stderr is not a terminal (then None: no progress at all)."""
    return StderrProgress() if not quiet and sys.stderr.isatty() else None
