"""Fine-tuning formats: detection from a record's keys, validation, and normalisation to one shape.

Every format is normalised to a list of messages (role, content) with roles system/user/assistant/tool, from
which the canonical frame columns follow. Detection looks at keys only, in a fixed order, so that a record is
given the most specific format that fits it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ftready.load.messages import (
    GEMINI_ROLES,
    LABEL_KEYS,
    MEDIA_KEYS,
    OPENAI_ROLES,
    SHAREGPT_ROLES,
    Msg,
    Normalised,
    chat_messages,
    check_turns,
    media_remark,
    prompt_or_messages,
    read_content,
    read_label,
    read_string,
    show,
    system_field,
    tools_text,
    type_name,
)
from ftready.load.transcripts import is_transcript, match
from ftready.load.transcripts import parse as parse_transcript

# keys that belong to each format (anything else is reported as an extra key)
KNOWN_KEYS: dict[str, frozenset[str]] = {
    "openai-chat": frozenset(
        {
            "messages",
            "label",
            "kto_tag",
            "interactions",
            "conversation",
            "tools",
            "functions",
            "available_tools",
            "parallel_tool_calls",
            "system",
            "system_prompt",
            "schemaVersion",
            "metadata",
            "images",
            "videos",
            "audios",
            "id",
        }
    ),
    "openai-preference": frozenset({"input", "preferred_output", "non_preferred_output", "metadata", "id"}),
    "preference-messages": frozenset({"chosen_messages", "rejected_messages", "id", "metadata", "images"}),
    "sharegpt-preference": frozenset({"conversations", "chosen", "rejected", "system", "tools", "id", "images"}),
    "preference": frozenset(
        {
            "prompt",
            "chosen",
            "rejected",
            "instruction",
            "input",
            "system",
            "history",
            "id",
            # UltraFeedback-style: the chosen conversation again as `messages`, and the judges' scores
            "messages",
            "prompt_id",
            "score_chosen",
            "score_rejected",
        }
    ),
    "sharegpt": frozenset({"conversations", "system", "tools", "id", "images", "videos", "audios"}),
    "alpaca": frozenset({"instruction", "input", "output", "system", "history", "kto_tag", "id", "images"}),
    "prompt-completion": frozenset({"prompt", "completion", "label", "id", "metadata", "system", "system_prompt"}),
    "prompt-response": frozenset(
        {"prompt", "response", "question", "answer", "query", "id", "metadata", "system", "system_prompt"}
    ),
    "gemini": frozenset({"contents", "systemInstruction", "system_instruction", "id"}),
    "turns": frozenset({"data", "dialog", "system", "id", "metadata"}),
    "classification": frozenset({"text", *LABEL_KEYS, "id", "metadata"}),
    "text": frozenset({"text", "id", "metadata", "meta", "url", "timestamp"}),
    "transcript": frozenset({"text", "system", "id", "metadata", "meta", "url", "timestamp"}),
}


def detect(rec: Mapping[str, Any]) -> str | None:
    """The format a record's keys indicate, or None."""
    k = rec.keys()
    if "input" in k and "preferred_output" in k:
        return "openai-preference"
    if "chosen_messages" in k or "rejected_messages" in k:
        return "preference-messages"
    if "conversations" in k:
        return "sharegpt-preference" if ("chosen" in k or "rejected" in k) else "sharegpt"
    if "chosen" in k and "rejected" in k:
        return "preference"  # before `messages`: UltraFeedback-style records repeat the chosen side there
    if "messages" in k or "interactions" in k or ("conversation" in k and _message_list(rec.get("conversation"))):
        return "openai-chat"  # `conversation`: LMSYS-Chat-1M and WildChat
    if "chosen" in k or "rejected" in k:
        return "preference"
    if "instruction" in k or ("output" in k and "input" in k):
        return "alpaca"
    if "prompt" in k and "completion" in k:
        return "prompt-completion"
    if ("prompt" in k or "query" in k or "question" in k) and ("response" in k or "answer" in k):
        return "prompt-response"
    if "contents" in k:
        return "gemini"
    if any(key in k and _text_list(rec.get(key)) for key in TURN_KEYS):
        return "turns"
    if "text" in k and any(x in k for x in LABEL_KEYS):
        return "classification"
    if "text" in k:
        return "transcript" if is_transcript(rec.get("text")) else "text"
    return None


# ------------------------------------------------------------------------------------------------ formats


CHAT_KEYS = ("messages", "interactions", "conversation")  # where a chat record keeps its message list


def _message_list(v: object) -> bool:
    """A list whose first item is a message object (role/content or from/value) or an input/output exchange."""
    return (
        isinstance(v, list)
        and bool(v)
        and isinstance(v[0], dict)
        and ("role" in v[0] or "from" in v[0] or ("input" in v[0] and "output" in v[0]))
    )


def _first_object(conv: object) -> dict[str, Any] | None:
    """The first object in a message list (what tells its layout), or None."""
    return next((m for m in conv if isinstance(m, dict)), None) if isinstance(conv, list) else None


def _exchanges(conv: list[Any], key: str, P: list[tuple[str, str]]) -> list[Msg]:
    """Capybara's `conversation`: a list of {"input": user text, "output": assistant text} exchanges."""
    msgs: list[Msg] = []
    for i, turn in enumerate(conv):
        if not isinstance(turn, dict):
            P.append(("FT106", f"{key}[{i}] is {type_name(turn)}, not an input/output object"))
            continue
        for field, role in (("input", "user"), ("output", "assistant")):
            text = turn.get(field)
            if not isinstance(text, str):
                P.append(("FT112", f"{key}[{i}].{field} must be a string, got {type_name(text)}"))
            else:
                msgs.append(Msg(role, text))
    return msgs


def _openai_chat(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    key = next((k for k in CHAT_KEYS if k in rec), CHAT_KEYS[0])
    conv = rec.get(key)
    first = _first_object(conv)
    if isinstance(conv, list) and first is not None and "input" in first and "output" in first and "role" not in first:
        msgs = _exchanges(conv, key, P)
    elif first is not None and "from" in first and "role" not in first:
        # ShareGPT messages (`from`/`value`) under the `messages` key, as some exporters write them
        msgs = chat_messages(
            conv, key=key, roles=SHAREGPT_ROLES, role_key="from", content_keys=("value",), problems=P, remarks=R
        )
    else:
        msgs = chat_messages(conv, key=key, roles=OPENAI_ROLES, problems=P, remarks=R)
    for sk in ("system", "system_prompt"):
        if sk in rec:
            msgs = system_field(rec, sk, P) + msgs
    check_turns(msgs, P, R, "the conversation")
    norm = Normalised(msgs, tools=tools_text(rec), remarks=R)
    return _kto(rec, norm, P)


KTO_KEYS = ("label", "kto_tag")
KTO_LABELS = {
    True: "desirable",
    False: "undesirable",
    "true": "desirable",
    "false": "undesirable",
    "desirable": "desirable",
    "undesirable": "undesirable",
}


def _kto(rec: Mapping[str, Any], norm: Normalised, P: list[tuple[str, str]]) -> Normalised:
    """KTO (unpaired preference): a boolean or desirable/undesirable `label` (or `kto_tag`) on an example."""
    key = next((k for k in KTO_KEYS if k in rec), None)
    if key is None:
        return norm
    v = rec[key]
    label = KTO_LABELS.get(v.strip().lower() if isinstance(v, str) else v) if isinstance(v, (bool, str)) else None
    if label is None:
        P.append(("FT117", f"'{key}' must be true/false or desirable/undesirable for KTO data, got {show(v)}"))
        return norm
    norm.label, norm.label_key, norm.undesirable = label, key, label == "undesirable"
    return norm


def _sharegpt_turns(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> list[Msg]:
    """The optional system prompt and the `conversations` list of a ShareGPT record. Messages are `from`/`value`,
    or `role`/`content` in the variant some exporters write."""
    conv = rec.get("conversations")
    first = _first_object(conv)
    role_style = first is not None and "from" not in first and "role" in first
    msgs = chat_messages(
        conv,
        key="conversations",
        roles={**SHAREGPT_ROLES, **OPENAI_ROLES} if role_style else SHAREGPT_ROLES,
        role_key="role" if role_style else "from",
        content_keys=("content", "text") if role_style else ("value",),
        problems=P,
        remarks=R,
    )
    return system_field(rec, "system", P) + msgs


def _sharegpt(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    msgs = _sharegpt_turns(rec, P, R)
    check_turns(msgs, P, R, "the conversation")
    return Normalised(msgs, tools=tools_text(rec), remarks=R)


def _sharegpt_preference(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    prompt = _sharegpt_turns(rec, P, R)
    chosen = _reply(rec, "chosen", P, R)
    rejected = _reply(rec, "rejected", P, R)
    msgs = prompt + chosen
    check_turns(msgs, P, R, "the chosen conversation")
    _check_reply(rejected, P, "rejected")
    return Normalised(msgs, rejected=rejected, tools=tools_text(rec), remarks=R)


def _reply(rec: Mapping[str, Any], key: str, P: list[tuple[str, str]], R: list[str]) -> list[Msg]:
    if key not in rec:
        P.append(("FT112", f"'{key}' is missing"))
        return []
    v = rec[key]
    if isinstance(v, list) and len(v) == 1 and isinstance(v[0], dict):
        v = v[0]
    return prompt_or_messages(v, key, P, R, "assistant")


def _check_reply(msgs: list[Msg], P: list[tuple[str, str]], key: str) -> None:
    if msgs and not any(m.role == "assistant" for m in msgs):
        P.append(("FT111", f"'{key}' has no assistant turn"))
    elif msgs and not any(m.content.strip() or m.extra for m in msgs if m.role == "assistant"):
        P.append(("FT110", f"'{key}' is empty"))


def _openai_preference(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    inp = rec.get("input")
    if not isinstance(inp, dict):
        P.append(("FT112", f"'input' must be an object with 'messages', got {type_name(inp)}"))
        return Normalised([])
    prompt = chat_messages(inp.get("messages"), key="input.messages", roles=OPENAI_ROLES, problems=P, remarks=R)
    if prompt and prompt[-1].role == "assistant":
        P.append(("FT107", "input.messages must not end with an assistant message"))
    chosen = _preferred(rec, "preferred_output", P, R)
    rejected = _preferred(rec, "non_preferred_output", P, R)
    msgs = prompt + chosen
    check_turns(msgs, P, R, "the preferred conversation")
    _check_reply(rejected, P, "non_preferred_output")
    return Normalised(msgs, rejected=rejected, tools=tools_text(inp), remarks=R)


def _preferred(rec: Mapping[str, Any], key: str, P: list[tuple[str, str]], R: list[str]) -> list[Msg]:
    v = rec.get(key)
    if not isinstance(v, list) or len(v) != 1:
        P.append(("FT112", f"'{key}' must be a list of exactly one assistant message"))
        return []
    msgs = chat_messages(v, key=key, roles=OPENAI_ROLES, problems=P, remarks=R)
    if msgs and msgs[0].role != "assistant":
        P.append(("FT108", f"{key}[0] must have role 'assistant', got {msgs[0].role!r}"))
    return msgs


def _preference_messages(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    chosen = chat_messages(rec.get("chosen_messages"), key="chosen_messages", roles=OPENAI_ROLES, problems=P, remarks=R)
    rejected = chat_messages(
        rec.get("rejected_messages"), key="rejected_messages", roles=OPENAI_ROLES, problems=P, remarks=R
    )
    # the shared prompt is repeated in both lists; the rejected reply is what follows it
    common = 0
    while (
        common < min(len(chosen), len(rejected))
        and chosen[common].role != "assistant"
        and chosen[common].role == rejected[common].role
        and chosen[common].content == rejected[common].content
    ):
        common += 1
    check_turns(chosen, P, R, "chosen_messages")
    rej_tail = rejected[common:]
    _check_reply(rej_tail, P, "rejected_messages")
    return Normalised(chosen, rejected=rej_tail, remarks=R)


def _transcript_preference(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    """HH-RLHF style: `chosen` and `rejected` are whole transcripts that repeat the shared prompt; the turns both
    share are the prompt, what follows is each side's reply."""
    system = system_field(rec, "system", P)
    chosen = _transcript_turns(rec["chosen"], R)
    rejected = _turns(rec["rejected"]) if isinstance(rec.get("rejected"), str) else []
    given = rec.get("prompt")
    if isinstance(given, str) and given.strip():
        prompt = _turns(given) if is_transcript(given) else [Msg("user", given.strip())]
        n = len(prompt)
        if [(m.role, m.content) for m in chosen[:n]] == [(m.role, m.content) for m in prompt]:
            chosen = chosen[n:]
        if [(m.role, m.content) for m in rejected[:n]] == [(m.role, m.content) for m in prompt]:
            rejected = rejected[n:]
    else:
        common = 0
        limit = min(len(chosen), len(rejected)) - 1
        while common < limit and (chosen[common].role, chosen[common].content) == (
            rejected[common].role,
            rejected[common].content,
        ):
            common += 1
        prompt, chosen, rejected = chosen[:common], chosen[common:], rejected[common:]
    msgs = system + prompt + chosen
    check_turns(msgs, P, R, "the chosen transcript")
    if "rejected" in rec:
        if not any(m.role == "assistant" for m in rejected):
            P.append(("FT111", "'rejected' has no Assistant turn after the shared prompt"))
        else:
            _check_reply(rejected, P, "rejected")
    return Normalised(msgs, rejected=rejected, remarks=R)


def _transcript_turns(text: str, R: list[str]) -> list[Msg]:
    """The turns of a transcript, parsed once; FT159 when it is rendered with a model's chat template (not a plain
    Human/Assistant transcript)."""
    found = match(text)
    if found is None:
        return _turns(text)
    name, turns = found
    if name != "hh":
        R += ["FT159", f"FT159:{name}"]
    return [Msg(role, body) for role, body in turns]


def _turns(text: str) -> list[Msg]:
    return [Msg(role, body) for role, body in parse_transcript(text)]


def _preference(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    if is_transcript(rec.get("chosen")):
        return _transcript_preference(rec, P, R)
    prompt: list[Msg] = system_field(rec, "system", P)
    if "instruction" in rec:
        prompt += [*_history(rec, P), Msg("user", _alpaca_prompt(rec, P))]
    elif "prompt" in rec:
        prompt += prompt_or_messages(rec["prompt"], "prompt", P, R, "user")
    chosen = _reply(rec, "chosen", P, R)
    rejected = _reply(rec, "rejected", P, R)
    if any(m.role == "user" for m in chosen):
        # conversational pairs that carry the prompt themselves (TRL's implicit prompt, UltraFeedback): the turns
        # both sides share are the prompt (a `prompt` field beside them repeats it), the rest are the replies
        shared = 0
        while shared < min(len(chosen), len(rejected)) and chosen[shared] == rejected[shared]:
            shared += 1
        prompt = system_field(rec, "system", P) + chosen[:shared]
        chosen, rejected = chosen[shared:], rejected[shared:]
    msgs = prompt + chosen
    check_turns(msgs, P, R, "the chosen reply")
    _check_reply(rejected, P, "rejected")
    return Normalised(msgs, rejected=rejected, remarks=R)


def _alpaca_prompt(rec: Mapping[str, Any], P: list[tuple[str, str]]) -> str:
    if "instruction" not in rec and "input" in rec:  # input/output pairs without an instruction
        return read_string(rec, "input", P)
    instruction = read_string(rec, "instruction", P)
    inp = read_string(rec, "input", P, required=False)
    return f"{instruction}\n\n{inp}" if inp.strip() else instruction


def _history(rec: Mapping[str, Any], P: list[tuple[str, str]]) -> list[Msg]:
    h = rec.get("history")
    if h in (None, []):
        return []
    if not isinstance(h, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in h
    ):
        P.append(("FT112", "'history' must be a list of [prompt, response] string pairs"))
        return []
    out: list[Msg] = []
    for q, a in h:
        out += [Msg("user", q), Msg("assistant", a)]
    return out


def _alpaca(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    msgs = system_field(rec, "system", P) + _history(rec, P)
    msgs.append(Msg("user", _alpaca_prompt(rec, P)))
    out = read_string(rec, "output", P)
    msgs.append(Msg("assistant", out))
    if not any(m.role == "system" for m in msgs):
        R.append("FT150")
    return _kto(rec, Normalised(msgs, remarks=R), P)


def _prompt_completion(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    return _prompt_reply(rec, P, R, "completion")


def _prompt_response(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    # also question/answer and query/response pairs
    prompt_key = next((k for k in ("prompt", "question", "query") if k in rec), "prompt")
    reply_key = next((k for k in ("response", "answer") if k in rec), "response")
    if prompt_key != "prompt":
        rec = {**{k: v for k, v in rec.items() if k != prompt_key}, "prompt": rec[prompt_key]}
    return _prompt_reply(rec, P, R, reply_key)


def _prompt_reply(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str], reply_key: str) -> Normalised:
    prompt = rec.get("prompt")
    # a system prompt beside the pair (OpenOrca's `system_prompt`) is part of every request
    msgs: list[Msg] = [m for k in ("system", "system_prompt") for m in system_field(rec, k, P)]
    if isinstance(prompt, str):
        msgs.append(Msg("user", prompt))
        if not prompt.strip():
            P.append(("FT113", "'prompt' is empty"))
    else:
        msgs += prompt_or_messages(prompt, "prompt", P, R, "user")
    reply = rec.get(reply_key)
    if isinstance(reply, str):
        if not reply.strip():
            P.append(("FT110", f"'{reply_key}' is empty"))
        msgs.append(Msg("assistant", reply))
    elif reply is None:
        P.append(("FT112", f"'{reply_key}' is missing" if reply_key not in rec else f"'{reply_key}' is null"))
    else:
        msgs += prompt_or_messages(reply, reply_key, P, R, "assistant")
        if not any(m.role == "assistant" for m in msgs):
            P.append(("FT111", f"'{reply_key}' has no assistant message"))
    if isinstance(rec.get("label"), bool) or (
        isinstance(rec.get("label"), str) and rec["label"].strip().lower() in ("desirable", "undesirable")
    ):
        return _kto(rec, Normalised(msgs, remarks=R), P)  # TRL's unpaired preference: prompt/completion/label
    label = read_label(rec["label"], P, "label") if "label" in rec else None
    return Normalised(msgs, label=label, remarks=R, label_key="label" if "label" in rec else None)


def _gemini(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    contents = rec.get("contents")
    msgs: list[Msg] = []
    sys_inst = rec.get("systemInstruction", rec.get("system_instruction"))
    if isinstance(sys_inst, dict):
        msgs.append(Msg("system", read_content(sys_inst.get("parts"), "systemInstruction", P, R) or ""))
    if not isinstance(contents, list) or not contents:
        P.append(("FT106", "'contents' must be a non-empty list"))
        return Normalised(msgs)
    for i, c in enumerate(contents):
        where = f"contents[{i}]"
        if not isinstance(c, dict):
            P.append(("FT107", f"{where} is not an object"))
            continue
        role = c.get("role")
        if not isinstance(role, str) or role not in GEMINI_ROLES:
            P.append(("FT108", f"{where}: unknown role {show(role)} (allowed: model, user)"))
            continue
        parts = c.get("parts")
        text = read_content(parts, where, P, R)
        if text is None:
            P.append(("FT109", f"{where} has no parts"))
            continue
        msgs.append(Msg(GEMINI_ROLES[role], text))
    check_turns(msgs, P, R, "the conversation")
    return Normalised(msgs, remarks=R)


def _classification(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    text = read_string(rec, "text", P)
    key = next((k for k in LABEL_KEYS if k in rec), None)
    if key is None:  # a record of another shape checked as classification (it shares the 'text' key)
        P.append(("FT112", "'label' is missing"))
        return Normalised([])
    label = read_label(rec[key], P, key)
    return Normalised([Msg("user", text), Msg("assistant", label or "")], label=label, remarks=R, label_key=key)


# fields holding a conversation as a plain list of texts, user first, then alternating (UltraChat's `data`,
# DailyDialog's `dialog`)
TURN_KEYS = ("data", "dialog")


def _text_list(v: object) -> bool:
    """A list of at least two texts (what `turns` records hold; detection looks no further)."""
    return isinstance(v, list) and len(v) >= 2 and all(isinstance(x, str) for x in v)


def _alternating(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    """`{"data": [user, assistant, user, assistant, ...]}`: a conversation whose roles follow from the order."""
    key = next((k for k in TURN_KEYS if k in rec), TURN_KEYS[0])
    turns = rec.get(key)
    if not isinstance(turns, list) or not all(isinstance(x, str) for x in turns):
        P.append(("FT106", f"'{key}' must be a list of texts (user, assistant, user, ...), got {type_name(turns)}"))
        return Normalised([])
    msgs = system_field(rec, "system", P) + [
        Msg("user" if i % 2 == 0 else "assistant", text) for i, text in enumerate(turns)
    ]
    check_turns(msgs, P, R, f"'{key}'")
    return Normalised(msgs, remarks=R)


def _text(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    text = read_string(rec, "text", P)
    return Normalised([Msg("assistant", text)], remarks=R, raw_text=True)


def _transcript(rec: Mapping[str, Any], P: list[tuple[str, str]], R: list[str]) -> Normalised:
    """Plain `text` that is a Human/Assistant transcript: checked as the conversation it is."""
    text = read_string(rec, "text", P)
    msgs = system_field(rec, "system", P) + _transcript_turns(text, R)
    if not msgs:
        P.append(("FT106", "'text' holds no Human/Assistant turns"))
        return Normalised([])
    check_turns(msgs, P, R, "the transcript")
    return Normalised(msgs, remarks=R)


NORMALISERS: dict[str, Callable[[Mapping[str, Any], list[tuple[str, str]], list[str]], Normalised]] = {
    "openai-chat": _openai_chat,
    "openai-preference": _openai_preference,
    "preference-messages": _preference_messages,
    "sharegpt-preference": _sharegpt_preference,
    "preference": _preference,
    "sharegpt": _sharegpt,
    "alpaca": _alpaca,
    "prompt-completion": _prompt_completion,
    "prompt-response": _prompt_response,
    "gemini": _gemini,
    "turns": _alternating,
    "classification": _classification,
    "text": _text,
    "transcript": _transcript,
}

REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    "openai-chat": ("messages",),
    "openai-preference": ("input", "preferred_output", "non_preferred_output"),
    "preference-messages": ("chosen_messages", "rejected_messages"),
    "sharegpt-preference": ("conversations", "chosen", "rejected"),
    "preference": ("chosen", "rejected"),
    "sharegpt": ("conversations",),
    "alpaca": ("instruction", "output"),
    "prompt-completion": ("prompt", "completion"),
    "prompt-response": ("prompt", "response"),
    "gemini": ("contents",),
    "turns": ("data",),
    "classification": ("text", "label"),
    "text": ("text",),
    "transcript": ("text",),
}


def normalise(rec: Mapping[str, Any], fmt: str) -> tuple[Normalised | None, list[tuple[str, str]]]:
    """Validate and normalise one record in format `fmt`: (result, problems); result is None when unusable."""
    problems: list[tuple[str, str]] = []
    remarks: list[str] = []
    try:
        norm = NORMALISERS[fmt](rec, problems, remarks)
    except RecursionError:
        return None, [("FT112", "the record is nested too deeply")]
    if problems:
        return None, problems
    for key, kind in MEDIA_KEYS.items():
        if rec.get(key):
            norm.remarks += ["FT158", media_remark(kind)]
    extra = set(rec.keys()) - KNOWN_KEYS[fmt]
    if fmt == "openai-chat" and "messages" in rec and "interactions" in rec:
        extra.add("interactions")
    if extra:
        norm.remarks.append("FT154")
    return norm, problems


def missing_for(rec: Mapping[str, Any], fmt: str) -> list[str]:
    """Required keys of `fmt` that the record lacks (for records that do not match a forced format)."""
    req = REQUIRED_KEYS[fmt]
    if fmt == "classification":
        return [] if "text" in rec and any(k in rec for k in LABEL_KEYS) else [k for k in req if k not in rec]
    if fmt == "openai-chat":
        return [] if any(k in rec for k in CHAT_KEYS) else ["messages"]
    return [k for k in req if k not in rec]
