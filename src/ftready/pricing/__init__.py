"""Pricing tables: the `pricing/*.yaml` schema, strict validation, loading, layering, lookup and the inventory.

One YAML file per provider (`openai.yaml`, `together.yaml`, ...) plus `rag.yaml` (embeddings and vector stores).
The shipped tables come first, then the user's folder, then every `--pricing DIR`; a later file wins per model.
docs/pricing.md describes every key.

Validation is strict and never raises a traceback for a bad file: every problem of every file becomes one line
`FILE:LINE: key.path: what is wrong`, collected into one `PricingError`. Files are parsed with PyYAML's safe
loader; anchors and aliases are refused (no expansion bombs), duplicate keys and unknown keys are errors.

Modules: `schema` (the typed book), `yamldoc` (YAML with line numbers), `validators` (field validators, `Table`),
`tables` (what a provider file and rag.yaml may hold, and what they become), `book` (folders, layering,
`load_pricebook`, `check_paths`), `inventory` (what is installed and in use, for `pricing list` and the app).
"""

from __future__ import annotations

from ftready.pricing.book import (
    ORIGINS,
    check_paths,
    check_warnings,
    lifecycle_warnings,
    load_pricebook,
    pricing_folders,
    shipped_pricing_dir,
    user_pricing_dir,
)
from ftready.pricing.inventory import (
    Inventory,
    ModelEntry,
    TableFile,
    hosting_summary,
    pricing_inventory,
    training_summary,
)
from ftready.pricing.schema import (
    HOSTING_KINDS,
    LIFECYCLE_STATUSES,
    METHODS,
    PROVIDER_PRECEDENCE,
    RAG_PROVIDER,
    SCHEMA_VERSION,
    STALE_AFTER_DAYS,
    STATUSES,
    TRAINING_UNITS,
    VECTOR_STORE_KINDS,
    Embedding,
    Hosting,
    Lifecycle,
    ModelPrice,
    PriceBook,
    ProviderInfo,
    RagTable,
    Source,
    TokenPrices,
    Training,
    VectorStore,
    age_days,
)

__all__ = [
    "HOSTING_KINDS",
    "LIFECYCLE_STATUSES",
    "METHODS",
    "ORIGINS",
    "PROVIDER_PRECEDENCE",
    "RAG_PROVIDER",
    "SCHEMA_VERSION",
    "STALE_AFTER_DAYS",
    "STATUSES",
    "TRAINING_UNITS",
    "VECTOR_STORE_KINDS",
    "Embedding",
    "Hosting",
    "Inventory",
    "Lifecycle",
    "ModelEntry",
    "ModelPrice",
    "PriceBook",
    "ProviderInfo",
    "RagTable",
    "Source",
    "TableFile",
    "TokenPrices",
    "Training",
    "VectorStore",
    "age_days",
    "check_paths",
    "check_warnings",
    "hosting_summary",
    "lifecycle_warnings",
    "load_pricebook",
    "pricing_folders",
    "pricing_inventory",
    "shipped_pricing_dir",
    "training_summary",
    "user_pricing_dir",
]
