"""The hostile-input campaign that stays (docs/robustness.md): inputs that once ended in an internal error, a hang,
an abort or a wrong exit code, each with the clear one-line outcome it has now.

Every case here is fast and runs with the suite. The heavy ones (a gzip bomb of gigabytes, a 200 MB reply, a run
killed mid-way on a file over 32 MB) are marked `heavy` and run with FTREADY_HEAVY=1; benchmarks/bench_hostile.py
measures them.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from testkit import isolate, run

HEAVY = pytest.mark.skipif(not os.environ.get("FTREADY_HEAVY"), reason="heavy: set FTREADY_HEAVY=1")
SRC = Path(__file__).resolve().parents[1] / "src"


def chat(i: int, reply: str | None = None) -> str:
    return json.dumps(
        {
            "messages": [
                {"role": "user", "content": f"question {i} about invoice {i * 7} and shipping"},
                {"role": "assistant", "content": reply or f"answer {i}: open Billing, then History, row {i}"},
            ]
        }
    )


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate(monkeypatch, tmp_path)
    p = tmp_path / "data.jsonl"
    p.write_text("\n".join(chat(i) for i in range(12)) + "\n")
    return p


def one_line_error(code: int, out: str, err: str, *parts: str) -> None:
    """Exit 2, nothing on stdout, one `ftready:` line on stderr (after argparse's usage), no internal error."""
    assert code == 2, err
    assert out == ""
    lines = [x for x in err.splitlines() if x.startswith("ftready:")]
    assert len(lines) == 1, err
    assert "internal error" not in err and "Traceback" not in err
    for part in parts:
        assert part in lines[0], lines[0]


# ---------------------------------------------------------------------------------------------------------------
# Flags: values refused at the flag, not deep inside the run


@pytest.mark.parametrize(
    ("flag", "value", "says"),
    [
        ("--seed", "-1", "--seed"),
        ("--seed", str(2**32), "--seed"),
        ("--max-example-tokens", "9223372036854775808", "--max-example-tokens"),
        ("--reply-tokens", "1" + "0" * 400, "--reply-tokens"),
        ("--prompt-tokens", "0", "--prompt-tokens"),
        ("--requests-per-month", "1" + "0" * 30, "--requests-per-month"),
        ("--epochs", "x", "--epochs"),
        ("--interval-days", "nan", "--interval-days"),
        ("--updates-per-year", "inf", "--updates-per-year"),
    ],
)
def test_bad_flag_values(data: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str, says: str) -> None:
    one_line_error(*run([str(data), "--report", "json", flag, value], capsys), says)


def test_clean_seed_refused(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one_line_error(*run(["clean", str(data), "-o", str(tmp_path / "o.jsonl"), "--seed", "-1"], capsys), "--seed")
    assert not (tmp_path / "o.jsonl").exists()


def test_flag_values_in_range_still_run(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([str(data), "--report", "json", "--seed", str(2**32 - 1), "--reply-tokens", "10"], capsys)
    assert code in (0, 1), err
    assert json.loads(out)["settings"]["seed"] == 2**32 - 1


# ---------------------------------------------------------------------------------------------------------------
# Configuration files


@pytest.mark.parametrize(
    ("name", "body", "says"),
    [
        ("m.toml", b"[assumptions]\nmodel = 5\n", "assumptions.model: must be a string"),
        ("n.toml", b"[assumptions]\nrequests-per-month = 1e400\n", "finite"),
        ("e.toml", b"[assumptions]\nepochs = -3\n", "assumptions.epochs"),
        ("s.toml", b"seed = -1\n", "seed: must be a whole number"),
        ("t.toml", b"max-example-tokens = 99999999999999999999\n", "max-example-tokens"),
        ("x.toml", b"max-example-tokens = 9223372036854775807\n", "max-example-tokens"),
        ("u.toml", b"format = '\xe9'\n", "not UTF-8"),
        ("deep.toml", b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested too deeply"),
        ("pyproject.toml", b"[tool]\nftready = 'x'\n", "tool.ftready: must be a table"),
    ],
)
def test_bad_config(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, body: bytes, says: str
) -> None:
    cfg = tmp_path / "cfg" / name
    cfg.parent.mkdir()
    cfg.write_bytes(body)
    one_line_error(*run([str(data), "--report", "json", "--config", str(cfg)], capsys), says)


def test_bad_set_value(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one_line_error(*run([str(data), "--report", "json", "--set", "FT302.threshold=nan"], capsys), "finite")


# ---------------------------------------------------------------------------------------------------------------
# Pricing tables


def _table(tmp_path: Path, old: str, new: bytes) -> Path:
    shipped = Path(__file__).resolve().parents[1] / "pricing" / "mistral.yaml"
    raw = shipped.read_bytes()
    assert old.encode() in raw
    d = tmp_path / "pricing-bad"
    d.mkdir(exist_ok=True)
    (d / "mistral.yaml").write_bytes(raw.replace(old.encode(), new, 1))
    return d


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("as_of: 2026-12-02", b"as_of: 2026-02-30", "mistral.yaml:11: as_of: invalid value"),
        ("Mistral AI", b"Mistral\x00AI", "invalid YAML"),
        ("minimum_charge: 4.00", b"minimum_charge: " + b"9" * 400, "minimum_charge: must be a number"),
        ("minimum_charge: 4.00", b"minimum_charge: 1e400", "minimum_charge: must be a number"),
    ],
)
def test_bad_pricing_table(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: bytes, says: str
) -> None:
    d = _table(tmp_path, old, new)
    code, out, err = run(["pricing", "check", str(d / "mistral.yaml")], capsys)
    assert code == 2 and says in err and "internal error" not in err and len(err.splitlines()) == 1, err
    one_line_error(*run([str(data), "--report", "json", "--pricing", str(d)], capsys), says)


# ---------------------------------------------------------------------------------------------------------------
# The file system


def test_name_too_long(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one_line_error(*run(["a" * 300 + ".jsonl", "--report", "json"], capsys), "File name too long")


def test_fifo_refused_up_front(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)  # opening it would block the test: it ends at once or the suite hangs here
    one_line_error(*run([str(fifo), "--report", "json"], capsys), "FIFO")
    one_line_error(*run([str(data), "--report", "json", "--validation", str(fifo)], capsys), "--validation", "FIFO")
    one_line_error(*run([str(data), "--report", "json", "--previous", str(fifo)], capsys), "--previous", "FIFO")
    one_line_error(*run(["clean", str(fifo), "-o", str(tmp_path / "o.jsonl")], capsys), "FIFO")


def test_device_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one_line_error(*run([str(data), "--report", "json", "--previous", "/dev/zero"], capsys), "a device")


def test_deleted_working_directory(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    os.chdir(gone)
    gone.rmdir()
    try:
        os.environ.pop("FTREADY_NO_CONFIG")  # config discovery starts at the working directory
        one_line_error(*run([str(data), "--report", "json"], capsys), "current folder")
    finally:
        os.environ["FTREADY_NO_CONFIG"] = "1"
        os.chdir(tmp_path)


def _deny(monkeypatch: pytest.MonkeyPatch, denied: str) -> None:
    """Make every stat of a path under `denied` fail as it does for a user who cannot search a folder (the
    suite may run as root, for whom no folder is closed)."""
    real_stat = os.stat

    def stat(
        path: str | os.PathLike[str], *, dir_fd: int | None = None, follow_symlinks: bool = True
    ) -> os.stat_result:
        if os.fspath(path).startswith(denied):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_stat(path, dir_fd=dir_fd, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(os, "stat", stat)


def test_unreadable_folder(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "d.jsonl").write_bytes(data.read_bytes())
    _deny(monkeypatch, str(closed))
    one_line_error(*run([str(closed / "d.jsonl"), "--report", "json"], capsys), "permission denied")


def test_unreadable_user_config(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.delenv("FTREADY_PRICING_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    _deny(monkeypatch, str(tmp_path / "home"))
    one_line_error(*run([str(data), "--report", "json"], capsys), "cannot read the user pricing folder")


def test_unreadable_folder_above_is_skipped(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    """Config discovery walks up from the working directory; a folder it cannot look into is passed over."""
    monkeypatch.delenv("FTREADY_NO_CONFIG")
    _deny(monkeypatch, str(tmp_path / "ftready.toml"))
    code, out, err = run([str(data), "--report", "json"], capsys)
    assert code in (0, 1), err
    assert json.loads(out)


def test_other_os_errors_are_one_line(data: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    def boom(*a: object, **k: object) -> None:
        raise OSError(errno.EMFILE, "Too many open files", "somefile")

    monkeypatch.setattr(sys.modules["ftready.cli.main"], "run_report", boom)
    one_line_error(*run([str(data), "--report", "json"], capsys), "somefile: Too many open files")


# ---------------------------------------------------------------------------------------------------------------
# Heavy cases: a real process, real signals, real memory limits


def _spawn(args: list[str], cwd: Path, preexec_fn: Callable[[], object] | None = None) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(SRC), FTREADY_NO_CONFIG="1")
    return subprocess.Popen(
        [sys.executable, "-m", "ftready", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=preexec_fn,
    )


def _group_alive(pgid: int) -> list[int]:
    alive = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(int(d))
    return alive


def _big_file(tmp_path: Path, mb: int) -> Path:
    p = tmp_path / "big.jsonl"
    with p.open("w") as fh:
        i = 0
        while fh.tell() < mb << 20:
            fh.write("\n".join(chat(k) for k in range(i, i + 1000)) + "\n")
            i += 1000
    return p


@HEAVY
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_ends_every_process(tmp_path: Path, sig: signal.Signals) -> None:
    big = _big_file(tmp_path, 40)
    proc = _spawn([str(big), "--report", "json", "-q"], tmp_path)
    time.sleep(8)  # well into the analysis, with its worker processes running
    assert proc.poll() is None
    os.kill(proc.pid, sig)
    start = time.monotonic()
    _, err = proc.communicate(timeout=10)
    took = time.monotonic() - start
    time.sleep(0.5)
    left = _group_alive(proc.pid)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert b"interrupted" in err and b"Traceback" not in err, err
    assert took < 2.5
    assert left == []


@HEAVY
def test_gzip_bomb_under_a_memory_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    block = gzip.compress(b"A" * (64 << 20), 9)
    with bomb.open("wb") as fh:
        fh.write(gzip.compress(b'{"messages": "'))
        for _ in range(96):  # 6 GiB of one line, 6 MB on disk
            fh.write(block)
        fh.write(gzip.compress(b'"}\n'))
    proc = _spawn([str(bomb), "--report", "json"], tmp_path, preexec_fn=lambda: _limit_memory(4 << 30))
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert err.count(b"\n") == 1 and b"ftready:" in err, err


def _limit_memory(n: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (n, n))


# ---------------------------------------------------------------------------------------------------------------
# clean: only what was analysed, in the container OUT names, nothing left behind


def test_clean_json_array_with_syntax_error(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arr = tmp_path / "arr.json"
    arr.write_text(
        '[{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"}]},\n{"messages": oops},\n'
        '{"messages":[{"role":"user","content":"c"},{"role":"assistant","content":"d"}]}]\n'
    )
    before = set(os.listdir(tmp_path))
    one_line_error(*run(["clean", str(arr), "-o", str(tmp_path / "out.json")], capsys), "arr.json:2:", "FT101")
    code, out, err = run(["clean", str(arr), "-o", str(tmp_path / "out.json")], capsys)
    assert "changed" not in err
    assert set(os.listdir(tmp_path)) == before  # no OUT, no hidden temporary file


@pytest.mark.parametrize(("src_name", "out_name"), [("d.json", "o.jsonl"), ("d.jsonl", "o.json"), ("d.json", "o.json")])
def test_clean_writes_the_container_its_name_says(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], src_name: str, out_name: str
) -> None:
    records = [json.loads(x) for x in data.read_text().splitlines()]
    src = tmp_path / src_name
    if src_name.endswith(".jsonl"):
        src.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    else:
        src.write_text(json.dumps(records, indent=2))
    code, _, err = run(["clean", str(src), "-o", str(tmp_path / out_name)], capsys)
    assert code == 0, err
    text = (tmp_path / out_name).read_text()
    got = json.loads(text) if out_name.endswith(".json") else [json.loads(x) for x in text.splitlines()]
    assert got == records


def test_clean_csv_to_jsonl(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "d.csv"
    src.write_text('text,label\n"first, with comma",a\n"second\nline",b\nthird,a\nfourth,b\n')
    code, _, err = run(["clean", str(src), "-o", str(tmp_path / "o.jsonl")], capsys)
    assert code == 0, err
    rows = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert rows[:2] == [{"text": "first, with comma", "label": "a"}, {"text": "second\nline", "label": "b"}]
    one_line_error(*run(["clean", str(data), "-o", str(tmp_path / "o.csv")], capsys), "CSV")


def test_clean_leaves_nothing_when_writing_fails(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ftready.clean as cleaning

    def fail(self: object, raw: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cleaning._Output, "add", fail)
    before = set(os.listdir(tmp_path))
    one_line_error(*run(["clean", str(data), "-o", str(tmp_path / "o.jsonl")], capsys), "No space left")
    assert set(os.listdir(tmp_path)) == before


# ---------------------------------------------------------------------------------------------------------------
# Lines: the physical line in every container


def test_physical_lines_for_csv_and_json_arrays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    isolate(monkeypatch, tmp_path)
    rows = [json.loads(chat(i)) for i in range(8)]
    rows[5]["messages"][1]["content"] = ""  # an empty reply: a problem on the record's own line
    arr = tmp_path / "d.json"
    arr.write_text(json.dumps(rows, indent=1))
    starts = [n for n, x in enumerate(arr.read_text().splitlines(), start=1) if x == " {"]
    code, out, _ = run([str(arr), "--report", "github"], capsys)
    assert f"line={starts[5]}," in out and code == 1
    csv_file = tmp_path / "d.csv"
    csv_file.write_text('text,label\n"a\nb",x\nhello,y\n"",z\nmore,y\n')
    code, out, _ = run([str(csv_file), "--report", "json"], capsys)
    assert [p["line"] for p in json.loads(out)["problems"]] == [5]


def test_leakage_annotation_is_on_the_validation_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate(monkeypatch, tmp_path)
    train = tmp_path / "train.jsonl"
    val = tmp_path / "val.jsonl"
    train.write_text("\n".join(chat(i) for i in range(30)) + "\n")
    val.write_text("\n".join(chat(i) for i in (100, 101, 5)) + "\n")  # line 3 is training line 6
    code, out, _ = run([str(train), "--validation", str(val), "--report", "github"], capsys)
    leak = [x for x in out.splitlines() if "FT304" in x]
    assert leak and f"file={val},line=" in leak[0] and f"file={train}" not in leak[0]
    assert "validation line 3 = training line 6" in leak[0]


def test_millions_of_broken_lines_are_counted_not_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Past MAX_PROBLEMS the loader counts problems by code instead of keeping each one: the report stays small
    and the counts stay exact (8 MB of `1` lines once took 6 GB and a 463 MB report)."""
    from ftready.load import MAX_PROBLEMS

    isolate(monkeypatch, tmp_path)
    chat = {"messages": [{"role": "user", "content": "Question?"}, {"role": "assistant", "content": "Answer."}]}
    broken = MAX_PROBLEMS + 2_345
    path = tmp_path / "broken.jsonl"
    path.write_text(
        "".join(json.dumps({**chat, "id": i}) + "\n" for i in range(20)) + "1\n" * broken + "{oops\n",
        encoding="utf-8",
    )
    code, out, _ = run([str(path), "--report", "json", "--select", "FT100"], capsys)
    rep = json.loads(out)
    assert code == 1 and len(rep["problems"]) == MAX_PROBLEMS
    assert rep["dataset"]["problems"] == broken + 1 and rep["dataset"]["invalid"] == broken + 1
    (f,) = rep["findings"]
    assert f["count"] == broken + 1
    assert f["message"] == (
        f"{broken + 1:,} of {broken + 21:,} records cannot be used (FT101 ×1, FT102 ×{broken:,}); "
        f"the first {MAX_PROBLEMS:,} are listed"
    )
    _, md, _ = run([str(path), "--report", "markdown", "--select", "FT100"], capsys)
    assert f"… and {broken + 1 - 100:,} more (see `--report json`)." in md  # the Markdown report lists 100
