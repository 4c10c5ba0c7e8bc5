"""Transcripts: conversations written as one string of "Human: … Assistant: …" turns, and reasoning in replies.

Anthropic's HH-RLHF preference data stores each side as such a transcript (`chosen` and `rejected`, the shared
prompt repeated in both), and many plain `text` datasets do the same. Parsed into turns, the empty or "..."
replies, broken turn order and conflicting prompts inside them become visible to the checks.
"""

from __future__ import annotations

import re

# "\n\nHuman:" / "\n\nAssistant:" (also H:/A:, User:/Assistant:), at the start of the text or after a newline.
_TURN = re.compile(r"(?:^|\n)[ \t]*(Human|H|User|Assistant|A)[ \t]*:[ \t]?", re.IGNORECASE)
_ROLE = {"human": "user", "h": "user", "user": "user", "assistant": "assistant", "a": "assistant"}
_THINK = re.compile(r"<think(?:ing)?>(.*?)(?:</think(?:ing)?>|\Z)", re.DOTALL | re.IGNORECASE)


def is_transcript(text: object) -> bool:
    """A string that holds at least one Human and one Assistant turn, the first at its start."""
    if not isinstance(text, str) or "ssistant:" not in text:
        return False
    head = text.lstrip()[:12].lower()
    if not head.startswith(("human:", "user:", "h:")):
        return False
    roles = {m.group(1).lower()[0] for m in _TURN.finditer(text)}
    return {"h", "a"} <= roles or {"u", "a"} <= roles


def parse(text: str) -> list[tuple[str, str]]:
    """The transcript's turns as (role, text) with roles user/assistant; text before the first turn marker is
    ignored. The last reply of an HH transcript may be empty ("Assistant:" and nothing after it)."""
    marks = list(_TURN.finditer(text))
    if not marks:
        return []
    # Single-letter markers ("H:", "A:") only count when the transcript uses them throughout.
    long_form = any(len(m.group(1)) > 1 for m in marks)
    if long_form:
        marks = [m for m in marks if len(m.group(1)) > 1]
    out: list[tuple[str, str]] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out.append((_ROLE[m.group(1).lower()], text[m.end() : end].strip()))
    return out


def split_think(text: str) -> tuple[str, str]:
    """A reply's `<think>…</think>` blocks apart from its answer: (reasoning, answer)."""
    if "<think" not in text.lower():
        return "", text
    reasoning = "\n\n".join(m.group(1).strip() for m in _THINK.finditer(text))
    answer = _THINK.sub("", text).strip()
    return reasoning, answer


__all__ = ["is_transcript", "parse", "split_think"]
