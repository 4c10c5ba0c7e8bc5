"""Output files that cannot do harm: stdout for '-', devices written in place, inputs and read-only files
refused, atomic replacement that leaves nothing behind."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from ftready import io
from ftready.errors import UsageError
from ftready.io import printable, write_output


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_dash_is_stdout(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_output("-", "report\n")
    assert capsys.readouterr().out == "report\n"
    assert not (tmp_path / "-").exists()


def test_regular_file_is_replaced_atomically_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("old")
    os.chmod(target, 0o640)
    write_output(target, "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("unnamed", [True, False], ids=["unnamed-file", "named-temp"])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed: bool
) -> None:
    target = tmp_path / "r.json"
    target.write_text("old")
    if not unnamed:
        monkeypatch.delattr(os, "O_TMPFILE")

    def boom(*a: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io.os, "replace", boom)
    with pytest.raises(UsageError, match="cannot write: No space left on device"):
        write_output(target, "new")
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_a_device_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, "through the pipe\n")
    reader.join(5)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    write_output("/dev/null", "gone")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_inputs_input_folders_directories_and_read_only_files_are_refused(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text("{}\n")
    pricing = tmp_path / "prices"
    pricing.mkdir()
    (pricing / "openai.yaml").write_text("x: 1\n")
    ro = tmp_path / "ro.json"
    ro.write_text("keep")
    os.chmod(ro, 0o444)
    cases = {
        str(data): "input of this run",
        str(tmp_path / "." / "d.jsonl"): "input of this run",
        str(pricing / "openai.yaml"): "inside the pricing folder",
        str(pricing / "new.json"): "inside the pricing folder",
        str(tmp_path): "is a directory",
        str(ro): "read-only",
        str(tmp_path / "missing" / "r.json"): "does not exist",
    }
    for target, why in cases.items():
        with pytest.raises(UsageError, match=why):
            write_output(target, "x", inputs=[str(data), None], input_dirs=[str(pricing)])
    assert data.read_text() == "{}\n" and ro.read_text() == "keep"
    assert (pricing / "openai.yaml").read_text() == "x: 1\n"


def test_printable_escapes_control_characters_and_undecodable_bytes() -> None:
    assert printable("a\x01b") == "a\\x01b"
    assert printable("x\x1b]8;;http://e\x07y") == "x\\x1b]8;;http://e\\x07y"
    assert printable(os.fsdecode(b"caf\xe9.jsonl")) == "caf\\xe9.jsonl"
    assert printable("tab\tnew\nline") == "tab\tnew\nline"
    assert printable("plain ünïcode 東京") == "plain ünïcode 東京"


def test_cli_output_flag_refuses_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from testkit import isolate, run

    isolate(monkeypatch, tmp_path)
    data = tmp_path / "d.jsonl"
    data.write_text('{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}\n')
    cfg = tmp_path / "cfg.toml"
    cfg.write_text("strict = false\n")
    code, _, err = run([str(data), "--config", str(cfg), "--report", "json", "-o", str(cfg)], capsys)
    assert code == 2 and "refusing to overwrite an input" in err
    assert cfg.read_text() == "strict = false\n"
    code, out, _ = run([str(data), "--report", "json", "-o", "-"], capsys)
    assert code in (0, 1) and out.startswith("{") and not (tmp_path / "-").exists()
