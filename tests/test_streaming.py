"""Streaming token counting (threads or worker processes, during the read) gives exactly the in-memory result."""

from __future__ import annotations

import json
import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import ftready.pipeline as analysis_mod
from ftready import Settings, analyse
from ftready.load import load_dataset
from ftready.tokens import TokenStream, count_frame, count_slots, get_encoder


def _dataset(path: Path, n: int = 3000) -> Path:
    rng = random.Random(5)
    words = "alpha beta gamma delta data model reply system user a the of ünïcode 数据 <|endoftext|>".split()
    lines: list[str] = []
    for i in range(n):
        msgs = [{"role": "system", "content": "You are a helpful assistant for invoices."}]
        for _ in range(rng.randint(1, 2)):
            msgs.append({"role": "user", "content": " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))})
            msgs.append(
                {"role": "assistant", "content": " ".join(rng.choice(words) for _ in range(rng.randint(1, 80)))}
            )
        if i % 17 == 0:
            msgs[1]["name"] = "alice"
        if i % 25 == 24:  # an exact copy of the example before, but for letter case and spacing
            msgs = json.loads(lines[-1])["messages"]
            msgs[2]["content"] = msgs[2]["content"].upper() + "  "
        elif i % 10 == 9:  # a near copy of the example before: one word of its first reply changed
            msgs = json.loads(lines[-1])["messages"]
            words_ = msgs[2]["content"].split()
            words_[len(words_) // 2] = "changed"
            msgs[2]["content"] = " ".join(words_)
        lines.append(json.dumps({"messages": msgs}, ensure_ascii=i % 2 == 0))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("processes", [False, True])
def test_stream_and_in_memory_counts_are_identical(tmp_path: Path, processes: bool) -> None:
    p = _dataset(tmp_path / "d.jsonl")
    enc = get_encoder("cl100k_base")
    mem = load_dataset(p)
    mem_frame, mem_stats = count_frame(mem.frame, mem.segments, mem.overhead, enc, max_example_tokens=200)
    stream = TokenStream(enc, processes=processes, workers=2)
    try:
        st = load_dataset(p, tokens=stream)
        tok, byt = stream.result()
    finally:
        stream.close()
    st_frame, st_stats = count_slots(st.frame, st.segments, st.overhead, tok, byt, enc, max_example_tokens=200)
    assert st_frame.equals(mem_frame)
    assert st_stats == mem_stats
    assert st_stats.over_limit > 0


def test_full_reports_are_identical_across_counting_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _dataset(tmp_path / "d.jsonl", 1500)
    # a validation file that repeats some training examples (leakage through the helper's signatures)
    train_lines = p.read_text(encoding="utf-8").splitlines()
    val = _dataset(tmp_path / "v.jsonl", 60)
    val.write_text("\n".join(val.read_text(encoding="utf-8").splitlines() + train_lines[100:130]) + "\n", "utf-8")
    # every check: with processes, near-duplicate signatures and the topic model come from a helper
    s = Settings(validation=str(val))

    def report() -> dict:
        d = analyse(p, s).to_dict()
        d.pop("timings")
        return d

    threads = report()
    monkeypatch.setattr(analysis_mod, "PROCESS_THRESHOLD_BYTES", 0)
    processes = report()
    assert threads["duplicates"]["near"]["group_count"] > 0
    assert threads["duplicates"]["exact"]["group_count"] > 0
    assert threads["duplicates"]["leakage"]["count"] >= 30
    assert threads == processes


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe sizes are a Linux setting")
def test_spawned_pools_have_wide_pipes() -> None:
    import fcntl

    from ftready.procs import PIPE_BYTES, spawn_pool

    pool = spawn_pool(1)
    try:
        fd = pool._result_queue._reader.fileno()  # type: ignore[attr-defined]  # private, not in the stdlib stubs
        assert fcntl.fcntl(fd, 1032) == PIPE_BYTES  # F_GETPIPE_SZ
        big = "x" * (3 * PIPE_BYTES)
        assert pool.submit(len, big).result() == len(big)
    finally:
        pool.shutdown()


def test_a_pool_whose_pipes_cannot_be_widened_still_works(monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    from ftready.procs import spawn_pool

    def refuse(*_a: object) -> int:
        raise OSError("not allowed here")

    monkeypatch.setattr(fcntl, "fcntl", refuse)
    pool = spawn_pool(1)
    try:
        assert pool.submit(len, "abc").result() == 3
    finally:
        pool.shutdown()


def test_fast_report_matches_exact_over_limit_lines_and_total_within_its_bound(tmp_path: Path) -> None:
    p = _dataset(tmp_path / "d.jsonl", 9000)  # more examples than --fast samples
    val = tmp_path / "v.jsonl"
    val.write_text("\n".join(p.read_text(encoding="utf-8").splitlines()[:300]) + "\n", encoding="utf-8")
    s = Settings(select=("FT1", "FT2"), max_example_tokens=150, validation=str(val))
    exact_run = analyse(p, s)
    fast_run = analyse(p, replace(s, fast=True))
    exact, fast = exact_run.tokens, fast_run.tokens
    assert exact is not None and fast is not None
    # the validation file is counted in full in both modes
    assert isinstance(exact_run.context, analysis_mod._Saved) and isinstance(fast_run.context, analysis_mod._Saved)
    val_exact, val_fast = exact_run.context.ctx.validation, fast_run.context.ctx.validation
    assert val_exact is not None and val_fast is not None
    assert val_fast["tokens"].null_count() == 0 and val_fast["tokens"].equals(val_exact["tokens"])
    assert fast.sampled and not exact.sampled and fast.error_bound is not None
    assert exact.over_limit > 0 and fast.over_limit_lines == exact.over_limit_lines
    assert abs(fast.total - exact.total) <= fast.error_bound * exact.total
