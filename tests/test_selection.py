"""A typo never passes CI: unknown codes and names in --select, --ignore, --set and the config exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from testkit import isolate, run

SAMPLE = Path(__file__).resolve().parents[1] / "sample_datasets" / "malformed.jsonl"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--select", "FT999"], "--select: unknown check code or name 'FT999' (see `ftready checks`)"),
        (["--select", "FT1,FT3O1"], "did you mean FT301"),
        (["--ignore", "exact-duplicate"], "did you mean exact-duplicates"),
        (["--set", "FT3O2.threshold=0.9"], "--set FT3O2.threshold=0.9: unknown check code or name 'FT3O2'"),
    ],
)
def test_unknown_codes_exit_2_with_one_line(
    args: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate(monkeypatch, tmp_path)
    code, out, err = run([str(SAMPLE), "--report", "json", *args], capsys)
    assert code == 2 and out == ""
    assert said in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unknown_code_in_config_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate(monkeypatch, tmp_path)
    cfg = tmp_path / "ftready.toml"
    cfg.write_text('select = ["FT1", "FT99"]\n')
    code, _, err = run([str(SAMPLE), "--config", str(cfg), "--report", "json"], capsys)
    assert code == 2 and "select: unknown check code or name 'FT99'" in err


def test_known_prefixes_and_names_still_select(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate(monkeypatch, tmp_path)
    code, _, _ = run([str(SAMPLE), "--report", "json", "--select", "FT1,dataset-size,FT30"], capsys)
    assert code == 1  # malformed.jsonl has unusable records (FT100)
    code, _, _ = run([str(SAMPLE), "--report", "json", "--select", "FT3"], capsys)
    assert code == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--requests-per-mont", "5"], "ftready: unrecognized arguments: --requests-per-mont 5 (did you mean "),
        (["--report", "xml"], "ftready: argument --report: invalid choice: 'xml'"),
        (["--requests-per-month", "0"], "ftready: argument --requests-per-month: 0: must be a whole number from 1"),
        (["--horizon", "abc"], "ftready: argument --horizon: "),
    ],
)
def test_usage_errors_are_one_line_with_one_prefix(
    args: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No usage block, no doubled 'ftready: ftready:', and a misspelt flag is never taken as a prefix of a real one."""
    isolate(monkeypatch, tmp_path)
    code, out, err = run([str(SAMPLE), *args], capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(said) and "ftready: ftready" not in err and err.rstrip().endswith("see `ftready --help`")


def test_subcommand_usage_errors_name_the_subcommand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate(monkeypatch, tmp_path)
    code, _, err = run(["pricing", "lst"], capsys)
    assert code == 2 and err.startswith("ftready: pricing: argument action: invalid choice: 'lst'")
    assert len(err.strip().splitlines()) == 1
