"""Progress reporting and cancellation, as parameters of the core (never UI imports)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from ftready.errors import Cancelled

# progress(stage, done, total): `total` 0 means "unknown"; stage names are short ("load", "tokens", ...). A "load"
# report with a total counts bytes of the file read (the number of records is not known ahead); without one it
# counts records.
LOAD_IN_BYTES = "load"
ProgressFn = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    return None


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()
