"""The rule groups, their prefilters, confidence, and the scans over one text (`detect`, `redact`) and many
(`scan_texts`, vectorised with polars)."""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ftready.progress import check_cancel
from ftready.redact.kinds import Detection, mask
from ftready.redact.personal import _EMAIL_RULES, _IBAN_RULES, _IPV4_RULES, _IPV6_RULES, _NUMBER_RULES
from ftready.redact.rule import Rule
from ftready.redact.secrets import _SECRET_RULES, SECRET_TRIGGERS

if TYPE_CHECKING:
    import polars as pl


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
    triggers: tuple[tuple[str, ...], ...] | None = None  # per rule: one must be in the lower-cased text

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
        triggers=SECRET_TRIGGERS,
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
        low = text.lower() if group.triggers is not None else ""
        for r, rule in enumerate(group.rules):
            if group.triggers is not None and not any(t in low for t in group.triggers[r]):
                continue
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
    # rows that any group can match first (most rows match none); each distinct text once (a system prompt repeated
    # in every example is scanned once); then the groups' spans on those texts only
    frame = frame.filter(pl.any_horizontal(t.str.contains(g.finder) for g in _GROUPS))
    frame = frame.group_by("t", maintain_order=True).agg(pl.col("i"))
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
        indices: list[int] = row[0]
        hits = _scan_one(indices[0], row[1], row[2:])
        out.extend(hits)
        for i in indices[1:]:
            out.extend(dataclasses.replace(h, index=i) for h in hits)
    if len(out) > 1:
        out.sort(key=lambda h: h.index)  # stable: each text's items stay in order of position
    return out
