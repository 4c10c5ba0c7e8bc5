"""Whitespace collapsing shared by the checks that compare texts (duplicates, diversity)."""

from __future__ import annotations

import polars as pl

# Runs of two or more whitespace characters, and single whitespace characters other than a space: replacing only
# these by one space leaves ordinary single spaces alone, which is several times faster than replacing every \s+.
IRREGULAR = r"\s{2,}|[^\S ]"
# In ASCII text, what IRREGULAR can match starts with one of these (the regex's \s is Unicode White_Space: in
# ASCII that is tab, line feed, vertical tab, form feed, carriage return and space).
_ASCII_MARKS = ("\t", "\n", "\x0b", "\x0c", "\r", "  ")


def fold(s: pl.Series) -> pl.Series:
    """How replies and lines are compared: whitespace collapsed and trimmed, case folded."""
    return collapse_whitespace(s).str.strip_chars().str.to_lowercase()


def collapse_whitespace(s: pl.Series) -> pl.Series:
    """`s.str.replace_all(IRREGULAR, " ")`, with the regex run only on the rows that can need it.

    A row needs it when it has a non-ASCII character (Unicode whitespace) or one of the ASCII marks above. Those
    are found by literal searches, an order of magnitude faster than the regex, which scans every byte even of
    rows it leaves unchanged (most replies of chat data are single paragraphs)."""
    if s.len() == 0:
        return s
    need = s.str.len_bytes() != s.str.len_chars()
    for mark in _ASCII_MARKS:
        need = need | s.str.contains(mark, literal=True)
        if need.sum() * 2 > len(s):  # most rows need it (conversations: a line per turn): no point selecting
            return s.str.replace_all(IRREGULAR, " ")
    rows = need.fill_null(False).arg_true()
    if len(rows) == 0:
        return s
    return s.clone().scatter(rows, s.gather(rows).str.replace_all(IRREGULAR, " "))
