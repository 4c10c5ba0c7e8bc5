"""Pieces every command of the command line shares: the argument parser class and the stderr progress display."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import math
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, NoReturn

from ftready.errors import UsageError


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are `UsageError`s: exit code 2 and one `ftready: ...` line that says what is
    wrong, suggests the closest option for a misspelt one, and points at --help (no usage block)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)  # a misspelt flag is an error, never a prefix of another one
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        sub = self.prog.removeprefix("ftready").strip()
        unknown = [w for w in message.removeprefix("unrecognized arguments:").split() if w.startswith("-")]
        if message.startswith("unrecognized arguments:") and unknown:
            options = [o for o in self._option_string_actions if o.startswith("--")]
            close = difflib.get_close_matches(unknown[0].split("=")[0], options, n=1)
            if close:
                message += f" (did you mean {close[0]}?)"
        raise UsageError(f"{sub + ': ' if sub else ''}{message}; see `{self.prog} --help`")


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
        self.width = 0  # the longest line written, so that a shorter one (or the clearing) leaves nothing behind
        self.lock = threading.Lock()

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < self.delay or now - self.last < 0.1:
            return
        with self.lock:
            self.last = now
            frac = f"{done / total:4.0%}" if total else f"{done:,}"
            line = f"ftready: {stage:<10} {frac:>10}  {now - self.start:5.1f}s elapsed"
            self.width = max(self.width, len(line))
            sys.stderr.write("\r" + line.ljust(self.width))
            sys.stderr.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()


def stderr_progress(quiet: bool) -> StderrProgress | None:
    """The progress display unless `quiet` or stderr is not a terminal (then None: no progress at all)."""
    return StderrProgress() if not quiet and sys.stderr.isatty() else None


_STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}
_said = threading.Event()
_guarded = False
_signalled = threading.Event()


def signalled() -> bool:
    """True once SIGTERM or SIGINT has reached a guarded run: whatever the unwinding raises is "interrupted"."""
    return _signalled.is_set()


_process_entry = False  # set by main() when it runs as the process's command (not called from a test or a library)


def owns_process() -> None:
    """Called by the command's entry point: this process is ftready's own, so its signals may be taken over."""
    global _process_entry
    _process_entry = True


def say_interrupted() -> None:
    """Write "ftready: interrupted" once, whoever gets there first (the unwinding main thread or the deadline),
    and end every child process of a run that owns its process."""
    if _process_entry:
        from ftready.procs import kill_children

        kill_children()
    if not _said.is_set():
        _said.set()
        with contextlib.suppress(OSError):
            os.write(2, b"ftready: interrupted\n")


def guard_signals() -> bool:
    """Make SIGTERM and SIGINT end a run at once: "interrupted", exit 130, no traceback, no process left.

    A watcher thread, woken through the signal wake-up pipe even while the main thread is inside a long native
    call, kills every child process (workers, multiprocessing's tracker: unwinding through the pools would only
    let them print their own warnings) and ends the process. Nothing is left half-written: outputs are unnamed
    files until complete (ftready.io, ftready.clean). Returns False where this cannot be set up (not the main
    thread)."""
    global _guarded
    if not _process_entry or _guarded:
        return _guarded
    if threading.current_thread() is not threading.main_thread():
        return False
    r, w = os.pipe()
    os.set_blocking(w, False)
    signal.set_wakeup_fd(w, warn_on_full_buffer=False)
    _guarded = True

    def handler(signum: int, frame: object) -> None:
        """Nothing in the main thread: the watcher ends the run (the handler only replaces the default action)."""

    for sig in _STOP_SIGNALS:
        signal.signal(sig, handler)

    def watch() -> None:
        seen = 0
        while True:
            try:
                got = os.read(r, 64)
            except OSError:
                return
            if not got:
                return
            seen += sum(1 for b in got if b in (signal.SIGTERM, signal.SIGINT))
            if seen:
                _signalled.set()
                _give_up()

    threading.Thread(target=watch, name="ftready-signals", daemon=True).start()
    return True


def _give_up() -> None:
    from ftready.procs import kill_children

    say_interrupted()
    kill_children()
    os._exit(130)
