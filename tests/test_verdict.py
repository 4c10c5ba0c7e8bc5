"""One test per verdict rule (docs/verdict.md), on small synthetic contexts."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import polars as pl
import pytest

from ftready.model import Finding, Severity
from ftready.model.costs import Approach, Approaches, BreakEven, PromptingApproach
from ftready.verdict import decide


def approaches(ft: float | None, rag: float | None, prompting: float | None) -> Approaches:
    return Approaches(
        horizon_months=12,
        fine_tune=Approach("acme/tok", ft, None, "", None),
        rag=Approach("e + s", rag, None, "", None),
        prompting=PromptingApproach("acme/tok base model", 5, 500.0, prompting, None, "", None, None),
        break_even_requests_per_month=BreakEven(46_679, ""),
        fine_tune_cheaper_than_prompting_from_month=None,
    )


def ctx(
    *,
    examples: int = 600,
    fine_tuning: bool = True,
    ft: float | None = 113.0,
    rag: float | None = 472.0,
    prompting: float | None = 241.0,
    replies: list[str] | None = None,
) -> Any:
    replies = replies or ["fine"] * 3
    chosen = SimpleNamespace(provider="acme", model="tok", first_year_total=ft, training_per_run=1.0, horizon_months=12)
    return SimpleNamespace(
        costs=SimpleNamespace(chosen=chosen if ft is not None else None, approaches=approaches(ft, rag, prompting)),
        info=SimpleNamespace(is_fine_tuning_format=fine_tuning),
        effective_examples=examples,
        params_for=lambda code: {"warning_below": 100},
        labels=None,
        risk=SimpleNamespace(level="low"),
        frame=pl.DataFrame({"line": list(range(1, len(replies) + 1)), "response": replies}),
    )


def finding(code: str, severity: Severity = Severity.WARNING, **kw: Any) -> Finding:
    return Finding(code, code.lower(), severity, kw.pop("message", f"{code} message"), **kw)


def test_rule_errors_fix_data_and_readiness_apart() -> None:
    v = decide(ctx(), [finding("FT101", Severity.ERROR, message="invalid JSON")])
    assert (v.ready, v.recommendation, v.rule) == (False, "fix-data", "errors")
    assert v.readiness == ("FT101 ft101: invalid JSON",)


def test_rule_documents_rag() -> None:
    v = decide(ctx(fine_tuning=False), [])
    assert (v.ready, v.recommendation, v.rule) == (True, "rag", "documents")


def test_rule_changing_facts_names_the_share_and_three_masked_examples() -> None:
    replies = [
        "The price is $41 as of 2026-01-02, mail jane.doe@acme-corp.io",
        "Currently v2.3 is the latest",
        "Since 2025 we ship on Mondays",
        "Version 4.1 arrived in 2026",
    ]
    f = finding("FT611", lines=(1, 2, 3, 4), value=0.4, message="4 of 10 replies (40%) state dates")
    v = decide(ctx(replies=replies), [f])
    assert (v.recommendation, v.rule) == ("rag", "changing-facts")
    why = v.reasons[0]
    assert "time-sensitive share 40%" in why
    assert why.count("line ") == 3 and "line 4" not in why
    assert "jane.doe@acme-corp.io" not in why and "j***@" in why
    assert "fine-tune $113, RAG $472, prompting $241" in v.reasons[-1]


def test_rule_changing_facts_from_churn() -> None:
    v = decide(ctx(), [finding("FT610", message="30% of examples changed in 30 days")])
    assert v.recommendation == "rag" and "churn" in v.reasons[0]


def test_rule_small_data_prompting() -> None:
    v = decide(ctx(examples=40), [])
    assert (v.recommendation, v.rule) == ("prompting", "small-data")
    assert "only 40 effective examples" in v.reasons[0]


def test_rule_no_tunable_model_prompting() -> None:
    v = decide(ctx(ft=None), [])
    assert (v.recommendation, v.rule) == ("prompting", "no-tunable-model")


def test_rule_prompting_cheaper() -> None:
    v = decide(ctx(ft=900.0, prompting=241.0), [])
    assert (v.recommendation, v.rule) == ("prompting", "prompting-cheaper")
    assert "$241" in v.reasons[0] and "$900" in v.reasons[0]


@pytest.mark.parametrize("prompting", [241.0, None])
def test_rule_fine_tune_quotes_the_three_approaches(prompting: float | None) -> None:
    v = decide(ctx(prompting=prompting), [finding("FT702", message="serving stops on 2027-01-14")])
    assert (v.ready, v.recommendation, v.rule) == (True, "fine-tune", "fine-tune")
    assert any(r.startswith("over 12 months: fine-tune $113, RAG $472") for r in v.reasons)
    assert "lifecycle: serving stops on 2027-01-14" in v.reasons
