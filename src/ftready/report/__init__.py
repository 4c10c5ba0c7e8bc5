"""Headless renderers of an Analysis: markdown, json, github (workflow annotations), junit."""

from __future__ import annotations

import json

from ftready.model import Analysis
from ftready.redact import mask_tree

FORMATS = ("markdown", "json", "github", "junit")


def render(analysis: Analysis, fmt: str) -> str:
    """The report in `fmt`. Every string of `analysis` passes the one masking step (`ftready.redact.mask_tree`:
    secrets and personal data masked, control characters escaped) first, whoever built the analysis."""
    analysis = mask_tree(analysis)
    if fmt == "json":
        return json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        from ftready.report.markdown import render as md

        return md(analysis)
    if fmt == "github":
        from ftready.report.github import render as gh

        return gh(analysis)
    if fmt == "junit":
        from ftready.report.junit import render as ju

        return ju(analysis)
    raise ValueError(f"unknown report format {fmt!r}")
