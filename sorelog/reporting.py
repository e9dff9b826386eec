"""Building a report: read the journal's daily series, then apply the pure rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sorelog.analysis.flags import Flag, flag_soreness
from sorelog.analysis.summary import (
    LOOKBACK_DAYS,
    PartSummary,
    needs_earlier_history,
    summarize_part,
)
from sorelog.config import Config
from sorelog.records import DayValue, SeriesKey
from sorelog.store import Journal, queries


@dataclass(frozen=True)
class Report:
    as_of: date
    window_start: date
    parts: list[PartSummary] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    remedies: list[Any] = field(default_factory=list)
    empty_journal: bool = False

    @property
    def days(self) -> int:
        return (self.as_of - self.window_start).days + 1


def build_report(
    journal: Journal | None, as_of: date, days: int, part: str | None, config: Config
) -> Report:
    """The picture of the `days` days ending on `as_of`; nothing after `as_of` is read."""
    window_start = as_of - timedelta(days=days - 1)
    if journal is None or queries.is_empty(journal):
        return Report(as_of, window_start, empty_journal=True)
    series = _series_with_history(journal, window_start, as_of, part, config)
    symptoms = queries.symptom_days(journal, window_start, as_of, part)
    parts = [
        summary
        for key, values in sorted(series.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
        if (summary := summarize_part(key, values, window_start, config.gap_days))
    ]
    flags = flag_soreness(series, symptoms, window_start, config)
    return Report(as_of, window_start, parts, flags)


def _series_with_history(
    journal: Journal, window_start: date, as_of: date, part: str | None, config: Config
) -> dict[SeriesKey, list[DayValue]]:
    """Daily series from far enough back that every episode reaching the window is whole."""
    since = window_start - timedelta(days=LOOKBACK_DAYS)
    first_day = queries.first_day(journal)
    while True:
        series = queries.daily_series(journal, since, as_of, part)
        if first_day is None or since <= first_day:
            return series
        if not needs_earlier_history(series, since, window_start, config.gap_days):
            return series
        since -= max(as_of - since, timedelta(days=365))
