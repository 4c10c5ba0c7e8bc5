"""The detectors and the masking function (`ftready.redact`): what is found, what is not, how it is masked.

The planted values (`planted.py`) are fake and built by concatenation, so no file holds a real-looking secret.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ftready.redact.detection as redact_module
from ftready.model import PrivacyCategory
from ftready.redact import KINDS, Detection, detect, mask, redact, scan_texts
from planted import (
    AWS_DOC_KEY,
    AWS_LABEL,
    CARD,
    CARD_BAD,
    PERSONAL,
    SECRETS,
    b64url,
    group4,
    luhn_complete,
)

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
    found = []
    for h in hits:
        text = texts[h.index]
        assert text is not None
        found.append(text[h.start : h.end])
    assert found == [phone, email, email]
    assert all(isinstance(h, Detection) for h in hits)


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


def _brute_force(text: str, index: int = 0) -> list[Detection]:
    """Every group's rules over the whole text, no prefilter: what any screen or span extraction must not change."""
    claimed: list[tuple[int, int]] = []
    row: list[Detection] = []
    for group in redact_module._GROUPS:
        for rule in group.rules:
            for start, end, kind, value in rule(text, 0, len(text)):
                if any(start < e and s < end for s, e in claimed):
                    continue
                claimed.append((start, end))
                row.append(
                    Detection(index, kind, mask(kind, value), start, end, redact_module.confidence(kind, text, start))
                )
    return sorted(row, key=lambda h: h.start)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_TOKENS), max_size=10).map("".join), min_size=1, max_size=20))
def test_polars_spans_lose_nothing(texts: list[str]) -> None:
    """The polars span extraction finds exactly what the Python rules find when run over the whole text."""
    expected = [hit for i, text in enumerate(texts) for hit in _brute_force(text, i)]
    assert scan_texts(texts) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("0123456789abcdefABCDEFgxyz:.@ -+()/\n")), max_size=40))
def test_a_group_screen_selects_every_text_its_pattern_matches(text: str) -> None:
    """A row the screens leave out is never scanned: each screen must match wherever its pattern does."""
    for group in redact_module._GROUPS:
        if group.screen is not None and re.search(group.pattern, text):
            assert re.search(group.screen, text), (group.pattern, text)


def test_scan_finds_an_address_the_screen_selects_among_rows_it_does_not() -> None:
    rows = ["no colons here"] * 50 + ["server at 2a03:2880:f12f:83:face:b00c:0:25de replied"] + ["time 10:30 ok"] * 50
    hits = scan_texts(rows)
    assert [(h.index, h.kind) for h in hits] == [(50, "ip-address")]


# ---------------------------------------------------------------------------------------------------------------
# The API on one string


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=12).map("".join))
def test_detect_equals_the_rules_run_without_prefilters(text: str) -> None:
    """`detect` skips a group whose prefilter does not match; that must never lose an item."""
    assert detect(text) == _brute_force(text)


def test_detect_matches_scan_texts_on_every_planted_value() -> None:
    texts = [f"see {v} here" for v in (*SECRETS.values(), *PERSONAL.values())]
    texts.append("Set " + AWS_LABEL + SECRETS["aws-secret-key"])
    scanned = scan_texts(texts)
    for i, text in enumerate(texts):
        assert [(h.kind, h.masked, h.start, h.end) for h in detect(text)] == [
            (h.kind, h.masked, h.start, h.end) for h in scanned if h.index == i
        ]


def test_redact_leaves_clean_text_alone() -> None:
    for text in ["", "billing", "How do I reset my password? Version 2.3 on Android, port 8080.", "a@b", "::"]:
        assert redact(text) == text
        assert detect(text) == []


def test_detection_category_and_kinds_order() -> None:
    assert list(KINDS)[:1] == ["private-key"] and list(KINDS)[-1] == "placeholder-iban"
    assert {KINDS[k] for k in KINDS} == set(PrivacyCategory)
    hit = detect("mail " + PERSONAL["email"])[0]
    assert hit.category is PrivacyCategory.PERSONAL and hit.index == 0


def test_importing_redact_does_not_import_polars() -> None:
    """The functions on plain strings work without polars; only `scan_texts` imports it."""
    code = (
        "import sys\n"
        "from ftready.redact import redact\n"
        "assert redact('mail jane@acme-corp.io') == 'mail j***@a***.io'\n"
        "assert 'polars' not in sys.modules, 'ftready.redact imported polars'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- precision: published numbers and public addresses are not personal data (each a false alarm once seen)


@pytest.mark.parametrize(
    "text",
    [
        "Call 1-800-" + "234-5678 for a free quote",  # North American toll-free
        "Questions? (888) " + "234-5678, 24/7",
        "Freephone 0800 " + "123 4567",  # UK / DE / NL freephone
        "Tel +44 800 " + "123 4567",
        "Kostenlos: +49 800 " + "1234567",
        "Service line 0845 " + "123 4567",  # UK shared-cost
        "Call 0906 " + "170 1461 to claim your prize",  # UK premium rate
        "Numéro vert 0805 " + "12 34 56",
        "sync the clock with time.nist.gov (132.163." + "97.3)",  # public time servers
        "ntpdate 129.6." + "15.28",
        "resolvers 9.9.9.9, 8.8.8.8 and 208.67." + "222.222",
        "dns 2001:4860:4860::" + "8888",
        "curl http://127.0.0.1:8080/health",  # loopback
        "ping 192.0.2." + "10 and 198.51.100." + "7",  # RFC 5737 documentation ranges
        "GET http://[2001:db8::" + "1]/",  # RFC 3849
    ],
)
def test_published_numbers_and_public_addresses_are_not_personal_data(text: str) -> None:
    assert [d for d in detect(text) if KINDS[d.kind] is not PrivacyCategory.PLACEHOLDER] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my cell is 646-" + "237-4821", "high"),
        ("contact Wendy directly at 951-" + "704-3374", "medium"),
        ("give Heating Experts a call at 780-" + "800-7092 today", "low"),
        ("For registration information, call 910." + "538.0115.", "low"),
        ("mail jane.doe" + "@acme-corp.io", "high"),
        ("server 81.2." + "69.160", "medium"),
    ],
)
def test_each_detection_says_how_sure_it_is(text: str, expected: str) -> None:
    (hit,) = detect(text)
    assert hit.confidence == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("IBAN DE44 5001 " + "0517 5407 3249 31", "iban"),
        ("GB33BUKB" + "20201555555555", "iban"),
        ("DE89 3704 0044 " + "0532 0130 00", "placeholder-iban"),  # the registry's example
        ("password=" + "Tr0ub4dor&3", "password"),
        ('{"password": "' + 's3cr3t-Val"}', "password"),
        ("DB_PASSWORD=" + "Zq8#kLm2", "password"),
        ("password=" + "changeme", "placeholder-secret"),
        ('"password": "' + 'password123"', "placeholder-secret"),
        ('db_password = "${' + 'DB_PASSWORD}"', "placeholder-secret"),
        ("import random\nDB_PASSWORD = '" + "S3cr3t!xyz'", "password"),  # 'random' far from any password phrase
        ('config = {"user": "svc", "password": "' + 'hunter2-Secret!"}', "password"),
        # shown as just made up for the user (synthetic conversations): masked, but not a leak
        ("Here is a randomly generated 8-character password: " + "rT8$jLpZ.", "generated-password"),
        ("Here is your new password: " + "a9B7$#fG3&Z1. Please save it.", "generated-password"),
        (
            '{"name": "generate_random_password", "arguments": {"length": 12}}\n{"password": "' + 'a9B7$#fG3&Z1"}',
            "generated-password",
        ),
        ('I need a new password. Can you generate one?\n\n{"password": "' + 'aB3#fG7!kL9@"}', "generated-password"),
    ],
)
def test_iban_and_password_kinds(text: str, kind: str) -> None:
    assert [d.kind for d in detect(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Your password: reset it from the settings page",  # prose, not a password
        "the password is important",
        "passwordless login",
        "    EMAIL_PASSWORD = os.environ.get('EMAIL_PASSWORD')",  # code, not a value
        "password = getpass()",
        "db_password=settings.DB_PASSWORD",
        "pwd=user_password",
        "DE44 5001 " + "0517 5407 3249 32",  # mod-97 fails
        "XX82 WEST " + "1234 5698 7654 32",  # no such country
    ],
)
def test_iban_and_password_false_positives(text: str) -> None:
    assert detect(text) == []


def test_a_password_in_prose_loses_the_sentence_full_stop_only() -> None:
    text = "the password: " + "Tr0ub4dor&3. Keep it safe"
    (hit,) = detect(text)
    assert text[hit.start : hit.end] == "Tr0ub4dor&3"
    (hit,) = detect("password=" + "ab.cd.e1f")  # a full stop inside the value stays
    assert hit.masked == "[REDACTED 9 chars]"
