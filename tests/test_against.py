"""Leakage by prompt as well as by example, and --against FILE (evaluation sets checked like --validation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from testkit import isolate, run

QUESTIONS = [
    "Natalia sold clips to {n} of her friends in April, and then she sold half as many clips in May. "
    "How many clips did Natalia sell altogether in April and May?",
    "Weng earns ${n} an hour for babysitting. Yesterday, she just did 50 minutes of babysitting. How much did she earn?",
    "Betty is saving money for a new wallet which costs ${n}. Betty has only half of the money she needs. "
    "How much more money does Betty need?",
    "James writes a {n}-page letter to 2 different friends twice a week. How many pages does he write a year?",
    "Mark has a garden with flowers. He planted {n} plants of three different colors. How many are purple?",
]


def _questions(n: int) -> list[tuple[str, int]]:
    """`n` distinct word problems with their answers."""
    return [(QUESTIONS[i % len(QUESTIONS)].format(n=10 + i), 100 + 7 * i) for i in range(n)]


def _write(path: Path, recs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path, config=True)


@pytest.fixture
def sets(tmp_path: Path) -> tuple[Path, Path]:
    """Training data as question/answer records with worked answers; an evaluation set in the chat format with the
    same first 12 questions (re-spaced and re-cased) and re-formatted answers, and 8 questions of its own."""
    qs = _questions(40)
    train = [
        {"instruction": q, "input": "", "output": f"Let us work it out step by step.\nSo the result is {a}.\n#### {a}"}
        for q, a in qs
    ]
    evalset = [
        {
            "messages": [
                {"role": "user", "content": "  " + q.replace(" ", "  ").upper() + " "},
                {"role": "assistant", "content": f"The answer is {a}."},
            ]
        }
        for q, a in qs[:12]
    ]
    evalset += [
        {
            "messages": [
                {"role": "user", "content": f"What is {i} times {i + 3}, written as a word problem about apples?"},
                {"role": "assistant", "content": f"{i * (i + 3)} apples."},
            ]
        }
        for i in range(8)
    ]
    return _write(tmp_path / "train.jsonl", train), _write(tmp_path / "eval.jsonl", evalset)


def test_reformatted_answers_are_same_prompt_leaks_not_example_leaks(
    sets: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    train, evalset = sets
    code, out, err = run([str(train), "--report", "json", "--against", str(evalset)], capsys)
    assert code == 1, err  # 12 of 20 leaked: above FT304's error share
    rep = json.loads(out)
    (leak,) = rep["duplicates"]["against"]
    assert leak["validation_path"] == str(evalset) and leak["validation_examples"] == 20
    assert (leak["count"], leak["exact"], leak["near"]) == (0, 0, 0)
    assert leak["same_prompt"] == 12 and leak["prompt_lines"] == list(range(1, 13))
    assert leak["prompt_pairs"][:2] == [[1, 1], [2, 2]] and leak["prompt_share"] == 0.6
    assert rep["duplicates"]["leakage"]["validation_path"] is None  # no --validation: nothing there
    (f,) = [f for f in rep["findings"] if f["code"] == "FT304"]
    assert f["severity"] == "error" and f["count"] == 12 and f["lines"] == list(range(1, 13))
    assert f["message"].startswith(
        f"{evalset}: 12 of 20 evaluation examples (60.0%) are in training: 12 the same prompt"
    )
    assert "the same example" not in f["message"]
    assert rep["settings"]["against"] == [str(evalset)]


def test_the_same_files_as_validation_report_the_same_split(
    sets: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    train, evalset = sets
    _, out, _ = run([str(train), "--report", "json", "--validation", str(evalset)], capsys)
    leak = json.loads(out)["duplicates"]["leakage"]
    assert (leak["count"], leak["same_prompt"]) == (0, 12)
    _, md, _ = run([str(train), "--validation", str(evalset), "--report", "markdown"], capsys)
    assert "0 the same example (0 exact, 0 near), 12 the same prompt with another reply" in md
    assert "**Leaked examples of validation: same prompt, another reply**" in md


def test_a_copied_example_is_a_whole_example_leak(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    qs = _questions(30)
    train = [{"instruction": q, "input": "", "output": f"The answer is {a}."} for q, a in qs]
    path = _write(tmp_path / "t.jsonl", train)
    copies = _write(
        tmp_path / "copies.jsonl", [*train[:2], {"instruction": "Unrelated?", "input": "", "output": "No."}]
    )
    _, out, _ = run([str(path), "--report", "json", "--against", str(copies)], capsys)
    (leak,) = json.loads(out)["duplicates"]["against"]
    assert (leak["count"], leak["exact"], leak["same_prompt"], leak["lines"]) == (2, 2, 0, [1, 2])


def test_a_copy_in_another_format_is_a_whole_example_leak(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same question and answer with a system prompt on one side only: the same example, not the same prompt."""
    qs = _questions(30)
    train = _write(tmp_path / "t.jsonl", [{"instruction": q, "input": "", "output": f"It is {a}."} for q, a in qs])
    chats = [
        {
            "messages": [
                {"role": "system", "content": "You solve word problems."},
                {"role": "user", "content": qs[i][0]},
                {"role": "assistant", "content": f"It is {qs[i][1]}." if i < 2 else "I do not know."},
            ]
        }
        for i in range(3)
    ]
    other = _write(tmp_path / "chat.jsonl", chats)
    _, out, _ = run([str(train), "--report", "json", "--against", str(other)], capsys)
    (leak,) = json.loads(out)["duplicates"]["against"]
    assert (leak["count"], leak["exact"], leak["lines"]) == (2, 2, [1, 2])
    assert (leak["same_prompt"], leak["prompt_lines"]) == (1, [3])


def test_against_is_repeatable_and_each_finding_names_its_file(
    sets: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    train, evalset = sets
    clean = _write(tmp_path / "clean.jsonl", [{"instruction": "Say hi.", "input": "", "output": "Hi."}] * 3)
    small = _write(tmp_path / "small.jsonl", [json.loads(evalset.read_text().splitlines()[0])])
    code, out, _ = run(
        [str(train), "--report", "json", "--against", str(evalset), "--against", str(clean), "--against", str(small)],
        capsys,
    )
    rep = json.loads(out)
    assert [x["validation_path"] for x in rep["duplicates"]["against"]] == [str(evalset), str(clean), str(small)]
    msgs = [f["message"] for f in rep["findings"] if f["code"] == "FT304"]
    assert len(msgs) == 2 and msgs[0].startswith(f"{evalset}: ") and msgs[1].startswith(f"{small}: 1 of 1 ")
    assert code == 1


def test_no_leak_no_finding_and_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    qs = _questions(30)
    train = _write(tmp_path / "t.jsonl", [{"instruction": q, "input": "", "output": str(a)} for q, a in qs])
    unrelated = ["Name a primary colour.", "Translate 'good morning' into French.", "What is the capital of Peru?"]
    other = _write(tmp_path / "o.jsonl", [{"instruction": q, "input": "", "output": "Red."} for q in unrelated])
    code, out, _ = run([str(train), "--report", "json", "--against", str(other), "--select", "FT304"], capsys)
    rep = json.loads(out)
    assert code == 0 and not rep["findings"] and rep["duplicates"]["against"][0]["same_prompt"] == 0


@pytest.mark.parametrize(
    ("setup", "needle"),
    [
        (lambda d: d / "missing.jsonl", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: (d / "b.jsonl").write_bytes(b"\x00\x01\x02") and d / "b.jsonl", "binary"),
    ],
)
def test_unusable_against_file_is_a_one_line_usage_error(
    sets: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], setup, needle: str
) -> None:
    train, _ = sets
    bad = setup(tmp_path)
    code, out, err = run([str(train), "--report", "json", "--against", str(bad)], capsys)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ftready: --against: ") and needle in lines[0]
    assert "Traceback" not in err


def test_placeholders_are_masked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
    recs = [{"instruction": f"Q{i}?", "input": "", "output": f"Use {{{{{key}}}}} and {{{{name}}}}."} for i in range(3)]
    path = _write(tmp_path / "p.jsonl", recs)
    _, out, _ = run([str(path), "--report", "json", "--select", "FT305"], capsys)
    assert key not in out
    rep = json.loads(out)
    assert rep["duplicates"]["placeholders"]["count"] == 3 and "{{name}}" in rep["duplicates"]["placeholders"]["tokens"]


def test_unreadable_records_of_an_evaluation_file_are_reported(
    sets: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What cannot be read cannot be compared: the evaluation file's broken lines are FT100, naming file and line."""
    train, evalset = sets
    broken = tmp_path / "broken.jsonl"
    broken.write_text(evalset.read_text().splitlines()[0] + '\nnot json\n{"messages": 3}\n', encoding="utf-8")
    code, out, _ = run([str(train), "--report", "json", "--against", str(broken)], capsys)
    rep = json.loads(out)
    (f,) = [f for f in rep["findings"] if f["code"] == "FT100"]
    assert f["message"].startswith(f"evaluation file {broken}: 2 of 3 records cannot be used (first: line 2: ")
    assert f["count"] == 2 and code == 1
    assert rep["duplicates"]["against"][0]["validation_examples"] == 1
