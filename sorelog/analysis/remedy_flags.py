"""Flags on remedy use: the person's own limits, unbroken runs, frequent use, side effects."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from sorelog.analysis.flag import Flag, Level
from sorelog.analysis.remedy_stats import FREQUENT_SPAN, by_remedy, run_length, runs
from sorelog.domain.doses import comparable, format_amount, unit_family
from sorelog.domain.settings import Config
from sorelog.domain.symptoms import Tier, effect_tier
from sorelog.domain.values import Limit, RemedyDay, SideEffectDay

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
            frequent(remedy, days, limit, as_of, config),
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


def takes_defaults(days: Sequence[RemedyDay]) -> bool:
    """Whether sorelog's generic defaults (streak_days, frequent_days) apply to a remedy:
    to one dosed by mass, volume or count; not to ice or heat dosed in minutes, nor to a
    remedy logged without doses, unless the person sets a limit for it."""
    return any(d.unit is not None and unit_family(d.unit) != "time" for d in days)


def _allowed(
    own: int | None, default: int, option: str, days: Sequence[RemedyDay]
) -> tuple[int | None, str]:
    """The limit that applies and how the message names it; None when none applies."""
    if own:
        return own, f"your own limit of {own}"
    if not takes_defaults(days):
        return None, ""
    hint = f"set your own with 'sorelog remedy limit NAME {option} N'"
    return default, f"{default}, sorelog's default ({hint})"


def unbroken_run(
    remedy: str,
    days: Sequence[RemedyDay],
    limit: Limit | None,
    window_start: date,
    config: Config,
) -> Flag | None:
    # The advice given with remedies in general: regular breaks, and the label's limits (the
    # OTC Drug Facts label: ask a doctor if pain lasts more than 10 days).
    allowed, named = _allowed(
        limit.max_days if limit else None, config.streak_days, "--max-days", days
    )
    if allowed is None:
        return None
    for run in runs([d.day for d in days]):
        if run[1] >= window_start and run_length(run) > allowed:
            return Flag(
                Level.caution,
                "remedy_streak",
                run[0] + timedelta(days=allowed),
                f"{remedy} used {run_length(run)} days in a row since {run[0]}, more than "
                f"{named}; unbroken use is worth checking against the label or with a "
                "clinician",
                remedy=remedy,
            )
    return None


def frequent(
    remedy: str, days: Sequence[RemedyDay], limit: Limit | None, as_of: date, config: Config
) -> Flag | None:
    # The OTC Drug Facts label: pain lasting beyond 10 days is for a doctor; using a remedy
    # on more than half of a month's days is more than that, taken on and off.
    allowed, named = _allowed(
        limit.max_days_in_30 if limit else None,
        config.frequent_days,
        "--max-days-in-30",
        days,
    )
    if allowed is None:
        return None
    used = sorted({d.day for d in days if d.day <= as_of})

    def count(day: date) -> int:
        """Days used in the 30 days up to `day`."""
        return bisect_right(used, day) - bisect_right(used, day - timedelta(days=FREQUENT_SPAN))

    if count(as_of) <= allowed:
        return None
    since = as_of  # walk back to the first day of this unbroken stretch of frequent use
    while count(since - timedelta(days=1)) > allowed:
        since -= timedelta(days=1)
    return Flag(
        Level.caution,
        "frequent_use",
        since,
        f"{remedy} used on {count(as_of)} of the {FREQUENT_SPAN} days up to {as_of}, more "
        f"than {named}; using a remedy on many days a month is worth checking against the "
        "label or with a clinician",
        remedy=remedy,
    )


def flag_side_effects(side_effects: Sequence[SideEffectDay], window_start: date) -> list[Flag]:
    """One flag per remedy (or none named): caution, follow_up if severe or repeated."""
    grouped: dict[str | None, list[SideEffectDay]] = defaultdict(list)
    for item in side_effects:
        if item.day >= window_start and effect_tier(item.effect) is Tier.recorded:
            grouped[item.remedy].append(item)  # the red-flag tiers are red_flag flags
    flags = []
    for remedy, items in grouped.items():
        days_by_effect: dict[str, set[date]] = defaultdict(set)
        worst: dict[str, int] = {}
        for item in items:
            days_by_effect[item.effect].add(item.day)
            if item.severity is not None:
                worst[item.effect] = max(worst.get(item.effect, 0), item.severity)
        # follow_up from the first day severe, or the day an effect reached its third day
        crossed = [i.day for i in items if (i.severity or 0) >= SIDE_EFFECT_SEVERE]
        crossed += [sorted(d)[SIDE_EFFECT_DAYS - 1] for d in days_by_effect.values()
                    if len(d) >= SIDE_EFFECT_DAYS]  # fmt: skip
        serious = bool(crossed)
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
                min(crossed) if serious else items[0].day,
                f"{described}{taking}, since {items[0].day}; side effects are worth "
                "raising with a clinician",
                remedy=remedy,
            )
        )
    return flags
