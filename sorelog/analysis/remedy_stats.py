"""Remedy use in numbers: unbroken runs, days used, totals, and next-day soreness after days
with and without a remedy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sorelog.domain.doses import Dose
from sorelog.domain.values import Limit, RemedyDay, RemedyPartDay, SideEffectDay

FREQUENT_SPAN = 30  # days looked at for frequent use, and for days used in `remedy list`
ASSOCIATION_MIN_DAYS = 3  # days needed on each side before a comparison is shown


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
    total: Dose | None  # None when nothing had a dose, or doses are in units kept apart
    side_effects: int
    associations: tuple[Association, ...] = ()
    totals: tuple[Dose, ...] = ()  # one per unit: more than one only for units kept apart


def runs(days: Sequence[date]) -> list[tuple[date, date]]:
    """(first, last) of each run of consecutive days in an ordered list of days."""
    found: list[tuple[date, date]] = []
    for day in days:
        if found and (day - found[-1][1]).days == 1:
            found[-1] = (found[-1][0], day)
        elif not found or day != found[-1][1]:
            found.append((day, day))
    return found


def run_length(run: tuple[date, date]) -> int:
    return (run[1] - run[0]).days + 1


def by_remedy(use: Sequence[RemedyDay]) -> dict[str, list[RemedyDay]]:
    grouped: dict[str, list[RemedyDay]] = defaultdict(list)
    for item in use:
        grouped[item.remedy].append(item)
    return grouped


def summarize_remedies(
    use: Sequence[RemedyDay],
    side_effects: Sequence[SideEffectDay],
    associations: Sequence[Association],
    window_start: date,
) -> list[RemedySummary]:
    """Per remedy used (or blamed for a side effect) in the window."""
    in_window = [d for d in use if d.day >= window_start]
    grouped = by_remedy(in_window)
    effects: defaultdict[str, int] = defaultdict(int)
    for item in side_effects:
        if item.remedy and item.day >= window_start:
            effects[item.remedy] += 1
    summaries = []
    for remedy in sorted(set(grouped) | set(effects)):
        days = grouped.get(remedy, [])
        by_unit: dict[str, float] = defaultdict(float)
        for day in days:
            if day.total is not None and day.unit:
                by_unit[day.unit] += day.total
        totals = tuple(Dose(round(amount, 6), unit) for unit, amount in sorted(by_unit.items()))
        used_on = sorted({d.day for d in days})
        summaries.append(
            RemedySummary(
                remedy=remedy,
                days_used=len(used_on),
                longest_streak=max((run_length(r) for r in runs(used_on)), default=0),
                total=totals[0] if len(totals) == 1 else None,
                side_effects=effects.get(remedy, 0),
                associations=tuple(a for a in associations if a.remedy == remedy),
                totals=totals,
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
        after_taken: list[int] = []
        after_not: list[int] = []
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
    grouped = by_remedy(use)
    span_start = today - timedelta(days=FREQUENT_SPAN - 1)
    statuses = []
    for name in names:
        days = sorted({d.day for d in grouped.get(name, [])})
        last_run = runs(days)[-1] if days else None
        going = last_run is not None and (today - last_run[1]).days <= 1
        statuses.append(
            RemedyStatus(
                remedy=name,
                limit=limits.get(name),
                days_used_30=sum(1 for d in days if span_start <= d <= today),
                current_streak=run_length(last_run) if going and last_run else 0,
                last_used=days[-1] if days else None,
            )
        )
    return statuses
