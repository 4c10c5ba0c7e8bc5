"""The registry of the check families not yet moved to `stages/` and `rules/` (duplicates, risk,
costs). `ftready.rules.codes` builds their rows of the code table from it; it goes when they move.

The registry of checks: stable codes, names, default severities, parameters and explanations.

A check is a small pure function `fn(ctx, params) -> Finding | list[Finding] | None`, registered with
`@check(...)`. Families: FT1xx format, FT2xx size and tokens, FT3xx duplicates/conflicts/leakage, FT4xx diversity,
FT5xx label balance, FT6xx overfitting and change risk, FT7xx costs and pricing, FT8xx privacy and secrets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ftready.model import Finding, Severity

if TYPE_CHECKING:
    from ftready.checks.context import Context

FAMILIES = {
    "FT1": "format",
    "FT2": "size and tokens",
    "FT3": "duplicates, conflicts and leakage",
    "FT4": "diversity",
    "FT5": "label balance",
    "FT6": "overfitting and change risk",
    "FT7": "costs and pricing",
    "FT8": "privacy and secrets",
}

CheckFn = Callable[["Context", Mapping[str, Any]], "Finding | list[Finding] | None"]


@dataclass(frozen=True)
class CheckSpec:
    code: str
    name: str
    severity: Severity
    summary: str  # one line
    explanation: str  # why it matters for fine-tuning (a paragraph)
    params: Mapping[str, Any] = field(default_factory=dict)  # parameter -> default value
    fn: CheckFn | None = None
    order: int = 0

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[:3], "other")

    def make(
        self,
        message: str,
        *,
        count: int = 0,
        lines: Iterable[int] = (),
        value: float | int | str | None = None,
        threshold: float | int | str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            count=count,
            lines=tuple(sorted(set(lines))),
            value=value,
            threshold=threshold,
        )


REGISTRY: dict[str, CheckSpec] = {}
_BY_NAME: dict[str, str] = {}


def check(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    explanation: str,
    params: Mapping[str, Any] | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under a stable code."""

    def deco(fn: CheckFn) -> CheckFn:
        _add(CheckSpec(code, name, severity, summary, explanation, dict(params or {}), fn, len(REGISTRY)))
        return fn

    return deco


def _add(spec: CheckSpec) -> CheckSpec:
    if spec.code in REGISTRY:
        raise ValueError(f"check code {spec.code} registered twice")
    if spec.name in _BY_NAME:
        raise ValueError(f"check name {spec.name} registered twice")
    REGISTRY[spec.code] = spec
    _BY_NAME[spec.name] = spec.code
    return spec


def spec(code_or_name: str) -> CheckSpec:
    """Look a check up by code (`FT301`) or name (`exact-duplicates`); KeyError when unknown."""
    load_all()
    key = code_or_name.upper() if code_or_name.upper() in REGISTRY else _BY_NAME.get(code_or_name)
    if key is None:
        raise KeyError(code_or_name)
    return REGISTRY[key]


def resolve_code(code_or_name: str) -> str | None:
    load_all()
    if code_or_name.upper() in REGISTRY:
        return code_or_name.upper()
    return _BY_NAME.get(code_or_name)


def all_specs() -> list[CheckSpec]:
    load_all()
    return sorted(REGISTRY.values(), key=lambda s: s.code)


def is_selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Ruff-style selection by code prefix: the longest matching prefix wins; ignore wins ties."""
    sel = [p for p in select if code.startswith(p)]
    ign = [p for p in ignore if code.startswith(p)]
    best_sel = max((len(p) for p in sel), default=-1 if list(select) else 0)
    best_ign = max((len(p) for p in ign), default=-1)
    return best_sel >= 0 and best_sel > best_ign


_LOADED = False


def load_all() -> None:
    """Import every check module so that its registrations run."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import importlib

    for mod in (
        "ftready.checks.risk",
        "ftready.checks.costs",
    ):
        importlib.import_module(mod)
