"""The visit summary's contents: plain objects the summary page is drawn from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from sorelog.analysis.report import Report
from sorelog.domain.doses import Dose
from sorelog.domain.values import DayValue, Limit

if TYPE_CHECKING:
    from sorelog.domain.values import Checkin


@dataclass(frozen=True)
class PartChart:
    """One sore part and side over the period, with what happened on which days."""

    label: str
    body_part: str
    days: tuple[DayValue, ...]
    workouts: tuple[date, ...] = ()
    red_days: tuple[date, ...] = ()
    remedy_days: tuple[date, ...] = ()


@dataclass(frozen=True)
class RemedyRow:
    """A remedy against the person's own limits."""

    remedy: str
    days_used_30: int
    longest_run: int
    largest: Dose | None
    largest_day: date | None
    limit: Limit | None
    side_effects: tuple[str, ...]

    @property
    def over_limit(self) -> bool:
        ceiling = self.limit.max_daily.base if self.limit and self.limit.max_daily else None
        largest = self.largest
        return bool(
            ceiling and largest and largest.unit == ceiling.unit and largest.amount > ceiling.amount
        )


@dataclass(frozen=True)
class Note:
    day: date
    label: str
    text: str


@dataclass(frozen=True)
class Summary:
    made: datetime
    report: Report
    charts: list[PartChart] = field(default_factory=list)
    remedies: list[RemedyRow] = field(default_factory=list)
    checkins: list[Checkin] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # (body part, side) -> its peak in the period, for shading the outline
    peaks: dict[tuple[str, str | None], int] = field(default_factory=dict)
