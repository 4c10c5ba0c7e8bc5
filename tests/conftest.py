from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from ftready.load.frame import frame_from_rows
from ftready.model import DatasetInfo
from ftready.rules.codes import DEFAULTS
from ftready.settings import Settings
from ftready.stages.context import Context

ROOT = Path(__file__).resolve().parents[1]


def _datasets_dir() -> Path:
    env = os.environ.get("FTREADY_SHARED_DATASETS")
    return Path(env) if env else ROOT.parent / "shared" / "datasets"


@pytest.fixture
def shared_datasets() -> Path:
    """The real public datasets beside the checkout; tests using them skip when the folder is absent."""
    d = _datasets_dir()
    if not d.is_dir():
        pytest.skip(f"real datasets not found at {d}")
    return d


@pytest.fixture
def make_ctx() -> Callable[..., Context]:
    """Build a check Context from canonical rows (dicts with prompt/response/system/label/...)."""

    def make(
        rows: Sequence[Mapping[str, Any]], settings: Settings | None = None, fmt: str = "openai-chat", **kw: Any
    ) -> Context:
        frame = frame_from_rows(rows)
        info = DatasetInfo(
            path="test.jsonl",
            format=fmt,
            format_name=fmt,
            container="jsonl",
            records=len(rows),
            examples=len(rows),
            invalid=0,
            bytes=0,
        )
        settings = settings or Settings()
        kw.setdefault("defaults", DEFAULTS)
        return Context(
            frame=frame,
            info=info,
            problems=[],
            settings=settings,
            effective_examples=len(rows),
            **kw,
        )

    return make


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under tmp_path and return its path."""

    def write(name: str, content: str | bytes) -> Path:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return p

    return write
