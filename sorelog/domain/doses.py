"""Doses: an amount with a unit, and conversion within a unit family."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# unit spelling -> (canonical unit, family, size in the family's base unit)
_MASS = {"mcg": 0.001, "µg": 0.001, "μg": 0.001, "ug": 0.001, "mg": 1.0, "g": 1000.0}
_VOLUME = {"ml": 1.0, "l": 1000.0}
_TIME = {"s": 1 / 60, "sec": 1 / 60, "min": 1.0, "h": 60.0, "hr": 60.0}
_COUNTS = (
    "tablets",
    "capsules",
    "drops",
    "puffs",
    "patches",
    "sachets",
    "scoops",
    "sprays",
    "applications",
    "doses",
)
_ALIASES = {
    "micrograms": "mcg",
    "microgram": "mcg",
    "milligrams": "mg",
    "milligram": "mg",
    "grams": "g",
    "gram": "g",
    "gm": "g",
    "millilitres": "ml",
    "milliliters": "ml",
    "millilitre": "ml",
    "milliliter": "ml",
    "litres": "l",
    "liters": "l",
    "litre": "l",
    "liter": "l",
    "seconds": "s",
    "second": "s",
    "secs": "s",
    "minutes": "min",
    "minute": "min",
    "mins": "min",
    "m": "min",
    "hours": "h",
    "hour": "h",
    "hrs": "h",
    "tab": "tablets",
    "tabs": "tablets",
    "pill": "tablets",  # a pill and a tablet are counted alike
    "pills": "tablets",
    "cap": "capsules",
    "caps": "capsules",
    "patch": "patches",
}
BASE_UNIT = {"mass": "mg", "volume": "ml", "time": "min"}
UNITS_HELP = "mg, g, mcg, ml, l, min, h, or a count such as tablets, capsules, drops, puffs"

_DOSE = re.compile(r"^(\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)\s*([^\d\s].*)?$", re.ASCII)


@dataclass(frozen=True)
class Dose:
    """An amount in a canonical unit (mg, g, mcg, ml, l, min, h, s or a count)."""

    amount: float
    unit: str

    @property
    def family(self) -> str:
        return unit_family(self.unit)

    @property
    def base(self) -> Dose:
        """The same dose in its family's base unit (mg, ml, min; counts as they are)."""
        family = self.family
        if family not in BASE_UNIT:
            return self
        size = {"mass": _MASS, "volume": _VOLUME, "time": _TIME}[family][self.unit]
        return Dose(round(self.amount * size, 6), BASE_UNIT[family])

    def __str__(self) -> str:
        return f"{format_amount(self.amount)} {self.unit}"


def format_amount(amount: float) -> str:
    """400.0 -> '400', 1.5 -> '1.5'."""
    return f"{amount:.{DECIMALS}f}".rstrip("0").rstrip(".")


def unit_family(unit: str) -> str:
    """mass, volume, time, or the count unit itself (tablets only compare with tablets)."""
    if unit in _MASS:
        return "mass"
    if unit in _VOLUME:
        return "volume"
    if unit in _TIME:
        return "time"
    return unit


def canonical_unit(text: str) -> str:
    """The canonical spelling of a unit; ValueError for a unit sorelog does not know."""
    word = " ".join(text.strip().lower().split()).rstrip(".")
    word = _ALIASES.get(word, word)
    if word in _MASS or word in _VOLUME or word in _TIME or word in _COUNTS:
        return word
    if word + "s" in _COUNTS:
        return word + "s"
    raise ValueError(f"unknown unit '{text.strip()}'; use {UNITS_HELP}")


_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
DECIMALS = 6  # amounts are kept and shown to a millionth of their unit


def parse_amount(text: str) -> float:
    """'400' -> 400.0; '1.5' or '1,5' -> 1.5, with at most DECIMALS decimal places (see
    check_decimals)."""
    return check_decimals(read_number(text), text.strip())


def read_number(text: str) -> float:
    """'400' -> 400.0; '1.5' or '1,5' -> 1.5, whatever its decimals. '1,000' is refused: a
    thousands separator and a decimal comma read the same, and guessing wrong changes a
    dose a thousandfold."""
    value = text.strip()
    if _THOUSANDS.match(value):
        raise ValueError(f"'{value}' is ambiguous; write it without the comma, or with a point")
    if not value.isascii():  # float() reads other scripts' digits; nothing else here does
        raise ValueError(f"'{value}' is not a number written with the digits 0-9")
    return float(value.replace(",", ".", 1))


def check_decimals(amount: float, shown: str) -> float:
    """The one rule for tiny amounts: at most DECIMALS decimal places, so what is stored is
    what is shown ('0.0000001 mg' would show as '0 mg'); a smaller unit says it exactly."""
    if abs(amount - round(amount, DECIMALS)) > 1e-12:
        raise ValueError(
            f"'{shown}' has more than {DECIMALS} decimal places; give it in a smaller unit "
            "(mcg rather than mg, ml rather than l)"
        )
    return amount


def parse_dose(text: str) -> Dose:
    """Parse '400mg', '1.5 g', '2 tablets', '15 min'; ValueError says what is wrong."""
    if text.strip().startswith("-"):
        raise ValueError(f"dose '{text.strip()}' must be more than zero")
    match = _DOSE.match(text.strip())
    if not match:
        raise ValueError(
            f"cannot read dose '{text.strip()}'; write an amount and a unit ({UNITS_HELP})"
        )
    number, unit = match.groups()
    if not unit:
        raise ValueError(f"dose '{text.strip()}' needs a unit: {UNITS_HELP}")
    if unit.startswith((",", ".")):  # '1,0,0mg', '1.5.2 g'
        raise ValueError(f"cannot read dose '{text.strip()}'; write it like 1000mg or 1.5 g")
    amount = parse_amount(number)
    if amount <= 0:
        raise ValueError(f"dose '{text.strip()}' must be more than zero")
    if amount > 1e9:
        raise ValueError(f"dose '{text.strip()}' is too large")
    return Dose(amount, canonical_unit(unit))


def comparable(a: str, b: str) -> bool:
    """Whether amounts in units a and b can be added or compared."""
    return unit_family(a) == unit_family(b)


def fits(unit: str, others: Iterable[str | None]) -> bool:
    """The one unit rule: a remedy's doses and its daily limit share a unit family.

    True when a dose (or limit) in `unit` can be added to, or compared with, amounts in
    `others`; nothing to fit with (no earlier dose, no limit) always fits.
    """
    known = [other for other in others if other]
    return not known or any(comparable(unit, other) for other in known)
