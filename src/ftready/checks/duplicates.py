"""FT3xx: exact duplicates, near duplicates, conflicting answers, validation leakage and unfilled placeholders.

`stage(ctx)` computes everything once and returns the JSON `duplicates` section; the checks only read it.

Exact duplicates
    Two examples are exact duplicates when their system prompt, conversation (the canonical `text`: every turn
    with its role, so tool calls and the order of turns count), rejected reply and label are equal after
    normalising what does not change meaning: Unicode NFC, letter case, and runs of whitespace (collapsed to
    one space, trimmed). JSON key order and formatting are already gone in the canonical frame. Candidates are
    found by hashing the normalised key and grouping equal hashes; each group is then confirmed by comparing
    the normalised strings themselves, so a hash collision can never merge two different examples.

Near duplicates
    See `ftready.neardup`: MinHash + LSH over the conversation *without* the system prompt (a long shared system
    prompt must not make unrelated short conversations look alike), verified by exact Jaccard. Only one
    example per exact-duplicate group is compared. A near group lists every line it covers, exact copies
    included; its redundant examples are those beyond the first that are not already counted as exact copies.

Conflicts
    - Chat and completion data: the same system prompt and user turns (normalised as above; examples without
      any user text are left out) with replies that differ after normalisation. Identical replies are
      duplicates, not conflicts. Groups whose examples are all near duplicates of one another (the replies
      differ only slightly) are still conflicts, and are also counted as `near_identical`.
    - Labelled data (classification, KTO): the same input with different labels. The reply is part of the
      input when it is not the label itself (KTO marks replies as desirable or not).
    - Preference data: one record prefers A over B and another B over A for the same prompt.

Leakage
    A validation example leaks when it is an exact duplicate (same key as above) or a near duplicate (same
    threshold) of a training example.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NamedTuple

import numpy as np
import polars as pl

from ftready import neardup
from ftready.checks.context import Context
from ftready.checks.registry import check, spec
from ftready.errors import UsageError
from ftready.humanize import percent
from ftready.model import Finding, Severity
from ftready.progress import ProgressFn, check_cancel
from ftready.textnorm import collapse_whitespace

MAX_GROUPS = 1_000  # groups listed in the JSON section (counts stay exact)
MAX_LINES = 10_000  # leakage and placeholder lines listed
HASH_BATCH = 16_384  # rows normalised at a time when hashing keys
_SEED = 0x5EED
PLACEHOLDER = r"\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\}"
_KEY = ("k_system", "k_text", "k_rejected", "k_label")


# ---------------------------------------------------------------------------------------------------------------
# normalisation


def normalise(values: pl.Series) -> pl.Series:
    """NFC, lower case, whitespace runs collapsed to one space, trimmed; null becomes ""."""
    s = values.fill_null("")
    # NFC changes nothing in ASCII text: only the other rows go through Python
    other = (s.str.len_bytes() != s.str.len_chars()).arg_true()
    if len(other):
        s = s.scatter(other, [unicodedata.normalize("NFC", t) for t in s.gather(other).to_list()])
    return collapse_whitespace(s.str.to_lowercase()).str.strip_chars()


def _normalise_repeated(values: pl.Series) -> pl.Series:
    """`normalise`, computed once per distinct value (system prompts are usually shared by most examples)."""
    values = values.fill_null("")
    uniq = values.unique(maintain_order=True)
    if len(uniq) * 2 > len(values):
        return normalise(values)
    return values.replace_strict(uniq, normalise(uniq), return_dtype=pl.String)


def _keys(frame: pl.DataFrame) -> pl.DataFrame:
    """The four normalised key columns of the exact-duplicate comparison."""
    return pl.DataFrame(
        {
            "k_system": _normalise_repeated(frame["system"]),
            "k_text": normalise(frame["text"]),
            "k_rejected": _normalise_repeated(frame["rejected"]),
            "k_label": frame["label"].fill_null(""),
        }
    )


def _hashes(frame: pl.DataFrame, key_fn: Callable[[pl.DataFrame], pl.DataFrame]) -> pl.Series:
    """A 64-bit hash of each row's normalised key (null where `key_fn` gives a null key), in batches so that
    the normalised strings of only HASH_BATCH rows exist at a time."""
    parts = [
        key_fn(frame.slice(s, HASH_BATCH)).select(
            pl.when(pl.all_horizontal(pl.all().is_not_null()))
            .then(pl.struct(pl.all()).hash(seed=_SEED))
            .otherwise(None)
            .alias("h")
        )["h"]
        for s in range(0, frame.height, HASH_BATCH)
    ]
    return pl.concat(parts) if parts else pl.Series("h", [], dtype=pl.UInt64)


def _text_hash(texts: pl.Series) -> pl.Series:
    """The hash of each normalised conversation: computed here or in the helper process, they must agree."""
    return normalise(texts).hash(seed=_SEED)


def text_hashes(texts: list[str]) -> np.ndarray:
    """64-bit hash of each normalised conversation (the `text` part of the exact-duplicate key). The helper process
    computes it while the file is read, beside the near-duplicate signatures."""
    out = [
        _text_hash(pl.Series("t", texts[s : s + HASH_BATCH], dtype=pl.String)).to_numpy()
        for s in range(0, len(texts), HASH_BATCH)
    ]
    return np.concatenate(out) if out else np.zeros(0, dtype=np.uint64)


def _exact_key(df: pl.DataFrame) -> pl.DataFrame:
    """The hashed form of the exact-duplicate key: the normalised conversation's hash (column `_text_hash` when
    the helper process computed it, else computed here) and the normalised system prompt, rejected reply, label."""
    th = df["_text_hash"] if "_text_hash" in df.columns else _text_hash(df["text"])
    return pl.DataFrame(
        {
            "t": th,
            "s": _normalise_repeated(df["system"]),
            "r": _normalise_repeated(df["rejected"]),
            "l": df["label"].fill_null(""),
        }
    )


def exact_hashes(frame: pl.DataFrame, text_h: np.ndarray | None = None) -> pl.Series:
    """A 64-bit hash of each row's exact-duplicate key (`text_h`: the conversations' hashes, if already known)."""
    if text_h is not None:
        frame = frame.with_columns(pl.Series("_text_hash", text_h, dtype=pl.UInt64))
    return _hashes(frame, _exact_key)


def _candidates(h: pl.Series) -> np.ndarray:
    """Rows whose (non-null) hash occurs more than once."""
    return np.flatnonzero((h.is_duplicated() & h.is_not_null()).to_numpy())


# ---------------------------------------------------------------------------------------------------------------
# exact duplicates


def exact_groups(frame: pl.DataFrame, hashes: pl.Series | None = None) -> list[list[int]]:
    """Groups of row indices whose keys are equal (each sorted), largest first."""
    h = exact_hashes(frame) if hashes is None else hashes
    rows = _candidates(h)
    if not len(rows):
        return []
    # The hash only proposes; grouping on the normalised strings themselves confirms.
    g = (
        _keys(frame[rows])
        .with_columns(pl.Series("i", rows, dtype=pl.Int64))
        .group_by(list(_KEY))
        .agg(pl.col("i").sort())
        .filter(pl.col("i").list.len() > 1)["i"]
        .to_list()
    )
    groups = [[int(x) for x in grp] for grp in g]
    groups.sort(key=lambda grp: (-len(grp), grp[0]))
    return groups


# ---------------------------------------------------------------------------------------------------------------
# conflicts


def _prompt_key(df: pl.DataFrame) -> pl.DataFrame:
    """System prompt and user turns, normalised; null when there is no user text at all."""
    p = normalise(df["prompt"])
    return pl.DataFrame({"s": _normalise_repeated(df["system"]), "p": p}).with_columns(
        pl.when(pl.col("p") != "").then(pl.col("p")).otherwise(None).alias("p")
    )


def _labelled_key(df: pl.DataFrame) -> pl.DataFrame:
    """The input of a labelled example: system prompt, user text (or the whole text) and a reply that is not
    the label itself (KTO)."""
    prompt = df["prompt"].fill_null("")
    inp = pl.select(pl.when(prompt != "").then(prompt).otherwise(df["text"].fill_null(""))).to_series()
    response = df["response"].fill_null("")
    reply = pl.select(pl.when(response != df["label"]).then(response).otherwise(pl.lit(""))).to_series()
    return pl.DataFrame({"s": _normalise_repeated(df["system"]), "x": normalise(inp), "y": normalise(reply)})


def _found(grouped: pl.DataFrame) -> list[list[int]]:
    return [[int(x) for x in grp] for grp in grouped["i"].to_list()]


def conflict_groups(frame: pl.DataFrame) -> tuple[list[list[int]], Counter[str]]:
    """Groups of row indices (each sorted, largest first) and how many groups of each kind."""
    kinds: Counter[str] = Counter()
    groups: list[list[int]] = []
    idx = np.arange(frame.height)
    rejected = frame["rejected"].is_not_null().to_numpy()
    labelled = frame["label"].is_not_null().to_numpy()
    # The prompt side of every row is hashed (in batches); only rows whose prompt occurs more than once have
    # their strings and replies normalised and compared.
    for kind, mask, key_fn, cols in (
        ("response", ~rejected & ~labelled, _prompt_key, ["system", "prompt"]),
        ("label", labelled, _labelled_key, ["system", "prompt", "text", "response", "label"]),
        ("preference", rejected & ~labelled, _prompt_key, ["system", "prompt"]),
    ):
        rows = idx[mask]
        if len(rows) < 2:
            continue
        # only the columns the key needs, and no copy at all when every row takes part
        part = frame.select(cols) if len(rows) == frame.height else frame.select(cols)[rows]
        cand = rows[_candidates(_hashes(part, key_fn))]
        del part
        if not len(cand):
            continue
        sub = frame.select("system", "prompt", "text", "response", "rejected", "label")[cand]
        k = key_fn(sub).with_columns(pl.Series("i", cand, dtype=pl.Int64))
        keys = [c for c in k.columns if c != "i"]
        if kind == "response":
            k = k.with_columns(normalise(sub["response"]).alias("r"))
            g = k.group_by(keys).agg(pl.col("i").sort(), pl.col("r").n_unique().alias("n")).filter(pl.col("n") > 1)
            found = _found(g)
        elif kind == "label":
            k = k.with_columns(normalise(sub["label"]).alias("lab"))
            g = k.group_by(keys).agg(pl.col("i").sort(), pl.col("lab").n_unique().alias("n")).filter(pl.col("n") > 1)
            found = _found(g)
        else:  # preference: A over B in one record, B over A in another
            k = k.with_columns(normalise(sub["response"]).alias("c"), normalise(sub["rejected"]).alias("r"))
            rev = k.join(k, left_on=[*keys, "c", "r"], right_on=[*keys, "r", "c"], suffix="_b").filter(
                pl.col("i") < pl.col("i_b")
            )
            found = neardup.components(frame.height, rev.select("i", "i_b").to_numpy()) if rev.height else []
        if found:
            kinds[kind] += len(found)
            groups += found
    groups.sort(key=lambda grp: (-len(grp), grp[0]))
    return groups, kinds


def _reply_key(df: pl.DataFrame) -> pl.DataFrame:
    """The reply with template placeholders masked, normalised; null when there is no reply."""
    r = normalise(df["response"].fill_null("").str.replace_all(PLACEHOLDER, "{{}}"))
    return pl.DataFrame({"r": r}).with_columns(pl.when(pl.col("r") != "").then(pl.col("r")).otherwise(None))


def shared_reply_groups(frame: pl.DataFrame) -> list[list[int]]:
    """Rows that give the same reply, word for word once template placeholders are masked, to different prompts
    (templated answers): groups of row indices, largest first. Labelled data is left out (its replies are the
    labels)."""
    if frame.height < 2:
        return []
    rows = np.flatnonzero((frame["label"].is_null() & frame["rejected"].is_null()).to_numpy())
    if len(rows) < 2:
        return []
    part = frame.select("response") if len(rows) == frame.height else frame.select("response")[rows]
    # Replies are hashed (in batches); only rows whose reply occurs more than once have their strings and
    # prompts normalised and compared.
    cand = rows[_candidates(_hashes(part, _reply_key))]
    del part
    if not len(cand):
        return []
    sub = frame.select("system", "prompt", "response")[cand]
    prompt = _prompt_key(sub)
    df = pl.DataFrame(
        {
            "i": cand.astype(np.int64),
            "r": _reply_key(sub)["r"],
            "p": prompt.select(pl.concat_str(pl.col("s"), pl.col("p").fill_null(""), separator="\u241e"))["s"],
        }
    )
    g = (
        df.group_by("r")
        .agg(pl.col("i").sort(), pl.col("p").n_unique().alias("prompts"))
        .filter((pl.col("i").list.len() > 1) & (pl.col("prompts") > 1))
    )
    groups = _found(g)
    groups.sort(key=lambda grp: (-len(grp), grp[0]))
    return groups


# ---------------------------------------------------------------------------------------------------------------
# the stage


def _lines(frame: pl.DataFrame, groups: list[list[int]]) -> list[list[int]]:
    line = frame["line"].to_numpy()
    return [sorted(int(line[i]) for i in grp) for grp in groups]


def _share(part: int, whole: int) -> float:
    return round(part / whole, 6) if whole else 0.0


def _side_groups(
    frame: pl.DataFrame, cancel: Any
) -> tuple[list[list[int]], Counter[str], dict[str, Any], list[list[int]]]:
    """Conflicts (and their kinds), placeholders and shared replies."""
    conflicts, kinds = conflict_groups(frame)
    check_cancel(cancel)
    placeholders = _placeholders(frame)
    replies = shared_reply_groups(frame)
    check_cancel(cancel)
    return conflicts, kinds, placeholders, replies


class _Found(NamedTuple):
    hashes: pl.Series  # each row's exact-duplicate key hash
    exact: list[list[int]]  # exact groups (row indices), largest first
    minhash: neardup.MinHashIndex  # of the representatives
    reps: np.ndarray  # one row per exact group and every row in none
    near_rows: list[list[int]]  # near groups, with their exact copies
    near_redundant: int


def _exact_and_near(ctx: Context, threshold: float, seed: int, progress: ProgressFn | None) -> _Found:
    """Exact groups, then near groups among one representative per exact group."""
    frame = ctx.frame
    n = frame.height
    cancel = ctx.cancel
    sketcher = ctx.sketches
    sketches = sketcher.result() if sketcher is not None and sketcher.seed == seed else None

    # exact
    hashes = exact_hashes(frame, sketches.extra if sketches is not None else None)
    exact = exact_groups(frame, hashes)
    check_cancel(cancel)

    # near: one representative per exact group
    member = np.full(n, -1, dtype=np.int64)  # row -> its exact group
    for gi, grp in enumerate(exact):
        member[grp] = gi
    is_rep = member < 0
    for grp in exact:
        is_rep[grp[0]] = True
    reps = np.flatnonzero(is_rep)
    if sketches is not None:
        index = neardup.MinHashIndex.from_sketches(frame["text"], sketches, rows=reps)
    else:
        index = neardup.MinHashIndex.build(frame["text"], rows=reps, seed=seed, progress=progress, cancel=cancel)
    near_rep_groups = index.groups(threshold, progress=progress, cancel=cancel)
    near_rows: list[list[int]] = []
    near_redundant = 0
    for grp in near_rep_groups:
        rows: list[int] = []
        for r in grp:
            row = int(reps[r])
            rows.extend(exact[member[row]] if member[row] >= 0 else [row])
        near_rows.append(sorted(rows))
        near_redundant += len(grp) - 1
    near_rows.sort(key=lambda grp: (-len(grp), grp[0]))
    check_cancel(cancel)
    return _Found(hashes, exact, index, reps, near_rows, near_redundant)


def stage(ctx: Context, progress: ProgressFn | None = None) -> dict[str, Any]:
    """The JSON `duplicates` section (see the module docstring for the definitions)."""
    frame = ctx.frame
    n = frame.height
    cancel = ctx.cancel
    threshold = float(ctx.params_for("FT302")["threshold"])
    if not 0.0 < threshold <= 1.0:
        raise UsageError(f"FT302.threshold: must be a Jaccard similarity above 0 and at most 1, got {threshold}")
    seed = int(ctx.settings.seed)

    # Conflicts, placeholders and shared replies need neither the near-duplicate signatures nor the conversation
    # hashes: they are found in a thread of their own while this one waits for those (the helper process may still
    # be computing them) and groups the duplicates.
    with ThreadPoolExecutor(1, "ftready-conflicts") as pool:
        side = pool.submit(_side_groups, frame, cancel)
        try:
            found = _exact_and_near(ctx, threshold, seed, progress)
        except BaseException:
            side.cancel()
            raise
        conflicts, kinds, placeholders, replies = side.result()
    hashes, exact, index, reps, near_rows, near_redundant = found
    exact_redundant = sum(len(g) - 1 for g in exact)

    # how many conflicts only differ slightly (their examples are near or exact duplicates)
    component = np.full(n, -1, dtype=np.int64)
    for gi, grp in enumerate(near_rows):
        component[grp] = gi
    for gi, grp in enumerate(exact):
        free = [r for r in grp if component[r] < 0]
        component[free] = len(near_rows) + gi
    slight = 0
    for grp in conflicts:
        c = component[grp]
        slight += bool(c[0] >= 0 and (c == c[0]).all())
    check_cancel(cancel)

    # leakage
    leakage = _leakage(ctx, hashes, index, reps, threshold, seed, progress)

    bands, rows_per_band = neardup.lsh_params(threshold)
    return {
        "examples": n,
        "duplicated_examples": int((component >= 0).sum()),  # in any exact or near group, first copies included
        "exact": {
            "groups": _lines(frame, exact[:MAX_GROUPS]),
            "group_count": len(exact),
            "redundant": exact_redundant,
            "share": _share(exact_redundant, n),
        },
        "near": {
            "groups": _lines(frame, near_rows[:MAX_GROUPS]),
            "group_count": len(near_rows),
            "redundant": near_redundant,
            "share": _share(near_redundant, n),
            "threshold": threshold,
            "shingles": neardup.SHINGLES,
            "lsh": {"permutations": neardup.NUM_PERM, "bands": bands, "rows": rows_per_band},
            "compared": len(reps),
        },
        "conflicts": {
            "groups": _lines(frame, conflicts[:MAX_GROUPS]),
            "group_count": len(conflicts),
            "examples": sum(len(g) for g in conflicts),
            "kinds": dict(kinds),
            "near_identical": slight,
        },
        "leakage": leakage,
        "placeholders": placeholders,
        "replies": {
            "groups": _lines(frame, replies[:MAX_GROUPS]),
            "group_count": len(replies),
            "examples": sum(len(g) for g in replies),
            "meaning": "the same reply (placeholders masked) given to different prompts",
        },
    }


def _leakage(
    ctx: Context,
    hashes: pl.Series,
    index: neardup.MinHashIndex,
    reps: np.ndarray,
    threshold: float,
    seed: int,
    progress: ProgressFn | None,
) -> dict[str, Any]:
    val = ctx.validation
    path = ctx.validation_info.path if ctx.validation_info is not None else ctx.settings.validation
    out: dict[str, Any] = {
        "validation_path": path if val is not None else None,
        "validation_examples": val.height if val is not None else 0,
        "lines": [],
        "pairs": [],
        "count": 0,
        "exact": 0,
        "near": 0,
        "share": 0.0,
    }
    if val is None or val.height == 0 or ctx.frame.height == 0:
        return out
    # exact: validation rows whose key hash is a training key hash, confirmed on the strings
    vhashes = exact_hashes(val)
    vrows = np.flatnonzero(vhashes.is_in(hashes.drop_nulls().unique().implode()).to_numpy())
    match: dict[int, int] = {}
    if len(vrows):
        trows = np.flatnonzero(hashes.is_in(vhashes.gather(vrows).unique().implode()).to_numpy())
        tkeys = _keys(ctx.frame[trows]).with_columns(ctx.frame["line"].gather(trows).alias("train_line"))
        first = tkeys.group_by(list(_KEY)).agg(pl.col("train_line").min())
        vkeys = _keys(val[vrows]).with_columns(val["line"].gather(vrows).alias("line"))
        exact = vkeys.join(first, on=list(_KEY), how="inner").select("line", "train_line")
        match = {int(v): int(t) for v, t in exact.iter_rows()}
    n_exact = len(match)
    check_cancel(ctx.cancel)
    vindex = neardup.MinHashIndex.build(val["text"], seed=seed, progress=progress, cancel=ctx.cancel, stage="leakage")
    train_line = ctx.frame["line"].to_numpy()
    val_line = val["line"].to_numpy()
    n_near = 0
    for v, t, _sim in index.cross(vindex, threshold, cancel=ctx.cancel):
        vl = int(val_line[v])
        if vl not in match:
            match[vl] = int(train_line[reps[t]])
            n_near += 1
    pairs = sorted(match.items())
    out.update(
        lines=[v for v, _ in pairs[:MAX_LINES]],
        pairs=[[v, t] for v, t in pairs[:MAX_LINES]],
        count=len(pairs),
        exact=n_exact,
        near=n_near,
        share=_share(len(pairs), val.height),
    )
    return out


def _placeholders(frame: pl.DataFrame) -> dict[str, Any]:
    resp = frame.select("line", pl.col("response").fill_null(""))
    hit = resp.filter(pl.col("response").str.contains(PLACEHOLDER))
    tokens: Counter[str] = Counter()
    for r in hit["response"].head(MAX_LINES).to_list():
        tokens.update({re.sub(r"\s+", "", m) for m in re.findall(PLACEHOLDER, r)})
    return {
        "count": hit.height,
        "lines": hit["line"].head(MAX_LINES).to_list(),
        "tokens": dict(tokens.most_common(20)),
    }


def ensure(ctx: Context) -> dict[str, Any]:
    """The duplicates section, computed once per context (normally by the analysis runner)."""
    if not ctx.duplicates:
        ctx.duplicates = stage(ctx)
    return ctx.duplicates


# ---------------------------------------------------------------------------------------------------------------
# checks


def _redundant_lines(groups: list[list[int]], skip: set[int] | None = None) -> list[int]:
    out: list[int] = []
    for g in groups:
        out.extend(x for x in g[1:] if skip is None or x not in skip)
    return out


@check(
    "FT301",
    "exact-duplicates",
    Severity.WARNING,
    "Examples that repeat another example (after normalising case, whitespace and Unicode form).",
    "Every copy of an example is trained on again in every epoch, so duplicates silently up-weight whatever "
    "they say: the model memorises those replies word for word and leans towards them for unrelated prompts, "
    "while the effective dataset is smaller than the line count suggests (Lee et al. 2022 found that removing "
    "duplicates reduced memorised output tenfold and never hurt quality). Duplicates usually come from merged "
    "exports or retries in a collection pipeline. Comparison is on the whole example — system prompt, every "
    "turn, rejected reply and label — after Unicode NFC, lower-casing and collapsing whitespace; JSON key order "
    "and formatting never matter. ftready warns on any redundant copy and reports an error when more than "
    "`error_share` (default 0.10) of the examples are redundant. Keep the first line of each group.",
    params={"error_share": 0.10},
)
def exact_duplicates(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    d = ensure(ctx)["exact"]
    red = int(d["redundant"])
    if red == 0:
        return None
    n = ctx.frame.height
    share = red / n if n else 0.0
    biggest = d["groups"][0]
    err = share > float(p["error_share"])
    return spec("FT301").make(
        f"{red:,} redundant exact duplicate(s) in {d['group_count']:,} group(s) ({percent(share)} of examples); "
        f"the largest group has {len(biggest)} copies (lines {', '.join(map(str, biggest[:5]))}"
        f"{', …' if len(biggest) > 5 else ''}). Keep one example per group.",
        count=red,
        lines=_redundant_lines(d["groups"]),
        value=round(share, 6),
        threshold=float(p["error_share"]) if err else 0,
        severity=Severity.ERROR if err else Severity.WARNING,
    )


@check(
    "FT302",
    "near-duplicates",
    Severity.WARNING,
    "Examples that are almost the same as another (Jaccard similarity of shingles at or above `threshold`).",
    "Near duplicates — the same answer with a word changed, a template filled in twice, a scraped page saved "
    "with different boilerplate — repeat the same lesson like exact copies do, so they cause the same "
    "memorisation and over-weighting while hiding from exact comparison. ftready compares the conversation "
    "without the system prompt (a long shared system prompt would otherwise make every short conversation look "
    "alike): texts of 40 words or more as sets of word 5-grams, texts under 60 words as sets of character "
    "5-grams of their words (one changed word in a 20-word reply keeps a character-5-gram Jaccard near 0.87 but "
    "a word-5-gram one near 0.5); texts of 40-59 words are compared both ways. Candidates come from MinHash "
    "(128 permutations) with LSH banding chosen so that a pair exactly at the threshold is found with "
    "probability 0.94 or more (16 bands x 8 rows at the default 0.8), and every reported pair is confirmed by "
    "its exact Jaccard, so nothing is reported on an estimate. Groups are connected pairs. Below `warn_share` "
    "(default 0.05) of redundant examples the finding is a note, above it a warning, and above `error_share` "
    "(default 0.30) an error. Raise `threshold` to report only closer copies.",
    params={"threshold": 0.8, "warn_share": 0.05, "error_share": 0.30},
)
def near_duplicates(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    d = ensure(ctx)
    near = d["near"]
    red = int(near["redundant"])
    if red == 0:
        return None
    n = ctx.frame.height
    share = red / n if n else 0.0
    if share > float(p["error_share"]):
        sev, thr = Severity.ERROR, float(p["error_share"])
    elif share > float(p["warn_share"]):
        sev, thr = Severity.WARNING, float(p["warn_share"])
    else:
        sev, thr = Severity.INFO, float(p["warn_share"])
    exact_lines = {x for g in d["exact"]["groups"] for x in g[1:]}
    biggest = near["groups"][0]
    return spec("FT302").make(
        f"{red:,} redundant near duplicate(s) (Jaccard ≥ {near['threshold']}) in {near['group_count']:,} "
        f"group(s) ({percent(share)} of examples, beyond exact copies); the largest group covers {len(biggest)} "
        f"lines ({', '.join(map(str, biggest[:5]))}{', …' if len(biggest) > 5 else ''})",
        count=red,
        lines=_redundant_lines(near["groups"], exact_lines),
        value=round(share, 6),
        threshold=thr,
        severity=sev,
    )


@check(
    "FT303",
    "conflicting-answers",
    Severity.WARNING,
    "The same prompt appears with different replies (or the same input with different labels).",
    "When one prompt is paired with two different replies, the model is trained towards both at once and "
    "learns neither: it averages them, hedges, or picks one at random at inference. For classification data "
    "the same text with two labels is label noise, which caps the accuracy any model can reach. ftready groups "
    "examples by system prompt and user turns (normalised for case, whitespace and Unicode form; labelled data "
    "by input and, for KTO, reply) and reports groups whose replies or labels differ; identical replies are "
    "duplicates, not conflicts. For preference data a conflict is a pair of records preferring A over B and B "
    "over A. Decide which answer is right, or make the prompts say what makes them differ (for example, the "
    "context or the date).",
)
def conflicting_answers(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    c = ensure(ctx)["conflicts"]
    if not c["group_count"]:
        return None
    kinds = c.get("kinds") or {}
    names = {
        "response": "with different replies",
        "label": "with different labels",
        "preference": "with different preferences",
    }
    what = ", ".join(f"{v:,} {names.get(k, k)}" for k, v in sorted(kinds.items())) if len(kinds) > 1 else ""
    first = c["groups"][0]
    slight = int(c.get("near_identical", 0))
    note = f"; in {slight:,} of them the answers differ only slightly (near duplicates)" if slight else ""
    return spec("FT303").make(
        f"{c['group_count']:,} prompt(s) with conflicting answers ({c['examples']:,} examples"
        f"{'; ' + what if what else ''}{note}); e.g. lines {', '.join(map(str, first[:5]))}"
        f"{', …' if len(first) > 5 else ''}",
        count=int(c["examples"]),
        lines=[x for g in c["groups"] for x in g],
        value=int(c["group_count"]),
    )


@check(
    "FT304",
    "validation-leakage",
    Severity.WARNING,
    "Validation examples that are exact or near duplicates of training examples.",
    "A validation set only measures generalisation if the model has not trained on it. Validation examples "
    "that also appear in training (exactly, or as near duplicates at the FT302 threshold) make the validation "
    "loss look better than the model will do on new data, and hide overfitting — Lee et al. 2022 found over 4% "
    "of standard validation sets overlapping their training sets. ftready warns on any leaked example and "
    "reports an error above `error_share` (default 0.05, the deepchecks train-test mix default). Remove the "
    "leaked examples from one side, or re-split by source so related examples stay together.",
    params={"error_share": 0.05},
)
def validation_leakage(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    leak = ensure(ctx)["leakage"]
    count = int(leak.get("count", 0))
    if not count:
        return None
    share = float(leak["share"])
    err = share > float(p["error_share"])
    first = leak["pairs"][:3]
    return spec("FT304").make(
        f"{count:,} of {leak['validation_examples']:,} validation examples ({percent(share)}) duplicate training "
        f"examples ({leak['exact']:,} exact, {leak['near']:,} near); e.g. "
        + ", ".join(f"validation line {v} = training line {t}" for v, t in first),
        count=count,
        lines=leak["lines"],
        value=round(share, 6),
        threshold=float(p["error_share"]) if err else 0,
        severity=Severity.ERROR if err else Severity.WARNING,
    )


@check(
    "FT305",
    "unfilled-placeholders",
    Severity.WARNING,
    "Replies that contain template placeholders such as {{name}}.",
    "A reply like 'I am {{name}}, made by {{author}}' comes from a template that was never filled in. "
    "Fine-tuned on it, the model learns to say the braces literally. Fill the placeholders (identity datasets "
    "usually expect a script to substitute the assistant's name) before training. Only double-brace "
    "placeholders are reported, since single braces are common in code.",
)
def unfilled_placeholders(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    ph = ensure(ctx).get("placeholders") or {}
    count = int(ph.get("count", 0))
    if not count:
        return None
    toks = ph.get("tokens") or {}
    shown = ", ".join(f"{k} ({v})" for k, v in list(toks.items())[:5])
    return spec("FT305").make(
        f"{count:,} replies contain unfilled placeholders: {shown}",
        count=count,
        lines=ph.get("lines", []),
        value=count,
    )


@check(
    "FT306",
    "shared-replies",
    Severity.INFO,
    "The same reply, word for word, answers different prompts.",
    "Templated data gives one reply (often with placeholders such as {{name}}) to many different prompts. That is "
    "fine for a fixed answer the model should always give, but when it is most of the data the model learns the "
    "template rather than the task, and exact and near duplicate checks do not see it because the prompts "
    "differ. Groups are formed after normalising case and whitespace and masking {{placeholders}}; labelled "
    "data is left out, since its replies are the labels.",
)
def shared_replies(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    r = ensure(ctx).get("replies") or {}
    count = int(r.get("group_count", 0))
    if not count:
        return None
    groups = r.get("groups") or []
    examples = int(r.get("examples", 0))
    first = groups[0] if groups else []
    return spec("FT306").make(
        f"{examples:,} examples share {count:,} replies with other prompts (largest: one reply for "
        f"{len(first):,} prompts, lines {', '.join(map(str, first[:5]))}{', …' if len(first) > 5 else ''})",
        count=examples,
        lines=[x for g in groups for x in g],
        value=count,
    )
