"""The one number formatter: each variant written out, so that a change to any output's figures is deliberate."""

from __future__ import annotations

import pytest

from ftready import humanize as h


@pytest.mark.parametrize(
    ("x", "style", "expected"),
    [
        (1234.5, "auto", "$1,234.50"),
        (0, "auto", "$0.00"),
        (0.004567, "auto", "$0.004567"),  # below a cent: 4 significant digits, never $0.00
        (-0.004, "auto", "$-0.004"),
        (0.004567, "cents", "$0.00"),
        (1234.5, "cents", "$1,234.50"),
        (1234.5, "whole", "$1,234"),
        (1235.5, "whole", "$1,236"),
        (1234.5, "short", "$1,234"),
        (999.994, "short", "$999.99"),
        (0.004, "short", "$<0.01"),
        (0, "short", "$0.00"),
    ],
)
def test_money_styles(x: float, style: h.MoneyStyle, expected: str) -> None:
    assert h.money(x, style=style) == expected


def test_money_currency_and_unknown() -> None:
    assert h.money(12, "EUR") == "12.00 EUR"
    assert h.money(12, "EUR", style="cents", code_first=True) == "EUR 12.00"
    assert h.money(12, "USD", code_first=True) == "$12.00"
    assert h.money(None) == "n/a (unknown price)" == h.UNKNOWN_PRICE
    assert h.money(None, unknown=h.NA) == "n/a"


def test_unit_prices_keep_the_tables_decimals() -> None:
    assert h.unit_price(2.5, "USD", "1M") == "$2.50/1M"
    assert h.unit_price(0.00125, "USD", "1M") == "$0.00125/1M"
    assert h.unit_price(1200, "EUR", "h") == "1,200.00 EUR/h"


def test_counts() -> None:
    assert [h.count(n) for n in (0, 1234, 1234.0, 1234.25, 0.5)] == ["0", "1,234", "1,234", "1,234.2", "0.5"]
    assert [h.count_short(n) for n in (0, 9_999, 10_000, 123_456)] == ["0", "9,999", "10k", "123k"]


def test_numbers_for_the_app_and_for_the_tables() -> None:
    assert [h.number(v) for v in (None, True, 12345, 12345.0, 0.0, 0.123456, 12.345, "x")] == [
        "—",
        "yes",
        "12,345",
        "12,345",
        "0",
        "0.123",
        "12.3",
        "x",
    ]
    assert h.number(12.345, 2) == "12.35"
    assert [h.significant(v) for v in (None, 12345, 1234.5, 12.345, 0.001234, "x")] == [
        "n/a",
        "12,345",
        "1,234",
        "12.3",
        "0.00123",
        "x",
    ]


def test_percentages_gain_a_decimal_when_small() -> None:
    assert [h.percent(x) for x in (0.25, 0.001, 0.0004, 0)] == ["25.0%", "0.1%", "0.04%", "0.00%"]
    assert [h.percent(x, 0) for x in (0.25, 0.01, 0.004)] == ["25%", "1%", "0.4%"]


def test_byte_sizes() -> None:
    assert h.byte_size(512 * 2**20) == "512.0 MiB"
    assert h.byte_size(2**30 - 1) == "1,024.0 MiB"
    assert h.byte_size(3 * 2**29) == "1.5 GiB"


def test_distinct_ellipsis_keeps_different_ids_apart() -> None:
    from ftready.humanize import distinct_ellipsis, middle_ellipsis

    ids = ["llama-3.1-8b-lora-h100-runpod-serverless", "llama-3.1-8b-lora-l4-runpod-serverless", "short"]
    assert middle_ellipsis(ids[0], 20) == middle_ellipsis(ids[1], 20)  # the usual cut would merge them
    cut = distinct_ellipsis(ids, 20)
    assert len(set(cut)) == 3 and all(len(c) <= 20 for c in cut) and cut[2] == "short"
    assert all(c.count("…") == 1 for c in cut[:2])
