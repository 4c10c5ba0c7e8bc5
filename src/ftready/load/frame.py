"""The canonical frame: one row per valid example, whatever the input format.

Columns
-------
line            1-based physical line (JSONL) or record number (JSON array, CSV) of the example
format          format id of the record (see ftready.formatids.FORMATS)
system          the system prompt ("" when there is none)
prompt          every non-system, non-assistant turn, in order, joined by a blank line
response        every assistant turn joined by a blank line (for preference data: the preferred reply)
rejected        preference data: the rejected reply, else null
text            what duplicate and diversity checks compare: the conversation without the system prompt,
                one "role: content" block per turn
label           the record's label when the format has one (classification text+label, KTO true/false), else null
n_messages      number of messages after normalisation (system included)
n_assistant     number of assistant turns
bytes           UTF-8 length of all message text of the example
tokens          tokens of the whole example under the chat counting convention (filled by ftready.tokens)
response_tokens tokens of the assistant turns (filled by ftready.tokens)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

SCHEMA: dict[str, pl.DataType] = {
    "line": pl.Int64(),
    "format": pl.String(),
    "system": pl.String(),
    "prompt": pl.String(),
    "response": pl.String(),
    "rejected": pl.String(),
    "text": pl.String(),
    "label": pl.String(),
    "n_messages": pl.Int32(),
    "n_assistant": pl.Int32(),
    "bytes": pl.Int64(),
    "tokens": pl.Int64(),
    "response_tokens": pl.Int64(),
}
COLUMNS = tuple(SCHEMA)


def empty_frame() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


def frame_from_rows(rows: Sequence[Mapping[str, Any]]) -> pl.DataFrame:
    """Build a canonical frame from dicts (missing keys get sensible defaults). Used by tests and tools."""
    cols: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for i, r in enumerate(rows):
        system = r.get("system", "") or ""
        prompt = r.get("prompt", "") or ""
        response = r.get("response", "") or ""
        text = r.get("text")
        if text is None:
            text = (f"user: {prompt}\n" if prompt else "") + f"assistant: {response}"
        defaults = {
            "line": i + 1,
            "format": "openai-chat",
            "system": system,
            "prompt": prompt,
            "response": response,
            "rejected": None,
            "text": text,
            "label": None,
            "n_messages": (1 if system else 0) + (1 if prompt else 0) + 1,
            "n_assistant": 1,
            "bytes": len((system + prompt + response).encode()),
            "tokens": None,
            "response_tokens": None,
        }
        for c in COLUMNS:
            cols[c].append(defaults[c] if c in ("system", "prompt", "response", "text") else r.get(c, defaults[c]))
    return pl.DataFrame(cols, schema=SCHEMA)
