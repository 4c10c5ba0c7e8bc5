"""`ftready pricing check [PATHS]` (validate pricing tables) and `ftready pricing list` (what the tables hold)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence

from ftready.cli.common import Parser
from ftready.errors import FtreadyError


def cmd_pricing(argv: Sequence[str]) -> int:
    p = Parser(prog="ftready pricing", description="Validate or list the pricing tables.")
    sub = p.add_subparsers(dest="action", required=True, parser_class=Parser)
    c = sub.add_parser("check", help="validate pricing YAML files or folders (default: every table in use)")
    c.add_argument("paths", nargs="*")
    c.add_argument("--pricing", action="append", metavar="DIR")
    ls = sub.add_parser("list", help="providers and models with status, as_of and staleness")
    ls.add_argument("--pricing", action="append", metavar="DIR")
    args = p.parse_args(argv)
    from ftready import pricing

    if args.action == "check":
        warnings: list[str] = []
        if args.paths:
            problems = pricing.check_paths(args.paths)
            warnings = pricing.check_warnings(args.paths) if not problems else []
            checked = ", ".join(args.paths)
        else:
            from ftready.pricing.book import pricing_folders

            try:
                book = pricing.load_pricebook(args.pricing or ())
                problems = []
                warnings = pricing.lifecycle_warnings(book.models)
                folders = pricing_folders(args.pricing or (), True)[0]
                checked = f"{len(book.files)} files in " + ", ".join(f"{f.path} ({f.origin})" for f in folders)
            except FtreadyError as exc:
                problems = str(exc).splitlines()
        if problems:
            for line in problems:
                sys.stderr.write(f"ftready: {line}\n")
            return 2
        for line in warnings:
            sys.stderr.write(f"ftready: {line}\n")
        sys.stdout.write(f"pricing tables are valid: {checked}\n")
        return 0
    from ftready.errors import PricingError
    from ftready.io import today
    from ftready.report.pricing import render_list

    inv = pricing.pricing_inventory(args.pricing or (), today=today())
    if not inv.ok:
        raise PricingError(list(inv.problems))
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    sys.stdout.write(render_list(inv, width))
    return 0
