"""One small fixture per code of the code table, with the findings (or problems) it must produce.

Each code has a folder `fixtures/<CODE>/` holding `data.*` (the dataset), optionally `validation.*` and
`previous.*` (given as --validation and --previous), `args.txt` (more flags, one per line) and `expected.json`:
`{"problems": [lines]}` for a per-record problem code, else `{"severity", "count", "lines", "message"}` for the
code's finding (`message` is a substring; a key left out is not compared). The run selects only the code under
test, so a fixture shows what that code alone reports. A code without a folder fails `test_every_code_has_a_fixture`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ftready.cli import main
from ftready.rules.codes import CODES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = "2026-12-02"
# Codes without a fixture yet (none: the test below fails when a new code lands without one).
PENDING: set[str] = set()


def _one(folder: Path, stem: str) -> Path | None:
    found = sorted(p for p in folder.iterdir() if p.name.split(".")[0] == stem)
    return found[0] if found else None


def test_every_code_has_a_fixture() -> None:
    have = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    codes = {r.code for r in CODES} - PENDING
    assert not have & PENDING, f"fixtures of pending codes (remove them from PENDING): {sorted(have & PENDING)}"
    assert not codes - have, f"codes without a fixture in tests/rules/fixtures: {sorted(codes - have)}"
    assert not have - codes - PENDING, f"fixtures of codes that do not exist: {sorted(have - codes)}"


@pytest.mark.parametrize("code", sorted(r.code for r in CODES if r.code not in PENDING))
def test_fixture_gives_the_expected_result(
    code: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = FIXTURES / code
    if not folder.is_dir():
        pytest.fail(f"no fixture for {code}")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("FTREADY_NO_CONFIG", "1")
    monkeypatch.setenv("FTREADY_PRICING_DIR", str(tmp_path / "no-user-pricing"))
    monkeypatch.setenv("FTREADY_TODAY", TODAY)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "no-tiktoken-cache"))
    data = _one(folder, "data")
    assert data is not None, f"{folder} has no data file"
    args = [data.name, "--report", "json", "--select", code]
    for stem, flag in (("validation", "--validation"), ("previous", "--previous")):
        extra = _one(folder, stem)
        if extra is not None:
            args += [flag, extra.name]
    if (folder / "args.txt").is_file():
        args += [a for a in (folder / "args.txt").read_text(encoding="utf-8").splitlines() if a.strip()]
    rc = main(args)
    out, err = capsys.readouterr()
    assert rc in (0, 1), f"ftready {' '.join(args)} exited {rc}: {err}"
    report = json.loads(out)
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    if "problems" in expected:
        lines = sorted({p["line"] for p in report["problems"] if p["code"] == code})
        assert lines == expected["problems"], f"{code}: problems at {lines}"
        return
    found = [f for f in report["findings"] if f["code"] == code]
    assert found, f"{code}: no finding; findings: {[f['code'] for f in report['findings']]}"
    f = found[0]
    for key in ("severity", "count", "lines"):
        if key in expected:
            assert f[key] == expected[key], f"{code}: {key} is {f[key]!r}, expected {expected[key]!r}"
    if "message" in expected:
        assert expected["message"] in f["message"], f"{code}: message {f['message']!r}"
