"""The code table: every FTxxx code, once. The pipeline, `ftready checks`, `ftready explain`, the docs generator
and the tests all iterate this table and nothing else.

A row gives the code, the name, the default severity, the rule function (None for the loader's per-record
problem codes), the sections the rule reads and its parameter defaults. The documentation of a rule is its
function's docstring; a problem code's documentation is its row's text (the loader emits problem codes and
cannot import rules).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping

from ftready.model import Severity
from ftready.rules import churn, costs, diversity, duplicates, labels, privacy, quality, risk, size
from ftready.rules import format as format_rules
from ftready.rules.base import Params, Rule, RuleFn
from ftready.stages.base import TOKENS
from ftready.stages.risk import DEFAULTS as RISK_DEFAULTS

FAMILIES: Mapping[str, str] = {
    "FT1": "format",
    "FT2": "size and tokens",
    "FT3": "duplicates, conflicts and leakage",
    "FT4": "diversity",
    "FT5": "label balance",
    "FT6": "overfitting and change risk",
    "FT7": "costs and pricing",
    "FT8": "privacy and secrets",
    "FT9": "text quality",
}

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

_PROBLEM_WHY = (
    "Fine-tuning services reject a whole upload when one record is malformed, usually with a terse message and "
    "often only after the job has been queued. ftready reads every record, so every broken one is listed with "
    "its line, instead of stopping at the first."
)


def _problem(code: str, name: str, summary: str, finds: str, fix: str) -> Rule:
    text = (
        f"{summary}\n\nWhat it finds:\n{finds}\n\nWhy it matters:\n{_PROBLEM_WHY}\n\nHow to fix:\n{fix}\n\n"
        "Parameters:\nNone."
    )
    return Rule(code, name, E, None, doc_text=text)


def _rule(
    code: str, name: str, severity: Severity, fn: RuleFn, reads: Iterable[str] = (), **params: bool | int | float | str
) -> Rule:
    return Rule(code, name, severity, fn, tuple(reads), dict(params))


CODES: tuple[Rule, ...] = (
    # FT1xx format: per-record problems (emitted by the loader), then findings on the file
    _rule("FT100", "invalid-records", E, format_rules.invalid_records),
    _problem(
        "FT101", "invalid-json", "The line (or array element) is not valid JSON.",
        "Records that do not parse as JSON: a missing brace or quote, a trailing comma, NaN, a truncated line.",
        "Repair the JSON or drop the record (`ftready clean` drops it).",
    ),
    _problem(
        "FT102", "not-an-object", "The record is valid JSON but not an object ({...}).",
        "Records that are a list, a string or a number instead of an object.",
        "Wrap the record in the object its format expects, or drop it.",
    ),
    _problem(
        "FT103", "invalid-utf8", "The line contains bytes that are not valid UTF-8.",
        "Lines with bytes that do not decode as UTF-8 (often a file saved in another encoding).",
        "Re-save the file as UTF-8 from its original encoding.",
    ),
    _problem(
        "FT104", "unknown-format", "The record's keys match no fine-tuning format ftready knows.",
        "Records whose keys fit none of the formats ftready reads.",
        "Rename the fields to those of a known format.",
    ),
    _problem(
        "FT105", "mixed-format", "The record is in a different format from the rest of the file.",
        "Records in another format than the file's most common one.",
        "Convert the records to one format; providers reject mixed files.",
    ),
    _problem(
        "FT106", "missing-messages", "The conversation list is missing, not a list, or empty.",
        "Chat records without a usable list of messages.",
        "Give each record a non-empty list of messages.",
    ),
    _problem(
        "FT107", "bad-message", "A message is not an object or has no role.",
        "Messages that are not objects, or have no role.",
        "Give every message a role and content.",
    ),
    _problem(
        "FT108", "unknown-role", "A message has a role the format does not allow.",
        "Messages whose role is not one of the format's roles (system, user, assistant, tool, ...).",
        "Use the format's role names.",
    ),
    _problem(
        "FT109", "bad-content", "A message's content is missing or not text.",
        "Messages whose content is missing, null or of a type the format does not allow.",
        "Give the message text content (or typed parts the format allows).",
    ),
    _problem(
        "FT110", "empty-reply", "An assistant reply is empty.",
        "Assistant turns with no text.",
        "Write the reply or drop the turn; an empty reply teaches the model to say nothing.",
    ),
    _problem(
        "FT111", "no-assistant", "The example has no assistant turn, so there is nothing to learn.",
        "Conversations without any assistant turn.",
        "Add the reply the model should learn, or drop the record.",
    ),
    _problem(
        "FT112", "missing-field", "A required field is missing or has the wrong type.",
        "Records without a field their format requires (a prompt, a completion, an output), or with a field of the "
        "wrong type.",
        "Add the field, or name the fields the data uses with --map.",
    ),
    _problem(
        "FT113", "empty-field", "A required text field is empty.",
        "Records whose required text field is an empty string.",
        "Fill the field or drop the record.",
    ),
    _problem(
        "FT114", "bad-weight", "A message weight is not 0 or 1.",
        "Assistant turns whose `weight` is neither 0 nor 1.",
        "Use 0 (not learned) or 1 (learned).",
    ),
    _problem(
        "FT115", "bad-tool-call", "A tool call is malformed.",
        "Tool calls without an id, a function name, or with arguments that are not a JSON string.",
        "Follow the format's tool-call shape.",
    ),
    _problem(
        "FT116", "unreadable", "The record could not be read (truncated file, bad CSV row, read error).",
        "Records cut off by a truncated file, CSV rows that do not parse, or read errors.",
        "Re-export the file, or drop the unreadable records.",
    ),
    _problem(
        "FT117", "bad-label", "The label is not a string, number or boolean.",
        "Records whose label is a list, an object or null.",
        "Give each record a single label value.",
    ),
    _rule("FT150", "no-system-prompt", I, format_rules.no_system_prompt),
    _rule("FT151", "no-user-message", W, format_rules.no_user),
    _rule("FT152", "turn-order", W, format_rules.turn_order),
    _rule("FT153", "ends-without-reply", W, format_rules.ends_without_reply),
    _rule("FT154", "extra-keys", I, format_rules.extra_keys),
    _rule("FT155", "pretraining-text", W, format_rules.pretraining_text),
    _rule("FT156", "special-tokens", W, format_rules.special_tokens),
    _rule("FT157", "nothing-trained", W, format_rules.nothing_trained),
    _rule("FT158", "non-text-content", I, format_rules.non_text),
    _rule("FT159", "chat-template-text", W, format_rules.chat_template_text),
    # FT2xx size and tokens
    _rule("FT201", "dataset-size", E, size.dataset_size, error_below=10, warning_below=100, info_below=1000),
    _rule("FT210", "over-token-limit", W, size.over_limit, [TOKENS]),
    _rule("FT211", "length-outliers", I, size.length_outliers, [TOKENS], ratio_to_p95=10.0),
    _rule("FT212", "approximate-tokens", I, size.approximate_tokens, [TOKENS]),
    # FT3xx duplicates, conflicts and leakage
    _rule("FT301", "exact-duplicates", W, duplicates.exact_duplicates, ["duplicates"], error_share=0.10),
    _rule(
        "FT302", "near-duplicates", W, duplicates.near_duplicates, ["duplicates"],
        threshold=0.8, warn_share=0.05, error_share=0.30,
    ),
    _rule("FT303", "conflicting-answers", W, duplicates.conflicting_answers, ["duplicates"]),
    _rule("FT304", "validation-leakage", W, duplicates.validation_leakage, ["duplicates"], error_share=0.05),
    _rule("FT305", "unfilled-placeholders", W, duplicates.unfilled_placeholders, ["duplicates"]),
    _rule("FT306", "shared-replies", I, duplicates.shared_replies, ["duplicates"]),
    # FT4xx diversity
    _rule(
        "FT401", "low-lexical-diversity", W, diversity.low_lexical_diversity, ["diversity"], min_distinct_2=0.25,
        max_compression_ratio=6.0,
    ),
    _rule(
        "FT402", "dominant-responses", W, diversity.dominant_responses, ["diversity"], max_share=0.05, min_count=5,
        max_canned_share=0.2,
    ),
    _rule("FT403", "boilerplate-replies", W, diversity.boilerplate, ["diversity"], max_share=0.2),
    _rule("FT404", "repetitive-openings", W, diversity.repetitive_openings, ["diversity"], max_share=0.3),
    _rule("FT405", "templated-prompts", I, diversity.templated_prompts, ["diversity"], max_share=0.5),
    _rule(
        "FT406", "narrow-topics", W, diversity.narrow_topics, ["diversity"], max_largest_share=0.35, min_entropy=0.7,
        min_sample=200,
    ),
    # FT5xx label balance
    _rule("FT501", "rare-label", W, labels.rare_label, ["labels"], min_examples=20),
    _rule("FT502", "label-imbalance", W, labels.label_imbalance, ["labels"], max_ratio=10.0),
    _rule("FT503", "single-label", W, labels.single_label, ["labels"]),
    # FT6xx overfitting and change risk
    _rule("FT601", "overfitting-risk", W, risk.overfitting_risk, ["risk"], **RISK_DEFAULTS),
    _rule("FT610", "frequent-retraining", W, churn.frequent_retraining, ["churn", "costs"], max_updates_per_year=12.0),
    _rule(
        "FT611", "time-sensitive-content", I, churn.time_sensitive, ["time_sensitive"], info_share=0.05,
        warning_share=0.25,
    ),
    _rule("FT612", "data-churn", I, churn.data_churn, ["churn"]),
    # FT7xx costs and pricing
    _rule("FT701", "stale-prices", W, costs.stale_prices, ["costs"], max_age_days=90),
    _rule("FT702", "model-lifecycle", W, costs.model_lifecycle, ["costs"]),
    _rule("FT703", "unknown-price", W, costs.unknown_price, ["costs"]),
    _rule("FT704", "retraining-exceeds-rag", I, costs.retraining_exceeds_rag, ["costs"], ratio=1.0),
    _rule("FT706", "unconfirmed-prices", I, costs.unconfirmed_prices, ["costs"]),
    _rule("FT707", "hosting-dominates", I, costs.hosting_dominates, ["costs"], share=0.5),
    _rule("FT708", "method-does-not-fit-data", W, costs.method_does_not_fit_data, ["costs"]),
    # FT8xx privacy and secrets
    _rule("FT801", "secrets", E, privacy.secrets, ["privacy"]),
    _rule("FT802", "personal-data", W, privacy.personal_data, ["privacy"]),
    _rule("FT803", "credit-card-numbers", E, privacy.credit_card_numbers, ["privacy"]),
    _rule("FT804", "privacy-placeholders", I, privacy.privacy_placeholders, ["privacy"]),
    # FT9xx text quality
    _rule("FT901", "mojibake", W, quality.mojibake, ["quality"]),
    _rule("FT902", "html-in-text", W, quality.html_in_text, ["quality"]),
    _rule("FT903", "placeholder-text", W, quality.placeholder_text, ["quality"]),
    _rule("FT904", "refusal-boilerplate", W, quality.refusal_boilerplate, ["quality"]),
    _rule("FT905", "truncated-reply", W, quality.truncated_reply, ["quality"]),
    _rule("FT906", "language-mismatch", I, quality.language_mismatch, ["quality"]),
)  # fmt: skip

# Codes that existed and were removed: code -> (name, why). A configuration that selects, ignores or mentions one
# still loads (it selects nothing); `ftready explain` says why it is gone. A removed code is never reused.
REMOVED: Mapping[str, tuple[str, str]] = {
    "FT705": (
        "unknown-model",
        "a model no pricing table lists is refused before the run (exit 2, naming the closest ids), so no finding "
        "is needed",
    ),
}

BY_CODE: Mapping[str, Rule] = {r.code: r for r in CODES}
BY_NAME: Mapping[str, Rule] = {r.name: r for r in CODES}
assert len(BY_CODE) == len(CODES) and len(BY_NAME) == len(CODES), "a code or a name is in the table twice"


def family(code: str) -> str:
    return FAMILIES.get(code[:3], "other")


def lookup(code_or_name: str) -> Rule:
    """A row by code (`FT301`, any case) or name (`exact-duplicates`); KeyError when unknown."""
    row = BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name)
    if row is None:
        raise KeyError(code_or_name)
    return row


def removed(code_or_name: str) -> str | None:
    """The code of a removed check (by code or name), or None."""
    up = code_or_name.upper()
    if up in REMOVED:
        return up
    return next((code for code, (name, _) in REMOVED.items() if name == code_or_name), None)


def resolve_code(code_or_name: str) -> str | None:
    try:
        return lookup(code_or_name).code
    except KeyError:
        return None


def is_selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Ruff-style selection by code prefix: the longest matching prefix wins; ignore wins ties."""
    select = tuple(select)
    sel = [p for p in select if code.startswith(p)]
    ign = [p for p in ignore if code.startswith(p)]
    best_sel = max((len(p) for p in sel), default=-1 if select else 0)
    best_ign = max((len(p) for p in ign), default=-1)
    return best_sel >= 0 and best_sel > best_ign


DEFAULTS: Mapping[str, Params] = {r.code: r.params for r in CODES}  # code -> parameter defaults


def explain(code_or_name: str) -> str:
    """`ftready explain CODE`: the row and its documentation as plain text; KeyError when unknown."""
    gone = removed(code_or_name)
    if gone is not None:
        name, why = REMOVED[gone]
        return "\n".join([f"{gone} {name} (removed)", "", *_wrap(f"Removed: {why}.")]) + "\n"
    r = lookup(code_or_name)
    d = r.doc
    lines = [f"{r.code} {r.name} ({r.severity.value}, {family(r.code)})", "", *_wrap(d.summary)]
    for head, body in (("What it finds", d.what), ("Why it matters", d.why), ("How to fix", d.fix)):
        if body:
            lines += ["", f"{head}:", *_wrap(body, "  ")]
    if r.params:
        lines += ["", "Parameters (set with --set CODE.param=value or [tool.ftready.checks.CODE]):"]
        for k, v in r.params.items():
            lines += _wrap(f"{k} = {v!r}" + (f": {d.parameter(k)}" if d.parameter(k) else ""), "  ", "      ")
    return "\n".join(lines) + "\n"


def _wrap(text: str, indent: str = "", rest: str | None = None, width: int = 100) -> list[str]:
    out: list[str] = []
    for para in text.split("\n"):
        out += textwrap.wrap(
            para, width, initial_indent=indent, subsequent_indent=rest or indent, break_on_hyphens=False
        ) or [""]
    return out
