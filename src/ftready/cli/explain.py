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
    from ftready.rules.codes import explain

    try:
        text = explain(args.code)
    except KeyError:
        raise UsageError(f"ftready explain: unknown check {args.code!r} (see `ftready checks`)") from None
    sys.stdout.write(text)
    return 0


def cmd_checks(argv: Sequence[str]) -> int:
    p = Parser(prog="ftready checks", description="List every check with its code, name and default severity.")
    p.parse_args(argv)
    from ftready.rules.codes import CODES

    for s in sorted(CODES, key=lambda r: r.code):
        sys.stdout.write(f"{s.code}  {s.name:<28} {s.severity.value:<8} {s.summary}\n")
    return 0
