"""`ftready check FILE...` and the verified cache of parsed token ranks."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from ftready import encodings
from ftready.cli import main

ROOT = Path(__file__).resolve().parent.parent


_WORDS = [
    a + b for a in ("ka", "lo", "mi", "ten", "ra", "su", "ve", "dor") for b in ("pi", "an", "el", "ost", "ru", "ni")
]


def _chat(i: int) -> dict[str, object]:
    """A varied example: seeded random words, so that no diversity or duplicate check fires."""
    rng = random.Random(i)
    prompt = " ".join(rng.choice(_WORDS) for _ in range(12)) + "?"
    reply = " ".join(rng.choice(_WORDS) for _ in range(40)) + "."
    return {"messages": [{"role": "user", "content": prompt}, {"role": "assistant", "content": reply}]}


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("FTREADY_NO_CONFIG", "1")
    monkeypatch.setenv("FTREADY_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def test_exit_codes_and_findings_only(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok = _write(env / "ok.jsonl", [_chat(i) for i in range(150)])
    tiny = _write(env / "tiny.jsonl", [_chat(i) for i in range(5)])  # FT201 error: under 10 examples
    assert main(["check", str(ok), "--ignore", "FT7"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {ok}\n\n## Findings") and "## Summary" not in out and "## Diversity" not in out
    assert main(["check", str(ok), str(tiny), "--ignore", "FT7"]) == 1
    out = capsys.readouterr().out
    assert out.count("## Findings") == 2 and "FT201 dataset-size" in out
    # a missing file: one line on stderr, the other files still checked, exit 2
    assert main(["check", str(env / "missing.jsonl"), str(tiny)]) == 2
    cap = capsys.readouterr()
    assert cap.err.strip().splitlines() == [f"ftready: {env / 'missing.jsonl'}: no such file"]
    assert "FT201" in cap.out
    assert main(["check"]) == 0  # nothing staged


def test_usage_errors_exit_2(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok = _write(env / "ok.jsonl", [_chat(i) for i in range(20)])
    assert main(["check", str(ok), "--report", "json"]) == 2
    assert "use `ftready FILE --report`" in capsys.readouterr().err
    assert main(["check", str(ok), "--no-such-flag"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_small_files_import_no_heavy_library(env: Path) -> None:
    """A findings-only run on 120 examples skips the topic model (FT406 needs 200): no scikit-learn, rich or
    textual is imported, and the findings are those of the full run."""
    rows = [_chat(i) for i in range(120)]
    path = _write(env / "d.jsonl", rows)
    code = (
        "import sys; from ftready.cli import main; rc = main(['check', sys.argv[1]]);"
        "print(sorted(m for m in ('sklearn', 'rich', 'textual') if m in sys.modules)); sys.exit(rc)"
    )
    res = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=300, cwd=env)
    assert res.returncode in (0, 1), res.stderr
    assert res.stdout.strip().splitlines()[-1] == "[]"
    full = subprocess.run(
        [sys.executable, "-m", "ftready", str(path), "--report", "json", "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=env,
    )
    codes = {f["code"] for f in json.loads(full.stdout)["findings"]}
    assert codes == {c for c in codes if f"**{c} " in res.stdout}


def test_rank_cache_is_verified_and_rebuilt(env: Path) -> None:
    try:
        encodings.shipped_file("o200k_base")
    except encodings.NotShipped:
        pytest.skip("bpe-openai is not installed")
    first = encodings.cached_ranks("o200k_base")
    files = list((env / "cache").glob("o200k_base-*.ranks"))
    assert len(files) == 1
    assert encodings.cached_ranks("o200k_base") == first == encodings.verified_ranks("o200k_base")
    # a corrupt cache (one byte of a token changed) is not used: the ranks are rebuilt from the verified file
    data = bytearray(files[0].read_bytes())
    data[-1] ^= 0xFF
    files[0].write_bytes(bytes(data))
    assert encodings._decode_cache(bytes(data), b"", b"") is None
    assert encodings.cached_ranks("o200k_base") == first
    assert files[0].read_bytes() != bytes(data)  # and the cache is rewritten
    files[0].write_bytes(b"FTRANKS1 truncated")
    assert encodings.cached_ranks("o200k_base") == first
