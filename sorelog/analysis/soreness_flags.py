"""Flags on soreness: what deserves a clinician's look, and why (spec: "Flags")."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta

from sorelog.analysis.bouts import Bout, bouts, loading_workouts
from sorelog.analysis.chronic import CHRONIC_GAP_DAYS, chronic
from sorelog.analysis.episodes import Episode
from sorelog.analysis.flag import Finding, Flag, Level, sort_flags
from sorelog.domain.parts import CHEST, is_muscle, part_label
from sorelog.domain.settings import Config
from sorelog.domain.values import DayValue, Entry, PartHistory, SeriesKey, Workout

EARLY = timedelta(hours=72)  # soreness after exercise peaks within 24-72 h of it (ACSM)
RISING_LEVEL = 4  # a rise to at least this after the first 72 h is not the usual course
CLINICAL_CHANGE = 2  # points on a 0-10 scale: the smallest change that matters (Farrar 2001)
LATE_DAY = 14  # any soreness beyond two weeks (NHS: pain not improved after 2 weeks)
SETTLE_WINDOW = 14  # days: the first and last two weeks of a long episode are compared
SETTLED_LEVEL = 2  # an entry at or below this is soreness that settled between sessions


def flag_soreness(
    series: Mapping[SeriesKey, Sequence[DayValue]],
    window_start: date,
    config: Config,
    workouts: Sequence[Workout] = (),
    entries: Mapping[SeriesKey, Sequence[Entry]] | None = None,
) -> list[Flag]:
    """The soreness flags of bouts that reach into the window (red flags: red_flags.py).

    `workouts` are every workout up to the report date; `entries` each part's entries with
    their times (for the rules counted in hours), else each day stands for one entry.
    """
    flags: list[Flag] = []
    for key, days in series.items():
        loading = loading_workouts(key[0], workouts)
        read = PartHistory(tuple(days), tuple((entries or {}).get(key, ())))
        flags += flag_part(key, read, bouts(days, loading, config.gap_days), loading,
                           window_start, config)  # fmt: skip
    return sort_flags(flags)


def flag_part(
    key: SeriesKey,
    read: PartHistory,
    every: Sequence[Bout],
    loading: Sequence[Workout],
    window_start: date,
    config: Config,
) -> list[Flag]:
    """flag_soreness for one part and side, given its bouts (`every`, from `read.days`) and
    the workouts loading it. `chronic` counts the days read, continuing `read.before`, the
    stretch the days before them end with."""
    body_part, side = key
    label = part_label(body_part, side)
    reaching = [b for b in every if b.episode.last_day >= window_start]
    timed = read.entries or _entries_of(read.days)
    counted = counted_sore_days(every, config)
    found = [
        _first(prolonged(b, label, config, body_part) for b in reaching),
        _first(not_improving(b, label, timed) for b in reaching),
        _most_serious(severe(b.episode, label, config) for b in reaching),
        _first(persistent(b, label, config) for b in reaching),
        chronic(counted, window_start, label, read.before),
        chest(
            body_part,
            label,
            timed,
            loading,
            reaching[0].start if reaching else None,
            config.emergency_number,
        ),
    ]
    return [
        Flag(level, code, since, message, body_part, side)
        for level, code, since, message in filter(None, found)
    ]


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


def prolonged(bout: Bout, label: str, config: Config, body_part: str = "") -> Finding:
    # ACSM: exercise soreness begins 12-24 h and peaks 24-72 h after the session and clears
    # within about 5-7 days, so a fading 1-2/10 on day 8 is its tail, not a reason to book a
    # visit; >= prolonged_level (3) beyond prolonged_days is not. Any soreness beyond day 14
    # is worth a look (NHS: pain that has not improved after 2 weeks).
    episode = bout.episode
    held = None
    for value in episode.days:
        number = bout.day_number(value.day, value.first_sore)
        late = number > LATE_DAY
        if value.severity > 0 and (
            late or (number > config.prolonged_days and value.severity >= config.prolonged_level)
        ):
            held = value
            break
    if held is None:
        return None
    origin = bout.origin_at(held.first_sore, held.day)
    seen = f"{label} at {held.severity}/10 on day {number}"
    if late and held.severity < config.prolonged_level:
        past = f"past day {LATE_DAY}"
    else:
        past = f"past day {config.prolonged_days} at {config.prolonged_level}/10 or more"
    if origin is not None:
        message = (
            f"{seen} counting {origin.name} on {origin.day} as day 1 ({past}); exercise "
            f"soreness usually clears within about {config.prolonged_days} days"
        )
    elif body_part and not is_muscle(body_part):
        message = (
            f"{seen} since {episode.start} ({past}), in a joint, tendon or bone; soreness "
            "there is not the course of exercise soreness, and pain that lasts is worth a "
            "professional look"
        )
    else:
        message = (
            f"{seen} since {episode.start} ({past}), with no workout in the 72 h before it; "
            f"pain without a logged cause that lasts beyond {config.prolonged_days} days is "
            "worth a professional look"
        )
    return (Level.follow_up, "prolonged", held.day, message)


def not_improving(bout: Bout, label: str, entries: Sequence[Entry]) -> Finding:
    # Soreness after exercise peaks within 24-72 h of the session (ACSM); a rise after that
    # of at least 2 points, the smallest change that matters clinically (Farrar 2001), is
    # not the usual course. Counted in hours from the current origin (a workout, else the
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
        if entry.severity >= ceiling + CLINICAL_CHANGE:
            hours = int((entry.at - start).total_seconds() // 3600)
            after = f"{origin.name} on {origin.day}" if origin else "its first entry"
            return (
                Level.follow_up,
                "not_improving",
                entry.day,
                f"{label} rose to {entry.severity} on {entry.day}, {hours} h after {after}, "
                f"{entry.severity - ceiling} points above its peak of {ceiling} in the first "
                "72 h; soreness after exercise peaks within 24-72 h, and a rise of 2 points "
                "or more after that is worth a professional look",
            )
    return None


def persistent(bout: Bout, label: str, config: Config) -> Finding:
    # Training soreness normally settles between sessions and lessens as training goes on
    # (the repeated-bout effect, ACSM): a long episode carried into later workouts is worth
    # a look only when, in its last 14 days, it never settled (no entry at or below 2) or it
    # peaked higher than in its first 14.
    if not bout.carried:
        return None
    days = bout.episode.days
    first_peak = max(d.severity for d in days if _within(d.day, bout.start, SETTLE_WINDOW))
    carried_from = bout.carried[0].day  # persistent only once carried into a later workout
    dates = [d.day for d in days]  # in order, each once: a bisection finds the last 14 days
    for place, value in enumerate(days):
        if (
            value.severity == 0
            or value.day < carried_from
            or (value.day - bout.start).days + 1 <= config.persistent_days
        ):
            continue
        since = bisect_right(dates, value.day - timedelta(days=SETTLE_WINDOW), hi=place)
        recent = days[since : place + 1]  # the days within the SETTLE_WINDOW ending on it
        never_settled = all(d.lowest > SETTLED_LEVEL for d in recent)
        peak = max(d.severity for d in recent)
        if not never_settled and peak <= first_peak:
            continue
        span = (value.day - bout.start).days + 1
        count = len(bout.carried)
        how = (
            f"never at or below {SETTLED_LEVEL}/10"
            if never_settled
            else f"peaking at {peak}/10, above its first two weeks' peak of {first_peak}"
        )
        return (
            Level.follow_up,
            "persistent",
            value.day,
            f"{label} sore across {span} days since {bout.start}, carried into {count} "
            f"later workout{'s' * (count > 1)}, and in the {SETTLE_WINDOW} days to "
            f"{value.day} {how}; training soreness normally settles between sessions and "
            "lessens as training goes on",
        )
    return None


def _within(later: date, earlier: date, days: int) -> bool:
    """Whether `earlier` is one of the `days` calendar days ending on `later`."""
    return 0 <= (later - earlier).days < days


def chest(
    body_part: str,
    label: str,
    entries: Sequence[Entry],
    loading: Sequence[Workout],
    since: date | None,
    emergency_number: str | None = None,
) -> Finding:
    # NHS and Mayo Clinic: chest pain that is tight or heavy, spreads to the arms, neck, jaw
    # or back, or comes with breathlessness, sweating or sickness needs emergency care.
    # Chest soreness no workout explains is worth knowing those signs for.
    if body_part != CHEST or since is None:
        return None
    number = emergency_number or "your local emergency number"
    for entry in entries:  # those of the episodes reaching the window, from `since`
        if entry.day < since or entry.severity == 0:
            continue
        if any(entry.at - EARLY <= w.at <= entry.at for w in loading):
            continue
        return (
            Level.caution,
            "chest",
            entry.day,
            f"{label} sore at {entry.severity}/10 on {entry.day} with no workout loading the "
            "chest in the 72 h before it; chest pain that feels tight or heavy, spreads to "
            "the arms, neck, jaw or back, or comes with breathlessness, sweating or feeling "
            f"sick needs emergency care now (call {number}); such signs can be logged with "
            "--symptom chest-pain",
        )
    return None


def chronic_reach(every: Sequence[Bout], window_start: date, config: Config) -> date | None:
    """The first day whose sore days could join the `chronic` stretch that reaches the
    window (the one holding the first counted day in it), judged from these bouts: the
    history must be whole from there on. None: no counted day reaches the window."""
    counted = counted_sore_days(every, config)
    place = bisect_left(counted, window_start)
    if place == len(counted):
        return None
    while place and (counted[place] - counted[place - 1]).days - 1 <= CHRONIC_GAP_DAYS:
        place -= 1
    return counted[place] - timedelta(days=CHRONIC_GAP_DAYS + 1)


def counted_sore_days(every: Sequence[Bout], config: Config) -> list[date]:
    """The sore days `chronic` counts, in order: those of unexplained or persistent bouts
    (soreness that keeps following workouts is training, not something recurring by itself)."""
    counted = [b for b in every if b.origin is None or persistent(b, "", config)]
    return sorted(d.day for b in counted for d in b.episode.days if d.severity > 0)


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
