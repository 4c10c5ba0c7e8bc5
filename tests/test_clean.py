"""`ftready clean FILE -o OUT`: what is dropped, what is kept byte for byte, the split, and the safety rules."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import random
from pathlib import Path

import pytest

from ftready.clean import validation_path
from testkit import isolate, run

VOCAB = (
    "river mountain lantern copper meadow harbor signal winter orchard canvas ladder silver thunder garden "
    "compass marble velvet quarry falcon timber ember glacier prairie beacon anchor cobalt saddle harvest "
    "tundra willow cinder marsh pebble bramble crystal summit lagoon thistle granite breeze hollow kettle "
    "mosaic nectar oyster parcel quiver ribbon shutter tangle umber vessel wander yonder zephyr acorn basil"
).split()
SECRET = "sk-proj-Q7vX2mLp9TzR4wKs8NbY3cHd6FgJ1aUe5iOo0"


def para(seed: int, words: int = 60) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCAB) for _ in range(words))


def chat(prompt: str, reply: str, system: str = "You help with travel plans.") -> dict:
    return {
        "messages": [
            {"role": "system", "content": system},
            {"role": "user", "content": prompt},
            {"role": "assistant", "content": reply},
        ]
    }


def dumps(rec: dict) -> bytes:
    return json.dumps(rec).encode()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)


def analysis(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    code, out, err = run([str(path), "--report", "json", "--select", "FT1,FT3", *extra], capsys)
    assert code in (0, 1), err
    return json.loads(out)


def near_variant(text: str) -> str:
    words = text.split()
    return " ".join([*words[:-1], "zenith"])  # one word changed out of 60: a near duplicate


# ------------------------------------------------------------------------------------------------ dropping


def test_drops_invalid_and_exact_duplicates_and_keeps_original_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = b'{ "messages" : [ {"role":"user","content":"Where is  Rome?"}, {"role":"assistant","content":"Italy."} ] }'
    same = dumps(
        {"messages": [{"role": "user", "content": "where is rome?"}, {"role": "assistant", "content": "ITALY."}]}
    )
    other = dumps(chat("What is the capital of Peru?", "Lima."))
    raw = b"\xef\xbb\xbf" + first + b"\r\n" + b"{broken\n" + b"\n" + same + b"\n" + other  # no final newline
    src = tmp_path / "d.jsonl"
    src.write_bytes(raw)
    code, out, err = run(["clean", str(src), "-o", "out.jsonl"], capsys)
    assert (code, out) == (0, "")
    # the first of each group is kept with its bytes as read (line end included); blank lines and BOM are not
    assert (tmp_path / "out.jsonl").read_bytes() == first + b"\r\n" + other + b"\n"
    assert "dropped 1 invalid record (lines 2)" in err
    assert "dropped 1 exact duplicate (first of each of 1 group kept)" in err
    assert "kept 2 examples" in err and "wrote 2 examples to out.jsonl" in err
    assert src.read_bytes() == raw


def test_near_duplicates_are_dropped_unless_keep_near(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = [para(i) for i in range(6)]
    recs = [chat(f"Describe trip {i}.", t) for i, t in enumerate(base)]
    recs += [chat("Describe trip 0.", near_variant(base[0])), chat("Describe trip 3.", near_variant(base[3]))]
    src = tmp_path / "n.jsonl"
    src.write_bytes(b"\n".join(map(dumps, recs)) + b"\n")
    rep = analysis(src, capsys)
    assert rep["duplicates"]["near"]["redundant"] == 2  # the detector agrees these are near duplicates

    code, _, err = run(["clean", str(src), "-o", "all.jsonl"], capsys)
    assert code == 0 and "dropped 2 near duplicates (first of each of 2 groups kept)" in err
    kept = [json.loads(x) for x in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert kept == recs[:6]
    assert analysis(tmp_path / "all.jsonl", capsys)["duplicates"]["near"]["redundant"] == 0

    code, _, err = run(["clean", str(src), "-o", "keep.jsonl", "--keep-near"], capsys)
    assert code == 0 and "kept 2 near duplicates (--keep-near)" in err
    assert (tmp_path / "keep.jsonl").read_bytes() == src.read_bytes()


def test_json_array_keeps_each_elements_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = '{\n    "instruction": "Add",\n    "input": "2 3",\n    "output": "5"\n  }'
    b = '{"instruction":"Add","input":"2 3","output":"5"}'
    c = '{"instruction": "Sub", "input": "5 3", "output": "2", "note": "caf\u00e9 \u2603"}'
    d = '{"instruction": "Mul", "output": NaN}'
    src = tmp_path / "a.json"
    src.write_text(f"[\n  {a},\n  {b},\n  {c},\n  {d}\n]\n", encoding="utf-8")
    code, _, err = run(["clean", str(src), "-o", "out.json"], capsys)
    assert code == 0, err
    text = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert text == f"[\n{a},\n{c}\n]\n"
    assert json.loads(text) == [json.loads(a), json.loads(c)]


def test_csv_keeps_header_and_rows_as_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerows(
        [
            ["text", "label"],
            ["my card is lost", "lost_card"],
            ['a "quoted", multi-line\ncell', "other"],
            ["My card is LOST", "lost_card"],  # an exact duplicate of row 1 (case and spacing do not count)
            ["", ""],  # blank: not a record
            ["no label", ""],  # invalid: empty label
            ["I moved house", "change_address"],
        ]
    )
    src = tmp_path / "c.csv"
    src.write_text(buf.getvalue(), encoding="utf-8", newline="")
    code, _, err = run(["clean", str(src), "-o", "out.csv"], capsys)
    assert code == 0, err
    lines = buf.getvalue().split("\r\n")
    expected = "\r\n".join([lines[0], lines[1], lines[2], lines[6]]) + "\r\n"
    assert (tmp_path / "out.csv").read_bytes().decode("utf-8") == expected
    assert "dropped 1 invalid record (lines 7)" in err and "dropped 1 exact duplicate" in err


def test_gzip_in_and_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    recs = [dumps(chat(f"q{i} {para(i, 8)}", f"a{i}")) for i in range(5)]
    data = b"\n".join([*recs, recs[0]]) + b"\n"
    src = tmp_path / "d.jsonl.gz"
    src.write_bytes(gzip.compress(data))
    assert run(["clean", str(src), "-o", "out.jsonl.gz"], capsys)[0] == 0
    assert gzip.decompress((tmp_path / "out.jsonl.gz").read_bytes()) == b"\n".join(recs) + b"\n"
    assert run(["clean", str(src), "-o", "plain.jsonl"], capsys)[0] == 0
    assert (tmp_path / "plain.jsonl").read_bytes() == b"\n".join(recs) + b"\n"


def test_truncated_gzip_keeps_what_can_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    recs = [dumps(chat(f"question {i}: {para(i, 12)}", f"answer {i}")) for i in range(400)]
    packed = gzip.compress(b"\n".join(recs) + b"\n")
    src = tmp_path / "cut.jsonl.gz"
    src.write_bytes(packed[: len(packed) // 2])
    rep = analysis(src, capsys)
    code, _, err = run(["clean", str(src), "-o", "out.jsonl"], capsys)
    assert code == 0, err
    got = (tmp_path / "out.jsonl").read_bytes().splitlines()
    assert len(got) == rep["dataset"]["examples"] > 0 and got == recs[: len(got)]
    assert f"(lines {rep['dataset']['records']})" in err  # the break is the one invalid record


def test_conflicts_and_secrets_are_reported_not_dropped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    recs = [
        chat("How do I reset my password?", "Use the link on the sign-in page."),
        chat("How do I reset my password?", "Call support; it cannot be done online."),
        chat("Which key do I use?", f"Use {SECRET} in the header."),
        chat("What time is it in Lima?", "UTC-5."),
    ]
    src = tmp_path / "s.jsonl"
    src.write_bytes(b"\n".join(map(dumps, recs)) + b"\n")
    code, _, err = run(["clean", str(src), "-o", "out.jsonl"], capsys)
    assert code == 0
    assert (tmp_path / "out.jsonl").read_bytes() == src.read_bytes()  # nothing dropped
    assert "conflicts: 1 group with the same prompt and different answers (lines 1, 2): kept" in err
    secret_lines = [x for x in err.splitlines() if x.strip().startswith("secret:")]
    assert len(secret_lines) == 1 and "(lines 3;" in secret_lines[0] and "sk-proj-…[REDACTED" in secret_lines[0]
    assert SECRET not in err and SECRET[10:30] not in err


def test_the_secret_summary_counts_every_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON report lists the first 50 lines of a kind; the summary's '(N more)' counts all of them."""
    recs = [chat(f"Which key do I use for service {i}?", f"Use {SECRET} in the header.") for i in range(60)]
    src = tmp_path / "s.jsonl"
    src.write_bytes(b"\n".join(map(dumps, recs)) + b"\n")
    code, _, err = run(["clean", str(src), "-o", "out.jsonl"], capsys)
    assert code == 0
    (line,) = [x for x in err.splitlines() if x.strip().startswith("secret:")]
    assert "60 openai-keys in 60 examples (lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (50 more);" in line


# ------------------------------------------------------------------------------------------------ split


def test_validation_path_names() -> None:
    assert validation_path(Path("out.jsonl")) == Path("out.val.jsonl")
    assert validation_path(Path("d/train.json.gz")) == Path("d/train.val.json.gz")
    assert validation_path(Path("data.train.csv")) == Path("data.train.val.csv")
    assert validation_path(Path("out")) == Path("out.val")
    assert validation_path(Path(".hidden")) == Path(".hidden.val")


def _grouped_dataset(path: Path) -> list[dict]:
    """30 groups of three near duplicates (kept with --keep-near) and 30 single examples."""
    recs: list[dict] = []
    for g in range(30):
        text = para(1000 + g)
        recs += [chat(f"Plan trip {g}.", t) for t in (text, near_variant(text), near_variant(text) + " again")]
    recs += [chat(f"Plan outing {i}.", para(5000 + i)) for i in range(30)]
    random.Random(7).shuffle(recs)
    path.write_bytes(b"\n".join(map(dumps, recs)) + b"\n")
    return recs


def test_split_keeps_duplicate_groups_on_one_side(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "g.jsonl"
    recs = _grouped_dataset(src)
    assert analysis(src, capsys)["duplicates"]["near"]["group_count"] == 30
    # a split that ignores the groups leaks: the check below can fail
    naive_train, naive_val = tmp_path / "naive.jsonl", tmp_path / "naive.val.jsonl"
    naive_train.write_bytes(b"\n".join(dumps(r) for i, r in enumerate(recs) if i % 4) + b"\n")
    naive_val.write_bytes(b"\n".join(dumps(r) for i, r in enumerate(recs) if not i % 4) + b"\n")
    naive = analysis(naive_train, capsys, "--validation", str(naive_val))["duplicates"]["leakage"]
    assert naive["count"] + naive["same_prompt"] > 0

    code, _, err = run(
        ["clean", str(src), "-o", "train.jsonl", "--keep-near", "--split", "0.25", "--seed", "3"], capsys
    )
    assert code == 0, err
    train, val = tmp_path / "train.jsonl", tmp_path / "train.val.jsonl"
    n_train, n_val = len(train.read_text().splitlines()), len(val.read_text().splitlines())
    assert n_train + n_val == 120 and 20 <= n_val <= 30
    assert f"wrote {n_val} examples to train.val.jsonl (validation" in err
    leak = analysis(train, capsys, "--validation", str(val))["duplicates"]["leakage"]
    assert leak["count"] == 0 and leak["lines"] == [] and leak["same_prompt"] == 0
    # seeded: the same seed gives the same files, another seed another split
    run(["clean", str(src), "-o", "again.jsonl", "--keep-near", "--split", "0.25", "--seed", "3"], capsys)
    assert (tmp_path / "again.val.jsonl").read_bytes() == val.read_bytes()
    run(["clean", str(src), "-o", "other.jsonl", "--keep-near", "--split", "0.25", "--seed", "4"], capsys)
    assert (tmp_path / "other.val.jsonl").read_bytes() != val.read_bytes()


def test_split_with_explicit_validation_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.json"
    src.write_text(json.dumps([{"instruction": f"Task {i}: {para(i, 10)}", "output": f"done {i}"} for i in range(20)]))
    (tmp_path / "sets").mkdir()
    code, _, err = run(
        ["clean", str(src), "-o", "sets/t.json", "--split", "0.2", "--validation-output", "sets/v.json"], capsys
    )
    assert code == 0, err
    t = json.loads((tmp_path / "sets/t.json").read_text())
    v = json.loads((tmp_path / "sets/v.json").read_text())
    assert (len(t), len(v)) == (16, 4)
    assert sorted(map(json.dumps, t + v)) == sorted(json.dumps(x) for x in json.loads(src.read_text()))


# ------------------------------------------------------------------------------------------------ safety


def test_refuses_to_overwrite_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "d.jsonl"
    src.write_bytes(dumps(chat("a", "b")) + b"\n")
    before = (src.read_bytes(), src.stat().st_mtime_ns)
    (tmp_path / "link.jsonl").symlink_to(src)
    os.link(src, tmp_path / "hard.jsonl")
    for args in (
        ["-o", str(src)],
        ["-o", "link.jsonl"],
        ["-o", "hard.jsonl"],
        ["-o", "x.jsonl", "--split", "0.5", "--validation-output", str(src)],
        ["-o", "x.jsonl", "--split", "0.5", "--validation-output", "x.jsonl"],
    ):
        code, out, err = run(["clean", str(src), *args], capsys)
        assert code == 2 and out == "" and len(err.splitlines()) == 1, (args, err)
        assert "refusing to overwrite the input file" in err or "must be different" in err
    assert (src.read_bytes(), src.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.jsonl", "hard.jsonl", "link.jsonl"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--split", "1.5"], "must be between 0 and 1"),
        (["--split", "ten"], "is not a number"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--validation-output", "v.jsonl"], "--validation-output needs --split"),
        (["--format", "nonsense"], "unknown format"),
        (["-o", "missing-dir/out.jsonl"], "does not exist"),
    ],
)
def test_bad_flags_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], needle: str) -> None:
    src = tmp_path / "d.jsonl"
    src.write_bytes(dumps(chat("a", "b")) + b"\n")
    if "-o" not in args:
        args = ["-o", "out.jsonl", *args]
    code, out, err = run(["clean", str(src), *args], capsys)
    assert code == 2 and out == "" and needle in err and "Traceback" not in err
    assert not (tmp_path / "out.jsonl").exists()


def test_unusable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "e.jsonl").write_bytes(b"")
    code, out, err = run(["clean", "e.jsonl", "-o", "out.jsonl"], capsys)
    assert (code, out, err) == (2, "", "ftready: e.jsonl: the file is empty\n")
    assert run(["clean"], capsys)[0] == 2  # no file, no -o


def test_a_failed_write_leaves_the_old_output_and_no_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "d.jsonl"
    src.write_bytes(b"\n".join(dumps(chat(f"q{i} {para(i, 6)}", f"a{i}")) for i in range(4)) + b"\n")
    (tmp_path / "out.jsonl").write_text("previous contents\n")
    from ftready import clean

    calls = []

    def add(self: clean._Output, raw: bytes) -> None:
        calls.append(raw)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        self._fh.write(raw)

    monkeypatch.setattr(clean._Output, "add", add)
    code, _, err = run(["clean", str(src), "-o", "out.jsonl"], capsys)
    assert code == 2 and "No space left on device" in err
    assert (tmp_path / "out.jsonl").read_text() == "previous contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.jsonl", "out.jsonl"]


# ------------------------------------------------------------------------------------------------ real data


def test_alpaca_demo(shared_datasets: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = shared_datasets / "llamafactory" / "alpaca_en_demo.json"
    rep = analysis(src, capsys)
    assert (rep["dataset"]["examples"], rep["duplicates"]["exact"]["redundant"]) == (999, 14)
    near = rep["duplicates"]["near"]["redundant"]

    code, _, err = run(["clean", str(src), "-o", "exact.json", "--keep-near"], capsys)
    assert code == 0 and "dropped 14 exact duplicates" in err
    assert len(json.loads((tmp_path / "exact.json").read_text())) == 985

    code, _, err = run(["clean", str(src), "-o", "clean.json", "--split", "0.1", "--seed", "1"], capsys)
    assert code == 0 and f"dropped {near} near duplicate" in err
    train = json.loads((tmp_path / "clean.json").read_text())
    val = json.loads((tmp_path / "clean.val.json").read_text())
    assert len(train) + len(val) == 985 - near and len(val) == round(0.1 * (985 - near))
    original = json.loads(src.read_text())
    assert all(r in original for r in train + val)
    check = analysis(tmp_path / "clean.json", capsys, "--validation", str(tmp_path / "clean.val.json"))
    assert check["duplicates"]["leakage"]["count"] == 0 and check["duplicates"]["leakage"]["lines"] == []
    assert check["duplicates"]["exact"]["redundant"] == 0 and check["duplicates"]["near"]["redundant"] == 0
