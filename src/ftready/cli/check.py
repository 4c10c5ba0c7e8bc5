"""`ftready check FILE...`: the findings of several datasets in one process, for pre-commit hooks and CI.

Each file is analysed with `findings_only` (measurements that cannot produce a finding at the file's size are
skipped, and nothing heavy is imported ahead of need) and its findings are printed as the Markdown report prints
them, under the file's name. A file that cannot be checked gets its one-line errors on stderr and the others are
still checked. The exit code is the worst: 2 when a file could not be checked, else 1 when a file has an
error-level finding (or a warning with --strict), else 0.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ftready.errors import FtreadyError

if TYPE_CHECKING:
    from ftready.settings import Settings


def run_check(files: Sequence[str], settings: Settings) -> int:
    from ftready.pipeline import analyse
    from ftready.report.markdown import findings_markdown

    worst = 0
    for i, path in enumerate(files):
        try:
            analysis = analyse(path, replace(settings), findings_only=True)
        except FtreadyError as exc:
            for line in str(exc).splitlines() or ["error"]:
                sys.stderr.write(f"ftready: {line}\n")
            worst = max(worst, exc.exit_code)
            continue
        sys.stdout.write(("\n" if i else "") + f"# {path}\n\n" + findings_markdown(analysis))
        sys.stdout.flush()
        worst = max(worst, analysis.exit_code(settings.strict))
    return worst
