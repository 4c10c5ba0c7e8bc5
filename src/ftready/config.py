"""Configuration: discovery and strict validation of config files, `--select`/`--ignore` and `--set`.

Precedence (highest first): CLI flags > `--config FILE` > `ftready.toml` or `[tool.ftready]` in the nearest
`pyproject.toml` (searched from the current directory upwards) > defaults. Unknown keys are errors that name the
file and the key; codes and names are checked against the code table.
"""

from __future__ import annotations

import difflib
import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ftready.errors import UsageError
from ftready.io import printable
from ftready.model import ParamValue
from ftready.rules.codes import CODES, REMOVED, lookup, removed, resolve_code
from ftready.settings import ASSUMPTION_DEFAULTS, MAX_COUNT, MAX_EXAMPLE_TOKENS, MAX_SEED, AssumptionValue, Settings

_TOP_KEYS = {
    "select": "list",
    "ignore": "list",
    "strict": "bool",
    "format": "str",
    "encoding": "str",
    "max-example-tokens": "int",
    "fast": "bool",
    "seed": "int",
    "pricing": "list",
    "checks": "table",
    "assumptions": "table",
    "map": "table",
}


def find_config(start: Path | None = None) -> tuple[Path, dict[str, object]] | None:
    """The nearest `ftready.toml`, or `pyproject.toml` with a `[tool.ftready]` table, from `start` upwards."""
    if os.environ.get("FTREADY_NO_CONFIG"):
        return None
    d = (start or current_folder()).resolve()
    for folder in (d, *d.parents):
        own = folder / "ftready.toml"
        if _is_file(own):
            return own, _read_toml(own)
        py = folder / "pyproject.toml"
        if _is_file(py):
            data = _read_toml(py)
            tool = data.get("tool", {})
            if isinstance(tool, dict) and "ftready" in tool:
                section = tool["ftready"]
                if not isinstance(section, dict):
                    raise UsageError(f"{py}: tool.ftready: must be a table")
                return py, section
    return None


def current_folder() -> Path:
    """The working directory; a clear error when it no longer exists (deleted under a running shell)."""
    try:
        return Path.cwd()
    except OSError as exc:
        raise UsageError(
            f"cannot use the current folder ({exc.strerror or exc}; was it deleted?); run ftready from an existing "
            "folder"
        ) from None


def _is_file(path: Path) -> bool:
    """`path.is_file()`, False where it cannot be known (a folder on the way that cannot be searched, a name too
    long): config discovery skips what it cannot see."""
    try:
        return path.is_file()
    except OSError:
        return False


def _read_toml(path: Path) -> dict[str, object]:
    shown = printable(str(path))
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{shown}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{shown}: invalid TOML: not UTF-8 text (byte {exc.start + 1})") from None
    except RecursionError:
        raise UsageError(f"{shown}: invalid TOML: nested too deeply") from None
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read: {exc.strerror or exc}") from None


def load_config_file(path: Path) -> dict[str, object]:
    shown = printable(str(path))
    try:
        found = path.is_file()
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read the config file: {exc.strerror or exc}") from None
    if not found:
        raise UsageError(f"{shown}: config file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise UsageError(f"{shown}: tool: must be a table")
        data = tool.get("ftready", {})
        if not isinstance(data, dict):
            raise UsageError(f"{shown}: tool.ftready: must be a table")
    return data


def apply_config(base: Settings, data: Mapping[str, object], source: str) -> Settings:
    """Validate a config table (from TOML) and layer it over `base`."""
    changes: dict[str, Any] = {"config_path": source}  # field -> typed value (Settings fields differ in type)
    for key, value in data.items():
        kind = _TOP_KEYS.get(key)
        if kind is None:
            raise UsageError(f"{source}: unknown key {key!r} (known: {', '.join(sorted(_TOP_KEYS))})")
        _typecheck(source, key, value, kind)
        if key in ("select", "ignore"):
            codes = []
            for item in _strs(value):
                code = _code_prefix(item)
                if code is None:
                    raise UsageError(f"{source}: {key}: {_unknown(item)}")
                codes.append(code)
            changes[key] = tuple(codes)
        elif key == "map":
            from ftready.formatids import parse_map

            changes["field_map"] = parse_map(_table(value), f"{source}: map")
        elif key == "max-example-tokens":
            changes["max_example_tokens"] = value
        elif key == "pricing":
            base_dir = Path(source).parent
            changes["pricing_dirs"] = tuple(str((base_dir / p).resolve()) for p in _strs(value))
        elif key == "checks":
            params = {k: dict(v) for k, v in base.check_params.items()}
            sev = dict(base.check_severity)
            for name, table in _table(value).items():
                code = resolve_code(name)
                if code is None:
                    raise UsageError(f"{source}: checks.{name}: {_unknown(name)}")
                if not isinstance(table, dict):
                    raise UsageError(f"{source}: checks.{name}: must be a table")
                known = lookup(code).params
                for pk, pv in table.items():
                    if pk == "severity":
                        if pv not in ("error", "warning", "info"):
                            raise UsageError(f"{source}: checks.{name}.severity: must be error, warning or info")
                        sev[code] = pv
                        continue
                    if pk not in known:
                        opts = ", ".join(sorted(known)) or "none"
                        raise UsageError(f"{source}: checks.{name}.{pk}: unknown parameter (known: {opts})")
                    params.setdefault(code, {})[pk] = _coerce_like(source, f"checks.{name}.{pk}", pv, known[pk])
            changes["check_params"] = params
            changes["check_severity"] = sev
        elif key == "assumptions":
            merged = dict(base.assumptions)
            for ak, av in _table(value).items():
                norm = ak.replace("-", "_")
                if norm not in ASSUMPTION_DEFAULTS:
                    raise UsageError(
                        f"{source}: assumptions.{ak}: unknown assumption "
                        f"(known: {', '.join(sorted(ASSUMPTION_DEFAULTS))})"
                    )
                merged[norm] = _assumption(source, f"assumptions.{ak}", norm, av)
            changes["assumptions"] = merged
        else:
            changes[key] = value
    return replace(base, **changes)


_STR_ASSUMPTIONS = {"model", "method", "rate_key", "rag_embedding", "rag_vector_store"}
_INT_ASSUMPTIONS = {
    "epochs",
    "requests_per_month",
    "prompt_tokens",
    "reply_tokens",
    "rag_context_tokens",
    "rag_corpus_tokens",
    "validation_evals",
}


def _strs(value: object) -> list[str]:
    """A value `_typecheck` has found to be a list of strings, typed as one."""
    return [x for x in value if isinstance(x, str)] if isinstance(value, list) else []


def _table(value: object) -> dict[str, object]:
    """A value `_typecheck` has found to be a table, typed as one."""
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def _assumption(source: str, where: str, key: str, value: object) -> AssumptionValue:
    """A cost assumption from a config file, checked for its type and range (None is never given by TOML)."""
    shown = printable(repr(value))[:60]
    if key in _STR_ASSUMPTIONS:
        if not isinstance(value, str):
            raise UsageError(f"{source}: {where}: must be a string, got {shown}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UsageError(f"{source}: {where}: must be a number, got {shown}")
    if isinstance(value, float) and not math.isfinite(value):
        raise UsageError(f"{source}: {where}: must be a finite number, got {shown}")
    if key in _INT_ASSUMPTIONS:
        if isinstance(value, float):
            if not value.is_integer():
                raise UsageError(f"{source}: {where}: must be a whole number, got {shown}")
            value = int(value)
        low = 0 if key == "validation_evals" else 1
        if not low <= value <= MAX_COUNT:
            raise UsageError(f"{source}: {where}: must be a whole number from {low} to {MAX_COUNT:,}, got {shown}")
        return value
    if key == "rag_changed_share":
        if not 0 <= value <= 1:
            raise UsageError(f"{source}: {where}: must be a share from 0 to 1, got {shown}")
        return float(value)
    if not 0 <= value <= MAX_COUNT:
        raise UsageError(f"{source}: {where}: must be a number from 0 to {MAX_COUNT:,}, got {shown}")
    return float(value) if isinstance(value, float) else value


def _code_prefix(item: str) -> str | None:
    """A code, a code prefix that selects at least one code (`FT3`, `FT30`), a name, or ALL; None otherwise."""
    if not isinstance(item, str):
        return None
    up = item.upper()
    if up == "ALL":
        return "FT"
    if up.startswith("FT") and up[2:].isdigit() and len(up) <= 5:
        return up if any(r.code.startswith(up) for r in CODES) or up in REMOVED else None
    return resolve_code(item) or removed(item)  # a removed code still parses: it selects nothing


def _unknown(item: object) -> str:
    """'unknown check code or name X', with the closest codes or names when there are any; for a removed check,
    why it was removed."""
    text = str(item)
    gone = removed(text)
    if gone is not None:
        return f"{gone} {REMOVED[gone][0]} was removed: {REMOVED[gone][1]}"
    known = [r.code for r in CODES] + [r.name for r in CODES]
    code_like = text.upper().startswith("FT")
    close = difflib.get_close_matches(
        text.upper() if code_like else text, known, n=3, cutoff=0.75 if code_like else 0.6
    )
    hint = f" (did you mean {', '.join(close)}?)" if close else " (see `ftready checks`)"
    return f"unknown check code or name {printable(text)!r}{hint}"


def parse_codes(items: list[str] | None, what: str) -> tuple[str, ...]:
    out = []
    for raw in items or []:
        for item in raw.split(","):
            item = item.strip()
            if not item:
                continue
            code = _code_prefix(item)
            if code is None:
                raise UsageError(f"{what}: {_unknown(item)}")
            out.append(code)
    return tuple(out)


def parse_set(items: list[str] | None, base: Settings) -> Settings:
    """`--set FT302.threshold=0.85` style parameter overrides."""
    params = {k: dict(v) for k, v in base.check_params.items()}
    for item in items or []:
        if "=" not in item or "." not in item.split("=", 1)[0]:
            raise UsageError(f"--set {item}: expected CODE.parameter=value, e.g. FT302.threshold=0.85")
        left, raw = item.split("=", 1)
        name, pk = left.split(".", 1)
        code = resolve_code(name)
        if code is None:
            raise UsageError(f"--set {printable(item)}: {_unknown(name)}")
        known = lookup(code).params
        if pk not in known:
            opts = ", ".join(sorted(known)) or "none"
            raise UsageError(f"--set {item}: {code} has no parameter {pk!r} (known: {opts})")
        params.setdefault(code, {})[pk] = _coerce_like("--set", left, _parse_scalar(raw), known[pk])
    return replace(base, check_params=params)


def _parse_scalar(raw: str) -> ParamValue:
    low = raw.lower()
    if low in ("true", "false"):
        return low == "true"
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        return float(raw)
    except ValueError:
        return raw


def _typecheck(source: str, key: str, value: object, kind: str) -> None:
    ok = {
        "list": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "bool": lambda v: isinstance(v, bool),
        "str": lambda v: isinstance(v, str),
        "int": lambda v: (
            isinstance(v, int)
            and not isinstance(v, bool)
            and (0 <= v <= MAX_SEED if key == "seed" else 0 < v <= MAX_EXAMPLE_TOKENS)
        ),
        "table": lambda v: isinstance(v, dict),
    }[kind]
    if not ok(value):
        want = {
            "list": "a list of strings",
            "bool": "true or false",
            "str": "a string",
            "int": f"a whole number from 0 to {MAX_SEED}"
            if key == "seed"
            else f"a positive whole number up to {MAX_EXAMPLE_TOKENS}",
            "table": "a table",
        }[kind]
        raise UsageError(f"{source}: {key}: must be {want}, got {printable(repr(value))[:60]}")


def _coerce_like(source: str, where: str, value: object, default: ParamValue) -> ParamValue:
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        raise UsageError(f"{source}: {where}: must be true or false, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise UsageError(f"{source}: {where}: must be a finite number, got {value!r}")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_COUNT:
        raise UsageError(f"{source}: {where}: too large (at most {MAX_COUNT:,})")
    if isinstance(default, int) and not isinstance(default, bool):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise UsageError(f"{source}: {where}: must be an integer, got {value!r}")
    if isinstance(default, float):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not math.isfinite(value):
                raise UsageError(f"{source}: {where}: must be a finite number, got {value!r}")
            return float(value)
        raise UsageError(f"{source}: {where}: must be a number, got {value!r}")
    if not isinstance(value, str):
        raise UsageError(f"{source}: {where}: must be a string, got {value!r}")
    return value
