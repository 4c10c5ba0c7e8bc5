"""Format ids and names (standard library only, so the command line can check `--format` without importing
polars)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ftready.errors import UsageError

# format id -> (human name, is a supervised fine-tuning format)
FORMATS: dict[str, tuple[str, bool]] = {
    "openai-chat": ("OpenAI chat (messages)", True),
    "openai-preference": ("OpenAI preference (input / preferred_output / non_preferred_output)", True),
    "preference-messages": ("preference with full message lists (chosen_messages / rejected_messages)", True),
    "sharegpt-preference": ("ShareGPT preference (conversations + chosen / rejected)", True),
    "preference": ("preference (prompt / chosen / rejected)", True),
    "sharegpt": ("ShareGPT (conversations with from / value)", True),
    "alpaca": ("Alpaca (instruction / input / output)", True),
    "prompt-completion": ("prompt / completion", True),
    "prompt-response": ("prompt / response (or question / answer)", True),
    "gemini": ("Vertex AI Gemini (contents with parts)", True),
    "turns": ("alternating user / assistant texts (a list in data or dialog, as in UltraChat)", True),
    "classification": ("classification (text + label)", True),
    "text": ("plain text (continued pretraining, not a fine-tuning format)", False),
    "transcript": ('conversations in "text" (Human/Assistant, or rendered with a chat template)', True),
}

ALIASES = {
    "chat": "openai-chat",
    "openai": "openai-chat",
    "messages": "openai-chat",
    "dpo": "openai-preference",
    "completion": "prompt-completion",
    "pretraining": "text",
}


def resolve_format(name: str | None) -> str | None:
    if name is None:
        return None
    key = ALIASES.get(name, name)
    if key not in FORMATS:
        raise UsageError(f"--format {name}: unknown format (known: {', '.join(FORMATS)})")
    return key


# the roles a record field can be mapped to with --map (see ftready.load.mapping)
MAP_ROLES = ("prompt", "input", "reply", "system", "label")
_ROLE_ALIASES = {"text": "prompt", "instruction": "prompt", "response": "reply", "output": "reply"}


def parse_map(spec: str | Iterable[str] | Mapping[str, object], source: str = "--map") -> dict[str, str]:
    """`reply=response,prompt=question` (or a TOML table) as role -> field. Raises UsageError naming the
    problem."""
    out: dict[str, str] = {}
    items: list[tuple[str, object]]
    if isinstance(spec, Mapping):
        items = [(str(k), v) for k, v in spec.items()]
    else:
        parts = [spec] if isinstance(spec, str) else list(spec)
        items = []
        for part in parts:
            for item in part.split(","):
                if not item.strip():
                    continue
                if "=" not in item:
                    raise UsageError(f"{source}: {item.strip()!r}: expected ROLE=FIELD, e.g. reply=response")
                left, _, right = item.partition("=")
                items.append((left.strip(), right.strip()))
    for given, fld in items:
        role = _ROLE_ALIASES.get(given, given)
        if role not in MAP_ROLES:
            raise UsageError(f"{source}: unknown role {role!r} (known: {', '.join(MAP_ROLES)})")
        if not isinstance(fld, str) or not fld:
            raise UsageError(f"{source}: {role}: the field name must be a non-empty string")
        out[role] = fld
    return out
