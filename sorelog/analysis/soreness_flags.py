"""Flags on soreness: what deserves a clinician's look, and why (spec: "Flags")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta

from sorelog.analysis.bouts import Bout, bouts
from sorelog.analysis.chronic import chronic
from sorelog.analysis.episodes import Episode
from sorelog.analysis.flag import Finding, Flag, Level, sort_flags
from sorelog.domain.parts import part_label
from sorelog.domain.settings import Config
from sorelog.domain.values import ChronicCheckpoint, DayValue, Entry, SeriesKey, Workout

EARLY = timedelta(hours=72)  # soreness after exercise peaks within 24-72 h of it
RISING_LEVEL = 4  # a rise to at least this after the first 72 h is not the usual course


def flag_soreness(
    series: Mapping[SeriesKey, Sequence[DayValue]],
    window_start: date,
    config: Config,
    workouts: Sequence[Workout] = (),
    entries: Mapping[SeriesKey, Sequence[Entry]] | None = None,
    checkpoints: Mapping[SeriesKey, ChronicCheckpoint] | None = None,
) -> list[Flag]:
    """The soreness flags of bouts that reach into the window (red flags: red_flags.py).

    `workouts` are every workout up to the report date; `entries` each part's entries with
    their times (for the rules counted in hours), else each day stands for one entry. A
    part's checkpoint stands for its history before the cut: `chronic` then counts only
    the days from the cut on, continuing the checkpoint's stretch.
    """
    flags: list[Flag] = []
    for key, days in series.items():
        body_part, side = key
        label = part_label(body_part, side)
        loading = [w for w in workouts if body_part in w.parts]
        every = bouts(days, loading, config.gap_days)
        reaching = [b for b in every if b.episode.last_day >= window_start]
        timed = list((entries or {}).get(key) or _entries_of(days))
        found = [
            _first(prolonged(b, label, config) for b in reaching),
            _first(not_improving(b, label, timed) for b in reaching),
            _most_serious(severe(b.episode, label, config) for b in reaching),
            _first(persistent(b, label, config) for b in reaching),
            _chronic_from(every, config, window_start, label, (checkpoints or {}).get(key)),
        ]
        flags += [
            Flag(level, code, since, message, body_part, side)
            for level, code, since, message in filter(None, found)
        ]
    return sort_flags(flags)


def _first(findings: Iterable[Finding]) -> Finding:
    return next((f for f in findings if f is not None), None)


def _most_serious(findings: Iterable[Finding]) -> Finding:
    """Once per part at its highest level: the earliest finding of the most serious one."""
    found = [f for f in findings if f is not None]
    return min(found, key=lambda f: (list(Level).index(f[0]), f[2])) if found else None


def _entries_of(days: Sequence[DayValue]) -> list[Entry]:
    """Without entry times (a series from a test), each day is one entry at its first sore
    time or noon UTC."""
    noon = time(12, tzinfo=UTC)
    return [Entry(d.first_sore or datetime.combine(d.day, noon), d.day, d.severity) for d in days]


def prolonged(bout: Bout, label: str, config: Config) -> Finding:
    # Exercise soreness peaks at 24-72 h and clears within about 5-7 days of the session.
    episode = bout.episode
    held = next(
        (
            d.day
            for d in episode.days
            if d.severity > 0 and bout.day_number(d.day) > config.prolonged_days
        ),
        None,
    )
    if held is None:
        return None
    origin = bout.origin_at(None, held)
    if origin is None:
        message = (
            f"{label} sore for {episode.episode_days} days since {episode.start}; "
            f"exercise soreness usually clears within {config.prolonged_days} days"
        )
    else:
        message = (
            f"{label} sore on day {bout.day_number(held)} counting {origin.name} on "
            f"{origin.day} as day 1; exercise soreness usually clears within "
            f"{config.prolonged_days} days"
        )
    return (Level.follow_up, "prolonged", held, message)


def not_improving(bout: Bout, label: str, entries: Sequence[Entry]) -> Finding:
    # Soreness after exercise peaks within 24-72 h of the session; a rise after that is not
    # the usual course. Counted in hours from the current origin (a workout, else the
    # episode's first sore entry).
    inside = [e for e in entries if bout.start <= e.day <= bout.episode.last_day]
    first_sore = next((e for e in inside if e.severity > 0), None)
    if first_sore is None:
        return None
    for entry in inside:
        origin = bout.origin_at(entry.at, entry.day)
        start = origin.at if origin is not None else first_sore.at
        if entry.severity < RISING_LEVEL or entry.at <= start + EARLY:
            continue
        early = [e.severity for e in inside if start <= e.at <= start + EARLY]
        if not early:  # nothing logged in its first 72 h: carried-in soreness sets the bar
            early = [e.severity for e in inside if e.at < start]
        if not early:
            continue
        ceiling = max(early)
        if entry.severity > ceiling:
            hours = int((entry.at - start).total_seconds() // 3600)
            after = f"{origin.name} on {origin.day}" if origin else "its first entry"
            return (
                Level.follow_up,
                "not_improving",
                entry.day,
                f"{label} rose to {entry.severity} on {entry.day}, {hours} h after {after}, "
                f"above its peak of {ceiling} in the first 72 h; soreness after exercise "
                "peaks within 24-72 h, so a rise after that is worth a professional look",
            )
    return None


def persistent(bout: Bout, label: str, config: Config) -> Finding:
    # Training soreness normally settles between sessions and lessens as training goes on.
    if not bout.carried:
        return None
    sore = [d.day for d in bout.episode.days if d.severity > 0]
    carried_from = bout.carried[0].day  # persistent only once carried into a later workout
    held = next(
        (
            d
            for d in sore
            if (d - bout.start).days + 1 > config.persistent_days and d >= carried_from
        ),
        None,
    )
    if held is None:
        return None
    span = (sore[-1] - bout.start).days + 1
    count = len(bout.carried)
    return (
        Level.follow_up,
        "persistent",
        held,
        f"{label} sore across {span} days since {bout.start}, carried into {count} later "
        f"workout{'s' * (count > 1)}; training soreness normally settles between sessions "
        "and lessens as training goes on",
    )


def counted_sore_days(every: Sequence[Bout], config: Config) -> list[date]:
    """The sore days `chronic` counts, in order: those of unexplained or persistent bouts
    (soreness that keeps following workouts is training, not something recurring by itself)."""
    counted = [b for b in every if b.origin is None or persistent(b, "", config)]
    return sorted(d.day for b in counted for d in b.episode.days if d.severity > 0)


def _chronic_from(
    every: Sequence[Bout],
    config: Config,
    window_start: date,
    label: str,
    checkpoint: ChronicCheckpoint | None,
) -> Finding:
    days = counted_sore_days(every, config)
    if checkpoint is None:
        return chronic(days, window_start, label)
    later = [day for day in days if day >= checkpoint.cut]
    return chronic(later, window_start, label, checkpoint.stretch)


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
