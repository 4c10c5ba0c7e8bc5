"""FT3xx: exact and near duplicates, conflicting answers, leakage, unfilled placeholders and shared replies. The rules
read the duplicates section (`ftready.stages.duplicates`), whose texts from the data are already masked."""

from __future__ import annotations

from ftready.humanize import percent
from ftready.model import Severity
from ftready.model.duplicates import Leakage
from ftready.rules.base import Hit, Params
from ftready.stages.context import Context
from ftready.vocabulary import plural


def _first(lines: tuple[int, ...], shown: int = 5) -> str:
    return ", ".join(map(str, lines[:shown])) + (", …" if len(lines) > shown else "")


def exact_duplicates(ctx: Context, p: Params) -> Hit | None:
    """Examples that repeat another example (after normalising case, whitespace and Unicode form).

    What it finds:
        Groups of examples whose system prompt, every turn (with its role, so tool calls and the order of turns
        count), rejected reply and label are equal after Unicode NFC, lower-casing and collapsing whitespace; JSON
        key order and formatting never matter. Candidates are found by hashing and every group is confirmed on the
        normalised strings, so a hash collision never merges two examples. The finding points at every copy beyond
        the first of each group. The tool schemas a record offers in a separate `tools` field are not part of the
        comparison (tool calls and results in the turns are): two examples that say the same with different tool
        lists count as copies.

    Why it matters:
        Every copy of an example is trained on again in every epoch, so duplicates silently up-weight whatever they
        say: the model memorises those replies word for word and leans towards them for unrelated prompts, while
        the effective dataset is smaller than the line count suggests (Lee et al. 2022 found that removing
        duplicates reduced memorised output tenfold and never hurt quality). Duplicates usually come from merged
        exports or retries in a collection pipeline.

    How to fix:
        Keep the first line of each group (`ftready clean` does).

    Parameters:
        error_share: the share of redundant examples above which the finding is an error.
    """
    section = ctx.duplicates
    if section is None or section.exact.redundant == 0:
        return None
    d = section.exact
    n = ctx.frame.height
    share = d.redundant / n if n else 0.0
    limit = float(p["error_share"])
    err = share > limit
    biggest = d.groups[0]
    return Hit(
        f"{plural(d.redundant, 'redundant exact duplicate')} in {plural(d.group_count, 'group')} "
        f"({percent(share)} of examples); "
        f"the largest group has {len(biggest)} copies (lines {_first(biggest)}). Keep one example per group.",
        count=d.redundant,
        lines=d.redundant_lines,
        value=round(share, 6),
        threshold=limit if err else 0,
        severity=Severity.ERROR if err else Severity.WARNING,
    )


def near_duplicates(ctx: Context, p: Params) -> Hit | None:
    """Examples that are almost the same as another (Jaccard similarity of shingles at or above `threshold`).

    What it finds:
        Groups of examples whose conversations, without the system prompt (a long shared system prompt would
        otherwise make every short conversation look alike), are near copies: texts of 40 words or more compared as
        sets of word 5-grams, texts under 60 words as sets of character 5-grams of their words (one changed word in
        a 20-word reply keeps a character-5-gram Jaccard near 0.87 but a word-5-gram one near 0.5); texts of 40-59
        words are compared both ways. Candidates come from MinHash (128 permutations) with LSH banding chosen so
        that a pair exactly at the threshold is found with probability 0.94 or more (16 bands x 8 rows at the
        default 0.8), and every reported pair is confirmed by its exact Jaccard, so nothing is reported on an
        estimate. Groups are connected pairs; a group lists its exact copies too, but only the examples that are
        not exact copies already are counted.

    Why it matters:
        Near duplicates (the same answer with a word changed, a template filled in twice, a scraped page saved with
        different boilerplate) repeat the same lesson like exact copies do, so they cause the same memorisation and
        over-weighting while hiding from exact comparison.

    How to fix:
        Keep one example per group, or raise `threshold` to report only closer copies. Below `warn_share` of
        redundant examples the finding is a note, above it a warning, and above `error_share` an error.

    Parameters:
        threshold: the Jaccard similarity at or above which two examples are near duplicates.
        warn_share: the share of redundant examples above which the finding is a warning.
        error_share: the share of redundant examples above which the finding is an error.
    """
    section = ctx.duplicates
    if section is None or section.near.redundant == 0:
        return None
    near = section.near
    n = ctx.frame.height
    share = near.redundant / n if n else 0.0
    if share > float(p["error_share"]):
        sev, thr = Severity.ERROR, float(p["error_share"])
    elif share > float(p["warn_share"]):
        sev, thr = Severity.WARNING, float(p["warn_share"])
    else:
        sev, thr = Severity.INFO, float(p["warn_share"])
    biggest = near.groups[0]
    return Hit(
        f"{plural(near.redundant, 'redundant near duplicate')} (Jaccard ≥ {near.threshold}) in "
        f"{plural(near.group_count, 'group')} ({percent(share)} of examples, beyond exact copies); the largest group "
        f"covers {len(biggest)} "
        f"lines ({_first(biggest)})",
        count=near.redundant,
        lines=section.near_redundant_lines,
        value=round(share, 6),
        threshold=thr,
        severity=sev,
    )


_CONFLICT_KINDS = {
    "response": "with different replies",
    "label": "with different labels",
    "preference": "with different preferences",
}


def conflicting_answers(ctx: Context, p: Params) -> Hit | None:
    """The same prompt appears with different replies (or the same input with different labels).

    What it finds:
        Groups of examples with the same system prompt and user turns (normalised for case, whitespace and Unicode
        form; examples without user text are left out) whose replies differ; for labelled data (classification,
        KTO) the same input (and, for KTO, reply) with different labels; for preference data a pair of records
        preferring A over B and B over A. Identical replies are duplicates, not conflicts. Groups whose replies
        differ only slightly are counted too, and named.

    Why it matters:
        When one prompt is paired with two different replies, the model is trained towards both at once and learns
        neither: it averages them, hedges, or picks one at random at inference. For classification data the same
        text with two labels is label noise, which caps the accuracy any model can reach.

    How to fix:
        Decide which answer is right, or make the prompts say what makes them differ (for example, the context or
        the date).

    Parameters:
        None.
    """
    section = ctx.duplicates
    if section is None or not section.conflicts.group_count:
        return None
    c = section.conflicts
    what = (
        ", ".join(f"{v:,} {_CONFLICT_KINDS.get(k, k)}" for k, v in sorted(c.kinds.items())) if len(c.kinds) > 1 else ""
    )
    note = (
        f"; in {c.near_identical:,} of them the answers differ only slightly (near duplicates)"
        if c.near_identical
        else ""
    )
    return Hit(
        f"{plural(c.group_count, 'prompt')} with conflicting answers ({c.examples:,} examples"
        f"{'; ' + what if what else ''}{note}); e.g. lines {_first(c.groups[0])}",
        count=c.examples,
        lines=c.lines,
        value=c.group_count,
    )


def _leak_hit(leak: Leakage, what: str, limit: float) -> Hit | None:
    total = leak.total
    if not total:
        return None
    share = total / leak.validation_examples if leak.validation_examples else 0.0
    err = share > limit
    parts = []
    if leak.count:
        parts.append(f"{leak.count:,} the same example ({leak.exact:,} exact, {leak.near:,} near)")
    if leak.same_prompt:
        parts.append(f"{leak.same_prompt:,} the same prompt with another reply")
    shown = [f"{what} line {v} = training line {t}" for v, t in leak.pairs[:3]]
    shown += [f"{what} line {v} has the prompt of training line {t}" for v, t in leak.prompt_pairs[: 3 - len(shown)]]
    return Hit(
        f"{leak.validation_path}: {total:,} of {leak.validation_examples:,} {what} examples "
        f"({percent(share)}) are in training: {'; '.join(parts)}; e.g. " + ", ".join(shown),
        count=total,
        lines=[*leak.lines, *leak.prompt_lines],
        value=round(share, 6),
        threshold=limit if err else 0,
        severity=Severity.ERROR if err else Severity.WARNING,
    )


def validation_leakage(ctx: Context, p: Params) -> list[Hit] | None:
    """Validation or evaluation examples that training has seen: the same example, or the same prompt.

    What it finds:
        Examples of the --validation set, and of every --against evaluation set (one finding per file, naming it),
        that training has already seen, each counted once as the first of: the same example exactly (as FT301
        compares), the same prompt (the user turns equal a training example's once case, whitespace, Unicode form,
        the format's layout and the punctuation around them are set aside, while the reply differs: a question
        trained on with a re-formatted answer), or a near duplicate of a training example (at the FT302
        threshold). The finding gives the two counts apart and points at the leaked lines of that file.

    Why it matters:
        A validation or evaluation set only measures generalisation if the model has not trained on it. Examples
        that also appear in training make the validation loss and the evaluation scores look better than the model
        will do on new data, and hide overfitting; a question trained on with any answer is enough, since the
        model has learnt what it asks (Lee et al. 2022 found over 4% of standard validation sets overlapping their
        training sets).

    How to fix:
        Remove the leaked examples from one side, or re-split by source so related examples stay together. The
        finding is an error above `error_share` (the deepchecks train-test mix default).

    Parameters:
        error_share: the share of leaked examples in a file above which the finding is an error.
    """
    section = ctx.duplicates
    if section is None:
        return None
    limit = float(p["error_share"])
    hits = [_leak_hit(section.leakage, "validation", limit)]
    hits += [_leak_hit(leak, "evaluation", limit) for leak in section.against]
    found = [h for h in hits if h is not None]
    return found or None


def unfilled_placeholders(ctx: Context, p: Params) -> Hit | None:
    """Replies that contain template placeholders such as {{name}}.

    What it finds:
        Replies holding double-brace placeholders ({{name}}, {{ author }}); single braces are common in code and
        are not reported. The finding names the most common placeholders.

    Why it matters:
        A reply like 'I am {{name}}, made by {{author}}' comes from a template that was never filled in. Fine-tuned
        on it, the model learns to say the braces literally.

    How to fix:
        Fill the placeholders before training (identity datasets usually expect a script to substitute the
        assistant's name).

    Parameters:
        None.
    """
    section = ctx.duplicates
    if section is None or not section.placeholders.count:
        return None
    ph = section.placeholders
    shown = ", ".join(f"{k} ({v})" for k, v in list(ph.tokens.items())[:5])  # masked by the stage
    return Hit(
        f"{plural(ph.count, 'reply', 'replies')} contain{'s' if ph.count == 1 else ''} unfilled placeholders: {shown}",
        count=ph.count,
        lines=ph.lines,
        value=ph.count,
    )


def shared_replies(ctx: Context, p: Params) -> Hit | None:
    """The same reply, word for word, answers different prompts.

    What it finds:
        Groups of examples giving the same reply to different prompts, after normalising case and whitespace and
        masking {{placeholders}}. Labelled data is left out, since its replies are the labels.

    Why it matters:
        Templated data gives one reply (often with placeholders such as {{name}}) to many different prompts. That is
        fine for a fixed answer the model should always give, but when it is most of the data the model learns the
        template rather than the task, and the exact and near duplicate checks do not see it because the prompts
        differ.

    How to fix:
        Keep the fixed answers the model must give and vary or drop the rest.

    Parameters:
        None.
    """
    section = ctx.duplicates
    if section is None or not section.replies.group_count:
        return None
    r = section.replies
    first = r.groups[0] if r.groups else ()
    return Hit(
        f"{r.examples:,} examples share {plural(r.group_count, 'reply', 'replies')} with other prompts (largest: one reply for "
        f"{len(first):,} prompts, lines {_first(first)})",
        count=r.examples,
        lines=r.lines,
        value=r.group_count,
    )
