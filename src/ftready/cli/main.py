"""Command line: `ftready FILE` (the app), `ftready FILE --report [FORMAT]` (headless), and subcommands.

This module holds the top-level parser (the FILE flags and their Settings) and the dispatch: to a subcommand
(`explain`, `checks`, `pricing`, `clean`, each in its own module here), to the report (`report.py`) or to the app
(`ftready.tui.run_app`, imported only when the app starts).

Exit codes: 0 = no error-level findings; 1 = error-level findings (or warnings with --strict);
2 = the run could not be done (missing or unreadable file, not a dataset, invalid pricing or config, bad flag).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ftready import __version__
from ftready.cli.clean import cmd_clean
from ftready.cli.common import Parser, finite, guard_signals, owns_process, say_interrupted, signalled, whole
from ftready.cli.explain import cmd_checks, cmd_explain
from ftready.cli.pricing import cmd_pricing
from ftready.cli.report import run_report
from ftready.errors import FtreadyError, UsageError
from ftready.io import printable
from ftready.redact import safe_text
from ftready.report import FORMATS as REPORT_FORMATS
from ftready.settings import MAX_COUNT, MAX_EXAMPLE_TOKENS, MAX_SEED

if TYPE_CHECKING:
    from ftready.settings import Settings

SUBCOMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "explain": cmd_explain,
    "checks": cmd_checks,
    "pricing": cmd_pricing,
    "clean": cmd_clean,
    "check": lambda argv: cmd_check(argv),
}


def finite_float(text: str) -> float:
    """A flag's number: `nan`, `inf` and the like are refused (exit 2), they would reach the report as NaN."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def build_parser(check: bool = False) -> argparse.ArgumentParser:
    """The parser of `ftready FILE`, or with `check` of `ftready check FILE...` (the same flags, several files)."""
    p = Parser(
        prog="ftready check" if check else "ftready",
        description=CHECK_DESCRIPTION
        if check
        else "Is this fine-tuning dataset ready, and what will fine-tuning really cost compared with RAG?",
        epilog="Subcommands: ftready explain CODE · ftready checks · ftready pricing {check,list} · "
        "ftready clean FILE -o OUT · ftready check FILE... Exit codes: 0 ready, 1 error-level findings (or "
        "warnings with --strict), 2 the run could not be done.",
    )
    if check:
        p.add_argument("files", nargs="*", metavar="FILE", help="datasets: .jsonl, .json (array), .csv, optionally .gz")
    else:
        p.add_argument("file", help="dataset: .jsonl, .json (array), .csv, optionally .gz")
    p.add_argument("--version", action="version", version=f"ftready {__version__}")
    out = p.add_argument_group("output")
    out.add_argument(
        "--report",
        nargs="?",
        const="markdown",
        choices=REPORT_FORMATS,
        metavar="FORMAT",
        help="run headless and print a report: markdown (default), json, github, junit",
    )
    out.add_argument("-o", "--output", metavar="PATH", help="write the report to PATH instead of stdout")
    out.add_argument("--strict", action="store_true", default=None, help="exit 1 on warnings too")
    out.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    data = p.add_argument_group("data")
    data.add_argument("--format", metavar="NAME", help="force the record format (default: detected)")
    data.add_argument(
        "--map",
        action="append",
        metavar="ROLE=FIELD,...",
        help="map record fields to roles (prompt, input, reply, system, label), e.g. reply=response,prompt=question",
    )
    data.add_argument("--validation", metavar="FILE", help="validation set: checked too, and for leakage")
    data.add_argument("--previous", metavar="FILE", help="an earlier version of the dataset, for churn")
    data.add_argument(
        "--against", action="append", metavar="FILE", help="evaluation set to check for leakage (repeatable)"
    )
    data.add_argument(
        "--interval-days", type=finite(0, 1e6, above=True), metavar="DAYS", help="days between --previous and FILE"
    )
    data.add_argument("--fast", action="store_true", default=None, help="estimate token totals from a sample")
    data.add_argument("--seed", type=whole(0, MAX_SEED), help="seed for every sample (default 0)")
    data.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local (default) or ray: FILE may then be a glob or folder of .jsonl/.parquet shards (needs ftready[ray])",
    )
    tok = p.add_argument_group("tokens")
    tok.add_argument("--encoding", metavar="NAME", help="tiktoken encoding (default: the model's, or o200k_base)")
    tok.add_argument(
        "--max-example-tokens", type=whole(1, MAX_EXAMPLE_TOKENS), metavar="N", help="per-example training limit"
    )
    sel = p.add_argument_group("checks")
    sel.add_argument("--select", action="append", metavar="CODES", help="only these checks (codes or prefixes)")
    sel.add_argument("--ignore", action="append", metavar="CODES", help="skip these checks (codes or prefixes)")
    sel.add_argument("--set", action="append", metavar="CODE.PARAM=VALUE", help="set a check parameter")
    sel.add_argument("--config", metavar="FILE", help="ftready.toml or pyproject.toml to use")
    cost = p.add_argument_group("cost assumptions")
    cost.add_argument("--pricing", action="append", metavar="DIR", help="extra pricing tables (repeatable)")
    cost.add_argument("--model", help="provider model id or alias to cost (default: compare all)")
    cost.add_argument("--method", choices=("sft", "dpo", "rft"), help="training method (default sft)")
    cost.add_argument("--epochs", type=whole(1, 10_000), help="epochs (default: the provider's heuristic)")
    cost.add_argument("--updates-per-year", type=finite(0, 1e6), help="retraining cycles per year (default 4)")
    cost.add_argument(
        "--requests-per-month", type=whole(1, MAX_COUNT), help="inference requests per month (default 100,000)"
    )
    cost.add_argument(
        "--prompt-tokens", type=whole(1, MAX_COUNT), help="prompt tokens per request (default: dataset mean)"
    )
    cost.add_argument(
        "--reply-tokens", type=whole(1, MAX_COUNT), help="reply tokens per request (default: dataset mean)"
    )
    cost.add_argument(
        "--horizon",
        type=whole(1, 1200),
        dest="horizon_months",
        metavar="MONTHS",
        help="months the totals cover (default 12)",
    )
    return p


def settings_from_args(args: argparse.Namespace, cwd: Path | None = None) -> Settings:
    from ftready.config import apply_config, find_config, load_config_file, parse_codes, parse_set
    from ftready.settings import Settings

    s = Settings()
    if args.config:
        path = Path(args.config)
        s = apply_config(s, load_config_file(path), str(path))
    else:
        found = find_config(cwd)
        if found:
            s = apply_config(s, found[1], str(found[0]))
    changes: dict[str, Any] = {}
    for key in (
        "strict",
        "format",
        "validation",
        "previous",
        "interval_days",
        "fast",
        "seed",
        "encoding",
        "max_example_tokens",
    ):
        v = getattr(args, key, None)
        if v is not None:
            changes[key] = v
    if getattr(args, "map", None):
        from ftready.formatids import parse_map

        changes["field_map"] = {**s.field_map, **parse_map(args.map)}
    if args.select:
        changes["select"] = parse_codes(args.select, "--select")
    if args.ignore:
        changes["ignore"] = tuple(s.ignore) + parse_codes(args.ignore, "--ignore")
    if getattr(args, "against", None):
        changes["against"] = tuple(s.against) + tuple(args.against)
    if args.pricing:
        changes["pricing_dirs"] = tuple(s.pricing_dirs) + tuple(str(Path(d).resolve()) for d in args.pricing)
    s = replace(s, **changes)
    s = parse_set(args.set, s)
    assumptions = {
        k: getattr(args, k)
        for k in (
            "model",
            "method",
            "epochs",
            "updates_per_year",
            "requests_per_month",
            "prompt_tokens",
            "reply_tokens",
            "horizon_months",
        )
        if getattr(args, k, None) is not None
    }
    for k in ("epochs", "requests_per_month", "prompt_tokens", "reply_tokens"):
        if k in assumptions and assumptions[k] <= 0:
            raise UsageError(f"--{k.replace('_', '-')}: must be a positive number")
    if "horizon_months" in assumptions and not 1 <= assumptions["horizon_months"] <= 120:
        raise UsageError("--horizon: must be a whole number of months between 1 and 120")
    if "updates_per_year" in assumptions and assumptions["updates_per_year"] < 0:
        raise UsageError("--updates-per-year: must be 0 or more")
    if assumptions:
        s = s.with_assumptions(**assumptions)
    if s.interval_days is not None and s.interval_days <= 0:
        raise UsageError("--interval-days: must be a positive number of days")
    if s.max_example_tokens is not None and s.max_example_tokens <= 0:
        raise UsageError("--max-example-tokens: must be a positive number")
    from ftready.formatids import resolve_format

    resolve_format(s.format)
    return s


CHECK_DESCRIPTION = (
    "Check datasets quickly (a pre-commit hook, CI): each FILE in turn, in one process, printing only the findings. "
    "Exit 0 when no file has an error-level finding, 1 when one has, 2 when a file cannot be checked."
)


def cmd_check(argv: Sequence[str]) -> int:
    """`ftready check FILE... [flags]`: the findings of each file; the exit code of the worst file."""
    from ftready.cli.check import run_check

    args = build_parser(check=True).parse_intermixed_args(list(argv))
    if args.report is not None or args.output:
        raise UsageError("check: prints the findings of each file; use `ftready FILE --report` for a full report")
    return run_check(args.files, settings_from_args(args))


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        owns_process()
        guard_signals()  # first: before any library starts a thread that would take the signals itself
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        code = _main(argv)
    except BaseException as exc:
        if not signalled() or isinstance(exc, SystemExit):
            return _outcome(exc)
        say_interrupted()  # a pool broken by the interruption, or the interruption itself
        code = 130
    return code


def _outcome(exc: BaseException) -> int:
    """The exit code and the one stderr line of a run that ended with `exc`."""
    try:
        raise exc
    except FtreadyError as exc:
        for line in safe_text(str(exc)).splitlines() or ["error"]:
            sys.stderr.write(f"ftready: {line}\n")
        code = exc.exit_code
    except KeyboardInterrupt:
        say_interrupted()
        code = 130
    except BrokenPipeError:
        code = 0
    except MemoryError:
        sys.stderr.write("ftready: ran out of memory; analyse the file in shards (see docs/scaling.md)\n")
        code = 2
    except OSError as exc:  # the machine refused something (a folder, a file, a limit): its reason, one line
        if os.environ.get("FTREADY_DEBUG"):
            raise
        where = f"{printable(os.fsdecode(exc.filename))}: " if exc.filename else ""
        sys.stderr.write(f"ftready: {where}{exc.strerror or exc}\n")
        code = 2
    except Exception as exc:  # a bug: one line unless FTREADY_DEBUG asks for the traceback
        if os.environ.get("FTREADY_DEBUG"):
            raise
        sys.stderr.write(
            f"ftready: internal error: {type(exc).__name__}: {safe_text(str(exc))} (set FTREADY_DEBUG=1 for details; please report)\n"
        )
        code = 2
    return code


def _main(argv: list[str]) -> int:
    if argv and argv[0] in SUBCOMMANDS:
        return SUBCOMMANDS[argv[0]](argv[1:])
    parser = build_parser()
    if not argv:
        parser.print_help(sys.stderr)
        return 2
    args = parser.parse_args(argv)
    settings = settings_from_args(args)
    fmt = args.report
    if args.engine == "ray":
        from ftready.ray_engine import require_ray

        require_ray()
        fmt = fmt or "markdown"  # the app reads one local file; a sharded run prints its report
    if fmt is None and (args.output or not (sys.stdout.isatty() and sys.stdin.isatty())):
        # No terminal to draw the app on (a pipe, CI): print the Markdown report instead.
        fmt = "markdown"
        if not args.output:
            sys.stderr.write("ftready: no terminal, printing the Markdown report (use --report to choose)\n")
    if fmt is not None:
        return run_report(args, settings, fmt)
    from ftready.tui import run_app

    return int(run_app(args.file, settings))
