"""The duplicates stage: exact duplicates, near duplicates, conflicting answers, leakage into a validation or
evaluation set, unfilled placeholders and shared replies.

`run(ctx)` computes everything once and returns the typed `DuplicatesSection` (every group, in lines); the FT301-FT306
rules (`ftready.rules.duplicates`) only read it.

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
    An example of the validation set (or of an --against evaluation set) leaks when training has seen it. Each
    leaked example is counted once, as the first of:
    - the same example, exactly: its exact-duplicate key (above) is a training example's, or its prompt (below)
      and its reply (normalised as above) are a training example's whatever the system prompt (a copy in another
      format, where one file has a system prompt and the other none);
    - the same prompt: its user turns, normalised (as above, and with the punctuation around them and the
      format's layout dropped), equal a training example's, while its reply differs (re-formatted or changed):
      the question was trained on, which inflates an evaluation on it as much as a copy does;
    - the same example, nearly: a near duplicate (same threshold) of a training example with another prompt.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import numpy as np
import polars as pl

from ftready import neardup
from ftready.errors import UsageError
from ftready.model.duplicates import (
    Conflicts,
    DuplicatesSection,
    ExactDuplicates,
    Leakage,
    LSHParams,
    NearDuplicates,
    Placeholders,
    SharedReplies,
)
from ftready.progress import ProgressFn, check_cancel
from ftready.redact import redact
from ftready.stages.base import Stage
from ftready.stages.context import Context
from ftready.textnorm import collapse_whitespace

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


# ---------------------------------------------------------------------------------------------------------------
# the stage


_EDGE_PUNCT = r"^[\W_]+|[\W_]+$"  # punctuation and symbols around a prompt (quotes, "Q:", a final "?")


def prompt_key(prompts: pl.Series) -> pl.Series:
    """A prompt as leakage compares it: `normalise`d, with the punctuation around it dropped; null when empty."""
    k = normalise(prompts).str.replace_all(_EDGE_PUNCT, "")
    return pl.select(pl.when(k != "").then(k).otherwise(None)).to_series().alias("p")


def _prompt_only(df: pl.DataFrame) -> pl.DataFrame:
    return pl.DataFrame({"p": prompt_key(df["prompt"])})


def _lines(frame: pl.DataFrame, groups: list[list[int]]) -> tuple[tuple[int, ...], ...]:
    line = frame["line"].to_numpy()
    return tuple(tuple(sorted(int(line[i]) for i in grp)) for grp in groups)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 6) if whole else 0.0


def _side_groups(
    frame: pl.DataFrame, cancel: threading.Event | None
) -> tuple[list[list[int]], Counter[str], Placeholders, list[list[int]]]:
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


def run(ctx: Context, progress: ProgressFn | None = None) -> DuplicatesSection:
    """The duplicates section (see the module docstring for the definitions)."""
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

    # leakage into the validation set and each evaluation set
    train = _Train(hashes, index, reps)
    val_path = ctx.validation_info.path if ctx.validation_info is not None else ctx.settings.validation
    leakage = _leakage(ctx, train, ctx.validation, val_path, threshold, seed, progress)
    against = tuple(_leakage(ctx, train, other, path, threshold, seed, progress) for path, other in ctx.against)

    bands, rows_per_band = neardup.lsh_params(threshold)
    return DuplicatesSection(
        examples=n,
        duplicated_examples=int((component >= 0).sum()),  # in any exact or near group, first copies included
        exact=ExactDuplicates(
            groups=_lines(frame, exact),
            group_count=len(exact),
            redundant=exact_redundant,
            share=_share(exact_redundant, n),
        ),
        near=NearDuplicates(
            groups=_lines(frame, near_rows),
            group_count=len(near_rows),
            redundant=near_redundant,
            share=_share(near_redundant, n),
            threshold=threshold,
            shingles=neardup.SHINGLES,
            lsh=LSHParams(permutations=neardup.NUM_PERM, bands=bands, rows=rows_per_band),
            compared=len(reps),
        ),
        conflicts=Conflicts(
            groups=_lines(frame, conflicts),
            group_count=len(conflicts),
            examples=sum(len(g) for g in conflicts),
            kinds=dict(kinds),
            near_identical=slight,
        ),
        leakage=leakage,
        placeholders=placeholders,
        replies=SharedReplies(
            groups=_lines(frame, replies),
            group_count=len(replies),
            examples=sum(len(g) for g in replies),
        ),
        against=against,
    )


class _Train(NamedTuple):
    hashes: pl.Series  # each training row's exact-duplicate key hash
    minhash: neardup.MinHashIndex  # of the representatives
    reps: np.ndarray


def _exact_leaks(train: pl.DataFrame, hashes: pl.Series, val: pl.DataFrame) -> dict[int, int]:
    """Validation line -> first training line with the same exact-duplicate key (hash proposes, strings confirm)."""
    vhashes = exact_hashes(val)
    vrows = np.flatnonzero(vhashes.is_in(hashes.drop_nulls().unique().implode()).to_numpy())
    if not len(vrows):
        return {}
    trows = np.flatnonzero(hashes.is_in(vhashes.gather(vrows).unique().implode()).to_numpy())
    tkeys = _keys(train[trows]).with_columns(train["line"].gather(trows).alias("train_line"))
    first = tkeys.group_by(list(_KEY)).agg(pl.col("train_line").min())
    vkeys = _keys(val[vrows]).with_columns(val["line"].gather(vrows).alias("line"))
    exact = vkeys.join(first, on=list(_KEY), how="inner").select("line", "train_line")
    return {int(v): int(t) for v, t in exact.iter_rows()}


def _prompt_leaks(train: pl.DataFrame, val: pl.DataFrame, skip: set[int]) -> tuple[dict[int, int], dict[int, int]]:
    """For the validation lines not in `skip` whose prompt (`prompt_key`) is a training prompt: those whose reply
    (normalised) is that training example's reply too (the same conversation, whatever the system prompt: a copy
    across formats), and the others (the same prompt with another reply); each as validation line -> the first such
    training line. Prompts are hashed in batches; only those whose hash is shared are compared as strings."""
    tcols, vcols = train.select("prompt"), val.select("prompt")
    th, vh = _hashes(tcols, _prompt_only), _hashes(vcols, _prompt_only)
    vrows = np.flatnonzero(vh.is_in(th.drop_nulls().unique().implode()).to_numpy())
    if skip:
        vrows = vrows[~np.isin(val["line"].to_numpy()[vrows], np.fromiter(skip, dtype=np.int64))]
    if not len(vrows):
        return {}, {}
    trows = np.flatnonzero(th.is_in(vh.gather(vrows).unique().implode()).to_numpy())
    tkeys = pl.DataFrame(
        {
            "p": prompt_key(tcols["prompt"].gather(trows)),
            "r": normalise(train["response"].gather(trows)),
            "train_line": train["line"].gather(trows),
        }
    )
    vkeys = pl.DataFrame(
        {
            "p": prompt_key(vcols["prompt"].gather(vrows)),
            "r": normalise(val["response"].gather(vrows)),
            "line": val["line"].gather(vrows),
        }
    )
    same = vkeys.join(tkeys.group_by("p", "r").agg(pl.col("train_line").min()), on=["p", "r"], how="inner")
    copies = {int(v): int(t) for v, t in same.select("line", "train_line").iter_rows()}
    rest = vkeys.filter(~pl.col("line").is_in(list(copies)))
    found = rest.join(tkeys.group_by("p").agg(pl.col("train_line").min()), on="p", how="inner")
    return copies, {int(v): int(t) for v, t in found.select("line", "train_line").iter_rows()}


def _leakage(
    ctx: Context,
    train: _Train,
    val: pl.DataFrame | None,
    path: str | None,
    threshold: float,
    seed: int,
    progress: ProgressFn | None,
) -> Leakage:
    """How much of `val` (the validation set or an evaluation set) training has seen, the same example or the
    same prompt (see the module docstring)."""
    if val is None or val.height == 0 or ctx.frame.height == 0:
        return Leakage(
            validation_path=path if val is not None else None,
            validation_examples=val.height if val is not None else 0,
            lines=(),
            pairs=(),
            count=0,
            exact=0,
            near=0,
            share=0.0,
        )
    exact = _exact_leaks(ctx.frame, train.hashes, val)
    check_cancel(ctx.cancel)
    copies, prompts = _prompt_leaks(ctx.frame, val, set(exact))
    exact.update(copies)
    check_cancel(ctx.cancel)
    vindex = neardup.MinHashIndex.build(val["text"], seed=seed, progress=progress, cancel=ctx.cancel, stage="leakage")
    train_line = ctx.frame["line"].to_numpy()
    val_line = val["line"].to_numpy()
    near: dict[int, int] = {}
    for v, t, _sim in train.minhash.cross(vindex, threshold, cancel=ctx.cancel):
        vl = int(val_line[v])
        if vl not in exact and vl not in prompts and vl not in near:
            near[vl] = int(train_line[train.reps[t]])
    same = sorted({**exact, **near}.items())
    by_prompt = sorted(prompts.items())
    return Leakage(
        validation_path=path,
        validation_examples=val.height,
        lines=tuple(v for v, _ in same),
        pairs=tuple((v, t) for v, t in same),
        count=len(same),
        exact=len(exact),
        near=len(near),
        share=_share(len(same), val.height),
        same_prompt=len(by_prompt),
        prompt_lines=tuple(v for v, _ in by_prompt),
        prompt_pairs=tuple((v, t) for v, t in by_prompt),
        prompt_share=_share(len(by_prompt), val.height),
    )


def _placeholders(frame: pl.DataFrame) -> Placeholders:
    """Replies holding a {{placeholder}}, and each placeholder (masked by `redact`, like any text from the data)."""
    resp = frame.select("line", pl.col("response").fill_null(""))
    hit = resp.filter(pl.col("response").str.contains(PLACEHOLDER))
    tokens: Counter[str] = Counter()
    for r in hit["response"].to_list():
        tokens.update({redact(re.sub(r"\s+", "", m)) for m in re.findall(PLACEHOLDER, r)})
    return Placeholders(
        count=hit.height,
        lines=tuple(int(x) for x in hit["line"].to_list()),
        tokens=dict(tokens.most_common()),
    )


STAGE = Stage("duplicates", run, thread=True, progress=lambda ctx, p: run(ctx, progress=p))
