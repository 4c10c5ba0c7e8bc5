"""`ftready FILE --report [FORMAT]`: analyse headless and write the report to stdout or `-o PATH`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ftready.cli.common import stderr_progress
from ftready.io import write_output
from ftready.progress import no_progress

if TYPE_CHECKING:
    from ftready.settings import Settings


def run_report(args: argparse.Namespace, settings: Settings, fmt: str) -> int:
    from ftready.pipeline import analyse
    from ftready.report import render

    prog = stderr_progress(args.quiet)
    try:
        analysis = analyse(args.file, settings, progress=prog or no_progress)
    finally:
        if prog:
            prog.close()
    text = render(analysis, fmt)
    if args.output:
        write_output(
            args.output,
            text,
            inputs=[args.file, settings.validation, settings.previous, settings.config_path, *settings.against],
            input_dirs=settings.pricing_dirs,
        )
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return analysis.exit_code(settings.strict)
