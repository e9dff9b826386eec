"""Flags on soreness: what deserves a clinician's look, and why (spec: "Flags")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from sorelog.analysis.episodes import Episode, split_episodes
from sorelog.analysis.flag import Flag, Level, sort_flags
from sorelog.domain.parts import part_label
from sorelog.domain.settings import Config
from sorelog.domain.values import DayValue, SeriesKey

EARLY_DAYS = 3  # DOMS peaks 24-72 h after exercise: days 1-3 of an episode
RISING_LEVEL = 4  # a rise to at least this after day 3 is not ordinary DOMS
CHRONIC_DAYS = 90  # IASP / ICD-11: pain for longer than 3 months
CHRONIC_GAP_DAYS = 30  # episodes this close together count as one stretch of pain


def flag_soreness(
    series: Mapping[SeriesKey, Sequence[DayValue]],
    window_start: date,
    config: Config,
) -> list[Flag]:
    """The soreness flags of episodes that reach into the window (red flags: red_flags.py)."""
    flags: list[Flag] = []
    for (body_part, side), days in series.items():
        label = part_label(body_part, side)
        episodes = [e for e in split_episodes(days, config.gap_days) if e.last_day >= window_start]
        found = [
            _first(prolonged(e, label, config) for e in episodes),
            _first(not_improving(e, label) for e in episodes),
            _most_serious(severe(e, label, config) for e in episodes),
            chronic(days, window_start, label),
        ]
        flags += [
            Flag(level, code, since, message, body_part, side)
            for level, code, since, message in filter(None, found)
        ]
    return sort_flags(flags)


Finding = tuple[Level, str, date, str] | None  # (level, code, since, message)


def _first(findings: Iterable[Finding]) -> Finding:
    return next((f for f in findings if f is not None), None)


def _most_serious(findings: Iterable[Finding]) -> Finding:
    """Once per part at its highest level: the earliest finding of the most serious one."""
    found = [f for f in findings if f is not None]
    return min(found, key=lambda f: (list(Level).index(f[0]), f[2])) if found else None


def prolonged(episode: Episode, label: str, config: Config) -> Finding:
    # DOMS peaks at 24-72 h and clears within about 5-7 days.
    if episode.episode_days <= config.prolonged_days:
        return None
    held = next(
        d.day
        for d in episode.days
        if d.severity > 0 and episode.day_number(d.day) > config.prolonged_days
    )
    return (
        Level.follow_up,
        "prolonged",
        held,
        f"{label} sore for {episode.episode_days} days since {episode.start}; "
        f"exercise soreness usually clears within {config.prolonged_days} days",
    )


def not_improving(episode: Episode, label: str) -> Finding:
    # DOMS peaks within 72 h; soreness that climbs after that is not the usual course.
    early = [d.severity for d in episode.days if episode.day_number(d.day) <= EARLY_DAYS]
    ceiling = max(early)
    for value in episode.days:
        number = episode.day_number(value.day)
        if number > EARLY_DAYS and value.severity >= RISING_LEVEL and value.severity > ceiling:
            return (
                Level.follow_up,
                "not_improving",
                value.day,
                f"{label} rose to {value.severity} on day {number} ({value.day}), above its "
                f"peak of {ceiling} in the first {EARLY_DAYS} days; soreness rising after the "
                "usual 72 h peak is worth a professional look",
            )
    return None


def severe(episode: Episode, label: str, config: Config) -> Finding:
    # The worst imaginable soreness is not routine (urgent); nor are repeated severe days.
    ten = next((d.day for d in episode.days if d.severity == 10), None)
    if ten is not None:
        return (
            Level.urgent,
            "severe",
            ten,
            f"{label} reached 10/10 on {ten}; soreness this severe is worth a clinician's "
            "look today",
        )
    high = [d.day for d in episode.days if d.severity >= config.severe_level]
    if len(high) < config.severe_days:
        return None
    return (
        Level.follow_up,
        "severe",
        high[config.severe_days - 1],
        f"{label} at {config.severe_level}/10 or more on {len(high)} days of one episode "
        f"since {high[0]}; soreness this severe is worth a professional look",
    )


def sore_stretches(days: Sequence[DayValue]) -> list[tuple[date, date]]:
    """(first, last) sore day of each run of sore days no more than 30 days apart."""
    stretches: list[tuple[date, date]] = []
    for value in days:
        if value.severity == 0:
            continue
        if stretches and (value.day - stretches[-1][1]).days - 1 <= CHRONIC_GAP_DAYS:
            stretches[-1] = (stretches[-1][0], value.day)
        else:
            stretches.append((value.day, value.day))
    return stretches


def chronic(days: Sequence[DayValue], window_start: date, label: str) -> Finding:
    # IASP / ICD-11: pain that persists or recurs for longer than 3 months is worth a review.
    for first, last in sore_stretches(days):
        span = (last - first).days + 1
        if last >= window_start and span > CHRONIC_DAYS:
            # the first sore day on which the stretch had lasted more than 90 days
            held = next(
                d.day
                for d in days
                if d.severity > 0
                and first <= d.day <= last
                and (d.day - first).days + 1 > CHRONIC_DAYS
            )
            return (
                Level.follow_up,
                "chronic",
                held,
                f"{label} sore on and off across {span} days since {first}; soreness that "
                "keeps recurring for over 3 months is worth a clinician's review",
            )
    return None
