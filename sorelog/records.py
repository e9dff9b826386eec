"""Plain records passed between the CLI, the store and the analysis (no ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


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
