"""The report's row for one body part and side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sorelog.analysis.bouts import Bout, bouts, loading_workouts
from sorelog.analysis.episodes import Trend, episode_trend
from sorelog.domain.values import DayValue, SeriesKey, Workout


@dataclass(frozen=True)
class PartSummary:
    body_part: str
    side: str | None
    latest: int
    peak: int
    peak_date: date
    episode_start: date | None
    episode_days: int
    trend: Trend
    daily: tuple[DayValue, ...]  # days with entries inside the window
    origin: Workout | None = None  # what the current episode follows (None: unexplained)


def summarize_part(
    key: SeriesKey,
    days: Sequence[DayValue],
    window_start: date,
    gap_days: int,
    workouts: Sequence[Workout] = (),
) -> PartSummary | None:
    """Summarise a part's series (all history up to as-of); None if nothing is in the window."""
    every = bouts(days, loading_workouts(key[0], workouts), gap_days)
    return summarize_bouts(key, days, every, window_start)


def summarize_bouts(
    key: SeriesKey, days: Sequence[DayValue], every: Sequence[Bout], window_start: date
) -> PartSummary | None:
    """summarize_part, given the part's bouts (`every`, from `days`): a report works them
    out once for the row and the flags."""
    window = tuple(d for d in days if d.day >= window_start)
    if not window:
        return None
    peak = max(d.severity for d in window)
    reaching = [b for b in every if b.episode.last_day >= window_start]
    bout = reaching[-1] if reaching else None
    current = bout.episode if bout else None
    resolved = days[-1].recovered or current is None
    trend = Trend.resolved if resolved or current is None else episode_trend(current)
    return PartSummary(
        body_part=key[0],
        side=key[1],
        latest=window[-1].latest,
        peak=peak,
        peak_date=next(d.day for d in window if d.severity == peak),
        episode_start=current.start if current else None,
        episode_days=current.episode_days if current else 0,
        trend=trend,
        daily=window,
        origin=bout.current_origin if bout else None,
    )
