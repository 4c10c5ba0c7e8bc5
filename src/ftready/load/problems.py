"""Problem codes: why a record cannot be used as a training example (FT101-FT119).

Problems are collected per record and never stop the run. The FT100 finding summarises them.
"""

from __future__ import annotations

from ftready.checks.registry import describe
from ftready.model import Severity

_E = Severity.ERROR

PROBLEM_CODES: dict[str, tuple[str, str]] = {
    "FT101": ("invalid-json", "The line (or array element) is not valid JSON."),
    "FT102": ("not-an-object", "The record is valid JSON but not an object ({...})."),
    "FT103": ("invalid-utf8", "The line contains bytes that are not valid UTF-8."),
    "FT104": ("unknown-format", "The record's keys match no fine-tuning format ftready knows."),
    "FT105": ("mixed-format", "The record is in a different format from the rest of the file."),
    "FT106": ("missing-messages", "The conversation list is missing, not a list, or empty."),
    "FT107": ("bad-message", "A message is not an object or has no role."),
    "FT108": ("unknown-role", "A message has a role the format does not allow."),
    "FT109": ("bad-content", "A message's content is missing or not text."),
    "FT110": ("empty-reply", "An assistant reply is empty."),
    "FT111": ("no-assistant", "The example has no assistant turn, so there is nothing to learn."),
    "FT112": ("missing-field", "A required field is missing or has the wrong type."),
    "FT113": ("empty-field", "A required text field is empty."),
    "FT114": ("bad-weight", "A message weight is not 0 or 1."),
    "FT115": ("bad-tool-call", "A tool call is malformed."),
    "FT116": ("unreadable", "The record could not be read (truncated file, bad CSV row, read error)."),
    "FT117": ("bad-label", "The label is not a string, number or boolean."),
}

_EXPLANATION = (
    "Fine-tuning services reject a whole upload when one record is malformed, usually with a terse message "
    "and often only after the job has been queued. ftready reads every record, so every broken one is listed "
    "with its line, instead of stopping at the first."
)

for _code, (_name, _summary) in PROBLEM_CODES.items():
    describe(_code, _name, _E, _summary, _EXPLANATION)


def code_name(code: str) -> str:
    return PROBLEM_CODES[code][0]
