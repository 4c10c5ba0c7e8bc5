"""ftready: is this fine-tuning dataset ready, and what will fine-tuning really cost compared with RAG?

The public API is `analyse(path, settings)`, returning one immutable `Analysis`; the command line and the app only
render it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ftready._version import __version__

if TYPE_CHECKING:
    from ftready.model import Analysis, Finding, Problem, Severity
    from ftready.pipeline import analyse
    from ftready.settings import Settings

__all__ = ["Analysis", "Finding", "Problem", "Settings", "Severity", "__version__", "analyse"]


def __getattr__(name: str) -> Any:
    # Lazy imports keep `import ftready` (and `ftready --version`) fast.
    if name == "analyse":
        from ftready.pipeline import analyse

        return analyse
    if name in ("Analysis", "Finding", "Problem", "Severity"):
        from ftready import model

        return getattr(model, name)
    if name == "Settings":
        from ftready.settings import Settings

        return Settings
    raise AttributeError(name)
