"""The catalogue of stages, each computing one typed section. The pipeline runs a stage when a selected rule reads its
section (or another stage needs it), in the order the stages' `needs` declare."""

from __future__ import annotations

from ftready.checks import costs as legacy_costs
from ftready.checks import risk as legacy_risk
from ftready.stages import churn, diversity, duplicates, labels, privacy
from ftready.stages.base import TOKENS, Stage

STAGES: tuple[Stage, ...] = (
    duplicates.STAGE,
    labels.STAGE,
    diversity.STAGE,
    privacy.STAGE,
    churn.STAGE,
    churn.TIME_SENSITIVE_STAGE,
    Stage("costs", legacy_costs.stage, needs=(TOKENS, "churn")),
    Stage("risk", legacy_risk.stage, needs=(TOKENS, "duplicates", "diversity", "labels")),
)
