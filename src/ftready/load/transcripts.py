"""Transcripts: conversations written as one string, and reasoning in replies.

Anthropic's HH-RLHF preference data stores each side as a "Human: … Assistant: …" transcript (`chosen` and
`rejected`, the shared prompt repeated in both), and many plain `text` datasets hold conversations already
rendered with a chat template: ChatML (`<|im_start|>user`), Llama 2 and Mistral (`[INST] … [/INST]`), Llama 3
(`<|start_header_id|>user<|end_header_id|>`), Gemma (`<start_of_turn>user`), Zephyr (`<|user|>`), Alpaca
(`### Instruction:` / `### Response:`) and Guanaco (`### Human:` / `### Assistant:`). Parsed into turns, they
are checked as the conversations they are (not as a pretraining corpus), and their template tokens are not
counted as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# "\n\nHuman:" / "\n\nAssistant:" (also H:/A:, User:/Assistant:), at the start of the text or after a newline.
_TURN = re.compile(r"(?:^|\n)[ \t]*(Human|H|User|Assistant|A)[ \t]*:[ \t]?", re.IGNORECASE)
_ROLE = {"human": "user", "h": "user", "user": "user", "assistant": "assistant", "a": "assistant"}
_THINK = re.compile(r"<think(?:ing)?>(.*?)(?:</think(?:ing)?>|\Z)", re.DOTALL | re.IGNORECASE)

Turns = list[tuple[str, str]]  # (role, text): role system, user or assistant

_CHATML = re.compile(r"<\|im_start\|>[ \t]*(system|user|assistant|tool)[^\n]*\n?(.*?)(?=<\|im_start\|>|\Z)", re.DOTALL)
_LLAMA3 = re.compile(
    r"<\|start_header_id\|>[ \t]*(system|user|assistant|ipython|tool)[ \t]*<\|end_header_id\|>(.*?)"
    r"(?=<\|start_header_id\|>|\Z)",
    re.DOTALL,
)
_GEMMA = re.compile(r"<start_of_turn>[ \t]*(user|model|system)[^\n]*\n?(.*?)(?=<start_of_turn>|\Z)", re.DOTALL)
_ZEPHYR = re.compile(r"<\|(system|user|assistant)\|>(.*?)(?=<\|(?:system|user|assistant)\|>|\Z)", re.DOTALL)
_INST = re.compile(r"\[INST\](.*?)\[/INST\](.*?)(?=(?:<s>)?\s*\[INST\]|\Z)", re.DOTALL)
_SYS = re.compile(r"<<SYS>>(.*?)<</SYS>>", re.DOTALL)
_ALPACA = re.compile(r"(?:^|\n)[ \t]*###[ \t]*(Instruction|Input|Response)[ \t]*:[ \t]*\n?", re.IGNORECASE)
_GUANACO = re.compile(r"###[ \t]*(Human|Assistant)[ \t]*:[ \t]?", re.IGNORECASE)
# end-of-turn and sequence tokens left inside a turn's text
_SPECIAL = re.compile(
    r"<\|im_end\|>|<\|eot_id\|>|<\|eom_id\|>|<\|end_of_text\|>|<\|begin_of_text\|>|<end_of_turn>|<\|end\|>|<eos>|<bos>"
    r"|</s>|<s>|<\|endoftext\|>"
)
_ROLES = {"model": "assistant", "ipython": "tool", "tool": "tool"}


def _clean(text: str) -> str:
    return _SPECIAL.sub("", text).strip()


def _tagged(pattern: re.Pattern[str]) -> Callable[[str], Turns]:
    def parse(text: str) -> Turns:
        return [
            (_ROLES.get(m.group(1).lower(), m.group(1).lower()), _clean(m.group(2))) for m in pattern.finditer(text)
        ]

    return parse


def _inst(text: str) -> Turns:
    out: Turns = []
    for m in _INST.finditer(text):
        user = m.group(1)
        sys = _SYS.search(user)
        if sys is not None:
            out.append(("system", _clean(sys.group(1))))
            user = user[: sys.start()] + user[sys.end() :]
        out += [("user", _clean(user)), ("assistant", _clean(m.group(2)))]
    return out


def _alpaca(text: str) -> Turns:
    marks = list(_ALPACA.finditer(text))
    user: list[str] = []
    out: Turns = []
    for i, m in enumerate(marks):
        body = _clean(text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)])
        if m.group(1).lower() == "response":
            out += [("user", "\n\n".join(user)), ("assistant", body)]
            user = []
        elif body:
            user.append(body)
    return out


def _guanaco(text: str) -> Turns:
    marks = list(_GUANACO.finditer(text))
    return [
        (_ROLE[m.group(1).lower()], _clean(text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)]))
        for i, m in enumerate(marks)
    ]


def _head(text: str) -> str:
    """The start of a text without whitespace and sequence-start tokens, for template detection."""
    head = text[:400].lstrip()
    for bos in ("<|begin_of_text|>", "<bos>", "<s>"):
        head = head.removeprefix(bos).lstrip()
    return head


# template name -> (does a text start like it, its parser); the first that fits and yields a user and an
# assistant turn wins
TEMPLATES: dict[str, tuple[Callable[[str], bool], Callable[[str], Turns]]] = {
    "chatml": (lambda h: h.startswith("<|im_start|>"), _tagged(_CHATML)),
    "llama-3": (lambda h: h.startswith("<|start_header_id|>"), _tagged(_LLAMA3)),
    "llama-2": (lambda h: h.startswith("[INST]"), _inst),
    "gemma": (lambda h: h.startswith("<start_of_turn>"), _tagged(_GEMMA)),
    "zephyr": (lambda h: h.startswith(("<|system|>", "<|user|>")), _tagged(_ZEPHYR)),
    "guanaco": (lambda h: h.lower().startswith(("### human:", "###human:")), _guanaco),
    "alpaca": (lambda h: "### Instruction" in h or "### instruction" in h, _alpaca),
}


def match(text: object) -> tuple[str, Turns] | None:
    """(template, turns) when `text` holds a conversation: a known chat template, or "hh" for Human/Assistant
    turns; None otherwise. Each template is tried only when the text starts like it."""
    if not isinstance(text, str):
        return None
    head = _head(text)
    for name, (starts, parse_turns) in TEMPLATES.items():
        if starts(head):
            turns = parse_turns(text)
            if _conversation(turns):
                return name, turns
    if "ssistant:" not in text and "SSISTANT:" not in text:
        return None
    if not head[:12].lower().startswith(("human:", "user:", "h:")):
        return None
    roles = {m.group(1).lower()[0] for m in _TURN.finditer(text)}
    return ("hh", _hh(text)) if {"h", "a"} <= roles or {"u", "a"} <= roles else None


def template(text: object) -> str | None:
    """The chat template a string is rendered with ("hh" for Human/Assistant transcripts), or None."""
    found = match(text)
    return None if found is None else found[0]


def _conversation(turns: Turns) -> bool:
    roles = {role for role, _ in turns}
    return "user" in roles and "assistant" in roles


def is_transcript(text: object) -> bool:
    """A string that holds a conversation: Human/Assistant turns, or turns rendered with a known chat template."""
    return match(text) is not None


def parse(text: str) -> Turns:
    """The transcript's turns as (role, text) with roles system/user/assistant (tool for tool results); text
    before the first turn marker is ignored. The last reply of an HH transcript may be empty ("Assistant:" and
    nothing after it)."""
    found = match(text)
    return found[1] if found is not None else _hh(text)


def _hh(text: str) -> Turns:
    """Human/Assistant turns, wherever their markers start a line."""
    marks = list(_TURN.finditer(text))
    if not marks:
        return []
    # Single-letter markers ("H:", "A:") only count when the transcript uses them throughout.
    long_form = any(len(m.group(1)) > 1 for m in marks)
    if long_form:
        marks = [m for m in marks if len(m.group(1)) > 1]
    out: Turns = []
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


__all__ = ["TEMPLATES", "is_transcript", "match", "parse", "split_think", "template"]
