"""Errors that stop a run (exit code 2). Each carries one clear line for the user, never a traceback."""

from __future__ import annotations


class FtreadyError(Exception):
    """Base class: the message is shown as is, on one line per problem."""

    exit_code = 2


class UsageError(FtreadyError):
    """A bad flag, config key or value."""


class InputError(FtreadyError):
    """The dataset cannot be read at all: missing, unreadable, empty, binary, not a dataset."""


class PricingError(FtreadyError):
    """One or more pricing tables are invalid; `problems` holds one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class Cancelled(Exception):
    """The analysis was cancelled through its cancel event."""
