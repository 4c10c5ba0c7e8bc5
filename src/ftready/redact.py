"""Find and mask secrets and personal data in any text: the detectors, and the one masking function.

Anything in a training set can end up in the model's weights, and nothing can take it back out once the model is
trained, so ftready never shows a secret or a personal datum in clear: the privacy scan's values, the excerpts the
reports show and the records the app shows all pass through this module. The public API:

- `redact(text) -> str`: `text` with every item detected in it (placeholders included) replaced by its mask. This is
  the one masking step for strings that come from the data (report excerpts, records shown in the app, ...).
- `detect(text) -> list[Detection]`: the items of one text, each with its kind, its mask and its span.
- `scan_texts(texts, cancel) -> list[Detection]`: the same over many texts at once, vectorised with polars (the
  privacy stage scans whole columns with it); `Detection.index` is the position in `texts`.
- `mask(kind, value) -> str`: the display form of one value of a known kind.
- `KINDS`: every kind name, in report order, with its `PrivacyCategory`.

`redact`, `detect` and `mask` work on plain strings and never touch polars; importing this module does not import
it either (only `scan_texts` does, when called).

What is detected (the kind names used in the report)
----------------------------------------------------
Secrets (FT801, error):
    openai-key         ``sk-`` + 32 or more letters/digits, or ``sk-proj-`` / ``sk-svcacct-`` / ``sk-admin-`` + 20 or more
    anthropic-key      ``sk-ant-`` + 20 or more
    aws-access-key-id  ``AKIA`` / ``ASIA`` + 16 upper-case letters/digits
    aws-secret-key     40 base64 characters, only when labelled (``aws_secret_access_key = ...``)
    github-token       ``ghp_`` / ``gho_`` / ``ghu_`` / ``ghs_`` / ``ghr_`` + 36 or more, ``github_pat_`` + 22 or more
    slack-token        ``xoxb-`` / ``xoxa-`` / ``xoxp-`` / ``xoxr-`` / ``xoxs-`` + 10 or more
    slack-webhook      ``https://hooks.slack.com/services/...``
    google-api-key     ``AIza`` + 35
    stripe-key         ``sk_live_`` / ``rk_live_`` (live secret and restricted keys; test-mode keys are not reported)
    private-key        a ``-----BEGIN ... PRIVATE KEY-----`` block that holds at least 40 characters of key material
    jwt                three base64url parts whose first two decode to JSON objects (header with ``alg``)
    url-credentials    ``scheme://user:password@host``
    npm-token          ``npm_`` + 36
    huggingface-token  ``hf_`` / ``api_org_`` + 34
    sendgrid-key       ``SG.`` + 22 + ``.`` + 43
    gitlab-token       ``glpat-`` / ``gldt-`` / ``glrt-`` / ``glptt-`` / ``glft-`` / ``glsoat-`` / ``GR1348941`` + 20 or more
    azure-storage-key  88 base64 characters ending ``==`` after ``AccountKey=`` or ``azure_storage_key =``
    password           the value after ``password=``, ``"password": "..."`` (also ``passwd``, ``pwd``, ``db_password``);
                       after a bare ``password:`` in prose only a value with a digit or symbol (not ``reset it``)
Credit-card numbers (FT803, error): 14-19 digits, written without separators or in groups of four with one kind of
    separator (spaces or dashes; 4-6-5 and 4-6-4 for Amex and Diners), with a card network's prefix for that length
    (Visa 16/19, Mastercard 16, Amex 15, Diners 14-19, Discover/JCB/UnionPay/Maestro 16-19), and a valid Luhn check
    digit. 13-digit Visa and short Maestro numbers are obsolete or rare, and a 13-digit run that passes Luhn is far
    more often a figure in a calculation, so they are not reported.
Personal data (FT802, warning):
    email              ``local@domain.tld``; not ``git@host`` (SSH remotes) or ``name@2x.png`` (image files)
    phone              ``+`` and 9-15 digits (10-13 when written without any separator: international);
                       North American ``(212) 555-1234``, ``212-555-1234``,
                       ``212.555.1234``; national numbers with a trunk ``0`` and separators (``020 7946 0000``,
                       ``01 23 45 67 89``, ``030/1234567``), 9-12 digits, one kind of separator
    ip-address         public (globally routable) IPv4 and IPv6 addresses
    iban               an IBAN (with or without groups of four) of a registry country's length with a valid
                       mod-97 check
Placeholders (FT804, info, never counted in the totals): documentation values that look like the real thing:
    e-mail at reserved domains (example.com/.net/.org, ``.example``, ``.test``, ``.invalid``, ``.localhost``), at any
    domain containing ``example`` or ``your`` (``yourdomain.com``), and at the stand-ins domain.com, company.com,
    mycompany.com, mydomain.com, email.com and test.com (real domains, but in training data nearly always made up);
    fictional phone numbers (North American 555 exchange, UK drama ranges 07700 900xxx and 020 7946 0xxx); the card
    networks' published test numbers; documentation IP ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
    2001:db8::/32); key-shaped values that say they are examples (``EXAMPLE``, ``xxxx``, ``your``, ``placeholder``,
    ``redacted``, one repeated ``x`` or ``0``), the jwt.io sample token, a private-key header without key material,
    and URL credentials with a stock password (``password``, ``changeme``, the user name again, ``<...>``, ``${...}``);
    a password shown as one just generated (``Here is your new password: ...``, ``a randomly generated password: ...``,
    or a ``"password"`` value within 300 characters after a call to a ``generate_random_password`` tool), which
    synthetic conversations are full of: it is masked like a secret but reported as ``generated-password``.

Deliberately not reported (false-positive choices): private, loopback, link-local and reserved IP addresses (they
identify no one); dotted quads whose octets are all single digits (``1.2.3.4`` is far more often a version or section
number than an address), ones after the word version/release/build or a ``v``, inside a longer dotted run
(``1.3.6.1.4.1``), with leading zeros or followed by a prefix length (``81.2.69.0/24`` is a network); the well-known
public DNS resolvers; phone-like digit runs with no separator (order numbers, timestamps) unless written as an
international number with ``+``, digit runs preceded by ``-`` or ``.`` (``ORD-0012-3456-7890``); North American
numbers written with spaces only (tables of figures); dates and times (``05.12.2023 10:30`` mixes separators);
16-digit numbers that fail Luhn or have no card-network prefix; ``sk-`` inside a word (``task-...``) or followed by
fewer than 32 characters; a ``-----BEGIN CERTIFICATE-----`` (public). Secrets of other services and names or
postal addresses are not detected at all.

The rules are ftready's own rather than a general scanner's (gitleaks, detect-secrets): those need the network or a
binary, report any high-entropy string (every hash and UUID in a training set), and have no notion of a
documentation placeholder; the prefixes and lengths here follow the same published token formats.

How it runs
-----------
Detection rules are grouped; each group has a prefilter (`_Group.pattern`, a regex without look-around, so that the
Rust regex crate can run it too) that matches wherever one of the group's rules can. `scan_texts` lets polars run
the prefilters over whole columns: a literal screen drops the rows no group can match, and `str.extract_all` cuts
out the short runs of characters that may hold an e-mail address, a number or an IP address; Python's ``re`` then
runs the exact patterns (with look-arounds) on those rows and runs only. `detect` searches its one text for each
group's prefilter with ``re`` and runs the rules of the groups that match over the whole text. Either way each
candidate is verified (Luhn, octet ranges, JWT decoding, placeholders), and overlaps are resolved by priority:
secrets, then e-mail, card, phone, IP.

Every value leaves this module masked: a `Detection` holds the kind, the mask and the span, never the clear value.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import enum
import ipaddress
import json
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from ftready.model.privacy import PrivacyCategory
from ftready.progress import check_cancel

if TYPE_CHECKING:
    import polars as pl

T = TypeVar("T")

SECRET, CARD, PERSONAL, PLACEHOLDER = (
    PrivacyCategory.SECRET,
    PrivacyCategory.CARD,
    PrivacyCategory.PERSONAL,
    PrivacyCategory.PLACEHOLDER,
)

# kind -> category, in report order
KINDS: Mapping[str, PrivacyCategory] = MappingProxyType(
    {
        "private-key": SECRET,
        "openai-key": SECRET,
        "anthropic-key": SECRET,
        "aws-access-key-id": SECRET,
        "aws-secret-key": SECRET,
        "github-token": SECRET,
        "slack-token": SECRET,
        "slack-webhook": SECRET,
        "google-api-key": SECRET,
        "stripe-key": SECRET,
        "jwt": SECRET,
        "url-credentials": SECRET,
        "npm-token": SECRET,
        "huggingface-token": SECRET,
        "sendgrid-key": SECRET,
        "gitlab-token": SECRET,
        "azure-storage-key": SECRET,
        "password": SECRET,
        "credit-card": CARD,
        "email": PERSONAL,
        "phone": PERSONAL,
        "ip-address": PERSONAL,
        "iban": PERSONAL,
        "placeholder-secret": PLACEHOLDER,
        "generated-password": PLACEHOLDER,
        "placeholder-card": PLACEHOLDER,
        "placeholder-email": PLACEHOLDER,
        "placeholder-phone": PLACEHOLDER,
        "placeholder-ip": PLACEHOLDER,
        "placeholder-iban": PLACEHOLDER,
    }
)


@dataclass(frozen=True, slots=True)
class Detection:
    """One detected item, masked: `index` into the scanned texts (0 for `detect`), `[start, end)` its span there."""

    index: int
    kind: str
    masked: str
    start: int = 0
    end: int = 0
    confidence: str = "high"  # high, medium or low: see `confidence`

    @property
    def category(self) -> PrivacyCategory:
        return KINDS[self.kind]


# ---------------------------------------------------------------------------------------------------------------
# Masking

_SECRET_PREFIXES: dict[str, tuple[str, ...]] = {
    "openai-key": ("sk-proj-", "sk-svcacct-", "sk-admin-", "sk-"),
    "anthropic-key": ("sk-ant-",),
    "aws-access-key-id": ("AKIA", "ASIA"),
    "github-token": ("github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
    "slack-token": ("xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"),
    "slack-webhook": ("https://hooks.slack.com/",),
    "google-api-key": ("AIza",),
    "stripe-key": ("sk_live_", "rk_live_"),
    "jwt": ("eyJ",),
    "npm-token": ("npm_",),
    "huggingface-token": ("hf_", "api_org_"),
    "sendgrid-key": ("SG.",),
    "gitlab-token": ("glpat-", "gldt-", "glrt-", "glptt-", "glft-", "glsoat-", "GR1348941"),
}
_ALL_PREFIXES = sorted({p for ps in _SECRET_PREFIXES.values() for p in ps}, key=len, reverse=True)
_KEY_HEADER = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def _redact(prefix: str, value: str) -> str:
    return f"{prefix}…[REDACTED {len(value) - len(prefix)} chars]"


def _mask_secret(kind: str, value: str) -> str:
    header = _KEY_HEADER.match(value)
    if header:
        return _redact(header.group(), value)
    if kind == "url-credentials" or (kind == "placeholder-secret" and "://" in value):
        scheme = _SCHEME.match(value)
        return _redact(scheme.group() if scheme else "", value)
    prefixes = _SECRET_PREFIXES.get(kind, _ALL_PREFIXES if kind == "placeholder-secret" else ())
    prefix = next((p for p in sorted(prefixes, key=len, reverse=True) if value.startswith(p)), None)
    if prefix is None:  # no public prefix (aws-secret-key): name the kind instead
        return f"{kind}:…[REDACTED {len(value)} chars]"
    return _redact(prefix, value)


def _mask_digits(value: str, keep: int) -> str:
    """Replace every digit but the last `keep` with `*`, keeping separators, `+` and parentheses."""
    total = sum(c.isdigit() for c in value)
    out, seen = [], 0
    for c in value:
        if c.isdigit():
            seen += 1
            out.append(c if seen > total - keep else "*")
        else:
            out.append(c)
    return "".join(out)


def mask(kind: str, value: str) -> str:
    """A display form of `value` that keeps its kind recognisable and never contains the clear value.

    Secrets keep their public prefix only (``sk-proj-…[REDACTED 48 chars]``); e-mail keeps the first letter of the
    local part and of the domain and the top-level domain (``j***@e***.com``; placeholder domains are shown);
    phone numbers keep their shape and last two digits, card numbers their last four, IP addresses their first
    octet or group.
    """
    category = KINDS.get(kind)
    if kind in ("email", "placeholder-email"):
        local, _, domain = value.rpartition("@")
        if kind == "placeholder-email":
            return f"{local[:1]}***@{domain}"
        labels = domain.split(".")
        return f"{local[:1]}***@{labels[0][:1]}***.{labels[-1]}"
    if kind in ("phone", "placeholder-phone"):
        return _mask_digits(value, 2)
    if kind in ("credit-card", "placeholder-card"):
        return _mask_digits(value, 4)
    if kind in ("iban", "placeholder-iban"):  # the country code and the last four characters
        total = sum(c.isalnum() for c in value)
        out, seen = [], 0
        for i, c in enumerate(value):
            seen += c.isalnum()
            out.append(c if i < 2 or not c.isalnum() or seen > total - 4 else "*")
        return "".join(out)
    if kind == "password":  # only the value is the item: the word "password" before it stays
        return f"[REDACTED {len(value)} chars]"
    if kind in ("ip-address", "placeholder-ip"):
        if ":" in value:
            return value.split(":", 1)[0] + ":****:…"
        return value.split(".", 1)[0] + ".***.***.***"
    if category == SECRET or kind == "placeholder-secret":
        return _mask_secret(kind, value)
    return f"[REDACTED {len(value)} chars]"


# ---------------------------------------------------------------------------------------------------------------
# Detection rules. A rule yields (start, end, kind, value) for each verified item in a text.

Found = tuple[int, int, str, str]
Rule = Callable[[str, int, int], Iterator[Found]]  # (text, pos, endpos): look-behind sees before pos

_PLACEHOLDER_WORDS = ("example", "xxxx", "your", "placeholder", "redacted")


def _placeholder_secret(body: str) -> bool:
    low = body.lower()
    if any(w in low for w in _PLACEHOLDER_WORDS):
        return True
    return len(set(low)) == 1 and low[0] in "x0"


def _regex_rule(pattern: str, verify: Callable[[re.Match[str]], str | None], group: int = 0, flags: int = 0) -> Rule:
    rx = re.compile(pattern, flags)

    def rule(text: str, pos: int, endpos: int) -> Iterator[Found]:
        for m in rx.finditer(text, pos, endpos):
            kind = verify(m)
            if kind is not None:
                yield m.start(group), m.end(group), kind, m.group(group)

    return rule


def _keyed(kind: str, body_group: int = 1) -> Callable[[re.Match[str]], str | None]:
    """A secret whose body (after the public prefix) is checked for placeholder words."""

    def verify(m: re.Match[str]) -> str | None:
        return "placeholder-secret" if _placeholder_secret(m.group(body_group)) else kind

    return verify


# not a header whose key material was already masked (`redact` is idempotent)
_BEGIN = re.compile(r"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----(?!…\[REDACTED)")
_END = re.compile(r"-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
_B64_LINE = re.compile(r"[A-Za-z0-9+/=]*")
_PEM_HEADER = re.compile(r"[A-Za-z-]{1,40}: [^\n]*")  # Proc-Type: 4,ENCRYPTED and the like
_PEM_LINES = re.compile(r"\\n|\n")  # real newlines, or escaped ones when the key sits in a JSON string
_PEM_LINE_SEP = re.compile(r"((?:[^\n\\]|\\(?!n))*)(?:\\n|\n|$)")
_PEM_WINDOW = 20_000  # characters after a BEGIN line searched for the key material and the END line


def _key_material(lines: list[str]) -> str:
    return "".join(ln.strip() for ln in lines if not _PEM_HEADER.fullmatch(ln.strip()))


def _private_keys(text: str, pos: int, endpos: int) -> Iterator[Found]:
    while (m := _BEGIN.search(text, pos, endpos)) is not None:
        window = text[m.end() : m.end() + _PEM_WINDOW]
        end_m = _END.search(window)
        if end_m is not None and not _BEGIN.search(window, 0, end_m.start()):
            material = _key_material(_PEM_LINES.split(window[: end_m.start()]))
            material = re.sub(r"[^A-Za-z0-9+/=]", "", material)
            end = m.end() + end_m.end()
        else:  # no END line: take the base64 and header lines that follow
            kept, used = [], 0
            for sep_ln in _PEM_LINE_SEP.finditer(window):
                bare = sep_ln.group(1).strip()
                if not (_B64_LINE.fullmatch(bare) or _PEM_HEADER.fullmatch(bare)):
                    break
                kept.append(bare)
                used = sep_ln.end()
            material = _key_material(kept)
            end = m.end() + len(window[:used].rstrip())
        real = len(material) >= 40 and len(set(material)) > 4  # not "...", "XXXX" or a header alone
        yield m.start(), end, "private-key" if real else "placeholder-secret", text[m.start() : end]
        pos = max(end, m.end())


_STOCK_PASSWORDS = {"password", "passwd", "pass", "pwd", "pw", "secret", "changeme", "mypassword", "yourpassword"}


def _url_credentials(m: re.Match[str]) -> str | None:
    user, password, host = m.group(1), m.group(2), m.group(3).lower()
    low = password.lower()
    if (
        low in _STOCK_PASSWORDS
        or low == user.lower()
        or password[0] in "<{[$%*"
        or _placeholder_secret(password)
        or _reserved_domain(host)
    ):
        return "placeholder-secret"
    return "url-credentials"


def _b64json(part: str) -> object:
    try:
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (binascii.Error, ValueError):
        return None


def _jwt(m: re.Match[str]) -> str | None:
    header, payload = _b64json(m.group(1)), _b64json(m.group(2))
    if not isinstance(header, dict) or "alg" not in header or not isinstance(payload, dict):
        return None
    if payload.get("name") == "John Doe" or payload.get("sub") == "1234567890":  # the jwt.io sample
        return "placeholder-secret"
    return "jwt"


_PASSWORD = re.compile(
    r"(?P<q>[\"']?)(?P<word>(?i:password|passwd|passwort|pwd))(?P=q)"
    r"(?P<sep>\s*(?:=|:)\s*)"
    r"(?:\"(?P<dq>[^\"\n]{1,128})\"|'(?P<sq>[^'\n]{1,128})'|(?P<bare>[^\s\"',;<>]{1,128}))"
)
_COMMON_WORDS = re.compile(r"[A-Za-z]+[.!?]?")  # a plain word after "password:" in prose is not the password


# A password shown as just made up for the user: "Here is your new password:", "a randomly generated password:", or a
# value returned by a password-generating tool called shortly before
_GENERATED_LABEL = re.compile(
    r"(?i)\b(?:new|temporary|generated|random|randomly generated|suggested|strong|sample|example)"
    r"(?:[\s-]+[\w-]+){0,2}?[\s-]+$"
)
_GENERATING = re.compile(
    r"(?i)(?:generat|random)\w*?passw|(?:generat|random)\w*\W+(?:\w+\W+){0,3}?passw"
    r"|passw\w*\W+(?:\w+\W+){0,4}?generat"
)
_GENERATED_WINDOW = 300
# A bare value that is code, not a password: a call (``os.environ.get(``, ``getpass()``) or a dotted or snake_case
# name without digits (``settings.DB_PASSWORD``, ``user_password``)
_CODE_VALUE = re.compile(r"[A-Za-z_][\w.]*\(.*|[A-Za-z_]+(?:[._][A-Za-z_]+)+")


def _passwords(text: str, pos: int, endpos: int) -> Iterator[Found]:
    """A password written after ``password=``, ``password: ...`` or as a JSON/YAML ``"password": "..."`` value.

    Prose (``password: reset it``) is told apart by the value: after a bare ``password:`` the value must hold a
    digit or a symbol besides letters; stock values (``changeme``, ``<password>``, ``${DB_PASSWORD}``, ``****``) are
    placeholders; a bare value that is code (``os.environ.get(...)``, ``settings.DB_PASSWORD``) is not a password;
    one shown as just generated (``Here is your new password: ...``) is a ``generated-password``."""
    for m in _PASSWORD.finditer(text, pos, endpos):
        group = "dq" if m.group("dq") is not None else "sq" if m.group("sq") is not None else "bare"
        value = m.group(group)
        if value is None:
            continue
        quoted = group != "bare" or bool(m.group("q"))
        end = m.end(group)
        if not quoted:
            if "=" not in m.group("sep") and _COMMON_WORDS.fullmatch(value):
                continue
            if _CODE_VALUE.fullmatch(value):
                continue
            stripped = value.rstrip(".,!?)")  # the sentence's full stop after a password in prose
            if stripped != value and (end == len(text) or text[end].isspace()):
                value, end = stripped, end - (len(value) - len(stripped))
            if len(value) < 4:
                continue
        low = value.lower()
        placeholder = (
            low in _STOCK_PASSWORDS
            or low.rstrip("0123456789!") in _STOCK_PASSWORDS  # password123, changeme1!
            or low == m.group("word").lower()
            or value[0] in "<{[$%*"
            or set(value) <= set("*x•.")
            or _placeholder_secret(value)
        )
        label_start = m.start("word") - len(m.group("q"))
        line_start = text.rfind("\n", 0, label_start) + 1
        generated = _GENERATED_LABEL.search(text, line_start, label_start) is not None or (
            _GENERATING.search(text, max(0, label_start - _GENERATED_WINDOW), label_start) is not None
        )
        kind = "placeholder-secret" if placeholder else "generated-password" if generated else "password"
        yield m.start(group), end, kind, value


_SECRET_RULES: tuple[Rule, ...] = (
    _private_keys,
    _regex_rule(
        r"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://([^\s/:@]{0,64}):([^\s/@]{1,128})@([A-Za-z0-9.-]+)",
        _url_credentials,
    ),
    _regex_rule(r"(?<![\w-])sk-ant-([A-Za-z0-9_-]{20,})", _keyed("anthropic-key")),
    _regex_rule(
        r"(?<![\w-])sk-(?:(?:proj|svcacct|admin)-([A-Za-z0-9_-]{20,})|([A-Za-z0-9]{32,}))",
        lambda m: "placeholder-secret" if _placeholder_secret(m.group(1) or m.group(2)) else "openai-key",
    ),
    _regex_rule(r"(?<![A-Za-z0-9])(?:AKIA|ASIA)([A-Z0-9]{16})(?![A-Za-z0-9])", _keyed("aws-access-key-id")),
    _regex_rule(
        r"aws[_ -]?secret[_ -]?(?:access[_ -]?)?key(?:[_ -]?id)?[\"']?\s*[:=]\s*[\"']?"
        r"([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
        _keyed("aws-secret-key"),
        group=1,
        flags=re.IGNORECASE,
    ),
    _regex_rule(
        r"(?<![A-Za-z0-9_])(?:gh[pousr]_([A-Za-z0-9]{36,255})|github_pat_([A-Za-z0-9_]{22,255}))(?![A-Za-z0-9_])",
        lambda m: "placeholder-secret" if _placeholder_secret(m.group(1) or m.group(2)) else "github-token",
    ),
    _regex_rule(
        r"https://hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9_/-]{20,})",
        _keyed("slack-webhook"),
    ),
    _regex_rule(r"(?<![\w-])xox[abprs]-([A-Za-z0-9-]{10,})", _keyed("slack-token")),
    _regex_rule(r"(?<![\w-])AIza([0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])", _keyed("google-api-key")),
    _regex_rule(r"(?<![\w-])[rs]k_live_([0-9A-Za-z]{16,})", _keyed("stripe-key")),
    _regex_rule(r"(?<![\w-])(eyJ[A-Za-z0-9_-]{8,})\.(eyJ[A-Za-z0-9_-]{8,})\.[A-Za-z0-9_-]{16,}(?![\w-])", _jwt),
    _regex_rule(r"(?<![\w-])npm_([A-Za-z0-9]{36})(?![A-Za-z0-9])", _keyed("npm-token")),
    _regex_rule(r"(?<![\w-])(?:hf_|api_org_)([A-Za-z0-9]{34})(?![A-Za-z0-9])", _keyed("huggingface-token")),
    _regex_rule(r"(?<![\w-])SG\.([A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])", _keyed("sendgrid-key")),
    _regex_rule(
        r"(?<![\w-])(?:gl(?:pat|dt|rt|ptt|ft|soat)-|GR1348941)([A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])",
        _keyed("gitlab-token"),
    ),
    _regex_rule(
        r"(?:AccountKey=|(?i:azure[_ -]?storage[_ -]?(?:account[_ -]?)?key)[\"']?\s*[:=]\s*[\"']?)"
        r"([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])",
        _keyed("azure-storage-key"),
        group=1,
    ),
    _passwords,
)

# --- e-mail


_RESERVED_TLDS = {"example", "test", "invalid", "localhost"}
_RESERVED_DOMAINS = {"example.com", "example.net", "example.org"}
# Real domains that teaching material uses as stand-ins, besides any domain containing "example" or "your"
_PLACEHOLDER_DOMAINS = {"domain.com", "company.com", "mycompany.com", "mydomain.com", "email.com", "test.com"}
_FILE_TLDS = {"png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tif", "tiff", "avif"}


def _reserved_domain(domain: str) -> bool:
    domain = domain.lower().rstrip(".")
    if domain.rsplit(".", 1)[-1] in _RESERVED_TLDS:
        return True
    return any(domain == d or domain.endswith("." + d) for d in _RESERVED_DOMAINS)


def _email(m: re.Match[str]) -> str | None:
    local, _, domain = m.group().rpartition("@")
    if domain.rsplit(".", 1)[-1].lower() in _FILE_TLDS or local.lower() == "git":
        return None
    low = domain.lower()
    if _reserved_domain(low) or "example" in low or "your" in low or low in _PLACEHOLDER_DOMAINS:
        return "placeholder-email"
    return "email"


_EMAIL_RULES: tuple[Rule, ...] = (
    _regex_rule(
        r"(?<![\w.%+-])[A-Za-z0-9_][A-Za-z0-9._%+-]{0,63}@"
        r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])",
        _email,
    ),
)

# --- credit cards


def _luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check every payment card number satisfies."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = ord(c) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_CARD_NETWORKS: tuple[tuple[re.Pattern[str], frozenset[int]], ...] = (
    (re.compile(r"4"), frozenset({16, 19})),  # Visa (13-digit Visa numbers are obsolete, see the module docstring)
    (re.compile(r"5[1-5]|2(?:22[1-9]|2[3-9][0-9]|[3-6][0-9]{2}|7[01][0-9]|720)"), frozenset({16})),  # Mastercard
    (re.compile(r"3[47]"), frozenset({15})),  # American Express
    (re.compile(r"6011|65|64[4-9]"), frozenset(range(16, 20))),  # Discover
    (re.compile(r"3(?:0[0-5]|[689])"), frozenset(range(14, 20))),  # Diners Club
    (re.compile(r"35(?:2[89]|[3-8][0-9])"), frozenset(range(16, 20))),  # JCB
    (re.compile(r"62"), frozenset(range(16, 20))),  # UnionPay
    (re.compile(r"5[06-9]|6[0-9]"), frozenset(range(16, 20))),  # Maestro (16-19; shorter ones are rare)
)
# Published test numbers of the card networks and payment processors (documentation, not real cards)
_TEST_CARDS = frozenset(
    {
        "4111111111111111",
        "4242424242424242",
        "4012888888881881",
        "4000056655665556",
        "4222222222222",
        "5555555555554444",
        "5105105105105100",
        "2223003122003222",
        "5200828282828210",
        "378282246310005",
        "371449635398431",
        "378734493671000",
        "6011111111111117",
        "6011000990139424",
        "3056930009020004",
        "36227206271667",
        "30569309025904",
        "38520000023237",
        "3566002020360505",
        "3530111333300000",
        "6200000000000005",
    }
)
_CARD_GROUPS = ((4, 6, 5), (4, 6, 4))


def _card(m: re.Match[str]) -> str | None:
    raw = m.group()
    digits = re.sub(r"[^0-9]", "", raw)
    seps = set(re.sub(r"[0-9]", "", raw))
    if not 13 <= len(digits) <= 19 or len(seps) > 1:
        return None
    if seps:
        groups = tuple(len(g) for g in re.split(r"[ -]", raw))
        if groups not in _CARD_GROUPS and not (all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4):
            return None
    if not any(rx.match(digits) and len(digits) in lengths for rx, lengths in _CARD_NETWORKS):
        return None
    if not _luhn_ok(digits):
        return None
    return "placeholder-card" if digits in _TEST_CARDS else "credit-card"


# --- phone numbers


# North American toll-free area codes
_NANP_TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})
# national prefixes of freephone, shared-cost and premium-rate service numbers (UK 0800/0808/0500, 084x, 087x,
# 09xx; DE 0800, 0180x, 0900; FR 080x; NL/BE/CH/AT 0800 and 0900): published by businesses, never a person's
_SERVICE_PREFIXES = (
    "0800",
    "0801",
    "0805",
    "0808",
    "0809",
    "0500",
    "0843",
    "0844",
    "0845",
    "0870",
    "0871",
    "0872",
    "0873",
    "0180",
    "0900",
    "0901",
    "0906",
    "0909",
)


def _phone_kind(digits: str) -> str | None:
    """`phone`, `placeholder-phone` for fictional numbers (NANP 555 exchange, UK Ofcom drama ranges), or None for
    a toll-free or service number (a business's published number, not personal data)."""
    national = digits
    if len(digits) == 11 and digits[0] == "1":
        national = digits[1:]
    if len(national) == 10 and national[0] != "0" and national[3:6] == "555":
        return "placeholder-phone"
    if len(national) == 10 and national[:3] in _NANP_TOLL_FREE:
        return None
    uk = "0" + digits[2:] if digits.startswith("44") else digits
    if uk.startswith(("07700900", "02079460")):
        return "placeholder-phone"
    if uk.startswith(_SERVICE_PREFIXES) or ("0" + digits[2:]).startswith(("0800", "0900")):
        return None  # with a two-digit country code: +49 800 ..., +33 800 ...
    return "phone"


def _intl_phone(m: re.Match[str]) -> str | None:
    raw = m.group()
    digits = re.sub(r"[^0-9]", "", raw)
    plain = not re.search(r"[ .()-]", raw)
    if not (10 <= len(digits) <= 13 if plain else 9 <= len(digits) <= 15):
        return None
    return _phone_kind(digits)


def _nanp_phone(m: re.Match[str]) -> str | None:
    raw = m.group()
    if "(" not in raw and not re.search(r"[.-]", raw) and not raw.startswith("1"):
        return None  # 212 555 1234 with spaces only: too often a row of figures
    return _phone_kind(re.sub(r"[^0-9]", "", raw))


def _national_phone(m: re.Match[str]) -> str | None:
    raw = m.group()
    digits = re.sub(r"[^0-9]", "", raw)
    if not 9 <= len(digits) <= 12:
        return None
    rest = re.sub(r"^\(0[0-9]+\) ?", "", raw)
    seps = set(re.sub(r"[0-9]", "", rest))
    if raw == rest and not seps:
        return None  # a plain digit run
    if len(seps) > 1:
        return None  # 05.12.2023 10:30 and the like
    return _phone_kind(digits)


_NUM_END = r"(?![\w]|[.,/-][0-9])"
_PHONE_RULES: tuple[Rule, ...] = (
    _regex_rule(r"(?<![\w+.-])\+[1-9][0-9]{0,3}(?:[ .-]?\(?[0-9]{1,4}\)?){1,6}" + _NUM_END, _intl_phone),
    _regex_rule(
        r"(?<![\w+.-])(?:1[ .-])?(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4}" + _NUM_END,
        _nanp_phone,
    ),
    _regex_rule(
        r"(?<![\w+.-])(?:\(0[1-9][0-9]{0,3}\) ?|0[1-9][0-9]{0,3}[ /.-]?)[0-9]{2,8}(?:[ .-][0-9]{2,4}){0,3}" + _NUM_END,
        _national_phone,
    ),
)

_NUMBER_RULES: tuple[Rule, ...] = (
    _regex_rule(r"(?<![\w.+/-])[0-9](?:[0-9]|[ -](?=[0-9])){11,22}" + _NUM_END, _card),
    *_PHONE_RULES,
)

# --- IBAN

# ISO 13616 lengths by country (the SWIFT IBAN registry)
_IBAN_LENGTHS = {
    **dict.fromkeys(["NO"], 15),
    **dict.fromkeys(["BE"], 16),
    **dict.fromkeys(["DK", "FI", "FO", "GL", "NL"], 18),
    **dict.fromkeys(["MK", "SI"], 19),
    **dict.fromkeys(["AT", "BA", "EE", "KZ", "LT", "LU", "XK"], 20),
    **dict.fromkeys(["CH", "HR", "LI", "LV"], 21),
    **dict.fromkeys(["BG", "BH", "CR", "DE", "GB", "GE", "IE", "ME", "RS", "VA"], 22),
    **dict.fromkeys(["AE", "GI", "IL", "IQ", "TL"], 23),
    **dict.fromkeys(["AD", "CZ", "ES", "MD", "PK", "RO", "SA", "SE", "SK", "TN", "VG"], 24),
    **dict.fromkeys(["PT", "ST"], 25),
    **dict.fromkeys(["IS", "TR"], 26),
    **dict.fromkeys(["FR", "GR", "IT", "MC", "MR", "SM"], 27),
    **dict.fromkeys(["AL", "AZ", "BY", "CY", "DO", "GT", "HU", "LB", "PL", "SV"], 28),
    **dict.fromkeys(["BR", "EG", "PS", "QA", "UA"], 29),
    **dict.fromkeys(["JO", "KW", "MU"], 30),
    **dict.fromkeys(["MT", "SC"], 31),
    **dict.fromkeys(["LC"], 32),
}
# the IBANs of the registry's and the banks' documentation
_DOC_IBANS = frozenset(
    {
        "DE89370400440532013000",
        "GB29NWBK60161331926819",
        "GB82WEST12345698765432",
        "FR1420041010050500013M02606",
        "NL91ABNA0417164300",
        "CH9300762011623852957",
        "ES9121000418450200051332",
        "IT60X0542811101000000123456",
        "BE68539007547034",
        "AT611904300234573201",
    }
)


def _iban(m: re.Match[str]) -> str | None:
    compact = m.group().replace(" ", "")
    if _IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return None
    moved = compact[4:] + compact[:4]
    if int("".join(str(int(c, 36)) for c in moved)) % 97 != 1:
        return None
    return "placeholder-iban" if compact in _DOC_IBANS else "iban"


_IBAN_RULES: tuple[Rule, ...] = (
    _regex_rule(r"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])", _iban),
)

# --- IP addresses

_DOC_NETS = tuple(
    ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
)
_GLOBAL_UNICAST6 = ipaddress.ip_network("2000::/3")
# well-known public services: DNS resolvers (Google, Cloudflare, Quad9, OpenDNS, Level 3, Verisign, Comodo,
# AdGuard, CleanBrowsing) and time servers (time.nist.gov, time.google.com, time.cloudflare.com, time.windows.com)
_RESOLVERS = frozenset(
    {
        "8.8.8.8",
        "8.8.4.4",
        "1.1.1.1",
        "1.0.0.1",
        "9.9.9.9",
        "149.112.112.112",
        "208.67.222.222",
        "208.67.220.220",
        "4.2.2.1",
        "4.2.2.2",
        "4.2.2.3",
        "4.2.2.4",
        "4.2.2.5",
        "4.2.2.6",
        "64.6.64.6",
        "64.6.65.6",
        "8.26.56.26",
        "8.20.247.20",
        "94.140.14.14",
        "94.140.15.15",
        "185.228.168.9",
        "185.228.169.9",
        "2001:4860:4860::8888",
        "2001:4860:4860::8844",
        "2606:4700:4700::1111",
        "2606:4700:4700::1001",
        "2620:fe::fe",
        "2620:fe::9",
        "162.159.200.1",
        "162.159.200.123",
        "192.43.244.18",
        "128.138.140.44",
        "128.138.141.172",
        "131.107.13.100",
        "216.239.35.0",
        "216.239.35.4",
        "216.239.35.8",
        "216.239.35.12",
    }
)
# NIST's time servers (time-a-g.nist.gov, time.nist.gov's addresses in Gaithersburg and Boulder)
_PUBLIC_NETS = tuple(ipaddress.ip_network(n) for n in ("129.6.15.0/27", "132.163.96.0/23", "132.163.97.0/24"))
_VERSION_WORD = re.compile(r"(?:\b(?:version|ver|release|build|rev|revision)\b|\bv)[\s:=]*$", re.IGNORECASE)


def _ip_kind(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if any(addr in net for net in _DOC_NETS if net.version == addr.version):
        return "placeholder-ip"
    if addr.version == 6 and addr not in _GLOBAL_UNICAST6:
        return None
    if str(addr) in _RESOLVERS or any(addr in net for net in _PUBLIC_NETS if net.version == addr.version):
        return None
    return "ip-address" if addr.is_global else None


def _ipv4(m: re.Match[str]) -> str | None:
    octets = m.group().split(".")
    if any(len(o) > 1 and o[0] == "0" for o in octets) or any(int(o) > 255 for o in octets):
        return None
    if all(len(o) == 1 for o in octets):
        return None  # 1.2.3.4: a version or section number far more often than an address
    if _VERSION_WORD.search(m.string, max(0, m.start() - 24), m.start()):
        return None
    return _ip_kind(ipaddress.IPv4Address(m.group()))


def _ipv6(m: re.Match[str]) -> str | None:
    try:
        addr = ipaddress.IPv6Address(m.group())
    except ValueError:
        return None
    return _ip_kind(addr)


# not followed by /digits: 81.2.69.0/24 is a network, not somebody's address
_IPV4_RULES: tuple[Rule, ...] = (_regex_rule(r"(?<![\w.-])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![\w-]|[./][0-9])", _ipv4),)
_IPV6_RULES: tuple[Rule, ...] = (
    _regex_rule(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:]|/[0-9])", _ipv6),
)


@dataclass(frozen=True)
class _Group:
    """Rules that share a polars prefilter, in priority order.

    `pattern` is a Rust regex (no look-around). With `spans` true, its leftmost-first matches contain every match of
    the group's rules (maximal runs of the characters the rules can match): polars extracts them for all rows at
    once, and the Python rules run only on those spans, with a few characters of context either side for their
    look-arounds. With `spans` false, it only selects the rows, and the rules run on the whole text.

    `screen`, when set, is a faster regex that matches every text `pattern` matches (it starts with a literal, so
    the engine can skip ahead); `pattern` then runs only on the rows it selects.
    """

    pattern: str
    spans: bool
    rules: tuple[Rule, ...]
    screen: str | None = None

    @property
    def finder(self) -> str:
        return self.screen or self.pattern


_LEAD, _TAIL = 2, 3  # context around a span: '+' or '(' before a number, look-ahead after it

_GROUPS: tuple[_Group, ...] = (
    _Group(
        r"sk-|[rs]k_live_|AKIA|ASIA|(?i:aws[_ -]?secret)|gh[pousr]_|github_pat_|xox[abprs]-|hooks\.slack\.com"
        r"|AIza|PRIVATE KEY|eyJ|://[^\s/@]*:[^\s/@]*@|npm_|hf_|api_org_|SG\.|gl(?:pat|dt|rt|ptt|ft|soat)-|GR1348941"
        r"|AccountKey=|(?i:azure[_ -]?storage)|(?i:passw|pwd)",
        False,
        _SECRET_RULES,
    ),
    _Group(r"[A-Z]{2}[0-9]{2}[ A-Z0-9]{8,}", True, _IBAN_RULES),  # before the numbers: an IBAN holds digit runs
    _Group(r"[A-Za-z0-9._%+-]*@[A-Za-z0-9._%+@-]*\.[A-Za-z0-9._%+@-]*", True, _EMAIL_RULES),  # runs: @, then a dot
    _Group(r"[0-9](?:[ ().+/-]{0,3}[0-9]){8,}", True, _NUMBER_RULES),  # chains of 9 or more digits
    _Group(r"[0-9]+(?:\.[0-9]+){3,}", True, _IPV4_RULES),
    # every run holds two colons with only hex digits between them; the run itself can start anywhere, which
    # makes the pattern several times slower to search for than the screen
    _Group(r"[0-9A-Fa-f:]*:[0-9A-Fa-f]*:[0-9A-Fa-f:]*", True, _IPV6_RULES, screen=r":[0-9A-Fa-f]*:"),
)


CONFIDENCES = ("high", "medium", "low")
_PHONE_WORDS = re.compile(
    r"(?i)\b(?:phone|tel|telephone|mobile|cell|cellphone|whatsapp|fax|my number|call me|text me|ring me|reach me)\b"
)
# a business's published number: an advertisement or a notice, not a person's own
_ADVERT_WORDS = re.compile(
    r"(?i)\b(?:call us|contact us|a call at|call today|call now|hotline|helpline|customer (?:service|care|support)"
    r"|our office|office|information|enquiries|inquiries|reservations?|bookings?|registration|sales|toll|free(?:phone)?"
    r"|support line|to order|for details|for more|visit us)\b"
)


def confidence(kind: str, text: str, start: int) -> str:
    """How sure a detection is: ``high`` for a fixed format or a checksum (keys with their prefix, a JWT that
    decodes, a Luhn-valid card, a mod-97 IBAN, an e-mail address) and for a phone number said to be one;
    ``medium`` for a password found by its label, an IP address and a phone number without context; ``low`` for a
    phone number in an advertisement or a notice (``call us``, ``for more information``): a business's number more
    often than a person's."""
    if kind == "password" or kind == "ip-address":
        return "medium"
    if kind != "phone":
        return "high"
    before = text[max(0, start - 80) : start]
    if _PHONE_WORDS.search(before[-40:]):
        return "high"
    return "low" if _ADVERT_WORDS.search(before) else "medium"


def _windows(text: str, spans: list[str]) -> list[tuple[int, int]]:
    """Positions of the extracted spans (leftmost-first and non-overlapping, so `find` from a cursor is exact)."""
    out, cursor, n = [], 0, len(text)
    for span in spans:
        start = text.find(span, cursor)
        cursor = start + len(span)
        out.append((max(0, start - _LEAD), min(n, cursor + _TAIL)))
    return out


def _scan_one(index: int, text: str, per_group: Sequence[list[str] | bool]) -> list[Detection]:
    """The items of one text. `per_group` says, for each group, where its rules run: the spans its pattern extracted
    (a list; empty when none), or, for a group without spans, whether its pattern matched (the whole text)."""
    claimed: list[tuple[int, int]] = []
    hits: list[Detection] = []
    for group, found in zip(_GROUPS, per_group, strict=True):
        if not found:
            continue
        windows = _windows(text, found) if group.spans and isinstance(found, list) else [(0, len(text))]
        for rule in group.rules:
            for pos, endpos in windows:
                for start, end, kind, value in rule(text, pos, endpos):
                    if any(start < e and s < end for s, e in claimed):
                        continue
                    claimed.append((start, end))
                    hits.append(Detection(index, kind, mask(kind, value), start, end, confidence(kind, text, start)))
    hits.sort(key=lambda h: h.start)
    return hits


# The groups' prefilters for Python's re, for one text at a time: a group whose finder does not match has no item.
_FINDERS = tuple(re.compile(g.finder) for g in _GROUPS)


# Cheap necessary conditions for each group, tried before its finder (Python's re is slow on the secret group's
# long alternation and on the unanchored runs): a literal of the secret group in the lower-cased text, an '@', nine
# digits, three dots, two colons
_SECRET_LITERALS = (
    "sk-",
    "k_live_",
    "akia",
    "asia",
    "aws",
    "gh",
    "github_pat_",
    "xox",
    "hooks.slack.com",
    "aiza",
    "private key",
    "eyj",
    "://",
    "npm_",
    "hf_",
    "api_org_",
    "sg.",
    "gl",
    "gr1348941",
    "accountkey=",
    "azure",
    "passw",
    "pwd",
)
_SECRET_SCREEN = re.compile("|".join(re.escape(lit) for lit in _SECRET_LITERALS))
_IBAN_START = re.compile(r"[A-Z]{2}[0-9]{2}")


def _may_match(text: str) -> tuple[bool, ...]:
    low = text.lower()
    return (
        _SECRET_SCREEN.search(low) is not None,
        _IBAN_START.search(text) is not None,
        "@" in text,
        sum(map(text.count, "0123456789")) >= 9,
        text.count(".") >= 3,
        text.count(":") >= 2,
    )


def detect(text: str) -> list[Detection]:
    """Every secret, card number, personal datum and placeholder in `text`, masked, in order of position.

    Each `Detection` has index 0, the kind, the mask and the span `text[start:end]` of the item."""
    if not text:
        return []
    per_group: list[list[str] | bool] = [
        ([text] if g.spans else True) if may and rx.search(text) else False
        for g, rx, may in zip(_GROUPS, _FINDERS, _may_match(text), strict=True)
    ]
    return _scan_one(0, text, per_group)


def redact(text: str) -> str:
    """`text` with every detected item (placeholders included) replaced by its mask; the rest is kept as it is.

    For example ``"Mail jane.doe@acme-corp.io from 81.2.69.160"`` becomes ``"Mail j***@a***.io from 81.***.***.***"``.
    """
    hits = detect(text)
    if not hits:
        return text
    out, last = [], 0
    for hit in hits:
        out.append(text[last : hit.start])
        out.append(hit.masked)
        last = hit.end
    out.append(text[last:])
    return "".join(out)


def scan_texts(texts: Sequence[str | None] | pl.Series, cancel: threading.Event | None = None) -> list[Detection]:
    """Every secret, card number, personal datum and placeholder in `texts`, masked, ordered by index and offset:
    `detect` over many texts, vectorised with polars.

    `Detection.index` is the position in `texts`; `None` entries are skipped. Checks `cancel` as it goes (raises
    `ftready.errors.Cancelled`).
    """
    import polars as pl  # only here: the functions on plain strings do not need polars

    series = texts if isinstance(texts, pl.Series) else pl.Series("t", list(texts), dtype=pl.String)
    frame = pl.DataFrame({"t": series.cast(pl.String).fill_null("")}).with_row_index("i")
    t = pl.col("t")
    # rows that any group can match first (most rows match none), then the groups' spans on those rows only
    frame = frame.filter(pl.any_horizontal(t.str.contains(g.finder) for g in _GROUPS))
    exprs = [
        (t.str.extract_all(g.pattern) if g.spans else t.str.contains(g.pattern)).alias(f"g{n}")
        for n, g in enumerate(_GROUPS)
    ]
    flags = [pl.col(f"g{n}").list.len() > 0 if g.spans else pl.col(f"g{n}") for n, g in enumerate(_GROUPS)]
    candidates = frame.select("i", "t", *exprs).filter(pl.any_horizontal(flags))
    out: list[Detection] = []
    for n, row in enumerate(candidates.iter_rows()):
        if n % 1024 == 0:
            check_cancel(cancel)
        out.extend(_scan_one(row[0], row[1], row[2:]))
    return out


# ---------------------------------------------------------------------------------------------------------------
# The one step every string from the data passes before any renderer

# C0 controls but tab and newline, DEL, C1 controls, bidirectional overrides and isolates, the non-characters
# U+FFFE/U+FFFF and lone surrogates (a file name that is not UTF-8): none is valid in XML 1.0 or safe on a terminal
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")


def _escape_one(m: re.Match[str]) -> str:
    c = m.group()
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:  # a byte that is not UTF-8, kept by the file-system encoding: show the byte
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n <= 0xFF else f"\\u{n:04x}"


def escape_controls(text: str) -> str:
    """`text` with every control character (but tab and newline), bidirectional override, lone surrogate and
    XML-illegal character written as a visible escape (``\\x1b``, ``\\x00``, ``\\u202e``, ``\\xe9`` for a byte of a
    non-UTF-8 file name), so that no report format can be broken or a terminal driven by the data."""
    return _CONTROLS.sub(_escape_one, text) if _CONTROLS.search(text) else text


_SAFE_CACHE: dict[str, str] = {}
_SAFE_CACHE_MAX = 100_000
_SAFE_LOCK = threading.Lock()


def safe_text(text: str) -> str:
    """`redact(text)` with its control characters escaped (`escape_controls`): the form in which any string that
    comes from the data may be shown, in any format. Idempotent."""
    hit = _SAFE_CACHE.get(text)
    if hit is not None:
        return hit
    out = redact(text)
    if "/" in out:  # a path: each of its parts on its own (a card number as a file name follows a '/')
        out = "/".join(redact(part) for part in out.split("/"))
    out = escape_controls(out)
    with _SAFE_LOCK:
        if len(_SAFE_CACHE) >= _SAFE_CACHE_MAX:
            _SAFE_CACHE.clear()
        _SAFE_CACHE[text] = out
        _SAFE_CACHE[out] = out
    return out


def mask_tree(obj: T) -> T:
    """A copy of `obj` with every string in it, mapping keys included, passed through `safe_text`.

    Walks frozen dataclasses (fields that are neither shown nor compared, such as an analysis's working state, are
    kept as they are), mappings, lists, tuples and sets; enums, numbers and other values are kept. Parts with
    nothing to change are returned as they are, not copied. When two keys of a mapping mask to the same text, their
    numeric values are added (two e-mail labels that mask alike count together); otherwise the first is kept.
    """
    return _walk(obj)


def _walk(obj: Any) -> Any:
    if isinstance(obj, str):
        return obj if isinstance(obj, enum.Enum) else safe_text(obj)
    if obj is None or isinstance(obj, (int, float, enum.Enum, bytes)):
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in dataclasses.fields(obj):
            if not f.init or (not f.repr and not f.compare):
                continue
            old = getattr(obj, f.name)
            new = _walk(old)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(obj, **changes) if changes else obj
    if isinstance(obj, Mapping):
        out: dict[Any, Any] = {}
        changed = False
        for k, v in obj.items():
            nk, nv = _walk(k), _walk(v)
            changed = changed or nk is not k or nv is not v
            if nk in out:
                changed = True
                prev = out[nk]
                if isinstance(prev, (int, float)) and isinstance(nv, (int, float)) and not isinstance(prev, bool):
                    out[nk] = prev + nv
                continue
            out[nk] = nv
        return out if changed or not isinstance(obj, dict) else obj
    if isinstance(obj, (list, tuple, set, frozenset)):
        if all(type(x) is int for x in obj):  # line numbers: nothing to mask
            return obj
        items = [_walk(x) for x in obj]
        if all(a is b for a, b in zip(items, obj, strict=False)) and not isinstance(obj, (set, frozenset)):
            return obj
        if isinstance(obj, tuple) and hasattr(obj, "_fields"):  # a named tuple
            return type(obj)(*items)
        return type(obj)(items)
    return obj
