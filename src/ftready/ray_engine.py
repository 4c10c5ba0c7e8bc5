"""`--engine ray`: read a sharded dataset (JSONL or Parquet, local paths or any URL Ray Data reads) on a Ray cluster.

The per-shard map runs on the cluster, one task per shard: a JSONL shard is read as bytes and each record is parsed
in compiled code (msgspec) so the shard's example count and the lines needing the strict path are known; a Parquet
shard is decoded and its rows written as JSON lines. The merge runs in the driver: the shards, in the order of their
sorted paths, form one JSONL stream (line n of shard k is line n + the lines of shards 0..k-1, as in the unsplit
file) that the local analysis reads, so the report is the one the local engine gives for the unsplit file, with the
dataset path given as PATH_OR_GLOB. docs/scaling.md lists what is still to move into the map (token counts,
hashes and signatures per shard).

Ray is an optional extra: without it, `--engine ray` exits 2 and says how to install it.
"""

from __future__ import annotations

import glob
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ftready.errors import InputError, UsageError

INSTALL_HINT = "--engine ray needs Ray: pip install 'ftready[ray]'"
SHARD_SUFFIXES = (".jsonl", ".ndjson", ".json", ".parquet")


def require_ray() -> Any:
    """The ray module, or a UsageError (exit 2) saying how to install it."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    return ray


def _is_url(p: str) -> bool:
    return "://" in p and not p.startswith("file://")


def expand(path_or_glob: str) -> list[str]:
    """The shards: a file, a directory's dataset files, or a glob's matches, sorted. URLs are passed as given."""
    if _is_url(path_or_glob):
        return [path_or_glob]
    p = Path(path_or_glob)
    if p.is_dir():
        found = sorted(str(f) for f in p.iterdir() if f.suffix in SHARD_SUFFIXES)
    elif p.exists():
        found = [str(p)]
    else:
        found = sorted(glob.glob(path_or_glob))
    if not found:
        raise InputError(f"{path_or_glob}: no file matches")
    bad = [f for f in found if not f.endswith(SHARD_SUFFIXES)]
    if bad:
        raise InputError(f"{bad[0]}: --engine ray reads .jsonl and .parquet shards")
    return found


@dataclass(frozen=True)
class Shard:
    path: str
    data: bytes  # the shard as JSON lines, ending with a newline
    lines: int
    examples: int  # records msgspec parsed (the rest take the strict path in the merge)


def _map_jsonl(row: dict[str, Any]) -> dict[str, Any]:
    from ftready.load.fastjson import DOUBT, parse_bytes

    data: bytes = row["bytes"]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data and not data.endswith(b"\n"):
        data += b"\n"
    lines = data.splitlines()
    parsed = sum(1 for line in lines if line.strip() and parse_bytes(line.strip()) is not DOUBT)
    return {"path": row["path"], "data": data, "lines": len(lines), "examples": parsed}


def _parquet_lines(batch: Any) -> dict[str, Any]:
    """A batch of Parquet rows (an Arrow table) as JSON lines; columns absent from a row's source are null."""
    import msgspec

    enc = msgspec.json.encode
    return {"line": [enc(r) for r in batch.to_pylist()]}


def map_shards(ray: Any, shards: list[str]) -> list[Shard]:
    """The per-shard map on the cluster, in shard order (`ray` is the imported module)."""
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    out: list[Shard] = []
    jsonl = [s for s in shards if not s.endswith(".parquet")]
    by_path: dict[str, Shard] = {}
    if jsonl:
        ds = ray.data.read_binary_files(jsonl, include_paths=True).map(_map_jsonl)
        for r in ds.iter_rows():
            by_path[_norm(r["path"])] = Shard(r["path"], bytes(r["data"]), int(r["lines"]), int(r["examples"]))
    for s in shards:
        if s.endswith(".parquet"):
            ds = ray.data.read_parquet(s).map_batches(_parquet_lines, batch_format="pyarrow")
            lines = [bytes(r["line"]) for r in ds.iter_rows()]
            data = b"\n".join(lines) + (b"\n" if lines else b"")
            out.append(Shard(s, data, len(lines), len(lines)))
        else:
            out.append(by_path[_norm(s)])
    return out


def _norm(p: str) -> str:
    return os.path.normpath(p.split("://", 1)[-1]).lstrip("/")


def analyse_sharded(path_or_glob: str, settings: Any, *, progress: Any = None, address: str | None = None) -> Any:
    """Map the shards on Ray, merge them in the driver and analyse the merged stream; the report names
    PATH_OR_GLOB."""
    ray = require_ray()
    from ftready.pipeline import analyse
    from ftready.progress import no_progress

    shards = expand(path_or_glob)
    started = False
    if not ray.is_initialized():
        where = address or os.environ.get("RAY_ADDRESS") or None
        try:
            ray.init(address=where, include_dashboard=False, log_to_driver=False)
        except Exception as exc:  # any failure to start or reach a cluster is one line, exit 2
            first = (str(exc).splitlines() or [type(exc).__name__])[0]
            raise UsageError(
                f"--engine ray: cannot start or reach a Ray cluster ({where or 'local'}): {first}"
            ) from None
        started = True
    try:
        mapped = map_shards(ray, shards)
    finally:
        if started:
            ray.shutdown()
    with tempfile.TemporaryDirectory(prefix="ftready-ray-") as tmp:
        merged = Path(tmp) / "merged.jsonl"
        with open(merged, "wb") as fh:
            for s in mapped:
                fh.write(s.data)
        analysis = analyse(merged, settings, progress=progress or no_progress)
    return replace(analysis, dataset=replace(analysis.dataset, path=path_or_glob))


__all__ = ["INSTALL_HINT", "Shard", "analyse_sharded", "expand", "map_shards", "require_ray"]
