"""Lifecycle states, the horizon cut, replica scaling and scale-to-zero, the shipped tables' dates, and the
lifecycle part of the table schema."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ftready.costs import CostInputs, add_months, estimate, retrain_dates
from ftready.errors import PricingError
from ftready.pricing import load_pricebook
from ftready.pricing.book import check_paths, lifecycle_warnings, shipped_pricing_dir
from ftready.pricing.tables import validate_file
from testkit import objs

TODAY = dt.date(2026, 12, 3)

TABLE = """\
schema_version: 1
provider: life
display_name: Life
currency: USD
as_of: 2026-11-01
status: active
sources:
  page: {url: https://example.com/life, retrieved: 2026-11-01}
defaults:
  source: page
  training: {unit: per_1m_tokens, rates: {sft: 1.00}}
  hosting: {kind: hourly, per_hour: 1.00, serving_tokens_per_second: 100}
  inference: {input: 0, output: 0}
  base_inference: {input: 1.00, output: 1.00}
  lifecycle: {status: available, source: page}
models:
  avail: {}
  closed:
    lifecycle: {status: closed-to-new-customers}
  trainclosed:
    lifecycle: {status: training-closed, training_until: 2026-11-30}
  retired:
    lifecycle: {status: retired, serving_until: 2026-10-23}
  cut:
    lifecycle: {serving_until: 2027-03-04}
  zero:
    hosting: {kind: hourly, per_hour: 1.00, scales_to_zero: true, serving_tokens_per_second: 100}
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("life")
    (d / "life.yaml").write_text(TABLE, encoding="utf-8")
    return d


def run(folder: Path, model: str | None = None, **a: Any) -> dict[str, Any]:
    book = load_pricebook([folder], include_user=False)
    inp = CostInputs(
        effective_examples=500,
        total_tokens=100_000,
        example_tokens=[200] * 500,
        today=TODAY,
        prompt_tokens=100,
        reply_tokens=50,
    )
    res = estimate(inp, book, {"model": model, "updates_per_year": 0, **a}).to_dict()
    res["options"] = [o for o in objs(res["options"]) if o["provider"] == "life"]  # the shipped tables are loaded too
    return res


def opt(res: dict[str, Any], key: str) -> dict[str, Any]:
    return next(o for o in res["options"] if o["key"] == key)


@pytest.mark.parametrize(
    ("model", "status"),
    [
        ("avail", "available"),
        ("closed", "closed-to-new-customers"),
        ("trainclosed", "training-closed"),
        ("retired", "retired"),
    ],
)
def test_each_lifecycle_state(folder: Path, model: str, status: str) -> None:
    o = run(folder, f"life/{model}")["options"][0]
    assert o["lifecycle_status"] == status
    assert (o["first_year_total"] is None) == (status in ("retired", "training-closed"))


def test_only_available_models_are_chosen_and_retired_ones_sort_last(folder: Path) -> None:
    res = run(folder)
    assert res["chosen"]["lifecycle_status"] == "available"
    assert [o["model"] for o in res["options"]][-2:] == ["retired", "trainclosed"]


def test_horizon_cut_at_serving_until(folder: Path) -> None:
    o = run(folder, "life/cut")["options"][0]
    months = (dt.date(2027, 3, 4) - TODAY).days / (365 / 12)
    assert o["served_months"] == round(months, 2)
    assert o["first_year_total"] == pytest.approx(o["training_per_run"] + months * o["monthly_total"], abs=1e-3)
    assert any("serving stops on 2027-03-04, inside the 12-month horizon" in w for w in o["warnings"])
    longer = run(folder, "life/avail", horizon_months=24)["options"][0]
    shorter = run(folder, "life/avail", horizon_months=6)["options"][0]
    assert longer["first_year_total"] > 3.9 * shorter["first_year_total"]


def test_retrain_dates_stop_at_the_horizon_and_the_lifecycle() -> None:
    end = add_months(TODAY, 12)
    assert len(retrain_dates(TODAY, 4, end, None, None)) == 3  # day 365 is the horizon's end
    assert len(retrain_dates(TODAY, 12, end, dt.date(2027, 3, 1), None)) == 2
    assert retrain_dates(TODAY, 12, end, None, dt.date(2027, 1, 1)) == []  # the first cycle is after shutdown
    assert retrain_dates(TODAY, 12, end, None, dt.date(2027, 1, 15)) == [TODAY + dt.timedelta(days=365 / 12)]
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)


def test_replicas_grow_with_traffic(folder: Path) -> None:
    low = run(folder, "life/avail", requests_per_month=100_000)["options"][0]
    high = run(folder, "life/avail", requests_per_month=100_000_000)["options"][0]
    # 100M × 50 tokens / (730 h × 3600) × 3 = 5,708 tokens/s over 100 per replica → 58 replicas
    assert low["replicas"] == 1 and high["replicas"] == 58
    assert high["hosting_per_month"] == pytest.approx(58 * low["hosting_per_month"])


def test_scale_to_zero_bills_busy_hours(folder: Path) -> None:
    o = run(folder, "life/zero", requests_per_month=100_000)["options"][0]
    busy = 100_000 * 50 / 100 / 3600
    assert o["hosting_hours_per_month"] == pytest.approx(busy / 0.25, abs=1e-3)
    assert "scales to zero" in o["arithmetic"]["hosting_per_month"]


def test_scale_to_zero_runs_more_workers_as_traffic_grows(folder: Path) -> None:
    """Past one worker's month, more traffic bills more GPU-hours (more workers at once), never a capped month."""
    mid = run(folder, "life/zero", requests_per_month=1_000_000)["options"][0]
    high = run(folder, "life/zero", requests_per_month=100_000_000)["options"][0]
    busy = 100_000_000 * 50 / 100 / 3600  # 13,889 busy hours: 19 workers busy all month
    # billed: busy / 25% utilisation, at most the 58 peak replicas running all 730 h
    assert high["hosting_hours_per_month"] == pytest.approx(min(busy / 0.25, 58 * 730), abs=1e-3)
    assert high["hosting_hours_per_month"] > 730 and high["replicas"] == 1
    assert high["hosting_per_month"] > 50 * mid["hosting_per_month"]  # 100× the traffic, capped by the peak fleet
    assert "workers at once on average" in high["arithmetic"]["hosting_per_month"]


def test_approaches_and_break_even(folder: Path) -> None:
    res = run(folder, "life/avail")
    ap = res["approaches"]
    assert set(ap) >= {"fine-tune", "rag", "prompting", "break_even_requests_per_month"}
    p = ap["prompting"]
    assert p["few_shot_tokens"] == 5 * 200  # k examples × measured mean tokens per example
    assert p["monthly"] == pytest.approx(100_000 * ((100 + 1000) * 1.0 + 50 * 1.0) / 1e6, abs=1e-3)
    assert ap["fine-tune"]["first_year_total"] == res["chosen"]["first_year_total"]


def test_cumulative_curves_end_at_the_totals_and_mark_when_fine_tuning_gets_cheaper(folder: Path) -> None:
    ap = run(folder, "life/avail", updates_per_year=4)["approaches"]
    for key in ("fine-tune", "rag", "prompting"):
        curve = ap[key]["cumulative"]
        assert len(curve) == 13 and curve == sorted(curve), key  # months 0..12, never decreasing
        assert curve[-1] == pytest.approx(ap[key]["first_year_total"], rel=1e-3), key
    ft, pr = ap["fine-tune"]["cumulative"], ap["prompting"]["cumulative"]
    month = ap["fine_tune_cheaper_than_prompting_from_month"]
    cheaper = [m for m in range(1, 13) if ft[m] <= pr[m]]
    assert month == (cheaper[0] if cheaper else None)
    assert ft[0] > 0 and pr[0] == 0  # the first training is paid before the first request
    steps = [ft[m + 1] - ft[m] for m in range(12)]
    assert max(steps) > min(steps)  # the update cycles add a training run in their month


LIFE_ERR = TABLE.replace(
    "  retired:\n    lifecycle: {status: retired, serving_until: 2026-10-23}",
    "  retired:\n    lifecycle: {status: gone}",
)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (
            "{status: retired, serving_until: 2026-10-23}",
            "{status: gone}",
            "models.retired.lifecycle.status: must be one of",
        ),
        (
            "{status: retired, serving_until: 2026-10-23}",
            "{status: retired}",
            "models.retired.lifecycle.status: retired needs",
        ),
        (
            "lifecycle: {status: available, source: page}",
            "lifecycle: {status: available}",
            "lifecycle.status: needs a source",
        ),
        (
            "{serving_until: 2027-03-04}",
            "{serving_until: 2027-03-04, training_until: 2027-04-01}",
            "models.cut.lifecycle.serving_until: is before",
        ),
    ],
)
def test_lifecycle_schema_errors_point_at_the_field(tmp_path: Path, old: str, new: str, where: str) -> None:
    f = tmp_path / "life.yaml"
    f.write_text(TABLE.replace(old, new), encoding="utf-8")
    problems = validate_file(f, "life.yaml").problems
    assert problems and any(where in p for p in problems), problems
    assert all(p.startswith("life.yaml:") for p in problems)


def test_shipped_tables_have_full_recent_dates_and_lifecycles() -> None:
    book = load_pricebook(include_user=False)
    for info in book.provider_info.values():
        assert len(info.as_of_text) == 10 and info.as_of >= dt.date(2026, 10, 1), info.file
    assert lifecycle_warnings(book.models) == []
    retired = {m.key for m in book.models if m.lifecycle.status_on(TODAY) == "retired"}
    assert {"vertex_ai/gemini-2.5-flash-lite", "openai/gpt-4.1-nano-2025-04-14", "openai/o4-mini-2025-04-16"} <= retired
    mini = book.find("openai/gpt-4.1-mini-2025-04-14")
    assert mini is not None and mini.lifecycle.serving_until == dt.date(2027, 1, 14)


def test_pricing_check_warns_on_rows_without_lifecycle(tmp_path: Path) -> None:
    f = tmp_path / "life.yaml"
    text = TABLE.replace("  lifecycle: {status: available, source: page}\n", "")
    for status in ("closed-to-new-customers", "training-closed", "retired"):
        text = text.replace(f"{{status: {status}", f"{{source: page, status: {status}")
    text = text.replace("{serving_until: 2027-03-04}", "{serving_until: 2027-03-04, source: page}")
    f.write_text(text, encoding="utf-8")
    assert check_paths([f]) == []
    r = subprocess.run([sys.executable, "-m", "ftready", "pricing", "check", str(f)], capture_output=True, text=True)
    assert r.returncode == 0
    assert "models.avail.lifecycle: no lifecycle status" in r.stderr and "models.retired" not in r.stderr


def test_unknown_model_exits_2_with_the_closest_ids(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text('{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}\n')
    r = subprocess.run(
        [sys.executable, "-m", "ftready", str(data), "--report", "json", "--model", "gpt-4.1-mimi"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "closest: openai/gpt-4.1-mini-2025-04-14" in lines[0]


def test_shipped_dir_exists() -> None:
    assert (shipped_pricing_dir() / "openai.yaml").is_file()


def test_no_pricing_error_on_shipped() -> None:
    try:
        load_pricebook(include_user=False)
    except PricingError as e:  # pragma: no cover
        pytest.fail(str(e))
