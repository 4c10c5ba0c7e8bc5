"""The privacy stage: scan the system, prompt, response and rejected text of every example for secrets, card
numbers, personal data and placeholders (`ftready.redact` holds the detectors), and gather them per kind.

`run(ctx)` returns the privacy section; the FT801-FT804 rules read it. Only masked values leave the scan.
"""

from __future__ import annotations

from ftready.model.privacy import PrivacyCategory, PrivacyKind, PrivacySection
from ftready.progress import check_cancel
from ftready.redact import CONFIDENCES, KINDS, Detection, scan_texts
from ftready.stages.base import Stage
from ftready.stages.context import Context

COLUMNS = ("system", "prompt", "response", "rejected")


def run(ctx: Context) -> PrivacySection:
    frame = ctx.frame
    lines: list[int] = (
        frame.get_column("line").to_list() if "line" in frame.columns else list(range(1, frame.height + 1))
    )
    found: list[tuple[int, int, int, Detection]] = []
    for c, column in enumerate(COLUMNS):
        if column not in frame.columns:
            continue
        check_cancel(ctx.cancel)
        for hit in scan_texts(frame.get_column(column), ctx.cancel):
            found.append((hit.index, c, hit.start, hit))
    found.sort(key=lambda t: t[:3])  # by example, column and position: the order of first occurrence
    counts: dict[str, int] = {}
    kind_lines: dict[str, set[int]] = {}
    samples: dict[str, dict[str, None]] = {}  # kind -> distinct masked values in order of first occurrence
    sure: dict[str, dict[str, int]] = {}  # kind -> confidence -> occurrences
    for index, _, _, hit in found:
        counts[hit.kind] = counts.get(hit.kind, 0) + 1
        by = sure.setdefault(hit.kind, {})
        by[hit.confidence] = by.get(hit.confidence, 0) + 1
        kind_lines.setdefault(hit.kind, set()).add(lines[index])
        samples.setdefault(hit.kind, {})[hit.masked] = None
    kinds: dict[str, PrivacyKind] = {}
    real_lines: set[int] = set()
    total = placeholders = 0
    for kind, category in KINDS.items():  # report order
        if kind not in counts:
            continue
        kinds[kind] = PrivacyKind(
            category=category,
            count=counts[kind],
            examples=len(kind_lines[kind]),
            lines=tuple(sorted(kind_lines[kind])),
            examples_masked=tuple(samples[kind]),
            confidence={c: sure[kind][c] for c in CONFIDENCES if c in sure[kind]},
        )
        if category is PrivacyCategory.PLACEHOLDER:
            placeholders += counts[kind]
        else:
            total += counts[kind]
            real_lines |= kind_lines[kind]
    return PrivacySection(
        kinds=kinds,
        total=total,
        examples=len(real_lines),
        placeholders=placeholders,
        columns=tuple(c for c in COLUMNS if c in frame.columns),
    )


STAGE = Stage("privacy", run)
