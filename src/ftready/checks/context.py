"""The check context of the families not yet moved to `stages/` and `rules/`: the stages' Context."""

from ftready.stages.context import Context

__all__ = ["Context"]
