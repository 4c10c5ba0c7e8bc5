"""Benchmark the duplicate stage (exact, near, conflicts) against datasketch's MinHashLSH on planted data.

    python benchmarks/bench_duplicates.py [--n 200000] [--seed 0] [--threshold 0.8] [--validation 0]
                                          [--skip-datasketch]

It writes (once, cached under benchmarks/data/) a deterministic synthetic chat dataset with planted exact and
near duplicates (benchmarks/synth.py), loads it into the canonical frame (cached as Parquet), and runs, each in a
fresh process so that peak memory is its own:

- ftready: the whole duplicate stage (`ftready.stages.duplicates.run`), then its near-duplicate part alone on
  the same input (one text per exact-duplicate group);
- datasketch 2.0: `MinHash.bulk` (128 permutations) + `MinHashLSH(threshold, num_perm=128)` over the same texts
  and the same shingles (word 5-grams from 40 words, character 5-grams below), candidates verified by exact
  Jaccard on Python sets and grouped by union-find — the usual recipe.

It prints seconds, texts/s and peak RSS of each, and recall/precision on the planted pairs: recall on one-word
edits of 80+-word replies, on every planted pair whose exact Jaccard is at or above the threshold, by edit rate,
and the number of false groups (a group joining examples from different planted originals).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import resource
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any
from unittest import mock

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


# ---------------------------------------------------------------------------------------------------------------
# workers (run in a fresh process)


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def worker_ftready(frame_path: str, threshold: float, val_path: str | None) -> dict[str, Any]:
    import polars as pl

    from ftready import neardup
    from ftready.model import DatasetInfo
    from ftready.settings import Settings
    from ftready.stages import duplicates
    from ftready.stages.context import Context

    frame = pl.read_parquet(frame_path)
    val = pl.read_parquet(val_path) if val_path else None
    info = DatasetInfo(frame_path, "openai-chat", "OpenAI chat", "jsonl", frame.height, frame.height, 0, 0)
    settings = Settings(check_params={"FT302": {"threshold": threshold}}, validation=val_path)
    ctx = Context(frame=frame, info=info, problems=[], settings=settings, validation=val)

    # Time the near-duplicate part inside the stage by wrapping its two entry points.
    spent = {"build": 0.0, "groups": 0.0}
    build = neardup.MinHashIndex.__dict__["build"].__func__
    groups = neardup.MinHashIndex.__dict__["groups"]
    compared: list[int] = []

    def timed_build(cls: Any, texts: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            return build(cls, texts, **kw)
        finally:
            spent["build"] += time.perf_counter() - t
            rows = kw.get("rows")
            compared.append(len(texts) if rows is None else len(rows))

    def timed_groups(self: Any, *a: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            return groups(self, *a, **kw)
        finally:
            spent["groups"] += time.perf_counter() - t

    base = _rss_mb()
    with (
        mock.patch.object(neardup.MinHashIndex, "build", classmethod(timed_build)),
        mock.patch.object(neardup.MinHashIndex, "groups", timed_groups),
    ):
        t0 = time.perf_counter()
        c0 = time.process_time()
        section = duplicates.run(ctx)  # holds every group
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0
    peak = _peak_mb()

    return {
        "stage_s": wall,
        "stage_cpu_s": cpu,
        "peak_mb": peak,
        "stage_mb": peak - base,
        "near_s": spent["build"] + spent["groups"],
        "near_sketch_s": spent["build"],
        "near_lsh_verify_s": spent["groups"],
        "compared": compared[0],
        "exact_groups": section.exact.group_count,
        "exact_redundant": section.exact.redundant,
        "exact_groups_lines": [list(g) for g in section.exact.groups],
        "near_groups_lines": [list(g) for g in section.near.groups],
        "stage_near_groups": section.near.group_count,
        "stage_near_redundant": section.near.redundant,
        "conflict_groups": section.conflicts.group_count,
        "conflicts_near_identical": section.conflicts.near_identical,
        "leakage": {
            "count": section.leakage.count,
            "exact": section.leakage.exact,
            "near": section.leakage.near,
            "same_prompt": section.leakage.same_prompt,
            "pairs": [list(p) for p in (*section.leakage.pairs, *section.leakage.prompt_pairs)],
        },
    }


def _ds_shingles(text: str) -> set[bytes]:
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())
    if len(words) >= 40:
        return {" ".join(words[i : i + 5]).encode() for i in range(len(words) - 4)} or {" ".join(words).encode()}
    s = " ".join(words)
    return {s[i : i + 5].encode() for i in range(len(s) - 4)} or {s.encode()}


def worker_datasketch(frame_path: str, threshold: float) -> dict[str, Any]:
    import numpy as np
    import polars as pl
    from datasketch import MinHash, MinHashLSH

    from ftready.stages import duplicates

    frame = pl.read_parquet(frame_path)
    exact = duplicates.exact_groups(frame)  # the same one-text-per-exact-group input ftready's near step gets
    rep = np.ones(frame.height, dtype=bool)
    for g in exact:
        rep[g[1:]] = False
    reps = np.flatnonzero(rep)
    texts = frame["text"].gather(reps).to_list()
    lines = frame["line"].to_numpy()
    base = _rss_mb()
    t0 = time.perf_counter()
    sets = [_ds_shingles(t) for t in texts]
    t1 = time.perf_counter()
    sketches = MinHash.bulk(sets, num_perm=128)
    t2 = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    with lsh.insertion_session() as session:
        for i, m in enumerate(sketches):
            session.insert(i, m, check_duplication=False)
    cand: set[tuple[int, int]] = set()
    for i, m in enumerate(sketches):
        for j in lsh.query(m):
            if j != i:
                cand.add((min(i, j), max(i, j)))
    t3 = time.perf_counter()
    parent = list(range(len(texts)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    kept = 0
    for i, j in cand:
        a, b = sets[i], sets[j]
        inter = len(a & b)
        if inter / (len(a) + len(b) - inter) >= threshold:
            kept += 1
            parent[find(i)] = find(j)
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        comps[find(i)].append(i)
    t4 = time.perf_counter()
    groups = [sorted(int(lines[reps[i]]) for i in g) for g in comps.values() if len(g) > 1]
    return {
        "near_s": t4 - t0,
        "shingle_s": t1 - t0,
        "minhash_s": t2 - t1,
        "lsh_s": t3 - t2,
        "verify_s": t4 - t3,
        "peak_mb": _peak_mb(),
        "stage_mb": _peak_mb() - base,
        "bands_rows": [lsh.b, lsh.r],
        "candidates": len(cand),
        "verified": kept,
        "compared": len(reps),
        "near_groups_lines": groups,
    }


# ---------------------------------------------------------------------------------------------------------------
# driver


def prepare(n: int, seed: int, validation: int) -> tuple[Path, Path | None, Any]:
    sys.path.insert(0, str(HERE))
    import synth

    DATA.mkdir(parents=True, exist_ok=True)
    stem = f"dups_{n}_{seed}" + (f"_val{validation}" if validation else "")
    jsonl, vjsonl = DATA / f"{stem}.jsonl", DATA / f"{stem}.val.jsonl"
    truth_path = DATA / f"{stem}.truth.json"
    frame_path, vframe_path = DATA / f"{stem}.parquet", DATA / f"{stem}.val.parquet"
    if not (jsonl.exists() and truth_path.exists()):
        t0 = time.perf_counter()
        truth = synth.generate(n, seed, jsonl, validation_path=vjsonl if validation else None, validation_n=validation)
        truth_path.write_text(json.dumps(dataclasses.asdict(truth)))
        print(f"generated {jsonl.name} ({jsonl.stat().st_size / 1e6:,.0f} MB) in {time.perf_counter() - t0:.0f} s")
    truth = synth.GroundTruth(**json.loads(truth_path.read_text()))
    if not frame_path.exists():
        t0 = time.perf_counter()
        synth.canonical_frame(jsonl).write_parquet(frame_path)
        if validation:
            synth.canonical_frame(vjsonl).write_parquet(vframe_path)
        print(f"loaded the canonical frame in {time.perf_counter() - t0:.0f} s")
    return frame_path, (vframe_path if validation else None), truth


def run_worker(args: list[str]) -> dict[str, Any]:
    env = dict(os.environ)
    res = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env, check=False)
    if res.returncode != 0:
        sys.stderr.write(res.stderr)
        raise SystemExit(f"worker {args[1]} failed")
    out: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return out


def true_jaccards(frame_path: Path, truth: Any) -> dict[tuple[int, int], float]:
    import polars as pl

    from ftready import neardup

    text = pl.read_parquet(frame_path, columns=["line", "text"])
    by_line = dict(zip(text["line"].to_list(), text["text"].to_list(), strict=True))
    return {(a, b): neardup.jaccard(by_line[a], by_line[b]) for a, b, _k, _r in truth.near_pairs}


def score(groups: list[list[int]], truth: Any, sims: dict[tuple[int, int], float], threshold: float) -> dict[str, Any]:
    group_of: dict[int, int] = {}
    for gi, g in enumerate(groups):
        for x in g:
            group_of[x] = gi

    def together(a: int, b: int) -> bool:
        return a in group_of and group_of.get(a) == group_of.get(b)

    fam = truth.family
    false_groups = sum(1 for g in groups if len({fam[x - 1] for x in g}) > 1)
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a, b, kind, rate in truth.near_pairs:
        key = kind if kind != "edit" else f"edit {rate:.0%}"
        kinds[key][0] += together(a, b)
        kinds[key][1] += 1
    pos = [(a, b) for (a, b), s in sims.items() if s >= threshold]
    found = sum(together(a, b) for a, b in pos)
    return {
        "recall_one_word": kinds["one-word"][0] / max(kinds["one-word"][1], 1),
        "recall_true": found / max(len(pos), 1),
        "positives": len(pos),
        "by_kind": {k: v[0] / max(v[1], 1) for k, v in kinds.items()},
        "false_groups": false_groups,
        "groups": len(groups),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--validation", type=int, default=0, help="also write and check a validation set of N examples")
    ap.add_argument("--skip-datasketch", action="store_true")
    ap.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()

    if a.worker:
        kind, frame_path, *rest = a.worker
        if kind == "ftready":
            out = worker_ftready(frame_path, a.threshold, rest[0] if rest else None)
        else:
            out = worker_datasketch(frame_path, a.threshold)
        print(json.dumps(out))
        return

    frame_path, vframe_path, truth = prepare(a.n, a.seed, a.validation)
    size_mb = (DATA / frame_path.name.replace(".parquet", ".jsonl")).stat().st_size / 1e6
    sims = true_jaccards(frame_path, truth)
    wargs = ["--threshold", str(a.threshold), "--worker", "ftready", str(frame_path)]
    ft = run_worker(wargs + ([str(vframe_path)] if vframe_path else []))
    ds = (
        None
        if a.skip_datasketch
        else run_worker(["--threshold", str(a.threshold), "--worker", "datasketch", str(frame_path)])
    )

    ft_score = score(ft["near_groups_lines"], truth, sims, a.threshold)
    ds_score = score(ds["near_groups_lines"], truth, sims, a.threshold) if ds else None
    exact_truth = {tuple(g) for g in truth.exact_groups}
    exact_found = {tuple(g) for g in ft["exact_groups_lines"]}
    planted_kinds: dict[str, int] = defaultdict(int)
    for _a, _b, kind, rate in truth.near_pairs:
        planted_kinds[kind if kind != "edit" else f"edit {rate:.0%}"] += 1

    print()
    print(
        f"Duplicate stage, N = {truth.n:,} chat examples ({size_mb / truth.n * 1e3:.2f} KB each, {size_mb:,.0f} MB), "
        f"seed {a.seed}, threshold {a.threshold}, {os.cpu_count()} cores"
    )
    print(
        f"planted: {sum(len(g) - 1 for g in truth.exact_groups):,} exact copies in {len(truth.exact_groups):,} "
        f"groups; near pairs "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(planted_kinds.items()))
        + f"; {len(truth.conflict_pairs):,} conflicting replies; {ft_score['positives']:,} planted pairs have "
        f"exact Jaccard >= {a.threshold}"
    )
    print(f"texts compared for near duplicates (one per exact group): {ft['compared']:,}")
    print()
    rows: list[tuple[str, str, str]] = []

    def row(label: str, f: Any, d: Any = "-") -> None:
        rows.append((label, str(f), str(d)))

    def s(x: float) -> str:
        return f"{x:.1f}"

    row("whole duplicate stage, s (exact+near+conflicts)", s(ft["stage_s"]), "-")
    row("  CPU s", s(ft["stage_cpu_s"]), "-")
    row("  peak RSS, MB (process / stage increase)", f"{ft['peak_mb']:,.0f} / {ft['stage_mb']:,.0f}", "-")
    dsv = ds or {}
    row("near-duplicate part (MinHash+LSH+verify), s", s(ft["near_s"]), s(dsv["near_s"]) if ds else "-")
    row("  texts/s", f"{ft['compared'] / ft['near_s']:,.0f}", f"{dsv['compared'] / dsv['near_s']:,.0f}" if ds else "-")
    row(
        "  sketch / LSH+verify, s",
        f"{s(ft['near_sketch_s'])} / {s(ft['near_lsh_verify_s'])}",
        f"{s(dsv['shingle_s'] + dsv['minhash_s'])} / {s(dsv['lsh_s'] + dsv['verify_s'])}" if ds else "-",
    )
    row(
        "  peak RSS, MB (process / increase)",
        "(above)",
        f"{dsv['peak_mb']:,.0f} / {dsv['stage_mb']:,.0f}" if ds else "-",
    )
    row("  LSH bands x rows", "16 x 8", f"{dsv['bands_rows'][0]} x {dsv['bands_rows'][1]}" if ds else "-")
    if ds:
        row("speed-up (datasketch s / ftready s)", f"{dsv['near_s'] / ft['near_s']:.1f}x", "")
    row(
        "recall: one-word edits of 80+-word replies",
        f"{ft_score['recall_one_word']:.4f}",
        f"{ds_score['recall_one_word']:.4f}" if ds_score else "-",
    )
    row(
        f"recall: planted pairs with J >= {a.threshold}",
        f"{ft_score['recall_true']:.4f}",
        f"{ds_score['recall_true']:.4f}" if ds_score else "-",
    )
    for k in sorted(ft_score["by_kind"]):
        if k == "one-word":
            continue
        row(f"  recall: {k}", f"{ft_score['by_kind'][k]:.3f}", f"{ds_score['by_kind'][k]:.3f}" if ds_score else "-")
    row(
        "near groups (false groups)",
        f"{ft_score['groups']:,} ({ft_score['false_groups']})",
        f"{ds_score['groups']:,} ({ds_score['false_groups']})" if ds_score else "-",
    )
    hit = len(exact_found & exact_truth)
    row("exact groups found / planted", f"{len(exact_found):,} / {len(exact_truth):,}", "-")
    row(
        "  recall / precision",
        f"{hit / max(len(exact_truth), 1):.3f} / {hit / max(len(exact_found), 1):.3f}",
        "-",
    )
    row(
        "conflict groups: all / answers differ slightly",
        f"{ft['conflict_groups']:,} / {ft['conflicts_near_identical']:,}",
        "-",
    )
    row("  planted prompts with an unrelated reply", f"{len(truth.conflict_pairs):,}", "-")
    if vframe_path:
        leak = ft["leakage"]
        planted = {(v, t) for v, t, _k in truth.leaks}
        got = {tuple(p) for p in leak["pairs"]}
        found = leak["count"] + leak["same_prompt"]
        row("leaked validation examples found / planted", f"{found:,} / {len(planted):,}", "-")
        row("  exact / near / same prompt", f"{leak['exact']:,} / {leak['near']:,} / {leak['same_prompt']:,}", "-")
        row("  pairs naming the planted training line", f"{len(got & planted):,}", "-")
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in [*rows, ("", "ftready", "")])
    print(f"{'':<{w0}}  {'ftready':>{w1}}  datasketch MinHashLSH")
    for label, f, d in rows:
        print(f"{label:<{w0}}  {f:>{w1}}  {d}")


if __name__ == "__main__":
    main()
