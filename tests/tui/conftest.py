"""Fixtures for the app tests: isolated settings and pricing folders, small datasets, and helpers that wait for
the app's workers instead of sleeping."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tui import data

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"


@pytest.fixture(autouse=True)
def tui_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fixed date, no config discovery, no theme override, an empty user pricing folder of the test's own."""
    monkeypatch.setenv("FTREADY_TODAY", TODAY)
    monkeypatch.setenv("FTREADY_NO_CONFIG", "1")
    monkeypatch.delenv("FTREADY_THEME", raising=False)
    monkeypatch.delenv("FTREADY_DEBUG", raising=False)
    user = tmp_path / "user-pricing"
    user.mkdir()
    monkeypatch.setenv("FTREADY_PRICING_DIR", str(user))
    monkeypatch.chdir(ROOT)  # pricing files are shown relative to the working directory
    import textual.constants

    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")  # no waiting for tab underlines to slide
    return user


@pytest.fixture
def user_pricing(tui_env: Path) -> Path:
    return tui_env


@pytest.fixture(scope="session")
def chat(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The chat fixture with its validation file; `lines` says where the planted defects are. Written once per
    session (the app never writes to a dataset; reports exported next to it are rewritten by each test)."""
    tmp_path = tmp_path_factory.mktemp("chat")
    path = tmp_path / "chat.jsonl"
    lines = data.write_chat(path)
    val = tmp_path / "val.jsonl"
    data.write_validation(val)
    return {"path": path, "validation": val, "lines": lines}


@pytest.fixture(scope="session")
def labels_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("labels") / "labels.jsonl"
    data.write_labels(path)
    return path


_ANALYSES: dict[str, Any] = {}


@pytest.fixture(autouse=True)
def reuse_analyses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The core is deterministic: an analysis of the same files with the same settings, pricing tables and date is
    computed once per session and shared (Analysis objects are immutable). Keeps the app tests fast."""
    import json
    import os

    from ftready import pipeline as core

    real = core.analyse

    def stamp(p: Any) -> Any:
        try:
            st = os.stat(p)
        except (OSError, TypeError):
            return None
        return (str(p), st.st_mtime_ns, st.st_size)

    def key(path: Any, settings: Any) -> str:
        folder = os.environ.get("FTREADY_PRICING_DIR", "")
        tables = sorted(stamp(f) for f in Path(folder).glob("*.y*ml")) if folder else []
        return json.dumps(
            [stamp(path), stamp(settings.validation), settings.to_dict(), tables, os.environ.get("FTREADY_TODAY")],
            default=str,
        )

    def analyse(path: Any, settings: Any = None, **kw: Any) -> Any:
        from ftready.settings import Settings

        settings = settings or Settings()
        k = key(path, settings)
        if k not in _ANALYSES:
            _ANALYSES[k] = real(path, settings, **kw)
        return _ANALYSES[k]

    monkeypatch.setattr(core, "analyse", analyse)
