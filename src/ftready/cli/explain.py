"""`ftready explain CODE` (one check's documentation) and `ftready checks` (every check, one line each)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ftready.cli.common import Parser
from ftready.errors import UsageError


def cmd_explain(argv: Sequence[str]) -> int:
    p = Parser(prog="ftready explain", description="Explain a check: what it finds and why it matters.")
    p.add_argument("code", help="check code (FT301) or name (exact-duplicates)")
    args = p.parse_args(argv)
    from ftready.checks.registry import spec

    try:
        s = spec(args.code)
    except KeyError:
        raise UsageError(f"ftready explain: unknown check {args.code!r} (see `ftready checks`)") from None
    lines = [f"{s.code} {s.name} ({s.severity.value}, {s.family})", "", s.summary, "", s.explanation]
    if s.params:
        lines += ["", "Parameters (set with --set CODE.param=value or [tool.ftready.checks.CODE]):"]
        lines += [f"  {k} = {v!r}" for k, v in s.params.items()]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def cmd_checks(argv: Sequence[str]) -> int:
    p = Parser(prog="ftready checks", description="List every check with its code, name and default severity.")
    p.parse_args(argv)
    from ftready.checks.registry import all_specs

    for s in all_specs():
        sys.stdout.write(f"{s.code}  {s.name:<28} {s.severity.value:<8} {s.summary}\n")
    return 0
