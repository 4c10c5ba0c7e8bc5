"""Token encodings from files that installed packages ship, verified before use; never a download.

`bpe-openai` ships the `o200k_base` and `cl100k_base` rank files (gzipped). Each is decompressed, checked against
the SHA-256 that tiktoken itself publishes for that file (`tiktoken_ext/openai_public.py`), and handed to
tiktoken as an `Encoding` with tiktoken's own split pattern and special tokens. A file that is missing or does
not match its hash is not used: the caller falls back and says so.

Parsing the ranks (a base64 line per token) takes about half a second, so the parsed ranks of a verified file are
kept in a cache file under the user's cache folder (`FTREADY_CACHE_DIR`, else `$XDG_CACHE_HOME/ftready`, else
`~/.cache/ftready`). The cache is plain data (lengths, ranks and token bytes; never pickle, so reading it can run
no code), named after the SHA-256 of the rank file it was made from, and is used only when its header names that
same file and the encoding's published hash and its payload matches the SHA-256 recorded beside it; anything else
(missing, truncated, corrupt, made from another file) is ignored and rebuilt from the verified rank file.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import importlib.util
import os
import struct
from array import array
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


_MAGIC = b"FTRANKS1"
_HEADER = struct.Struct("<8s32s32s32sI")  # magic, sha256 of the rank file, published sha256, payload sha256, count


def cache_dir() -> Path:
    """Where ftready keeps derived files it can rebuild (the parsed token ranks)."""
    if os.environ.get("FTREADY_CACHE_DIR"):
        return Path(os.environ["FTREADY_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ftready"


def _encode_cache(ranks: dict[bytes, int], source_sha: bytes, published: bytes) -> bytes:
    tokens = list(ranks)
    lengths = array("H", [len(t) for t in tokens])
    values = array("I", [ranks[t] for t in tokens])
    payload = lengths.tobytes() + values.tobytes() + b"".join(tokens)
    digest = hashlib.sha256(payload).digest()
    return _HEADER.pack(_MAGIC, source_sha, published, digest, len(tokens)) + payload


def _decode_cache(data: bytes, source_sha: bytes, published: bytes) -> dict[bytes, int] | None:
    """The ranks in a cache file, or None unless it is intact and was made from the same verified rank file."""
    if len(data) < _HEADER.size:
        return None
    magic, src, pub, digest, count = _HEADER.unpack_from(data)
    payload = memoryview(data)[_HEADER.size :]
    if magic != _MAGIC or src != source_sha or pub != published or hashlib.sha256(payload).digest() != digest:
        return None
    lengths, values = array("H"), array("I")
    if len(payload) < count * 6:
        return None
    lengths.frombytes(payload[: count * 2])
    values.frombytes(payload[count * 2 : count * 6])
    blob = bytes(payload[count * 6 :])
    if sum(lengths) != len(blob):
        return None
    out: dict[bytes, int] = {}
    pos = 0
    for n, v in zip(lengths, values, strict=True):
        out[blob[pos : pos + n]] = v
        pos += n
    return out


def cached_ranks(name: str, path: Path | None = None) -> dict[bytes, int]:
    """`verified_ranks`, through the cache: the same ranks, without parsing the rank file again."""
    entry = SHIPPED[name]
    path = path or shipped_file(name)
    try:
        source_sha = hashlib.sha256(path.read_bytes()).digest()
    except OSError as exc:
        raise NotShipped(f"{name}: cannot read {path}: {exc}") from None
    published = bytes.fromhex(entry.sha256)
    cache = cache_dir() / f"{name}-{source_sha.hex()[:32]}.ranks"
    try:
        ranks = _decode_cache(cache.read_bytes(), source_sha, published)
    except OSError:
        ranks = None
    if ranks is not None:
        return ranks
    ranks = verified_ranks(name, path)
    tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
    try:  # best effort: a read-only or full disk only costs the parse next time
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(_encode_cache(ranks, source_sha, published))
        os.replace(tmp, cache)  # atomic: a reader sees the old file or the whole new one
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return ranks


@lru_cache(maxsize=4)
def load(name: str) -> tiktoken.Encoding:
    """A tiktoken Encoding for a shipped encoding; NotShipped when it is not installed or fails its hash."""
    import tiktoken

    entry = SHIPPED[name]
    return tiktoken.Encoding(
        name,
        pat_str=entry.pattern,
        mergeable_ranks=cached_ranks(name),
        special_tokens=dict(entry.special_tokens),
    )
