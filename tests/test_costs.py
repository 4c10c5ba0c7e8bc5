from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftready.costs import CostInputs, estimate, pick_rate, tokens_at_limit_from_counts
from ftready.epochs import default_epochs
from ftready.errors import UsageError
from ftready.model import ChurnSection, Severity
from ftready.pricing import PriceBook, load_pricebook
from ftready.rules.codes import BY_CODE, FAMILIES
from ftready.settings import ASSUMPTION_DEFAULTS, Settings
from ftready.stages.costs import inputs_from_context, stage, today
from testkit import arr, obj, objs

TODAY = dt.date(2026, 11, 23)

ACME = """\
schema_version: 1
provider: acme
display_name: Acme
currency: USD
as_of: 2026-10-01
status: active
sources:
  page: {url: https://example.com/acme, retrieved: 2026-10-01}
defaults:
  source: page
  default_epochs: 2
  hosting: {kind: hourly, per_hour: 0.50}
models:
  tok:
    max_example_tokens: 1000000
    training: {unit: per_1m_tokens, rates: {sft: 2.00}, minimum_charge: 1.00}
    inference: {input: 1.00, output: 4.00}
    base_inference: {input: 0.50, output: 2.00}
  gpu:
    training: {unit: per_gpu_hour, rates: {sft_lora: 3.00}, tokens_per_second: 1000, gpus: 2, overhead_minutes: 30}
    inference: {input: 0.0, output: 0.0}
    base_inference: {input: 0.50, output: 2.00}
  unknown:
    training: {unit: per_1m_tokens, rates: {sft: null}}
    hosting: {kind: dedicated, per_hour: null}
    inference: {input: null, output: 1.0}
  prov:
    default_epochs: auto
    training: {unit: per_1m_tokens, rates: {sft: 1.00}, bills_validation: true}
    hosting: {kind: provisioned, per_model_unit_hour: 10.0, model_units: 2, storage_per_month: 1.95}
    inference: {input: 0, output: 0}
    base_inference: {input: 0.50, output: 2.00}
    lifecycle: {training_until: 2027-01-06, serving_until: 2027-01-14, source: page}
    unconfirmed: [hosting.per_model_unit_hour]
"""

RAG = """\
schema_version: 1
provider: rag
display_name: RAG test
currency: USD
as_of: 2026-10-01
status: active
sources:
  page: {url: https://example.com/rag, retrieved: 2026-10-01}
defaults: {embedding: test-embed, vector_store: flat10, chunk_tokens: 500, text_bytes_per_token: 4}
embeddings:
  test-embed: {per_1m: 0.10, dims: 1000, source: page}
  null-embed: {per_1m: null, source: page}
vector_stores:
  flat10: {kind: flat, per_month: 10.00, source: page}
  inst: {kind: instance, per_hour: 0.10, storage_per_gb_month: 0.50, source: page}
  pine: {kind: serverless, monthly_minimum: 50, storage_per_gb_month: 0.33, read_units_per_1m: 16, read_units_per_query: 0.25, source: page}
"""

BASE_ASSUMPTIONS: dict[str, Any] = {
    "requests_per_month": 1000,
    "prompt_tokens": 100,
    "reply_tokens": 50,
    "updates_per_year": 4,
    "hosting_hours_per_month": 730,
    "rag_context_tokens": 200,
}


def write_tables(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "acme.yaml").write_text(ACME, encoding="utf-8")
    (folder / "rag.yaml").write_text(RAG, encoding="utf-8")
    return folder


def acme_book(folder: Path) -> PriceBook:
    """Only the Acme models (and the RAG tables, with the test defaults) of a full load."""
    full = load_pricebook([write_tables(folder)], include_user=False)
    return PriceBook(
        models=full.models_for("acme"),
        rag=full.rag,
        provider_info={"acme": full.provider_info["acme"]},
        files=full.files,
    )


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> PriceBook:
    return acme_book(tmp_path_factory.mktemp("tables"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTREADY_PRICING_DIR", str(tmp_path_factory.mktemp("user-pricing")))
    monkeypatch.delenv("FTREADY_TODAY", raising=False)


def inputs(tokens: list[int], **kw: Any) -> CostInputs:
    base: dict[str, Any] = {
        "effective_examples": len(tokens),
        "total_tokens": sum(tokens),
        "example_tokens": tokens,
        "today": TODAY,
    }
    base.update(kw)
    return CostInputs(**base)


def run(book: PriceBook, inp: CostInputs, **assumptions: Any) -> dict[str, Any]:
    """The costs section as the JSON report writes it (the contract these figures are checked against)."""
    return estimate(inp, book, {**BASE_ASSUMPTIONS, **assumptions}).to_dict()


def one(book: PriceBook, inp: CostInputs, model: str, **assumptions: Any) -> dict[str, Any]:
    res = run(book, inp, model=model, **assumptions)
    assert len(res["options"]) == 1
    return res["options"][0]


# --- the arithmetic, by hand -------------------------------------------------------------------------------------


def test_training_hosting_retraining_and_rag_by_hand(book: PriceBook) -> None:
    tokens = [500_000, 1_500_000, 800_000]
    res = run(book, inputs(tokens), model="acme/tok", epochs=2)
    o = res["options"][0]

    limit, rate, epochs = 1_000_000, 2.00, 2  # from ACME: max_example_tokens, rates.sft; epochs as assumed
    dataset = sum(min(t, limit) for t in tokens)  # the 1.5M example is counted at the limit
    billed = dataset * epochs
    training = billed / 1_000_000 * rate
    hosting = 0.50 * 730
    inference = 1000 * (100 * 1.00 + 50 * 4.00) / 1_000_000
    base = 1000 * (100 * 0.50 + 50 * 2.00) / 1_000_000
    retraining = 3 * training  # 4 a year: days 91, 182, 274 (the 4th, day 365, is the horizon's end)
    first_year = training + retraining + 12 * (hosting + inference)

    assert o["epochs"] == epochs
    assert o["dataset_tokens"] == dataset
    assert o["training_tokens"] == billed
    assert o["training_per_run"] == round(training, 4)
    assert o["hosting_per_month"] == round(hosting, 4)
    assert o["inference_per_month"] == round(inference, 4)
    assert o["base_inference_per_month"] == round(base, 4)
    assert o["retraining_per_year"] == round(retraining, 4)
    assert o["first_year_total"] == round(first_year, 4)
    assert o["chosen"] is True and res["chosen"] == o

    corpus = sum(tokens)  # the RAG corpus defaults to the dataset's tokens
    embed_once = corpus / 1_000_000 * 0.10
    reembed = 4 * 0.2 * corpus / 1_000_000 * 0.10  # default changed share 0.2 when churn is not measured
    store = 10.00
    rag_inference = 1000 * ((100 + 200) * 0.50 + 50 * 2.00) / 1_000_000
    rag_first_year = (embed_once + reembed) + 12 * (store + rag_inference)
    rag = res["rag"]
    assert rag["embedding_once"] == round(embed_once, 4)
    assert rag["reembedding_per_year"] == round(reembed, 4)
    assert rag["vector_store_per_month"] == round(store, 4)
    assert rag["inference_per_month"] == round(rag_inference, 4)
    assert rag["first_year_total"] == round(rag_first_year, 4) == o["rag_first_year_total"]
    assert rag["changed_share_source"] == "default"

    a = o["arithmetic"]
    assert a["training_per_run"] == f"{billed:,} tokens × $2.00/1M = ${training:,.2f}"
    assert "counted at the limit" in a["training_tokens"]
    assert a["hosting_per_month"] == f"$0.50/h × 730 h = ${hosting:,.2f}"
    assert a["retraining_per_year"] == f"3 update cycles in 12 months (4/year) × ${training:,.2f} = ${retraining:,.2f}"


def test_minimum_charge_applies_to_small_jobs(book: PriceBook) -> None:
    o = one(book, inputs([1000, 2000]), "acme/tok")
    assert (1000 + 2000) * 2 / 1_000_000 * 2.00 < 1.00
    assert o["training_per_run"] == 1.00
    assert "minimum charge $1.00 applies → $1.00" in o["arithmetic"]["training_per_run"]


def test_per_gpu_hour_training_follows_from_throughput(book: PriceBook) -> None:
    tokens = [1_800_000, 1_800_000]
    o = one(book, inputs(tokens), "acme/gpu", epochs=1)
    hours = sum(tokens) / (1000 * 2) / 3600 + 30 / 60
    assert hours == 1.0
    assert o["training_hours"] == round(hours, 4)
    assert o["training_per_run"] == round(hours * 3.00 * 2, 4)
    assert o["rate_key"] == "sft_lora"
    assert o["inference_per_month"] == 0.0


def test_provisioned_hosting_and_billed_validation(book: PriceBook) -> None:
    tokens = [10_000] * 50
    o = one(book, inputs(tokens, validation_tokens=1_000), "acme/prov", validation_evals=3)
    epochs = default_epochs(50)  # `auto`
    assert o["epochs"] == epochs
    assert o["training_tokens"] == sum(tokens) * epochs + 1_000 * 3
    assert o["hosting_per_month"] == round(10.0 * 2 * 730 + 1.95, 4)
    tok = one(book, inputs(tokens, validation_tokens=1_000), "acme/tok", validation_evals=3)
    assert tok["training_tokens"] == sum(tokens) * epochs  # this provider does not bill validation tokens


def test_epochs_explicit_auto_and_default(book: PriceBook) -> None:
    small = inputs([100] * 20)
    assert one(book, small, "acme/prov")["epochs"] == default_epochs(20) == 100 // 20
    # one rule for every option: acme/tok's own default (2) is named, not used
    tok = one(book, small, "acme/tok")
    assert (
        tok["epochs"] == default_epochs(20)
        and "acme uses 2 when the job does not set it" in tok["arithmetic"]["epochs"]
    )
    assert one(book, small, "acme/tok", epochs=7)["epochs"] == 7
    assert one(book, small, "acme/prov", epochs=7)["epochs"] == 7


def test_effective_examples_drive_auto_epochs(book: PriceBook) -> None:
    inp = inputs([100] * 20, effective_examples=10)
    assert one(book, inp, "acme/prov")["epochs"] == default_epochs(10) != default_epochs(20)


def test_measured_churn_and_explicit_share(book: PriceBook) -> None:
    inp = inputs([1_000_000], churn_share=0.5)
    rag = run(book, inp, model="acme/tok")["rag"]
    assert rag["changed_share"] == 0.5 and rag["changed_share_source"] == "measured churn"
    assert rag["reembedding_per_year"] == round(4 * 0.5 * 1_000_000 / 1_000_000 * 0.10, 4)
    rag = run(book, inp, model="acme/tok", rag_changed_share=0.1)["rag"]
    assert rag["changed_share"] == 0.1 and rag["changed_share_source"] == "assumption"


def test_instance_and_serverless_vector_stores(book: PriceBook) -> None:
    corpus = 1_000_000
    inp = inputs([corpus])
    chunks = -(-corpus // 500)
    gb = chunks * (1000 * 4 + 500 * 4) / 1e9
    inst = run(book, inp, model="acme/tok", rag_vector_store="inst")["rag"]
    assert inst["chunks"] == chunks
    assert inst["vector_store_per_month"] == round(0.10 * 730 + gb * 0.50, 4)
    pine = run(book, inp, model="acme/tok", rag_vector_store="pine")["rag"]
    assert 1000 * 0.25 * 16 / 1e6 + gb * 0.33 < 50
    assert pine["vector_store_per_month"] == 50.0  # the monthly minimum
    assert "monthly minimum $50.00 applies" in pine["arithmetic"]["vector_store_per_month"]


# --- unknown prices ----------------------------------------------------------------------------------------------


def test_null_prices_stay_none(book: PriceBook) -> None:
    o = one(book, inputs([1000] * 10), "acme/unknown")
    for key in (
        "training_per_run",
        "retraining_per_year",
        "hosting_per_month",
        "inference_per_month",
        "first_year_total",
    ):
        assert o[key] is None, key
    assert o["base_inference_per_month"] is None and o["rag_first_year_total"] is None
    assert o["arithmetic"]["training_per_run"].startswith("n/a (unknown price)")
    assert o["arithmetic"]["hosting_per_month"].startswith("n/a (unknown price)")
    assert "n/a (unknown price)" in o["arithmetic"]["first_year_total"]
    assert any(w.startswith("unknown price") for w in o["warnings"])
    assert set(o["unknown"]) == {"training rate", "hosting per hour", "fine-tuned inference"}


def test_null_embedding_price_makes_rag_unknown(book: PriceBook) -> None:
    res = run(book, inputs([1000] * 10), model="acme/tok", rag_embedding="null-embed")
    assert res["rag"]["embedding_once"] is None
    assert res["rag"]["first_year_total"] is None
    assert res["options"][0]["first_year_total"] is not None


def test_unknown_totals_sort_last_and_are_never_chosen(book: PriceBook) -> None:
    res = run(book, inputs([1000] * 200))
    totals = [o["first_year_total"] for o in res["options"]]
    known = [t for t in totals if t is not None]
    assert totals[: len(known)] == sorted(known)
    assert totals[-1] is None and res["options"][-1]["model"] == "unknown"
    assert res["chosen"] is not None and res["chosen"]["first_year_total"] == min(known)
    assert sum(o["chosen"] for o in res["options"]) == 1


def test_lifecycle_and_staleness_warnings(book: PriceBook) -> None:
    inp = inputs([1000] * 200)
    quarterly = one(book, inp, "acme/prov", updates_per_year=4)
    assert any("training closes on 2027-01-06, inside the 12-month horizon" in w for w in quarterly["warnings"])
    assert any("serving stops on 2027-01-14, inside the 12-month horizon" in w for w in quarterly["warnings"])
    monthly = one(book, inp, "acme/prov", updates_per_year=12)  # next cycle 2026-12-23, before the cut-off
    assert not any("cannot retrain" in w for w in monthly["warnings"])
    later = one(book, inputs([1000] * 200, today=dt.date(2027, 1, 10)), "acme/prov")
    assert later["lifecycle_status"] == "training-closed"
    assert any("training closed since 2027-01-06" in w for w in later["warnings"])
    gone = one(book, inputs([1000] * 200, today=dt.date(2027, 1, 14)), "acme/prov")
    assert gone["lifecycle_status"] == "retired" and gone["first_year_total"] is None
    assert any("retired: the model stopped serving on 2027-01-14" in w for w in gone["warnings"])
    # the cheapest ready option skips a model that cannot be retrained in time
    assert run(book, inp)["chosen"]["model"] != "prov"

    as_of = dt.date(2026, 10, 1)
    fresh = one(book, inputs([1000], today=as_of + dt.timedelta(days=90)), "acme/tok")
    stale = one(book, inputs([1000], today=as_of + dt.timedelta(days=91)), "acme/tok")
    assert not any("days old" in w for w in fresh["warnings"])
    assert any(w.startswith("prices are 91 days old") for w in stale["warnings"])
    later = one(book, inputs([1000], today=as_of + dt.timedelta(days=91)), "acme/tok", stale_after_days=120)
    assert not any("days old" in w for w in later["warnings"])


def test_unconfirmed_values_are_reported(book: PriceBook) -> None:
    o = one(book, inputs([1000] * 200), "acme/prov")
    assert o["unconfirmed_used"] == ["hosting.per_model_unit_hour"]


def test_unknown_model_is_a_usage_error_listing_the_closest_ids(book: PriceBook) -> None:
    with pytest.raises(UsageError) as e:
        run(book, inputs([1000] * 50), model="acme/tokk")
    msg = str(e.value)
    assert "\n" not in msg and "--model acme/tokk: not in the pricing tables; closest: acme/tok" in msg


def test_method_not_offered(book: PriceBook) -> None:
    o = one(book, inputs([1000] * 50), "acme/gpu", method="dpo")
    assert o["training_per_run"] is None and o["first_year_total"] is None
    assert any("does not offer dpo training" in w for w in o["warnings"])
    assert run(book, inputs([1000] * 50), method="dpo")["options"] == []


def test_rate_key_preference() -> None:
    book = load_pricebook(include_user=False)
    az = book.find("azure_openai/gpt-4.1-mini-2025-04-14")
    assert az is not None
    assert pick_rate(az, "sft") == ("sft_global", 5.00)
    assert pick_rate(az, "sft", "sft_regional") == ("sft_regional", 5.50)
    assert pick_rate(az, "sft", "sft_full") == ("sft_global", 5.00)  # not offered: the default pick
    assert pick_rate(az, "dpo") is None


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("epochs", "three", "assumptions.epochs: must be a whole number ≥ 1 or null, got 'three'"),
        ("epochs", 0, "assumptions.epochs: must be a whole number ≥ 1 or null, got 0"),
        ("updates_per_year", -1, "assumptions.updates_per_year: must be a number ≥ 0, got -1"),
        (
            "hosting_hours_per_month",
            800,
            "assumptions.hosting_hours_per_month: must be a number between 0 and 744, got 800",
        ),
        ("method", "ppo", "assumptions.method: must be one of sft, dpo, rft, got 'ppo'"),
        ("rag_changed_share", 1.5, "assumptions.rag_changed_share: must be a number between 0 and 1 or null, got 1.5"),
    ],
)
def test_bad_assumptions_are_usage_errors(book: PriceBook, key: str, value: Any, message: str) -> None:
    with pytest.raises(UsageError) as exc:
        run(book, inputs([1000]), **{key: value})
    assert str(exc.value) == message


def test_unknown_rag_component(book: PriceBook) -> None:
    with pytest.raises(UsageError, match=r"assumptions\.rag_vector_store: 'nope' is not in the RAG tables"):
        run(book, inputs([1000]), rag_vector_store="nope")


def test_costs_section_has_the_contract_keys(book: PriceBook) -> None:
    res = run(book, inputs([1000] * 50))
    assert json.loads(json.dumps(res))["chosen"] == json.loads(json.dumps(res["chosen"]))
    assert {"currency", "assumptions", "options", "rag", "chosen"} <= set(res)
    assert res["currency"] == "USD"
    assert set(ASSUMPTION_DEFAULTS) <= set(res["assumptions"])
    for o in res["options"]:
        assert {
            "provider",
            "model",
            "epochs",
            "training_tokens",
            "training_per_run",
            "hosting_per_month",
            "inference_per_month",
            "base_inference_per_month",
            "retraining_per_year",
            "first_year_total",
            "status",
            "warnings",
            "arithmetic",
        } <= set(o)


def test_shipped_tables_estimate_without_errors() -> None:
    book = load_pricebook(include_user=False)
    res = estimate(inputs([700] * 500, prompt_tokens=500, reply_tokens=200), book, {}).to_dict()
    assert len(arr(res["options"])) > 20
    assert res["chosen"] is not None and obj(res["chosen"])["status"] != "deprecated"
    together = next(
        o for o in objs(res["options"]) if o["key"] == "together/meta-llama/Meta-Llama-3.1-8B-Instruct-Reference"
    )
    assert together["training_per_run"] == 0.504  # 350,000 tokens × 3 epochs (auto) × $0.48/1M, no minimum
    assert together["hosting_per_month"] == round(3.99 * 730, 4)
    mistral = next(o for o in objs(res["options"]) if o["provider"] == "mistral")
    assert mistral["training_per_run"] is None


# --- properties --------------------------------------------------------------------------------------------------

token_lists = st.lists(st.integers(min_value=0, max_value=3_000_000), min_size=1, max_size=30)
MODELS = ("acme/tok", "acme/gpu", "acme/prov")
FIGURES = ("training_per_run", "retraining_per_year", "first_year_total", "training_tokens")


def _figures(book: PriceBook, tokens: list[int], model: str, **kw: Any) -> dict[str, Any]:
    o = one(book, inputs(tokens, effective_examples=100), model, **kw)
    return {k: o[k] for k in FIGURES}


@settings(max_examples=60, deadline=None)
@given(
    tokens=token_lists,
    extra=st.lists(st.integers(min_value=0, max_value=3_000_000), max_size=5),
    model=st.sampled_from(MODELS),
)
def test_costs_never_decrease_when_tokens_grow(
    book: PriceBook, tokens: list[int], extra: list[int], model: str
) -> None:
    small = _figures(book, tokens, model)
    grown = [t + 1000 for t in tokens] + extra
    big = _figures(book, grown, model)
    for k in FIGURES:
        assert big[k] >= small[k], k


@settings(max_examples=60, deadline=None)
@given(tokens=token_lists, e1=st.integers(1, 25), e2=st.integers(1, 25), model=st.sampled_from(MODELS))
def test_costs_never_decrease_when_epochs_grow(
    book: PriceBook, tokens: list[int], e1: int, e2: int, model: str
) -> None:
    lo, hi = sorted((e1, e2))
    a, b = _figures(book, tokens, model, epochs=lo), _figures(book, tokens, model, epochs=hi)
    for k in FIGURES:
        assert b[k] >= a[k], k


@settings(max_examples=60, deadline=None)
@given(tokens=token_lists, u1=st.integers(0, 52), u2=st.integers(0, 52), model=st.sampled_from(MODELS))
def test_costs_never_decrease_when_updates_grow(
    book: PriceBook, tokens: list[int], u1: int, u2: int, model: str
) -> None:
    lo, hi = sorted((u1, u2))
    a = one(book, inputs(tokens), model, updates_per_year=lo)
    b = one(book, inputs(tokens), model, updates_per_year=hi)
    for k in ("retraining_per_year", "first_year_total", "rag_first_year_total"):
        assert b[k] >= a[k], k
    assert b["training_per_run"] == a["training_per_run"]


@settings(max_examples=40, deadline=None)
@given(tokens=token_lists, model=st.sampled_from(MODELS))
def test_unknown_price_is_never_zero(book: PriceBook, tokens: list[int], model: str) -> None:
    o = one(book, inputs(tokens), "acme/unknown")
    assert o["first_year_total"] is None and o["training_per_run"] is None
    known = one(book, inputs(tokens), model)
    assert known["first_year_total"] is not None


@settings(max_examples=100, deadline=None)
@given(counts=st.lists(st.integers(0, 100_000), max_size=50), limit=st.integers(0, 120_000))
def test_tokens_at_limit_matches_the_plain_sum(counts: list[int], limit: int) -> None:
    assert tokens_at_limit_from_counts(counts)(limit) == sum(min(c, limit) for c in counts)


# --- the stage and the FT7xx checks ------------------------------------------------------------------------------


def rows(n: int, tokens: int = 400, reply: int = 100) -> list[dict[str, Any]]:
    return [{"prompt": f"q{i}", "response": f"a{i}", "tokens": tokens, "response_tokens": reply} for i in range(n)]


def test_stage_builds_inputs_from_the_context(
    make_ctx: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_tables(tmp_path / "tables")
    monkeypatch.setenv("FTREADY_TODAY", "2026-11-23")
    settings_ = Settings(pricing_dirs=(str(folder),)).with_assumptions(model="acme/tok", requests_per_month=1000)
    ctx = make_ctx(rows(30, tokens=400, reply=100), settings=settings_)
    ctx.churn = ChurnSection("v0.jsonl", 0, 0, 30, 70, 0.3, None, "unknown", None)
    inp = inputs_from_context(ctx)
    assert inp.today == TODAY
    assert inp.total_tokens == 30 * 400 and inp.effective_examples == 30
    assert inp.prompt_tokens == 300 and inp.reply_tokens == 100
    assert inp.dataset_tokens(250) == 30 * 250
    assert inp.churn_share == 0.3
    res = stage(ctx).to_dict()
    o = obj(res["chosen"])
    assert o["key"] == "acme/tok"
    assert o["inference_per_month"] == round(1000 * (300 * 1.00 + 100 * 4.00) / 1e6, 4)
    assert obj(res["rag"])["changed_share_source"] == "measured churn"


def test_today_override_and_bad_env(monkeypatch: pytest.MonkeyPatch) -> None:
    assert today(dt.date(2020, 1, 2)) == dt.date(2020, 1, 2)
    monkeypatch.setenv("FTREADY_TODAY", "2026-02-03")
    assert today() == dt.date(2026, 2, 3)
    monkeypatch.setenv("FTREADY_TODAY", "soon")
    with pytest.raises(UsageError, match="FTREADY_TODAY: must be a date YYYY-MM-DD"):
        today()


def findings(ctx: Any, code: str, **params: Any) -> Any:
    rule = BY_CODE[code]
    assert rule.fn is not None
    hit = rule.fn(ctx, {**rule.params, **params})
    assert not isinstance(hit, Sequence)
    return None if hit is None else rule.finding(hit)


def costs_ctx(make_ctx: Callable[..., Any], book: PriceBook, inp: CostInputs, **assumptions: Any) -> Any:
    ctx = make_ctx(rows(5))
    ctx.costs = estimate(inp, book, {**BASE_ASSUMPTIONS, **assumptions})
    return ctx


def test_ft7xx_codes_are_registered() -> None:
    for code in ("FT701", "FT702", "FT703", "FT704", "FT706", "FT707"):
        assert FAMILIES[code[:3]] == "costs and pricing" and BY_CODE[code].fn is not None
    assert BY_CODE["FT701"].params == {"max_age_days": 90}


def test_ft701_stale_prices(make_ctx: Callable[..., Any], book: PriceBook) -> None:
    fresh = costs_ctx(make_ctx, book, inputs([1000] * 50, today=dt.date(2026, 12, 1)), model="acme/tok")
    assert findings(fresh, "FT701") is None
    f = findings(fresh, "FT701", max_age_days=30)
    assert f is not None and f.severity is Severity.WARNING and f.value == 61 and f.threshold == 30
    assert "acme/tok" in f.message and "https://example.com/acme" in f.message


def test_ft702_model_lifecycle(make_ctx: Callable[..., Any], book: PriceBook) -> None:
    ctx = costs_ctx(make_ctx, book, inputs([1000] * 50), model="acme/prov")
    f = findings(ctx, "FT702")
    assert f is not None
    assert "no new training jobs after 2027-01-06" in f.message and "2027-01-14" in f.message
    assert findings(costs_ctx(make_ctx, book, inputs([1000] * 50), model="acme/tok"), "FT702") is None


def test_ft703_unknown_price(make_ctx: Callable[..., Any], book: PriceBook) -> None:
    f = findings(costs_ctx(make_ctx, book, inputs([1000] * 50), model="acme/unknown"), "FT703")
    assert f is not None and "training rate" in f.message and f.count == 3
    assert findings(costs_ctx(make_ctx, book, inputs([1000] * 50), model="acme/tok"), "FT703") is None


def test_ft704_retraining_exceeds_rag(make_ctx: Callable[..., Any], book: PriceBook) -> None:
    big = inputs([1_000_000] * 20)
    ctx = costs_ctx(make_ctx, book, big, model="acme/tok", updates_per_year=12)
    o = ctx.costs.chosen
    assert o.retraining_per_year > o.rag_first_year_total
    f = findings(ctx, "FT704")
    assert f is not None and f.severity is Severity.INFO
    small = costs_ctx(make_ctx, book, inputs([1000] * 50), model="acme/tok", updates_per_year=1)
    assert findings(small, "FT704") is None


def test_ft706_and_ft707(make_ctx: Callable[..., Any], book: PriceBook) -> None:
    ctx = costs_ctx(make_ctx, book, inputs([1000] * 50), model="acme/prov")
    f = findings(ctx, "FT706")
    assert f is not None and "hosting.per_model_unit_hour" in f.message
    f = findings(ctx, "FT707")
    o = ctx.costs.chosen
    assert f is not None and f.value == round(o.served_months * o.hosting_per_month / o.first_year_total, 4)
    assert findings(ctx, "FT707", share=f.value + 0.001) is None


def test_checks_are_silent_without_a_costs_result(make_ctx: Callable[..., Any]) -> None:
    ctx = make_ctx(rows(5))
    for code in ("FT701", "FT702", "FT703", "FT704", "FT706", "FT707"):
        assert findings(ctx, code) is None


def test_every_assumption_default_reaches_the_resolved_assumptions() -> None:
    """resolve_assumptions builds the typed Assumptions field by field: a default added to settings without a
    field (or a field without a default) would be dropped silently."""
    from dataclasses import fields

    from ftready.model.costs import Assumptions
    from ftready.settings import ASSUMPTION_DEFAULTS

    derived = {"updates_per_year_source", "rag_changed_share_source"}  # where a value came from, set when resolved
    assert {f.name for f in fields(Assumptions)} == set(ASSUMPTION_DEFAULTS) | derived
