"""The value types of an analysis: plain, immutable dataclasses with no polars or numpy.

`core` holds the shared types (severity, problem, finding, dataset, tokens, verdict), one module per check family
holds that family's typed section, and `analysis` the `Analysis` that front ends render. The JSON report is
`Analysis.to_dict()`; `docs/report.md` is generated from the dataclasses' field metadata.
"""

from ftready.model.analysis import Analysis
from ftready.model.churn import ChurnSection
from ftready.model.core import (
    MAX_LINES,
    SCHEMA_VERSION,
    DatasetInfo,
    Distribution,
    Finding,
    Histogram,
    Params,
    ParamValue,
    Problem,
    Recommendation,
    Severity,
    TokenStats,
    Verdict,
)
from ftready.model.costs import CostOption, CostsSection
from ftready.model.diversity import DiversitySection
from ftready.model.duplicates import DuplicatesSection
from ftready.model.jsontypes import JSONObject, JSONValue, meta
from ftready.model.labels import LabelsSection
from ftready.model.privacy import PrivacyCategory, PrivacyKind, PrivacySection
from ftready.model.quality import QualityKind, QualitySection

__all__ = [
    "MAX_LINES",
    "SCHEMA_VERSION",
    "Analysis",
    "ChurnSection",
    "CostOption",
    "CostsSection",
    "DatasetInfo",
    "Distribution",
    "DiversitySection",
    "DuplicatesSection",
    "Finding",
    "Histogram",
    "JSONObject",
    "JSONValue",
    "LabelsSection",
    "ParamValue",
    "Params",
    "PrivacyCategory",
    "PrivacyKind",
    "PrivacySection",
    "Problem",
    "QualityKind",
    "QualitySection",
    "Recommendation",
    "Severity",
    "TokenStats",
    "Verdict",
    "meta",
]
