"""The text-quality section: mojibake, HTML left in plain text, placeholder inputs and replies, refusal
boilerplate, cut-off replies and prompt/reply language mismatches found in the training text.

Each kind keeps the lines of the examples it was found in and a few short samples; samples are taken from the data
and pass `ftready.redact.redact()` before they are stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ftready.model.core import MAX_LINES
from ftready.model.jsontypes import JSONObject, dataclass_json, meta

MAX_QUALITY_SAMPLES = 3  # samples per kind that the reports show


@dataclass(frozen=True, slots=True)
class QualityKind:
    """The examples with one kind of text-quality issue (``mojibake``, ``html``, ``placeholder``, ...)."""

    examples: int = field(metadata=meta("distinct examples with the issue"))
    lines: tuple[int, ...] = field(metadata=meta("the lines of those examples, ascending", cap=MAX_LINES))
    samples: tuple[str, ...] = field(
        metadata=meta("'line N: excerpt' for the first examples, secrets and personal data masked", cap=3)
    )


@dataclass(frozen=True, slots=True)
class QualitySection:
    kinds: Mapping[str, QualityKind] = field(metadata=meta("kind -> the examples with it, for each kind found"))
    checked: int = field(metadata=meta("examples checked (KTO undesirable replies are left out of reply checks)"))

    def to_dict(self) -> JSONObject:
        return dataclass_json(self)
