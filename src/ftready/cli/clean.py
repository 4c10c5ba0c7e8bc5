"""`ftready clean FILE -o OUT`: the flags of the command; the cleaning itself is `ftready.clean.clean`.

Exit codes: 0 written, 2 the run could not be done (unreadable input, bad flag, output not writable).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ftready.cli.common import Parser, stderr_progress, whole
from ftready.errors import UsageError
from ftready.progress import no_progress
from ftready.redact import safe_text
from ftready.settings import MAX_SEED

if TYPE_CHECKING:
    from ftready.settings import Settings


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="ftready clean",
        description="Write a cleaned copy of a dataset: invalid records and duplicates dropped, conflicts and "
        "secrets reported. Optionally split it into train and validation files without leakage.",
        epilog="Exit codes: 0 written, 2 the run could not be done.",
    )
    p.add_argument("file", help="dataset: .jsonl, .json (array), .csv, optionally .gz")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="cleaned file (train file with --split)")
    p.add_argument("--keep-near", action="store_true", help="keep near duplicates (drop exact duplicates only)")
    p.add_argument("--split", type=_share, metavar="SHARE", help="also write a validation file with this share")
    p.add_argument("--validation-output", metavar="PATH", help="validation file (default: OUT with .val)")
    p.add_argument("--seed", type=whole(0, MAX_SEED), help="seed for the split (default: the configured seed, 0)")
    p.add_argument("--format", metavar="NAME", help="force the record format (default: detected)")
    p.add_argument("--set", action="append", metavar="CODE.PARAM=VALUE", help="e.g. FT302.threshold=0.9")
    p.add_argument("--config", metavar="FILE", help="ftready.toml or pyproject.toml to use")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    return p


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"{text}: must be between 0 and 1 (e.g. 0.1 for 10%)")
    return value


def _settings(args: argparse.Namespace) -> Settings:
    """The configuration (`--config`, else the one found from here), `--format` and `--set`; `clean` keeps only
    what cleaning needs of it."""
    from dataclasses import replace

    from ftready.config import apply_config, find_config, load_config_file, parse_set
    from ftready.formatids import resolve_format
    from ftready.settings import Settings

    s = Settings()
    if args.config:
        s = apply_config(s, load_config_file(Path(args.config)), args.config)
    else:
        found = find_config()
        if found:
            s = apply_config(s, found[1], str(found[0]))
    if args.format is not None:
        s = replace(s, format=args.format)
    s = parse_set(args.set, s)
    resolve_format(s.format)
    return s


def cmd_clean(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    if args.validation_output and args.split is None:
        raise UsageError("--validation-output needs --split")
    from ftready.clean import check_outputs, clean, validation_path

    source = Path(args.file)
    outputs = [Path(args.output)]
    if args.split is not None:
        outputs.append(Path(args.validation_output) if args.validation_output else validation_path(outputs[0]))
    check_outputs(source, outputs)  # before the configuration is read, so these errors come first
    settings = _settings(args)
    prog = stderr_progress(args.quiet)
    try:
        lines = clean(
            source,
            outputs,
            settings,
            keep_near=args.keep_near,
            split=args.split,
            seed=args.seed,
            progress=prog or no_progress,
        )
    finally:
        if prog:
            prog.close()
    for line in lines:
        sys.stderr.write(safe_text(line) + "\n")
    return 0
