"""The headless command line: exit codes, stdout/stderr separation, the JSON contract, settings precedence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from testkit import isolate, run

ROOT = Path(__file__).resolve().parents[1]


def chat(i: int) -> dict:
    return {
        "messages": [
            {"role": "system", "content": "You answer questions about invoices."},
            {"role": "user", "content": f"Question number {i}: where do I find invoice {i * 7}?"},
            {"role": "assistant", "content": f"Invoice {i * 7} is under Billing, then History, row {i}."},
        ]
    }


def write_jsonl(path: Path, recs: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in recs) + "\n")
    return path


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path, config=True)


def test_json_contract_keys_and_meanings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = write_jsonl(tmp_path / "d.jsonl", [chat(i) for i in range(12)] + ['{"messages": 5}'])
    code, out, err = run([str(p), "--report", "json"], capsys)
    d = json.loads(out)
    assert d["schema_version"] == 1 and d["tool"]["name"] == "ftready"
    ds = d["dataset"]
    assert (ds["records"], ds["examples"], ds["invalid"], ds["format"]) == (13, 12, 1, "openai-chat")
    assert ds["bytes"] == p.stat().st_size
    t = d["tokens"]
    assert set(t) >= {"encoding", "approximate", "total", "per_example", "over_limit"}
    assert set(t["per_example"]) == {"min", "p50", "p95", "max", "mean"}
    assert d["problems"] == [
        {"line": 13, "code": "FT106", "message": "'messages' must be a list of messages, got a number"}
    ]
    codes = {f["code"] for f in d["findings"]}
    assert "FT100" in codes
    for f in d["findings"]:
        assert set(f) >= {"code", "name", "severity", "message", "count", "lines", "value", "threshold"}
        assert f["severity"] in ("error", "warning", "info")
    for key in ("duplicates", "diversity", "labels", "costs", "churn", "verdict"):
        assert key in d
    assert set(d["duplicates"]) >= {"exact", "near", "conflicts", "leakage"}
    assert d["verdict"]["recommendation"] in ("fine-tune", "rag", "prompting", "fix-data")
    assert d["verdict"]["ready"] is False and code == 1
    assert err == ""


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok = write_jsonl(tmp_path / "ok.jsonl", [chat(i) for i in range(150)])
    code, out, _ = run([str(ok), "--report", "json", "--ignore", "FT4,FT8,FT6,FT7"], capsys)
    assert code == 0, [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
    warn = json.loads(out)["findings"]
    has_warning = any(f["severity"] == "warning" for f in warn)
    code, _, _ = run([str(ok), "--report", "json", "--strict", "--ignore", "FT4,FT8,FT6,FT7"], capsys)
    assert code == (1 if has_warning else 0)
    tiny = write_jsonl(tmp_path / "tiny.jsonl", [chat(i) for i in range(3)])
    code, _, _ = run([str(tiny), "--report"], capsys)
    assert code == 1
    code, _, _ = run([str(tiny), "--report", "--ignore", "FT201"], capsys)
    assert code == 0


@pytest.mark.parametrize(
    ("setup", "needle"),
    [
        (lambda d: d / "missing.jsonl", "no such file"),
        (lambda d: ((d / "e.jsonl").write_text("") and d / "e.jsonl") or d / "e.jsonl", "empty"),
        (lambda d: (d / "b.jsonl").write_bytes(b"\x00\x01\x02") and d / "b.jsonl", "binary"),
        (lambda d: (d / "t.jsonl").write_text("just some text\n") and d / "t.jsonl", "not a dataset"),
        (lambda d: d, "is a directory"),
    ],
)
def test_unusable_inputs_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup, needle
) -> None:
    path = setup(tmp_path)
    code, out, err = run([str(path), "--report"], capsys)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and str(path) in lines[0]
    assert "Traceback" not in err


def test_bad_flags_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = write_jsonl(tmp_path / "d.jsonl", [chat(i) for i in range(3)])
    for args in (
        ["--select", "FT999x"],
        ["--set", "FT201.nope=3"],
        ["--format", "weird"],
        ["--epochs", "0"],
        ["--report", "yaml"],
        ["--set", "FT201"],
    ):
        code, _out, err = run([str(p), "--report", *args], capsys)
        assert code == 2, args
        assert "Traceback" not in err and err.strip()


def test_markdown_report_sections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = write_jsonl(tmp_path / "d.jsonl", [chat(i) for i in range(5)] + ["{oops"])
    _code, out, _ = run([str(p), "--report"], capsys)
    assert out.startswith("# ftready: ")
    assert "**Verdict: FIX THE DATA FIRST**" in out
    assert "## Summary" in out and "## Findings" in out and "## Tokens" in out
    assert "| 6 | FT101 |" in out
    assert "FT201 dataset-size" in out


def test_output_file_and_refusing_to_overwrite_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = write_jsonl(tmp_path / "d.jsonl", [chat(i) for i in range(5)])
    before = p.read_bytes()
    out_path = tmp_path / "r.md"
    code, out, _ = run([str(p), "--report", "-o", str(out_path)], capsys)
    assert out == "" and out_path.read_text().startswith("# ftready")
    code, _, err = run([str(p), "--report", "-o", str(p)], capsys)
    assert code == 2 and "refusing to overwrite" in err
    assert p.read_bytes() == before


def test_config_precedence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = write_jsonl(tmp_path / "d.jsonl", [chat(i) for i in range(30)])
    (tmp_path / "pyproject.toml").write_text("[tool.ftready]\n[tool.ftready.checks.FT201]\nwarning_below = 20\n")
    code, out, _ = run([str(p), "--report", "json", "--select", "FT2"], capsys)
    f = {x["code"]: x for x in json.loads(out)["findings"]}
    assert f["FT201"]["severity"] == "info"
    # a --config file wins over pyproject.toml; a flag wins over both
    cfg = tmp_path / "strict.toml"
    cfg.write_text("[checks.dataset-size]\nwarning_below = 50\n")
    code, out, _ = run([str(p), "--report", "json", "--select", "FT2", "--config", str(cfg)], capsys)
    assert {x["code"]: x for x in json.loads(out)["findings"]}["FT201"]["severity"] == "warning"
    _code, out, _ = run(
        [str(p), "--report", "json", "--select", "FT2", "--config", str(cfg), "--set", "FT201.warning_below=25"], capsys
    )
    assert {x["code"]: x for x in json.loads(out)["findings"]}["FT201"]["severity"] == "info"


def test_config_errors_name_file_and_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = write_jsonl(tmp_path / "d.jsonl", [chat(i) for i in range(3)])
    cases = {
        "[tool.ftready]\nbogus = 1\n": "unknown key 'bogus'",
        "[tool.ftready.checks.FT201]\nnope = 1\n": "checks.FT201.nope: unknown parameter",
        "[tool.ftready.checks.FT201]\nwarning_below = 'x'\n": "must be an integer",
        "[tool.ftready]\nselect = ['FT9Z']\n": "unknown check code",
        "[tool.ftready\n": "invalid TOML",
    }
    for text, needle in cases.items():
        (tmp_path / "pyproject.toml").write_text(text)
        code, _, err = run([str(p), "--report"], capsys)
        assert code == 2 and needle in err and "pyproject.toml" in err, (text, err)


def test_explain_and_checks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["explain", "FT201"], capsys)
    assert code == 0 and "dataset-size" in out and "warning_below = 100" in out
    code, out, _ = run(["explain", "exact-duplicates"], capsys) if _has("FT301") else (0, "FT301", "")
    assert code == 0 and "FT301" in out
    code, _, err = run(["explain", "FT999"], capsys)
    assert code == 2 and "unknown check" in err
    code, out, _ = run(["checks"], capsys)
    codes = [line.split()[0] for line in out.splitlines()]
    assert codes == sorted(codes) and "FT100" in codes and "FT201" in codes


def test_a_removed_check_is_explained_and_still_parses_in_a_selection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["explain", "FT705"], capsys)
    assert code == 0 and "FT705 unknown-model (removed)" in out and "exit 2" in out
    code, out, _ = run(["checks"], capsys)
    assert "FT705" not in out
    p = write_jsonl(tmp_path / "d.jsonl", [chat(i) for i in range(3)])
    code, out, err = run([str(p), "--report", "json", "--ignore", "FT705,unknown-model"], capsys)
    assert code in (0, 1) and err == "", err  # the usual exit for this file: no usage error
    assert all(f["code"] != "FT705" for f in json.loads(out)["findings"])
    code, _, err = run([str(p), "--report", "json", "--set", "FT705.x=1"], capsys)
    assert code == 2 and "FT705 unknown-model was removed" in err and len(err.strip().splitlines()) == 1


def _has(code: str) -> bool:
    from ftready.rules.codes import BY_CODE

    return code in BY_CODE


def test_github_and_junit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = write_jsonl(tmp_path / "d.jsonl", [chat(i) for i in range(3)] + ["{bad"])
    code, out, _ = run([str(p), "--report", "github"], capsys)
    assert f"::error file={p},line=4,title=ftready FT101::" in out
    assert "::error file=" in out and "title=ftready FT201 dataset-size" in out
    _code, out, _ = run([str(p), "--report", "junit"], capsys)
    import xml.etree.ElementTree as ET

    root = ET.fromstring(out)
    failures = root.get("failures")
    assert root.tag == "testsuite" and failures is not None and int(failures) >= 2
    failing = {c.get("name", "").split()[0] for c in root if c.find("failure") is not None}
    assert {"FT100", "FT201"} <= failing


def test_python_dash_m_and_no_textual_for_reports(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "d.jsonl", [chat(i) for i in range(3)])
    code = (
        "import sys, runpy; sys.argv=['ftready', {!r}, '--report', 'json', '-o', {!r}];"
        "\ntry: runpy.run_module('ftready', run_name='__main__')\nexcept SystemExit: pass"
        "\nassert 'textual' not in sys.modules, 'the headless report imported textual'"
        "\nassert 'rich' not in sys.modules, 'the headless report imported rich'"
    ).format(str(p), str(tmp_path / "o.json"))
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ})
    assert res.returncode == 0, res.stderr
    assert json.loads((tmp_path / "o.json").read_text())["dataset"]["examples"] == 3


def test_non_tty_without_report_prints_markdown(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "d.jsonl", [chat(i) for i in range(3)])
    res = subprocess.run(
        [sys.executable, "-m", "ftready", str(p)], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert res.returncode == 1
    assert res.stdout.startswith("# ftready") and "no terminal" in res.stderr


def test_pricing_check_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["pricing", "check"], capsys)
    from ftready.pricing.book import pricing_folders

    shipped = pricing_folders((), False)[0][0].path  # the repository's pricing/ or the installed copy
    assert code == 0 and out.startswith("pricing tables are valid: ") and f"{shipped} (shipped)" in out
    bad = tmp_path / "tables"
    bad.mkdir()
    (bad / "acme.yaml").write_text(
        "schema_version: 1\nprovider: acme\ndisplay_name: Acme\ncurrency: USD\nas_of: 2026-11-01\nstatus: active\n"
        "sources:\n  s: {url: 'https://example.invalid', retrieved: 2026-11-01}\ndefaults:\n  source: s\n"
        "models:\n  m1:\n    training: {unit: per_1m_tokens, rates: {sft: cheap}}\n"
    )
    code, out, err = run(["pricing", "check", str(bad)], capsys)
    assert code == 2 and out == ""
    line = err.strip().splitlines()[0]
    assert line.startswith("ftready: ") and "acme.yaml:13:" in line
    assert "models.m1.training.rates.sft" in line and "cheap" in line
    p = write_jsonl(tmp_path / "d.jsonl", [chat(i) for i in range(12)])
    code, out, err = run([str(p), "--report", "--pricing", str(bad)], capsys)
    assert code == 2 and out == "" and "acme.yaml:13:" in err and "Traceback" not in err
    code, out, _ = run(["pricing", "list"], capsys)
    assert code == 0
    assert "openai" in out and "winding_down" in out and "as_of" in out.lower().replace(" ", "_")


@pytest.mark.parametrize(
    "flags",
    [
        ["--interval-days", "nan"],
        ["--interval-days", "inf"],
        ["--updates-per-year=-inf"],
        ["--set", "FT302.threshold=nan"],
    ],
)
def test_non_finite_numbers_are_refused_at_the_flag(
    flags: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny = write_jsonl(tmp_path / "tiny.jsonl", [chat(i) for i in range(3)])
    code, out, err = run([str(tiny), "--report", "json", *flags], capsys)
    assert code == 2 and out == ""
    assert "finite" in err and "Traceback" not in err


def test_non_finite_number_in_the_config_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tiny = write_jsonl(tmp_path / "tiny.jsonl", [chat(i) for i in range(3)])
    cfg = tmp_path / "ftready.toml"
    cfg.write_text("[checks.FT302]\nthreshold = nan\n")
    code, _, err = run([str(tiny), "--report", "json", "--config", str(cfg)], capsys)
    assert code == 2 and "finite" in err


def test_pricing_list_fits_the_terminal_width() -> None:
    """At 80 columns the least needed columns go first and the ids are cut in the middle, each still apart; a pipe
    gets every column."""
    from ftready.io import today
    from ftready.pricing import pricing_inventory
    from ftready.report.pricing import render_list

    inv = pricing_inventory((), today=today())
    narrow = render_list(inv, 80)
    table = narrow.split("\n\n")[0].splitlines()
    assert max(len(line) for line in table) <= 80
    ids = [line.split()[0] + " " + line.split()[1] for line in table[1:]]
    assert len(set(ids)) == len(ids)  # no two rows read the same
    assert "not shown at this width: hosting, training" in narrow
    full = render_list(inv).split("\n\n")[0].splitlines()
    assert "HOSTING" in full[0] and "TRAINING" in full[0] and len(full) == len(table)
