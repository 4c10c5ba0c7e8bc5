"""Detection rules for personal data: e-mail addresses, card numbers, phone numbers, IBANs and IP addresses."""

from __future__ import annotations

import ipaddress
import re

from ftready.redact.rule import Rule, _regex_rule, _reserved_domain

# --- e-mail


# Real domains that teaching material uses as stand-ins, besides any domain containing "example" or "your"
_PLACEHOLDER_DOMAINS = {"domain.com", "company.com", "mycompany.com", "mydomain.com", "email.com", "test.com"}
_FILE_TLDS = {"png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tif", "tiff", "avif"}


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
