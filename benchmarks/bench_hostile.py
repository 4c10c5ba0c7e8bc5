"""Heavy hostile inputs: peak memory, time and exit code of `ftready FILE --report json` on each.

    python benchmarks/bench_hostile.py [--limit-gib 4] [CASE ...]

Cases: bomb (a 6 MB .jsonl.gz of one 6 GiB line), onechar (a 200 MB reply of one repeated character), ones
(8 MB of `1` lines), sigterm (SIGTERM 8 s into a run on a 40 MB file: seconds until every process is gone).
Each run is a separate process under an address-space limit; figures go in docs/robustness.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def chat(i: int, reply: str) -> str:
    return json.dumps({"messages": [{"role": "user", "content": f"q {i}"}, {"role": "assistant", "content": reply}]})


def make(case: str, d: Path) -> Path:
    if case == "bomb":
        p = d / "bomb.jsonl.gz"
        block = gzip.compress(b"A" * (64 << 20), 9)
        with p.open("wb") as fh:
            fh.write(gzip.compress(b'{"messages": "'))
            for _ in range(96):
                fh.write(block)
            fh.write(gzip.compress(b'"}\n'))
    elif case == "onechar":
        p = d / "onechar.jsonl"
        p.write_text(chat(0, "x" * (200 << 20)) + "\n" + "\n".join(chat(i, f"a {i}") for i in range(1, 50)) + "\n")
    elif case == "ones":
        p = d / "ones.jsonl"
        p.write_text(chat(0, "a") + "\n" + "1\n" * 4_000_000)
    else:
        p = d / "big.jsonl"
        with p.open("w") as fh:
            i = 0
            while fh.tell() < 40 << 20:
                fh.write("\n".join(chat(k, f"answer {k}: open Billing, row {k}") for k in range(i, i + 1000)) + "\n")
                i += 1000
    return p


def run(case: str, path: Path, limit: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC), FTREADY_NO_CONFIG="1")

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ftready", str(path), "--report", "json", "-q"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=cap,
        start_new_session=True,
    )
    if case == "sigterm":
        time.sleep(8)
        os.kill(proc.pid, signal.SIGTERM)
        start = time.monotonic()
    _, err = proc.communicate()
    took = time.monotonic() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
    line = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
    print(f"{case:8} exit {proc.returncode:4}  {took:7.1f} s  peak so far {peak:5.2f} GiB  {line[0][:100]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("cases", nargs="*", default=["bomb", "onechar", "ones", "sigterm"])
    ap.add_argument("--limit-gib", type=float, default=4)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for case in a.cases:
            run(case, make(case, Path(tmp)), int(a.limit_gib * 2**30))


if __name__ == "__main__":
    main()
