"""Exact duplicates, near duplicates, conflicts, validation leakage and placeholders (FT301-FT305)."""

from __future__ import annotations

import itertools
import json
import random
import re
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftready import neardup
from ftready.errors import Cancelled, UsageError
from ftready.load import load_dataset
from ftready.load.frame import frame_from_rows
from ftready.model import Finding, Severity
from ftready.model.duplicates import DuplicatesSection
from ftready.pipeline import evaluate
from ftready.rules.codes import DEFAULTS
from ftready.settings import Settings
from ftready.stages import duplicates
from ftready.stages.context import Context
from testkit import arr, obj

MakeCtx = Callable[..., Context]

WORDS = [
    "river",
    "stone",
    "maple",
    "quiet",
    "orange",
    "signal",
    "harbor",
    "copper",
    "lantern",
    "meadow",
    "velvet",
    "thunder",
    "garden",
    "pocket",
    "silver",
    "window",
    "marble",
    "canyon",
    "feather",
    "bridge",
    "candle",
    "forest",
    "planet",
    "rocket",
    "island",
    "mirror",
    "jacket",
    "button",
    "engine",
    "violet",
    "ladder",
    "castle",
    "dragon",
    "pencil",
    "tunnel",
    "orchard",
    "saddle",
    "glacier",
    "falcon",
    "comet",
    "anchor",
    "basket",
]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n))


def one_word_edit(text: str, rng: random.Random) -> str:
    w = text.split(" ")
    w[rng.randrange(len(w))] = "zebra"
    return " ".join(w)


def run(ctx: Context) -> dict[str, Any]:
    """The stage's section, in its JSON form (which caps nothing these small tests reach)."""
    ctx.duplicates = duplicates.run(ctx)
    return ctx.duplicates.to_dict()


def finding(ctx: Context, code: str) -> Finding | None:
    found = evaluate(ctx, code)
    assert len(found) <= 1
    return found[0] if found else None


def distinct_rows(n: int, seed: int = 0, words: int = 30) -> list[dict[str, str]]:
    rng = random.Random(seed)
    return [{"prompt": sentence(rng, 8), "response": sentence(rng, words)} for _ in range(n)]


# --------------------------------------------------------------------------------------------------------------
# exact duplicates


def test_exact_groups_and_redundant_count(make_ctx: MakeCtx) -> None:
    rows = distinct_rows(10)
    rows.append(dict(rows[2]))  # line 11 = line 3
    rows.append(dict(rows[2]))  # line 12 = line 3
    rows.append(dict(rows[5]))  # line 13 = line 6
    d = run(make_ctx(rows))
    assert d["exact"]["groups"] == [[3, 11, 12], [6, 13]]
    assert d["exact"]["redundant"] == 3
    assert d["exact"]["group_count"] == 2
    f = finding(make_ctx(rows), "FT301")
    assert f is not None and f.severity is Severity.ERROR  # 3/13 redundant > 10%
    assert f.lines == (11, 12, 13)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hello World, how are you?", "hello world, HOW are you?"),  # letter case
        ("Hello  world,\n\thow are you?", "Hello world, how are you?"),  # whitespace runs
        ("  Hello world, how are you?  ", "Hello world, how are you?"),  # leading and trailing whitespace
        ("Caf\u00e9 au lait, please", "Cafe\u0301 au lait, please"),  # NFC: composed vs decomposed
    ],
)
def test_exact_normalisation(make_ctx: MakeCtx, a: str, b: str) -> None:
    rows = [*distinct_rows(3), {"prompt": "q", "response": a}, {"prompt": "q", "response": b}]
    d = run(make_ctx(rows))
    assert d["exact"]["groups"] == [[4, 5]]


def test_meaningful_differences_are_not_exact_duplicates(make_ctx: MakeCtx) -> None:
    rows = [
        {"prompt": "q", "response": "The answer is 42."},
        {"prompt": "q", "response": "The answer is 43."},
        {"prompt": "q", "response": "The answer is42."},  # a removed space is not a whitespace run
    ]
    assert run(make_ctx(rows))["exact"]["groups"] == []


def test_system_prompt_is_part_of_the_exact_comparison(make_ctx: MakeCtx) -> None:
    rows = [
        {"system": "You are a pirate.", "prompt": "Greet me", "response": "Ahoy there, matey!"},
        {"system": "You are a butler.", "prompt": "Greet me", "response": "Ahoy there, matey!"},
        {"system": "You are a pirate.", "prompt": "Greet me", "response": "Ahoy there, matey!"},
    ]
    d = run(make_ctx(rows))
    assert d["exact"]["groups"] == [[1, 3]]
    assert d["exact"]["redundant"] == 1


def test_labels_and_rejected_replies_are_part_of_the_exact_comparison(make_ctx: MakeCtx) -> None:
    rows = [
        {"prompt": "p", "response": "good", "rejected": "bad one"},
        {"prompt": "p", "response": "good", "rejected": "worse one"},
        {"prompt": "t", "response": "x", "label": "a", "text": "user: t"},
        {"prompt": "t", "response": "x", "label": "b", "text": "user: t"},
    ]
    assert run(make_ctx(rows))["exact"]["groups"] == []


def test_no_duplicates_no_findings(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(distinct_rows(40, words=60))
    d = run(ctx)
    assert d["exact"]["groups"] == [] and d["near"]["groups"] == [] and d["conflicts"]["groups"] == []
    assert all(finding(ctx, c) is None for c in ("FT301", "FT302", "FT303", "FT304", "FT305"))


def test_empty_frame(make_ctx: MakeCtx) -> None:
    d = run(make_ctx([]))
    assert d["exact"]["redundant"] == 0 and d["near"]["redundant"] == 0


# --------------------------------------------------------------------------------------------------------------
# near duplicates


def test_near_duplicate_one_word_edit_of_long_reply(make_ctx: MakeCtx) -> None:
    rng = random.Random(3)
    rows = distinct_rows(30, seed=1, words=100)
    rows.append({"prompt": rows[4]["prompt"] + " again", "response": one_word_edit(rows[4]["response"], rng)})
    d = run(make_ctx(rows))
    assert d["near"]["groups"] == [[5, 31]]
    assert d["near"]["redundant"] == 1
    assert d["exact"]["groups"] == []


def test_near_group_includes_exact_copies_without_double_counting(make_ctx: MakeCtx) -> None:
    rng = random.Random(4)
    rows = distinct_rows(20, seed=2, words=100)
    rows.append(dict(rows[0]))  # line 21: exact copy of line 1
    rows.append({"prompt": rows[0]["prompt"], "response": one_word_edit(rows[0]["response"], rng)})  # 22: near
    ctx = make_ctx(rows)
    d = run(ctx)
    assert d["exact"]["groups"] == [[1, 21]]
    assert d["near"]["groups"] == [[1, 21, 22]]
    assert d["exact"]["redundant"] == 1 and d["near"]["redundant"] == 1
    assert d["duplicated_examples"] == 3
    f = finding(ctx, "FT302")
    assert f is not None and f.lines == (22,)


def test_short_conversations_sharing_a_long_system_prompt_are_not_near_duplicates(make_ctx: MakeCtx) -> None:
    rng = random.Random(5)
    system = sentence(rng, 400)  # the system prompt dwarfs the conversations
    rows = [{"system": system, "prompt": sentence(rng, 4), "response": sentence(rng, 6)} for _ in range(40)]
    d = run(make_ctx(rows))
    assert d["near"]["groups"] == []
    assert d["exact"]["groups"] == []


def test_short_near_duplicates_are_found_with_character_shingles(make_ctx: MakeCtx) -> None:
    rng = random.Random(6)
    system = sentence(rng, 400)
    rows = [{"system": system, "prompt": sentence(rng, 5), "response": sentence(rng, 15)} for _ in range(30)]
    rows.append({"system": system, "prompt": rows[7]["prompt"], "response": rows[7]["response"] + "!!"})  # punct
    w = rows[9]["response"].split(" ")
    w[3] = w[3][:-1] + "7" if not w[3].endswith("7") else w[3][:-1] + "8"  # one character changed
    rows.append({"system": system, "prompt": rows[9]["prompt"], "response": " ".join(w)})
    d = run(make_ctx(rows))
    assert d["near"]["groups"] == [[8, 31], [10, 32]]


def test_threshold_param_is_respected(make_ctx: MakeCtx) -> None:
    rng = random.Random(7)
    rows = distinct_rows(10, seed=3, words=100)
    edited = rows[2]["response"]
    for _ in range(3):
        edited = one_word_edit(edited, rng)
    rows.append({"prompt": rows[2]["prompt"], "response": edited})
    sim = neardup.jaccard(
        frame_from_rows(rows)["text"][2],
        frame_from_rows(rows)["text"][10],
    )
    assert 0.6 < sim < 0.95
    low = Settings(check_params={"FT302": {"threshold": round(sim - 0.05, 3)}})
    high = Settings(check_params={"FT302": {"threshold": round(min(sim + 0.03, 1.0), 3)}})
    d_low = run(make_ctx(rows, settings=low))
    d_high = run(make_ctx(rows, settings=high))
    assert d_low["near"]["groups"] == [[3, 11]]
    assert d_low["near"]["threshold"] == round(sim - 0.05, 3)
    assert d_high["near"]["groups"] == []


def test_threshold_outside_zero_one_is_a_usage_error(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(distinct_rows(3), settings=Settings(check_params={"FT302": {"threshold": 1.5}}))
    with pytest.raises(UsageError, match=r"FT302\.threshold"):
        duplicates.run(ctx)


def test_near_duplicate_severity_follows_share(make_ctx: MakeCtx) -> None:
    rng = random.Random(8)
    rows = distinct_rows(20, seed=4, words=100)
    rows += [{"prompt": r["prompt"], "response": one_word_edit(r["response"], rng)} for r in rows[:10]]
    ctx = make_ctx(rows)
    run(ctx)
    f = finding(ctx, "FT302")
    assert f is not None and f.severity is Severity.ERROR and f.count == 10  # 10/30 > 0.30
    ctx2 = make_ctx(rows, settings=Settings(check_params={"FT302": {"error_share": 0.5}}))
    run(ctx2)
    f2 = finding(ctx2, "FT302")
    assert f2 is not None and f2.severity is Severity.WARNING


# --------------------------------------------------------------------------------------------------------------
# conflicts


def test_conflicting_answers(make_ctx: MakeCtx) -> None:
    rows = [
        {"prompt": "What is the capital of Australia?", "response": "Canberra."},
        {"prompt": "what is the  capital of Australia?", "response": "Sydney."},  # same prompt, normalised
        {"prompt": "What is 2+2?", "response": "4"},
        {"prompt": "What is 2+2?", "response": " 4 "},  # same reply after normalisation: not a conflict
        {"prompt": "Name a colour", "response": "Red"},
        {"system": "Answer in French.", "prompt": "Name a colour", "response": "Rouge"},  # other system prompt
    ]
    ctx = make_ctx(rows)
    d = run(ctx)
    assert d["conflicts"]["groups"] == [[1, 2]]
    assert d["conflicts"]["kinds"] == {"response": 1}
    f = finding(ctx, "FT303")
    assert f is not None and f.severity is Severity.WARNING and f.lines == (1, 2)


def test_conflicts_that_differ_only_slightly_are_counted(make_ctx: MakeCtx) -> None:
    rng = random.Random(15)
    rows = distinct_rows(10, seed=9, words=100)
    rows.append({"prompt": rows[3]["prompt"], "response": one_word_edit(rows[3]["response"], rng)})
    rows.append({"prompt": rows[5]["prompt"], "response": sentence(rng, 100)})
    ctx = make_ctx(rows)
    d = run(ctx)
    assert d["conflicts"]["groups"] == [[4, 11], [6, 12]]
    assert d["conflicts"]["near_identical"] == 1
    f = finding(ctx, "FT303")
    assert f is not None and "1 of them the answers differ only slightly" in f.message


def test_examples_without_user_text_are_not_conflicts(make_ctx: MakeCtx) -> None:
    rows = [
        {"prompt": "", "response": f"Document number {i}.", "text": f"assistant: Document number {i}."}
        for i in range(5)
    ]
    assert run(make_ctx(rows))["conflicts"]["groups"] == []


def test_label_conflicts(make_ctx: MakeCtx) -> None:
    def row(text: str, label: str) -> dict[str, Any]:
        return {"prompt": text, "response": label, "label": label, "text": f"user: {text}\nassistant: {label}"}

    rows = [row("My card has not arrived", "card_arrival"), row("my card has not arrived", "lost_card")]
    rows += [row("Top up failed", "top_up_failed"), row("Top up failed", "top_up_failed")]
    d = run(make_ctx(rows, fmt="classification"))
    assert d["conflicts"]["groups"] == [[1, 2]]
    assert d["conflicts"]["kinds"] == {"label": 1}


def test_kto_conflict_is_the_same_reply_marked_both_ways(make_ctx: MakeCtx) -> None:
    rows = [
        {"prompt": "Tell a joke", "response": "Why did the chicken cross the road?", "label": "true"},
        {"prompt": "Tell a joke", "response": "Why did the chicken cross the road?", "label": "false"},
        {"prompt": "Tell a joke", "response": "Knock knock.", "label": "true"},
    ]
    d = run(make_ctx(rows))
    assert d["conflicts"]["groups"] == [[1, 2]]


def test_preference_conflict_is_a_reversed_pair(make_ctx: MakeCtx) -> None:
    rows = [
        {"prompt": "Summarise", "response": "Short summary.", "rejected": "Long rambling text."},
        {"prompt": "Summarise", "response": "Long rambling text.", "rejected": "Short summary."},
        {"prompt": "Summarise", "response": "Another fine summary.", "rejected": "Long rambling text."},
    ]
    d = run(make_ctx(rows))
    assert d["conflicts"]["groups"] == [[1, 2]]
    assert d["conflicts"]["kinds"] == {"preference": 1}


# --------------------------------------------------------------------------------------------------------------
# leakage


def test_validation_leakage(make_ctx: MakeCtx) -> None:
    rng = random.Random(9)
    train = distinct_rows(30, seed=5, words=100)
    val = distinct_rows(20, seed=6, words=100)
    val[3] = dict(train[7])  # exact leak: validation line 4 = training line 8
    # near: the same reply to a reworded prompt
    val[10] = {"prompt": one_word_edit(train[12]["prompt"], rng), "response": train[12]["response"]}
    val[15] = {"prompt": train[20]["prompt"].upper(), "response": train[20]["response"]}  # exact after normalising
    # the same prompt (quoted, with a question mark) with another reply: a prompt leak, not an example leak
    val[17] = {"prompt": f'"{train[25]["prompt"]}?"', "response": sentence(rng, 100)}
    ctx = make_ctx(train, validation=frame_from_rows(val))
    d = run(ctx)
    leak = d["leakage"]
    assert leak["lines"] == [4, 11, 16]
    assert leak["pairs"] == [[4, 8], [11, 13], [16, 21]]
    assert (leak["exact"], leak["near"], leak["count"]) == (2, 1, 3)
    assert (leak["same_prompt"], leak["prompt_lines"], leak["prompt_pairs"]) == (1, [18], [[18, 26]])
    f = finding(ctx, "FT304")
    assert f is not None and f.severity is Severity.ERROR  # 4/20 > 5%
    assert f.lines == (4, 11, 16, 18) and f.count == 4
    assert "3 the same example (2 exact, 1 near); 1 the same prompt with another reply" in f.message


def test_no_validation_no_leakage(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(distinct_rows(5))
    d = run(ctx)
    assert d["leakage"]["validation_path"] is None and d["leakage"]["lines"] == []
    assert finding(ctx, "FT304") is None


def test_small_leak_is_a_warning(make_ctx: MakeCtx) -> None:
    train = distinct_rows(30, seed=7, words=60)
    val = distinct_rows(40, seed=8, words=60)
    val[0] = dict(train[0])
    ctx = make_ctx(train, validation=frame_from_rows(val))
    run(ctx)
    f = finding(ctx, "FT304")
    assert f is not None and f.severity is Severity.WARNING and f.lines == (1,)


# --------------------------------------------------------------------------------------------------------------
# placeholders and JSON section


def test_unfilled_placeholders(make_ctx: MakeCtx) -> None:
    rows = [
        {"prompt": "Who are you?", "response": "I am {{name}}, made by {{ author }}."},
        {"prompt": "Show a format string", "response": "Use f'{name}' in Python."},
    ]
    ctx = make_ctx(rows)
    d = run(ctx)
    assert d["placeholders"]["count"] == 1
    assert d["placeholders"]["tokens"] == {"{{name}}": 1, "{{author}}": 1}
    f = finding(ctx, "FT305")
    assert f is not None and f.lines == (1,)


def test_section_shape(make_ctx: MakeCtx) -> None:
    rows = distinct_rows(8)
    rows += [dict(rows[i]) for i in range(4)]
    ctx = make_ctx(rows)
    run(ctx)
    section = ctx.duplicates
    assert isinstance(section, DuplicatesSection) and len(section.exact.groups) == 4
    d = section.to_dict()
    assert set(d) >= {"exact", "near", "conflicts", "leakage", "against"}
    exact, near = obj(d["exact"]), obj(d["near"])
    assert len(arr(exact["groups"])) == 4 and exact["group_count"] == 4 and exact["redundant"] == 4
    shingles = near["shingles"]
    assert near["threshold"] == 0.8 and isinstance(shingles, str) and "5-grams" in shingles
    assert near["lsh"] == {"permutations": 128, "bands": 16, "rows": 8}
    json.dumps(d)


def test_report_caps_the_groups_it_lists() -> None:
    from ftready.model.duplicates import MAX_GROUPS, ExactDuplicates
    from ftready.model.jsontypes import dataclass_json

    groups = tuple((2 * i + 1, 2 * i + 2) for i in range(MAX_GROUPS + 5))
    d = dataclass_json(ExactDuplicates(groups, len(groups), len(groups), 0.5))
    assert isinstance(d["groups"], list) and len(d["groups"]) == MAX_GROUPS and d["group_count"] == MAX_GROUPS + 5


def test_checks_compute_the_stage_when_the_runner_did_not(make_ctx: MakeCtx) -> None:
    rows = distinct_rows(5)
    rows.append(dict(rows[0]))
    ctx = make_ctx(rows)
    f = finding(ctx, "FT301")
    assert f is not None and f.count == 1 and ctx.duplicates is not None


# --------------------------------------------------------------------------------------------------------------
# the near-duplicate engine


def reference_shingles(text: str, mode: str) -> set[Any]:
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())
    if mode == "word":
        grams = [tuple(words[i : i + 5]) for i in range(len(words) - 4)]
        return set(grams) if grams else {tuple(words)}
    s = " ".join(words)
    grams2 = [s[i : i + 5] for i in range(len(s) - 4)]
    return set(grams2) if grams2 else {s}


def reference_jaccard(a: str, b: str, mode: str) -> float:
    sa, sb = reference_shingles(a, mode), reference_shingles(b, mode)
    return len(sa & sb) / len(sa | sb)


VOCAB = ["alpha", "beta", "gamma", "Delta", "café", "naïve", "東京", "Ωmega", "x", "supercalifragilistic", "a_b", "42"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(VOCAB), max_size=70),
    st.lists(st.tuples(st.integers(0, 69), st.sampled_from(VOCAB)), max_size=5),
    st.sampled_from([" ", ", ", "  ", "\n", " - "]),
    st.sampled_from(["word", "char"]),
)
def test_shingle_jaccard_matches_a_plain_python_reference(
    words: list[str], edits: list[tuple[int, str]], sep: str, mode: str
) -> None:
    other = list(words)
    for i, w in edits:
        if other:
            other[i % len(other)] = w
    a, b = " ".join(words), sep.join(other)
    sets = neardup.shingle_sets([a, "padding Ωmega", b], mode)
    got = len(sets[0] & sets[2]) / len(sets[0] | sets[2])
    assert got == pytest.approx(reference_jaccard(a, b, mode))


def test_shingles_do_not_depend_on_the_batch() -> None:
    text = "plain ascii words only, with café and a longwordthatgoesonandonforeverandever"
    alone = neardup.shingle_sets([text], "word")[0]
    with_wide = neardup.shingle_sets(["中文 text forces a wide batch", text], "word")[1]
    assert alone == with_wide
    assert neardup.shingle_sets([text], "char")[0] == neardup.shingle_sets(["東京", text], "char")[1]


def test_lsh_parameters() -> None:
    assert neardup.lsh_params(0.8) == (16, 8)
    for t in (0.5, 0.7, 0.8, 0.9, 0.95):
        b, r = neardup.lsh_params(t)
        assert b * r <= neardup.NUM_PERM
        assert neardup.candidate_probability(t, b, r) >= 0.94
    with pytest.raises(ValueError):
        neardup.lsh_params(0.0)


def planted(n: int, seed: int) -> tuple[list[str], set[tuple[int, int]]]:
    rng = random.Random(seed)
    texts = [sentence(rng, rng.randrange(80, 160)) for _ in range(n)]
    pairs = set()
    for i in range(0, n // 5):
        texts.append(one_word_edit(texts[i], rng))
        pairs.add((i, len(texts) - 1))
    return texts, pairs


def test_near_duplicate_groups_finds_planted_pairs_and_nothing_else() -> None:
    texts, pairs = planted(300, 10)
    groups = neardup.near_duplicate_groups(texts)
    found = {tuple(g) for g in groups}
    assert found == pairs


def test_results_do_not_depend_on_batching_or_input_type() -> None:
    texts, _ = planted(120, 11)
    one = neardup.MinHashIndex.build(texts).groups()
    many = neardup.MinHashIndex.build(pl.Series(texts), batch_size=7).groups()
    assert one == many and one


def test_cross_matches() -> None:
    texts, _ = planted(100, 12)
    rng = random.Random(1)
    val = [sentence(rng, 100) for _ in range(10)]
    val[2] = texts[40]
    val[6] = one_word_edit(texts[77], rng)
    assert neardup.cross_matches(texts, val) == [(2, 40), (6, 77)]


def test_progress_and_cancel() -> None:
    texts, _ = planted(60, 13)
    seen: list[tuple[str, int, int]] = []
    neardup.near_duplicate_groups(texts, progress=lambda s, d, t: seen.append((s, d, t)))
    assert seen and seen[-1][0] in ("near-duplicates", "verify")
    assert any(s == "near-duplicates" and d == t == len(texts) for s, d, t in seen)
    ev = threading.Event()
    ev.set()
    with pytest.raises(Cancelled):
        neardup.near_duplicate_groups(texts, cancel=ev)


def test_candidate_pairs_cover_every_pair_above_threshold_in_a_cluster() -> None:
    # A templated cluster bigger than the LSH window must still come out as one group.
    rng = random.Random(14)
    base = sentence(rng, 120).split(" ")
    texts = []
    for i in range(40):
        w = list(base)
        w[i % len(w)] = f"variant{i}"
        texts.append(" ".join(w))
    texts += [sentence(rng, 120) for _ in range(20)]
    groups = neardup.near_duplicate_groups(texts)
    assert groups == [list(range(40))]


# --------------------------------------------------------------------------------------------------------------
# real datasets


def _ctx_for(path: Path) -> Context:
    r = load_dataset(str(path))
    return Context(frame=r.frame, info=r.info, problems=r.problems, settings=Settings(), defaults=DEFAULTS)


def _record_numbers(frame: pl.DataFrame) -> dict[int, int]:
    """Physical line -> 1-based record number, for a file whose records are all valid examples."""
    return {line: k for k, line in enumerate(sorted(frame["line"].to_list()), start=1)}


def _as_records(groups: list[list[int]], number: dict[int, int]) -> list[list[int]]:
    return [[number[x] for x in g] for g in groups]


def test_alpaca_demo_exact_duplicates(shared_datasets: Path) -> None:
    path = shared_datasets / "llamafactory" / "alpaca_en_demo.json"
    if not path.is_file():
        pytest.skip("alpaca_en_demo.json not present")
    records = json.loads(path.read_text(encoding="utf-8"))
    ctx = _ctx_for(path)
    d = run(ctx)
    assert d["exact"]["redundant"] == 14
    assert d["exact"]["group_count"] == 13
    # every reported group really is the same record
    number = _record_numbers(ctx.frame)  # lines are physical lines; the records are indexed by position
    for g in d["exact"]["groups"]:
        recs = {json.dumps(records[number[line] - 1], sort_keys=True) for line in g}
        assert len(recs) == 1
    assert ctx.frame.height - d["exact"]["redundant"] - d["near"]["redundant"] == 985


def test_identity_templates_are_near_duplicates(shared_datasets: Path) -> None:
    path = shared_datasets / "llamafactory" / "identity.json"
    if not path.is_file():
        pytest.skip("identity.json not present")
    ctx = _ctx_for(path)
    d = run(ctx)
    number = _record_numbers(ctx.frame)
    assert [1, 2] in _as_records(d["near"]["groups"], number)  # "hi" / "hello" with the same templated greeting
    assert d["placeholders"]["count"] >= 80
    looser = Settings(check_params={"FT302": {"threshold": 0.5}})
    ctx2 = Context(frame=ctx.frame, info=ctx.info, problems=[], settings=looser, defaults=DEFAULTS)
    d2 = run(ctx2)
    covered = {number[x] for g in d2["near"]["groups"] for x in g}
    assert {1, 2, 3, 12, 13}.issubset(covered)  # templated English self-introductions
    assert d2["near"]["redundant"] > d["near"]["redundant"]


def test_exact_groups_are_verified_not_just_hashed(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = frame_from_rows(
        [{"prompt": "a", "response": "x"}, {"prompt": "b", "response": "y"}, {"prompt": "a", "response": "x"}]
    )
    assert duplicates.exact_groups(frame) == [[0, 2]]
    # force every row into one hash bucket: comparing the strings must still separate them
    original = pl.Expr.hash

    def constant_hash(self: pl.Expr, *a: Any, **k: Any) -> pl.Expr:
        return original(self, *a, **k) * 0

    monkeypatch.setattr(pl.Expr, "hash", constant_hash)
    assert duplicates.exact_groups(frame) == [[0, 2]]


def test_conflicts_are_verified_not_just_hashed(make_ctx: MakeCtx, monkeypatch: pytest.MonkeyPatch) -> None:
    original = pl.Expr.hash
    monkeypatch.setattr(pl.Expr, "hash", lambda self, *a, **k: original(self, *a, **k) * 0)
    rows = [
        {"prompt": "first question", "response": "one"},
        {"prompt": "second question", "response": "two"},
        {"prompt": "first question", "response": "uno"},
    ]
    d = run(make_ctx(rows))
    assert d["conflicts"]["groups"] == [[1, 3]]
    assert d["exact"]["groups"] == []


def test_signatures_estimate_jaccard() -> None:
    texts, pairs = planted(50, 15)
    index = neardup.MinHashIndex.build(texts)
    p = index.passes["word"]
    pos = {int(d): i for i, d in enumerate(p.docs)}
    for i, j in itertools.islice(sorted(pairs), 5):
        sig = p.signatures()
        est = float(np.mean(sig[:, pos[i]] == sig[:, pos[j]]))
        assert est == pytest.approx(neardup.jaccard(texts[i], texts[j]), abs=0.15)


def test_shared_replies_group_templated_answers(make_ctx) -> None:
    from ftready.stages.duplicates import shared_reply_groups

    rows = [
        {"prompt": "Who are you?", "response": "I am {{name}}, made by {{author}}."},
        {"prompt": "What is your name?", "response": "I am  {{ name }}, made by {{author}}."},
        {"prompt": "Introduce yourself", "response": "i am {{bot}}, made by {{maker}}."},
        {"prompt": "Who are you?", "response": "I am {{name}}, made by {{author}}."},  # same prompt: not new
        {"prompt": "What is 2+2?", "response": "4"},
        {"prompt": "cat", "response": "animal", "label": "animal"},
        {"prompt": "dog", "response": "animal", "label": "animal"},  # labels are not templates
    ]
    ctx = make_ctx(rows)
    assert shared_reply_groups(ctx.frame) == [[0, 1, 2, 3]]


def test_identity_templated_records_are_grouped(shared_datasets) -> None:
    from ftready import Settings, analyse

    a = analyse(shared_datasets / "llamafactory" / "identity.json", Settings(select=("FT3",)))
    assert a.duplicates is not None
    number = _record_numbers(_ctx_for(shared_datasets / "llamafactory" / "identity.json").frame)
    groups = _as_records([list(g) for g in a.duplicates.replies.groups], number)
    assert [6, 7, 8] in groups and [12, 13] in groups and [1, 2] in groups
    ft305 = a.finding("FT305")
    assert a.finding("FT306") is not None and ft305 is not None and ft305.count == 85


# ---------------------------------------------------------------------------------------------------------------
# signatures computed while the file is read (the Sketcher) are the ones build() computes


def _mixed_texts(n: int = 700) -> list[str]:
    rng = random.Random(11)
    vocab = "the model reply data invoice ünïcode 数据 alpha beta gamma delta north south east west".split()
    base = [" ".join(rng.choice(vocab) for _ in range(rng.choice([3, 12, 45, 70, 150]))) for _ in range(n // 3)]
    out = []
    for i in range(n):
        t = base[i % len(base)]
        if i % 4 == 1:  # a one-word edit of an earlier text
            w = t.split()
            w[len(w) // 2] = "changed"
            t = " ".join(w)
        out.append(t)
    return out


@pytest.mark.parametrize("batch_size", [1, 64, 4096])
def test_sketcher_gives_the_index_build_gives(batch_size: int) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = _mixed_texts()
    rows = np.array(sorted(random.Random(3).sample(range(len(texts)), 500)))
    with ThreadPoolExecutor(1) as pool:
        sk = neardup.Sketcher(pool, seed=7, batch_size=batch_size)
        for t in texts:
            sk.add(t)
        sketches = sk.result()
    for sub in (None, rows):
        built = neardup.MinHashIndex.build(texts, rows=sub, seed=7)
        fast = neardup.MinHashIndex.from_sketches(texts, sketches, rows=sub)
        assert np.array_equal(built.n_words, fast.n_words)
        assert built.passes.keys() == fast.passes.keys() and built.passes
        for mode, p in built.passes.items():
            assert np.array_equal(p.docs, fast.passes[mode].docs)
            assert np.array_equal(p.signatures(), fast.passes[mode].signatures())
        pairs, sims = built.near_pairs(0.8)
        fpairs, fsims = fast.near_pairs(0.8)
        assert len(pairs) > 0
        assert np.array_equal(pairs, fpairs) and np.array_equal(sims, fsims)


def test_sketcher_without_a_working_helper_sketches_in_place() -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = _mixed_texts(200)
    pool = ThreadPoolExecutor(1)
    pool.shutdown()  # submit now raises: every batch is sketched when the result is asked for
    sk = neardup.Sketcher(pool, seed=1, batch_size=50)
    for t in texts:
        sk.add(t)
    fast = neardup.MinHashIndex.from_sketches(texts, sk.result())
    built = neardup.MinHashIndex.build(texts, seed=1)
    for mode, p in built.passes.items():
        assert np.array_equal(p.signatures(), fast.passes[mode].signatures())


def test_sketches_must_cover_the_texts() -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        sk = neardup.Sketcher(pool)
        sk.add("one text")
        sketches = sk.result()
    with pytest.raises(ValueError, match="cover 1 texts"):
        neardup.MinHashIndex.from_sketches(["a", "b"], sketches)


def test_sketcher_resketches_the_batches_a_dead_helper_lost() -> None:
    from concurrent.futures import Executor, Future
    from concurrent.futures.process import BrokenProcessPool

    class Dying(Executor):
        """Takes every second job, then reports the helper dead for the others."""

        def __init__(self) -> None:
            self.n = 0

        def submit(self, fn, /, *args, **kwargs):
            self.n += 1
            f: Future = Future()
            if self.n % 2:
                f.set_result(fn(*args, **kwargs))
            else:
                f.set_exception(BrokenProcessPool("the helper died"))
            return f

    texts = _mixed_texts(300)
    sk = neardup.Sketcher(Dying(), seed=2, batch_size=40, extra=duplicates.text_hashes)
    for t in texts:
        sk.add(t)
    got = sk.result()
    built = neardup.MinHashIndex.build(texts, seed=2)
    for mode, p in built.passes.items():
        assert np.array_equal(p.signatures(), got.passes[mode].signatures())
    assert got.extra is not None and np.array_equal(got.extra, duplicates.text_hashes(texts))


def test_normalise_composes_only_what_needs_it_and_leaves_its_input_alone() -> None:
    from ftready.stages.duplicates import normalise

    values = pl.Series("r", ["Cafe\u0301  AU\tlait ", None, "", "PLAIN", "\u212b", " x\n\ny "])
    before = values.to_list()
    assert normalise(values).to_list() == ["caf\u00e9 au lait", "", "", "plain", "\u00e5", "x y"]
    assert normalise(values).name == "r" and values.to_list() == before


# characters the whitespace rule treats differently: ASCII and Unicode whitespace, characters Python calls
# whitespace but the regex does not (\x1c-\x1f), letters whose lower case changes their length or script
_WS_ALPHABET = st.sampled_from(
    list(" \t\n\x0b\x0c\r\x1c\x1f\x85\xa0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000\u200b")
    + list("aZ.\u212a\u0130\u00e9\u4e2d")
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.text(_WS_ALPHABET, max_size=12), st.text(max_size=6)), max_size=40),
    st.integers(0, 60),
)
def test_collapse_whitespace_equals_the_regex_on_every_row(values: list[str | None], plain: int) -> None:
    """The screened replacement gives what the regex gives on every row, whichever share of rows needs it
    (`plain` single-line ASCII rows are added so that few, some or most rows need the regex)."""
    from ftready.textnorm import IRREGULAR, collapse_whitespace

    rows = values + ["plain ascii text, one space"] * plain
    random.Random(len(rows)).shuffle(rows)
    s = pl.Series("t", rows, dtype=pl.String)
    got = collapse_whitespace(s)
    assert got.to_list() == s.str.replace_all(IRREGULAR, " ").to_list()
    assert got.name == "t" and s.to_list() == rows  # the input is left alone


def _window_edges_reference(key: np.ndarray) -> set[tuple[int, int]]:
    """Every position linked to its next WINDOW-1 positions of equal key, in position order."""
    by_key: dict[int, list[int]] = {}
    for i, k in enumerate(key.tolist()):
        by_key.setdefault(k, []).append(i)
    out = set()
    for pos in by_key.values():
        for a, i in enumerate(pos):
            for j in pos[a + 1 : a + neardup.WINDOW]:
                out.add((i, j))
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1) | st.integers(0, 6) | st.just(2**64 - 1), max_size=120))
def test_window_edges_link_each_position_to_its_next_equal_keys(keys: list[int]) -> None:
    key = np.array(keys, dtype=np.uint64)
    a, b = neardup.MinHashIndex._window_edges(key)
    got = set(zip(a.tolist(), b.tolist(), strict=True))
    assert len(got) == len(a)
    assert got == _window_edges_reference(key)


def test_only_the_first_characters_of_a_huge_text_are_shingled() -> None:
    """Near duplicates are judged on a text's first MAX_SHINGLE_CHARS characters, so a 200 MB reply costs the
    same working memory as a 100 kB one; what follows does not change its shingles."""
    from ftready.neardup.shingles import MAX_SHINGLE_CHARS, shingle_sets

    head = " ".join(f"word{i % 997}" for i in range(MAX_SHINGLE_CHARS // 4))[:MAX_SHINGLE_CHARS]
    a, b = shingle_sets([head + " tail one " * 50, head + " another ending " * 50], "word")
    assert a == b and len(a) > 100
    c, d = shingle_sets([head[:5000] + " tail one " * 50, head[:5000] + " another ending " * 50], "word")
    assert c != d  # within the limit, the tails count
