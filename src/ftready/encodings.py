"""Token encodings from files that installed packages ship, verified before use; never a download.

`bpe-openai` ships the `o200k_base` and `cl100k_base` rank files (gzipped). Each is decompressed, checked against
the SHA-256 that tiktoken itself publishes for that file (`tiktoken_ext/openai_public.py`), and handed to
tiktoken as an `Encoding` with tiktoken's own split pattern and special tokens. A file that is missing or does
not match its hash is not used: the caller falls back and says so.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tiktoken

_O200K_PATTERN = "|".join(
    [
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)
_CL100K_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|"""
    r"""\s+(?!\S)|\s"""
)


@dataclass(frozen=True)
class Shipped:
    """Where an encoding's rank file ships, and what it must hash to."""

    name: str
    package: str  # the distribution's import name
    path: str  # the file inside the package
    sha256: str  # of the decompressed file, as tiktoken publishes it
    pattern: str
    special_tokens: tuple[tuple[str, int], ...]


SHIPPED: dict[str, Shipped] = {
    "o200k_base": Shipped(
        "o200k_base",
        "bpe_openai",
        "data/o200k_base.tiktoken.gz",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        _O200K_PATTERN,
        (("<|endoftext|>", 199999), ("<|endofprompt|>", 200018)),
    ),
    "cl100k_base": Shipped(
        "cl100k_base",
        "bpe_openai",
        "data/cl100k_base.tiktoken.gz",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        _CL100K_PATTERN,
        (
            ("<|endoftext|>", 100257),
            ("<|fim_prefix|>", 100258),
            ("<|fim_middle|>", 100259),
            ("<|fim_suffix|>", 100260),
            ("<|endofprompt|>", 100276),
        ),
    ),
}


class NotShipped(Exception):
    """The encoding's file is not installed, or does not match its published hash (the message says which)."""


def shipped_file(name: str) -> Path:
    """The installed rank file of an encoding, found without importing its package (which loads a native
    library); NotShipped when no installed package holds it."""
    entry = SHIPPED.get(name)
    if entry is None:
        raise NotShipped(f"no package ftready knows ships {name}")
    spec = importlib.util.find_spec(entry.package)
    if spec is None or not spec.submodule_search_locations:
        raise NotShipped(f"{name}: the package {entry.package.replace('_', '-')} that ships it is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / entry.path
    if not path.is_file():
        raise NotShipped(f"{name}: {entry.package.replace('_', '-')} is installed but has no {entry.path}")
    return path


def verified_ranks(name: str, path: Path | None = None) -> dict[bytes, int]:
    """The merge ranks of a shipped encoding, after checking the file against its published SHA-256."""
    entry = SHIPPED[name]
    path = path or shipped_file(name)
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise NotShipped(f"{name}: cannot read {path}: {exc}") from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != entry.sha256:
        raise NotShipped(f"{name}: {path} does not match its published SHA-256 ({digest[:12]}… ≠ {entry.sha256[:12]}…)")
    ranks: dict[bytes, int] = {}
    for line in raw.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


@lru_cache(maxsize=4)
def load(name: str) -> tiktoken.Encoding:
    """A tiktoken Encoding for a shipped encoding; NotShipped when it is not installed or fails its hash."""
    import tiktoken

    entry = SHIPPED[name]
    return tiktoken.Encoding(
        name,
        pat_str=entry.pattern,
        mergeable_ranks=verified_ranks(name),
        special_tokens=dict(entry.special_tokens),
    )
