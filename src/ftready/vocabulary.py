"""The words every output uses for the same things: the app, Markdown, GitHub annotations and JUnit.

docs/vocabulary.md explains each; tests/test_vocabulary.py renders every verdict and severity in each output and
fails on a banned synonym. Imports nothing from the rest of ftready, so any front end may use it.
"""

from __future__ import annotations

# severities: one word each, in this order everywhere (tables, counts, filters)
SEVERITY_WORDS = ("error", "warning", "info")

# the verdict's recommendation -> the label every output shows
VERDICT_LABELS = {
    "fine-tune": "FINE-TUNE",
    "rag": "USE RAG",
    "prompting": "START WITH PROMPTING",
    "fix-data": "FIX THE DATA FIRST",
}

# a record that cannot be used is "invalid" (never "unusable", "broken", "bad")
INVALID_RECORDS = "invalid records"

# phrases no output may use, and what to say instead
BANNED = {
    "note(s)": "info",
    "notes)": "info",
    "unusable record": "invalid record",
    "NOT READY": "the verdict label (FIX THE DATA FIRST, ...)",
    "recommendation:": "the verdict label",
    "error(s)": "1 error / 2 errors",
    "warning(s)": "1 warning / 2 warnings",
}


def verdict_label(recommendation: str) -> str:
    return VERDICT_LABELS.get(recommendation, recommendation.upper())


def plural(n: int, word: str) -> str:
    """`1 error`, `2 errors`; `info` has no plural (`4 info`)."""
    return f"{n:,} {word}" if n == 1 or word == "info" else f"{n:,} {word}s"


def severity_counts(errors: int, warnings: int, info: int, sep: str = ", ") -> str:
    return sep.join((plural(errors, "error"), plural(warnings, "warning"), plural(info, "info")))
