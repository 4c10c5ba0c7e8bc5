"""What pricing tables are installed and in use: the one list that `ftready pricing list` and the app's Pricing view
both show.

`pricing_inventory()` reads the layers once (shipped, user folder, each `--pricing DIR`) and returns typed data: every table
file in precedence order with its origin, provider, models, as_of, age, status and problems, and the models in
use. Rendering stays in the front ends (ftready.report.pricing for the CLI, the app's Pricing view).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ftready.pricing.book import read_layers, shipped_pricing_dir, user_pricing_dir
from ftready.pricing.schema import RAG_PROVIDER, STALE_AFTER_DAYS, ModelPrice, PriceBook, age_days


@dataclass(frozen=True)
class TableFile:
    """One table file, in the order the files are layered (a later file wins per model)."""

    path: Path  # as found: the folder as given (or discovered) joined with the file name
    name: str  # as problems and reports name it: `pricing/NAME.yaml` for a shipped table
    origin: str  # shipped | user | --pricing
    provider: str | None  # None when the file's header is unusable
    display_name: str | None
    status: str | None  # active | winding_down | deprecated
    as_of: dt.date | None
    as_of_text: str | None
    age_days: int | None
    stale: bool
    models: tuple[str, ...]  # the model ids the file defines (a provider file)
    overridden: tuple[str, ...]  # those a later file replaces
    embeddings: tuple[str, ...]  # rag.yaml
    vector_stores: tuple[str, ...]  # rag.yaml
    problems: tuple[str, ...]  # FILE:LINE: key.path: what is wrong

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def is_rag(self) -> bool:
        return self.provider == RAG_PROVIDER


@dataclass(frozen=True)
class ModelEntry:
    """A model of the tables in use, with the age of its prices."""

    price: ModelPrice
    age_days: int
    stale: bool

    @property
    def provider(self) -> str:
        return self.price.provider

    @property
    def model(self) -> str:
        return self.price.model

    @property
    def key(self) -> str:
        return self.price.key


@dataclass(frozen=True)
class Inventory:
    files: tuple[TableFile, ...]  # every table file, in precedence order (later wins)
    models: tuple[ModelEntry, ...]  # the models in use, by provider then model; empty when there are problems
    book: PriceBook | None  # the tables in use; None when there are problems
    problems: tuple[str, ...]  # every problem of every file (as load_pricebook raises them)
    shipped_dir: Path
    user_dir: Path
    today: dt.date
    stale_after_days: int = STALE_AFTER_DAYS

    @property
    def ok(self) -> bool:
        return not self.problems


def pricing_inventory(extra_dirs: Sequence[str | Path] = (), include_user: bool = True, *, today: dt.date) -> Inventory:
    """Every table file of every layer with what it defines, and the models in use (ftready.pricing.book's order
    and rules: shipped, user folder, each `--pricing DIR`; a later file wins per model)."""
    layers = read_layers(extra_dirs, include_user)
    files: list[TableFile] = []
    for i, f in enumerate(layers.files):
        info, result = f.result.info, f.result
        later = {(m.provider, m.model) for g in layers.files[i + 1 :] if g.usable for m in g.result.models}
        age = age_days(info.as_of, today) if info is not None else None
        files.append(
            TableFile(
                path=f.path,
                name=f.name,
                origin=f.origin,
                provider=info.provider if info is not None else None,
                display_name=info.display_name if info is not None else None,
                status=info.status if info is not None else None,
                as_of=info.as_of if info is not None else None,
                as_of_text=info.as_of_text if info is not None else None,
                age_days=age,
                stale=age is not None and age > STALE_AFTER_DAYS,
                models=tuple(m.model for m in result.models),
                overridden=tuple(m.model for m in result.models if (m.provider, m.model) in later),
                embeddings=tuple(result.rag.embeddings) if result.rag is not None else (),
                vector_stores=tuple(result.rag.vector_stores) if result.rag is not None else (),
                problems=result.problems,
            )
        )
    models: tuple[ModelEntry, ...] = ()
    if layers.book is not None:
        models = tuple(
            ModelEntry(m, age_days(m.as_of, today), age_days(m.as_of, today) > STALE_AFTER_DAYS)
            for m in layers.book.models
        )
    return Inventory(
        files=tuple(files),
        models=models,
        book=layers.book,
        problems=layers.problems,
        shipped_dir=shipped_pricing_dir(),
        user_dir=user_pricing_dir(),
        today=today,
    )


def training_summary(m: ModelPrice) -> str:
    """The training rates on one line: `sft 25.00, dpo n/a USD/1M tokens`."""
    unit = {"per_1m_tokens": "/1M tokens", "per_hour": "/hour", "per_gpu_hour": "/GPU-hour"}[m.training.unit]
    parts = [f"{k} {'n/a' if v is None else f'{v:,.2f}'}" for k, v in m.training.rates.items()]
    return f"{', '.join(parts)} {m.currency}{unit}"


def hosting_summary(m: ModelPrice) -> str:
    """The hosting kind and its prices on one line: `dedicated 5.49/h`, `storage +3.00/month`."""
    hosting = m.hosting.kind
    if m.hosting.per_hour is not None:
        hosting += f" {m.hosting.per_hour:,.2f}/h"
    elif m.hosting.kind in ("hourly", "dedicated"):
        hosting += " n/a"
    if m.hosting.storage_per_month is not None:
        hosting += f" +{m.hosting.storage_per_month:,.2f}/month"
    if m.hosting.per_model_unit_hour is not None:
        hosting += f" {m.hosting.per_model_unit_hour:,.2f}/unit-h"
    return hosting
