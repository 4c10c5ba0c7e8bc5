"""Deterministic synthetic chat fine-tuning datasets with planted defects, for benchmarks.

`generate(n, seed, path)` writes `n` examples as JSONL in the OpenAI chat format
(`{"messages": [system, user, assistant]}`) and returns a `GroundTruth` that lists every planted defect by
1-based line. The same `(n, seed)` always gives the same bytes.

The text is Markov-chain English: a first-order chain over a Zipf-weighted vocabulary (the ~1,000 most common
English words, a few hundred domain words and a seeded tail of invented words, ~20,000 in all), cut into
capitalised sentences. Its n-gram statistics are therefore skewed like real text, not uniform noise, so
unrelated examples share common words and short phrases but almost never long ones.

Most examples share one long system prompt (a few use one of three alternatives), a user turn of 6-30 words and
an assistant reply of 60-160 words (about 1.4 KB per JSONL line in all); 12% are short conversations (a user turn of
3-11 words and a reply of 3-30 words).

Planted defects when `plant_duplicates` is true (shares of `n`; every copy is made from an untouched original,
and all rows are shuffled at the end so copies are scattered through the file):

- exact duplicates (3%): verbatim copies, copies that differ only in letter case, runs of whitespace or the
  JSON key order, and a few groups of three or more;
- one-word edits (3%): one word of an 80+-word reply substituted, deleted or inserted;
- word edits (4%): 1, 2, 4 or 8% of the words of the user turn and the reply edited;
- short one-word edits (0.5%): one word of a short conversation (under 40 words) substituted;
- conflicts (0.5%): the same user turn with an unrelated reply.

With `validation_path`, a validation file of `validation_n` new examples is written too, `leak_share` of
which are exact copies or one-word edits of training examples.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

_COMMON = """the of and to a in is it you that he was for on are with as i his they be at one have this from or
had by word but what some we can out other were all there when up use your how said an each she which do their time
if will way about many then them write would like so these her long make thing see him two has look more day could
go come did number sound no most people my over know water than call first who may down side been now find any new
work part take get place made live where after back little only round man year came show every good me give our
under name very through just form sentence great think say help low line differ turn cause much mean before move
right boy old too same tell does set three want air well also play small end put home read hand port large spell
add even land here must big high such follow act why ask men change went light kind off need house picture try us
again animal point mother world near build self earth father head stand own page should country found answer school
grow study still learn plant cover food sun four between state keep eye never last let thought city tree cross farm
hard start might story saw far sea draw left late run while press close night real life few north open seem
together next white children begin got walk example ease paper group always music those both mark often letter
until mile river car feet care second book carry took science eat room friend began idea fish mountain stop once
base hear horse cut sure watch color face wood main enough plain girl usual young ready above ever red list though
feel talk bird soon body dog family direct pose leave song measure door product black short numeral class wind
question happen complete ship area half rock order fire south problem piece told knew pass since top whole king
space heard best hour better true during hundred five remember step early hold west ground interest reach fast
verb sing listen six table travel less morning ten simple several vowel toward war lay against pattern slow center
love person money serve appear road map rain rule govern pull cold notice voice unit power town fine certain fly
fall lead cry dark machine note wait plan figure star box noun field rest correct able pound done beauty drive
stood contain front teach week final gave green quick develop ocean warm free minute strong special mind behind
clear tail produce fact street inch multiply nothing course stay wheel full force blue object decide surface deep
moon island foot system busy test record boat common gold possible plane stead dry wonder laugh thousand ago ran
check game shape equate hot miss brought heat snow tire bring yes distant fill east paint language among"""

_DOMAIN = """account address agent answer app application approve archive assist attach balance bank battery bill
billing browser budget bug cache cancel card cart charge chat checkout client cloud code config connect contract
cookie credit customer dashboard data database deadline delete delivery deploy device discount document domain
download driver email error estimate export feature fee file filter firmware folder format invoice issue item key
laptop latency license link log login manager message meeting merge metric migrate mobile model module monitor
network notification offer option package page password patch payment permission phone plan platform policy
portal premium price printer privacy profile project query queue quota rate receipt refund region release report
request reset response restore review role router schedule screen script search server service session setting
shipping software storage subscription support sync tablet task team template ticket token tool tracking
transfer update upgrade upload user username vendor version warranty website widget window workflow"""

_SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "ca",
    "ce",
    "co",
    "cu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "fa",
    "fe",
    "fi",
    "fo",
    "ga",
    "ge",
    "go",
    "ha",
    "he",
    "hi",
    "ho",
    "ka",
    "ke",
    "ki",
    "ko",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "pa",
    "pe",
    "pi",
    "po",
    "pu",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "vo",
    "za",
    "ze",
    "zo",
    "bar",
    "ber",
    "bin",
    "bor",
    "can",
    "con",
    "den",
    "dor",
    "fan",
    "fer",
    "gan",
    "gor",
    "han",
    "her",
    "kan",
    "ker",
    "lan",
    "ler",
    "lin",
    "lor",
    "man",
    "mer",
    "min",
    "mor",
    "nan",
    "ner",
    "par",
    "per",
    "pin",
    "por",
    "ran",
    "ren",
    "rin",
    "ron",
    "san",
    "ser",
    "sin",
    "son",
    "tan",
    "ter",
    "tin",
    "ton",
    "ven",
    "ver",
    "vin",
    "vor",
]

_SYSTEM_PROMPTS = (
    "You are Aria, the customer support assistant for Northwind Outfitters. Answer questions about orders, "
    "shipping, returns, accounts and products politely and concisely. Always follow the company policy: never "
    "promise refunds outside the thirty day window, never ask for full card numbers or passwords, and escalate "
    "to a human agent when the customer is upset or asks for one. When you are unsure, say so and offer to "
    "connect the customer with a specialist. Keep answers under two hundred words and use plain language.",
    "You are a helpful assistant. Answer the user's question accurately and briefly.",
    "You are an internal IT helpdesk assistant. Help employees with laptops, accounts, network access and "
    "software licences. Never reveal credentials and always open a ticket for hardware faults.",
    "You are a writing tutor. Explain your corrections and keep a friendly, encouraging tone.",
)

VOCAB_SIZE = 20_000
_SUCCESSORS = 48


@dataclass
class GroundTruth:
    """Every planted defect, by 1-based line of the written file (validation lines in their own file)."""

    n: int
    seed: int
    path: str
    exact_groups: list[list[int]] = field(default_factory=list)  # lines identical after normalisation
    near_pairs: list[tuple[int, int, str, float]] = field(default_factory=list)  # (original, copy, kind, rate)
    conflict_pairs: list[tuple[int, int]] = field(default_factory=list)  # same prompt, unrelated reply
    family: list[int] = field(default_factory=list)  # per line (index line-1): line of the original it came from
    validation_path: str | None = None
    validation_n: int = 0
    leaks: list[tuple[int, int, str]] = field(default_factory=list)  # (validation line, training line, kind)

    def pairs_of_kind(self, kind: str) -> list[tuple[int, int]]:
        return [(a, b) for a, b, k, _ in self.near_pairs if k == kind]


class _TextModel:
    """A seeded first-order Markov chain over a Zipf-weighted vocabulary."""

    def __init__(self, seed: int) -> None:
        rng = np.random.default_rng([seed, 7])
        words: list[str] = []
        seen: set[str] = set()
        for w in (_COMMON + " " + _DOMAIN).split():
            if w not in seen:
                seen.add(w)
                words.append(w)
        n_real = len(words)
        while len(words) < VOCAB_SIZE:
            k = int(rng.integers(2, 5))
            w = "".join(_SYLLABLES[i] for i in rng.integers(0, len(_SYLLABLES), k))
            if w not in seen:
                seen.add(w)
                words.append(w)
        # Real words take the frequent ranks (shuffled a little among themselves), invented ones the tail.
        order = np.concatenate([rng.permutation(n_real), np.arange(n_real, VOCAB_SIZE)])
        self.words = [words[i] for i in order]
        self.vocab = pl.Series("w", self.words, dtype=pl.String)
        self.vocab_cap = pl.Series("w", [w[:1].upper() + w[1:] for w in self.words], dtype=pl.String)
        ranks = np.arange(1, VOCAB_SIZE + 1, dtype=np.float64)
        p = 1.0 / (ranks + 2.7) ** 1.15
        self.unigram_cdf = np.cumsum(p / p.sum())
        # Each word has a fixed list of likely successors, drawn from the unigram distribution.
        self.succ = self._unigram(rng, (VOCAB_SIZE, _SUCCESSORS)).astype(np.int32)
        q = 1.0 / np.arange(1, _SUCCESSORS + 1) ** 0.9
        self.succ_cdf = np.cumsum(q / q.sum())

    def _unigram(self, rng: np.random.Generator, size: tuple[int, ...] | int) -> np.ndarray:
        idx = np.searchsorted(self.unigram_cdf, rng.random(size))
        return np.minimum(idx, VOCAB_SIZE - 1)

    def word_matrix(self, rng: np.random.Generator, n: int, max_len: int) -> np.ndarray:
        """(n, max_len) word ids, each row one Markov walk (restarting from the unigram 12% of the time)."""
        out = np.empty((n, max_len), dtype=np.int32)
        out[:, 0] = self._unigram(rng, n)
        for t in range(1, max_len):
            k = np.minimum(np.searchsorted(self.succ_cdf, rng.random(n)), _SUCCESSORS - 1)
            nxt = self.succ[out[:, t - 1], k]
            restart = rng.random(n) < 0.12
            if restart.any():
                nxt[restart] = self._unigram(rng, int(restart.sum()))
            out[:, t] = nxt
        return out

    def texts(self, rng: np.random.Generator, lengths: np.ndarray, end: str = ".") -> list[str]:
        """One text per length: capitalised sentences of 6-18 words, the last ending with `end`."""
        n = len(lengths)
        if n == 0:
            return []
        max_len = int(lengths.max())
        ids = self.word_matrix(rng, n, max_len)
        mask = np.arange(max_len)[None, :] < lengths[:, None]
        doc = np.broadcast_to(np.arange(n)[:, None], ids.shape)[mask]
        pos = np.broadcast_to(np.arange(max_len)[None, :], ids.shape)[mask]
        flat = ids[mask]
        # Sentence breaks: each position ends a sentence with probability 1/11, and every text's last word does.
        brk: np.ndarray = np.asarray(rng.random(flat.shape[0]) < (1 / 11))
        last = np.zeros(flat.shape[0], dtype=bool)
        last[np.cumsum(lengths) - 1] = True
        brk |= last
        start = np.empty_like(brk)
        start[0] = True
        start[1:] = brk[:-1]
        start[pos == 0] = True
        comma = (~brk) & (rng.random(flat.shape[0]) < 0.06)
        df = pl.DataFrame(
            {
                "doc": doc,
                "w": self.vocab.gather(flat),
                "W": self.vocab_cap.gather(flat),
                "start": start,
                "brk": brk,
                "last": last,
                "comma": comma,
            }
        )
        tok = pl.when(pl.col("start")).then(pl.col("W")).otherwise(pl.col("w")) + pl.when(pl.col("last")).then(
            pl.lit(end)
        ).when(pl.col("brk")).then(pl.lit(".")).when(pl.col("comma")).then(pl.lit(",")).otherwise(pl.lit(""))
        joined = (
            df.select(pl.col("doc"), tok.alias("t")).group_by("doc", maintain_order=True).agg(pl.col("t").str.join(" "))
        )
        return joined["t"].to_list()


def _edit_words(text: str, rng: np.random.Generator, n_edits: int, model: _TextModel) -> str:
    words = text.split(" ")
    for _ in range(n_edits):
        op = int(rng.integers(0, 3)) if len(words) > 3 else 0
        i = int(rng.integers(0, len(words)))
        new = model.words[int(rng.integers(0, 3000))]
        if op == 0:  # substitute (keep trailing punctuation)
            old = words[i]
            tail = old[len(old.rstrip(".,?")) :]
            candidate = new + tail
            if candidate.lower() == old.lower():
                candidate = "differently" + tail
            words[i] = candidate
        elif op == 1:  # delete
            del words[i]
        else:  # insert
            words.insert(i, new)
    return " ".join(words)


def _vary_case(text: str, rng: np.random.Generator) -> str:
    words = text.split(" ")
    i = int(rng.integers(0, len(words)))
    words[i] = words[i].upper() if not words[i].isupper() else words[i].lower()
    return " ".join(words)


def _vary_space(text: str, rng: np.random.Generator) -> str:
    words = text.split(" ")
    i = int(rng.integers(1, max(2, len(words))))
    return " ".join(words[:i]) + "  \n " + " ".join(words[i:]) + " "


@dataclass
class _Row:
    system: str
    user: str
    assistant: str
    key_order: int = 0  # 1 = write "content" before "role"


def _fresh_rows(model: _TextModel, rng: np.random.Generator, n: int) -> list[_Row]:
    if n == 0:
        return []
    sys_pick = rng.random(n)
    sys_idx = np.where(sys_pick < 0.94, 0, np.minimum(3, 1 + ((sys_pick - 0.94) / 0.02).astype(int)))
    short = rng.random(n) < 0.12
    user_len = np.where(short, rng.integers(3, 12, n), rng.integers(6, 31, n))
    reply_len = np.where(short, rng.integers(3, 31, n), rng.integers(60, 161, n))
    users: list[str] = []
    replies: list[str] = []
    chunk = 20_000
    for s in range(0, n, chunk):
        users += model.texts(rng, user_len[s : s + chunk], end="?")
        replies += model.texts(rng, reply_len[s : s + chunk], end=".")
    return [_Row(_SYSTEM_PROMPTS[int(i)], u, a) for i, u, a in zip(sys_idx, users, replies, strict=True)]


def _line(row: _Row) -> str:
    msgs = [("system", row.system), ("user", row.user), ("assistant", row.assistant)]
    if row.key_order:
        out = [{"content": c, "role": r} for r, c in msgs]
    else:
        out = [{"role": r, "content": c} for r, c in msgs]
    return json.dumps({"messages": out}, ensure_ascii=False)


def generate(
    n: int,
    seed: int,
    path: str | Path,
    plant_duplicates: bool = True,
    *,
    validation_path: str | Path | None = None,
    validation_n: int = 0,
    leak_share: float = 0.05,
) -> GroundTruth:
    """Write `n` chat examples to `path` (JSONL) and return the planted ground truth (1-based lines)."""
    rng = np.random.default_rng([seed, 1])
    model = _TextModel(seed)
    shares = {"exact": 0.03, "one-word": 0.03, "edit": 0.04, "short-one-word": 0.005, "conflict": 0.005}
    planted = {k: int(round(n * v)) if plant_duplicates else 0 for k, v in shares.items()}
    n_orig = n - sum(planted.values())
    rows = _fresh_rows(model, rng, n_orig)
    family = list(range(n_orig))  # row index of the original each row came from
    kinds: list[tuple[int, int, str, float]] = []  # (original row, copy row, kind, rate)
    exact_members: dict[int, list[int]] = {}
    conflicts: list[tuple[int, int]] = []

    used: set[int] = set()

    def pick(ok: np.ndarray) -> int:
        candidates = np.flatnonzero(ok)
        while True:
            i = int(candidates[int(rng.integers(0, len(candidates)))])
            if i not in used:
                used.add(i)
                return i

    reply_words = np.array([r.assistant.count(" ") + 1 for r in rows])
    conv_words = np.array([r.user.count(" ") + r.assistant.count(" ") + 2 for r in rows])
    long_reply = reply_words >= 80
    short_conv = conv_words < 40
    any_row = np.ones(len(rows), dtype=bool)

    def add(row: _Row, orig: int) -> int:
        rows.append(row)
        family.append(orig)
        return len(rows) - 1

    # Exact duplicates: groups of 2 (most) or 3-5 copies in all.
    remaining = planted["exact"]
    while remaining > 0:
        orig = pick(any_row)
        copies = 1 if rng.random() < 0.85 else min(remaining, int(rng.integers(2, 5)))
        copies = min(copies, remaining)
        members = [orig]
        for _ in range(copies):
            o = rows[orig]
            variant = int(rng.integers(0, 4))
            if variant == 0:
                row = _Row(o.system, o.user, o.assistant)
            elif variant == 1:
                row = _Row(o.system, _vary_case(o.user, rng), o.assistant)
            elif variant == 2:
                row = _Row(o.system, o.user, _vary_space(o.assistant, rng))
            else:
                row = _Row(o.system, o.user, o.assistant, key_order=1)
            members.append(add(row, orig))
        exact_members[orig] = members
        remaining -= copies

    for _ in range(planted["one-word"]):
        orig = pick(long_reply)
        o = rows[orig]
        kinds.append((orig, add(_Row(o.system, o.user, _edit_words(o.assistant, rng, 1, model)), orig), "one-word", 0))

    rates = (0.01, 0.02, 0.04, 0.08)
    for k in range(planted["edit"]):
        orig = pick(long_reply)
        o = rows[orig]
        rate = rates[k % len(rates)]
        u = _edit_words(o.user, rng, max(1, round(rate * (o.user.count(" ") + 1))), model)
        a = _edit_words(o.assistant, rng, max(1, round(rate * (o.assistant.count(" ") + 1))), model)
        kinds.append((orig, add(_Row(o.system, u, a), orig), "edit", rate))

    for _ in range(planted["short-one-word"]):
        orig = pick(short_conv)
        o = rows[orig]
        a = _edit_words(o.assistant, rng, 1, model) if rng.random() < 0.5 else o.assistant
        u = o.user if a != o.assistant else _edit_words(o.user, rng, 1, model)
        kinds.append((orig, add(_Row(o.system, u, a), orig), "short-one-word", 0))

    if planted["conflict"]:
        other = _fresh_rows(model, rng, planted["conflict"])
        for extra in other:
            orig = pick(long_reply)
            o = rows[orig]
            # An unrelated reply: the copy is its own family.
            conflicts.append((orig, add(_Row(o.system, o.user, extra.assistant), len(rows))))

    # Shuffle so copies are scattered, then translate row indices to 1-based lines.
    perm = rng.permutation(len(rows))
    line_of = np.empty(len(rows), dtype=np.int64)
    line_of[perm] = np.arange(1, len(rows) + 1)
    path = Path(path)
    with path.open("w", encoding="utf-8") as fh:
        for i in perm:
            fh.write(_line(rows[int(i)]))
            fh.write("\n")

    truth = GroundTruth(n=len(rows), seed=seed, path=str(path))
    truth.exact_groups = sorted(sorted(int(line_of[m]) for m in members) for members in exact_members.values())
    truth.near_pairs = [(int(line_of[a]), int(line_of[b]), k, r) for a, b, k, r in kinds]
    truth.conflict_pairs = [(int(line_of[a]), int(line_of[b])) for a, b in conflicts]
    fam = [0] * len(rows)
    for i, f in enumerate(family):
        fam[int(line_of[i]) - 1] = int(line_of[f])
    truth.family = fam

    if validation_path is not None and validation_n > 0:
        vrng = np.random.default_rng([seed, 2])
        n_leak = int(round(validation_n * leak_share))
        vrows = _fresh_rows(model, vrng, validation_n - n_leak)
        leaks: list[tuple[int, int, str]] = []
        originals = np.flatnonzero(long_reply)
        for k in range(n_leak):
            orig = int(originals[int(vrng.integers(0, len(originals)))])
            o = rows[orig]
            if k % 2 == 0:
                vrows.append(_Row(o.system, o.user, o.assistant))
                leaks.append((len(vrows) - 1, orig, "exact"))
            else:
                vrows.append(_Row(o.system, o.user, _edit_words(o.assistant, vrng, 1, model)))
                leaks.append((len(vrows) - 1, orig, "one-word"))
        vperm = vrng.permutation(len(vrows))
        vline = np.empty(len(vrows), dtype=np.int64)
        vline[vperm] = np.arange(1, len(vrows) + 1)
        vpath = Path(validation_path)
        with vpath.open("w", encoding="utf-8") as fh:
            for i in vperm:
                fh.write(_line(vrows[int(i)]))
                fh.write("\n")
        truth.validation_path = str(vpath)
        truth.validation_n = len(vrows)
        truth.leaks = sorted((int(vline[v]), int(line_of[t]), k) for v, t, k in leaks)
    return truth


def canonical_frame(path: str | Path) -> pl.DataFrame:
    """The canonical frame of a generated file, from ftready's loader (or built directly without it)."""
    try:
        from ftready.load import load_dataset
    except ImportError:
        return _frame_without_loader(path)
    return load_dataset(str(path)).frame


def _frame_without_loader(path: str | Path) -> pl.DataFrame:
    from ftready.load.frame import SCHEMA

    systems: list[str] = []
    prompts: list[str] = []
    responses: list[str] = []
    with Path(path).open(encoding="utf-8") as fh:
        for raw in fh:
            msgs = json.loads(raw)["messages"]
            by_role = {m["role"]: m["content"] for m in msgs}
            systems.append(by_role.get("system", ""))
            prompts.append(by_role.get("user", ""))
            responses.append(by_role.get("assistant", ""))
    n = len(prompts)
    df = pl.DataFrame({"system": systems, "prompt": prompts, "response": responses})
    return df.select(
        pl.int_range(1, n + 1, dtype=pl.Int64).alias("line"),
        pl.lit("openai-chat").alias("format"),
        pl.col("system"),
        pl.col("prompt"),
        pl.col("response"),
        pl.lit(None, dtype=pl.String).alias("rejected"),
        ("user: " + pl.col("prompt") + "\nassistant: " + pl.col("response")).alias("text"),
        pl.lit(None, dtype=pl.String).alias("label"),
        pl.lit(3, dtype=pl.Int32).alias("n_messages"),
        pl.lit(1, dtype=pl.Int32).alias("n_assistant"),
        (pl.col("system").str.len_bytes() + pl.col("prompt").str.len_bytes() + pl.col("response").str.len_bytes())
        .cast(pl.Int64)
        .alias("bytes"),
        pl.lit(None, dtype=pl.Int64).alias("tokens"),
        pl.lit(None, dtype=pl.Int64).alias("response_tokens"),
    ).cast(SCHEMA)  # type: ignore[arg-type,unused-ignore]


def main(argv: list[str] | None = None) -> int:
    """`python benchmarks/synth.py N OUT.jsonl [--seed S] [--validation V.jsonl --validation-n M]`."""
    import argparse

    ap = argparse.ArgumentParser(
        prog="benchmarks/synth.py",
        description="Write a synthetic chat fine-tuning dataset with planted duplicates, edits and conflicts "
        "(the same bytes for the same N and seed), and print what was planted.",
    )
    ap.add_argument("n", type=int, help="number of examples")
    ap.add_argument("out", type=Path, help="the JSONL file to write (refused if it exists)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--clean", action="store_true", help="plant no duplicates, edits or conflicts")
    ap.add_argument("--validation", type=Path, metavar="PATH", help="also write a validation file with leaks")
    ap.add_argument("--validation-n", type=int, default=1000, metavar="M", help="its examples (default 1,000)")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("n must be at least 1")
    for p in (args.out, args.validation):
        if p is not None and p.exists():
            ap.error(f"{p} exists; choose a new file name")
    truth = generate(
        args.n,
        args.seed,
        args.out,
        plant_duplicates=not args.clean,
        validation_path=args.validation,
        validation_n=args.validation_n,
    )
    planted = {k: len(v) for k, v in vars(truth).items() if isinstance(v, (list, tuple, set, dict))}
    print(f"wrote {args.out} ({args.n:,} examples, seed {args.seed}); planted: {planted}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
