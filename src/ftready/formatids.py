"""Format ids and names (standard library only, so the command line can check `--format` without importing
polars)."""

from __future__ import annotations

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
    "classification": ("classification (text + label)", True),
    "text": ("plain text (continued pretraining, not a fine-tuning format)", False),
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
