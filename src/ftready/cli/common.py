"""Pieces every command of the command line shares: the argument parser class and the stderr progress display."""

from __future__ import annotations

import argparse
import math
import sys
import threading
import time
from collections.abc import Callable
from typing import NoReturn

from ftready.errors import UsageError


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are `UsageError`s (exit code 2, one `ftready: ...` line) after the usage."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: {message}")


def whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, refused at the flag (a negative seed or a 400-digit
    count would otherwise fail deep inside a run)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip().replace("_", ""))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text[:40]}: must be a whole number from {low} to {high:,}")
        return value

    return parse


def finite(low: float, high: float, *, above: bool = False) -> Callable[[str], float]:
    """An argparse type: a finite number in [low, high] (above=True: strictly above `low`); nan and inf refused."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number") from None
        if not math.isfinite(value) or value > high or value < low or (above and value == low):
            bound = f"above {low:g}" if above else f"from {low:g}"
            raise argparse.ArgumentTypeError(f"{text[:40]}: must be a finite number {bound} up to {high:g}")
        return value

    return parse


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
