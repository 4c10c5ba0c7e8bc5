"""The labels section: where a classification dataset's labels come from and how balanced they are.

Measures (n_k examples of label k, N examples, K labels, p_k = n_k / N): imbalance ratio max n_k / min n_k;
normalised entropy (Pielou evenness) -sum p_k ln p_k / ln K; effective number of labels exp(H); minority share
versus uniform K * min p_k.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ftready.model.jsontypes import JSONObject, dataclass_json, meta

LABEL_MEANINGS: Mapping[str, str] = MappingProxyType(
    {
        "imbalance_ratio": "examples of the largest label divided by examples of the smallest (1 = balanced)",
        "normalized_entropy": "evenness of the labels from 0 (all one label) to 1 (every label equally common)",
        "effective_labels": "how many equally common labels would give the same spread",
        "minority_share_vs_uniform": "the smallest label's share relative to a fair share of 1/K (1 = fair)",
    }
)


@dataclass(frozen=True, slots=True)
class LabelsSection:
    source: str = field(
        metadata=meta('"field:NAME" when a record field holds the label, "responses" for class-name replies')
    )
    counts: Mapping[str, int] = field(metadata=meta("examples per label, most common first"))
    n_labels: int = field(metadata=meta("distinct labels"))
    examples: int = field(metadata=meta("valid examples"))
    labelled: int = field(metadata=meta("examples with a label"))
    unlabelled: int = field(metadata=meta("examples without one"))
    imbalance_ratio: float = field(metadata=meta(LABEL_MEANINGS["imbalance_ratio"]))
    normalized_entropy: float | None = field(
        metadata=meta(LABEL_MEANINGS["normalized_entropy"] + "; null for one label")
    )
    effective_labels: float = field(metadata=meta(LABEL_MEANINGS["effective_labels"]))
    majority_label: str = field(metadata=meta("the most common label"))
    majority_count: int = field(metadata=meta("its examples"))
    minority_label: str = field(metadata=meta("the least common label"))
    minority_count: int = field(metadata=meta("its examples"))
    minority_share_vs_uniform: float = field(metadata=meta(LABEL_MEANINGS["minority_share_vs_uniform"]))
    meanings: Mapping[str, str] = field(
        default_factory=lambda: LABEL_MEANINGS, metadata=meta("what each measure means")
    )

    def to_dict(self) -> JSONObject:
        return dataclass_json(self)
