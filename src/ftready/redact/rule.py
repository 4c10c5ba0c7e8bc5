"""What the detection rules share: the rule type, the regex rule builder and the placeholder tests.

A rule yields (start, end, kind, value) for each verified item in a text; `pos` and `endpos` bound the search,
and look-behinds see the text before `pos`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

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


_RESERVED_TLDS = {"example", "test", "invalid", "localhost"}
_RESERVED_DOMAINS = {"example.com", "example.net", "example.org"}


def _reserved_domain(domain: str) -> bool:
    domain = domain.lower().rstrip(".")
    if domain.rsplit(".", 1)[-1] in _RESERVED_TLDS:
        return True
    return any(domain == d or domain.endswith("." + d) for d in _RESERVED_DOMAINS)
