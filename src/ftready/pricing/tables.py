"""What a pricing file may hold, and what a valid one becomes.

The per-file table schemas (`PROVIDER_FILE` for `<provider>.yaml`, `RAG_FILE` for `rag.yaml`, built from the
validators), the checks that span several keys (hosting kind, training unit, source ids, aliases), and the
building of `ModelPrice` and rag entries from a validated document. `validate_file` handles one file; layering
several folders is ftready.pricing.book.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ftready.pricing.schema import (
    HOSTING_KINDS,
    LIFECYCLE_STATUSES,
    RAG_PROVIDER,
    STATUSES,
    TRAINING_UNITS,
    VECTOR_STORE_KINDS,
    Embedding,
    Hosting,
    Lifecycle,
    ModelPrice,
    ProviderInfo,
    Source,
    TokenPrices,
    Training,
    VectorStore,
)
from ftready.pricing.validators import (
    Checked,
    Table,
    Validator,
    as_bool,
    as_epochs,
    as_float,
    as_int,
    as_opt_date,
    as_opt_float,
    as_opt_int,
    as_opt_str,
    as_opt_table,
    as_partial_date,
    as_str,
    as_table,
    as_tables,
    as_texts,
    show,
    v_bool,
    v_count,
    v_count_or_null,
    v_currency,
    v_date_or_null,
    v_enum,
    v_epochs,
    v_map_of,
    v_nonneg,
    v_partial_date,
    v_positive,
    v_positive_number,
    v_price,
    v_rates,
    v_schema_version,
    v_slug,
    v_source_of,
    v_text,
    v_text_list,
)
from ftready.pricing.yamldoc import Bad, Doc, Parsed, YamlPath, read_yaml

# ---------------------------------------------------------------------------------------------------------------
# The table schemas

PRICES_FIELDS: dict[str, Validator] = {
    "input": v_price,
    "cached_input": v_price,
    "output": v_price,
    "source": v_text,
    "note": v_text,
}
BATCH = Table({k: f for k, f in PRICES_FIELDS.items() if k != "source"}, nullable=True)
PRICES = Table({**PRICES_FIELDS, "batch": BATCH}, nullable=True)
TRAINING = Table(
    {
        "unit": v_enum(*TRAINING_UNITS),
        "rates": v_rates,
        "minimum_charge": v_price,
        "bills_validation": v_bool,
        "tokens_per_second": v_positive,
        "gpus": v_count,
        "overhead_minutes": v_nonneg,
        "source": v_text,
        "note": v_text,
    }
)
HOSTING = Table(
    {
        "kind": v_enum(*HOSTING_KINDS),
        "per_hour": v_price,
        "storage_per_month": v_price,
        "per_model_unit_hour": v_price,
        "model_units": v_count,
        "scales_to_zero": v_bool,
        "serving_tokens_per_second": v_positive,
        "source": v_text,
        "note": v_text,
    }
)
LIFECYCLE = Table(
    {
        "status": v_enum(*LIFECYCLE_STATUSES),
        "training_until": v_date_or_null,
        "serving_until": v_date_or_null,
        "inference_shutdown": v_date_or_null,  # the former name of serving_until
        "source": v_text,
        "training_source": v_text,
        "serving_source": v_text,
        "note": v_text,
    }
)


MODEL_FIELDS: dict[str, Validator] = {
    "display_name": v_text,
    "aliases": v_text_list,
    "status": v_enum(*STATUSES),
    "status_note": v_text,
    "as_of": v_partial_date,
    "params_b": v_positive,
    "encoding": v_text,
    "max_example_tokens": v_count_or_null,
    "default_epochs": v_epochs,
    "training": TRAINING,
    "inference": PRICES,
    "base_inference": PRICES,
    "hosting": HOSTING,
    "lifecycle": LIFECYCLE,
    "source": v_text,
    "source_of": v_source_of,
    "unconfirmed": v_text_list,
    "note": v_text,
}
MODEL = Table(MODEL_FIELDS)
DEFAULTS = Table({k: f for k, f in MODEL_FIELDS.items() if k not in ("display_name", "aliases")})
SOURCE = Table({"url": v_text, "retrieved": v_partial_date, "note": v_text}, required=("url", "retrieved"))
HEADER_FIELDS: dict[str, Validator] = {
    "schema_version": v_schema_version,
    "provider": v_slug,
    "display_name": v_text,
    "currency": v_currency,
    "as_of": v_partial_date,
    "reviewed": v_partial_date,
    "status": v_enum(*STATUSES),
    "status_note": v_text,
    "sources": v_map_of(SOURCE, "sources"),
}
HEADER_REQUIRED = ("schema_version", "provider", "display_name", "currency", "as_of", "status", "sources")
PROVIDER_FILE = Table(
    {**HEADER_FIELDS, "defaults": DEFAULTS, "models": v_map_of(MODEL, "models")},
    required=(*HEADER_REQUIRED, "models"),
)
EMBEDDING = Table(
    {
        "per_1m": v_price,
        "batch_per_1m": v_price,
        "dims": v_count_or_null,
        "max_input_tokens": v_count_or_null,
        "encoding": v_text,
        "source": v_text,
        "unconfirmed": v_text_list,
        "note": v_text,
    },
    required=("per_1m", "source"),
)
VECTOR_STORE = Table(
    {
        "kind": v_enum(*VECTOR_STORE_KINDS),
        "per_month": v_price,
        "per_hour": v_price,
        "monthly_minimum": v_price,
        "storage_per_gb_month": v_price,
        "storage_per_gb_day": v_price,
        "free_gb": v_nonneg,
        "read_units_per_1m": v_price,
        "read_units_per_query": v_price,
        "per_1k_queries": v_price,
        "source": v_text,
        "unconfirmed": v_text_list,
        "note": v_text,
    },
    required=("kind", "source"),
)
RAG_DEFAULTS = Table(
    {"embedding": v_text, "vector_store": v_text, "chunk_tokens": v_count, "text_bytes_per_token": v_positive_number}
)
RAG_FILE = Table(
    {
        **HEADER_FIELDS,
        "defaults": RAG_DEFAULTS,
        "embeddings": v_map_of(EMBEDDING, "embeddings"),
        "vector_stores": v_map_of(VECTOR_STORE, "vector stores"),
    },
    required=(*HEADER_REQUIRED, "embeddings", "vector_stores"),
)

_HOSTING_NEEDS = {
    "hourly": ("per_hour",),
    "dedicated": ("per_hour",),
    "storage": ("storage_per_month",),
    "provisioned": ("per_model_unit_hour",),
}
_HOSTING_FORBIDS = {
    "none": ("per_hour", "storage_per_month", "per_model_unit_hour", "model_units", "scales_to_zero"),
    "hourly": ("per_model_unit_hour", "model_units"),
    "dedicated": ("per_model_unit_hour", "model_units"),
    "storage": ("per_hour", "per_model_unit_hour", "model_units"),
    "on_demand": ("per_hour", "per_model_unit_hour", "model_units"),
    "provisioned": ("per_hour",),
}
_MERGED_BLOCKS = ("training", "lifecycle", "source_of")  # merged key by key with defaults; others replace whole

# ---------------------------------------------------------------------------------------------------------------
# One file


@dataclass(frozen=True)
class RagDefaults:
    """`defaults:` of a rag.yaml; None = not given in this file (an earlier layer's value, else the built-in one)."""

    embedding: str | None = None
    vector_store: str | None = None
    chunk_tokens: int | None = None
    text_bytes_per_token: float | None = None


@dataclass(frozen=True)
class RagPart:
    """The entries of one valid rag.yaml, before the layers are merged into a RagTable."""

    info: ProviderInfo
    embeddings: Mapping[str, Embedding]
    vector_stores: Mapping[str, VectorStore]
    defaults: RagDefaults


@dataclass(frozen=True)
class FileResult:
    """One validated file: its problems, and what it defines (`info` is None when its header is unusable)."""

    problems: tuple[str, ...]
    info: ProviderInfo | None = None
    models: tuple[ModelPrice, ...] = ()
    rag: RagPart | None = None


def validate_file(path: Path, name: str) -> FileResult:
    """Read and validate one pricing file; `name` is how the file is named in its problems."""
    doc = Doc(name)
    data = read_yaml(path, doc)
    if data is None or isinstance(data, Bad):
        return FileResult(tuple(doc.problems))
    if not isinstance(data, Mapping):
        doc.err((), f"a pricing file must be a mapping of keys (schema_version, provider, ...), got {show(data)}")
        return FileResult(tuple(doc.problems))
    provider = data.get("provider")
    is_rag = provider == RAG_PROVIDER or (provider is None and path.stem == RAG_PROVIDER)
    table = (RAG_FILE if is_rag else PROVIDER_FILE)(doc, (), data)
    if table is None or isinstance(table, Bad):  # None only for a nullable table, which these are not
        return FileResult(tuple(doc.problems))
    if isinstance(provider, str) and provider != path.stem:
        doc.err(("provider",), f"must equal the file name {path.stem!r}, got {show(provider)}")
    sources: dict[str, Source] = {}
    for sid, s in as_tables(table.get("sources") or {}).items():
        if "url" in s and "retrieved" in s:
            sources[sid] = Source(sid, as_str(s["url"]), as_partial_date(s["retrieved"])[1], as_opt_str(s.get("note")))
    _check_source_refs(doc, data, sources)
    if any(k not in table for k in HEADER_REQUIRED) or any(p[:1] == ("sources",) for p in doc.bad_paths):
        return FileResult(tuple(doc.problems))
    as_of, as_of_text = as_partial_date(table["as_of"])
    reviewed = as_partial_date(table["reviewed"])[0] if "reviewed" in table else None
    info = ProviderInfo(
        provider=as_str(table["provider"]),
        display_name=as_str(table["display_name"]),
        currency=as_str(table["currency"]),
        as_of=as_of,
        as_of_text=as_of_text,
        status=as_str(table["status"]),
        status_note=as_opt_str(table.get("status_note")),
        sources=sources,
        file=doc.file,
        reviewed=reviewed,
    )
    if is_rag:
        rag = _rag_entries(doc, table, info)
        return FileResult(tuple(doc.problems), info, rag=rag)
    defaults = as_table(table.get("defaults", {}))
    if any(p[:1] == ("defaults",) for p in doc.bad_paths):
        return FileResult(tuple(doc.problems), info)  # every model inherits the broken defaults: one report is enough
    models: list[ModelPrice] = []
    aliases_seen: dict[str, str] = {}
    raw_models = data.get("models")
    if not isinstance(raw_models, Mapping):
        raw_models = {}
    for mid, entry in as_tables(table.get("models", {})).items():
        if any(p[:2] == ("models", mid) for p in doc.bad_paths):
            continue
        model = _build_model(doc, info, mid, entry, raw_models.get(mid) or {}, defaults)
        if model is None:
            continue
        for alias in (model.model, *model.aliases):
            low = alias.lower()
            if low in aliases_seen and aliases_seen[low] != mid:
                doc.err(("models", mid, "aliases"), f"{alias!r} is already used by model {aliases_seen[low]}")
            aliases_seen[low] = mid
        models.append(model)
    return FileResult(tuple(doc.problems), info, tuple(models))


def _check_source_refs(doc: Doc, data: Mapping[str, Parsed], sources: Mapping[str, Source]) -> None:
    """Every `source:` anywhere in the file must name an entry of `sources`."""

    def walk(v: Parsed, path: YamlPath) -> None:
        if isinstance(v, Mapping):
            for k, item in v.items():
                if k == "source":
                    refs = [((*path, k), item)]
                elif k == "source_of" and isinstance(item, Mapping):
                    refs = [((*path, k, sk), sid) for sk, sid in item.items()]
                else:
                    walk(item, (*path, k))
                    continue
                for where, sid in refs:
                    if isinstance(sid, str) and sid not in sources:
                        known = ", ".join(sorted(sources)) or "none"
                        doc.err(where, f"unknown source id {sid!r} (defined: {known})")
        elif isinstance(v, list):
            for i, item in enumerate(v):
                walk(item, (*path, i))

    walk({k: v for k, v in data.items() if k != "sources"}, ())


def _origin(mid: str, raw: Parsed, sub: tuple[str, ...]) -> YamlPath:
    """The path a merged value came from: the model's own entry if it sets it, else `defaults`."""
    cur = raw
    for part in sub:
        if not isinstance(cur, Mapping) or part not in cur:
            return ("defaults", *sub)
        cur = cur[part]
    return ("models", mid, *sub)


def _merge(defaults: Mapping[str, Checked], entry: Mapping[str, Checked]) -> dict[str, Checked]:
    merged = dict(defaults)
    for k, v in entry.items():
        base = merged.get(k)
        if k in _MERGED_BLOCKS and isinstance(v, Mapping) and isinstance(base, Mapping):
            merged[k] = {**base, **v}
        elif k == "unconfirmed":
            merged[k] = tuple(dict.fromkeys((*as_texts(defaults.get(k, ())), *as_texts(v))))
        else:
            merged[k] = v
    return merged


def _prices(v: Checked) -> TokenPrices | None:
    d = as_opt_table(v)
    if d is None:
        return None
    batch = as_opt_table(d.get("batch"))
    return TokenPrices(
        input=as_opt_float(d.get("input")),
        output=as_opt_float(d.get("output")),
        cached_input=as_opt_float(d.get("cached_input")),
        batch=TokenPrices(
            as_opt_float(batch.get("input")), as_opt_float(batch.get("output")), as_opt_float(batch.get("cached_input"))
        )
        if batch
        else None,
    )


def _build_model(
    doc: Doc,
    info: ProviderInfo,
    mid: str,
    entry: Mapping[str, Checked],
    raw: Parsed,
    defaults: Mapping[str, Checked],
) -> ModelPrice | None:
    before = len(doc.problems)
    here: YamlPath = ("models", mid)
    m = _merge(defaults, entry)
    for key in ("training", "hosting", "source"):
        if key not in m:
            doc.err(here, f"missing key {key} (give it here or under defaults)")
    training = as_opt_table(m.get("training"))
    if training is not None:
        for key in ("unit", "rates"):
            if key not in training:
                doc.err(here, f"missing key training.{key} (give it here or under defaults)")
        unit = training.get("unit")
        if unit == "per_1m_tokens":
            for key in ("tokens_per_second", "gpus", "overhead_minutes"):
                if key in training:
                    doc.err(_origin(mid, raw, ("training", key)), "applies only to per_hour and per_gpu_hour training")
        elif unit in ("per_hour", "per_gpu_hour") and "tokens_per_second" not in training:
            doc.err(
                here,
                f"missing key training.tokens_per_second ({unit} training needs a throughput to turn tokens into "
                "hours; null when unknown)",
            )
        if unit == "per_hour" and "gpus" in training:
            doc.err(_origin(mid, raw, ("training", "gpus")), "applies only to per_gpu_hour training")
    hosting = as_opt_table(m.get("hosting"))
    if hosting is not None:
        kind = as_opt_str(hosting.get("kind"))
        hpath = _origin(mid, raw, ("hosting",))
        if kind is None:
            doc.err(hpath, "missing key kind")
            kind = ""
        for key in _HOSTING_NEEDS.get(kind or "", ()):
            if key not in hosting:
                doc.err(hpath, f"missing key {key} (hosting kind {kind}; null when unknown)")
        for key in _HOSTING_FORBIDS.get(kind or "", ()):
            if key in hosting:
                doc.err((*hpath, key), f"does not apply to hosting kind {kind}")
    for spath in as_table(m.get("source_of", {})):
        if spath.split(".")[0] not in MODEL_FIELDS:
            doc.err(
                _origin(mid, raw, ("source_of", spath)), "unknown key path (it must start with one of the model keys)"
            )
    for i, upath in enumerate(as_texts(m.get("unconfirmed", ()))):
        head = upath.split(".")[0]
        if head not in MODEL_FIELDS:
            own = as_texts(entry.get("unconfirmed", ()))
            origin: YamlPath = ("models", mid, "unconfirmed", i) if upath in own else ("defaults",)
            doc.err(origin, f"unknown key path {upath!r} (it must start with one of the model keys)")
    lifecycle = _check_lifecycle(doc, mid, raw, as_table(m.get("lifecycle") or {}))
    if len(doc.problems) > before or training is None or hosting is None:
        return None
    model_source = as_str(m["source"])
    src_ids = {"model": model_source}
    for block in ("training", "inference", "base_inference", "hosting", "lifecycle"):
        b = m.get(block)
        src_ids[block] = as_str(b.get("source", model_source)) if isinstance(b, Mapping) else model_source
    src_ids.update({k: as_str(sid) for k, sid in as_table(m.get("source_of", {})).items()})
    urls = tuple(dict.fromkeys(info.sources[s].url for s in src_ids.values() if s in info.sources))
    as_of, as_of_text = as_partial_date(m.get("as_of", (info.as_of, info.as_of_text)))
    return ModelPrice(
        provider=info.provider,
        model=mid,
        aliases=as_texts(m.get("aliases", ())),
        display_name=as_str(m.get("display_name", mid)),
        status=as_str(m.get("status", info.status)),
        as_of=as_of,
        as_of_text=as_of_text,
        currency=info.currency,
        training=Training(
            unit=as_str(training["unit"]),
            rates={k: as_opt_float(rate) for k, rate in as_table(training["rates"]).items()},
            minimum_charge=as_opt_float(training.get("minimum_charge", 0.0)),
            bills_validation=as_bool(training.get("bills_validation", False)),
            tokens_per_second=as_opt_float(training.get("tokens_per_second")),
            gpus=as_int(training.get("gpus", 1)),
            overhead_minutes=as_float(training.get("overhead_minutes", 0.0)),
        ),
        default_epochs=as_epochs(m.get("default_epochs", "auto")),
        encoding=as_opt_str(m.get("encoding")),
        max_example_tokens=as_opt_int(m.get("max_example_tokens")),
        inference=_prices(m.get("inference")),
        base_inference=_prices(m.get("base_inference")),
        hosting=Hosting(
            kind=as_str(hosting["kind"]),
            per_hour=as_opt_float(hosting.get("per_hour")),
            storage_per_month=as_opt_float(hosting.get("storage_per_month")),
            per_model_unit_hour=as_opt_float(hosting.get("per_model_unit_hour")),
            model_units=as_int(hosting.get("model_units", 1)),
            scales_to_zero=as_bool(hosting.get("scales_to_zero", False)),
            serving_tokens_per_second=as_opt_float(hosting.get("serving_tokens_per_second")),
            note=as_opt_str(hosting.get("note")),
            unknown=tuple(k for k, v in hosting.items() if v is None),
        ),
        lifecycle=lifecycle,
        unconfirmed=as_texts(m.get("unconfirmed", ())),
        source_urls=urls,
        source_ids=src_ids,
        file=doc.file,
        params_b=as_opt_float(m.get("params_b")),
        status_note=as_opt_str(m.get("status_note", info.status_note)),
        note=as_opt_str(m.get("note")),
    )


def _check_lifecycle(doc: Doc, mid: str, raw: Parsed, life: Mapping[str, Checked]) -> Lifecycle:
    """The lifecycle block: each date needs a source of its own (`training_source` / `serving_source`, or the
    block's `source`); the status must agree with the dates. Problems point at the exact field."""

    def where(key: str) -> YamlPath:
        return _origin(mid, raw, ("lifecycle", key))

    if "inference_shutdown" in life and "serving_until" in life:
        doc.err(where("inference_shutdown"), "give serving_until or its former name inference_shutdown, not both")
    serving = as_opt_date(life.get("serving_until", life.get("inference_shutdown")))
    serving_key = "serving_until" if "serving_until" in life else "inference_shutdown"
    training = as_opt_date(life.get("training_until"))
    status = as_opt_str(life.get("status"))
    t_src = as_opt_str(life.get("training_source", life.get("source")))
    s_src = as_opt_str(life.get("serving_source", life.get("source")))
    if training is not None and t_src is None:
        doc.err(where("training_until"), "needs a source: add lifecycle.training_source (or lifecycle.source)")
    if serving is not None and s_src is None:
        doc.err(where(serving_key), "needs a source: add lifecycle.serving_source (or lifecycle.source)")
    if status is not None and (t_src or s_src) is None:
        doc.err(where("status"), "needs a source: add lifecycle.source")
    if status == "retired" and "serving_until" not in life and "inference_shutdown" not in life:
        doc.err(where("status"), "retired needs lifecycle.serving_until (the day it stopped serving; null if unknown)")
    if status == "training-closed" and "training_until" not in life:
        doc.err(where("status"), "training-closed needs lifecycle.training_until (null if unknown)")
    if training is not None and serving is not None and serving < training:
        doc.err(where(serving_key), f"is before training_until ({training.isoformat()})")
    return Lifecycle(
        training_until=training,
        serving_until=serving,
        status=status,
        training_source=t_src,
        serving_source=s_src,
        note=as_opt_str(life.get("note")),
    )


def _rag_entries(doc: Doc, table: Mapping[str, Checked], info: ProviderInfo) -> RagPart:
    def url(sid: str | None) -> str | None:
        return info.sources[sid].url if sid is not None and sid in info.sources else None

    embeddings = {
        name: Embedding(
            name=name,
            per_1m=as_opt_float(e.get("per_1m")),
            batch_per_1m=as_opt_float(e.get("batch_per_1m")),
            dims=as_opt_int(e.get("dims")),
            max_input_tokens=as_opt_int(e.get("max_input_tokens")),
            encoding=as_opt_str(e.get("encoding")),
            source_url=url(as_opt_str(e.get("source"))),
            unconfirmed=as_texts(e.get("unconfirmed", ())),
            note=as_opt_str(e.get("note")),
        )
        for name, e in as_tables(table.get("embeddings", {})).items()
    }
    stores = {
        name: VectorStore(
            name=name,
            kind=as_str(s["kind"]),
            per_month=as_opt_float(s.get("per_month")),
            per_hour=as_opt_float(s.get("per_hour")),
            monthly_minimum=as_opt_float(s.get("monthly_minimum")),
            storage_per_gb_month=as_opt_float(s.get("storage_per_gb_month")),
            storage_per_gb_day=as_opt_float(s.get("storage_per_gb_day")),
            free_gb=as_float(s.get("free_gb", 0.0)),
            read_units_per_1m=as_opt_float(s.get("read_units_per_1m")),
            read_units_per_query=as_opt_float(s.get("read_units_per_query")),
            per_1k_queries=as_opt_float(s.get("per_1k_queries")),
            source_url=url(as_opt_str(s.get("source"))),
            unconfirmed=as_texts(s.get("unconfirmed", ())),
            note=as_opt_str(s.get("note")),
            unknown=tuple(k for k, v in s.items() if v is None),
        )
        for name, s in as_tables(table.get("vector_stores", {})).items()
        if "kind" in s
    }
    defaults = as_table(table.get("defaults", {}))
    pools: dict[str, Mapping[str, object]] = {"embedding": embeddings, "vector_store": stores}
    for key, pool in pools.items():
        if key in defaults and defaults[key] not in pool:
            doc.err(("defaults", key), f"{defaults[key]!r} is not defined in this file")
    return RagPart(
        info=info,
        embeddings=embeddings,
        vector_stores=stores,
        defaults=RagDefaults(
            embedding=as_opt_str(defaults.get("embedding")),
            vector_store=as_opt_str(defaults.get("vector_store")),
            chunk_tokens=as_opt_int(defaults.get("chunk_tokens")),
            text_bytes_per_token=as_opt_float(defaults.get("text_bytes_per_token")),
        ),
    )
