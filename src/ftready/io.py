"""Side-effect helpers shared by every front end: today's date and atomic output files.

They live in the core so that the command line, `clean` and the app use one implementation each; no front end
imports another.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ftready.errors import UsageError

TODAY_ENV = "FTREADY_TODAY"


def today(override: date | None = None) -> date:
    """`override`, else $FTREADY_TODAY (YYYY-MM-DD), else the system date."""
    if override is not None:
        return override
    raw = os.environ.get(TODAY_ENV)
    if raw:
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            raise UsageError(f"{TODAY_ENV}: must be a date YYYY-MM-DD, got {raw!r}") from None
    return date.today()


def write_output(path: Path, text: str, inputs: Sequence[str | None] = ()) -> None:
    """Write atomically (temp file, then rename); refuse to overwrite an input."""
    target = path.resolve()
    for src in inputs:
        if src and Path(src).resolve() == target:
            raise UsageError(f"{path}: refusing to overwrite the input file")
    if target.is_dir():
        raise UsageError(f"{path}: is a directory")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None
