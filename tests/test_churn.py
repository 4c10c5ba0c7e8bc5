"""Churn between dataset versions, projected retraining cycles, time-sensitive content, and the verdict."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ftready import Settings, analyse
from ftready.load.frame import frame_from_rows
from ftready.stages.churn import compare


def _rows(pairs: list[tuple[str, str]]) -> list[dict]:
    return [{"prompt": p, "response": r} for p, r in pairs]


def test_compare_counts_added_removed_changed_unchanged() -> None:
    prev = frame_from_rows(_rows([("a", "1"), ("b", "2"), ("c", "3"), ("d", "4")]))
    cur = frame_from_rows(_rows([("A ", "1"), ("b", "two"), ("c", "3"), ("e", "5"), ("f", "6")]))
    assert compare(cur, prev) == {"added": 2, "removed": 1, "changed": 1, "unchanged": 2}


def _write(path: Path, pairs: list[tuple[str, str]]) -> Path:
    recs = [{"messages": [{"role": "user", "content": p}, {"role": "assistant", "content": r}]} for p, r in pairs]
    path.write_text("\n".join(json.dumps(x) for x in recs) + "\n")
    return path


def test_churn_projects_updates_and_warns_when_too_frequent(tmp_path: Path) -> None:
    base = [(f"question {i} about plans", f"answer {i} in our friendly voice") for i in range(200)]
    prev = _write(tmp_path / "v1.jsonl", base)
    cur_pairs = base[:150] + [(f"question {i} about plans", f"a new answer {i}") for i in range(150, 180)]
    cur_pairs += [(f"brand new question {i}", "fresh answer") for i in range(40)]
    cur = _write(tmp_path / "v2.jsonl", cur_pairs)
    s = Settings(previous=str(prev), interval_days=7, select=("FT6",))
    a = analyse(cur, s)
    c = a.churn
    assert c is not None
    assert (c.added, c.removed, c.changed, c.unchanged) == (40, 20, 30, 150)
    assert c.churn_rate == round(90 / 240, 4)
    assert c.projected_updates_per_year == round(365 / 7, 2)
    codes = {f.code for f in a.findings}
    assert {"FT610", "FT612"} <= codes
    # a yearly refresh is fine
    a = analyse(cur, Settings(previous=str(prev), interval_days=200, select=("FT6",)))
    assert "FT610" not in {f.code for f in a.findings}


def test_interval_defaults_to_modification_times(tmp_path: Path) -> None:
    prev = _write(tmp_path / "v1.jsonl", [("q", "a"), ("r", "b")])
    cur = _write(tmp_path / "v2.jsonl", [("q", "a"), ("r", "changed")])
    now = os.stat(cur).st_mtime
    os.utime(prev, (now - 30 * 86400, now - 30 * 86400))
    a = analyse(cur, Settings(previous=str(prev), select=("FT6",)))
    assert a.churn is not None and a.churn.interval_days is not None
    assert a.churn.interval_source == "file modification times"
    assert abs(a.churn.interval_days - 30) < 0.01
    assert a.churn.projected_updates_per_year == round(365 / a.churn.interval_days, 2)


def test_time_sensitive_content(tmp_path: Path) -> None:
    pairs = [(f"q{i}", f"The Pro plan costs ${10 + i}.99 a month as of 2025.") for i in range(40)]
    pairs += [(f"r{i}", "Open the settings and choose Export.") for i in range(60)]
    a = analyse(_write(tmp_path / "d.jsonl", pairs), Settings(select=("FT611",)))
    f = a.finding("FT611")
    assert f is not None and f.severity.value == "warning" and f.count == 40
    assert f.lines == tuple(range(1, 41))
    assert a.verdict.recommendation == "rag"


def test_no_previous_means_no_churn(tmp_path: Path) -> None:
    a = analyse(_write(tmp_path / "d.jsonl", [("q", "a")]), Settings(select=("FT6",)))
    assert a.churn is None and a.to_dict()["churn"] is None


def test_worked_maths_amounts_are_not_time_sensitive(tmp_path: Path) -> None:
    # the shape of grade-school maths answers: dollar amounts and sums, no dated facts
    pairs = [
        (f"Tom buys {i} toys at $41 each. How much?", f"He pays {i} * $41 = ${41 * i}.\n#### {41 * i}")
        for i in range(30)
    ]
    pairs += [("Sum?", "Together they cost $720 + $270 = $990. Last year he had 3, so 3 + 2 = 5.")] * 10
    pairs += [("Price?", "The Model X was priced at $79,999 in its 2023 launch.")] * 5
    pairs += [("Which?", "The latest release is the one to use.")] * 5
    pairs += [("Plan?", "Family costs $14.99 a month and includes 5 TB.")] * 5  # a price as sold: counted
    # computed amounts, tool-call arguments and what the assistant can do are not dated facts
    pairs += [("Tip?", "The tip amount for your bill is $15.")] * 5
    pairs += [("Age?", '{"name": "calculate_age", "arguments": {"birthdate": "1990-05-15"}}\n\nYou are 33.')] * 5
    pairs += [("Fly?", "I'm sorry, but I'm currently unable to book flights.")] * 5
    a = analyse(_write(tmp_path / "d.jsonl", pairs), Settings(select=("FT611",)))
    f = a.finding("FT611")
    assert f is not None and f.count == 15
    assert f.lines == tuple(range(41, 56))
    assert a.verdict.recommendation != "rag"
