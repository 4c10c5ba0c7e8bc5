"""One vocabulary across the app, Markdown, GitHub and JUnit (docs/vocabulary.md): every verdict label and
severity word rendered in each output, and no banned synonym in any of them or in the app's strings."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from ftready import vocabulary
from ftready.model import Analysis, Severity

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    from ftready.pipeline import analyse
    from ftready.settings import Settings

    return analyse(ROOT / "sample_datasets" / "tiny.jsonl", Settings())


def _outputs(a: Analysis) -> dict[str, str]:
    from ftready.report import render

    return {fmt: render(a, fmt) for fmt in ("markdown", "github", "junit")}


@pytest.mark.parametrize("recommendation", sorted(vocabulary.VERDICT_LABELS))
def test_every_verdict_reads_the_same_in_every_output(analysis: Analysis, recommendation: str) -> None:
    from ftready.tui.render import RECOMMENDATION

    a = replace(analysis, verdict=replace(analysis.verdict, recommendation=recommendation))
    label = vocabulary.verdict_label(recommendation)
    outputs = _outputs(a)
    assert f"**Verdict: {label}**" in outputs["markdown"]
    assert label in outputs["github"]
    assert RECOMMENDATION[recommendation][0] == label  # the app's badge


def test_severity_words_and_no_banned_synonyms_in_the_reports(analysis: Analysis) -> None:
    assert tuple(s.value for s in Severity) == vocabulary.SEVERITY_WORDS
    outputs = _outputs(analysis)
    md = outputs["markdown"]
    assert re.search(r"\d+ errors?, \d+ warnings?, \d+ info\b", md)
    for name, text in outputs.items():
        for banned, instead in vocabulary.BANNED.items():
            assert banned not in text, f"{name} output says {banned!r}; say {instead!r}"


def test_no_banned_synonyms_in_the_app_and_report_sources() -> None:
    """The strings of the app and the renderers (docstrings and comments aside, roughly: every quoted literal)."""
    literal = re.compile(r"""(?:f|r|rf|fr)?("[^"\n]*"|'[^'\n]*')""")
    folders = [ROOT / "src" / "ftready" / "tui", ROOT / "src" / "ftready" / "report"]
    seen = 0
    for folder in folders:
        for path in folder.rglob("*.py"):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.lstrip().startswith("#"):
                    continue
                for m in literal.finditer(line):
                    seen += 1
                    for banned, instead in vocabulary.BANNED.items():
                        assert banned not in m.group(1), f"{path.name}:{n}: {banned!r}; say {instead!r}"
    assert seen > 100  # the scan did read the sources


def test_plurals() -> None:
    assert vocabulary.severity_counts(1, 2, 3) == "1 error, 2 warnings, 3 info"
    assert vocabulary.plural(1, "warning") == "1 warning" and vocabulary.plural(0, "error") == "0 errors"
