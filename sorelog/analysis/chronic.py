"""`chronic`: soreness that keeps recurring for over 3 months (spec: "Flags"), and the
checkpoint that carries a part's stretch past a cut so a report need not re-read years.

A stretch is made of the sore days that `chronic` counts (those of unexplained or
persistent bouts, chosen in soreness_flags.py); here they are plain days in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sorelog.analysis.flag import Finding, Level
from sorelog.domain.values import ChronicCheckpoint, Stretch

CHRONIC_DAYS = 90  # IASP / ICD-11: pain for longer than 3 months
CHRONIC_GAP_DAYS = 30  # episodes this close together count as one stretch of pain


def stretches(sore_days: Iterable[date], earlier: Stretch | None = None) -> list[Stretch]:
    """The stretches of day-ordered sore days; `earlier`, the last stretch before them
    (from a checkpoint), is continued when the first of them is close enough."""
    found = [earlier] if earlier is not None else []
    for day in sore_days:
        if found and (day - found[-1].last).days - 1 <= CHRONIC_GAP_DAYS:
            last = found[-1]
            held = last.held
            if held is None and (day - last.first).days + 1 > CHRONIC_DAYS:
                held = day  # the first sore day on which it had lasted more than 90 days
            found[-1] = Stretch(last.first, day, held)
        else:
            found.append(Stretch(day, day))
    return found


def chronic(
    sore_days: Sequence[date], window_start: date, label: str, earlier: Stretch | None = None
) -> Finding:
    # IASP / ICD-11: pain that persists or recurs for longer than 3 months is worth a review.
    for stretch in stretches(sore_days, earlier):
        if stretch.last >= window_start and stretch.span > CHRONIC_DAYS:
            assert stretch.held is not None  # set on the day the span passed 90
            return (
                Level.follow_up,
                "chronic",
                stretch.held,
                f"{label} sore on and off across {stretch.span} days since {stretch.first}; "
                "soreness that keeps recurring for over 3 months is worth a clinician's review",
            )
    return None


def advance(
    start: ChronicCheckpoint | None, sore_days: Sequence[date], cut: date
) -> ChronicCheckpoint:
    """The checkpoint at `cut` (the first day of an episode), from the one at `start`
    (None: `sore_days` hold the whole history) and the counted sore days after it.

    A stretch that ended more than 30 days before the cut cannot reach past it, and is
    dropped: what lies beyond the cut is then judged on its own, as a full read would.
    """
    before = [day for day in sore_days if day < cut]
    found = stretches(before, start.stretch if start is not None else None)
    last = found[-1] if found else None
    if last is not None and (cut - last.last).days - 1 > CHRONIC_GAP_DAYS:
        last = None
    return ChronicCheckpoint(cut, last)
