"""How far back a report reads: far enough that every episode, remedy run and stretch of
chronic soreness reaching the window is whole, and no further.

A stretch of chronic soreness can reach back years. Its state before a cut (the first
day of an episode) is kept as a checkpoint, so the next reports read months instead:
a report that had to read a part's whole history, or that used a checkpoint more than
`REFRESH_DAYS` old, keeps a new one (store/checkpoints.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from sorelog.analysis.bouts import bouts, loading_workouts
from sorelog.analysis.chronic import CHRONIC_GAP_DAYS, advance, stretches
from sorelog.analysis.episodes import split_episodes
from sorelog.analysis.part_summary import LOOKBACK_DAYS, needs_earlier_history
from sorelog.analysis.remedy_stats import FREQUENT_SPAN, runs
from sorelog.analysis.soreness_flags import counted_sore_days
from sorelog.domain.settings import Config
from sorelog.domain.values import ChronicCheckpoint, DayValue, RemedyDay, SeriesKey, Workout
from sorelog.store import Journal
from sorelog.store import checkpoints as kept
from sorelog.store import reads as queries

T = TypeVar("T")
Series = dict[SeriesKey, list[DayValue]]

RULES_VERSION = 2  # raise it when a rule that decides which days `chronic` counts changes
REFRESH_DAYS = 30  # keep a newer checkpoint once the one used is this much older


def chronic_rules(config: Config) -> str:
    """The settings a checkpoint was judged under: one kept under others is not used."""
    return f"v{RULES_VERSION} gap_days={config.gap_days} persistent_days={config.persistent_days}"


def cache_holds(config: Config) -> bool:
    """Whether checkpoints can stand for the history before them under these settings. A
    cut is the start of an episode, and a stretch that ended more than 30 days before it
    cannot reach past it; with episodes that bridge longer gaps (gap_days above 30) that no
    longer holds, so such reports read the whole history and keep nothing."""
    return config.gap_days <= CHRONIC_GAP_DAYS


@dataclass
class History:
    """The daily series read for a report, from `since`; `checkpoints` stand for the
    history before their cuts (each cut after `since`, the first day of an episode)."""

    series: Series
    since: date
    whole: bool  # read from the journal's first entry
    checkpoints: dict[SeriesKey, ChronicCheckpoint] = field(default_factory=dict)
    mark: str = ""  # store/checkpoints.change_mark before the reads


def read_history(
    journal: Journal, window_start: date, as_of: date, part: str | None, config: Config
) -> History:
    """Daily series from far enough back that every episode reaching the window is whole,
    and every stretch too, unless a checkpoint after the first day read carries it."""
    mark = kept.change_mark(journal)
    first_day = queries.first_day(journal)
    usable = {
        key: checkpoint
        for key, checkpoint in kept.read_checkpoints(
            journal, chronic_rules(config), window_start
        ).items()
        if part in (None, key[0]) and cache_holds(config)
    }
    # Without checkpoints, most reports need no more than LOOKBACK_DAYS; with them, every
    # part from just before the window (a part without one reads further back if it must),
    # and each part with a checkpoint from the day before its cut.
    start = window_start - timedelta(days=LOOKBACK_DAYS if not usable else config.gap_days + 1)

    def read(settled: dict[SeriesKey, ChronicCheckpoint]) -> tuple[Series, date]:
        series, since = _read_back(
            lambda low, high: queries.daily_series(journal, low, high, part),
            _join_series,
            start,
            as_of,
            first_day,
            lambda series, since: needs_earlier_history(
                series, since, window_start, config.gap_days, settled
            ),
        )
        before = {
            key: checkpoint.cut - timedelta(days=1)
            for key, checkpoint in settled.items()
            if checkpoint.cut - timedelta(days=1) < since
        }
        if before:
            earlier = queries.daily_series_of_parts(journal, before, since - timedelta(days=1))
            series = _join_series(earlier, series)
        return series, since

    series, since = read(usable)
    # A cut that no longer begins an episode means the journal changed under it (the
    # triggers should have deleted it): that part is read in full instead.
    checked = {
        key: checkpoint
        for key, checkpoint in usable.items()
        if checkpoint.cut in {e.start for e in split_episodes(series.get(key, []), config.gap_days)}
    }
    if len(checked) < len(usable) and needs_earlier_history(
        series, since, window_start, config.gap_days, checked
    ):
        series, since = read(checked)
    whole = first_day is None or since <= first_day
    return History(series, since, whole, checked, mark)


def keep_checkpoints(
    journal: Journal,
    history: History,
    window_start: date,
    workouts: list[Workout],
    config: Config,
) -> None:
    """Keep a checkpoint at the last episode start up to the window for each part whose
    history before it is known, when none was used or the one used is getting old."""
    if not journal.reads_own or not cache_holds(config):
        return
    found: dict[SeriesKey, ChronicCheckpoint] = {}
    for key, days in history.series.items():
        old = history.checkpoints.get(key)
        known = old.cut if old is not None else _known_from(days, history)
        if known is None:
            continue
        cuts = [
            e.start
            for e in split_episodes(days, config.gap_days)
            if known <= e.start <= window_start
        ]
        if not cuts or (old is not None and (cuts[-1] - old.cut).days < REFRESH_DAYS):
            continue
        loading = loading_workouts(key[0], workouts)
        counted = counted_sore_days(bouts(days, loading, config.gap_days), config)
        if old is not None:
            counted = [day for day in counted if day >= old.cut]
        found[key] = advance(old, counted, cuts[-1])
    if found:
        kept.save_checkpoints(journal, chronic_rules(config), history.mark, found)


def _known_from(days: list[DayValue], history: History) -> date | None:
    """The first day from which a cut's checkpoint is known from the days read alone: any
    day when the read began at the journal's first entry; else the first sore day of the
    first stretch (sore days no more than 30 days apart) that days before the read cannot
    join, since only that one could hold an episode begun before it; None: no such day."""
    if history.whole:
        return history.since
    found = stretches(d.day for d in days if d.severity > 0)
    if found and (found[0].first - history.since).days > CHRONIC_GAP_DAYS:
        return found[0].first
    return found[1].first if len(found) > 1 else None


def remedy_days_with_history(journal: Journal, window_start: date, as_of: date) -> list[RemedyDay]:
    """Remedy days from far enough back that every unbroken run reaching the window is whole."""

    def run_reaches_back(use: list[RemedyDay], since: date) -> bool:
        return any(
            run[0] == since and run[1] >= window_start
            for name in {d.remedy for d in use}
            for run in runs([d.day for d in use if d.remedy == name])
        )

    found, _ = _read_back(
        lambda start, end: queries.remedy_days(journal, start, end),
        _join_remedy_days,
        min(window_start, as_of - timedelta(days=FREQUENT_SPAN - 1)) - timedelta(days=60),
        as_of,
        queries.first_day(journal, "remedy_use"),
        run_reaches_back,
    )
    return found


def _read_back(
    read: Callable[[date, date], T],
    join: Callable[[T, T], T],
    since: date,
    as_of: date,
    first_day: date | None,
    incomplete: Callable[[T, date], bool],
) -> tuple[T, date]:
    """Read from `since` to `as_of`, reaching further back (doubling the span) while
    `incomplete` says days before `since` could still change the result; what was read,
    and the first day read.

    Each widening reads only the days before those already read and `join`s them (older,
    newer) to what was found: a long look-back costs one pass over its days, not one per
    widening.
    """
    found = read(since, as_of)
    while first_day is not None and since > first_day and incomplete(found, since):
        earlier = since - max(as_of - since, timedelta(days=365))
        found = join(read(earlier, since - timedelta(days=1)), found)
        since = earlier
    return found, since


def _join_series(older: Series, newer: Series) -> Series:
    """Two reads of the daily series over adjoining spans as one, keys in the store's order
    (body part, then no side before a side)."""
    keys = sorted(older.keys() | newer.keys(), key=lambda k: (k[0], k[1] is not None, k[1] or ""))
    return {key: older.get(key, []) + newer.get(key, []) for key in keys}


def _join_remedy_days(older: list[RemedyDay], newer: list[RemedyDay]) -> list[RemedyDay]:
    """Two reads of remedy days over adjoining spans as one, by remedy then day (the sort
    is stable and each read is in day order)."""
    return sorted(older + newer, key=lambda d: d.remedy)
