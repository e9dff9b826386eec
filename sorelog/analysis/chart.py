"""The severity-over-time chart as one object: which lines to draw, and which workouts to mark."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sorelog.analysis.flag import LEVELS, Flag, Level
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

    @property
    def span(self) -> tuple[date, date]:
        """The first and last day with an entry drawn (a line's day or a workout marked):
        the time axis runs over these, not over weeks of the window where nothing was
        logged. The whole window when nothing is drawn."""
        days = [v.day for line in self.lines for v in line.days]
        days += [w.day for w in self.workouts]
        return (min(days), max(days)) if days else (self.window_start, self.as_of)

    def panels(self) -> tuple[Panel, ...]:
        """Every line as a panel of its own, most serious first: by the most serious flag
        on its part and side, then by its peak in the window, then by name."""
        panels = [
            Panel(line, _worst_level(line, self.flags), max(v.severity for v in line.days))
            for line in self.lines
        ]
        return tuple(sorted(panels, key=lambda p: (_rank(p.level), -p.peak, _order(p.key))))

    def workouts_for(self, lines: Iterable[ChartLine]) -> tuple[Workout, ...]:
        """The workouts marked that loaded one of these lines' parts."""
        parts = {line.body_part for line in lines}
        return tuple(w for w in self.workouts if w.parts & parts)


@dataclass(frozen=True)
class Panel:
    """One part and side drawn on its own, with what puts it where it is in the order."""

    line: ChartLine
    level: Level | None  # its most serious flag, if it has one
    peak: int  # its highest severity in the window

    @property
    def key(self) -> SeriesKey:
        return self.line.body_part, self.line.side


def _worst_level(line: ChartLine, flags: Iterable[Flag]) -> Level | None:
    """The most serious level among the flags on this part (on its side, or on no side)."""
    levels = [
        f.level
        for f in flags
        if f.body_part == line.body_part and (f.side is None or f.side == line.side)
    ]
    return min(levels, key=LEVELS.index) if levels else None


def _rank(level: Level | None) -> int:
    return len(LEVELS) if level is None else LEVELS.index(level)


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
