"""What a rule is: a function that reads the typed sections it declares and returns hits, and its table row.

A rule function `fn(ctx, params) -> Hit | list[Hit] | None` carries its documentation in its docstring: a
one-line summary, then the fixed headings *What it finds*, *Why it matters*, *How to fix* and *Parameters*
(as ruff's rules do). It never restates its code: the table row in `ftready.rules.codes` gives the code, name,
default severity and parameter defaults, and `Rule.finding` turns a hit into a `Finding`.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeAlias

from ftready.model import Finding, Params, ParamValue, Severity

if TYPE_CHECKING:
    from ftready.stages.context import Context

__all__ = ["HEADINGS", "Hit", "ParamValue", "Params", "Rule", "RuleDoc", "RuleFn", "parse_doc"]
HEADINGS = ("What it finds", "Why it matters", "How to fix", "Parameters")


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's result before it becomes a finding: everything but the code, name and default severity."""

    message: str
    count: int = 0
    lines: Iterable[int] = ()
    value: float | int | str | None = None
    threshold: float | int | str | None = None
    severity: Severity | None = None  # None: the rule's default severity


RuleFn: TypeAlias = "Callable[[Context, Params], Hit | Sequence[Hit] | None]"


@dataclass(frozen=True, slots=True)
class RuleDoc:
    summary: str
    what: str
    why: str
    fix: str
    parameters: str

    def parameter(self, name: str) -> str:
        """The documentation of one parameter (its `name: text` entry under Parameters), or ''."""
        for line in self.parameters.splitlines():
            if line.startswith(f"{name}: "):
                return line[len(name) + 2 :]
        return ""


def parse_doc(text: str | None) -> RuleDoc:
    """The summary and the four headed sections of a rule's docstring (empty strings where missing)."""
    text = inspect.cleandoc(text or "")
    parts = re.split(rf"^({'|'.join(HEADINGS)}):[ \t]*$", text, flags=re.MULTILINE)
    summary = " ".join(parts[0].split())
    found: dict[str, str] = {}
    for head, body in zip(parts[1::2], parts[2::2], strict=True):
        found[head] = _paragraphs(inspect.cleandoc(body))
    return RuleDoc(
        summary,
        found.get("What it finds", ""),
        found.get("Why it matters", ""),
        found.get("How to fix", ""),
        found.get("Parameters", ""),
    )


_ITEM = re.compile(r"^(?:- |[a-z_]+: )")  # a list item or a parameter's entry starts a line of its own


def _paragraphs(body: str) -> str:
    """Join wrapped lines into paragraphs; keep list items and parameter entries on lines of their own."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", body.strip()):
        lines: list[str] = []
        for raw in para.splitlines():
            line = raw.strip()
            if _ITEM.match(line) or not lines:
                lines.append(line)
            else:
                lines[-1] += " " + line
        out.append("\n".join(lines))
    return "\n\n".join(out)


@dataclass(frozen=True)
class Rule:
    """A row of the code table: a stable code, a name, a default severity, what the rule reads, its parameters.

    `fn` is None for the loader's problem codes (FT101-FT1xx): the loader emits them per record, and their
    documentation is the row's `doc` text.
    """

    code: str
    name: str
    severity: Severity
    fn: RuleFn | None
    reads: tuple[str, ...] = ()  # sections (stage names) the rule reads; "tokens" for the token statistics
    params: Params = field(default_factory=dict)
    doc_text: str | None = None  # problem codes: their documentation (rules: the function's docstring)

    @cached_property
    def doc(self) -> RuleDoc:
        return parse_doc(self.doc_text if self.doc_text is not None or self.fn is None else self.fn.__doc__)

    @property
    def summary(self) -> str:
        return self.doc.summary

    @property
    def is_problem(self) -> bool:
        return self.fn is None

    def finding(self, hit: Hit) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            severity=hit.severity or self.severity,
            message=hit.message,
            count=hit.count,
            lines=tuple(sorted(set(hit.lines))),
            value=hit.value,
            threshold=hit.threshold,
        )
