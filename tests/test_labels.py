from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ftready.pipeline import compute, run_rule
from ftready.settings import Settings
from ftready.stages import labels
from ftready.stages.context import Context
from testkit import ctx_from_file

MakeCtx = Callable[..., Context]


def run(code: str, ctx: Context, settings: Settings | None = None) -> Any:
    if settings is not None:
        ctx.settings = settings
    compute(ctx, "labels")
    found = run_rule(ctx, code)
    return found[0] if found else None


def ensure(ctx: Context) -> Any:
    compute(ctx, "labels")
    return ctx.labels


def field_rows(counts: dict[str, int]) -> list[dict[str, Any]]:
    rows = []
    for lab, n in counts.items():
        for i in range(n):
            rows.append(
                {"prompt": f"text number {i} about {lab} and more words {i * 7}", "response": lab, "label": lab}
            )
    return rows


# --- synthetic --------------------------------------------------------------------------------------------------


def test_skewed_field_labels_are_counted_and_flagged(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(field_rows({"billing": 300, "shipping": 40, "refund": 5}), fmt="classification")
    sec = ensure(ctx)
    assert sec is not None
    assert sec.source.startswith("field")
    assert list(sec.counts.items()) == [("billing", 300), ("shipping", 40), ("refund", 5)]
    assert sec.n_labels == 3
    assert sec.imbalance_ratio == pytest.approx(60.0)
    assert sec.minority_label == "refund" and sec.minority_count == 5
    assert 0 < sec.normalized_entropy < 0.6

    rare = run("FT501", ctx)
    assert rare is not None and rare.code == "FT501"
    assert "'refund' (5)" in rare.message
    refund_lines = [r["line"] for r in ctx.frame.filter(ctx.frame["label"] == "refund").iter_rows(named=True)]
    assert list(rare.lines) == refund_lines

    imb = run("FT502", ctx)
    assert imb is not None and imb.value == pytest.approx(60.0) and imb.threshold == 10.0
    assert "'billing' has 300" in imb.message


def test_balanced_labels_give_no_findings(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(field_rows({"a": 30, "b": 30, "c": 30}))
    sec = ensure(ctx)
    assert sec is not None
    assert sec.imbalance_ratio == 1.0
    assert sec.normalized_entropy == pytest.approx(1.0)
    assert sec.minority_share_vs_uniform == pytest.approx(1.0)
    assert run("FT501", ctx) is None
    assert run("FT502", ctx) is None
    assert run("FT503", ctx) is None


def test_thresholds_are_configurable(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(field_rows({"a": 120, "b": 15}))
    assert run("FT502", ctx) is None  # ratio 8 <= 10
    assert run("FT501", ctx) is not None  # 15 < 20
    strict = Settings(check_params={"FT502": {"max_ratio": 5.0}, "FT501": {"min_examples": 10}})
    assert run("FT502", ctx, strict) is not None
    assert run("FT501", ctx, strict) is None


def test_labels_from_short_replies_fold_case_and_punctuation(make_ctx: MakeCtx) -> None:
    rows = []
    for i in range(60):
        rows.append({"prompt": f"I loved item {i}, great quality", "response": "Positive"})
    for i in range(30):
        rows.append({"prompt": f"Item {i} broke after a day", "response": "negative." if i % 3 else " NEGATIVE "})
    for i in range(10):
        rows.append({"prompt": f"Item {i} is fine I guess", "response": "neutral"})
    ctx = make_ctx(rows, fmt="prompt-completion")
    sec = ensure(ctx)
    assert sec is not None
    assert sec.source == "responses"
    assert sec.counts == {"Positive": 60, "negative.": 30, "neutral": 10}
    assert sec.imbalance_ratio == pytest.approx(6.0)
    rare = run("FT501", ctx)
    assert rare is not None and len(rare.lines) == 10  # the neutral examples, found through the replies


@pytest.mark.parametrize(
    "replies",
    [
        [f"reply number {i}" for i in range(60)],  # every reply different: not labels
        ["yes", "no"] * 29 + ["Well, it depends on a great many things that I would need to know first."] * 2,
        ["ok"] * 60,  # a single value: nothing to classify (and FT4xx covers the repetition)
    ],
)
def test_free_text_replies_are_not_labels(make_ctx: MakeCtx, replies: list[str]) -> None:
    ctx = make_ctx([{"prompt": f"question {i}", "response": r} for i, r in enumerate(replies)])
    assert ensure(ctx) is None
    assert run("FT501", ctx) is None and run("FT502", ctx) is None


def test_preference_replies_are_not_labels(make_ctx: MakeCtx) -> None:
    rows = [{"prompt": f"q{i}", "response": "yes" if i % 2 else "no", "rejected": "maybe"} for i in range(40)]
    assert ensure(make_ctx(rows, fmt="preference")) is None


def test_single_label_is_flagged(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(field_rows({"spam": 25}))
    sec = ensure(ctx)
    assert sec is not None and sec.n_labels == 1 and sec.normalized_entropy is None
    f = run("FT503", ctx)
    assert f is not None and f.value == "spam"
    assert run("FT502", ctx) is None


def test_no_label_section_is_none(make_ctx: MakeCtx) -> None:
    ctx = make_ctx([{"prompt": "hi", "response": "hello there, how are you"}] * 3)
    assert labels.run(ctx) is None


def test_kto_true_false_labels(make_ctx: MakeCtx) -> None:
    rows = [
        {"prompt": f"q{i}", "response": f"answer {i} in words", "label": "true" if i < 45 else "false"}
        for i in range(50)
    ]
    ctx = make_ctx(rows, fmt="alpaca")
    sec = ensure(ctx)
    assert sec is not None
    assert sec.source == "field:kto_tag"
    assert sec.counts == {"true": 45, "false": 5}


# --- real datasets ----------------------------------------------------------------------------------------------


def _csv_counts(path: Path) -> Counter[str]:
    with path.open(newline="", encoding="utf-8") as fh:
        return Counter(row["category"] for row in csv.DictReader(fh))


def test_banking77_train_counts_and_imbalance(shared_datasets: Path) -> None:
    path = shared_datasets / "banking77" / "train.csv"
    ctx = ctx_from_file(path)
    sec = ensure(ctx)
    assert sec is not None
    expected = _csv_counts(path)
    assert sec.n_labels == 77
    assert sec.counts == dict(expected)
    assert list(sec.counts.values()) == sorted(expected.values(), reverse=True)
    assert sec.majority_label == "card_payment_fee_charged" and sec.majority_count == 187
    assert sec.minority_label == "contactless_not_working" and sec.minority_count == 35
    assert sec.imbalance_ratio == pytest.approx(187 / 35, abs=1e-4)
    assert run("FT502", ctx) is None  # 5.3 : 1 is under the 10 : 1 line
    assert run("FT501", ctx) is None
    strict = Settings(check_params={"FT502": {"max_ratio": 5.0}})
    assert run("FT502", ctx, strict) is not None


def test_banking77_test_is_balanced(shared_datasets: Path) -> None:
    ctx = ctx_from_file(shared_datasets / "banking77" / "test.csv")
    sec = ensure(ctx)
    assert sec is not None
    assert sec.n_labels == 77
    assert set(sec.counts.values()) == {40}
    assert sec.imbalance_ratio == 1.0
    assert sec.normalized_entropy == pytest.approx(1.0)
    assert run("FT502", ctx) is None
    assert run("FT501", ctx) is None


def _jsonl_counts(path: Path, key: str) -> Counter[str]:
    with path.open(encoding="utf-8") as fh:
        return Counter(json.loads(line)[key].strip() for line in fh if line.strip())


def test_dbpedia_category_field(shared_datasets: Path) -> None:
    path = shared_datasets / "openai-cookbook-dbpedia" / "dbpedia_samples.jsonl"
    ctx = ctx_from_file(path)
    sec = ensure(ctx)
    assert sec is not None
    if getattr(ctx.info, "label_field", None):
        assert sec.source == "field:category"
    else:  # the loader does not (yet) say which field held the label
        assert sec.source == "field"
    assert sec.n_labels == 14
    assert sec.counts == dict(_jsonl_counts(path, "category"))
    assert sec.minority_count == 8 and sec.majority_count == 21
    rare = run("FT501", ctx)
    assert rare is not None and "'MeanOfTransportation' (8)" in rare.message


def test_dbpedia_prompt_completion_labels_from_completions(shared_datasets: Path) -> None:
    pc = shared_datasets / "openai-cookbook-dbpedia-pc" / "dbpedia_samples.jsonl"
    ctx = ctx_from_file(pc)
    sec = ensure(ctx)
    assert sec is not None
    assert sec.source == "responses"
    assert sec.n_labels == 14
    assert sec.counts == dict(_jsonl_counts(pc, "completion"))
    text_version = _jsonl_counts(shared_datasets / "openai-cookbook-dbpedia" / "dbpedia_samples.jsonl", "category")
    assert set(sec.counts) == set(text_version)


def test_chat_sets_without_labels(shared_datasets: Path) -> None:
    for rel in ("fastchat/dummy_conversation.json", "llamafactory/alpaca_en_demo.json"):
        assert ensure(ctx_from_file(shared_datasets / rel)) is None, rel


def test_reply_labels_are_measured_stripped_and_in_characters(make_ctx: MakeCtx) -> None:
    """A padded class name, or one of 30 CJK characters (90 bytes), is still a label; a blank reply is not."""
    wide = "数据分类标签" * 5
    replies = ["positive" + " " * 80, "  negative\n", wide] * 20
    ctx = make_ctx([{"prompt": f"question {i}", "response": r} for i, r in enumerate(replies)])
    sec = ensure(ctx)
    assert sec is not None and sec.counts == {"positive": 20, "negative": 20, wide: 20}
    blank = make_ctx([{"prompt": f"q {i}", "response": r} for i, r in enumerate([*replies[:-1], "   "])])
    assert ensure(blank) is None
