"""Splitting a daily series into episodes, and the trend of an episode."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sorelog.domain.values import DayValue

TREND_DAYS = 7  # the trend looks at the episode's last 7 days that have entries
TREND_SLOPE = 0.25  # severity points per day that count as a change


class Trend(StrEnum):
    improving = "improving"
    worsening = "worsening"
    steady = "steady"
    resolved = "resolved"


@dataclass(frozen=True)
class Episode:
    """A run of soreness in one part: from its first sore day to its last.

    `days` holds every day with an entry, including a closing day at 0 when
    recovery was logged.
    """

    days: tuple[DayValue, ...]

    @property
    def start(self) -> date:
        return self.days[0].day

    @property
    def last_sore_day(self) -> date:
        return next(d.day for d in reversed(self.days) if d.severity > 0)

    @property
    def last_day(self) -> date:
        """The last day with an entry, a logged recovery included."""
        return self.days[-1].day

    @property
    def episode_days(self) -> int:
        """Day 1 is the start day; a logged recovery day does not count."""
        return (self.last_sore_day - self.start).days + 1

    @property
    def recovered(self) -> bool:
        return self.days[-1].recovered

    def day_number(self, day: date) -> int:
        return (day - self.start).days + 1


def _gap(earlier: date, later: date) -> int:
    """Whole days with no entry between two entry days."""
    return (later - earlier).days - 1


def split_episodes(series: Sequence[DayValue], gap_days: int) -> list[Episode]:
    """Episodes in a day-ordered series of daily maxima (spec: "Episode").

    An episode opens on a sore day (>= 1) and closes on a day whose last entry is 0, or when
    more than `gap_days` days pass with no entry. A 0 outside an episode is
    a plain record of no soreness and belongs to none.
    """
    episodes: list[Episode] = []
    current: list[DayValue] = []
    for value in series:
        if current and _gap(current[-1].day, value.day) > gap_days:
            episodes.append(Episode(tuple(current)))
            current = []
        if value.severity == 0:
            if current:
                current.append(value)
                episodes.append(Episode(tuple(current)))
                current = []
            continue
        current.append(value)
        if value.recovered:  # sore earlier that day, then a 0 logged: recovery
            episodes.append(Episode(tuple(current)))
            current = []
    if current:
        episodes.append(Episode(tuple(current)))
    return episodes


def slope(points: Sequence[DayValue]) -> float:
    """Least-squares slope of severity per calendar day (0 for fewer than two days)."""
    if len(points) < 2:
        return 0.0
    xs = [(p.day - points[0].day).days for p in points]
    ys = [p.severity for p in points]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def episode_trend(episode: Episode) -> Trend:
    """Resolved if recovery was logged, else the slope over its last 7 days with entries."""
    if episode.recovered:
        return Trend.resolved
    recent = episode.days[-TREND_DAYS:]  # the last 7 days that have entries
    rate = slope(recent)
    if rate <= -TREND_SLOPE:
        return Trend.improving
    if rate >= TREND_SLOPE:
        return Trend.worsening
    return Trend.steady
