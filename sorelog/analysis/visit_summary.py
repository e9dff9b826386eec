"""The visit summary's contents: plain objects the summary page is drawn from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from sorelog.analysis.report import Report
from sorelog.domain.doses import Dose
from sorelog.domain.values import DayValue, Limit, Workout

if TYPE_CHECKING:
    from sorelog.domain.values import Checkin


@dataclass(frozen=True)
class PartChart:
    """One sore part and side over the period, with what happened on which days."""

    label: str
    body_part: str
    days: tuple[DayValue, ...]
    workouts: tuple[date, ...] = ()  # days of workouts that load the part
    red_days: tuple[date, ...] = ()  # days a red-flag symptom was logged with the part
    remedy_days: tuple[date, ...] = ()  # days a remedy was logged `--for` the part

    @property
    def span(self) -> tuple[date, date]:
        """The first and last day with anything to draw: the chart's time axis, so no
        chart spends its width on days with nothing logged for its part."""
        marked = [v.day for v in self.days] + [*self.workouts, *self.red_days, *self.remedy_days]
        return min(marked), max(marked)


@dataclass(frozen=True)
class PartRow:
    """One row of the per-part table: the current episode's numbers side by side (first
    day, origin, peak and its day, days sore, latest), and the period's highest apart, so
    a row never mixes an old bout's peak with a new bout's first day."""

    label: str
    first_day: date | None  # the current episode's first sore day (None: no episode)
    origin: Workout | None  # what it followed (None: unexplained)
    peak: int | None  # the current episode's highest and its first day at that level
    peak_day: date | None
    days_sore: int
    latest: int
    trend: str
    highest: int  # the period's highest, whichever episode it was in
    highest_day: date
    red_flag: bool = False  # a red-flag symptom is among its flags


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
    rows: list[PartRow] = field(default_factory=list)
    # (body part, side) with a red flag: marked apart on the outline
    red_parts: frozenset[tuple[str, str | None]] = frozenset()
    # (remedy, day) of uses logged for no part: one strip under the charts
    loose_remedies: tuple[tuple[str, date], ...] = ()
    # Made by `sorelog demo` from its made-up month: the page says so, so that it is never
    # taken for a person's own summary if it is passed on.
    demo: bool = False
