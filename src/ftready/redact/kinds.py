"""Kinds of detected items, their categories, the `Detection` record and the masked display form of a value."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ftready.model.privacy import PrivacyCategory

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
