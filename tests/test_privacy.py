"""Secrets and personal data (FT801-FT804): the privacy stage's section and the rules that read it.

The detectors themselves are tested in `test_redact.py`; the planted values (`planted.py`) are fake.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest

from ftready.errors import Cancelled
from ftready.model import Finding, PrivacyCategory, PrivacySection, Severity
from ftready.pipeline import compute, run_rule
from ftready.redact import KINDS
from ftready.rules.codes import family, lookup
from ftready.stages import privacy
from ftready.stages.context import Context
from planted import AWS_DOC_KEY, AWS_LABEL, CARD, MC_CARD, PERSONAL, PHONES_MORE, PLACEHOLDERS, SECRETS, group4
from testkit import obj

MakeCtx = Callable[..., Context]


def section_of(ctx: Context) -> PrivacySection:
    compute(ctx, "privacy")
    assert ctx.privacy is not None
    return ctx.privacy


def planted_rows() -> list[dict[str, Any]]:
    """Rows with planted values in every scanned column, lines numbered 10, 20, 30... with clean rows between."""
    s, p = SECRETS, PERSONAL
    rows: list[dict[str, Any]] = [
        {"line": 10, "system": "You are a deploy bot. Key: " + s["openai-key"], "prompt": "hi", "response": "ok"},
        {"line": 15, "prompt": "What is 2+2?", "response": "4"},
        {
            "line": 20,
            "prompt": "Configure the client with " + s["anthropic-key"] + " and " + s["aws-access-key-id"],
            "response": "Set " + AWS_LABEL + s["aws-secret-key"] + " in the config.",
        },
        {"line": 30, "prompt": "token?", "response": "Use " + s["github-token"] + ", or " + s["slack-token"] + "."},
        {"line": 40, "prompt": "Post to " + s["slack-webhook"], "response": "Google key: " + s["google-api-key"]},
        {
            "line": 50,
            "prompt": "Billing",
            "response": "Stripe: " + s["stripe-key"],
            "rejected": "Here is my key:\n" + s["private-key"] + "\nkeep it safe",
        },
        {"line": 60, "prompt": "Auth header?", "response": "Bearer " + s["jwt"] + " then " + s["url-credentials"]},
        {
            "line": 70,
            "prompt": "Contact " + p["email"] + " or call " + p["phone"] + ".",
            "response": "Logged in from " + p["ip-address"] + ".",
        },
        {"line": 80, "prompt": "Other numbers: " + ", ".join(PHONES_MORE), "response": "Noted, " + p["email"]},
        {
            "line": 90,
            "prompt": "Pay with " + group4(CARD, " ") + " or " + group4(MC_CARD, "-") + " please",
            "response": "Card ending " + CARD[-4:] + " charged.",
        },
        {
            "line": 100,
            "system": "Write to " + PLACEHOLDERS["placeholder-email"],
            "prompt": "Call " + PLACEHOLDERS["placeholder-phone"] + " from " + PLACEHOLDERS["placeholder-ip"],
            "response": "Test card " + PLACEHOLDERS["placeholder-card"] + ", key " + AWS_DOC_KEY,
        },
        {"line": 110, "prompt": "Nothing here.", "response": "Version 1.2.3.4 shipped on 2023-05-12."},
    ]
    return rows


EXPECTED: dict[str, tuple[int, list[int]]] = {
    "private-key": (1, [50]),
    "openai-key": (1, [10]),
    "anthropic-key": (1, [20]),
    "aws-access-key-id": (1, [20]),
    "aws-secret-key": (1, [20]),
    "github-token": (1, [30]),
    "slack-token": (1, [30]),
    "slack-webhook": (1, [40]),
    "google-api-key": (1, [40]),
    "stripe-key": (1, [50]),
    "jwt": (1, [60]),
    "url-credentials": (1, [60]),
    "credit-card": (2, [90]),
    "email": (2, [70, 80]),
    "phone": (5, [70, 80]),
    "ip-address": (1, [70]),
    "placeholder-secret": (1, [100]),
    "placeholder-card": (1, [100]),
    "placeholder-email": (1, [100]),
    "placeholder-phone": (1, [100]),
    "placeholder-ip": (1, [100]),
}


def run_checks(ctx: Context) -> dict[str, Finding]:
    if ctx.privacy is None:
        compute(ctx, "privacy")
    out = {}
    for code in ("FT801", "FT802", "FT803", "FT804"):
        found = run_rule(ctx, code)
        assert len(found) <= 1
        if found:
            out[code] = found[0]
    return out


# ---------------------------------------------------------------------------------------------------------------
# Everything planted is found, per kind and line


def test_every_planted_item_is_found_with_exact_counts_and_lines(make_ctx: MakeCtx) -> None:
    section = section_of(make_ctx(planted_rows()))
    got = {kind: (k.count, list(k.lines)) for kind, k in section.kinds.items()}
    assert got == EXPECTED
    assert list(section.kinds) == [k for k in KINDS if k in EXPECTED]  # fixed report order
    real = sum(n for k, (n, _) in EXPECTED.items() if not k.startswith("placeholder-"))
    assert section.total == real
    assert section.placeholders == 5
    assert section.examples == 9  # lines 10-90 less the clean line 15
    assert section.columns == ("system", "prompt", "response", "rejected")
    for kind, entry in section.kinds.items():
        assert entry.category is KINDS[kind]
        assert entry.examples == len(entry.lines)
        assert 1 <= len(entry.examples_masked) == len(set(entry.examples_masked))
    assert list(section.of(PrivacyCategory.CARD)) == ["credit-card"]
    assert list(section.of(PrivacyCategory.PERSONAL)) == ["email", "phone", "ip-address"]


def test_findings_have_codes_severities_counts_and_lines(make_ctx: MakeCtx) -> None:
    findings = run_checks(make_ctx(planted_rows()))
    assert set(findings) == {"FT801", "FT802", "FT803", "FT804"}
    f801, f802, f803, f804 = (findings[c] for c in ("FT801", "FT802", "FT803", "FT804"))
    assert (f801.severity, f802.severity, f803.severity, f804.severity) == (
        Severity.ERROR,
        Severity.WARNING,
        Severity.ERROR,
        Severity.INFO,
    )
    assert f801.count == 12 and f801.lines == (10, 20, 30, 40, 50, 60) and f801.value == 6
    assert f802.count == 8 and f802.lines == (70, 80) and f802.value == 2
    assert f803.count == 2 and f803.lines == (90,)
    assert f804.count == 5 and f804.lines == (100,)
    assert f801.message.startswith("12 secrets in 6 examples: private-key ×1")
    assert "openai-key ×1 (e.g. sk-proj-…[REDACTED" in f801.message
    assert "phone ×5" in f802.message and "email ×2" in f802.message


def test_nothing_is_printed_in_clear(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(planted_rows())
    section = section_of(ctx)
    findings = run_checks(ctx)
    blob = "\n".join(
        [
            json.dumps(section.to_dict(), ensure_ascii=False),
            repr(section),  # the whole section, not only what the report shows, holds masked values only
            *(repr(f) for f in findings.values()),
            *(json.dumps(f.to_dict(), ensure_ascii=False) for f in findings.values()),
        ]
    )
    planted = [*SECRETS.values(), *PERSONAL.values(), *PHONES_MORE, *PLACEHOLDERS.values()]
    planted += [group4(CARD, " "), CARD, group4(MC_CARD, "-"), MC_CARD]
    for value in planted:
        assert value not in blob, value
        digits = "".join(c for c in value if c.isdigit())
        if len(digits) >= 8:  # a number must not leak with other separators either
            assert digits not in "".join(c for c in blob if c.isdigit() or c == "\n").replace("\n", " "), value
    # nor the secret part of any key, with or without its public prefix
    bodies = {
        "openai-key": SECRETS["openai-key"][len("sk-proj-") :],
        "anthropic-key": SECRETS["anthropic-key"][len("sk-ant-") :],
        "aws-access-key-id": SECRETS["aws-access-key-id"][4:],
        "github-token": SECRETS["github-token"][4:],
        "stripe-key": SECRETS["stripe-key"][len("sk_live_") :],
        "private-key": "F4keKeyMaterial0",
        "url-credentials": "Tr0ub4dor",
        "email": "jane.doe",
    }
    for kind, body in bodies.items():
        assert body not in blob, kind


def test_findings_absent_on_clean_data(make_ctx: MakeCtx) -> None:
    ctx = make_ctx([{"prompt": "What is the capital of France?", "response": "Paris."}] * 3)
    assert run_checks(ctx) == {}
    assert section_of(ctx).to_dict() == {
        "kinds": {},
        "total": 0,
        "examples": 0,
        "placeholders": 0,
        "columns": ["system", "prompt", "response", "rejected"],
    }


def test_empty_frame(make_ctx: MakeCtx) -> None:
    ctx = make_ctx([])
    assert section_of(ctx).total == 0
    assert run_checks(ctx) == {}


def test_the_same_item_twice_counts_twice(make_ctx: MakeCtx) -> None:
    key = SECRETS["github-token"]
    section = section_of(make_ctx([{"prompt": key, "response": "again " + key + " and " + key}]))
    assert section.kinds["github-token"].count == 3
    assert section.kinds["github-token"].lines == (1,)
    assert section.kinds["github-token"].examples == 1


def test_message_of_a_single_item(make_ctx: MakeCtx) -> None:
    findings = run_checks(make_ctx([{"prompt": "hi", "response": "key " + SECRETS["stripe-key"]}]))
    assert findings["FT801"].message == (
        "1 secret in 1 example: stripe-key ×1 (e.g. sk_live_…[REDACTED 24 chars]). Remove them and rotate every key."
    )


def test_report_lists_at_most_50_lines_but_the_section_and_the_finding_keep_all(make_ctx: MakeCtx) -> None:
    email = PERSONAL["email"]
    ctx = make_ctx([{"prompt": f"mail {email}", "response": "ok"} for _ in range(60)])
    entry = section_of(ctx).kinds["email"]
    assert entry.count == 60 and entry.examples == 60
    assert entry.lines == tuple(range(1, 61))
    assert entry.examples_masked == ("j***@a***.io",)  # distinct samples only
    shown = obj(obj(section_of(ctx).to_dict()["kinds"])["email"])
    assert shown["lines"] == list(range(1, 51)) and shown["examples"] == 60
    assert run_checks(ctx)["FT802"].lines == tuple(range(1, 61))


def test_report_shows_three_masked_samples_but_the_section_keeps_all(make_ctx: MakeCtx) -> None:
    rows = [{"prompt": f"mail {name}@acme-corp.io", "response": "ok"} for name in ("ann", "bob", "cy", "dee")]
    section = section_of(make_ctx(rows))
    assert section.kinds["email"].examples_masked == ("a***@a***.io", "b***@a***.io", "c***@a***.io", "d***@a***.io")
    assert section.kinds["email"].samples == section.kinds["email"].examples_masked[:3]
    assert obj(obj(section.to_dict()["kinds"])["email"])["examples_masked"] == [
        "a***@a***.io",
        "b***@a***.io",
        "c***@a***.io",
    ]


def test_cancellation(make_ctx: MakeCtx) -> None:
    event = threading.Event()
    event.set()
    with pytest.raises(Cancelled):
        privacy.run(make_ctx([{"prompt": PERSONAL["email"], "response": "x"}], cancel=event))


def test_code_table_rows() -> None:
    expected = {
        "FT801": ("secrets", Severity.ERROR),
        "FT802": ("personal-data", Severity.WARNING),
        "FT803": ("credit-card-numbers", Severity.ERROR),
        "FT804": ("privacy-placeholders", Severity.INFO),
    }
    for code, (name, severity) in expected.items():
        row = lookup(code)
        assert (row.name, row.severity, family(code), row.reads) == (
            name,
            severity,
            "privacy and secrets",
            ("privacy",),
        )
        assert row.fn is not None and row.summary and len(row.doc.why) > 150 and row.doc.fix
        assert row.doc.parameters == "None." and not row.params
        assert lookup(name) is row


def test_rules_without_a_section_find_nothing(make_ctx: MakeCtx) -> None:
    ctx = make_ctx([{"prompt": "mail " + PERSONAL["email"], "response": "ok"}])
    assert all(run_rule(ctx, code) == [] for code in ("FT801", "FT802", "FT803", "FT804"))
