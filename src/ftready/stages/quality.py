"""The text-quality stage: per-example detectors for mojibake, HTML in plain text, placeholder inputs and replies,
refusal boilerplate, cut-off replies and prompt/reply language mismatches (the FT9xx rules read the section).

Detectors look at the prompt side (system and prompt columns) and the reply. Reply checks skip examples without a
reply (the undesirable half of KTO data keeps its reply in the rejected column and is not trained toward). Every
detector is a cheap Python test per text; samples pass `ftready.redact.redact()`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable

from ftready.model.quality import MAX_QUALITY_SAMPLES, QualityKind, QualitySection
from ftready.progress import check_cancel
from ftready.redact import redact
from ftready.stages.base import Stage
from ftready.stages.context import Context

SAMPLE_CHARS = 90

# ------------------------------------------------------------------------------------------------ mojibake


def mojibake(text: str) -> str | None:
    """The first run of text that looks like mis-decoded UTF-8 (ftfy's badness measure), or None."""
    if text.isascii():
        return None
    from ftfy.badness import is_bad

    if not is_bad(text):
        return None
    for m in re.finditer(r"\S*[^\x00-\x7f]\S*", text):
        if is_bad(m.group()):
            return _around(text, m.start(), m.end())
    return _clip(text)


# ------------------------------------------------------------------------------------------------ HTML

_CODE = re.compile(r"```.*?(?:```|\Z)|`[^`\n]*`", re.DOTALL)
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|apos|nbsp|#\d{2,5}|#x[0-9a-fA-F]{2,4});")
_TAG = re.compile(r"</?(?:br|p|div|span|b|i|em|strong|li|ul|ol|td|tr|table|font|a href=[^>]*)\s*/?>", re.IGNORECASE)


_ASKS_FOR_MARKUP = re.compile(r"html|web ?page|website|markup|xml|\btags?\b", re.IGNORECASE)


def html(text: str, prompt: str = "") -> str | None:
    """HTML entities (`&lt;`, `&amp;`, `&#39;`) or markup tags in text outside code, or None. Tags do not count
    in a reply to a prompt that asks for HTML (a web page, a table in HTML)."""
    if "&" not in text and "<" not in text:
        return None
    prose = _CODE.sub(" ", text) if "`" in text else text
    m = _ENTITY.search(prose)
    if m is None:
        if prompt and _ASKS_FOR_MARKUP.search(prompt):
            return None
        m = _TAG.search(prose)
        # one tag in a reply that explains HTML is content, two or more in prose are leftovers
        if m is None or len(_TAG.findall(prose)) < 2:
            return None
    return _around(prose, m.start(), m.end())


# ------------------------------------------------------------------------------------------------ placeholders

PLACEHOLDERS = frozenset(
    {
        "no input",
        "<noinput>",
        "<no input>",
        "noinput",
        "n/a",
        "na",
        "none",
        "null",
        "nan",
        "nil",
        "input not applicable",
        "not applicable",
        "no input required",
        "no input needed",
        "<nooutput>",
        "no output",
        "...",
        "…",
        "..",
        "-",
        "--",
        "tbd",
        "todo",
        "placeholder",
        "empty",
        "<empty>",
        "[empty]",
    }
)


def _is_placeholder(text: str) -> bool:
    t = text.strip().strip("\"'").strip().lower().rstrip(".") if text else ""
    return t in PLACEHOLDERS or text.strip().lower() in PLACEHOLDERS


def placeholder_prompt(prompt: str) -> str | None:
    """The prompt, or its last paragraph (Alpaca's `input` joined after the instruction), is a placeholder."""
    if not prompt:
        return None
    last = prompt.rsplit("\n\n", 1)[-1]
    if _is_placeholder(last) or _is_placeholder(prompt):
        return f"input {last.strip()!r}"
    return None


def placeholder_reply(reply: str) -> str | None:
    if reply and _is_placeholder(reply):
        return f"reply {reply.strip()!r}"
    return None


# ------------------------------------------------------------------------------------------------ refusals

_REFUSAL = re.compile(
    r"\bas an ai language model\b|\bi(?:'m| am) (?:just |only )?an ai language model\b"
    r"|\bas an ai(?: assistant| model)?,? i (?:don't|do not|cannot|can't|am not|am unable|have no|lack|won't)\b"
    r"|^\s*(?:i'm sorry|i am sorry|sorry|unfortunately),? (?:but )?i (?:cannot|can't|can not|am unable to|"
    r"am not able to|won't|will not) (?:help|assist|provide|fulfil|fulfill|comply|do that|answer|generate|create)"
    r"|^\s*i (?:cannot|can't|am unable to|am not able to|won't) (?:help with|assist with|fulfil|fulfill|comply with)"
    r" (?:that|this|your request)"
    r"|\bmy knowledge cutoff\b|\bi do not have (?:personal )?(?:opinions|feelings|emotions|access to real-time)",
    re.IGNORECASE,
)


_REFUSAL_STARTS = ("i'm sorry", "i am sorry", "sorry", "unfortunately", "i ")


def _may_refuse(reply: str) -> bool:
    """A necessary condition for `_REFUSAL` (every alternative holds one of these), far cheaper than searching."""
    low = reply.lower()
    return (
        "an ai" in low
        or "knowledge cutoff" in low
        or "i do not have" in low
        or low.lstrip()[:16].startswith(_REFUSAL_STARTS)
    )


def refusal(reply: str) -> str | None:
    m = _REFUSAL.search(reply) if reply and _may_refuse(reply) else None
    return _around(reply, m.start(), m.end()) if m else None


# ------------------------------------------------------------------------------------------------ truncation

_END_OK = re.compile(
    r"""[.!?…。！？:;)\]}"'»”’`*>|~\-–—=]\s*$|\d\s*$|[\U0001F300-\U0001FAFF]\s*$"""
    r"|#\w+\s*$"  # a closing hashtag
    r"""|["'”’]\s*[-–—]\s*[A-Z][\w. ]{1,40}$"""  # a quotation's attribution
)
END_REACH = 120  # characters from the end that _END_OK and _DANGLING can need
_PROSE_END = re.compile(r"[a-z][^\n]* [^\n]*[.!?]\s*$")
_DANGLING = re.compile(
    r"(?:,|\b(?:and|or|but|the|a|an|of|to|with|for|in|that|which|because|is|are|was|were|so|then))\s*$", re.IGNORECASE
)


def truncated(reply: str) -> str | None:
    """A reply cut off mid-code-block (an odd number of ``` fences) or mid-sentence (a long prose last line that
    stops without closing punctuation after a word such as 'and', 'the' or a comma)."""
    if not reply:
        return None
    r = reply.rstrip()
    if r.count("```") % 2 == 1 and not _PROSE_END.search(r.rsplit("\n", 1)[-1]):
        # an unclosed fence, unless the reply goes on to end with a prose sentence (a missing fence, not a cut)
        return "an unclosed code block: …" + _clip(r[-60:].lstrip(), 70)
    # the end patterns reach back at most a hashtag or an attribution: searching the tail is enough
    if len(r) < 80 or _END_OK.search(r, max(0, len(r) - END_REACH)):
        return None
    last = r[r.rfind("\n") + 1 :].strip()
    if len(last) < 40 or last[:1] in "-*#|>0123456789" or "  " in last or "\t" in last:
        return None  # lists, headings, tables and code end without a full stop
    if _DANGLING.search(last, max(0, len(last) - END_REACH)) or (
        last[-1] in string.ascii_lowercase and len(last.split()) >= 12
    ):
        return "ends: …" + _clip(last[-70:], 75)
    return None


# ------------------------------------------------------------------------------------------------ languages

_SCRIPTS = (
    ("latin", re.compile(r"[A-Za-zÀ-ɏ]")),
    ("cjk", re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
    ("devanagari", re.compile(r"[\u0900-\u097f]")),
    ("greek", re.compile(r"[\u0370-\u03ff]")),
    ("hebrew", re.compile(r"[\u0590-\u05ff]")),
    ("thai", re.compile(r"[\u0e00-\u0e7f]")),
)
_STOPWORDS = {
    "english": {"the", "and", "is", "are", "of", "to", "in", "it", "you", "that", "this", "what", "with", "for"},
    "spanish": {"el", "la", "los", "las", "y", "es", "de", "que", "en", "por", "para", "una", "con", "del"},
    "french": {"le", "la", "les", "et", "est", "de", "des", "que", "une", "pour", "dans", "avec", "vous", "du"},
    "german": {"der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "für", "auf", "ich", "sie", "zu"},
    # words shared with English names and lists ("as", "a", "e", "o") are left out
    "portuguese": {"os", "é", "que", "em", "um", "uma", "para", "com", "não", "do", "da", "dos", "das", "mas"},
    "italian": {"il", "lo", "gli", "è", "di", "che", "un", "una", "per", "con", "non", "sono", "della", "anche"},
}
# stopword -> the languages it counts for, so each word of a text is looked up once
_STOPWORD_LANGUAGES: dict[str, tuple[str, ...]] = {
    w: tuple(lang for lang, words in _STOPWORDS.items() if w in words) for w in set().union(*_STOPWORDS.values())
}
_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_LANGUAGE_TASK = re.compile(
    r"translat|traduc|übersetz|in (?:english|spanish|french|german|chinese|japanese|korean|russian|arabic|"
    r"italian|portuguese|hindi)|英文|中文|翻译|language",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")


def language(text: str) -> str | None:
    """The text's script, and for Latin text its language when stopwords say so clearly; None when unsure."""
    sample = text[:2000]
    if sample.isascii():  # no other script can occur: count the Latin letters only (bytes.translate, in C)
        ascii_bytes = sample.encode("ascii")
        counts = [(len(ascii_bytes) - len(ascii_bytes.translate(None, _ASCII_LETTERS)), "latin")]
    else:
        counts = [(len(rx.findall(sample)), name) for name, rx in _SCRIPTS]
    total = sum(n for n, _ in counts)
    if total < 20:
        return None
    n, script = max(counts)
    if n < 0.6 * total:
        return None
    if script != "latin":
        return script
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 8:
        return None
    hits = dict.fromkeys(_STOPWORDS, 0)
    for w in words:
        for lang in _STOPWORD_LANGUAGES.get(w, ()):
            hits[lang] += 1
    scores = sorted(((n, lang) for lang, n in hits.items()), reverse=True)
    (best, lang), (second, _) = scores[0], scores[1]
    if best >= 3 and best >= 2 * second and best >= 0.08 * len(words):
        return lang
    return None


def language_mismatch(prompt: str, reply: str) -> str | None:
    if not prompt or not reply or _LANGUAGE_TASK.search(prompt):
        return None
    a = language(prompt)
    if a is None:
        return None
    b = language(reply)
    if b is None or a == b:
        return None
    return f"prompt in {a}, reply in {b}"


# ------------------------------------------------------------------------------------------------ the stage


def _clip(text: str, n: int = SAMPLE_CHARS) -> str:
    """One printable line: whitespace runs become one space, control characters their escapes."""
    t = " ".join(text.split())
    if not t.isprintable():
        t = "".join(c if c.isprintable() else repr(c)[1:-1] for c in t)
    return t if len(t) <= n else t[: n - 1] + "…"


def _around(text: str, start: int, end: int, width: int = 35) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + _clip(text[a:b], SAMPLE_CHARS) + ("…" if b < len(text) else "")


Detector = Callable[[str, str, str], "str | None"]  # (system, prompt, reply) -> what was found, or None

DETECTORS: dict[str, Detector] = {
    "mojibake": lambda s, p, r: mojibake(s) or mojibake(p) or mojibake(r),
    "html": lambda s, p, r: html(p) or html(r, p),
    "placeholder": lambda s, p, r: placeholder_prompt(p) or placeholder_reply(r),
    "refusal": lambda s, p, r: refusal(r),
    "truncated": lambda s, p, r: truncated(r),
    "language-mismatch": lambda s, p, r: language_mismatch(p, r),
}


def scan(rows: list[tuple[int, str, str, str]], cancel: object = None) -> dict[str, QualityKind]:
    """rows: (line, system, prompt, reply). The kinds found, in DETECTORS order."""
    lines: dict[str, list[int]] = {k: [] for k in DETECTORS}
    samples: dict[str, list[str]] = {k: [] for k in DETECTORS}
    for i, (line, system, prompt, reply) in enumerate(rows):
        if i % 5000 == 0 and cancel is not None:
            check_cancel(cancel)  # type: ignore[arg-type]
        for kind, fn in DETECTORS.items():
            found = fn(system, prompt, reply)
            if found:
                lines[kind].append(line)
                if len(samples[kind]) < MAX_QUALITY_SAMPLES:
                    samples[kind].append(f"line {line}: {redact(found)}")
    return {
        k: QualityKind(examples=len(v), lines=tuple(sorted(v)), samples=tuple(samples[k]))
        for k, v in lines.items()
        if v
    }


def run(ctx: Context) -> QualitySection:
    f = ctx.frame
    if f.height == 0 or not ctx.info.is_fine_tuning_format:
        return QualitySection(kinds={}, checked=0)
    texts = [f.get_column(c).fill_null("").to_list() for c in ("system", "prompt", "response")]
    rows = list(zip(f.get_column("line").to_list(), *texts, strict=True))
    return QualitySection(kinds=scan(rows, ctx.cancel), checked=len(rows))


STAGE = Stage("quality", run, thread=False)
