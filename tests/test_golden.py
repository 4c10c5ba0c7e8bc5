"""Golden reports: `--report json` of every bundled sample (timings dropped) is the contract the core keeps.

The reports are compared byte for byte. When a change is meant to alter a report, regenerate the files with
`python tests/test_golden.py` and say in the commit why each report changed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
TODAY = "2026-12-02"

# name -> arguments after `ftready`, relative to the project root
CASES: dict[str, list[str]] = {
    "support_chat": ["sample_datasets/support_chat.jsonl"],
    "support_chat_previous": [
        "sample_datasets/support_chat.jsonl",
        "--previous",
        "sample_datasets/support_chat_v1.jsonl",
    ],
    "support_chat_v1": ["sample_datasets/support_chat_v1.jsonl"],
    "duplicates": ["sample_datasets/duplicates.jsonl"],
    "duplicates_validation": [
        "sample_datasets/duplicates.jsonl",
        "--validation",
        "sample_datasets/duplicates_validation.jsonl",
    ],
    "intents": ["sample_datasets/intents.csv"],
    "malformed": ["sample_datasets/malformed.jsonl"],
    "tiny": ["sample_datasets/tiny.jsonl"],
}


def environment(tmp: Path) -> dict[str, str]:
    """A clean machine: no config, no user pricing tables, a fixed today, an empty tiktoken cache."""
    return {
        "FTREADY_NO_CONFIG": "1",
        "FTREADY_PRICING_DIR": str(tmp / "no-user-pricing"),
        "FTREADY_TODAY": TODAY,
        "TIKTOKEN_CACHE_DIR": str(tmp / "no-tiktoken-cache"),
    }


def report(args: list[str], tmp: Path) -> str:
    """The JSON report of `ftready ARGS --report json` without timings, as the golden files hold it."""
    from ftready.cli import main

    out = tmp / "report.json"
    code = main([*args, "--report", "json", "-o", str(out)])
    assert code in (0, 1), f"ftready {' '.join(args)} exited {code}"
    data = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    data.pop("timings", None)
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_report(name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    for k, v in environment(tmp_path).items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("FTREADY_DEBUG", raising=False)
    expected = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
    assert report(CASES[name], tmp_path) == expected, f"report {name} differs from tests/golden/{name}.json"


def test_every_sample_has_a_golden_report() -> None:
    used = {a for args in CASES.values() for a in args if a.startswith("sample_datasets/")}
    samples = {
        f"sample_datasets/{p.name}" for p in (ROOT / "sample_datasets").iterdir() if p.suffix in {".jsonl", ".csv"}
    }
    assert samples <= used, f"samples without a golden report: {sorted(samples - used)}"
    assert {p.stem for p in GOLDEN.glob("*.json")} == set(CASES)


def regenerate() -> None:
    import tempfile

    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(environment(Path(tmp)))
        os.environ.pop("FTREADY_DEBUG", None)
        for name, args in CASES.items():
            (GOLDEN / f"{name}.json").write_text(report(args, Path(tmp)), encoding="utf-8")
            print(f"wrote tests/golden/{name}.json", file=sys.stderr)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    regenerate()
