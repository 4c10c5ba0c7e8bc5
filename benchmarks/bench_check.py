"""`ftready check` on a small file against the cookbook recipe, as a pre-commit hook would run them.

    python benchmarks/bench_check.py [--n 1000] [--seed 0] [--repeat 3]

Both run as fresh processes on the same synthetic chat file (benchmarks/synth.py, cached under benchmarks/data/),
so interpreter start-up and imports count, as they do for a hook:

- the recipe: plain `json.loads` per line, the format checks and a tiktoken count per message of OpenAI's
  data-prep notebook (the `RECIPE` of bench_pipeline.py);
- `ftready check FILE` (every check, exact token counts), once with an empty rank cache (the first run on a
  machine) and then with it filled.

Wall and CPU seconds (the best of `--repeat` runs: the least disturbed by other load), and the ratio check/recipe.
Targets: ratio <= 1.2 and check <= 0.5 s on a quiet machine. For what dominates, run
`python -X importtime -m ftready check FILE` and sort by the cumulative column.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_pipeline import RECIPE, dataset  # noqa: E402


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, the child's) and the exit code of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    rc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False).returncode
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, rc


def best(cmd: list[str], env: dict[str, str], repeat: int) -> tuple[float, float, int]:
    runs = [timed(cmd, env) for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs), runs[-1][2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    path = dataset(args.n, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        recipe = Path(tmp) / "recipe.py"
        recipe.write_text(RECIPE, encoding="utf-8")
        env = {**os.environ, "FTREADY_NO_CONFIG": "1", "FTREADY_CACHE_DIR": str(Path(tmp) / "cache")}
        check = [sys.executable, "-m", "ftready", "check", str(path)]
        cold = timed(check, env)  # fills the rank cache
        r_wall, r_cpu, r_rc = best([sys.executable, str(recipe), str(path)], env, args.repeat)
        c_wall, c_cpu, c_rc = best(check, env, args.repeat)
    load = os.getloadavg()[0]
    print(f"{args.n:,} examples, {path.stat().st_size / 1e6:.1f} MB; load average {load:.1f} on {os.cpu_count()} CPUs")
    print(f"  recipe (json + tiktoken + format checks): {r_wall:6.2f} s wall  {r_cpu:6.2f} s CPU  (exit {r_rc})")
    print(f"  ftready check, empty rank cache:          {cold[0]:6.2f} s wall  {cold[1]:6.2f} s CPU  (exit {cold[2]})")
    print(f"  ftready check:                            {c_wall:6.2f} s wall  {c_cpu:6.2f} s CPU  (exit {c_rc})")
    print(f"  check / recipe: {c_wall / r_wall:.2f}x wall, {c_cpu / r_cpu:.2f}x CPU (target <= 1.2x)")
    print(f"  check: {c_wall:.2f} s wall (target <= 0.5 s on a quiet machine)")


if __name__ == "__main__":
    main()
