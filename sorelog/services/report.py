"""Building a report: one read of the journal's history, then the pure rules over it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sorelog.analysis.bouts import bouts, loading_workouts
from sorelog.analysis.flag import Flag, sort_flags
from sorelog.analysis.part_summary import PartSummary, summarize_bouts
from sorelog.analysis.red_flags import completes_rhabdo, flag_red, rhabdo_days
from sorelog.analysis.remedy_flags import flag_remedies
from sorelog.analysis.remedy_stats import (
    RemedyStatus,
    associate,
    remedy_status,
    summarize_remedies,
)
from sorelog.analysis.report import Report
from sorelog.analysis.soreness_flags import chronic_reach, flag_part
from sorelog.domain.settings import Config
from sorelog.domain.values import DayValue, History, PartHistory, SeriesKey, Workout
from sorelog.store import Journal
from sorelog.store.history import read_history, read_remedies


def build_report(
    journal: Journal | None, as_of: date, days: int, part: str | None, config: Config
) -> Report:
    """The picture of the `days` days ending on `as_of`; nothing after `as_of` is read."""
    return report_from(read_report_history(journal, as_of, days, part, config), config, part)


def read_report_history(
    journal: Journal | None, as_of: date, days: int, part: str | None, config: Config
) -> History:
    """What the report of the `days` days ending on `as_of` reads, in one step: whole for
    the rules under `config` (how far back a muscle a workout names is read depends on
    the settings that decide its episodes)."""
    window_start = first_day_shown(as_of, days)
    if journal is None:
        return History(window_start, as_of, empty=True)

    def reach(key: SeriesKey, read: Sequence[DayValue], workouts: Sequence[Workout]) -> date | None:
        every = bouts(read, loading_workouts(key[0], workouts), config.gap_days)
        return chronic_reach(every, window_start, config)

    return read_history(journal, window_start, as_of, part, reach)


def report_from(history: History, config: Config, part: str | None = None) -> Report:
    """The report the rules make of a history (`part`: the one body part it was read for)."""
    window_start, as_of = history.window_start, history.as_of
    if history.empty:
        return Report(as_of, window_start, empty_journal=True)
    rows: list[PartSummary] = []
    flags: list[Flag] = []
    for key, read in sorted(history.parts.items(), key=lambda kv: _in_order(kv[0])):
        loading = loading_workouts(key[0], history.workouts)
        every = bouts(read.days, loading, config.gap_days)
        if summary := summarize_bouts(key, read.days, every, window_start):
            rows.append(summary)
        flags += flag_part(key, read, every, loading, window_start, config)
    workouts, symptoms, side_effects = history.workouts, history.symptoms, history.side_effects
    flags += [
        flag
        for flag in flag_red(symptoms, side_effects, workouts, config.severe_level)
        if part is None or flag.body_part in (None, part)  # --part narrows soreness flags
    ]
    rhabdo = rhabdo_days(symptoms, side_effects)  # those side effects are red flags there
    ordinary = [e for e in side_effects if not completes_rhabdo(e, rhabdo, workouts)]
    use = history.remedy_days
    flags += flag_remedies(use, history.limits, ordinary, window_start, as_of, config)
    associations = associate(
        history.remedy_part_days,
        _severity_by_part(history.parts, window_start),
        window_start,
        as_of,
    )
    remedies = summarize_remedies(use, side_effects, associations, window_start)
    return Report(as_of, window_start, rows, sort_flags(flags), remedies)


def _in_order(key: SeriesKey) -> tuple[str, bool, str]:
    """Parts by name, then no side before each side (an empty side, which only another
    program writes, is a side)."""
    return (key[0], key[1] is not None, key[1] or "")


def first_day_shown(as_of: date, days: int) -> date:
    """The first day of the window: `days` calendar days ending on `as_of`, that day included."""
    return as_of - timedelta(days=days - 1)


def list_remedies(journal: Journal | None, today: date) -> list[RemedyStatus]:
    """Every remedy in the journal with its limits and recent use."""
    if journal is None:
        return []
    names, use, limits = read_remedies(journal, today)
    return remedy_status(names, use, limits, today)


def _severity_by_part(
    parts: dict[SeriesKey, PartHistory], window_start: date
) -> dict[str, dict[date, int]]:
    """Daily maximum per body part, all sides together, in the window (all that
    `associate` looks at)."""
    by_part: dict[str, dict[date, int]] = {}
    for (body_part, _side), read in parts.items():
        days = by_part.setdefault(body_part, {})
        for value in read.days:
            if value.day >= window_start:
                days[value.day] = max(days.get(value.day, 0), value.severity)
    return by_part
