"""An amount of money as text, the same in the app and on the command line."""

from __future__ import annotations

from decimal import Decimal


def money_text(amount: Decimal | None, currency: str) -> str:
    """ "1,200 EUR", "12.50 USD", "1,200.555 JPY": every digit stored, never rounded.

    A whole amount shows no decimals and a fractional one at least two; an amount typed with
    more keeps them (the app stores what was typed, and must not show another figure).
    """
    if amount is None:
        return ""
    # Decimal's own "f" shows every digit as stored; with a precision it would round, at
    # the decimal context's 28 digits too.
    whole, _, fraction = f"{amount:,f}".partition(".")
    fraction = fraction.rstrip("0")
    text = f"{whole}.{fraction.ljust(2, '0')}" if fraction else whole
    return f"{text} {currency}".strip()


# Marks an amount only estimated (a referral's likely worth), beside amounts actually paid.
ESTIMATE_MARK = "≈ "


def entry_amount_text(amount: Decimal | None, estimated: Decimal | None, currency: str) -> str:
    """An entry's money for a list: the amount, or its estimate marked "≈ " when that is all."""
    if amount is not None:
        return money_text(amount, currency)
    return ESTIMATE_MARK + money_text(estimated, currency) if estimated is not None else ""
