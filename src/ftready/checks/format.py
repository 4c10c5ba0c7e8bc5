"""FT1xx: format findings on the file as a whole and remarks on usable records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ftready.checks.context import Context
from ftready.checks.registry import check, spec
from ftready.model import Finding, Severity


@check(
    "FT100",
    "invalid-records",
    Severity.ERROR,
    "Some records cannot be used as training examples.",
    "Fine-tuning services reject the whole file when a single record is malformed (invalid JSON, an unknown "
    "role, an empty assistant reply, ...), often only after the upload has been queued. Each unusable record is "
    "listed under problems with its line and the reason; fix or drop them before uploading (`ftready clean`).",
)
def invalid_records(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    if not ctx.problems:
        return None
    lines = sorted({x.line for x in ctx.problems})
    by_code: dict[str, int] = {}
    for x in ctx.problems:
        by_code[x.code] = by_code.get(x.code, 0) + 1
    detail = ", ".join(f"{c} ×{n}" for c, n in sorted(by_code.items()))
    return spec("FT100").make(
        f"{len(lines)} of {ctx.info.records} records cannot be used ({detail})",
        count=len(lines),
        lines=lines,
        value=len(lines),
    )


def _remark(code: str, ctx: Context) -> list[int]:
    remarks: dict[str, list[int]] = ctx.results.get("load", {}).get("remarks", {})
    return remarks.get(code, [])


def _remarked(code: str, ctx: Context, phrase: str) -> Finding | None:
    """The finding for a loader remark: how many examples it applies to, and which."""
    lines = _remark(code, ctx)
    if not lines:
        return None
    return spec(code).make(f"{_share(len(lines), ctx)} {phrase}", count=len(lines), lines=lines)


def _share(n: int, ctx: Context) -> str:
    total = max(ctx.info.examples, 1)
    return f"{n} of {ctx.info.examples} examples ({n / total:.0%})"


@check(
    "FT150",
    "no-system-prompt",
    Severity.INFO,
    "Examples without a system prompt.",
    "A fine-tuned model learns the behaviour together with the system prompt it was trained with. If the "
    "examples carry no system prompt but production requests will (or the other way round), the model sees "
    "inputs at inference that it never saw in training. Use the same system prompt in training and production.",
)
def no_system_prompt(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    lines = _remark("FT150", ctx)
    if not lines or not ctx.info.is_fine_tuning_format:
        return None
    return spec("FT150").make(f"{_share(len(lines), ctx)} have no system prompt", count=len(lines), lines=lines)


@check(
    "FT151",
    "no-user-message",
    Severity.WARNING,
    "Conversations without a user message.",
    "An example with only a system prompt and an assistant reply teaches the model to speak unprompted. "
    "Chat fine-tuning expects a user turn before each reply.",
)
def no_user(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    return _remarked("FT151", ctx, "have no user message")


@check(
    "FT152",
    "turn-order",
    Severity.WARNING,
    "Two user or two assistant turns in a row, or a system prompt after the first message.",
    "Several providers (Together, Bedrock, Mosaic) reject conversations whose roles do not alternate, and chat "
    "templates may merge or drop such turns silently, so the model learns something other than what you wrote.",
)
def turn_order(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    return _remarked("FT152", ctx, "have turns out of order (same role twice in a row, or a late system prompt)")


@check(
    "FT153",
    "ends-without-reply",
    Severity.WARNING,
    "Conversations whose last turn is not the assistant's.",
    "Training learns from assistant turns; turns after the last reply are never learned and cost tokens. Some "
    "providers reject such examples.",
)
def ends_without_reply(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    return _remarked("FT153", ctx, "end with a non-assistant turn")


@check(
    "FT154",
    "extra-keys",
    Severity.INFO,
    "Records carry keys that the format does not use.",
    "Most trainers ignore unknown keys, so data placed there (a label, a source, a comment) is not learned; some "
    "services (Bedrock for Claude, Together in strict mode) reject the file.",
)
def extra_keys(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    lines = _remark("FT154", ctx)
    if not lines:
        return None
    keys = ctx.results.get("load", {}).get("extra_keys", {})
    names = ", ".join(f"'{k}'" for k in list(keys)[:6])
    return spec("FT154").make(
        f"{_share(len(lines), ctx)} carry keys the format does not use ({names})", count=len(lines), lines=lines
    )


@check(
    "FT155",
    "pretraining-text",
    Severity.WARNING,
    "Plain text is continued-pretraining data, not a fine-tuning format.",
    "Records with only a `text` field have no prompt and no reply: hosted fine-tuning services will not accept "
    "them, and they teach a model to continue documents, not to answer. Convert them to conversations (chat "
    "`messages`) or prompt/completion pairs, or use them as a RAG corpus instead.",
)
def pretraining_text(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    if ctx.info.format != "text":
        return None
    return spec("FT155").make(
        f"the file is plain text ({ctx.info.examples} documents): continued-pretraining data, not a fine-tuning format",
        count=ctx.info.examples,
    )


RESERVED = (
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<|fim_prefix|>",
    "<|fim_middle|>",
    "<|fim_suffix|>",
    "<|endofprompt|>",
    "<|eot_id|>",
    "<|begin_of_text|>",
    "<|start_header_id|>",
    "[INST]",
    "<s>",
    "</s>",
)


@check(
    "FT156",
    "special-tokens",
    Severity.WARNING,
    "Text contains reserved special tokens such as <|endoftext|>.",
    "Special tokens in training text either make the upload fail (OpenAI rejects them) or are tokenized as "
    "control tokens, teaching the model to end or restart turns in the wrong place.",
)
def special_tokens(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    import polars as pl

    f = ctx.frame
    if f.height == 0:
        return None
    pattern = "|".join(t.replace("|", r"\|").replace("[", r"\[").replace("]", r"\]") for t in RESERVED)
    mask = pl.col("system").str.contains(pattern) | pl.col("text").str.contains(pattern)
    lines = f.filter(mask)["line"].to_list()
    if not lines:
        return None
    return spec("FT156").make(
        f"{_share(len(lines), ctx)} contain reserved special tokens (e.g. <|endoftext|>, <|im_start|>)",
        count=len(lines),
        lines=lines,
    )


@check(
    "FT157",
    "nothing-trained",
    Severity.WARNING,
    "Every assistant turn has weight 0.",
    "Assistant turns with `weight: 0` are not learned. An example whose every reply has weight 0 costs tokens "
    "and teaches nothing.",
)
def nothing_trained(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    return _remarked("FT157", ctx, "have weight 0 on every assistant turn")


@check(
    "FT158",
    "non-text-content",
    Severity.INFO,
    "Images, audio or files in messages are not analysed.",
    "ftready checks text. Image, audio and file parts are skipped in token counts and duplicate checks, so "
    "figures for multimodal data cover the text only; providers also bill and limit images separately.",
)
def non_text(ctx: Context, p: Mapping[str, Any]) -> Finding | None:
    return _remarked("FT158", ctx, "contain images, audio or files; only their text is analysed")
