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

# the three approaches compared, as every output names them
APPROACH_NAMES = {"fine-tune": "fine-tune", "rag": "RAG", "prompting": "prompting"}

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
    "(s)": "a count with its word in the singular or plural (vocabulary.plural)",
}


# the arithmetic lines of a cost option and of the RAG alternative, by their JSON key
COST_LINES = {
    "epochs": "Epochs",
    "training_tokens": "Training tokens",
    "training_per_run": "Training, one run",
    "hosting_per_month": "Hosting a month",
    "inference_per_month": "Inference a month (fine-tuned model)",
    "base_inference_per_month": "Inference a month on the base model (the same traffic without fine-tuning)",
    "retraining_per_year": "Retraining (the update cycles inside the horizon)",
    "first_year_total": "Total over the horizon",
    "rag_first_year_total": "RAG total over the horizon (with this model's base prices)",
    "embedding_once": "Embedding the corpus once",
    "reembedding_per_year": "Re-embedding a year",
    "storage_gb": "Storage (GB)",
    "vector_store_per_month": "Vector store a month",
}


def cost_line(key: str) -> str:
    """The label of an arithmetic line: from COST_LINES, else the key in words."""
    return COST_LINES.get(key) or key.replace("_", " ").capitalize()


def verdict_label(recommendation: str) -> str:
    return VERDICT_LABELS.get(recommendation, recommendation.upper())


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 error`, `2 errors`; `many` for an irregular plural (`1 reply`, `3 replies`); `info` has no plural."""
    if n == 1 or word == "info":
        return f"{n:,} {word}"
    return f"{n:,} {many or word + 's'}"


def severity_counts(errors: int, warnings: int, info: int, sep: str = ", ") -> str:
    return sep.join((plural(errors, "error"), plural(warnings, "warning"), plural(info, "info")))
