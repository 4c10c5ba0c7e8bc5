"""Fake secrets and personal data shared by the privacy tests (`test_redact`, `test_privacy`).

Every key-shaped value here is built by concatenation at run time, so the file itself holds nothing a secret
scanner would flag. The values are fake: they only have the right shape.
"""

from __future__ import annotations

import base64
import json
from typing import Any


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
    "npm-token": "np" + "m_" + "F4ke" * 9,
    "huggingface-token": "h" + "f_" + "FakeToken" * 3 + "Abcdefg",
    "sendgrid-key": "S" + "G." + "F4keSendGrid0000000000" + "." + "F4ke" * 10 + "abc",
    "gitlab-token": "gl" + "pat-" + "F4ke" * 5,
    "azure-storage-key": "Account" + "Key=" + "F4ke+/" * 14 + "ab==",
    "password": "pass" + "word=" + "Tr0ub4dor&3-f4ke",
}
PERSONAL = {
    "email": "jane.doe" + "@" + "acme-corp.io",
    "phone": "+44 20 " + "7123 4567",
    "ip-address": "81.2." + "69.160",
    "iban": "DE44 5001 " + "0517 5407 3249 31",
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
