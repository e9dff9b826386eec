"""Episodes with what they follow (spec: "Origin", "Episode").

A workout loads the parts it names, on every side. An episode's origin is the latest
workout loading the part at or before its first sore entry and at most 72 h before it;
otherwise the episode is unexplained. A workout that loads a part with no sore entry on
the previous day nor earlier that day starts a new bout (the soreness had settled); one
that loads a part still sore carries the episode on and becomes its current origin.
With no workouts, bouts are exactly the day-based episodes; so are the bouts of a joint,
tendon or bone, which no workout explains (`loading`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sorelog.analysis.episodes import Episode, split_episodes
from sorelog.domain.parts import is_muscle
from sorelog.domain.values import DayValue, Workout

ORIGIN_WINDOW = timedelta(hours=72)  # soreness after exercise starts within 24-72 h of it


def loading_workouts(body_part: str, workouts: Sequence[Workout]) -> list[Workout]:
    """The workouts that can be this part's origin: those naming it, when it is a muscle.
    Delayed-onset soreness is a muscle response (ACSM); a joint, tendon or bone takes none,
    so its episodes are never explained, split or carried by training."""
    if not is_muscle(body_part):
        return []
    return [w for w in workouts if body_part in w.parts]


@dataclass(frozen=True)
class Bout:
    """An episode, the workout it follows (None: unexplained), and the later workouts it
    was carried into."""

    episode: Episode
    origin: Workout | None
    carried: tuple[Workout, ...] = ()

    @property
    def start(self) -> date:
        return self.episode.start

    def origin_at(self, moment: datetime | None, day: date) -> Workout | None:
        """The current origin for an entry: the latest carried workout before it, else the
        origin (by day when the entry's time is not known)."""
        current = self.origin
        for workout in self.carried:
            if (moment is not None and workout.at <= moment) or (
                moment is None and workout.day <= day
            ):
                current = workout
        return current

    def day_number(self, day: date, moment: datetime | None = None) -> int:
        """Day 1 is the current origin's calendar day (the first sore day if unexplained):
        the origin of an entry logged at `moment`, else of the day."""
        origin = self.origin_at(moment, day)
        return (day - (origin.day if origin else self.start)).days + 1

    @property
    def current_origin(self) -> Workout | None:
        return self.origin_at(None, self.episode.last_day)


def bouts(days: Sequence[DayValue], workouts: Sequence[Workout], gap_days: int) -> list[Bout]:
    """The bouts of one part and side; `workouts` are those loading the part, any order."""
    loading = sorted(workouts, key=lambda w: w.at)
    on_days = [w.day for w in loading]  # sorted too: bisect finds an episode's workouts
    by_day = {value.day: value for value in days}
    found: list[Bout] = []
    for episode in split_episodes(days, gap_days):
        low = bisect_left(on_days, episode.start)
        inside = loading[low : bisect_right(on_days, episode.last_day)]
        piece: list[DayValue] = []
        carried: list[Workout] = []
        for value in episode.days:
            while inside and inside[0].day <= value.day:
                workout = inside.pop(0)
                if _sore_before(workout, by_day):
                    if piece or workout.day == value.day:  # sore earlier on its first day
                        carried.append(workout)
                elif any(v.severity > 0 for v in piece):
                    found.append(_bout(piece, carried, loading, on_days))
                    piece, carried = [], []
            piece.append(value)
        if any(v.severity > 0 for v in piece):
            found.append(_bout(piece, carried, loading, on_days))
    return found


def _sore_before(workout: Workout, by_day: dict[date, DayValue]) -> bool:
    """Was the part sore the day before the workout, or earlier on its day?"""
    before = by_day.get(workout.day - timedelta(days=1))
    if before is not None and before.severity > 0:
        return True
    today = by_day.get(workout.day)
    return today is not None and today.first_sore is not None and today.first_sore < workout.at


def _bout(
    piece: list[DayValue], carried: list[Workout], loading: list[Workout], on_days: list[date]
) -> Bout:
    while piece and piece[0].severity == 0:  # a 0 before any soreness belongs to no bout
        piece = piece[1:]
    episode = Episode(tuple(piece))
    first = piece[0]
    origin = None
    near_by = loading[  # only workouts within the few days before can be the origin
        bisect_left(on_days, first.day - timedelta(days=4)) : bisect_right(on_days, first.day)
    ]
    for workout in near_by:
        if first.first_sore is not None:
            near = first.first_sore - ORIGIN_WINDOW <= workout.at <= first.first_sore
        else:  # no time known (a pure series): the calendar days stand in
            near = 0 <= (first.day - workout.day).days <= 3
        if near:
            origin = workout
    later = tuple(w for w in carried if origin is None or w.at > origin.at)
    return Bout(episode, origin, later)
