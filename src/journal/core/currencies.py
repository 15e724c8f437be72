"""ISO 4217 currency codes, to tell a typed code from a slip ("UDS", "EUE", "YEN")."""

from __future__ import annotations

import functools
import json
from importlib.util import find_spec
from itertools import permutations
from pathlib import Path

# What people write for a currency that is not its code, and the code they mean.
INFORMAL = {"RMB": "CNY", "YEN": "JPY", "NIS": "ILS", "UKP": "GBP", "STG": "GBP", "EURO": "EUR",
            "EUROS": "EUR"}  # fmt: skip
# The codes most amounts are in, offered first when a slip is near several codes.
COMMON = ("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "CNY", "INR", "SEK", "NOK",
          "DKK", "PLN", "CZK", "HUF", "MXN", "BRL", "ZAR", "SGD", "HKD", "KRW", "TRY", "ILS",
          "AED")  # fmt: skip


@functools.cache
def iso_codes() -> frozenset[str]:
    """Every code in ISO 4217 as pycountry ships it (current ones; funds and metals too),
    or none when its list cannot be read."""
    # pycountry's data file, read as it is: importing the package costs about 40 ms (it
    # looks up its own version), a command line's whole start, for the same list.
    spec = find_spec("pycountry")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        data = Path(folder, "databases", "iso4217.json")
        if data.is_file():
            return frozenset(entry["alpha_3"] for entry in json.loads(data.read_bytes())["4217"])
    try:  # the file moved in a later pycountry: its own way, slower
        import pycountry

        return frozenset(currency.alpha_3 for currency in pycountry.currencies)
    except (ImportError, OSError, ValueError):
        return frozenset()


def is_iso_code(code: str) -> bool:
    """Whether `code` (upper case) is an ISO 4217 currency code. Without a list to read
    (a broken install), every code is: a missing list must not stop anyone saving."""
    codes = iso_codes()
    return code in codes or not codes


def likely_meant(typed: str) -> list[str]:
    """The codes a slip most likely stands for, best first (at most three; maybe none):
    the informal name's code, the same letters in another order, a common code with one
    letter changed."""
    if typed in INFORMAL:
        return [INFORMAL[typed]]
    if len(typed) != 3:
        return []
    codes = iso_codes()
    rank = {code: place for place, code in enumerate(COMMON)}
    swapped = {"".join(order) for order in permutations(typed)} & codes
    reordered = sorted(swapped - {typed}, key=lambda code: rank.get(code, len(rank)))
    one_off = sorted(
        (code for code in rank if sum(a != b for a, b in zip(code, typed, strict=True)) == 1),
        key=rank.__getitem__,
    )
    return list(dict.fromkeys(reordered + one_off))[:3]
