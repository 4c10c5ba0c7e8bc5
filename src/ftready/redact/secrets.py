"""Detection rules for secrets: provider keys, private-key blocks, JWTs, URL credentials and passwords.

A rule yields (start, end, kind, value) for each verified item in a text."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterator

from ftready.redact.rule import Found, Rule, _placeholder_secret, _regex_rule, _reserved_domain


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
# What each rule above needs to see in a text before it can match (the same order): one of these strings in the
# lower-cased text, a necessary condition whatever the case. A rule runs only on texts that hold its trigger, so a
# system prompt that mentions passwords does not send every text through all eighteen (3.6 s -> 1.1 s on 20,000).
SECRET_TRIGGERS: tuple[tuple[str, ...], ...] = (
    ("private key",),
    ("://",),
    ("sk-ant-",),
    ("sk-",),
    ("akia", "asia"),
    ("aws",),
    ("gh", "github_pat_"),
    ("hooks.slack.com",),
    ("xox",),
    ("aiza",),
    ("k_live_",),
    ("eyj",),
    ("npm_",),
    ("hf_", "api_org_"),
    ("sg.",),
    ("gl", "gr1348941"),
    ("accountkey=", "azure"),
    ("passw", "pwd"),
)
assert len(SECRET_TRIGGERS) == len(_SECRET_RULES)
