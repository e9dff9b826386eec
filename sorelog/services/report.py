"""Building a report: read the journal's daily series, then apply the pure rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

from sorelog.analysis.episodes import split_episodes
from sorelog.analysis.flag import sort_flags
from sorelog.analysis.part_summary import LOOKBACK_DAYS, needs_earlier_history, summarize_part
from sorelog.analysis.red_flags import completes_rhabdo, flag_red, rhabdo_days
from sorelog.analysis.remedy_flags import flag_remedies
from sorelog.analysis.remedy_stats import (
    FREQUENT_SPAN,
    RemedyStatus,
    associate,
    remedy_status,
    runs,
    summarize_remedies,
)
from sorelog.analysis.report import Report
from sorelog.analysis.soreness_flags import flag_soreness
from sorelog.domain.settings import Config
from sorelog.domain.values import DayValue, RemedyDay, SeriesKey
from sorelog.store import Journal
from sorelog.store import reads as queries

T = TypeVar("T")


def build_report(
    journal: Journal | None, as_of: date, days: int, part: str | None, config: Config
) -> Report:
    """The picture of the `days` days ending on `as_of`; nothing after `as_of` is read."""
    window_start = first_day_shown(as_of, days)
    if journal is None or queries.is_empty(journal):
        return Report(as_of, window_start, empty_journal=True)
    series = _series_with_history(journal, window_start, as_of, part, config)
    workouts = queries.workouts(journal, as_of)
    # Entry times are needed only inside the episodes that reach the window.
    first = min(
        (
            episode.start
            for values in series.values()
            for episode in split_episodes(values, config.gap_days)
            if episode.last_day >= window_start
        ),
        default=as_of,
    )
    entries = queries.entries(journal, first, as_of, part) if workouts or series else {}
    # Every part's symptoms: dark urine with another part's weakness is one emergency.
    symptoms = queries.symptom_days(journal, window_start, as_of)
    parts = [
        summary
        for key, values in sorted(series.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
        if (summary := summarize_part(key, values, window_start, config.gap_days, workouts))
    ]
    flags = flag_soreness(series, window_start, config, workouts, entries)
    use = _remedy_days_with_history(journal, window_start, as_of)
    side_effects = queries.side_effect_days(journal, window_start, as_of)
    flags += [
        flag
        for flag in flag_red(symptoms, side_effects)
        if part is None or flag.body_part in (None, part)  # --part narrows soreness flags
    ]
    rhabdo = rhabdo_days(symptoms, side_effects)  # those side effects are red flags there
    ordinary = [e for e in side_effects if not completes_rhabdo(e, rhabdo)]
    flags += flag_remedies(use, queries.limits(journal), ordinary, window_start, as_of, config)
    associations = associate(
        queries.remedy_part_days(journal, window_start, as_of),
        _severity_by_part(series),
        window_start,
        as_of,
    )
    remedies = summarize_remedies(use, side_effects, associations, window_start)
    return Report(as_of, window_start, parts, sort_flags(flags), remedies)


def first_day_shown(as_of: date, days: int) -> date:
    """The first day of the window: `days` calendar days ending on `as_of`, that day included."""
    return as_of - timedelta(days=days - 1)


def list_remedies(journal: Journal | None, today: date) -> list[RemedyStatus]:
    """Every remedy in the journal with its limits and recent use."""
    if journal is None:
        return []
    use = _remedy_days_with_history(journal, today, today)
    return remedy_status(queries.remedy_names(journal), use, queries.limits(journal), today)


def _severity_by_part(series: dict[SeriesKey, list[DayValue]]) -> dict[str, dict[date, int]]:
    """Daily maximum per body part, all sides together."""
    by_part: dict[str, dict[date, int]] = {}
    for (body_part, _side), values in series.items():
        days = by_part.setdefault(body_part, {})
        for value in values:
            days[value.day] = max(days.get(value.day, 0), value.severity)
    return by_part


def _read_back(
    read: Callable[[date, date], T],
    join: Callable[[T, T], T],
    since: date,
    as_of: date,
    first_day: date | None,
    incomplete: Callable[[T, date], bool],
) -> T:
    """Read from `since` to `as_of`, reaching further back (doubling the span) while
    `incomplete` says days before `since` could still change the result.

    Each widening reads only the days before those already read and `join`s them (older,
    newer) to what was found: a long look-back costs one pass over its days, not one per
    widening.
    """
    found = read(since, as_of)
    while first_day is not None and since > first_day and incomplete(found, since):
        earlier = since - max(as_of - since, timedelta(days=365))
        found = join(read(earlier, since - timedelta(days=1)), found)
        since = earlier
    return found


def _join_series(
    older: dict[SeriesKey, list[DayValue]], newer: dict[SeriesKey, list[DayValue]]
) -> dict[SeriesKey, list[DayValue]]:
    """Two reads of the daily series over adjoining spans as one, keys in the store's order
    (body part, then no side before a side)."""
    keys = sorted(older.keys() | newer.keys(), key=lambda k: (k[0], k[1] is not None, k[1] or ""))
    return {key: older.get(key, []) + newer.get(key, []) for key in keys}


def _join_remedy_days(older: list[RemedyDay], newer: list[RemedyDay]) -> list[RemedyDay]:
    """Two reads of remedy days over adjoining spans as one, by remedy then day (the sort
    is stable and each read is in day order)."""
    return sorted(older + newer, key=lambda d: d.remedy)


def _remedy_days_with_history(journal: Journal, window_start: date, as_of: date) -> list[RemedyDay]:
    """Remedy days from far enough back that every unbroken run reaching the window is whole."""

    def run_reaches_back(use: list[RemedyDay], since: date) -> bool:
        return any(
            run[0] == since and run[1] >= window_start
            for name in {d.remedy for d in use}
            for run in runs([d.day for d in use if d.remedy == name])
        )

    return _read_back(
        lambda start, end: queries.remedy_days(journal, start, end),
        _join_remedy_days,
        min(window_start, as_of - timedelta(days=FREQUENT_SPAN - 1)) - timedelta(days=60),
        as_of,
        queries.first_day(journal, "remedy_use"),
        run_reaches_back,
    )


def _series_with_history(
    journal: Journal, window_start: date, as_of: date, part: str | None, config: Config
) -> dict[SeriesKey, list[DayValue]]:
    """Daily series from far enough back that every episode reaching the window is whole."""
    return _read_back(
        lambda start, end: queries.daily_series(journal, start, end, part),
        _join_series,
        window_start - timedelta(days=LOOKBACK_DAYS),
        as_of,
        queries.first_day(journal),
        lambda series, since: needs_earlier_history(series, since, window_start, config.gap_days),
    )
