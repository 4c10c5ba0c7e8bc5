"""The catalogue of stages, each computing one typed section. The pipeline runs a stage when a selected rule reads its
section (or another stage needs it), in the order the stages' `needs` declare."""

from __future__ import annotations

from ftready.stages import churn, costs, diversity, duplicates, labels, privacy, quality, risk
from ftready.stages.base import Stage

STAGES: tuple[Stage, ...] = (
    duplicates.STAGE,
    labels.STAGE,
    diversity.STAGE,
    privacy.STAGE,
    quality.STAGE,
    churn.STAGE,
    churn.TIME_SENSITIVE_STAGE,
    costs.STAGE,
    risk.STAGE,
)
