"""Remedy use: the person's own limits, unbroken runs, frequent use, side effects."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sorelog.analysis.flags import Flag
from sorelog.config import Config
from sorelog.doses import Dose, format_amount
from sorelog.records import Limit, RemedyDay, RemedyPartDay, SideEffectDay

FREQUENT_SPAN = 30  # days looked at for frequent use
FREQUENT_DAYS = 15  # used on at least this many of them
SIDE_EFFECT_SEVERE = 7  # a side effect this severe is a follow-up
SIDE_EFFECT_DAYS = 3  # the same effect on this many days is a follow-up
ASSOCIATION_MIN_DAYS = 3  # days needed on each side before a comparison is shown
EPSILON = 1e-9


@dataclass(frozen=True)
class Association:
    """Next-day severity of a part after days a remedy was taken for it, and after days not."""

    remedy: str
    body_part: str
    days_taken: int
    mean_after_taken: float
    days_not: int
    mean_after_not: float


@dataclass(frozen=True)
class RemedySummary:
    remedy: str
    days_used: int
    longest_streak: int
    total: Dose | None
    side_effects: int
    associations: tuple[Association, ...] = ()


def runs(days: Sequence[date]) -> list[tuple[date, date]]:
    """(first, last) of each run of consecutive days in an ordered list of days."""
    found: list[tuple[date, date]] = []
    for day in days:
        if found and (day - found[-1][1]).days == 1:
            found[-1] = (found[-1][0], day)
        elif not found or day != found[-1][1]:
            found.append((day, day))
    return found


def _length(run: tuple[date, date]) -> int:
    return (run[1] - run[0]).days + 1


def _by_remedy(use: Sequence[RemedyDay]) -> dict[str, list[RemedyDay]]:
    grouped: dict[str, list[RemedyDay]] = defaultdict(list)
    for item in use:
        grouped[item.remedy].append(item)
    return grouped


def flag_remedies(
    use: Sequence[RemedyDay],
    limits: Mapping[str, Limit],
    side_effects: Sequence[SideEffectDay],
    window_start: date,
    as_of: date,
    config: Config,
) -> list[Flag]:
    """remedy_limit, remedy_streak, frequent_use and side_effect flags (spec: "Flags")."""
    flags: list[Flag] = []
    for remedy, days in _by_remedy(use).items():
        limit = limits.get(remedy)
        found = [
            over_limit(remedy, days, limit, window_start),
            unbroken_run(remedy, days, limit, window_start, config),
            frequent(remedy, days, as_of),
        ]
        flags += [f for f in found if f is not None]
    return flags + flag_side_effects(side_effects, window_start)


def over_limit(
    remedy: str, days: Sequence[RemedyDay], limit: Limit | None, window_start: date
) -> Flag | None:
    # The person's own daily maximum, from a label or a clinician.
    if limit is None or limit.max_daily is None:
        return None
    ceiling = limit.max_daily.base
    over = [
        d
        for d in days
        if d.day >= window_start
        and d.total is not None
        and d.unit == ceiling.unit
        and d.total > ceiling.amount + EPSILON
    ]
    if not over:
        return None
    first = over[0]
    more = f" (and on {len(over) - 1} more day{'s' * (len(over) > 2)})" if len(over) > 1 else ""
    return Flag(
        "follow_up",
        "remedy_limit",
        first.day,
        f"{remedy}: {format_amount(first.total or 0)} {first.unit} on {first.day}{more}, "
        f"above your own daily limit of {limit.max_daily}; going over the limit from the "
        "label or your clinician is worth raising with them",
        remedy=remedy,
    )


def unbroken_run(
    remedy: str,
    days: Sequence[RemedyDay],
    limit: Limit | None,
    window_start: date,
    config: Config,
) -> Flag | None:
    # Tolerance builds with unbroken use; regular breaks are advised.
    allowed = limit.max_days if limit and limit.max_days else config.streak_days
    for run in runs([d.day for d in days]):
        if run[1] >= window_start and _length(run) > allowed:
            return Flag(
                "caution",
                "remedy_streak",
                run[0] + timedelta(days=allowed),
                f"{remedy} used {_length(run)} days in a row since {run[0]}, more than "
                f"{allowed}; tolerance builds with unbroken use: take a break",
                remedy=remedy,
            )
    return None


def frequent(remedy: str, days: Sequence[RemedyDay], as_of: date) -> Flag | None:
    # Regular use on most days builds tolerance even with short breaks.
    used = sorted({d.day for d in days if d.day <= as_of})

    def count(day: date) -> int:
        """Days used in the 30 days up to `day`."""
        return bisect_right(used, day) - bisect_right(used, day - timedelta(days=FREQUENT_SPAN))

    if count(as_of) < FREQUENT_DAYS:
        return None
    since = as_of  # walk back to the first day of this unbroken stretch of frequent use
    while count(since - timedelta(days=1)) >= FREQUENT_DAYS:
        since -= timedelta(days=1)
    return Flag(
        "caution",
        "frequent_use",
        since,
        f"{remedy} used on {count(as_of)} of the {FREQUENT_SPAN} days up to {as_of}; "
        "tolerance builds with regular use: breaks are advised",
        remedy=remedy,
    )


def flag_side_effects(side_effects: Sequence[SideEffectDay], window_start: date) -> list[Flag]:
    """One flag per remedy (or none named): caution, follow_up if severe or repeated."""
    grouped: dict[str | None, list[SideEffectDay]] = defaultdict(list)
    for item in side_effects:
        if item.day >= window_start:
            grouped[item.remedy].append(item)
    flags = []
    for remedy, items in grouped.items():
        days_by_effect: dict[str, set[date]] = defaultdict(set)
        worst: dict[str, int] = {}
        for item in items:
            days_by_effect[item.effect].add(item.day)
            if item.severity is not None:
                worst[item.effect] = max(worst.get(item.effect, 0), item.severity)
        serious = any(s >= SIDE_EFFECT_SEVERE for s in worst.values()) or any(
            len(d) >= SIDE_EFFECT_DAYS for d in days_by_effect.values()
        )
        described = ", ".join(
            f"{effect} on {len(d)} day{'s' * (len(d) > 1)}"
            + (f" (worst {worst[effect]}/10)" if effect in worst else "")
            for effect, d in days_by_effect.items()
        )
        taking = f" while taking {remedy}" if remedy else ""
        flags.append(
            Flag(
                "follow_up" if serious else "caution",
                "side_effect",
                items[0].day,
                f"{described}{taking}, since {items[0].day}; side effects are worth "
                "raising with a clinician",
                remedy=remedy,
            )
        )
    return flags


def summarize_remedies(
    use: Sequence[RemedyDay],
    side_effects: Sequence[SideEffectDay],
    associations: Sequence[Association],
    window_start: date,
) -> list[RemedySummary]:
    """Per remedy used (or blamed for a side effect) in the window."""
    in_window = [d for d in use if d.day >= window_start]
    grouped = _by_remedy(in_window)
    effects = defaultdict(int)
    for item in side_effects:
        if item.remedy and item.day >= window_start:
            effects[item.remedy] += 1
    summaries = []
    for remedy in sorted(set(grouped) | set(effects)):
        days = grouped.get(remedy, [])
        totals = [d for d in days if d.total is not None]
        total = None
        if totals:
            total = Dose(round(sum(d.total or 0 for d in totals), 6), totals[0].unit or "")
        summaries.append(
            RemedySummary(
                remedy=remedy,
                days_used=len(days),
                longest_streak=max((_length(r) for r in runs([d.day for d in days])), default=0),
                total=total,
                side_effects=effects.get(remedy, 0),
                associations=tuple(a for a in associations if a.remedy == remedy),
            )
        )
    return summaries


def associate(
    taken: Sequence[RemedyPartDay],
    part_severity: Mapping[str, Mapping[date, int]],
    window_start: date,
    as_of: date,
) -> list[Association]:
    """Mean next-day severity after sore days a remedy was taken for the part, and after not.

    Only sore days followed by an entry count; shown with at least 3 days on each side.
    This is an association in one person's journal, not proof that the remedy works.
    """
    pairs: dict[tuple[str, str], set[date]] = defaultdict(set)
    for item in taken:
        pairs[(item.remedy, item.body_part)].add(item.day)
    found = []
    for (remedy, part), days_taken in sorted(pairs.items()):
        severity = part_severity.get(part, {})
        after_taken, after_not = [], []
        for day, level in severity.items():
            following = severity.get(day + timedelta(days=1))
            if day < window_start or day >= as_of or level < 1 or following is None:
                continue
            (after_taken if day in days_taken else after_not).append(following)
        if len(after_taken) >= ASSOCIATION_MIN_DAYS and len(after_not) >= ASSOCIATION_MIN_DAYS:
            found.append(
                Association(
                    remedy,
                    part,
                    len(after_taken),
                    round(sum(after_taken) / len(after_taken), 2),
                    len(after_not),
                    round(sum(after_not) / len(after_not), 2),
                )
            )
    return found


@dataclass(frozen=True)
class RemedyStatus:
    """A remedy as `sorelog remedy list` shows it."""

    remedy: str
    limit: Limit | None
    days_used_30: int
    current_streak: int
    last_used: date | None


def remedy_status(
    names: Sequence[str], use: Sequence[RemedyDay], limits: Mapping[str, Limit], today: date
) -> list[RemedyStatus]:
    """Limits, days used in the 30 days up to today, and the unbroken run still going.

    A run is still going if its last day is today or yesterday.
    """
    grouped = _by_remedy(use)
    span_start = today - timedelta(days=FREQUENT_SPAN - 1)
    statuses = []
    for name in names:
        days = [d.day for d in grouped.get(name, [])]
        last_run = runs(days)[-1] if days else None
        going = last_run is not None and (today - last_run[1]).days <= 1
        statuses.append(
            RemedyStatus(
                remedy=name,
                limit=limits.get(name),
                days_used_30=sum(1 for d in days if span_start <= d <= today),
                current_streak=_length(last_run) if going and last_run else 0,
                last_used=days[-1] if days else None,
            )
        )
    return statuses
