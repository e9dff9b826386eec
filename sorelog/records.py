"""Plain records passed between the CLI, the store and the analysis (no ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sorelog.doses import Dose


@dataclass(frozen=True)
class SorenessInput:
    """A validated soreness entry, ready to write."""

    at: datetime  # timezone-aware
    day: date  # local calendar day of `at`
    body_part: str
    side: str | None
    severity: int
    kind: str | None = None
    cause: str | None = None
    symptoms: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class DayValue:
    """The highest severity logged for one body part and side on one local day."""

    day: date
    severity: int


@dataclass(frozen=True)
class SymptomDay:
    """Symptoms logged with a soreness entry on one local day."""

    body_part: str
    side: str | None
    day: date
    symptoms: tuple[str, ...]


SeriesKey = tuple[str, str | None]  # (body part, side)


@dataclass(frozen=True)
class RemedyInput:
    """A validated remedy use, ready to write."""

    at: datetime
    day: date
    remedy: str
    dose: Dose | None = None
    body_part: str | None = None
    side: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class SideEffectInput:
    """A validated side effect, ready to write."""

    at: datetime
    day: date
    effect: str
    remedy: str | None = None
    severity: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Limit:
    """The person's own limits for one remedy."""

    remedy: str
    max_daily: Dose | None = None
    max_days: int | None = None


@dataclass(frozen=True)
class RemedyDay:
    """One remedy on one local day: how many uses, and the total in the base unit."""

    remedy: str
    day: date
    uses: int
    total: float | None  # None when no use that day had a dose
    unit: str | None


@dataclass(frozen=True)
class RemedyPartDay:
    """A remedy taken for a body part on a local day."""

    remedy: str
    body_part: str
    day: date


@dataclass(frozen=True)
class SideEffectDay:
    """A side effect logged on a local day."""

    effect: str
    remedy: str | None
    day: date
    severity: int | None
