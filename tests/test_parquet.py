"""Parquet input (the Hugging Face datasets layout): read row by row into the same records JSON Lines give."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from ftready.errors import InputError
from ftready.load import load_dataset
from ftready.records import read_records
from testkit import isolate, run


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)


def records(n: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i in range(n):
        msgs: list[dict[str, object]] = [
            {"role": "user", "content": f"What is the tide at harbour {i} on day {i % 7}?"}
        ]
        if i % 3 == 0:  # a tool call: Parquet gives every message of the column a null `tool_calls` otherwise
            call = {"id": "c1", "type": "function", "function": {"name": "tides", "arguments": json.dumps({"h": i})}}
            msgs += [
                {"role": "assistant", "tool_calls": [call]},
                {"role": "tool", "tool_call_id": "c1", "content": f"high water {i % 12}:00"},
            ]
        msgs.append({"role": "assistant", "content": f"High water at harbour {i} is at {i % 12}:{i % 60:02d}."})
        out.append({"messages": msgs})
    return out


def write_both(tmp_path: Path, recs: list[dict[str, object]]) -> tuple[Path, Path]:
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    parquet = tmp_path / "d.parquet"
    pl.DataFrame(recs).write_parquet(parquet)
    return jsonl, parquet


def test_parquet_rows_load_as_the_same_records_as_json_lines(tmp_path: Path) -> None:
    jsonl, parquet = write_both(tmp_path, records(40))
    a, b = load_dataset(jsonl), load_dataset(parquet)
    assert b.info.container == "parquet" and b.info.format == a.info.format == "openai-chat"
    assert not b.problems and b.info.examples == a.info.examples == 40
    cols = ["line", "prompt", "response"]
    assert b.frame.select(cols).equals(a.frame.select(cols))  # row numbers are the JSONL line numbers


def test_the_report_and_the_app_read_parquet_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jsonl, parquet = write_both(tmp_path, records(30))
    reports = []
    for path in (jsonl, parquet):
        code, out, err = run([str(path), "--report", "json"], capsys)
        assert code in (0, 1), err
        reports.append(json.loads(out))
    d = reports[1]
    assert d["dataset"]["container"] == "parquet" and d["dataset"]["records"] == 30
    # the same findings: the null struct fields Parquet adds (a tool-call message's content, a plain message's
    # tool_calls) are not read as fields of the record
    assert [(f["code"], f["message"]) for f in d["findings"]] == [
        (f["code"], f["message"]) for f in reports[0]["findings"]
    ]
    got = read_records(parquet, [2, 4], "openai-chat")
    assert sorted(got) == [2, 4] and any("harbour 1" in text for _, text in got[2])


def test_clean_writes_json_lines_from_parquet_and_refuses_a_parquet_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recs = records(20)
    _, parquet = write_both(tmp_path, [*recs, recs[0]])  # the last row is an exact copy of the first
    out = tmp_path / "clean.jsonl"
    code, _, err = run(["clean", str(parquet), "-o", str(out)], capsys)
    assert code == 0, err
    kept = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(kept) == 20 and kept[0] == recs[0]
    code, _, err = run(["clean", str(parquet), "-o", str(tmp_path / "clean.parquet")], capsys)
    assert code == 2 and "name it .jsonl" in err and not (tmp_path / "clean.parquet").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PAR1 not really", "not a readable Parquet file"),
        (b'{"messages": []}\n', "not a Parquet file (it does not start with the Parquet magic bytes PAR1)"),
    ],
)
def test_a_damaged_or_mislabelled_parquet_file_is_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    p = tmp_path / "bad.parquet"
    p.write_bytes(content)
    with pytest.raises(InputError, match="bad.parquet: " + message.replace("(", r"\(").replace(")", r"\)")):
        load_dataset(p)


def test_a_truncated_parquet_file_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, parquet = write_both(tmp_path, records(50))
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(parquet.read_bytes()[:1500])
    code, out, err = run([str(cut), "--report", "json"], capsys)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "not a readable Parquet file" in err
