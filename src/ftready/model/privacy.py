"""The privacy section: secrets, card numbers, personal data and placeholders found in the training text.

Every value here is masked (`ftready.redact.mask`): the section never holds a clear secret or personal datum. Counts
are occurrences (the same key in two columns or twice in one reply counts twice); `examples` counts distinct
examples. The section holds every line and every distinct masked value; the JSON report shows the first
`MAX_LINES` lines and `MAX_SAMPLES` masked values of each kind.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from ftready.model.core import MAX_LINES
from ftready.model.jsontypes import JSONObject, dataclass_json, meta

MAX_SAMPLES = 3  # masked values per kind that the reports show


class PrivacyCategory(enum.StrEnum):
    """What a kind of item is: a secret (FT801), a card number (FT803), personal data (FT802) or a documentation
    placeholder that only looks like one of them (FT804)."""

    SECRET = "secret"
    CARD = "card"
    PERSONAL = "personal"
    PLACEHOLDER = "placeholder"


@dataclass(frozen=True, slots=True)
class PrivacyKind:
    """Every occurrence of one kind of item (``email``, ``openai-key``, ``placeholder-card``, ...), masked."""

    category: PrivacyCategory = field(metadata=meta("secret, card, personal or placeholder"))
    count: int = field(metadata=meta("occurrences (the same value twice counts twice)"))
    examples: int = field(metadata=meta("distinct examples holding one"))
    lines: tuple[int, ...] = field(metadata=meta("the lines of those examples, ascending", cap=MAX_LINES))
    examples_masked: tuple[str, ...] = field(
        metadata=meta("distinct masked values, in order of first occurrence", cap=MAX_SAMPLES)
    )
    confidence: Mapping[str, int] = field(
        default_factory=dict,
        metadata=meta(
            "occurrences by how sure the detection is: high (a fixed format or a checksum), medium (a password by "
            "its label, an IP address, a phone number without context), low (a phone number in an advertisement)"
        ),
    )

    @property
    def samples(self) -> tuple[str, ...]:
        """The masked values a report shows (the first `MAX_SAMPLES`)."""
        return self.examples_masked[:MAX_SAMPLES]


@dataclass(frozen=True, slots=True)
class PrivacySection:
    kinds: Mapping[str, PrivacyKind] = field(
        metadata=meta(
            "kind -> its occurrences, for each kind found, in a fixed order (secrets first, placeholders last)"
        )
    )
    total: int = field(metadata=meta("occurrences of secrets, card numbers and personal data (not placeholders)"))
    examples: int = field(metadata=meta("distinct examples holding a secret, card number or personal datum"))
    placeholders: int = field(metadata=meta("occurrences of placeholders"))
    columns: tuple[str, ...] = field(metadata=meta("the columns scanned (system, prompt, response, rejected)"))

    def of(self, category: PrivacyCategory) -> dict[str, PrivacyKind]:
        """The kinds found of one category, in report order."""
        return {name: k for name, k in self.kinds.items() if k.category is category}

    def to_dict(self) -> JSONObject:
        return dataclass_json(self)
