"""The cost of the one masking step (`ftready.redact.mask_tree`) against the whole analysis.

Usage: python benchmarks/bench_masking.py [N]   (default 20,000 examples of the synthetic chat set, plus a
malformed variant where every fifth line is a broken record, so the analysis holds many problem messages)

Prints the seconds of `analyse()` and of `mask_tree()` on its result (a second time: what `render()` pays when the
pipeline has masked already) and their ratio.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synth import generate

from ftready.pipeline import analyse
from ftready.redact import mask_tree
from ftready.redact.tree import _SAFE_CACHE
from ftready.settings import Settings


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        good = Path(tmp) / "chat.jsonl"
        generate(n, 0, good)
        bad = Path(tmp) / "broken.jsonl"
        lines = good.read_text(encoding="utf-8").splitlines()
        bad.write_text(
            "\n".join(
                '{"messages": [{"role": "usr", "content": ""}]}' if i % 5 == 0 else ln for i, ln in enumerate(lines)
            )
            + "\n",
            encoding="utf-8",
        )
        for path in (good, bad):
            t0 = time.perf_counter()
            analysis = analyse(str(path), Settings())
            t_analyse = time.perf_counter() - t0
            _SAFE_CACHE.clear()
            t0 = time.perf_counter()
            mask_tree(analysis)
            t_mask = time.perf_counter() - t0
            t0 = time.perf_counter()
            mask_tree(analysis)
            t_again = time.perf_counter() - t0
            print(
                f"{path.name}: {n} examples, {len(analysis.problems)} problems: analyse {t_analyse:.2f} s, "
                f"mask {t_mask:.3f} s (again {t_again:.3f} s), mask/analyse {t_mask / t_analyse:.3f}"
            )


if __name__ == "__main__":
    main()
