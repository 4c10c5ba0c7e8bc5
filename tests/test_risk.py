from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

from ftready.epochs import default_epochs
from ftready.model import LabelsSection, Severity
from ftready.model.diversity import (
    Compression,
    CompressionSide,
    DistinctN,
    DistinctNSide,
    DiversitySamples,
    DiversitySection,
    Dominant,
    Openings,
    RepeatedReply,
    Topics,
)
from ftready.model.duplicates import (
    Conflicts,
    DuplicatesSection,
    ExactDuplicates,
    Leakage,
    LSHParams,
    NearDuplicates,
    Placeholders,
    SharedReplies,
)
from ftready.model.risk import RiskSection
from ftready.pipeline import evaluate
from ftready.settings import Settings
from ftready.stages import risk
from ftready.stages.context import Context
from testkit import ctx_from_file

MakeCtx = Callable[..., Context]


def varied_rows(n: int, seed: int = 0) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" for i in range(5_000)], dtype=object)
    out = []
    for _ in range(n):
        p = vocab[np.minimum(rng.zipf(1.2, size=int(rng.integers(8, 20))) - 1, 4_999)]
        r = vocab[np.minimum(rng.zipf(1.2, size=int(rng.integers(40, 80))) - 1, 4_999)]
        out.append({"prompt": " ".join(p), "response": " ".join(r)})
    return out


def labels_section(counts: dict[str, int]) -> LabelsSection:
    ns = sorted(counts.values(), reverse=True)
    names = sorted(counts, key=lambda k: -counts[k])
    total = sum(ns)
    return LabelsSection(
        "field:label", counts, len(ns), total, total, 0, ns[0] / ns[-1], None, float(len(ns)), names[0], ns[0],
        names[-1], ns[-1], len(ns) * ns[-1] / total,
    )  # fmt: skip


def finding(ctx: Context) -> Any:
    found = evaluate(ctx, "FT601")
    return found[0] if found else None


def dups(n: int, exact: list[list[int]], exact_red: int, near: list[list[int]], near_red: int) -> DuplicatesSection:
    """A duplicates section with these exact and near groups (and nothing else found)."""
    none = Leakage(None, 0, (), (), 0, 0, 0, 0.0)
    return DuplicatesSection(
        examples=n,
        duplicated_examples=len({x for g in exact + near for x in g}),
        exact=ExactDuplicates(tuple(map(tuple, exact)), len(exact), exact_red, 0.0),
        near=NearDuplicates(tuple(map(tuple, near)), len(near), near_red, 0.0, 0.8, "", LSHParams(128, 16, 8), n),
        conflicts=Conflicts((), 0, 0, {}, 0),
        leakage=none,
        placeholders=Placeholders(0, (), {}),
        replies=SharedReplies((), 0, 0),
    )


def sources(section: RiskSection, level: str) -> set[str]:
    return {f.source for f in section.factors if f.level == level}


def test_plenty_of_varied_examples_is_low_risk(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(varied_rows(1_200))
    ctx.duplicates = dups(1_200, [], 0, [], 0)
    f = finding(ctx)
    r = ctx.risk
    assert r is not None
    assert r.level == "low"
    assert f.severity is Severity.INFO and f.value == "low"
    assert r.epochs == default_epochs(1_200) == 3 and r.epochs_source == "default"
    assert r.effective_examples == 1_200 and r.max_repetitions == 3
    assert "1,200 effective examples" in f.message and "3 epochs" in f.message
    json.dumps(r.to_dict())


def test_too_few_examples_is_high(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(varied_rows(5))
    r = risk.stage(ctx)
    assert r.level == "high"
    assert r.epochs == 20  # OpenAI's default for 5 examples
    assert {"size", "epochs"} <= sources(r, "high")
    f = finding(ctx)
    assert f.severity is Severity.WARNING and "below OpenAI's minimum of 10" in f.message


def test_heavily_repeated_example_is_high(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(varied_rows(500))
    # the near group shares line 5 with the exact group: one cluster of 8
    ctx.duplicates = dups(500, [[1, 2, 3, 4, 5], [10, 11]], 5, [[5, 6, 7, 8]], 3)
    ctx.effective_examples = 492
    r = risk.stage(ctx)
    assert r.largest_duplicate_cluster == 8
    assert r.max_repetitions == 8 * 3
    assert r.level == "high"
    assert any("seen 24 times" in reason for reason in r.reasons)
    assert r.duplicated_share == pytest.approx(10 / 500)


def test_duplicated_share_is_moderate(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(varied_rows(400))
    groups = [[i, i + 1] for i in range(1, 60, 2)]  # 60 lines in pairs: 15%
    ctx.duplicates = dups(400, groups, 30, [], 0)
    ctx.effective_examples = 370
    r = risk.stage(ctx)
    assert r.level == "moderate" and "duplicates" in sources(r, "moderate")


def test_epochs_from_assumptions(make_ctx: MakeCtx) -> None:
    rows = varied_rows(300)
    ctx = make_ctx(rows, settings=Settings().with_assumptions(epochs=6))
    r = risk.stage(ctx)
    assert r.epochs == 6 and r.epochs_source == "set"
    assert r.level == "moderate" and "epochs" in sources(r, "moderate")
    ctx2 = make_ctx(rows, settings=Settings().with_assumptions(epochs=12))
    assert risk.stage(ctx2).level == "high"


def test_small_class_is_moderate(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(varied_rows(300))
    ctx.labels = labels_section({"billing": 500, "shipping": 494, "refund": 6})
    r = risk.stage(ctx)
    assert r.level == "moderate"
    assert any("'refund' has only 6 examples" in x for x in r.reasons)


def _diversity_section(ratio: float) -> DiversitySection:
    """Repetitive replies: distinct-2 0.05 on 20,000 words, the given compression ratio, one reply in 30%."""
    samples = DiversitySamples(distinct_n_words=50_000, compression_bytes=500_000, openings=5_000, topics=4_000)
    dn = DistinctNSide(20_000, 300, True, 0.01, 0.05, 0.1, 0.2)
    reply = RepeatedReply(text="ok", count=90, share=0.3, distinct_prompts=90, lines=(1,))
    return DiversitySection(
        examples=300,
        seed=0,
        label_replies_excluded=0,
        empty_replies=0,
        samples=samples,
        distinct_n=DistinctN(50_000, dn, None),
        compression=Compression(500_000, "lzma preset 6", CompressionSide(ratio, 100_000, 300, True), None),
        openings=Openings(3, 5_000, None, None),
        dominant=Dominant(300, 0.3, (reply,), 0.3, 0.3, 211, (), (), 0),
        topics=Topics(sample_size=4_000, clusters=(), skipped="test"),
    )


def test_repetitive_replies_from_diversity_are_moderate(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(varied_rows(300))
    ctx.diversity = _diversity_section(ratio=12.0)
    r = risk.stage(ctx)
    moderate = [f.reason for f in r.factors if f.level == "moderate"]
    assert any("distinct-2 0.05" in m and "compression ratio 12.0" in m for m in moderate)
    assert any("30% of examples share one reply" in m for m in moderate)
    # far past the thresholds (a handful of replies in rotation) is high on its own
    ctx.diversity = _diversity_section(ratio=40.0)
    assert "diversity" in sources(risk.stage(ctx), "high")
    # overriding the FT401 thresholds in the settings changes this judgement too
    lenient = Settings(check_params={"FT401": {"min_distinct_2": 0.01, "max_compression_ratio": 50.0}})
    ctx.settings = lenient
    again = risk.stage(ctx)
    assert not any("repeat the same phrases" in f.reason for f in again.factors)


def test_three_moderate_factors_escalate(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(varied_rows(40), settings=Settings().with_assumptions(epochs=5))  # < 50 examples, 5 epochs
    ctx.labels = labels_section({"a": 96, "b": 4})
    r = risk.stage(ctx)
    assert len([f for f in r.factors if f.level == "moderate"]) == 3
    assert r.level == "high" and "combined" in sources(r, "high")
    strict = Settings(check_params={"FT601": {"escalate_after": 4}}).with_assumptions(epochs=5)
    ctx.settings = strict
    assert risk.stage(ctx).level == "moderate"


def test_tokens_null_or_long_tail(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(varied_rows(200))
    r = risk.stage(ctx)
    assert r.tokens_per_example is None and r.longest_1pct_token_share is None
    tokens = [100] * 198 + [40_000, 40_000]
    ctx.frame = ctx.frame.with_columns(pl.Series("tokens", tokens, dtype=pl.Int64))
    r = risk.stage(ctx)
    assert r.tokens_per_example == pytest.approx(sum(tokens) / 200, abs=0.1)
    assert r.longest_1pct_token_share == pytest.approx(80_000 / sum(tokens), abs=1e-3)
    assert "tokens" in sources(r, "moderate")


def test_missing_effective_count_uses_duplicates(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(varied_rows(100))
    ctx.effective_examples = 0
    ctx.duplicates = dups(100, [[1, 2]], 1, [], 0)
    assert risk.stage(ctx).effective_examples == 99


def test_finding_absent_for_empty_frame(make_ctx: MakeCtx) -> None:
    assert finding(make_ctx([])) is None


def test_real_sets(shared_datasets: Path) -> None:
    def ctx_for(rel: str) -> Context:
        return ctx_from_file(shared_datasets / rel)

    toy = ctx_for("openai-cookbook-toy-chat/toy_chat_fine_tuning.jsonl")
    assert finding(toy).value == "high"
    fastchat = ctx_for("fastchat/dummy_conversation.json")
    f = finding(fastchat)
    assert f.value == "high" and "repeat the same phrases" in f.message
    alpaca = ctx_for("llamafactory/alpaca_en_demo.json")
    assert finding(alpaca).value == "low"
    dbpedia = ctx_for("openai-cookbook-dbpedia/dbpedia_samples.jsonl")
    f = finding(dbpedia)
    assert f.value == "moderate" and "'MeanOfTransportation' has only 8" in f.message
