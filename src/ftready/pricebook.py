"""Pricing tables: the `pricing/*.yaml` schema, strict validation, loading, layering and lookup.

One YAML file per provider (`openai.yaml`, `together.yaml`, ...) plus `rag.yaml` (embeddings and vector stores).
The shipped tables come first, then the user's folder (`$FTREADY_PRICING_DIR`, else
`$XDG_CONFIG_HOME/ftready/pricing`), then every `--pricing DIR`; a later file wins per model, so a file may add
models to a provider or override single models. docs/pricing.md describes every key.

Validation is strict and never raises a traceback for a bad file: every problem of every file becomes one line
`FILE:LINE: key.path: what is wrong`, collected into one `PricingError`. Files are parsed with PyYAML's safe
loader; anchors and aliases are refused (no expansion bombs), duplicate keys and unknown keys are errors.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ftready.errors import PricingError

SCHEMA_VERSION = 1
STALE_AFTER_DAYS = 180
MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000

STATUSES = ("active", "winding_down", "deprecated")
TRAINING_UNITS = ("per_1m_tokens", "per_hour", "per_gpu_hour")
HOSTING_KINDS = ("none", "hourly", "dedicated", "storage", "provisioned", "on_demand")
VECTOR_STORE_KINDS = ("flat", "instance", "serverless", "managed")
METHODS = ("sft", "dpo", "rft")
RATE_KEY = re.compile(r"^(sft|dpo|rft)(_(lora|qlora|full))?(_(global|regional|datazone|developer))?$")
# A bare model id or alias that several providers list resolves in this order (then alphabetically).
PROVIDER_PRECEDENCE = ("openai", "azure_openai", "vertex_ai", "mistral", "together", "fireworks", "bedrock")
RAG_PROVIDER = "rag"

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# ---------------------------------------------------------------------------------------------------------------
# Value types


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    retrieved: str  # YYYY-MM-DD, YYYY-MM or YYYY
    note: str | None = None


@dataclass(frozen=True)
class TokenPrices:
    """Prices per 1M tokens; None = unknown."""

    input: float | None
    output: float | None
    cached_input: float | None = None
    batch: TokenPrices | None = None

    @property
    def known(self) -> bool:
        return self.input is not None and self.output is not None


@dataclass(frozen=True)
class Training:
    unit: str  # per_1m_tokens | per_hour | per_gpu_hour
    rates: Mapping[str, float | None]  # rate key (sft, sft_lora, sft_global, ...) -> price per unit; None = unknown
    minimum_charge: float | None = 0.0  # per job; None = unknown
    bills_validation: bool = False  # validation tokens are billed (per evaluation pass)
    tokens_per_second: float | None = None  # per_hour / per_gpu_hour: training throughput (per GPU)
    gpus: int = 1
    overhead_minutes: float = 0.0  # per job: start-up, weight download, final evaluation

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(m for m in METHODS if any(k.split("_")[0] == m for k in self.rates))


@dataclass(frozen=True)
class Hosting:
    kind: str  # none | hourly | dedicated | storage | provisioned | on_demand
    per_hour: float | None = None  # hourly, dedicated: while deployed
    storage_per_month: float | None = None  # storage, provisioned, on_demand (optional on hourly/dedicated)
    per_model_unit_hour: float | None = None  # provisioned
    model_units: int = 1  # provisioned
    note: str | None = None
    unknown: tuple[str, ...] = ()  # keys written as null (unknown), as opposed to left out (not charged)


@dataclass(frozen=True)
class Lifecycle:
    training_until: dt.date | None = None  # last day new training jobs are accepted
    inference_shutdown: dt.date | None = None  # the fine-tuned model stops serving


@dataclass(frozen=True)
class ModelPrice:
    provider: str
    model: str  # model id as the provider names it
    aliases: tuple[str, ...]
    display_name: str
    status: str  # active | winding_down | deprecated
    as_of: dt.date  # first day of the period when only YYYY-MM or YYYY is known
    as_of_text: str
    currency: str
    training: Training
    default_epochs: int | str  # an int, or "auto" (ftready.epochs.default_epochs)
    encoding: str | None
    max_example_tokens: int | None  # None = no per-example limit known
    inference: TokenPrices | None  # the fine-tuned model
    base_inference: TokenPrices | None  # its base model
    hosting: Hosting
    lifecycle: Lifecycle
    unconfirmed: tuple[str, ...]
    source_urls: tuple[str, ...]
    source_ids: Mapping[str, str]  # block ("model", "training", "inference", ...) -> source id
    file: str
    params_b: float | None = None
    status_note: str | None = None
    note: str | None = None

    @property
    def key(self) -> str:
        return f"{self.provider}/{self.model}"

    @property
    def training_unit(self) -> str:
        return self.training.unit

    @property
    def training_rates(self) -> Mapping[str, float | None]:
        return self.training.rates

    @property
    def minimum_charge(self) -> float | None:
        return self.training.minimum_charge

    def is_unconfirmed(self, path: str) -> bool:
        return any(path == u or path.startswith(u + ".") or u.startswith(path + ".") for u in self.unconfirmed)


@dataclass(frozen=True)
class ProviderInfo:
    provider: str
    display_name: str
    currency: str
    as_of: dt.date
    as_of_text: str
    status: str
    status_note: str | None
    sources: Mapping[str, Source]
    file: str
    reviewed: dt.date | None = None


@dataclass(frozen=True)
class Embedding:
    name: str
    per_1m: float | None
    batch_per_1m: float | None = None
    dims: int | None = None
    max_input_tokens: int | None = None
    encoding: str | None = None
    source_url: str | None = None
    unconfirmed: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class VectorStore:
    name: str
    kind: str
    per_month: float | None = None
    per_hour: float | None = None
    monthly_minimum: float | None = None
    storage_per_gb_month: float | None = None
    storage_per_gb_day: float | None = None
    free_gb: float = 0.0
    read_units_per_1m: float | None = None
    read_units_per_query: float | None = None
    per_1k_queries: float | None = None
    source_url: str | None = None
    unconfirmed: tuple[str, ...] = ()
    note: str | None = None
    unknown: tuple[str, ...] = ()  # keys written as null (unknown), as opposed to left out (not charged)


@dataclass(frozen=True)
class RagTable:
    embeddings: Mapping[str, Embedding]
    vector_stores: Mapping[str, VectorStore]
    default_embedding: str
    default_vector_store: str
    chunk_tokens: int
    text_bytes_per_token: float
    currency: str
    as_of: dt.date
    as_of_text: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class PriceBook:
    models: tuple[ModelPrice, ...]
    rag: RagTable | None
    provider_info: Mapping[str, ProviderInfo]
    files: tuple[str, ...]

    @property
    def providers(self) -> tuple[str, ...]:
        return tuple(sorted(self.provider_info))

    def models_for(self, provider: str) -> tuple[ModelPrice, ...]:
        return tuple(m for m in self.models if m.provider == provider)

    def find(self, model_or_alias: str) -> ModelPrice | None:
        """`provider/model`, a model id or an alias (case-insensitive). A bare id or alias that several providers
        list resolves to the provider that comes first in PROVIDER_PRECEDENCE (then alphabetically)."""
        key = model_or_alias.strip().lower()
        for m in self.models:
            if m.key.lower() == key:
                return m
        hits = [m for m in self.models if m.model.lower() == key]
        if not hits:
            hits = [m for m in self.models if key in (a.lower() for a in m.aliases)]
        if not hits:
            return None
        return min(hits, key=lambda m: (_precedence(m.provider), m.provider))


def _precedence(provider: str) -> int:
    return PROVIDER_PRECEDENCE.index(provider) if provider in PROVIDER_PRECEDENCE else len(PROVIDER_PRECEDENCE)


# ---------------------------------------------------------------------------------------------------------------
# Where the tables live


def shipped_pricing_dir() -> Path:
    """The tables shipped with ftready: `ftready/pricing` inside an installed wheel, else the repository's
    `pricing/` folder (editable install or a source checkout)."""
    try:
        packaged = resources.files("ftready") / "pricing"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, OSError):  # pragma: no cover - the package is always importable here
        pass
    repo = Path(__file__).resolve().parents[2] / "pricing"
    return repo


def user_pricing_dir() -> Path:
    """$FTREADY_PRICING_DIR if set, else $XDG_CONFIG_HOME/ftready/pricing, else ~/.config/ftready/pricing."""
    env = os.environ.get("FTREADY_PRICING_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CONFIG_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".config"
    return base / "ftready" / "pricing"


def _display(path: Path) -> str:
    """How a pricing file is named in messages: shipped tables as `pricing/NAME` wherever ftready is installed,
    other files relative to the current folder when they are under it."""
    try:
        if path.resolve().parent == shipped_pricing_dir().resolve():
            return f"pricing/{path.name}"
    except OSError:
        pass
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


# ---------------------------------------------------------------------------------------------------------------
# Parsing: a safe loader that keeps the line of every key and value and refuses anchors and aliases

_Path = tuple[str | int, ...]


class _AnchorRefused(yaml.MarkedYAMLError):
    pass


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases before anything is expanded."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _AnchorRefused(
                problem="anchors and aliases (&name, *name) are not allowed in pricing files; write values out",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


_STANDARD_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class _Doc:
    """One file being validated: its display name, the line of every path, and the problems found."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: dict[_Path, int] = {}
        self.problems: list[str] = []
        self.bad_paths: list[_Path] = []
        self.raw: dict[_Path, str] = {}  # numbers as written, for messages ("got -4.00", not "got -4.0")

    def line(self, path: _Path) -> int:
        p = path
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)

    def err(self, path: _Path, message: str) -> None:
        self.bad_paths.append(path)
        where = dotted(path)
        self.problems.append(f"{self.file}:{self.line(path)}: {where + ': ' if where else ''}{message}")


def dotted(path: _Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _parse(text: str, doc: _Doc) -> Any:
    """YAML text -> plain Python values (dict/list/scalars), recording lines; None after a problem."""
    fast = _compose_fast(text)
    if fast is not None:
        loader, root = fast
    else:
        loader = _Loader(text)
    try:
        if fast is None:
            root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        loader.dispose()
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or exc.context or "cannot parse"
        if "'\\t'" in what:
            where = "in indentation; indent with spaces" if _tab_indented(text, line) else "where YAML expects a space"
            doc.problems.append(f"{doc.file}:{line}: tab character {where}")
        else:
            col = f" (column {mark.column + 1})" if mark is not None else ""
            doc.problems.append(f"{doc.file}:{line}: invalid YAML: {what}{col}")
        return None
    except yaml.YAMLError as exc:
        loader.dispose()
        doc.problems.append(f"{doc.file}:1: invalid YAML: {str(exc).splitlines()[0] if str(exc) else 'error'}")
        return None
    except RecursionError:
        loader.dispose()
        doc.problems.append(f"{doc.file}:1: invalid YAML: nested too deeply")
        return None
    if root is None:
        loader.dispose()
        doc.problems.append(f"{doc.file}:1: empty file")
        return None
    try:
        return _to_python(root, (), doc, loader, [0])
    except RecursionError:
        doc.problems.append(f"{doc.file}:1: invalid YAML: nested too deeply")
        return None
    except _TooBig:
        doc.problems.append(f"{doc.file}:1: too many values (more than {MAX_NODES:,}); is this a pricing file?")
        return None
    finally:
        loader.dispose()


def _compose_fast(text: str) -> tuple[Any, yaml.Node | None] | None:
    """Compose with libyaml when it is there and the text is plain (no anchors or aliases, parses cleanly);
    None otherwise, and the pure-Python loader composes it again with its exact error messages."""
    cloader = getattr(yaml, "CSafeLoader", None)
    if cloader is None:
        return None
    try:
        for event in yaml.parse(text, Loader=cloader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return None
        loader = cloader(text)
    except (yaml.YAMLError, RecursionError):
        return None
    try:
        return loader, loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        loader.dispose()
        return None


class _TooBig(Exception):
    pass


class _Bad:
    """A value that failed to convert (already reported)."""


BAD = _Bad()


def _tab_indented(text: str, line: int) -> bool:
    """True when the 1-based `line` has a tab in its leading whitespace."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return False
    raw = lines[line - 1]
    return "\t" in raw[: len(raw) - len(raw.lstrip(" \t"))]


def _to_python(node: yaml.Node, path: _Path, doc: _Doc, loader: _Loader, counter: list[int]) -> Any:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise _TooBig()
    if isinstance(node, yaml.MappingNode):
        doc.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _STANDARD_TAGS:
            doc.err(path, f"unsupported YAML tag {node.tag}")
            return BAD
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                doc.lines[(*path, "?")] = knode.start_mark.line + 1
                doc.err((*path, "?"), "keys must be plain text")
                continue
            key = str(knode.value)
            kpath = (*path, key)
            if key in out:
                first = doc.lines.get(kpath)
                doc.problems.append(
                    f"{doc.file}:{knode.start_mark.line + 1}: {dotted(kpath)}: duplicate key"
                    + (f" (first at line {first})" if first else "")
                )
                continue
            doc.lines[kpath] = knode.start_mark.line + 1
            out[key] = _to_python(vnode, kpath, doc, loader, counter)
            if isinstance(vnode, yaml.ScalarNode):
                doc.lines[kpath] = vnode.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        doc.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _STANDARD_TAGS:
            doc.err(path, f"unsupported YAML tag {node.tag}")
            return BAD
        items = []
        for i, item in enumerate(node.value):
            doc.lines[(*path, i)] = item.start_mark.line + 1
            items.append(_to_python(item, (*path, i), doc, loader, counter))
        return items
    doc.lines.setdefault(path, node.start_mark.line + 1)
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        doc.err(path, f"unsupported YAML tag {node.tag}")
        return BAD
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        doc.raw[path] = str(node.value)
    if isinstance(value, bytes):
        doc.err(path, "binary values are not allowed")
        return BAD
    return value


# ---------------------------------------------------------------------------------------------------------------
# Field validators: each returns the normalised value, or BAD after reporting a problem

_MISSING: Any = object()


def show(v: Any) -> str:
    """A value as the user wrote it, for error messages."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, Mapping):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    return str(v)


def _got(doc: _Doc, path: _Path, v: Any) -> str:
    """The value for a message, numbers as written in the file."""
    if isinstance(v, (int, float)) and not isinstance(v, bool) and path in doc.raw:
        return doc.raw[path]
    return show(v)


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


Validator = Callable[[_Doc, _Path, Any], Any]


def v_price(doc: _Doc, path: _Path, v: Any) -> Any:
    """A money amount ≥ 0, or null when unknown."""
    if v is None:
        return None
    if not _is_num(v) or v < 0:
        doc.err(path, f"must be a number ≥ 0, got {_got(doc, path, v)}")
        return BAD
    return float(v)


def v_positive(doc: _Doc, path: _Path, v: Any) -> Any:
    """A number > 0, or null when unknown."""
    if v is None:
        return None
    if not _is_num(v) or v <= 0:
        doc.err(path, f"must be a number > 0, got {_got(doc, path, v)}")
        return BAD
    return float(v)


def v_positive_number(doc: _Doc, path: _Path, v: Any) -> Any:
    """A number > 0 that must be given (a setting with a built-in default: leave the key out instead of null)."""
    if not _is_num(v) or v <= 0:
        doc.err(path, f"must be a number > 0, got {_got(doc, path, v)}")
        return BAD
    return float(v)


def v_nonneg(doc: _Doc, path: _Path, v: Any) -> Any:
    if not _is_num(v) or v < 0:
        doc.err(path, f"must be a number ≥ 0, got {_got(doc, path, v)}")
        return BAD
    return float(v)


def v_count(doc: _Doc, path: _Path, v: Any) -> Any:
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        doc.err(path, f"must be a whole number ≥ 1, got {_got(doc, path, v)}")
        return BAD
    return v


def v_count_or_null(doc: _Doc, path: _Path, v: Any) -> Any:
    return None if v is None else v_count(doc, path, v)


def v_text(doc: _Doc, path: _Path, v: Any) -> Any:
    if not isinstance(v, str) or not v.strip():
        doc.err(path, f"must be a non-empty string, got {_got(doc, path, v)}")
        return BAD
    return v.strip()


def v_bool(doc: _Doc, path: _Path, v: Any) -> Any:
    if not isinstance(v, bool):
        doc.err(path, f"must be true or false, got {_got(doc, path, v)}")
        return BAD
    return v


def v_text_list(doc: _Doc, path: _Path, v: Any) -> Any:
    if not isinstance(v, list):
        doc.err(path, f"must be a list of strings, got {_got(doc, path, v)}")
        return BAD
    out = []
    for i, item in enumerate(v):
        t = v_text(doc, (*path, i), item)
        if t is not BAD:
            out.append(t)
    return tuple(out)


def v_enum(*allowed: str) -> Validator:
    def check(doc: _Doc, path: _Path, v: Any) -> Any:
        if v not in allowed:
            doc.err(path, f"must be one of {', '.join(allowed)}, got {_got(doc, path, v)}")
            return BAD
        return v

    return check


def v_partial_date(doc: _Doc, path: _Path, v: Any) -> Any:
    """A date YYYY-MM-DD, or YYYY-MM / YYYY when the day is unknown -> (first day, text)."""
    if isinstance(v, dt.datetime):
        return v.date(), v.date().isoformat()
    if isinstance(v, dt.date):
        return v, v.isoformat()
    if isinstance(v, int) and not isinstance(v, bool) and 1900 <= v <= 2200:
        return dt.date(v, 1, 1), str(v)
    if isinstance(v, str):
        s = v.strip()
        try:
            if _FULL_DATE.match(s):
                return dt.date.fromisoformat(s), s
            m = _YEAR_MONTH.match(s)
            if m:
                return dt.date(int(m.group(1)), int(m.group(2)), 1), s
            m = _YEAR.match(s)
            if m:
                return dt.date(int(m.group(1)), 1, 1), s
        except ValueError:
            pass
    doc.err(path, f"must be a date YYYY-MM-DD (or YYYY-MM, YYYY when the day is unknown), got {_got(doc, path, v)}")
    return BAD


def v_date_or_null(doc: _Doc, path: _Path, v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str) and _FULL_DATE.match(v.strip()):
        try:
            return dt.date.fromisoformat(v.strip())
        except ValueError:
            pass
    doc.err(path, f"must be a date YYYY-MM-DD or null, got {_got(doc, path, v)}")
    return BAD


def v_epochs(doc: _Doc, path: _Path, v: Any) -> Any:
    if v == "auto":
        return "auto"
    if isinstance(v, int) and not isinstance(v, bool) and v >= 1:
        return v
    doc.err(path, f"must be a whole number ≥ 1 or auto, got {_got(doc, path, v)}")
    return BAD


def v_slug(doc: _Doc, path: _Path, v: Any) -> Any:
    if not isinstance(v, str) or not _SLUG.match(v):
        doc.err(path, f"must be a lower-case name (letters, digits, _), got {_got(doc, path, v)}")
        return BAD
    return v


def v_currency(doc: _Doc, path: _Path, v: Any) -> Any:
    if not isinstance(v, str) or not _CURRENCY.match(v):
        doc.err(path, f"must be a 3-letter ISO 4217 code such as USD, got {_got(doc, path, v)}")
        return BAD
    return v


def v_schema_version(doc: _Doc, path: _Path, v: Any) -> Any:
    if v != SCHEMA_VERSION or isinstance(v, bool):
        doc.err(path, f"must be {SCHEMA_VERSION} (the only schema this ftready reads), got {_got(doc, path, v)}")
        return BAD
    return v


def v_rates(doc: _Doc, path: _Path, v: Any) -> Any:
    if not isinstance(v, Mapping):
        doc.err(path, f"must be a mapping of rate key to price, got {_got(doc, path, v)}")
        return BAD
    if not v:
        doc.err(path, "must list at least one rate, e.g. sft: 5.00 (null when unknown)")
        return BAD
    out: dict[str, Any] = {}
    for k, price in v.items():
        if not RATE_KEY.match(k):
            doc.err(
                (*path, k),
                "unknown rate key (expected sft, dpo or rft, optionally followed by _lora, _qlora or _full "
                "and by _global, _regional, _datazone or _developer)",
            )
            continue
        p = v_price(doc, (*path, k), price)
        if p is not BAD:
            out[k] = p
    return out


class Table:
    """A mapping with known keys: unknown keys and missing required keys are errors."""

    def __init__(self, fields: Mapping[str, Validator], required: Iterable[str] = (), nullable: bool = False):
        self.fields = dict(fields)
        self.required = tuple(required)
        self.nullable = nullable

    def __call__(self, doc: _Doc, path: _Path, v: Any) -> Any:
        if v is None and self.nullable:
            return None
        if not isinstance(v, Mapping):
            doc.err(path, f"must be a mapping, got {_got(doc, path, v)}")
            return BAD
        out: dict[str, Any] = {}
        for k, item in v.items():
            if item is BAD:
                continue
            fn = self.fields.get(k)
            if fn is None:
                doc.err((*path, k), f"unknown key (known: {', '.join(sorted(self.fields))})")
                continue
            res = fn(doc, (*path, k), item)
            if res is not BAD:
                out[k] = res
        for k in self.required:
            if k not in v:
                doc.err(path, f"missing key {k}")
        return out


def v_map_of(item: Validator, what: str, *, allow_empty: bool = False) -> Validator:
    """A mapping of free names (model ids, source ids, ...) to validated entries."""

    def check(doc: _Doc, path: _Path, v: Any) -> Any:
        if not isinstance(v, Mapping):
            doc.err(path, f"must be a mapping of {what}, got {_got(doc, path, v)}")
            return BAD
        if not v and not allow_empty:
            doc.err(path, f"must list at least one {what.rstrip('s')}")
            return BAD
        out: dict[str, Any] = {}
        for k, entry in v.items():
            if entry is BAD:
                continue
            res = item(doc, (*path, k), entry)
            if res is not BAD:
                out[k] = res
        return out

    return check


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
        "source": v_text,
        "note": v_text,
    }
)
LIFECYCLE = Table(
    {"training_until": v_date_or_null, "inference_shutdown": v_date_or_null, "source": v_text, "note": v_text}
)


def v_source_of(doc: _Doc, path: _Path, v: Any) -> Any:
    """`source_of: {dotted.key.path: source id}` for single values whose source differs from the block's."""
    if not isinstance(v, Mapping):
        doc.err(path, f"must be a mapping of key path to source id, got {_got(doc, path, v)}")
        return BAD
    out: dict[str, str] = {}
    for k, sid in v.items():
        t = v_text(doc, (*path, k), sid)
        if t is not BAD:
            out[k] = t
    return out


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
    "none": ("per_hour", "storage_per_month", "per_model_unit_hour", "model_units"),
    "hourly": ("per_model_unit_hour", "model_units"),
    "dedicated": ("per_model_unit_hour", "model_units"),
    "storage": ("per_hour", "per_model_unit_hour", "model_units"),
    "on_demand": ("per_hour", "per_model_unit_hour", "model_units"),
    "provisioned": ("per_hour",),
}
_MERGED_BLOCKS = ("training", "lifecycle", "source_of")  # merged key by key with defaults; others replace whole


# ---------------------------------------------------------------------------------------------------------------
# One file


@dataclass
class _FileResult:
    provider: str | None = None
    info: ProviderInfo | None = None
    models: list[ModelPrice] = field(default_factory=list)
    rag: dict[str, Any] | None = None


def _read(path: Path, doc: _Doc) -> Any:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            doc.problems.append(f"{doc.file}:1: file too large ({size:,} bytes; limit {MAX_FILE_BYTES:,})")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        doc.problems.append(f"{doc.file}:1: cannot read: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        doc.problems.append(f"{doc.file}:{line}: not UTF-8 text")
        return None
    return _parse(text.removeprefix("\ufeff"), doc)


def _validate_file(path: Path) -> tuple[_FileResult, list[str]]:
    doc = _Doc(_display(path))
    result = _FileResult()
    data = _read(path, doc)
    if data is None or data is BAD:
        return result, doc.problems
    if not isinstance(data, Mapping):
        doc.err((), f"a pricing file must be a mapping of keys (schema_version, provider, ...), got {show(data)}")
        return result, doc.problems
    provider = data.get("provider")
    is_rag = provider == RAG_PROVIDER or (provider is None and path.stem == RAG_PROVIDER)
    table = (RAG_FILE if is_rag else PROVIDER_FILE)(doc, (), data)
    if table is BAD:
        return result, doc.problems
    if isinstance(provider, str) and provider != path.stem:
        doc.err(("provider",), f"must equal the file name {path.stem!r}, got {show(provider)}")
    sources: dict[str, Source] = {}
    for sid, s in (table.get("sources") or {}).items():
        if "url" in s and "retrieved" in s:
            sources[sid] = Source(sid, s["url"], s["retrieved"][1], s.get("note"))
    _check_source_refs(doc, data, sources)
    if any(k not in table for k in HEADER_REQUIRED) or any(p[:1] == ("sources",) for p in doc.bad_paths):
        return result, doc.problems
    as_of, as_of_text = table["as_of"]
    reviewed = table["reviewed"][0] if "reviewed" in table else None
    info = ProviderInfo(
        provider=table["provider"],
        display_name=table["display_name"],
        currency=table["currency"],
        as_of=as_of,
        as_of_text=as_of_text,
        status=table["status"],
        status_note=table.get("status_note"),
        sources=sources,
        file=doc.file,
        reviewed=reviewed,
    )
    result.provider = info.provider
    result.info = info
    if is_rag:
        result.rag = _rag_entries(doc, table, info)
    else:
        defaults = table.get("defaults", {})
        if any(p[:1] == ("defaults",) for p in doc.bad_paths):
            return result, doc.problems  # every model inherits the broken defaults: one report is enough
        aliases_seen: dict[str, str] = {}
        raw_models: Mapping[str, Any] = data["models"] if isinstance(data.get("models"), Mapping) else {}
        for mid, entry in table.get("models", {}).items():
            if any(p[:2] == ("models", mid) for p in doc.bad_paths):
                continue
            model = _build_model(doc, info, mid, entry, raw_models.get(mid) or {}, defaults)
            if model is None:
                continue
            for name in (model.model, *model.aliases):
                low = name.lower()
                if low in aliases_seen and aliases_seen[low] != mid:
                    doc.err(("models", mid, "aliases"), f"{name!r} is already used by model {aliases_seen[low]}")
                aliases_seen[low] = mid
            result.models.append(model)
    return result, doc.problems


def _check_source_refs(doc: _Doc, data: Mapping[str, Any], sources: Mapping[str, Source]) -> None:
    """Every `source:` anywhere in the file must name an entry of `sources`."""

    def walk(v: Any, path: _Path) -> None:
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


def _origin(mid: str, raw: Mapping[str, Any], sub: _Path) -> _Path:
    """The path a merged value came from: the model's own entry if it sets it, else `defaults`."""
    cur: Any = raw
    for part in sub:
        if not isinstance(cur, Mapping) or part not in cur:
            return ("defaults", *sub)
        cur = cur[part]
    return ("models", mid, *sub)


def _merge(defaults: Mapping[str, Any], entry: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(defaults)
    for k, v in entry.items():
        if k in _MERGED_BLOCKS and isinstance(v, Mapping) and isinstance(merged.get(k), Mapping):
            merged[k] = {**merged[k], **v}
        elif k == "unconfirmed":
            merged[k] = tuple(dict.fromkeys((*defaults.get(k, ()), *v)))
        else:
            merged[k] = v
    return merged


def _prices(d: Mapping[str, Any] | None) -> TokenPrices | None:
    if d is None:
        return None
    batch = d.get("batch")
    return TokenPrices(
        input=d.get("input"),
        output=d.get("output"),
        cached_input=d.get("cached_input"),
        batch=TokenPrices(batch.get("input"), batch.get("output"), batch.get("cached_input")) if batch else None,
    )


def _build_model(
    doc: _Doc,
    info: ProviderInfo,
    mid: str,
    entry: Mapping[str, Any],
    raw: Mapping[str, Any],
    defaults: Mapping[str, Any],
) -> ModelPrice | None:
    before = len(doc.problems)
    here: _Path = ("models", mid)
    m = _merge(defaults, entry)
    for key in ("training", "hosting", "source"):
        if key not in m:
            doc.err(here, f"missing key {key} (give it here or under defaults)")
    training = m.get("training")
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
    hosting = m.get("hosting")
    if hosting is not None:
        kind = hosting.get("kind")
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
    for spath in m.get("source_of", {}):
        if spath.split(".")[0] not in MODEL_FIELDS:
            doc.err(
                _origin(mid, raw, ("source_of", spath)), "unknown key path (it must start with one of the model keys)"
            )
    for i, upath in enumerate(m.get("unconfirmed", ())):
        head = upath.split(".")[0]
        if head not in MODEL_FIELDS:
            origin = ("models", mid, "unconfirmed", i) if upath in entry.get("unconfirmed", ()) else ("defaults",)
            doc.err(origin, f"unknown key path {upath!r} (it must start with one of the model keys)")
    if len(doc.problems) > before or training is None or hosting is None:
        return None
    src_ids = {"model": m["source"]}
    for block in ("training", "inference", "base_inference", "hosting", "lifecycle"):
        b = m.get(block)
        src_ids[block] = b.get("source", m["source"]) if isinstance(b, Mapping) else m["source"]
    src_ids.update(m.get("source_of", {}))
    urls = tuple(dict.fromkeys(info.sources[s].url for s in src_ids.values() if s in info.sources))
    as_of, as_of_text = m.get("as_of", (info.as_of, info.as_of_text))
    lifecycle = m.get("lifecycle", {})
    return ModelPrice(
        provider=info.provider,
        model=mid,
        aliases=tuple(m.get("aliases", ())),
        display_name=m.get("display_name", mid),
        status=m.get("status", info.status),
        as_of=as_of,
        as_of_text=as_of_text,
        currency=info.currency,
        training=Training(
            unit=training["unit"],
            rates=dict(training["rates"]),
            minimum_charge=training.get("minimum_charge", 0.0),
            bills_validation=training.get("bills_validation", False),
            tokens_per_second=training.get("tokens_per_second"),
            gpus=training.get("gpus", 1),
            overhead_minutes=training.get("overhead_minutes", 0.0),
        ),
        default_epochs=m.get("default_epochs", "auto"),
        encoding=m.get("encoding"),
        max_example_tokens=m.get("max_example_tokens"),
        inference=_prices(m.get("inference")),
        base_inference=_prices(m.get("base_inference")),
        hosting=Hosting(
            kind=hosting["kind"],
            per_hour=hosting.get("per_hour"),
            storage_per_month=hosting.get("storage_per_month"),
            per_model_unit_hour=hosting.get("per_model_unit_hour"),
            model_units=hosting.get("model_units", 1),
            note=hosting.get("note"),
            unknown=tuple(k for k, v in hosting.items() if v is None),
        ),
        lifecycle=Lifecycle(lifecycle.get("training_until"), lifecycle.get("inference_shutdown")),
        unconfirmed=tuple(m.get("unconfirmed", ())),
        source_urls=urls,
        source_ids=src_ids,
        file=doc.file,
        params_b=m.get("params_b"),
        status_note=m.get("status_note", info.status_note),
        note=m.get("note"),
    )


def _rag_entries(doc: _Doc, table: Mapping[str, Any], info: ProviderInfo) -> dict[str, Any]:
    def url(sid: str | None) -> str | None:
        return info.sources[sid].url if sid is not None and sid in info.sources else None

    embeddings = {
        name: Embedding(
            name=name,
            per_1m=e.get("per_1m"),
            batch_per_1m=e.get("batch_per_1m"),
            dims=e.get("dims"),
            max_input_tokens=e.get("max_input_tokens"),
            encoding=e.get("encoding"),
            source_url=url(e.get("source")),
            unconfirmed=tuple(e.get("unconfirmed", ())),
            note=e.get("note"),
        )
        for name, e in table.get("embeddings", {}).items()
    }
    stores = {
        name: VectorStore(
            name=name,
            kind=s["kind"],
            per_month=s.get("per_month"),
            per_hour=s.get("per_hour"),
            monthly_minimum=s.get("monthly_minimum"),
            storage_per_gb_month=s.get("storage_per_gb_month"),
            storage_per_gb_day=s.get("storage_per_gb_day"),
            free_gb=s.get("free_gb", 0.0),
            read_units_per_1m=s.get("read_units_per_1m"),
            read_units_per_query=s.get("read_units_per_query"),
            per_1k_queries=s.get("per_1k_queries"),
            source_url=url(s.get("source")),
            unconfirmed=tuple(s.get("unconfirmed", ())),
            note=s.get("note"),
            unknown=tuple(k for k, v in s.items() if v is None),
        )
        for name, s in table.get("vector_stores", {}).items()
        if "kind" in s
    }
    defaults = dict(table.get("defaults", {}))
    for key, pool in (("embedding", embeddings), ("vector_store", stores)):
        if key in defaults and defaults[key] not in pool:
            doc.err(("defaults", key), f"{defaults[key]!r} is not defined in this file")
    return {"embeddings": embeddings, "vector_stores": stores, "defaults": defaults, "info": info}


# ---------------------------------------------------------------------------------------------------------------
# Public entry points


def check_paths(paths: Sequence[str | Path]) -> list[str]:
    """Validate pricing files or folders of them (`ftready pricing check`); the problems, empty when all valid."""
    problems: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = _yaml_files(p)
            if not files:
                problems.append(f"{_display(p)}: no .yaml files in this folder")
            for f in files:
                problems += _validate_file(f)[1]
        elif p.is_file():
            problems += _validate_file(p)[1]
        else:
            problems.append(f"{_display(p)}: no such file or folder")
    return problems


def load_pricebook(extra_dirs: Sequence[str | Path] = (), include_user: bool = True) -> PriceBook:
    """Shipped tables, then the user folder, then each `--pricing DIR`; a later file wins per model.

    Raises PricingError listing every problem of every file (one line each)."""
    problems: list[str] = []
    folders: list[Path] = [shipped_pricing_dir()]
    if include_user:
        user = user_pricing_dir()
        if user.is_dir():  # a user folder that does not exist is simply not used
            folders.append(user)
    for d in extra_dirs:
        p = Path(d)
        if not p.is_dir():
            problems.append(f"{_display(p)}: --pricing folder not found")
        else:
            folders.append(p)
    if not folders[0].is_dir():
        problems.append(f"{_display(folders[0])}: the shipped pricing tables are missing (broken install?)")
        folders = folders[1:]

    models: dict[tuple[str, str], ModelPrice] = {}
    infos: dict[str, ProviderInfo] = {}
    files: list[str] = []
    rag_parts: list[dict[str, Any]] = []
    for folder in folders:
        for f in _yaml_files(folder):
            result, file_problems = _validate_file(f)
            problems += file_problems
            if file_problems or result.info is None:
                continue
            files.append(result.info.file)
            if result.rag is not None:
                rag_parts.append(result.rag)
                continue
            infos[result.info.provider] = result.info
            for m in result.models:
                models[(m.provider, m.model)] = m
    rag = _merge_rag(rag_parts, problems)
    if problems:
        raise PricingError(problems)
    ordered = tuple(sorted(models.values(), key=lambda m: (m.provider, m.model)))
    return PriceBook(models=ordered, rag=rag, provider_info=infos, files=tuple(files))


def _merge_rag(parts: list[dict[str, Any]], problems: list[str]) -> RagTable | None:
    if not parts:
        return None
    embeddings: dict[str, Embedding] = {}
    stores: dict[str, VectorStore] = {}
    defaults: dict[str, Any] = {}
    for part in parts:
        embeddings.update(part["embeddings"])
        stores.update(part["vector_stores"])
        defaults.update(part["defaults"])
    last: ProviderInfo = parts[-1]["info"]
    files = tuple(p["info"].file for p in parts)
    emb = defaults.get("embedding") or next(iter(embeddings), None)
    store = defaults.get("vector_store") or next(iter(stores), None)
    if emb is None or store is None:
        problems.append(f"{last.file}:1: rag tables need at least one embedding and one vector store")
        return None
    return RagTable(
        embeddings=embeddings,
        vector_stores=stores,
        default_embedding=emb,
        default_vector_store=store,
        chunk_tokens=int(defaults.get("chunk_tokens", 512)),
        text_bytes_per_token=float(defaults.get("text_bytes_per_token", 4.0)),
        currency=last.currency,
        as_of=last.as_of,
        as_of_text=last.as_of_text,
        files=files,
    )


def age_days(as_of: dt.date, today: dt.date) -> int:
    return (today - as_of).days


def training_summary(m: ModelPrice) -> str:
    unit = {"per_1m_tokens": "/1M tokens", "per_hour": "/hour", "per_gpu_hour": "/GPU-hour"}[m.training.unit]
    parts = []
    for k, v in m.training.rates.items():
        parts.append(f"{k} {'n/a' if v is None else f'{v:,.2f}'}")
    return f"{', '.join(parts)} {m.currency}{unit}"


def render_list(book: PriceBook, today: dt.date) -> str:
    """Plain-text table for `ftready pricing list`: providers and models with status, as_of and staleness."""
    header = ("PROVIDER", "MODEL", "STATUS", "AS OF", "AGE", "", "TRAINING", "HOSTING")
    rows: list[tuple[str, ...]] = []
    for provider in book.providers:
        for m in book.models_for(provider):
            age = age_days(m.as_of, today)
            hosting = m.hosting.kind
            if m.hosting.per_hour is not None:
                hosting += f" {m.hosting.per_hour:,.2f}/h"
            elif m.hosting.kind in ("hourly", "dedicated"):
                hosting += " n/a"
            if m.hosting.storage_per_month is not None:
                hosting += f" +{m.hosting.storage_per_month:,.2f}/month"
            if m.hosting.per_model_unit_hour is not None:
                hosting += f" {m.hosting.per_model_unit_hour:,.2f}/unit-h"
            rows.append(
                (
                    provider,
                    m.model + (f" ({', '.join(m.aliases)})" if m.aliases else ""),
                    m.status,
                    m.as_of_text,
                    f"{age}d",
                    "STALE" if age > STALE_AFTER_DAYS else "",
                    training_summary(m),
                    hosting,
                )
            )
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in (header, *rows)]
    out = "\n".join(lines)
    notes = [
        f"{len(book.models)} models from {len(book.files)} files; STALE = prices older than {STALE_AFTER_DAYS} days"
    ]
    if book.rag is not None:
        notes.append(
            f"rag: {len(book.rag.embeddings)} embeddings, {len(book.rag.vector_stores)} vector stores "
            f"(as of {book.rag.as_of_text}; defaults {book.rag.default_embedding}, {book.rag.default_vector_store})"
        )
    return out + "\n\n" + "\n".join(notes) + "\n"
