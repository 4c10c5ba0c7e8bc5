"""The cost model: training, hosting, inference, retraining and the RAG alternative, as pure functions.

Every figure comes with the arithmetic that produced it ("1,234,567 tokens × 3 epochs × $5.00/1M = $18.52") so a
report can show its working. An unknown price (`null` in a pricing table) makes every figure that depends on it
None, shown as "n/a (unknown price)"; it is never counted as 0. docs/pricing.md states every formula.

    training per run     = max(minimum charge, billed tokens / 1M × rate)                      per_1m_tokens
                         = max(minimum charge, hours × rate [× GPUs])                          per_hour, per_gpu_hour
      billed tokens      = Σ min(example tokens, max_example_tokens) × epochs (+ validation tokens × evaluations
                           where the provider bills them)
      hours              = billed tokens / (tokens per second × GPUs) / 3600 + overhead minutes / 60
    hosting per month    = hourly fee × hosting hours, or model units × unit-hour fee × hosting hours, plus storage
    inference per month  = requests × (prompt tokens × input price + reply tokens × output price) / 1M
    retraining           = update cycles inside the horizon and the lifecycle dates × training per run
    total (horizon)      = training per run + retraining + served months × (hosting + inference per month)
    RAG total            = corpus embedding + re-embedding per year × months / 12 + months × (vector store + RAG
                           inference per month)

Modules: `inputs` (what the estimate starts from), `option` (one model's figures), `rag` (the RAG alternative's
fixed costs), `estimate` (every option, the chosen one, the `costs` section), `approaches` (fine-tune, RAG and
prompting side by side).
"""

from ftready.costs.approaches import compare_approaches
from ftready.costs.estimate import closest_ids, estimate
from ftready.costs.inputs import CostInputs, next_update, resolve_assumptions, tokens_at_limit_from_counts
from ftready.costs.option import add_months, epochs_for, option, pick_rate, retrain_dates, serving_plan
from ftready.costs.rag import rag_fixed_costs

__all__ = [
    "CostInputs",
    "add_months",
    "closest_ids",
    "compare_approaches",
    "epochs_for",
    "estimate",
    "next_update",
    "option",
    "pick_rate",
    "rag_fixed_costs",
    "resolve_assumptions",
    "retrain_dates",
    "serving_plan",
    "tokens_at_limit_from_counts",
]
