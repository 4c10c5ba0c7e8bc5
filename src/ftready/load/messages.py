"""Messages and content parts: the shape every format is normalised to, and the helpers that read content
(typed parts, tool calls, system fields, labels) into it, collecting problems and remarks as they go."""

from __future__ import annotations

import json
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ftready.redact import redact

LABEL_KEYS = ("label", "category", "intent", "class")

OPENAI_ROLES = {
    "system": "system",
    "developer": "system",
    "user": "user",
    "assistant": "assistant",
    "tool": "tool",
    "function": "tool",
}
SHAREGPT_ROLES = {
    "human": "user",
    "user": "user",
    "gpt": "assistant",
    "assistant": "assistant",
    "chatgpt": "assistant",
    "model": "assistant",
    "system": "system",
    "function_call": "assistant",
    "observation": "tool",
    "tool": "tool",
    "function": "tool",
}
GEMINI_ROLES = {"user": "user", "model": "assistant", "system": "system", "function": "tool"}


@dataclass(slots=True)
class Msg:
    role: str  # system | user | assistant | tool
    content: str
    name: str | None = None
    extra: str = ""  # tool calls / function call serialised for token counting
    weight: int | None = None
    reasoning: str = ""  # the reply's reasoning (typed reasoning parts, reasoning_content), counted apart


@dataclass(slots=True)
class Normalised:
    messages: list[Msg]
    rejected: list[Msg] | None = None
    label: str | None = None
    tools: str = ""  # serialised tool definitions (counted as prompt tokens)
    remarks: list[str] = field(default_factory=list)  # finding codes that apply to this record
    raw_text: bool = False  # plain text: no chat overhead
    label_key: str | None = None  # the record field the label came from
    undesirable: bool = False  # KTO: an example to train away from (its reply is kept as the rejected side)


# ------------------------------------------------------------------------------------------------ helpers


REASONING_PARTS = frozenset({"reasoning", "thinking", "think", "reasoning_content", "redacted_thinking"})
TOOL_CALL_PARTS = frozenset({"tool_call", "tool_use", "function_call", "tool_calls"})
TOOL_RESULT_PARTS = frozenset({"tool_result", "tool_response", "function_response", "observation"})
MEDIA_KIND = {  # a media part's type -> the kind the report names
    **dict.fromkeys(("image_url", "image", "input_image"), "image"),
    **dict.fromkeys(("input_audio", "audio", "audio_url"), "audio"),
    **dict.fromkeys(("video", "video_url"), "video"),
    **dict.fromkeys(("file", "document"), "file"),
}
MEDIA_PARTS = frozenset(MEDIA_KIND)
# record-level media lists (LLaMA-Factory's multimodal layout: `<image>` tags in the text, the files beside it)
MEDIA_KEYS = {"images": "image", "videos": "video", "audios": "audio"}


def media_remark(kind: str) -> str:
    """The loader remark that counts examples holding media of `kind` (FT158 names the kinds)."""
    return f"FT158:{kind}"


@dataclass(slots=True)
class Parts:
    """What typed content parts held besides text (collected across a record's messages)."""

    reasoning: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)


def read_content(
    value: Any, where: str, problems: list[tuple[str, str]], remarks: list[str], parts_out: Parts | None = None
) -> str | None:
    """Text of a message content given as a string or a list of typed parts; None when missing. Reasoning and
    tool-call parts go to `parts_out` (dropped without it); image, audio, video and file parts are counted (FT158)."""
    if isinstance(value, str):
        return value
    if value is None:
        return None
    if isinstance(value, list):
        parts: list[str] = []
        for i, part in enumerate(value):
            if isinstance(part, str):
                parts.append(part)
                continue
            if not isinstance(part, dict):
                problems.append(("FT109", f"{where}: content part {i + 1} is not an object"))
                continue
            ptype = part.get("type")
            if ptype is not None and not isinstance(ptype, str):
                problems.append(("FT109", f"{where}: content part {i + 1} has a type that is not a string"))
                continue
            if ptype in REASONING_PARTS or ptype in TOOL_CALL_PARTS:
                body = next((part[k] for k in ("value", "text", "thinking", "reasoning", "content") if k in part), None)
                if body is None and ptype in TOOL_CALL_PARTS:
                    body = {k: v for k, v in part.items() if k != "type"}
                if parts_out is not None and body not in (None, ""):
                    target = parts_out.reasoning if ptype in REASONING_PARTS else parts_out.calls
                    target.append(_dump(body))
                continue
            if ptype in TOOL_RESULT_PARTS:
                body = next((part[k] for k in ("value", "text", "content", "output") if k in part), "")
                parts.append(_dump(body) if body is not None else "")
                continue
            if ptype in (None, "text", "input_text", "output_text"):
                txt = part.get("text", part.get("value"))
                if isinstance(txt, str):
                    parts.append(txt)
                elif ptype is None and len(part) == 1 and next(iter(part)) in ("image", "document", "video"):
                    remarks += ["FT158", media_remark(MEDIA_KIND[next(iter(part))])]
                else:
                    problems.append(("FT109", f"{where}: text part {i + 1} has no string 'text'"))
            elif ptype in MEDIA_PARTS:
                remarks += ["FT158", media_remark(MEDIA_KIND[ptype])]
            else:
                problems.append(("FT109", f"{where}: content part {i + 1} has unknown type {show(ptype)}"))
        return "".join(parts)
    problems.append(("FT109", f"{where}: content must be a string or a list of parts, got {type_name(value)}"))
    return ""


_SHOW = reprlib.Repr()
_SHOW.maxstring = _SHOW.maxother = _SHOW.maxlong = 40
_SHOW.maxlevel, _SHOW.maxlist, _SHOW.maxdict = 2, 3, 3


def show(v: Any) -> str:
    """A short, one-line repr of a value taken from the data, for problem messages: its strings are masked
    (`ftready.redact.redact`) before they are shortened, so that no part of a secret is shown."""
    return _SHOW.repr(_masked(v))


def _masked(v: Any, depth: int = 0) -> Any:
    if isinstance(v, str):
        return redact(v)
    if depth > 3:
        return v
    if isinstance(v, list):
        return [_masked(x, depth + 1) for x in v[:10]] + (v[10:] if len(v) > 10 else [])
    if isinstance(v, dict):
        return {_masked(k, depth + 1): _masked(x, depth + 1) for k, x in list(v.items())[:10]} | (
            dict(list(v.items())[10:]) if len(v) > 10 else {}
        )
    return v


def type_name(v: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(v), type(v).__name__)


def _dump(v: Any) -> str:
    if isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _tool_calls(value: Any, where: str, problems: list[tuple[str, str]]) -> str:
    if not isinstance(value, list) or not value:
        problems.append(("FT115", f"{where}: tool_calls must be a non-empty list"))
        return ""
    for i, call in enumerate(value):
        fn = call.get("function") if isinstance(call, dict) else None
        if not isinstance(fn, dict) or not isinstance(fn.get("name"), str) or not fn.get("name"):
            problems.append(("FT115", f"{where}: tool call {i + 1} needs a function with a name"))
        elif "arguments" in fn and not isinstance(fn["arguments"], (str, dict)):
            problems.append(("FT115", f"{where}: tool call {i + 1}: arguments must be a JSON string"))
    return _dump(value)


def chat_messages(
    msgs: Any,
    *,
    key: str,
    roles: Mapping[str, str],
    role_key: str = "role",
    content_keys: tuple[str, ...] = ("content", "text"),
    problems: list[tuple[str, str]],
    remarks: list[str],
) -> list[Msg]:
    if not isinstance(msgs, list):
        problems.append(("FT106", f"'{key}' must be a list of messages, got {type_name(msgs)}"))
        return []
    if not msgs:
        problems.append(("FT106", f"'{key}' is empty"))
        return []
    out: list[Msg] = []
    first_key = content_keys[0]
    for i, m in enumerate(msgs):
        # fast path: the common {"role": ..., "content": "..."} message
        if type(m) is dict and len(m) == 2:
            content = m.get(first_key)
            raw = m.get(role_key)
            if type(content) is str and type(raw) is str and raw != "function_call":
                mapped = roles.get(raw)
                if mapped is not None:
                    out.append(Msg(mapped, content))
                    continue
        where = f"{key}[{i}]"
        if not isinstance(m, dict):
            problems.append(("FT107", f"{where} is not an object"))
            continue
        raw_role = m.get(role_key)
        if raw_role is None:
            problems.append(("FT107", f"{where} has no '{role_key}'"))
            continue
        if not isinstance(raw_role, str) or raw_role not in roles:
            allowed = ", ".join(sorted(set(roles)))
            problems.append(("FT108", f"{where}: unknown role {show(raw_role)} (allowed: {allowed})"))
            continue
        role = roles[raw_role]
        content_value = None
        for ck in content_keys:
            if ck in m:
                content_value = m[ck]
                break
        extra = ""
        if "tool_calls" in m and m["tool_calls"] is not None:
            extra = _tool_calls(m["tool_calls"], where, problems)
        if "function_call" in m and m["function_call"] is not None:
            extra = _dump(m["function_call"])
        if raw_role == "function_call":  # ShareGPT: the value is the call itself
            extra = _dump(content_value) if content_value is not None else ""
            content_value = ""
        typed = Parts()
        content = read_content(content_value, where, problems, remarks, typed)
        if typed.calls:
            extra = "\n".join([extra, *typed.calls]) if extra else "\n".join(typed.calls)
        reasoning = "\n\n".join(typed.reasoning)
        rc = m.get("reasoning_content", m.get("reasoning", m.get("thinking")))
        if isinstance(rc, str) and rc.strip():
            reasoning = f"{reasoning}\n\n{rc}" if reasoning else rc
        if content is None:
            if role == "assistant" and extra:
                content = ""
            else:
                problems.append(("FT109", f"{where} ({raw_role}) has no content"))
                continue
        name = m.get("name")
        if name is not None and not isinstance(name, str):
            problems.append(("FT107", f"{where}: name must be a string"))
            name = None
        weight = m.get("weight")
        if weight is not None and (isinstance(weight, bool) or not isinstance(weight, int) or weight not in (0, 1)):
            problems.append(("FT114", f"{where}: weight must be 0 or 1, got {show(weight)}"))
            weight = None
        out.append(Msg(role, content, name, extra, weight, reasoning))
    return out


def check_turns(msgs: list[Msg], problems: list[tuple[str, str]], remarks: list[str], where: str) -> None:
    if not msgs and problems:
        return  # the missing or broken message list is already reported
    assistants = empty = trained = 0
    has_user = has_system = out_of_order = False
    prev = last = ""
    for m in msgs:
        role = m.role
        if role == "system":
            has_system = True
            continue
        if role == "assistant":
            assistants += 1
            c = m.content
            if not m.extra and (not c or c.isspace()):
                empty += 1
            if m.weight != 0:
                trained += 1
        elif role == "user":
            has_user = True
        if role == prev and role in ("user", "assistant"):
            out_of_order = True
        prev = last = role
    if not assistants:
        problems.append(("FT111", f"{where} has no assistant turn"))
        return
    if empty == assistants:
        problems.append(("FT110", f"{where}: every assistant reply is empty"))
    elif empty:
        problems.append(("FT110", f"{where}: an assistant reply is empty"))
    if not trained:
        remarks.append("FT157")
    if not has_user:
        remarks.append("FT151")
    if not has_system:
        remarks.append("FT150")
    elif msgs[0].role != "system":
        out_of_order = True  # a system prompt after the conversation started
    if out_of_order:
        remarks.append("FT152")
    if last and last != "assistant":
        remarks.append("FT153")


def read_string(
    rec: Mapping[str, Any],
    key: str,
    problems: list[tuple[str, str]],
    *,
    required: bool = True,
    allow_empty: bool = False,
) -> str:
    v = rec.get(key)
    if v is None:
        if required:
            problems.append(("FT112", f"'{key}' is missing" if key not in rec else f"'{key}' is null"))
        return ""
    if not isinstance(v, str):
        problems.append(("FT112", f"'{key}' must be a string, got {type_name(v)}"))
        return ""
    if required and not allow_empty and not v.strip():
        problems.append(("FT113", f"'{key}' is empty"))
    return v


def read_label(v: Any, problems: list[tuple[str, str]], key: str) -> str | None:
    if v is None:
        problems.append(("FT117", f"'{key}' is null"))
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        if not v.strip():
            problems.append(("FT117", f"'{key}' is empty"))
        return v.strip()
    problems.append(("FT117", f"'{key}' must be a string, number or boolean, got {type_name(v)}"))
    return None


def system_field(rec: Mapping[str, Any], key: str, problems: list[tuple[str, str]]) -> list[Msg]:
    v = rec.get(key)
    if v is None or v == "":
        return []
    if isinstance(v, str):
        return [Msg("system", v)]
    if isinstance(v, list):  # Bedrock Converse: [{"text": ...}]
        txt = read_content(v, key, problems, [])
        return [Msg("system", txt or "")]
    problems.append(("FT112", f"'{key}' must be a string, got {type_name(v)}"))
    return []


def tools_text(rec: Mapping[str, Any]) -> str:
    for k in ("tools", "functions", "available_tools"):
        v = rec.get(k)
        if v not in (None, "", [], "[]"):
            return _dump(v)
    return ""


def prompt_or_messages(
    v: Any, key: str, problems: list[tuple[str, str]], remarks: list[str], default_role: str
) -> list[Msg]:
    """A field that is either a string or a list of role/content messages (TRL conversational)."""
    if isinstance(v, str):
        return [Msg(default_role, v)]
    if isinstance(v, list):
        return chat_messages(v, key=key, roles=OPENAI_ROLES, problems=problems, remarks=remarks)
    if isinstance(v, dict) and ("role" in v or "from" in v):
        roles = OPENAI_ROLES if "role" in v else SHAREGPT_ROLES
        rk, ck = ("role", ("content", "text")) if "role" in v else ("from", ("value",))
        return chat_messages(
            [v], key=key, roles=roles, role_key=rk, content_keys=ck, problems=problems, remarks=remarks
        )
    problems.append(("FT112", f"'{key}' must be a string or a list of messages, got {type_name(v)}"))
    return []
