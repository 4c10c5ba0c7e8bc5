"""FT9xx: text quality. The rules read the quality section (`ftready.stages.quality`); the samples they show are
redacted."""

from __future__ import annotations

from ftready.model.quality import QualitySection
from ftready.rules.base import Hit, Params
from ftready.stages.context import Context


def _hit(ctx: Context, kind: str, what: str, advice: str) -> Hit | None:
    section: QualitySection | None = ctx.quality
    k = section.kinds.get(kind) if section is not None else None
    if k is None or section is None or not section.checked:
        return None
    share = k.examples / section.checked
    example = f" (e.g. {k.samples[0]})" if k.samples else ""
    return Hit(
        f"{k.examples:,} of {section.checked:,} examples ({share:.1%}) {what}{example}. {advice}",
        count=k.examples,
        lines=k.lines,
        value=round(share, 4),
    )


def mojibake(ctx: Context, p: Params) -> Hit | None:
    """Text that was decoded with the wrong character set ("receivea Ã¥Â£900", "donâ€™t").

    What it finds:
        Examples whose system, prompt or reply text holds mojibake: UTF-8 bytes read as Latin-1 or Windows-1252
        somewhere on the way, as measured by the ftfy library's badness heuristic. Correct accented and non-Latin
        text is not counted.

    Why it matters:
        The model learns the garbled characters as if they were language and reproduces them in its replies; the
        tokens they cost are wasted too.

    How to fix:
        Repair the text with `ftfy.fix_text`, or re-export the data with the right encoding, and drop what cannot be
        repaired.

    Parameters:
        None.
    """
    return _hit(ctx, "mojibake", "hold mojibake (mis-decoded characters)", "Repair them with ftfy.fix_text.")


def html_in_text(ctx: Context, p: Params) -> Hit | None:
    """HTML entities or markup left in plain-text prompts and replies ("&lt;#&gt;", "&amp;", "<br>").

    What it finds:
        Prompts and replies with HTML entities (`&lt;`, `&gt;`, `&amp;`, `&quot;`, `&nbsp;`, `&#39;`) or two or more
        markup tags (`<br>`, `<p>`, `<div>`, …) outside code spans and code blocks. A reply that shows one tag while
        explaining HTML is not counted.

    Why it matters:
        Scraped or exported text keeps its escaping; the model learns to write `&amp;` for "&" and stray `<br>`
        tags in answers that are meant to be plain text.

    How to fix:
        Unescape the text (`html.unescape`) and strip the markup before training.

    Parameters:
        None.
    """
    return _hit(ctx, "html", "hold HTML entities or markup in plain text", "Unescape and strip them.")


def placeholder_text(ctx: Context, p: Params) -> Hit | None:
    """Placeholder inputs or replies: "No input", "<noinput>", "N/A", "Input not applicable", "...".

    What it finds:
        Examples whose prompt, or the input part after an instruction (Alpaca's `input`), or whose whole reply is
        a placeholder rather than content: "No input", "<noinput>", "N/A", "none", "null", "Input not applicable",
        "..." and the like.

    Why it matters:
        A placeholder input teaches the model that such strings are part of the task; a placeholder reply teaches
        it to answer with nothing. Both usually come from a template filled without data.

    How to fix:
        Leave an empty input empty (Alpaca's `input: ""`), and drop or rewrite examples whose reply is a
        placeholder.

    Parameters:
        None.
    """
    return _hit(ctx, "placeholder", "have a placeholder input or reply", "Empty the input or drop the example.")


def refusal_boilerplate(ctx: Context, p: Params) -> Hit | None:
    """Replies with refusal or "as an AI language model" boilerplate.

    What it finds:
        Replies that contain "as an AI language model" and its variants, open with a refusal ("I'm sorry, but I
        cannot help with that"), or mention a knowledge cutoff or that the assistant has no opinions.

    Why it matters:
        Data distilled from a chat model carries its disclaimers and refusals; fine-tuning on them makes the model
        refuse or hedge where it should answer, and gives it another model's identity.

    How to fix:
        Drop these examples or regenerate their replies; keep refusals only where refusing is the wanted
        behaviour.

    Parameters:
        None.
    """
    return _hit(ctx, "refusal", "have refusal or 'as an AI' boilerplate in the reply", "Drop or rewrite them.")


def truncated_reply(ctx: Context, p: Params) -> Hit | None:
    """Replies cut off mid-sentence or inside a code block.

    What it finds:
        Replies with an odd number of ``` fences (a code block that never closes), and long replies whose last
        prose line stops without closing punctuation, after a comma or a word such as "and", "the" or "with".
        Lists, tables, headings, code and short answers are not counted.

    Why it matters:
        Generation limits and export bugs cut replies off; a model trained on them learns to stop mid-thought.

    How to fix:
        Regenerate or complete the replies, or drop the examples.

    Parameters:
        None.
    """
    return _hit(ctx, "truncated", "have a reply cut off mid-sentence or mid-code-block", "Complete or drop them.")


def language_mismatch(ctx: Context, p: Params) -> Hit | None:
    """Prompt and reply in different languages.

    What it finds:
        Examples whose prompt and reply are written in different scripts (Latin, CJK, Cyrillic, Arabic, …) or,
        for Latin text, in different languages by a stopword count (English, Spanish, French, German,
        Portuguese, Italian). Texts too short to tell, and prompts that ask for a translation or name a language,
        are not counted.

    Why it matters:
        A reply in another language than its question is usually a data-pipeline mix-up (shifted columns, a
        machine-translated side); the model learns to switch language unasked.

    How to fix:
        Check the examples: fix shifted columns or translate the side that is wrong.

    Parameters:
        None.
    """
    return _hit(ctx, "language-mismatch", "have prompt and reply in different languages", "Check and fix them.")
