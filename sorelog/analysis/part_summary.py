"""The report's row for one body part and side, and how much history it needs."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sorelog.analysis.bouts import bouts, loading_workouts
from sorelog.analysis.chronic import CHRONIC_DAYS, CHRONIC_GAP_DAYS, stretches
from sorelog.analysis.episodes import Trend, episode_trend, split_episodes
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
    window = tuple(d for d in days if d.day >= window_start)
    if not window:
        return None
    peak = max(d.severity for d in window)
    loading = loading_workouts(key[0], workouts)
    reaching = [b for b in bouts(days, loading, gap_days) if b.episode.last_day >= window_start]
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


def needs_earlier_history(
    series: Mapping[SeriesKey, Sequence[DayValue]],
    since: date,
    window_start: date,
    gap_days: int,
    settled: Collection[SeriesKey] = (),
) -> bool:
    """Could entries before `since` change an episode or a stretch that reaches the window?

    `settled` parts have a checkpoint after `since`, at the start of an episode no later
    than the window's first day: it carries their stretch, and every episode reaching the
    window starts on or after it, so it is whole.
    """
    for key, days in series.items():
        if not days or days[-1].day < window_start or key in settled:
            continue
        # Only the earliest episode and stretch read can still grow backwards.
        episodes = split_episodes(days, gap_days)
        first = episodes[0] if episodes else None
        if first and first.last_day >= window_start and (first.start - since).days <= gap_days:
            return True
        found = stretches(d.day for d in days if d.severity > 0)
        early = found[0] if found else None
        if early and early.last >= window_start and (early.first - since).days <= CHRONIC_GAP_DAYS:
            return True
    return False


LOOKBACK_DAYS = CHRONIC_DAYS + CHRONIC_GAP_DAYS + 1  # enough history for most reports
