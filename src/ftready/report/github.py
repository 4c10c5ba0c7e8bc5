"""GitHub Actions workflow commands: one annotation per problem and per finding."""

from __future__ import annotations

from ftready.model import Analysis, Severity
from ftready.vocabulary import verdict_label

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
MAX_PROBLEMS = 200
ON_VALIDATION = {"FT304"}  # findings whose lines are lines of the --validation file


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(a: Analysis) -> str:
    path = _prop(a.dataset.path)
    out: list[str] = []
    for p in a.problems[:MAX_PROBLEMS]:
        out.append(f"::error file={path},line={p.line},title={_prop('ftready ' + p.code)}::{_data(p.message)}")
    total = max(a.dataset.problems, len(a.problems))
    if total > MAX_PROBLEMS:
        out.append(f"::error file={path}::{total - MAX_PROBLEMS:,} more problems (see the JSON report)")
    for f in a.findings:
        # a finding's lines are in the file that holds them: validation leakage points at the --validation file
        where = _prop(a.dataset.validation_path) if f.code in ON_VALIDATION and a.dataset.validation_path else path
        loc = f"file={where}" + (f",line={f.lines[0]}" if f.lines else "")
        title = _prop(f"ftready {f.code} {f.name}")
        msg = f.message + (f" (lines {', '.join(map(str, f.lines[:20]))})" if len(f.lines) > 1 else "")
        out.append(f"::{LEVEL[f.severity]} {loc},title={title}::{_data(msg)}")
    v = a.verdict
    out.append(
        f"::notice file={path},title=ftready verdict::{_data(verdict_label(v.recommendation) + ': ' + v.headline)}"
    )
    return "\n".join(out) + "\n"
