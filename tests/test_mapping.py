"""Layouts mapped, not rejected: field synonyms, value shapes, --map and [tool.ftready.map], one message when
nothing fits, CSV files as people export them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ftready.errors import InputError, UsageError
from ftready.formatids import parse_map
from ftready.load import load_dataset
from ftready.load.mapping import infer
from testkit import isolate, run


def jl(path: Path, recs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    return path


def test_alpaca_with_response_key_is_mapped_not_rejected(tmp_path: Path) -> None:
    # an Alpaca-style set whose reply key is `response`, not `output`
    recs = [{"instruction": f"Summarise note {i}.", "input": "", "response": f"Note {i} says hi."} for i in range(40)]
    r = load_dataset(jl(tmp_path / "a.jsonl", recs))
    assert r.info.examples == 40 and not r.problems
    assert r.info.mapping == {"prompt": "instruction", "reply": "response"}
    assert r.frame["response"][0] == "Note 0 says hi."


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (("query", "target"), {"prompt": "query", "reply": "target"}),
        (("Human", "Assistant"), {"prompt": "Human", "reply": "Assistant"}),
        (("instruction", "context", "response"), {"prompt": "instruction", "input": "context", "reply": "response"}),
        (("problem", "solution"), {"prompt": "problem", "reply": "solution"}),
        (("system", "user", "bot"), {"prompt": "user", "reply": "bot", "system": "system"}),
        (("utterance", "intent"), {"prompt": "utterance", "label": "intent"}),
        (("inputs", "targets"), {"prompt": "inputs", "reply": "targets"}),  # plural names (FLAN, P3)
        (("targets", "inputs"), {"prompt": "inputs", "reply": "targets"}),  # whatever their order in the record
        (("article", "highlights"), {"prompt": "article", "reply": "highlights"}),  # summarisation sets
        (("document", "summary"), {"prompt": "document", "reply": "summary"}),
    ],
)
def test_synonyms(keys: tuple[str, ...], expected: dict[str, str]) -> None:
    short = {"intent": lambda i: ["a", "b", "c"][i % 3]}
    recs = [{k: short[k](i) if k in short else f"{k} value number {i}" for k in keys} for i in range(30)]
    fm = infer(recs)
    assert fm is not None and fm.fields == expected


def test_category_beside_a_reply_is_not_a_kto_label() -> None:
    recs = [{"instruction": f"q{i}", "response": f"a{i}", "category": ["qa", "summary"][i % 2]} for i in range(20)]
    fm = infer(recs)
    assert fm is not None and "label" not in fm.fields


def test_misspelled_csv_header_with_empty_trailing_columns_and_crlf(tmp_path: Path) -> None:
    # `label,masseges,,,` with CRLF; some rows leave the empty trailing columns out
    rows = ["label,masseges,,,"]
    for i in range(30):
        text = f'"Message {i}: win a prize, call now"' if i % 3 == 0 else f'"Hi, are we still on for {i}pm?"'
        rows.append(f"{'spam' if i % 3 == 0 else 'ham'},{text}" + (",,," if i % 2 else ""))
    p = tmp_path / "sms.csv"
    p.write_bytes(("\r\n".join(rows) + "\r\n").encode())
    r = load_dataset(p)
    assert (r.info.format, r.info.examples, r.info.invalid) == ("classification", 30, 0)
    assert r.info.mapping == {"prompt": "masseges", "label": "label"}
    assert sorted(set(r.frame["label"].to_list())) == ["ham", "spam"]


def test_csv_text_and_label_found_by_content(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    lines = ["col_a,col_b"] + [f'{["x", "y"][i % 2]},"A much longer sentence number {i} here"' for i in range(20)]
    p.write_text("\n".join(lines) + "\n")
    r = load_dataset(p)
    assert r.info.mapping == {"prompt": "col_b", "label": "col_a"} and r.info.examples == 20


def test_extra_csv_fields_with_text_are_still_a_problem(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text("text,label\n" + "".join(f'"row {i}",a\n' for i in range(5)) + '"bad",a,surprise\n')
    r = load_dataset(p)
    assert [pr.code for pr in r.problems] == ["FT116"]


def test_no_fit_is_one_message_with_a_map_suggestion(tmp_path: Path) -> None:
    recs = [{"id": i, "flag": True} for i in range(50)]
    with pytest.raises(InputError) as exc:
        load_dataset(jl(tmp_path / "n.jsonl", recs))
    msg = str(exc.value)
    assert msg.count("\n") == 0 and "fields seen: flag, id" in msg and "--map prompt=FIELD,reply=FIELD" in msg


def test_alpaca_missing_its_reply_is_one_message(tmp_path: Path) -> None:
    recs = [{"instruction": f"Task {i}", "note": 3} for i in range(100)]
    with pytest.raises(InputError) as exc:
        load_dataset(jl(tmp_path / "n.jsonl", recs))
    assert "(100 records)" in str(exc.value) and "fields seen: instruction, note" in str(exc.value)


def test_map_overrides_inference(tmp_path: Path) -> None:
    recs = [{"question": f"Q{i}?", "answer": f"A{i}", "explanation": f"Because {i}."} for i in range(10)]
    p = jl(tmp_path / "q.jsonl", recs)
    assert load_dataset(p).info.mapping is None  # question/answer is a known layout
    r = load_dataset(p, field_map={"reply": "explanation"})
    assert r.info.mapping == {"prompt": "question", "reply": "explanation"}
    assert r.frame["response"][0] == "Because 0."
    with pytest.raises(UsageError, match="no record has the field 'nope'"):
        load_dataset(p, field_map={"reply": "nope"})


def test_parse_map_errors() -> None:
    assert parse_map(["reply=response,prompt=question"]) == {"reply": "response", "prompt": "question"}
    assert parse_map({"output": "target"}) == {"reply": "target"}
    with pytest.raises(UsageError, match="expected ROLE=FIELD"):
        parse_map("response")
    with pytest.raises(UsageError, match="unknown role 'answer'"):
        parse_map("answer=x")
    with pytest.raises(UsageError, match="non-empty"):
        parse_map({"reply": ""})


def test_map_flag_and_config_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate(monkeypatch, tmp_path, config=True)
    recs = [{"q": f"Question {i}?", "a": f"Answer number {i}.", "id": i} for i in range(30)]
    p = jl(tmp_path / "d.jsonl", recs)
    code, out, _ = run([str(p), "--report", "json", "--map", "prompt=q,reply=a"], capsys)
    d = json.loads(out)["dataset"]
    assert d["mapping"] == {"prompt": "q", "reply": "a"} and d["examples"] == 30
    (tmp_path / "pyproject.toml").write_text('[tool.ftready.map]\nprompt = "q"\nreply = "a"\n')
    code, out, _ = run([str(p), "--report", "json"], capsys)
    assert json.loads(out)["dataset"]["mapping"] == {"prompt": "q", "reply": "a"}
    (tmp_path / "pyproject.toml").write_text('[tool.ftready.map]\nanswer = "a"\n')
    code, _, err = run([str(p), "--report", "json"], capsys)
    assert code == 2 and "pyproject.toml" in err and "unknown role 'answer'" in err
    (tmp_path / "pyproject.toml").unlink()
    code, _, err = run([str(p), "--report", "json", "--map", "reply"], capsys)
    assert code == 2 and "expected ROLE=FIELD" in err


def test_records_read_back_through_the_mapping(tmp_path: Path) -> None:
    from ftready.records import read_records

    recs = [{"instruction": f"Task {i}", "response": f"Done {i}."} for i in range(5)]
    p = jl(tmp_path / "a.jsonl", recs)
    mapping = load_dataset(p).info.mapping
    got = read_records(p, [2], "alpaca", mapping=mapping)
    assert got[2] == [("user", "Task 1"), ("assistant", "Done 1.")]
