"""Write the generated reference pages: docs/checks.md from the code table (each rule's docstring) and
docs/report.md from the report's dataclasses (their field metadata).

python scripts/gen_docs.py          # rewrite both pages
python scripts/gen_docs.py --check  # exit 1 when either page is out of date
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from pathlib import Path

from ftready.model import Analysis
from ftready.rules.codes import CODES, FAMILIES, REMOVED

DOCS = Path(__file__).resolve().parents[1] / "docs"


def render_checks() -> str:
    out = [
        "# Checks",
        "",
        "Every check has a stable code, a name, a default severity and parameters. Select or ignore checks with",
        "`--select`/`--ignore` (codes, prefixes such as `FT3`, or names), set parameters with",
        "`--set CODE.param=value` or `[tool.ftready.checks.CODE]`, and read one with `ftready explain CODE`.",
        "This page is generated from the code table (`src/ftready/rules/codes.py`) and each rule's docstring by",
        "`scripts/gen_docs.py`.",
        "",
    ]
    for prefix, family in FAMILIES.items():
        rows = sorted((r for r in CODES if r.code.startswith(prefix)), key=lambda r: r.code)
        if not rows:
            continue
        out += [f"## {prefix}xx — {family}", ""]
        for r in rows:
            d = r.doc
            out += [f"### {r.code} `{r.name}` ({r.severity.value})", "", d.summary, ""]
            for head, body in (("What it finds", d.what), ("Why it matters", d.why), ("How to fix", d.fix)):
                if body:
                    out += [f"**{head}.** {body}", ""]
            if r.params:
                out.append("**Parameters.**")
                out += [
                    f"- `{k}` = `{v!r}`" + (f": {d.parameter(k)}" if d.parameter(k) else "")
                    for k, v in r.params.items()
                ]
                out.append("")
    if REMOVED:
        out += [
            "## Removed codes",
            "",
            "A removed code is never reused; a configuration that names one still loads.",
            "",
        ]
        out += [f"- {code} `{name}`: {why}." for code, (name, why) in sorted(REMOVED.items())]
    return "\n".join(out).rstrip() + "\n"


def _type_name(tp: object) -> str:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        return " \\| ".join(_type_name(a) for a in args)
    if origin in (tuple, list):
        return f"[{_type_name(args[0])}, ...]" if args else "[...]"
    if origin is not None and args:  # Mapping[str, X]
        return f"{{{_type_name(args[0])}: {_type_name(args[-1])}}}"
    if tp is type(None):
        return "null"
    if dataclasses.is_dataclass(tp):
        return "object"
    name = getattr(tp, "__name__", str(tp))
    return {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}.get(name, name)


def _nested(tp: object) -> list[type]:
    """Dataclasses inside a field's type (X, X | None, tuple[X, ...], Mapping[str, X])."""
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return [tp]
    return [d for a in typing.get_args(tp) for d in _nested(a)]


def _fields(cls: type, prefix: str, out: list[str], seen: set[type]) -> None:
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.metadata.get("json") is False:
            continue
        key = f"{prefix}{f.metadata.get('key', f.name)}"
        tp = hints[f.name]
        doc = str(f.metadata.get("doc", ""))
        cap = f.metadata.get("cap")
        if cap:
            doc += f" (the report shows the first {cap:,})"
        out.append(f"| `{key}` | {_type_name(tp)} | {doc} |")
        for sub in _nested(tp):
            if sub not in seen:
                _fields(sub, f"{key}.", out, seen | {sub})


def render_report() -> str:
    out = [
        "# The JSON report (schema_version 1)",
        "",
        "`ftready FILE --report json` writes one JSON object to stdout (or to `-o PATH`). It is the contract for CI",
        "users: keys may be added in later versions, but the keys below keep their meaning. Every figure in the",
        "Markdown report and in the app comes from these values. This page is generated from the report's",
        "dataclasses (`src/ftready/model/`) by `scripts/gen_docs.py`.",
        "",
        "Exit codes: 0 no error-level findings; 1 error-level findings (or warnings with `--strict`); 2 the run",
        "could not be done.",
        "",
        "| key | type | meaning |",
        "|---|---|---|",
        "| `schema_version` | integer | `1` |",
        '| `tool` | object | `{name: "ftready", version}` |',
    ]
    hints = typing.get_type_hints(Analysis)
    for f in dataclasses.fields(Analysis):
        if f.metadata.get("json") is False or f.name in ("tool_version", "effective_examples"):
            continue
        tp = hints[f.name]
        out.append(f"| `{f.name}` | {_type_name(tp)} | {f.metadata.get('doc', '')} |")
        for sub in _nested(tp):
            _fields(sub, f"{f.name}.", out, {sub})
        if f.name == "dataset":
            out.append(
                "| `dataset.effective_examples` | integer | examples minus redundant exact and near duplicates |"
            )
    return "\n".join(out) + "\n"


PAGES = {"checks.md": render_checks, "report.md": render_report}


def main() -> int:
    stale = []
    for name, render in PAGES.items():
        path = DOCS / name
        text = render()
        if "--check" in sys.argv:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    for name in stale:
        print(f"docs/{name} is out of date: run python scripts/gen_docs.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
