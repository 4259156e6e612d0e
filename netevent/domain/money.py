"""Amounts of money as people type them: decimals with cents, and a ceiling no breakfast meeting's business reaches.

Floats let `1e308` through, and two of those overflowed the tally (and printed `Infinity` as JSON). An amount is
digits with an optional decimal point, up to MAX_VALUE, so any sum of a chapter's records stays exact to the cent.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

MAX_VALUE = 1_000_000_000  # a billion in the meeting's currency, per record
_AMOUNT = re.compile(r"\d+(?:\.\d*)?|\.\d+")


class MoneyError(ValueError):
    """An amount that is not one; the message says what to type instead."""


def parse_amount(raw: str | float | int) -> float:
    """The amount `raw` stands for, rounded to the cent; raises MoneyError for text, negatives and huge values."""
    if isinstance(raw, bool):
        raise MoneyError(f"{raw!r} is not an amount; type digits like 1200 or 1200.50")
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            raise MoneyError(f"{raw!r} is not an amount; type digits like 1200 or 1200.50")
        amount = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
    else:
        text = raw.strip().replace(",", "").replace("_", "")
        for symbol in "£$€ ":
            text = text.replace(symbol, "")
        if text.startswith("-") and _AMOUNT.fullmatch(text[1:]):
            raise MoneyError(f"{raw!r} is negative; type the value of the business won, like 1200")
        if not _AMOUNT.fullmatch(text):
            raise MoneyError(f"{raw!r} is not an amount; type digits like 1200 or 1200.50")
        amount = Decimal(text)
    if amount < 0:
        raise MoneyError(f"{raw!r} is negative; type the value of the business won, like 1200")
    if amount > MAX_VALUE:
        raise MoneyError(f"{raw!r} is more than {MAX_VALUE:,}; check the digits (no amount above that is accepted)")
    return float(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def is_amount(value: object) -> bool:
    """Whether a stored value is a sane amount (a finite number from 0 to MAX_VALUE)."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= MAX_VALUE
    )
