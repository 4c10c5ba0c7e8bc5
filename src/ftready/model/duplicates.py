"""The duplicates section: exact and near duplicates, conflicting answers, leakage into a validation or evaluation
set, unfilled placeholders and replies shared by different prompts.

Every group is a tuple of 1-based lines, sorted, and the groups of a kind come largest first. The section holds
every group and every line; the JSON report shows the first `MAX_GROUPS` groups and `MAX_LEAK_LINES` lines of
each kind (the counts beside them stay exact).

Leakage is told apart in two ways: the *same example* (the whole example is an exact or near duplicate of a
training example) and the *same prompt* (the user turns, normalised, equal a training example's while the
example as a whole is not an exact copy: the question was trained on with another or re-formatted answer).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ftready.model.jsontypes import JSONObject, dataclass_json, meta

MAX_GROUPS = 1_000  # groups of a kind the JSON report lists (counts stay exact)
MAX_LEAK_LINES = 10_000  # leakage and placeholder lines the JSON report lists
MAX_TOKENS = 20  # placeholder tokens the JSON report lists
SHARED_REPLIES_MEANING = "the same reply (placeholders masked) given to different prompts"

Group = tuple[int, ...]


def _redundant_lines(groups: tuple[Group, ...], skip: frozenset[int] = frozenset()) -> list[int]:
    return [line for g in groups for line in g[1:] if line not in skip]


@dataclass(frozen=True, slots=True)
class ExactDuplicates:
    groups: tuple[Group, ...] = field(metadata=meta("groups of lines, largest first", cap=MAX_GROUPS))
    group_count: int = field(metadata=meta("groups found (all of them, not only those listed)"))
    redundant: int = field(metadata=meta("copies beyond the first of each group"))
    share: float = field(metadata=meta("redundant / examples"))

    @property
    def redundant_lines(self) -> list[int]:
        """Every line but the first of each group."""
        return _redundant_lines(self.groups)


@dataclass(frozen=True, slots=True)
class LSHParams:
    permutations: int = field(metadata=meta("MinHash permutations"))
    bands: int = field(metadata=meta("LSH bands"))
    rows: int = field(metadata=meta("rows per band"))


@dataclass(frozen=True, slots=True)
class NearDuplicates:
    groups: tuple[Group, ...] = field(
        metadata=meta("groups of lines (exact copies included), largest first", cap=MAX_GROUPS)
    )
    group_count: int = field(metadata=meta("groups found"))
    redundant: int = field(metadata=meta("examples beyond the first of each group that are not exact copies"))
    share: float = field(metadata=meta("redundant / examples"))
    threshold: float = field(metadata=meta("the Jaccard similarity at or above which two examples are near"))
    shingles: str = field(metadata=meta("what the texts are cut into before comparing"))
    lsh: LSHParams = field(metadata=meta("the MinHash and LSH banding used to find candidates"))
    compared: int = field(metadata=meta("texts compared (one per exact-duplicate group)"))


@dataclass(frozen=True, slots=True)
class Conflicts:
    groups: tuple[Group, ...] = field(metadata=meta("groups of lines, largest first", cap=MAX_GROUPS))
    group_count: int = field(metadata=meta("groups found"))
    examples: int = field(metadata=meta("examples in those groups"))
    kinds: Mapping[str, int] = field(metadata=meta('groups per kind: "response", "label", "preference"'))
    near_identical: int = field(metadata=meta("groups whose examples are all near or exact duplicates"))

    @property
    def lines(self) -> list[int]:
        return [line for g in self.groups for line in g]


@dataclass(frozen=True, slots=True)
class Leakage:
    """Examples of a validation or evaluation set that training has already seen."""

    validation_path: str | None = field(metadata=meta("the file compared with training, or null"))
    validation_examples: int = field(metadata=meta("its valid examples"))
    lines: tuple[int, ...] = field(
        metadata=meta("its lines that are the same example as a training one", cap=MAX_LEAK_LINES)
    )
    pairs: tuple[tuple[int, int], ...] = field(
        metadata=meta("[its line, the first matching training line] of each such example", cap=MAX_LEAK_LINES)
    )
    count: int = field(metadata=meta("examples that are the same example as a training one (exact + near)"))
    exact: int = field(metadata=meta("of which exact duplicates (or the same prompt and reply, system prompt aside)"))
    near: int = field(metadata=meta("of which near duplicates (whose prompt differs from the training one's)"))
    share: float = field(metadata=meta("count / its examples"))
    same_prompt: int = field(
        default=0,
        metadata=meta("examples whose normalised prompt is a training prompt, with another reply (not counted above)"),
    )
    prompt_lines: tuple[int, ...] = field(default=(), metadata=meta("the lines of those examples", cap=MAX_LEAK_LINES))
    prompt_pairs: tuple[tuple[int, int], ...] = field(
        default=(), metadata=meta("[its line, the first training line with that prompt]", cap=MAX_LEAK_LINES)
    )
    prompt_share: float = field(default=0.0, metadata=meta("same_prompt / its examples"))

    @property
    def total(self) -> int:
        """Examples leaked either way."""
        return self.count + self.same_prompt


@dataclass(frozen=True, slots=True)
class Placeholders:
    count: int = field(metadata=meta("replies holding a {{placeholder}}"))
    lines: tuple[int, ...] = field(metadata=meta("their lines", cap=MAX_LEAK_LINES))
    tokens: Mapping[str, int] = field(
        metadata=meta("placeholder -> replies holding it, most common first", cap=MAX_TOKENS)
    )


@dataclass(frozen=True, slots=True)
class SharedReplies:
    groups: tuple[Group, ...] = field(metadata=meta("groups of lines, largest first", cap=MAX_GROUPS))
    group_count: int = field(metadata=meta("groups found"))
    examples: int = field(metadata=meta("examples in those groups"))
    meaning: str = field(default=SHARED_REPLIES_MEANING, metadata=meta("what a group is"))

    @property
    def lines(self) -> list[int]:
        return [line for g in self.groups for line in g]


@dataclass(frozen=True, slots=True)
class DuplicatesSection:
    examples: int = field(metadata=meta("valid examples compared"))
    duplicated_examples: int = field(metadata=meta("examples in any exact or near group, first copies included"))
    exact: ExactDuplicates = field(metadata=meta("exact duplicates (after case, whitespace and Unicode folding)"))
    near: NearDuplicates = field(metadata=meta("near duplicates (MinHash candidates confirmed by exact Jaccard)"))
    conflicts: Conflicts = field(metadata=meta("the same prompt with different replies or labels"))
    leakage: Leakage = field(metadata=meta("--validation examples that training has seen"))
    placeholders: Placeholders = field(metadata=meta("replies with unfilled {{placeholders}}"))
    replies: SharedReplies = field(metadata=meta("the same reply given to different prompts"))
    against: tuple[Leakage, ...] = field(
        default=(), metadata=meta("each --against evaluation set compared with training, as `leakage`")
    )

    @property
    def redundant(self) -> int:
        """Exact and near copies beyond the first of each group."""
        return self.exact.redundant + self.near.redundant

    @property
    def near_redundant_lines(self) -> list[int]:
        """The near groups' lines beyond the first that are not exact copies already."""
        exact = frozenset(line for g in self.exact.groups for line in g[1:])
        return _redundant_lines(self.near.groups, exact)

    def to_dict(self) -> JSONObject:
        return dataclass_json(self)
