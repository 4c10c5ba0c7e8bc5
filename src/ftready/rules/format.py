"""FT1xx: format findings on the file as a whole, and remarks the loader made on usable records."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from ftready.rules.base import Hit, Params
from ftready.stages.context import Context

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


_SYSTEM_MESSAGE_FORMATS = frozenset({"openai-chat", "preference-messages", "openai-preference", "gemini"})


def _share(n: int, ctx: Context) -> str:
    total = max(ctx.info.examples, 1)
    return f"{n} of {ctx.info.examples} examples ({n / total:.0%})"


def _named_kinds(ctx: Context, code: str, words: Mapping[str, str]) -> str:
    """The kinds a loader remark `CODE:kind` counted, most examples first: "images (8), audio (4)"."""
    kinds = sorted(
        ((c.partition(":")[2], len(lines)) for c, lines in ctx.load.remarks.items() if c.startswith(code + ":")),
        key=lambda kl: (-kl[1], kl[0]),
    )
    return ", ".join(f"{words.get(kind, kind)} ({n:,})" for kind, n in kinds)


def _remarked(code: str, ctx: Context, phrase: str) -> Hit | None:
    """The hit for a loader remark: how many examples it applies to, and which."""
    lines = ctx.load.remarks.get(code, [])
    if not lines:
        return None
    return Hit(f"{_share(len(lines), ctx)} {phrase}", count=len(lines), lines=lines)


def invalid_records(ctx: Context, p: Params) -> Hit | None:
    """Some records cannot be used as training examples.

    What it finds:
        Every record with a problem (invalid JSON, an unknown role, an empty assistant reply, ...), summarised
        by problem code. Each record is listed under problems with its line and the reason.

    Why it matters:
        Fine-tuning services reject the whole file when a single record is malformed, often only after the
        upload has been queued.

    How to fix:
        Fix or drop the records listed under problems before uploading; `ftready clean` drops them for you.

    Parameters:
        None.
    """
    if not ctx.problems:
        return None
    lines = sorted({x.line for x in ctx.problems})
    by_code = dict(ctx.load.problem_counts)
    if not by_code:
        for x in ctx.problems:
            by_code[x.code] = by_code.get(x.code, 0) + 1
    detail = ", ".join(f"{c} ×{n:,}" for c, n in sorted(by_code.items()))
    invalid = max(ctx.info.invalid, len(lines))
    listed = "" if sum(by_code.values()) <= len(ctx.problems) else f"; the first {len(ctx.problems):,} are listed"
    return Hit(
        f"{invalid:,} of {ctx.info.records:,} records cannot be used ({detail}){listed}",
        count=invalid,
        lines=lines,
        value=invalid,
    )


def no_system_prompt(ctx: Context, p: Params) -> Hit | None:
    """Examples without a system prompt.

    What it finds:
        Conversations in a fine-tuning format that carry no system prompt: in a message-list format (OpenAI chat,
        preference with message lists, Gemini), where a system message is the usual place for the instructions;
        in any format, when some examples have one and others do not. A layout that never carries one (Alpaca,
        ShareGPT, prompt/completion) without any system prompt is not reported: it says nothing about the data.

    Why it matters:
        A fine-tuned model learns the behaviour together with the system prompt it was trained with. If the
        examples carry no system prompt but production requests will (or the other way round), the model sees
        inputs at inference that it never saw in training.

    How to fix:
        Use the same system prompt in training and production.

    Parameters:
        None.
    """
    lines = ctx.load.remarks.get("FT150", [])
    if not lines or not ctx.info.is_fine_tuning_format:
        return None
    if ctx.info.format not in _SYSTEM_MESSAGE_FORMATS and len(lines) >= ctx.info.examples:
        return None  # a layout without a system field, and no example uses one
    return Hit(f"{_share(len(lines), ctx)} have no system prompt", count=len(lines), lines=lines)


def no_user(ctx: Context, p: Params) -> Hit | None:
    """Conversations without a user message.

    What it finds:
        Conversations with only a system prompt and assistant replies.

    Why it matters:
        An example without a user turn teaches the model to speak unprompted. Chat fine-tuning expects a user
        turn before each reply.

    How to fix:
        Add the user message the reply answers, or drop the example.

    Parameters:
        None.
    """
    return _remarked("FT151", ctx, "have no user message")


def turn_order(ctx: Context, p: Params) -> Hit | None:
    """Two user or two assistant turns in a row, or a system prompt after the first message.

    What it finds:
        Conversations whose roles do not alternate, or whose system prompt is not the first message.

    Why it matters:
        Several providers (Together, Bedrock, Mosaic) reject conversations whose roles do not alternate, and
        chat templates may merge or drop such turns silently, so the model learns something other than what you
        wrote.

    How to fix:
        Merge consecutive turns of the same role and put the system prompt first.

    Parameters:
        None.
    """
    return _remarked("FT152", ctx, "have turns out of order (same role twice in a row, or a late system prompt)")


def ends_without_reply(ctx: Context, p: Params) -> Hit | None:
    """Conversations whose last turn is not the assistant's.

    What it finds:
        Conversations that end with a user, tool or system turn.

    Why it matters:
        Training learns from assistant turns; turns after the last reply are never learned and cost tokens. Some
        providers reject such examples.

    How to fix:
        Drop the trailing turns or add the reply they expect.

    Parameters:
        None.
    """
    return _remarked("FT153", ctx, "end with a non-assistant turn")


def extra_keys(ctx: Context, p: Params) -> Hit | None:
    """Records carry keys that the format does not use.

    What it finds:
        Records with keys beyond those of their format; the finding names the most common ones.

    Why it matters:
        Most trainers ignore unknown keys, so data placed there (a label, a source, a comment) is not learned;
        some services (Bedrock for Claude, Together in strict mode) reject the file.

    How to fix:
        Move what should be learned into the messages, and drop the other keys before uploading.

    Parameters:
        None.
    """
    lines = ctx.load.remarks.get("FT154", [])
    if not lines:
        return None
    names = ", ".join(f"'{k}'" for k in list(ctx.load.extra_keys)[:6])
    return Hit(f"{_share(len(lines), ctx)} carry keys the format does not use ({names})", count=len(lines), lines=lines)


def pretraining_text(ctx: Context, p: Params) -> Hit | None:
    """Plain text is continued-pretraining data, not a fine-tuning format.

    What it finds:
        Files whose records have only a `text` field: no prompt and no reply.

    Why it matters:
        Hosted fine-tuning services will not accept such records, and they teach a model to continue documents,
        not to answer.

    How to fix:
        Convert the records to conversations (chat `messages`) or prompt/completion pairs, or use them as a RAG
        corpus instead.

    Parameters:
        None.
    """
    if ctx.info.format != "text":
        return None
    return Hit(
        f"the file is plain text ({ctx.info.examples} documents): continued-pretraining data, not a fine-tuning format",
        count=ctx.info.examples,
    )


def special_tokens(ctx: Context, p: Params) -> Hit | None:
    """Text contains reserved special tokens such as <|endoftext|>.

    What it finds:
        Examples whose system prompt or text contains a reserved token of a common chat template
        (`<|endoftext|>`, `<|im_start|>`, `<|eot_id|>`, `[INST]`, `<s>`, ...).

    Why it matters:
        Special tokens in training text either make the upload fail (OpenAI rejects them) or are tokenized as
        control tokens, teaching the model to end or restart turns in the wrong place.

    How to fix:
        Remove the tokens, or escape them if the text is about them.

    Parameters:
        None.
    """
    f = ctx.frame
    if f.height == 0:
        return None
    pattern = "|".join(t.replace("|", r"\|").replace("[", r"\[").replace("]", r"\]") for t in RESERVED)
    mask = pl.col("system").str.contains(pattern) | pl.col("text").str.contains(pattern)
    lines = f.filter(mask)["line"].to_list()
    if not lines:
        return None
    return Hit(
        f"{_share(len(lines), ctx)} contain reserved special tokens (e.g. <|endoftext|>, <|im_start|>)",
        count=len(lines),
        lines=lines,
    )


_TEMPLATE_NAMES = {
    "chatml": "ChatML",
    "llama-3": "Llama 3",
    "llama-2": "Llama 2 / Mistral [INST]",
    "gemma": "Gemma",
    "zephyr": "Zephyr / Phi-3",
    "guanaco": "Guanaco ### Human/Assistant",
    "alpaca": "Alpaca ### Instruction/Response",
}


def chat_template_text(ctx: Context, p: Params) -> Hit | None:
    """Conversations are stored as text already rendered with a model's chat template.

    What it finds:
        Examples whose `text` (or preference `chosen`/`rejected` strings) hold a conversation rendered with a chat
        template (ChatML, Llama 2 or 3, Mistral, Gemma, Zephyr or Phi-3, Alpaca or Guanaco `###` prompts).
        ftready parses them into turns to check them; the message names the templates and how many examples use
        each.

    Why it matters:
        Hosted fine-tuning services take conversations as messages, not rendered text, so the file cannot be
        uploaded as it is. Trainers for open-weights models apply the template of the model being trained: text
        rendered for another model teaches that model's turn markers (a Llama 3 model trained on ChatML text
        learns to answer in ChatML).

    How to fix:
        Store the conversations as messages (`{"messages": [{"role": ..., "content": ...}]}`) and let the trainer
        or the service apply the template of the model you fine-tune.

    Parameters:
        None.
    """
    named = _named_kinds(ctx, "FT159", _TEMPLATE_NAMES)
    return _remarked(
        "FT159",
        ctx,
        f"hold conversations rendered as text with a chat template: {named or 'a known template'}; store them as "
        "messages for a hosted service, or render them with the template of the model you fine-tune",
    )


def nothing_trained(ctx: Context, p: Params) -> Hit | None:
    """Every assistant turn has weight 0.

    What it finds:
        Conversations in which every assistant turn carries `weight: 0`.

    Why it matters:
        Assistant turns with weight 0 are not learned, so such an example costs tokens and teaches nothing.

    How to fix:
        Set `weight: 1` on the replies the model should learn, or drop the example.

    Parameters:
        None.
    """
    return _remarked("FT157", ctx, "have weight 0 on every assistant turn")


_MEDIA_WORDS = {"image": "images", "audio": "audio", "video": "video", "file": "files"}


def non_text(ctx: Context, p: Params) -> Hit | None:
    """Images, audio or files in messages are not analysed.

    What it finds:
        Messages with image, audio, video or file parts, and records that list images, videos or audio files
        beside the text (LLaMA-Factory's multimodal layout); the message names each kind and how many examples
        hold it.

    Why it matters:
        ftready checks text. Image, audio and file parts are skipped in token counts and duplicate checks, so
        figures for multimodal data cover the text only; providers also bill and limit images separately.

    How to fix:
        Nothing to fix; check the non-text parts with the provider's own tools.

    Parameters:
        None.
    """
    named = _named_kinds(ctx, "FT158", _MEDIA_WORDS)
    return _remarked("FT158", ctx, f"contain {named or 'images, audio or files'}; only their text is analysed")
