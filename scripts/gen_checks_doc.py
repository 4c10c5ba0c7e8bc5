"""Write docs/checks.md from the check registry (the registry is the single source of check documentation).

python scripts/gen_checks_doc.py          # rewrite docs/checks.md
python scripts/gen_checks_doc.py --check  # exit 1 when docs/checks.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from ftready.checks.registry import FAMILIES, all_specs

DOC = Path(__file__).resolve().parents[1] / "docs" / "checks.md"


def render() -> str:
    out = [
        "# Checks",
        "",
        "Every check has a stable code, a name, a default severity and parameters. Select or ignore checks with",
        "`--select`/`--ignore` (codes, prefixes such as `FT3`, or names), set parameters with",
        "`--set CODE.param=value` or `[tool.ftready.checks.CODE]`, and read one with `ftready explain CODE`.",
        "This page is generated from the registry by `scripts/gen_checks_doc.py`.",
        "",
    ]
    for prefix, family in FAMILIES.items():
        specs = [s for s in all_specs() if s.code.startswith(prefix)]
        if not specs:
            continue
        out += [f"## {prefix}xx — {family}", ""]
        for s in specs:
            out += [f"### {s.code} `{s.name}` ({s.severity.value})", "", s.summary, "", s.explanation, ""]
            if s.params:
                out += ["Parameters: " + ", ".join(f"`{k}` = `{v!r}`" for k, v in s.params.items()), ""]
    return "\n".join(out).rstrip() + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC} is out of date: run python scripts/gen_checks_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
