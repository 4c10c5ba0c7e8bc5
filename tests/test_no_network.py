"""ftready as a CI citizen: no network connection, no write to an input file, and the pre-commit hook."""

from __future__ import annotations

import gzip
import json
import re
import shlex
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from ftready.cli import main
from testkit import isolate

ROOT = Path(__file__).resolve().parents[1]


def chat(i: int) -> dict:
    return {
        "messages": [
            {"role": "system", "content": "You answer questions about invoices."},
            {"role": "user", "content": f"Question {i}: where do I find invoice {i * 7} from {2020 + i % 5}?"},
            {"role": "assistant", "content": f"Invoice {i * 7} is under Billing, then History, row {i}."},
        ]
    }


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    """A training file (JSONL, with one bad line), a validation file (JSON array) and a previous version (.gz)."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    train = folder / "train.jsonl"
    train.write_text("\n".join([*(json.dumps(chat(i)) for i in range(120)), "{oops", json.dumps(chat(3))]) + "\n")
    val = folder / "val.json"
    val.write_text(json.dumps([chat(i) for i in range(115, 135)], indent=1))
    prev = folder / "prev.jsonl.gz"
    prev.write_bytes(gzip.compress("\n".join(json.dumps(chat(i)) for i in range(10, 110)).encode()))
    pricing = folder / "pricing"
    shutil.copytree(ROOT / "pricing", pricing)
    return {"train": train, "val": val, "prev": prev, "pricing": pricing}


def test_full_analysis_with_sockets_disabled(
    inputs: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    attempts: list[str] = []

    def refuse(name: str) -> Callable[..., object]:
        def blocked(*args: object, **kwargs: object) -> object:
            attempts.append(f"{name}{args[:2]}")
            raise OSError(f"network access attempted: {name}")

        return blocked

    monkeypatch.setattr(socket, "socket", refuse("socket.socket"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    with pytest.raises(OSError, match="network access attempted"):
        socket.create_connection(("example.com", 443))  # the guard itself works
    attempts.clear()

    args = [str(inputs["train"]), "--validation", str(inputs["val"]), "--previous", str(inputs["prev"])]
    code = main([*args, "--report", "json", "--pricing", str(inputs["pricing"]), "--interval-days", "30"])
    out, err = capsys.readouterr()
    assert attempts == [], attempts
    assert code in (0, 1), err
    assert "internal error" not in err and "Traceback" not in err
    rep = json.loads(out)
    assert rep["dataset"]["records"] == 122 and rep["dataset"]["invalid"] == 1
    assert rep["duplicates"]["leakage"]["validation_path"] == str(inputs["val"])
    assert rep["duplicates"]["leakage"]["exact"] == 5  # validation examples 115-119 are in training too
    assert rep["churn"] is not None and rep["churn"]["previous_path"] == str(inputs["prev"])
    assert rep["costs"] is not None and rep["diversity"] is not None and rep["privacy"] is not None
    assert {f["code"][:3] for f in rep["findings"]} >= {"FT1", "FT3"}
    # every check family ran (nothing was skipped for want of a download)
    assert set(rep["timings"]) >= {"load", "tokens", "duplicates", "diversity", "privacy", "churn", "costs"}


def _state(paths: list[Path]) -> dict[Path, tuple[bytes, int]]:
    out: dict[Path, tuple[bytes, int]] = {}
    for root in paths:
        for p in [root] if root.is_file() else sorted(root.rglob("*")):
            if p.is_file():
                out[p] = (p.read_bytes(), p.stat().st_mtime_ns)
    return out


def test_no_command_writes_to_its_inputs(
    inputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    train, val, prev, pricing = (str(inputs[k]) for k in ("train", "val", "prev", "pricing"))
    outdir = tmp_path / "out"
    outdir.mkdir()
    folder = inputs["train"].parent
    before = _state([folder])
    listing = sorted(p.name for p in folder.rglob("*"))
    commands = [
        *([train, "--report", fmt] for fmt in ("markdown", "json", "github", "junit")),
        [train, "--validation", val, "--previous", prev, "--report", "json", "--pricing", pricing],
        [train, "--report", "json", "-o", str(outdir / "report.json")],
        [train, "--report", "-o", str(outdir / "report.md")],
        [train],  # no terminal: the Markdown report
        [val, "--report", "json"],
        [prev, "--report", "github"],
        ["clean", train, "-o", str(outdir / "clean.jsonl")],
        ["clean", val, "-o", str(outdir / "clean.json"), "--split", "0.2"],
        ["clean", prev, "-o", str(outdir / "clean.jsonl.gz"), "--keep-near"],
        ["explain", "FT101"],
        ["checks"],
        ["pricing", "check"],
        ["pricing", "check", pricing],
        ["pricing", "check", str(inputs["pricing"] / "openai.yaml")],
        ["pricing", "list", "--pricing", pricing],
    ]
    for cmd in commands:
        code = main(cmd)
        _, err = capsys.readouterr()
        assert code in (0, 1), (cmd, err)
        assert _state([folder]) == before, f"{cmd} changed an input file"
        assert sorted(p.name for p in folder.rglob("*")) == listing, f"{cmd} left a file beside the inputs"
    assert sorted(p.name for p in outdir.iterdir()) == [
        "clean.json",
        "clean.jsonl",
        "clean.jsonl.gz",
        "clean.val.json",
        "report.json",
        "report.md",
    ]
    # refusing to write over an input leaves it alone too
    for cmd in ([train, "--report", "-o", train], ["clean", train, "-o", train]):
        assert main(cmd) == 2
        assert "refusing to overwrite" in capsys.readouterr().err
    assert _state([folder]) == before


# ------------------------------------------------------------------------------------------------ pre-commit hook


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["ftready"]
    hook = hooks[0]
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert set(hook) <= {
        "id",
        "name",
        "description",
        "language",
        "entry",
        "args",
        "files",
        "pass_filenames",
        "require_serial",
    }
    files = re.compile(hook["files"])
    for name in (
        "data/train.jsonl",
        "val.json",
        "intents.csv",
        "train.jsonl.gz",
        "x.csv.gz",
        "a.ndjson",
        "b.tsv",
        "data/train-00000-of-00001.parquet",
    ):
        assert files.search(name), name
    for name in ("README.md", "train.jsonl.bak", "model.bin", "data.parquet.bak", "x.parquet.gz"):
        assert not files.search(name), name


def _hook(files: list[str], cwd: Path, args: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the hook the way pre-commit does: entry (split like a shell), then args, then the staged files."""
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]
    cmd = shlex.split(hook["entry"])
    assert cmd[:2] == ["ftready", "check"]
    cmd[:1] = [sys.executable, "-m", "ftready"]  # pre-commit's hook environment has ftready installed; so does this
    return subprocess.run(
        [*cmd, *(hook["args"] if args is None else args), *files], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_pre_commit_hook_runs_once_per_file(inputs: dict[str, Path], tmp_path: Path) -> None:
    folder = inputs["train"].parent
    (folder / "good.jsonl").write_text("\n".join(json.dumps(chat(i)) for i in range(150)) + "\n")
    (folder / "package.json").write_text('{"name": "web", "version": "1.0.0"}\n')  # matched by the pattern too
    # the default flags: the findings of each dataset, one line for the file that is not one, the worst exit code
    res = _hook(["train.jsonl", "package.json", "val.json"], folder)
    assert res.returncode == 2, res.stderr
    assert res.stdout.count("## Findings") == 2
    assert "# train.jsonl\n" in res.stdout and "# val.json\n" in res.stdout
    assert "FT100 invalid-records" in res.stdout and "121" in res.stdout  # the broken line of train.jsonl
    assert res.stderr == (
        "ftready: package.json: not a fine-tuning dataset: no record fits a known layout (1 record); fields seen: "
        "name, version; if name holds the prompt and version the reply, try --map prompt=name,reply=version\n"
    )
    # flags overridden in .pre-commit-config.yaml
    res = _hook(["good.jsonl"], folder, ["--ignore", "FT4,FT6,FT7,FT8"])
    assert res.returncode == 0, res.stdout
    assert _hook([], folder).returncode == 0  # nothing staged, nothing to check
