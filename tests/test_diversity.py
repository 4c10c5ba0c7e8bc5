from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftready.pipeline import compute, evaluate
from ftready.settings import Settings
from ftready.stages import diversity
from ftready.stages.context import Context
from testkit import ctx_from_file

MakeCtx = Callable[..., Context]
CODES = ("FT401", "FT402", "FT403", "FT404", "FT405", "FT406")

_SYLLABLES = ["ka", "lo", "mi", "ten", "ra", "su", "ve", "dor", "pi", "an", "el", "ost", "ru", "ni", "cha", "we"]


def _vocabulary(size: int) -> list[str]:
    rng = np.random.default_rng(1234)  # fixed: the vocabulary never depends on the dataset size
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        w = "".join(rng.choice(_SYLLABLES, size=int(rng.integers(1, 4))))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


VOCAB = _vocabulary(4_000)
TOPICS = 20
TOPIC_VOCAB = 100  # the last TOPICS * TOPIC_VOCAB words are topic words


def texts(rng: np.random.Generator, n: int, lo: int, hi: int, topics: np.ndarray) -> list[str]:
    """n texts of lo..hi words: a Zipf draw from the common vocabulary mixed with the example's topic words."""
    lengths = rng.integers(lo, hi, size=n)
    total = int(lengths.sum())
    doc = np.repeat(np.arange(n), lengths)
    common = len(VOCAB) - TOPICS * TOPIC_VOCAB
    glob = np.minimum(rng.zipf(1.2, size=total) - 1, common - 1)
    topical = common + topics[doc] * TOPIC_VOCAB + np.minimum(rng.zipf(1.3, size=total) - 1, TOPIC_VOCAB - 1)
    ids = np.where(rng.random(total) < 0.3, topical, glob)
    vocab = np.array(VOCAB, dtype=object)
    return [" ".join(part) for part in np.split(vocab[ids], np.cumsum(lengths)[:-1])]


def varied_rows(n: int, seed: int = 0, reply: tuple[int, int] = (40, 90)) -> list[dict[str, Any]]:
    """A seeded generator of varied chat examples: the same distribution whatever `n` is."""
    rng = np.random.default_rng(seed)
    topics = rng.integers(0, TOPICS, size=n)
    prompts = texts(rng, n, 30, 60, topics)
    replies = texts(rng, n, *reply, topics)
    return [{"prompt": p, "response": r} for p, r in zip(prompts, replies, strict=True)]


def run(code: str, ctx: Context, settings: Settings | None = None) -> Any:
    if settings is not None:
        ctx.settings = settings
    found = evaluate(ctx, code)
    return found[0] if found else None


def section(ctx: Context) -> Any:
    """The diversity section as the JSON report shows it."""
    compute(ctx, "diversity")
    assert ctx.diversity is not None
    return ctx.diversity.to_dict()


def _stage(ctx: Context) -> Any:
    return diversity.run(ctx).to_dict()


def fired(ctx: Context) -> set[str]:
    return {code for code in CODES if run(code, ctx) is not None}


# --- the metrics themselves -------------------------------------------------------------------------------------


def test_distinct_ngrams_counts_within_documents() -> None:
    h = np.array([1, 2, 1, 2], dtype=np.uint64)
    one_doc = np.zeros(4, dtype=np.int64)
    assert diversity.distinct_ngrams(h, one_doc, 1) == pytest.approx(2 / 4)
    assert diversity.distinct_ngrams(h, one_doc, 2) == pytest.approx(2 / 3)  # (1,2) (2,1) (1,2)
    two_docs = np.array([0, 0, 1, 1])
    assert diversity.distinct_ngrams(h, two_docs, 2) == pytest.approx(1 / 2)  # (1,2) twice; (2,1) crosses docs
    assert diversity.distinct_ngrams(h, one_doc, 5) == 0.0


def test_section_states_samples_and_meanings(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(varied_rows(300))
    d = section(ctx)
    assert d["samples"] == {
        "distinct_n_words": diversity.DISTINCT_WORD_BUDGET,
        "compression_bytes": diversity.COMPRESSION_BYTES,
        "openings": diversity.OPENING_SAMPLE,
        "topics": diversity.TOPIC_SAMPLE,
    }
    for key in ("distinct_n", "compression", "openings", "dominant", "topics"):
        assert isinstance(d[key]["meaning"], str) and d[key]["meaning"], key
    dn = d["distinct_n"]["responses"]
    assert 0 < dn["distinct_1"] < dn["distinct_2"] < dn["distinct_3"] <= dn["distinct_4"] <= 1
    assert d["topics"]["k"] == 300 // diversity.TOPIC_DOCS_PER_CLUSTER
    assert sum(d["topics"]["sizes"]) == d["topics"]["sample"] == 300
    assert all(c["terms"] and all(isinstance(t, str) for t in c["terms"]) for c in d["topics"]["clusters"])
    assert json.loads(json.dumps(d)) == d  # plain JSON values only


def test_varied_data_is_not_flagged(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(varied_rows(1_500))
    assert fired(ctx) == set()


def test_same_seed_same_section_and_seed_is_used(make_ctx: MakeCtx) -> None:
    rows = varied_rows(800)
    a = _stage(make_ctx(rows, settings=Settings(seed=3)))
    b = _stage(make_ctx(rows, settings=Settings(seed=3)))
    c = _stage(make_ctx(rows, settings=Settings(seed=4)))
    assert a == b
    assert a["seed"] == 3 and c["seed"] == 4
    assert a["compression"]["responses"]["ratio"] != c["compression"]["responses"]["ratio"]  # another sample


def test_metrics_do_not_drift_with_dataset_size(make_ctx: MakeCtx) -> None:
    small_rows = varied_rows(2_000, seed=1)
    large_rows = varied_rows(50_000, seed=2)
    small = _stage(make_ctx(small_rows))
    large = _stage(make_ctx(large_rows))

    for side in ("responses", "prompts"):
        s, lg = small["distinct_n"][side], large["distinct_n"][side]
        assert s["words"] == lg["words"] == diversity.DISTINCT_WORD_BUDGET
        for n in (1, 2, 3, 4):
            assert s[f"distinct_{n}"] == pytest.approx(lg[f"distinct_{n}"], abs=0.02), (side, n)
        cs, cl = small["compression"][side], large["compression"][side]
        assert cs["bytes"] == cl["bytes"] == diversity.COMPRESSION_BYTES
        assert cs["ratio"] == pytest.approx(cl["ratio"], rel=0.03), side
        assert small["openings"][side]["top_share"] == pytest.approx(lg_top(large, side), abs=0.02)
    assert small["topics"]["normalized_entropy"] == pytest.approx(large["topics"]["normalized_entropy"], abs=0.03)
    assert small["topics"]["largest_share"] == pytest.approx(large["topics"]["largest_share"], abs=0.03)

    # the same measure over all the text does drift: that is why the budget exists
    def all_words(rows: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
        words = [r["response"].split() for r in rows]
        vocab = {w: i for i, w in enumerate(VOCAB)}
        h = np.array([vocab[w] for ws in words for w in ws], dtype=np.uint64)
        doc = np.repeat(np.arange(len(words)), [len(ws) for ws in words])
        return h, doc

    naive_small = diversity.distinct_ngrams(*all_words(small_rows), 2)
    naive_large = diversity.distinct_ngrams(*all_words(large_rows), 2)
    assert naive_small - naive_large > 0.1


def lg_top(section: dict[str, Any], side: str) -> float:
    share: float = section["openings"][side]["top_share"]
    return share


# --- planted defects --------------------------------------------------------------------------------------------


def test_dominant_refusal_is_flagged_with_its_lines(make_ctx: MakeCtx) -> None:
    rows = varied_rows(400)
    refusal = "I'm sorry, but I can't help with that request."
    planted = list(range(0, 400, 8))  # 50 of 400 = 12.5%
    for i in planted:
        rows[i]["response"] = refusal if i % 16 else "  i'm SORRY, but I can't help with that\trequest. "
    ctx = make_ctx(rows)
    f = run("FT402", ctx)
    assert f is not None
    assert f.count == 50 and f.value == pytest.approx(50 / 400)
    assert list(f.lines) == [i + 1 for i in planted]
    assert "13%" in f.message or "12%" in f.message
    dom = section(ctx)["dominant"]
    assert dom["top"][0]["count"] == 50 and dom["top"][0]["distinct_prompts"] == 50
    # a higher threshold silences it
    assert run("FT402", ctx, Settings(check_params={"FT402": {"max_share": 0.2, "max_canned_share": 0.5}})) is None


def test_canned_replies_across_prompts(make_ctx: MakeCtx) -> None:
    rows = varied_rows(300)
    stock = [f"Thank you for your message number {k}, we will get back to you soon." for k in range(30)]
    for i in range(0, 300, 3):  # a third of the examples reuse one of 30 stock replies (each ~3%)
        rows[i]["response"] = stock[(i // 3) % 30]
    ctx = make_ctx(rows)
    dom = section(ctx)["dominant"]
    assert dom["canned_share"] == pytest.approx(100 / 300, abs=1e-3)
    f = run("FT402", ctx)
    assert f is not None and "reuse a reply" in f.message


def test_boilerplate_prefix_and_opening(make_ctx: MakeCtx) -> None:
    rows = varied_rows(300)
    for i in range(0, 300, 2):
        rows[i]["response"] = "Sure! Here is what you asked for.\n\n" + rows[i]["response"]
    ctx = make_ctx(rows)
    f = run("FT403", ctx)
    assert f is not None and f.count == 150 and "start with" in f.message
    assert len(f.lines) == diversity.MAX_LINES  # the first 50 lines of the 150 are kept
    op = run("FT404", ctx)
    assert op is not None and "'sure here is'" in op.message and op.value == pytest.approx(0.5)
    assert run("FT402", ctx) is None  # the replies as a whole are still different


def test_boilerplate_suffix(make_ctx: MakeCtx) -> None:
    rows = varied_rows(200)
    for i in range(0, 200, 3):
        rows[i]["response"] += "\nPlease consult a professional before acting on this."
    f = run("FT403", make_ctx(rows))
    assert f is not None and "end with" in f.message and f.count == 67


def test_templated_low_diversity_replies(make_ctx: MakeCtx) -> None:
    rng = np.random.default_rng(5)
    names = ["Alice", "Bob", "Carol", "Dan", "Eve", "Frank"]
    rows = [
        {
            "prompt": f"What is the order status for customer {rng.integers(1000, 9999)}?",
            "response": f"Dear {names[i % 6]}, your order {rng.integers(1000, 9999)} has shipped and will arrive "
            "within three to five business days. Thank you for shopping with us.",
        }
        for i in range(600)
    ]
    ctx = make_ctx(rows)
    d = section(ctx)
    assert d["distinct_n"]["responses"]["distinct_2"] < 0.25
    found = fired(ctx)
    assert "FT401" in found
    assert "FT405" in found  # every prompt opens "what is the"
    assert "FT404" not in found  # six openings ("dear alice your", ...) of about 17% each: under 30%
    assert d["openings"]["responses"]["distinct_in_sample"] == 6


def test_narrow_topics_when_most_examples_are_one_template(make_ctx: MakeCtx) -> None:
    rows = varied_rows(600)
    for i in range(600):
        if i % 5:  # four in five examples are one template; every fifth stays varied
            rows[i] = {
                "prompt": f"Convert {i} degrees celsius to fahrenheit",
                "response": f"{i} degrees celsius is {i * 9 / 5 + 32:.1f} degrees fahrenheit.",
            }
    ctx = make_ctx(rows)
    t = section(ctx)["topics"]
    f = run("FT406", ctx)
    assert f is not None, t
    assert t["largest_share"] > 0.35 or t["normalized_entropy"] < 0.7
    assert any("fahrenheit" in c["terms"] or "celsius" in c["terms"] for c in t["clusters"][:3])


def test_classification_label_replies_are_exempt(make_ctx: MakeCtx) -> None:
    rows = varied_rows(300)
    for i, r in enumerate(rows):
        r["response"] = ["billing", "shipping", "refund"][i % 3]
    ctx = make_ctx(rows, fmt="prompt-completion")
    d = section(ctx)
    assert ctx.labels is not None and ctx.labels.source == "responses"
    assert d["label_replies_excluded"] == 300
    assert d["dominant"] is None and d["distinct_n"]["responses"] is None
    assert fired(ctx) == set()


def test_field_label_replies_are_exempt_but_other_replies_are_not(make_ctx: MakeCtx) -> None:
    rows = varied_rows(300)
    for i, r in enumerate(rows):
        r["label"] = ["spam", "ham"][i % 2]
        r["response"] = r["label"].upper() if i < 200 else "Please hold while I transfer you to an agent."
    ctx = make_ctx(rows, fmt="classification")
    d = section(ctx)
    assert d["label_replies_excluded"] == 200
    f = run("FT402", ctx)
    assert f is not None and "transfer you" in f.message and f.count == 100


def test_identical_examples_are_one_topic(make_ctx: MakeCtx) -> None:
    ctx = make_ctx([{"prompt": "What are your opening hours?", "response": "We open at nine."}] * 120)
    t = section(ctx)["topics"]
    assert t["largest_share"] == 1.0 and t["normalized_entropy"] == 0.0
    assert run("FT406", ctx) is None  # 120 sampled examples: shown, but too few clusters to warn on
    f = run("FT406", ctx, Settings(check_params={"FT406": {"min_sample": 100}}))
    assert f is not None and "100%" in f.message


@pytest.mark.parametrize("words", [["text"], ["text", "note"]])
def test_topics_are_skipped_when_the_texts_have_too_few_distinct_words(words: list[str]) -> None:
    # 150 texts whose only words are one or two (numbers are not topic words): the SVD has too few dimensions
    docs = [f"{words[i % len(words)]} {i}" for i in range(150)]
    t = diversity.topic_model(docs, 0)
    assert t.clusters == () and t.skipped is not None and "distinct words" in t.skipped


def test_tiny_and_empty_inputs(make_ctx: MakeCtx) -> None:
    d = _stage(make_ctx([{"prompt": "hi", "response": "hello"}]))
    assert d["topics"]["skipped"] and d["dominant"] is None
    assert fired(make_ctx([{"prompt": "hi", "response": "hello"}])) == set()
    one_reply = make_ctx([{"prompt": f"q{i}", "response": "Eat a banana! " * 500} for i in range(3)])
    assert run("FT401", one_reply) is not None  # a reply repeating one phrase is caught even in a tiny set


# --- real datasets ----------------------------------------------------------------------------------------------


def test_fastchat_dummy_is_flagged(shared_datasets: Path) -> None:
    ctx = ctx_from_file(shared_datasets / "fastchat" / "dummy_conversation.json")
    found = fired(ctx)
    assert {"FT401", "FT402", "FT403"} <= found
    d = section(ctx)
    assert d["compression"]["responses"]["ratio"] > 20
    assert d["distinct_n"]["responses"]["distinct_2"] < 0.05
    assert d["dominant"]["canned_share"] > 0.9


def test_alpaca_demo_is_not_flagged(shared_datasets: Path) -> None:
    ctx = ctx_from_file(shared_datasets / "llamafactory" / "alpaca_en_demo.json")
    assert fired(ctx) == set()
    d = section(ctx)
    assert d["distinct_n"]["responses"]["words"] == diversity.DISTINCT_WORD_BUDGET
    assert 2.5 < d["compression"]["responses"]["ratio"] < 4.5
    assert d["topics"]["normalized_entropy"] > 0.9


def test_banking77_labels_do_not_count_as_dominant_replies(shared_datasets: Path) -> None:
    ctx = ctx_from_file(shared_datasets / "banking77" / "train.csv")
    d = section(ctx)
    assert d["label_replies_excluded"] == ctx.frame.height
    assert not {"FT401", "FT402", "FT403", "FT404"} & fired(ctx)
    assert d["distinct_n"]["prompts"]["words"] == diversity.DISTINCT_WORD_BUDGET


def test_lzma_size_is_preset_6s_size() -> None:
    """The dictionary sized to the sample changes the encoder's memory, not its output."""
    import lzma
    import random

    from ftready.stages.diversity import COMPRESSION_BYTES, lzma_size

    rng = random.Random(3)
    words = "the model ünïcode 数据 reply invoice 🙂 north south".split()
    prose = " ".join(rng.choice(words) for _ in range(120_000)).encode("utf-8")[:COMPRESSION_BYTES]
    noise = bytes(rng.randrange(256) for _ in range(200_000))
    repeated = b"Thank you for contacting support. " * 15_000
    for raw in (prose, noise, repeated, prose[:100], b"x"):
        assert lzma_size(raw) == len(lzma.compress(raw, preset=6))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.text(st.sampled_from(list(" \t\n.,!?-_'aZé9\u4e2d\u0130\u212a")), max_size=30)),
        max_size=20,
    )
)
def test_opening_words_are_the_first_three_words(texts: list[str | None]) -> None:
    """The whole-match form gives what a capture of the first three words (separators made one space) gives."""
    s = pl.Series("t", texts, dtype=pl.String)
    want = s.str.head(120).str.to_lowercase().str.extract(r"^\W*(\w+(?:\W+\w+){0,2})", 1).str.replace_all(r"\W+", " ")
    assert diversity.opening_words(s).to_list() == want.to_list()


def test_opening_words_of_typical_texts() -> None:
    s = pl.Series(["  -- Hello,  big World! again", "...", None, "One", "x_y z"])
    assert diversity.opening_words(s).to_list() == ["hello big world", None, None, "one", "x_y z"]


# --- masking ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_repeated_replies_and_boilerplate_never_show_an_email(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reply that many examples share, and a first line many replies share, hold an e-mail address: the
    diversity section and the FT402/FT403 messages show it masked, in every report format."""
    from ftready.cli import main

    email = "jane.roe@acme-corp.io"
    rows = varied_rows(40)
    for i, r in enumerate(rows):
        if i % 4 == 0:
            r["response"] = f"Please write to {email} and we will sort it out."
        elif i % 4 == 1:
            r["response"] = f"Contact {email} for billing questions.\n" + r["response"]
    path = tmp_path / "data.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"prompt": r["prompt"], "completion": r["response"]}) + "\n")
    monkeypatch.setenv("FTREADY_NO_CONFIG", "1")
    rc = main([str(path), "--report", fmt, "--select", "FT4"])
    out = capsys.readouterr().out
    assert rc in (0, 1)
    assert email not in out and "jane.roe" not in out and "acme-corp" not in out
    assert "FT402" in out and "FT403" in out  # the findings that quote the texts are there, masked
    if fmt == "json":
        d = json.loads(out)["diversity"]
        assert d["dominant"]["top"][0]["count"] == 10 and "@" in d["dominant"]["top"][0]["text"]
        assert any("@" in p["text"] for p in d["dominant"]["prefixes"])
