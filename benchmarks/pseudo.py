"""A pseudo-word copy of a chat benchmark file, like a hold-out set of made-up vocabulary.

    python benchmarks/pseudo.py IN.jsonl OUT.jsonl

Every letter run of the message texts becomes a deterministic pronounceable pseudo-word (syllables chosen by a
hash of the word), so the file keeps its structure, its exact and near duplicates and its word frequencies, while
its texts tokenise into more, shorter tokens than English does (as an unseen vocabulary would).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from functools import lru_cache

SYLLABLES = ("ka", "lo", "mi", "ten", "ra", "su", "ve", "dor", "pi", "an", "el", "ost", "ru", "ni", "cha", "we")
WORD = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=1 << 20)
def pseudo(word: str) -> str:
    h = hashlib.blake2b(word.lower().encode(), digest_size=8).digest()
    n = 1 + h[0] % 3 + (len(word) > 7)
    out = "".join(SYLLABLES[b % len(SYLLABLES)] for b in h[1 : 1 + n])
    return out.capitalize() if word[0].isupper() else out


def convert(src: str, dst: str) -> None:
    sub = WORD.sub
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for line in fin:
            rec = json.loads(line)
            for m in rec.get("messages", ()):
                if isinstance(m.get("content"), str):
                    m["content"] = sub(lambda w: pseudo(w.group()), m["content"])
            fout.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2])
