"""What a stage is: a function that computes one typed section from the context, and what it needs first.

Stages declare the sections they read (`needs`, with "tokens" for the token counts); the pipeline runs them in
that order, and a stage whose needs exclude the token counts runs while the tokens are still being counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ftready.progress import ProgressFn
    from ftready.stages.context import Context

TOKENS = "tokens"  # the pseudo-section a stage needs when it reads the token counts


@dataclass(frozen=True)
class Stage:
    name: str  # the section it writes (the Context attribute of that name)
    run: Callable[[Context], object]
    needs: tuple[str, ...] = ()  # sections it reads, and TOKENS when it reads the token counts
    thread: bool = False  # long and lock-free (numpy, polars): runs in a thread of its own beside the others
    progress: Callable[[Context, ProgressFn], object] | None = None  # the same as `run`, reporting progress
