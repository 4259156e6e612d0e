"""Amounts typed for closed business: decimals with a ceiling, never floats that overflow a tally."""

from __future__ import annotations

import pytest

from netevent.domain.money import MAX_VALUE, MoneyError, is_amount, parse_amount


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("1200", 1200.0), ("£1,250.50", 1250.5), ("$ 99.999", 100.0), (".5", 0.5), (750, 750.0), ("1000000000", 1e9)],
)
def test_amounts_people_type_are_read_to_the_cent(typed: str | int, amount: float) -> None:
    assert parse_amount(typed) == amount


@pytest.mark.parametrize("typed", ["1e308", "inf", "nan", "12abc", "", "1.2.3", float("inf"), True])
def test_what_is_not_an_amount_is_refused(typed: object) -> None:
    with pytest.raises(MoneyError, match="not an amount"):
        parse_amount(typed)  # type: ignore[arg-type]


def test_amounts_beyond_the_ceiling_or_below_zero_are_refused() -> None:
    with pytest.raises(MoneyError, match="more than"):
        parse_amount(str(MAX_VALUE + 1))
    with pytest.raises(MoneyError, match="negative"):
        parse_amount("-3")
    assert not is_amount(float("inf")) and not is_amount(MAX_VALUE * 2) and is_amount(MAX_VALUE)
