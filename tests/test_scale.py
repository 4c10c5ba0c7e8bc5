"""Inputs larger than memory are reported before reading; progress goes to stderr only on a terminal."""

from __future__ import annotations

import io
import json
from pathlib import Path

from ftready.cli import main
from ftready.cli.common import StderrProgress


def _write(tmp_path: Path) -> Path:
    p = tmp_path / "d.jsonl"
    rows = [
        {"messages": [{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": f"a{i}"}]}
        for i in range(20)
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows))
    return p


def test_a_file_larger_than_memory_is_reported(tmp_path: Path, monkeypatch, capsys) -> None:
    p = _write(tmp_path)
    monkeypatch.setenv("FTREADY_MAX_MEMORY", str(p.stat().st_size))  # less than the file needs
    code = main([str(p), "--report", "json"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "too large to analyse in memory" in err and str(p) in err and "docs/scaling.md" in err
    monkeypatch.setenv("FTREADY_MAX_MEMORY", str(10**10))
    assert main([str(p), "--report", "json"]) in (0, 1)


def test_bad_memory_setting_is_a_usage_error(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("FTREADY_MAX_MEMORY", "lots")
    assert main([str(_write(tmp_path)), "--report"]) == 2
    assert "FTREADY_MAX_MEMORY" in capsys.readouterr().err


def test_progress_waits_then_writes_one_line(monkeypatch) -> None:
    buf = io.StringIO()
    monkeypatch.setattr("sys.stderr", buf)
    late = StderrProgress(delay=3600)
    late("load", 10, 100)
    assert buf.getvalue() == ""  # nothing for runs shorter than the delay
    now = StderrProgress(delay=0)
    now("tokens", 50, 100)
    now.close()
    text = buf.getvalue()
    assert "tokens" in text and "50%" in text and "\n" not in text


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path, capsys) -> None:
    main([str(_write(tmp_path)), "--report", "json"])
    assert capsys.readouterr().err == ""


def test_progress_leaves_no_leftover_of_a_longer_line(monkeypatch) -> None:
    """A shorter line after a longer one, and the final clearing, cover the whole longer line: no stray figures
    such as a second, unlabelled time."""
    buf = io.StringIO()
    monkeypatch.setattr("sys.stderr", buf)
    p = StderrProgress(delay=0)
    p("reading records", 60_000, 0)
    p.last = 0.0
    p("verify", 1, 1)
    p.close()
    frames = buf.getvalue().split("\r")[1:]
    longest = max(len(f) for f in frames)
    assert all(len(f) == longest for f in frames if f) and "elapsed" in frames[0]
    assert frames[-1] == "" and frames[-2].strip() == ""  # the clearing spans the longest line
