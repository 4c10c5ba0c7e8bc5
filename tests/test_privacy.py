"""Secrets and personal data (FT801-FT804).

Every key-shaped value here is built by concatenation at run time, so the file itself holds nothing a secret
scanner would flag. The values are fake: they only have the right shape.
"""

from __future__ import annotations

import base64
import json
import re
import threading
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftready.checks import privacy
from ftready.checks.context import Context
from ftready.checks.privacy import Hit, mask, redact, scan_texts, stage
from ftready.checks.registry import spec
from ftready.errors import Cancelled
from ftready.model import Finding, Severity

MakeCtx = Callable[..., Context]


def luhn_complete(partial: str) -> str:
    """`partial` plus the Luhn check digit that makes it valid (computed here, independently of the module)."""
    total = 0
    for i, c in enumerate(reversed(partial)):
        d = int(c)
        if i % 2 == 0:  # these digits are doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return partial + str((10 - total % 10) % 10)


def b64url(obj: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


def group4(digits: str, sep: str) -> str:
    return sep.join(digits[i : i + 4] for i in range(0, len(digits), 4))


CARD = luhn_complete("4" + "539148803436" + "46")  # 16 digits, Visa prefix
CARD_BAD = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)  # same number, wrong check digit
MC_CARD = luhn_complete("5" + "4" + "1234567890123")  # 16 digits, Mastercard prefix

# kind -> the planted value, exactly as it appears in the text
SECRETS = {
    "openai-key": "sk-" + "proj-" + "Fake" + "0123456789" * 4 + "abcd",
    "anthropic-key": "sk-" + "ant-" + "api03-" + "F4ke" * 20,
    "aws-access-key-id": "AK" + "IA" + "FAKE0000TEST1234",
    "aws-secret-key": "abcdEFGH/ijkl+MNOP" + "0123456789" + "qrstUVWXyz12",
    "github-token": "gh" + "p_" + "F4kE" * 9,
    "slack-token": "xo" + "xb-" + "1234567890-" + "F4ke" * 6,
    "slack-webhook": "https://hooks." + "slack.com/services/" + "T0000F4KE/B0000F4KE/" + "F4ke" * 6,
    "google-api-key": "AI" + "za" + "Sy" + "F4ke" * 8 + "0",
    "stripe-key": "sk_" + "live_" + "F4ke" * 6,
    "private-key": "-----BEGIN RSA "
    + "PRIVATE KEY-----\n"
    + "MIIE"
    + "F4keKeyMaterial0" * 4
    + "\n"
    + "q83Lm9Zx" * 6
    + "\n-----END RSA "
    + "PRIVATE KEY-----",
    "jwt": ".".join([b64url({"alg": "HS256", "typ": "JWT"}), b64url({"sub": "user-42", "name": "Te"}), "F4ke" * 11]),
    "url-credentials": "postgres://" + "svc_app:" + "Tr0ub4dor-f4ke" + "@db.internal.lan",
}
PERSONAL = {
    "email": "jane.doe" + "@" + "acme-corp.io",
    "phone": "+44 20 " + "7123 4567",
    "ip-address": "81.2." + "69.160",
}
PHONES_MORE = ["(646) " + "237-4821", "030/" + "1234567", "01 23 " + "45 67 89", "+49 151 " + "2345 6789"]
PLACEHOLDERS = {
    "placeholder-email": "alice" + "@example.com",
    "placeholder-phone": "(212) 555-" + "0143",
    "placeholder-card": group4("4242" * 4, " "),
    "placeholder-ip": "203.0." + "113.7",
}
AWS_LABEL = "aws_secret_access_key = "
AWS_DOC_KEY = "AK" + "IA" + "IOSFODNN7" + "EXAMPLE"  # the key id of the AWS documentation


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
    out = {}
    for code in ("FT801", "FT802", "FT803", "FT804"):
        fn = spec(code).fn
        assert fn is not None
        finding = fn(ctx, spec(code).params)
        if finding is not None:
            assert isinstance(finding, Finding)
            out[code] = finding
    return out


# ---------------------------------------------------------------------------------------------------------------
# Everything planted is found, per kind and line


def test_every_planted_item_is_found_with_exact_counts_and_lines(make_ctx: MakeCtx) -> None:
    section = stage(make_ctx(planted_rows()))
    got = {kind: (v["count"], v["lines"]) for kind, v in section["kinds"].items()}
    assert got == EXPECTED
    assert list(section["kinds"]) == [k for k in privacy.KINDS if k in EXPECTED]  # fixed report order
    real = sum(n for k, (n, _) in EXPECTED.items() if not k.startswith("placeholder-"))
    assert section["total"] == real
    assert section["placeholders"] == 5
    assert section["examples"] == 9  # lines 10-90 less the clean line 15
    assert section["columns"] == ["system", "prompt", "response", "rejected"]
    for kind, entry in section["kinds"].items():
        assert entry["category"] == privacy.KINDS[kind]
        assert 1 <= len(entry["examples_masked"]) <= 3


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
    section = stage(ctx)
    findings = run_checks(ctx)
    blob = "\n".join(
        [
            json.dumps(section, ensure_ascii=False),
            json.dumps(ctx.cache, ensure_ascii=False),  # the cache holds masked values only
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
    assert stage(ctx) == {
        "kinds": {},
        "total": 0,
        "examples": 0,
        "placeholders": 0,
        "columns": ["system", "prompt", "response", "rejected"],
    }


def test_empty_frame(make_ctx: MakeCtx) -> None:
    ctx = make_ctx([])
    assert stage(ctx)["total"] == 0
    assert run_checks(ctx) == {}


def test_the_same_item_twice_counts_twice(make_ctx: MakeCtx) -> None:
    key = SECRETS["github-token"]
    section = stage(make_ctx([{"prompt": key, "response": "again " + key + " and " + key}]))
    assert section["kinds"]["github-token"]["count"] == 3
    assert section["kinds"]["github-token"]["lines"] == [1]
    assert section["kinds"]["github-token"]["examples"] == 1


def test_message_of_a_single_item(make_ctx: MakeCtx) -> None:
    findings = run_checks(make_ctx([{"prompt": "hi", "response": "key " + SECRETS["stripe-key"]}]))
    assert findings["FT801"].message == (
        "1 secret in 1 example: stripe-key ×1 (e.g. sk_live_…[REDACTED 24 chars]). Remove them and rotate every key."
    )


def test_report_lists_at_most_50_lines_but_the_finding_keeps_all(make_ctx: MakeCtx) -> None:
    email = PERSONAL["email"]
    ctx = make_ctx([{"prompt": f"mail {email}", "response": "ok"} for _ in range(60)])
    entry = stage(ctx)["kinds"]["email"]
    assert entry["count"] == 60 and entry["examples"] == 60
    assert entry["lines"] == list(range(1, 51))
    assert entry["examples_masked"] == ["j***@a***.io"]  # distinct samples only
    assert run_checks(ctx)["FT802"].lines == tuple(range(1, 61))


def test_cancellation(make_ctx: MakeCtx) -> None:
    event = threading.Event()
    event.set()
    with pytest.raises(Cancelled):
        stage(make_ctx([{"prompt": PERSONAL["email"], "response": "x"}], cancel=event))


# ---------------------------------------------------------------------------------------------------------------
# What is not reported


NOT_REPORTED = [
    "Upgrade to version 10.20.30.40 or v10.2.30.4 today; 1.2.3.4 is old.",
    "The OID is 1.3.6.1.4.1.311 and the build 2.10.100.200.5",
    "Internal hosts 192.168.1.10, 10.0.0.1, 172.16.5.4 and 127.0.0.1; netmask 255.255.255.0",
    "Use the resolvers 8.8.8.8, 1.1.1.1 or 208.67.222.222.",
    "Timestamp 2023-05-12T10:20:30.123+05:30, epoch ms 1700000000000, 1699999999",
    "Date 05.12.2023 10:30, 12/05/2023, 2023-05-12 08:15:00",
    "Order ORD-2023-0012-3456-7890 and invoice #1234567890123456 shipped.",
    "Card-like but wrong: " + group4(CARD_BAD, " ") + " and " + CARD_BAD,
    "Tracking 1Z999AA10123456784, ISBN 978-3-16-148410-0, EAN 4006381333931",
    "UUID 123e4567-e89b-12d3-a456-426614174000 and sha e3b0c44298fc1c149afbf4c8996fb924",
    "Pi is 3.14159265358979 and a price $1,234,567.89",
    "Table: 250 300 1200 450 600",
    "sk-learn is a library; task-specific and risk-free; the sk- prefix; sk-" + "short",
    "Use git@github.com:org/repo.git and the icon@2x.png asset; @property decorators",
    "Times 12:30:45 and MAC 00:1A:2B:3C:4D:5E and C++ std::vector",
    "Encode with base64: eyJhbGciOi is only a prefix",
    "A PEM file starts with -----BEGIN CERTIFICATE----- and has no secret",
    "Phone-ish plain run 02079461234 and 4155550143",
    "Networks 81.2.69.0/24 and 2a00:1450::/32 are routed",
    "Sum:\n472547338\n+960397912423686\n-------\n1007411131329104",
]


@pytest.mark.parametrize("text", NOT_REPORTED)
def test_false_positive_cases_are_not_reported(text: str) -> None:
    assert scan_texts([text]) == []


def test_sk_dash_in_prose_is_not_a_key() -> None:
    text = "The task-" + "A" * 40 + " and risk-" + "B" * 40 + " labels are long"
    assert scan_texts([text]) == []


def test_placeholders_are_reported_as_placeholders_only() -> None:
    texts = [
        "Email bob@example.com, x@mail.example.org, y@host.test, yourname@yourdomain.com, boss@company.com",
        "Call (212) 555-0100 or +1 212 555 0199 or 07700 900123",
        "Docs IPs 192.0.2.15, 198.51.100.20 and 2001:db8::1",
        "Test cards " + "4242" * 4 + ", " + group4("4111" + "1" * 12, "-") + ", " + "3782" + "822463" + "10005",
        "AWS docs: " + AWS_DOC_KEY + ", key sk-" + "x" * 40 + " or sk-" + "0" * 40,
        "Connect to postgres://" + "postgres:postgres" + "@localhost/db or mysql://" + "root:password" + "@db",
        "-----BEGIN RSA " + "PRIVATE KEY-----\n...\n-----END RSA " + "PRIVATE KEY-----",
    ]
    hits = scan_texts(texts)
    assert hits and all(h.category == "placeholder" for h in hits), [h for h in hits if h.category != "placeholder"]
    per_text = [sum(h.index == i for h in hits) for i in range(len(texts))]
    assert per_text == [5, 3, 3, 3, 3, 2, 1]


def test_jwt_must_decode_and_the_jwt_io_sample_is_a_placeholder() -> None:
    sig = "F4ke" * 11
    not_json = "eyJ" + "A" * 20 + ".eyJ" + "B" * 20 + "." + sig
    sample = b64url({"alg": "HS256", "typ": "JWT"}) + "." + b64url({"sub": "1234567890", "name": "John Doe"})
    hits = scan_texts([not_json, sample + "." + sig, SECRETS["jwt"]])
    assert [(h.index, h.kind) for h in hits] == [(1, "placeholder-secret"), (2, "jwt")]


def test_aws_secret_key_needs_a_label() -> None:
    value = SECRETS["aws-secret-key"]
    labelled = [
        "AWS_SECRET_ACCESS_KEY=" + value,
        '"aws_secret_key": "' + value + '"',
        "aws secret access key: " + value,
    ]
    hits = scan_texts([*labelled, "a random 40-char string " + value])
    assert [(h.index, h.kind) for h in hits] == [(0, "aws-secret-key"), (1, "aws-secret-key"), (2, "aws-secret-key")]


def test_private_key_without_end_line_and_in_an_escaped_string() -> None:
    body = "MIIE" + "F4keKeyMaterial0" * 4
    no_end = "-----BEGIN " + "OPENSSH PRIVATE KEY-----\n" + body + "\n" + body + "\n\nThat was my key, thanks"
    escaped = 'k = "-----BEGIN ' + "PRIVATE KEY-----\\n" + body + "\\n-----END " + 'PRIVATE KEY-----\\n"'
    hits = scan_texts([no_end, escaped])
    assert [(h.index, h.kind) for h in hits] == [(0, "private-key"), (1, "private-key")]
    assert no_end[hits[0].start : hits[0].end].endswith(body)  # stops before the prose


# ---------------------------------------------------------------------------------------------------------------
# scan_texts and mask


def test_scan_texts_indices_spans_and_none() -> None:
    email, phone = PERSONAL["email"], PERSONAL["phone"]
    texts = [None, "x " + phone + " and " + email, "", email]
    hits = scan_texts(texts)
    assert [(h.index, h.kind) for h in hits] == [(1, "phone"), (1, "email"), (3, "email")]
    assert [texts[h.index][h.start : h.end] for h in hits] == [phone, email, email]  # type: ignore[index]
    assert all(isinstance(h, Hit) for h in hits)


def test_scan_texts_accepts_a_polars_series() -> None:
    import polars as pl

    hits = scan_texts(pl.Series("x", ["nothing", SECRETS["stripe-key"]]))
    assert [(h.index, h.kind) for h in hits] == [(1, "stripe-key")]


@pytest.mark.parametrize(
    ("kind", "expected_prefix"),
    [
        ("openai-key", "sk-proj-…[REDACTED 48 chars]"),
        ("anthropic-key", "sk-ant-…[REDACTED"),
        ("aws-access-key-id", "AKIA…[REDACTED 16 chars]"),
        ("aws-secret-key", "aws-secret-key:…[REDACTED 40 chars]"),
        ("github-token", "ghp_…[REDACTED 36 chars]"),
        ("slack-token", "xoxb-…[REDACTED"),
        ("slack-webhook", "https://hooks.slack.com/…[REDACTED"),
        ("google-api-key", "AIza…[REDACTED 35 chars]"),
        ("stripe-key", "sk_live_…[REDACTED 24 chars]"),
        ("private-key", "-----BEGIN RSA " + "PRIVATE KEY-----…[REDACTED"),
        ("jwt", "eyJ…[REDACTED"),
        ("url-credentials", "postgres://…[REDACTED"),
    ],
)
def test_secret_masks_keep_the_public_prefix_only(kind: str, expected_prefix: str) -> None:
    value = SECRETS[kind]
    masked = mask(kind, value)
    assert masked.startswith(expected_prefix)
    assert masked.endswith(" chars]")
    assert value not in masked
    label = AWS_LABEL if kind == "aws-secret-key" else ""
    hits = scan_texts(["text " + label + value + " text"])
    assert [(h.kind, h.masked) for h in hits] == [(kind, masked)]


def test_redact_masks_every_item_in_place() -> None:
    text = "Key " + SECRETS["openai-key"] + ", mail " + PERSONAL["email"] + ", host " + PERSONAL["ip-address"] + "."
    out = redact(text)
    assert out == "Key sk-proj-…[REDACTED 48 chars], mail j***@a***.io, host 81.***.***.***."
    assert redact("nothing to hide, version 1.2.3.4") == "nothing to hide, version 1.2.3.4"
    assert redact("") == ""


def test_personal_masks() -> None:
    assert mask("email", PERSONAL["email"]) == "j***@a***.io"
    assert mask("placeholder-email", "alice@example.com") == "a***@example.com"
    assert mask("phone", PERSONAL["phone"]) == "+** ** **** **67"
    assert mask("credit-card", group4(CARD, " ")) == "**** **** **** " + CARD[-4:]
    assert mask("credit-card", CARD) == "*" * 12 + CARD[-4:]
    assert mask("ip-address", PERSONAL["ip-address"]) == "81.***.***.***"
    assert mask("ip-address", "2a00:1450:4001:81b::200e") == "2a00:****:…"
    assert mask("unknown-kind", "abc") == "[REDACTED 3 chars]"


# ---------------------------------------------------------------------------------------------------------------
# Properties

_visa_body = st.text(alphabet="0123456789", min_size=14, max_size=14)


@settings(max_examples=200, deadline=None)
@given(body=_visa_body, sep=st.sampled_from(["", " ", "-"]))
def test_luhn_valid_cards_are_found_and_invalid_ones_are_not(body: str, sep: str) -> None:
    good = luhn_complete("4" + body)
    bad = good[:-1] + str((int(good[-1]) + 3) % 10)
    text_good = "pay " + group4(good, sep) + " now"
    text_bad = "pay " + group4(bad, sep) + " now"
    hits = scan_texts([text_good, text_bad])
    kinds = {(h.index, h.kind) for h in hits}
    expected = "placeholder-card" if good in ("4" * 16, "4242" * 4, "4111" + "1" * 12) else "credit-card"
    assert (0, expected) in kinds
    assert not any(h.index == 1 and h.kind.endswith("card") for h in hits)
    for h in hits:
        assert good not in h.masked and group4(good, sep) not in h.masked


@settings(max_examples=200, deadline=None)
@given(body=st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWYZabcdefghijkmnopqrstuvwz0123456789_-", min_size=20, max_size=80))
def test_openai_project_keys_are_found_and_never_shown(body: str) -> None:
    key = "sk-" + "proj-" + body
    hits = scan_texts(["OPENAI_API_KEY=" + key + "\n"])
    assert len(hits) == 1
    hit = hits[0]
    assert hit.kind in ("openai-key", "placeholder-secret")
    assert hit.masked == "sk-proj-…[REDACTED " + str(len(body)) + " chars]"
    assert body not in hit.masked


_TOKENS = [
    "+44 ",
    "(212) ",
    "555-",
    "0123",
    "4539 ",
    "1488 ",
    "6467",
    "a.b@c.org",
    "x@y.io",
    "81.2.69.160",
    "2a00:1450::1",
    "192.0.2.1",
    "020 7946 1234",
    "030/1234567",
    "version ",
    "sk-",
    "AKIA",
    ".",
    ":",
    "@",
    "-",
    " ",
    "x",
    "1",
    "é",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_TOKENS), max_size=10).map("".join), min_size=1, max_size=20))
def test_polars_spans_lose_nothing(texts: list[str]) -> None:
    """The polars span extraction finds exactly what the Python rules find when run over the whole text."""
    expected: list[Hit] = []
    for i, text in enumerate(texts):
        claimed: list[tuple[int, int]] = []
        row: list[Hit] = []
        for group in privacy._GROUPS:
            for rule in group.rules:
                for start, end, kind, value in rule(text, 0, len(text)):
                    if any(start < e and s < end for s, e in claimed):
                        continue
                    claimed.append((start, end))
                    row.append(Hit(i, kind, mask(kind, value), start, end))
        expected.extend(sorted(row, key=lambda h: h.start))
    assert scan_texts(texts) == expected


# ---------------------------------------------------------------------------------------------------------------
# Registry


def test_registered_codes() -> None:
    expected = {
        "FT801": ("secrets", Severity.ERROR),
        "FT802": ("personal-data", Severity.WARNING),
        "FT803": ("credit-card-numbers", Severity.ERROR),
        "FT804": ("privacy-placeholders", Severity.INFO),
    }
    for code, (name, severity) in expected.items():
        s = spec(code)
        assert (s.name, s.severity, s.family) == (name, severity, "privacy and secrets")
        assert s.fn is not None and len(s.explanation) > 200 and s.summary
        assert spec(name) is s


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("0123456789abcdefABCDEFgxyz:.@ -+()/\n")), max_size=40))
def test_a_group_screen_selects_every_text_its_pattern_matches(text: str) -> None:
    """A row the screens leave out is never scanned: each screen must match wherever its pattern does."""
    for group in privacy._GROUPS:
        if group.screen is not None and re.search(group.pattern, text):
            assert re.search(group.screen, text), (group.pattern, text)


def test_scan_finds_an_address_the_screen_selects_among_rows_it_does_not() -> None:
    rows = ["no colons here"] * 50 + ["server at 2a03:2880:f12f:83:face:b00c:0:25de replied"] + ["time 10:30 ok"] * 50
    hits = privacy.scan_texts(rows)
    assert [(h.index, h.kind) for h in hits] == [(50, "ip-address")]
