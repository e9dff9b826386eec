"""`persistent` looks at each day's last 14 days by bisection (it runs on every bout a
report reads, and a bout can be months long): the same days a scan over the bout finds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sorelog.analysis.bouts import Bout
from sorelog.analysis.episodes import Episode
from sorelog.analysis.flag import Level
from sorelog.analysis.soreness_flags import SETTLE_WINDOW, SETTLED_LEVEL, persistent
from sorelog.domain.settings import Config
from sorelog.domain.values import DayValue, Workout


def as_a_scan(bout: Bout, config: Config) -> date | None:
    """The rule's day, each day's last 14 days found by a scan of the whole bout."""
    days = bout.episode.days
    first_peak = max(d.severity for d in days if 0 <= (d.day - bout.start).days < SETTLE_WINDOW)
    for value in days:
        if (
            value.severity == 0
            or value.day < bout.carried[0].day
            or (value.day - bout.start).days + 1 <= config.persistent_days
        ):
            continue
        recent = [d for d in days if 0 <= (value.day - d.day).days < SETTLE_WINDOW]
        settled = any(d.lowest <= SETTLED_LEVEL for d in recent)
        if not settled or max(d.severity for d in recent) > first_peak:
            return value.day
    return None


@given(
    st.lists(st.tuples(st.integers(1, 4), st.integers(0, 10), st.integers(0, 10)),
             min_size=1, max_size=60),
    st.integers(1, 40),
)  # fmt: skip
def test_persistent_finds_the_day_a_scan_finds(steps: list[tuple[int, int, int]],
                                               persistent_days: int) -> None:  # fmt: skip
    days, day = [], date(2026, 1, 1)
    for gap, high, low in steps:
        days.append(DayValue(day, high, None, None, min(low, high)))
        day += timedelta(days=gap)
    noon = datetime(2026, 1, 2, 12, tzinfo=UTC)
    bout = Bout(Episode(tuple(days)), None, (Workout(noon, noon.date(), "legs", frozenset()),))
    config = Config(persistent_days=persistent_days)
    found = persistent(bout, "quads", config)
    assert (found[2] if found else None) == as_a_scan(bout, config)
    assert found is None or found[0] is Level.follow_up
