"""`chronic`: soreness that keeps recurring for over 3 months (spec: "Flags").

A stretch is made of the sore days that `chronic` counts (those of unexplained or
persistent bouts, chosen in soreness_flags.py); here they are plain days in order. A
report that did not read a part's oldest days passes the stretch they end with as
`earlier` (store/history.py works it out for parts whose every sore day counts).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sorelog.analysis.flag import Finding, Level
from sorelog.domain.values import Stretch

CHRONIC_DAYS = 90  # IASP / ICD-11: pain for longer than 3 months
CHRONIC_GAP_DAYS = 30  # episodes this close together count as one stretch of pain


def stretches(sore_days: Iterable[date], earlier: Stretch | None = None) -> list[Stretch]:
    """The stretches of day-ordered sore days; `earlier`, the last stretch before them
    (of days not read), is continued when the first of them is close enough."""
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
