"""The Textual front end. Textual is imported only here and below, and only when the app is started: the core
(`ftready.pipeline`, the checks, the reports) never imports it.

`make_app(path, settings)` builds the app (the CLI and the tests use it); `run_app(path, settings)` runs it in the
terminal and returns the exit code `ftready FILE --report` would give (2 when the run could not be done); a file
that cannot be a dataset raises the headless mode's InputError before the app starts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ftready.settings import Settings
    from ftready.tui.app import FtreadyApp


def make_app(path: str | Path, settings: Settings | None = None) -> FtreadyApp:
    from ftready.tui.app import FtreadyApp

    return FtreadyApp(path, settings)


def check_inputs(path: str | Path, settings: Settings | None = None) -> None:
    """Raise the InputError the headless mode would give for a missing, unreadable, empty, binary or non-dataset
    file (and for the validation and previous files), before the app takes the screen just to say so."""
    from ftready.load.readers import open_source

    for p in (path, *((settings.validation, settings.previous) if settings is not None else ())):
        if p:
            open_source(p)


def run_app(path: str | Path, settings: Settings | None = None) -> int:
    check_inputs(path, settings)
    app = make_app(path, settings)
    app.run()
    code = app.exit_code()
    if app.analysis_running:
        # Quitting mid-run: the worker was cancelled and stops at its next check, but a long stage may not check
        # for a while. The terminal is already restored; do not keep the user waiting for the thread.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


__all__ = ["make_app", "run_app"]
