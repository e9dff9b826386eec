"""The severity-over-time chart as one object: which lines to draw, and which workouts to mark."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sorelog.analysis.flag import Flag
from sorelog.domain.values import DayValue, SeriesKey, Workout


@dataclass(frozen=True)
class ChartLine:
    """One body part and side: its highest severity on each day of the window with entries."""

    body_part: str
    side: str | None
    days: tuple[DayValue, ...]

    def runs(self, gap_days: int) -> list[tuple[DayValue, ...]]:
        """The days in stretches drawn joined up. A stretch breaks where more than `gap_days`
        days without an entry lie between two entry days (where an episode ends too), so a
        line never bridges weeks in which nothing was logged."""
        stretches: list[list[DayValue]] = []
        for value in self.days:
            if stretches and (value.day - stretches[-1][-1].day).days - 1 <= gap_days:
                stretches[-1].append(value)
            else:
                stretches.append([value])
        return [tuple(stretch) for stretch in stretches]


@dataclass(frozen=True)
class Chart:
    """Everything `sorelog chart` draws, for the `days` days ending on `as_of`."""

    as_of: date
    window_start: date
    lines: tuple[ChartLine, ...] = ()
    workouts: tuple[Workout, ...] = ()  # in the window, loading a part that has a line
    gap_days: int = 3
    subject: str | None = None  # the part (and side) asked for, if any
    empty_journal: bool = False
    flags: tuple[Flag, ...] = ()  # the report's flags for the same window, most serious first

    @property
    def days(self) -> int:
        return (self.as_of - self.window_start).days + 1


def build_chart(
    series: Mapping[SeriesKey, list[DayValue]],
    workouts: Iterable[Workout],
    window_start: date,
    as_of: date,
    gap_days: int,
    subject: str | None = None,
    flags: Iterable[Flag] = (),
) -> Chart:
    """A line per part and side that was sore (>= 1) on some day of the window, sorted by
    part then side; the workouts in the window that loaded one of those parts."""
    lines = tuple(
        ChartLine(body_part, side, shown)
        for (body_part, side), values in sorted(series.items(), key=lambda kv: _order(kv[0]))
        if (shown := tuple(v for v in values if window_start <= v.day <= as_of))
        and any(v.severity > 0 for v in shown)
    )
    parts = {line.body_part for line in lines}
    marked = tuple(w for w in workouts if window_start <= w.day <= as_of and w.parts & parts)
    return Chart(as_of, window_start, lines, marked, gap_days, subject, flags=tuple(flags))


def _order(key: SeriesKey) -> tuple[str, str]:
    return key[0], key[1] or ""
