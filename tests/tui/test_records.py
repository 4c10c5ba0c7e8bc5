"""ftready.records: reading records back by line, as the loader numbers them."""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path

import pytest

from ftready.errors import Cancelled, InputError
from ftready.load import load_dataset
from ftready.records import read_records


def _chat(user: str, reply: str, system: str | None = None) -> dict[str, object]:
    msgs = [{"role": "system", "content": system}] if system else []
    msgs += [{"role": "user", "content": user}, {"role": "assistant", "content": reply}]
    return {"messages": msgs}


def test_jsonl_lines_are_physical_lines_and_bad_lines_come_back_raw(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    p.write_text(
        "\n".join(
            [
                json.dumps(_chat("hi", "hello", "be kind")),
                "",  # blank lines are not records but count as lines
                json.dumps(_chat("how?", "like this")),
                '{"messages": [',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    got = read_records(p, [1, 3, 4, 2, 99], "openai-chat")
    assert got[1] == [("system", "be kind"), ("user", "hi"), ("assistant", "hello")]
    assert got[3] == [("user", "how?"), ("assistant", "like this")]
    assert got[4][0][0] == "raw" and got[4][0][1].startswith('{"messages"')
    assert 2 not in got and 99 not in got
    # the same numbering as the loader's
    loaded = load_dataset(p)
    assert sorted(loaded.frame["line"].to_list()) == [1, 3]
    assert [pr.line for pr in loaded.problems] == [4]


def test_json_array_csv_and_gzip_number_records(tmp_path: Path) -> None:
    arr = tmp_path / "a.json"
    arr.write_text(
        json.dumps([{"instruction": f"q{i}", "input": "", "output": f"a{i}"} for i in range(5)]), encoding="utf-8"
    )
    assert read_records(arr, [2, 5]) == {
        2: [("user", "q1"), ("assistant", "a1")],
        5: [("user", "q4"), ("assistant", "a4")],
    }
    csv = tmp_path / "c.csv"
    csv.write_text("text,label\nfirst one,x\nsecond one,y\n", encoding="utf-8")
    got = read_records(csv, [3])  # CSV rows by physical line: the header is line 1
    assert got[3][0] == ("user", "second one") and got[3][-1][1] == "y"
    gz = tmp_path / "g.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(_chat("zipped", "yes")) + "\n")
    assert read_records(gz, [1]) == {1: [("user", "zipped"), ("assistant", "yes")]}


def test_preference_records_show_the_rejected_reply(tmp_path: Path) -> None:
    p = tmp_path / "p.jsonl"
    p.write_text(json.dumps({"prompt": "pick", "chosen": "good", "rejected": "bad"}) + "\n", encoding="utf-8")
    roles = [r for r, _ in read_records(p, [1])[1]]
    assert roles[-1] == "rejected" and "assistant" in roles


def test_missing_file_and_cancel(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_records(tmp_path / "nope.jsonl", [1])
    p = tmp_path / "big.jsonl"
    p.write_text("\n".join(json.dumps(_chat(f"q{i}", "a")) for i in range(200_001)) + "\n", encoding="utf-8")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        read_records(p, [200_001], cancel=cancel)
    assert read_records(p, []) == {}
