"""Helpers shared by several test modules (this folder is on the import path while the tests run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ftready.cli import main
from ftready.load import load_dataset
from ftready.model.jsontypes import JSONObject, JSONValue
from ftready.rules.codes import DEFAULTS
from ftready.settings import Settings
from ftready.stages.context import Context


def isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *, config: bool = False) -> None:
    """Run the command line as on a clean machine: in tmp_path, no user pricing tables, a fixed today, no debug
    tracebacks; configuration files are read only with `config`."""
    monkeypatch.chdir(tmp_path)
    if config:
        monkeypatch.delenv("FTREADY_NO_CONFIG", raising=False)
    else:
        monkeypatch.setenv("FTREADY_NO_CONFIG", "1")
    monkeypatch.setenv("FTREADY_PRICING_DIR", str(tmp_path / "no-user-pricing"))
    monkeypatch.setenv("FTREADY_TODAY", "2026-11-23")
    monkeypatch.delenv("FTREADY_DEBUG", raising=False)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`ftready ARGS` in-process: (exit code, stdout, stderr)."""
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def ctx_from_file(path: Path) -> Context:
    """The check context of a loaded file, before any stage has run."""
    loaded = load_dataset(path)
    return Context(
        frame=loaded.frame,
        info=loaded.info,
        problems=loaded.problems,
        settings=Settings(),
        effective_examples=loaded.frame.height,
        defaults=DEFAULTS,
    )


def obj(value: JSONValue) -> JSONObject:
    """`value` as a JSON object; the test fails when it is anything else."""
    assert isinstance(value, dict), value
    return value


def arr(value: JSONValue) -> list[JSONValue]:
    """`value` as a JSON array; the test fails when it is anything else."""
    assert isinstance(value, list), value
    return value


def string(value: JSONValue) -> str:
    """`value` as a JSON string; the test fails when it is anything else."""
    assert isinstance(value, str), value
    return value


def integer(value: JSONValue) -> int:
    """`value` as a JSON integer; the test fails when it is anything else."""
    assert isinstance(value, int), value
    return value


def number(value: JSONValue) -> float:
    """`value` as a JSON number; the test fails when it is anything else."""
    assert isinstance(value, (int, float)), value
    return value


def objs(value: JSONValue) -> list[JSONObject]:
    """`value` as a JSON array of objects; the test fails when it is anything else."""
    return [obj(v) for v in arr(value)]
