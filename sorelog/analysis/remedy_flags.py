"""Flags on remedy use: the person's own limits, unbroken runs, frequent use, side effects."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from sorelog.analysis.flag import Flag, Level
from sorelog.analysis.remedy_stats import FREQUENT_SPAN, by_remedy, run_length, runs
from sorelog.domain.doses import comparable, format_amount
from sorelog.domain.settings import Config
from sorelog.domain.values import Limit, RemedyDay, SideEffectDay

FREQUENT_DAYS = 15  # used on at least this many of the FREQUENT_SPAN days
SIDE_EFFECT_SEVERE = 7  # a side effect this severe is a follow-up
SIDE_EFFECT_DAYS = 3  # the same effect on this many days is a follow-up
EPSILON = 1e-9


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
    for remedy, days in by_remedy(use).items():
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
    dosed = [d for d in days if d.day >= window_start and d.total is not None and d.unit]
    over = [
        d for d in dosed if d.unit == ceiling.unit and (d.total or 0) > ceiling.amount + EPSILON
    ]
    # Doses an older sorelog let in, in units the limit cannot be compared with: never
    # skipped silently, since the limit could not be checked on those days.
    apart = [d for d in dosed if not comparable(d.unit or "", ceiling.unit)]
    if not over and not apart:
        return None
    unchecked = ""
    if apart:
        apart_days = sorted({d.day for d in apart})
        units = ", ".join(sorted({d.unit or "" for d in apart}))
        unchecked = (
            f"doses in {units} on {_days(len(apart_days))} since {apart_days[0]} cannot be "
            f"compared with your own daily limit of {limit.max_daily}, so the limit could not "
            f"be checked on them; 'sorelog edit ID --dose AMOUNT' can give them in "
            f"{limit.max_daily.unit}"
        )
    if not over:
        return Flag(
            Level.caution, "remedy_limit", apart[0].day, f"{remedy}: {unchecked}", remedy=remedy
        )
    first = over[0]
    more = f" (and on {len(over) - 1} more day{'s' * (len(over) > 2)})" if len(over) > 1 else ""
    return Flag(
        Level.follow_up,
        "remedy_limit",
        first.day,
        f"{remedy}: {format_amount(first.total or 0)} {first.unit} on {first.day}{more}, "
        f"above your own daily limit of {limit.max_daily}; going over the limit from the "
        "label or your clinician is worth raising with them"
        + (f"; also, {unchecked}" if unchecked else ""),
        remedy=remedy,
    )


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


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
        if run[1] >= window_start and run_length(run) > allowed:
            return Flag(
                Level.caution,
                "remedy_streak",
                run[0] + timedelta(days=allowed),
                f"{remedy} used {run_length(run)} days in a row since {run[0]}, more than "
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
        Level.caution,
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
                Level.follow_up if serious else Level.caution,
                "side_effect",
                items[0].day,
                f"{described}{taking}, since {items[0].day}; side effects are worth "
                "raising with a clinician",
                remedy=remedy,
            )
        )
    return flags
