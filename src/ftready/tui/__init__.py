"""The Textual front end. Textual is imported only here and below, and only when the app is started: the core
(`ftready.pipeline`, the checks, the reports) never imports it.

`make_app(path, settings)` builds the app (the CLI and the tests use it); `run_app(path, settings)` runs it in the
terminal and returns the exit code `ftready FILE --report` would give (2 when the run could not be done).
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


def run_app(path: str | Path, settings: Settings | None = None) -> int:
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
