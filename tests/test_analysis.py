"""The clinical rules at and around every threshold, and their properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sorelog.analysis.chronic import stretches
from sorelog.analysis.episodes import Trend, episode_trend, split_episodes
from sorelog.analysis.flag import sort_flags
from sorelog.analysis.part_summary import summarize_part
from sorelog.analysis.red_flags import flag_red
from sorelog.analysis.soreness_flags import flag_soreness
from sorelog.domain.settings import Config
from sorelog.domain.values import DayValue, SymptomDay

D0 = date(2026, 11, 1)
CONFIG = Config()
KEY = ("quadriceps", None)


def series(*severities: int | None, start: date = D0) -> list[DayValue]:
    """Daily values from `start`; None is a day with no entry."""
    return [
        DayValue(start + timedelta(days=i), s) for i, s in enumerate(severities) if s is not None
    ]


def codes(values: list[DayValue], window_start: date = D0, config: Config = CONFIG) -> set[str]:
    return {f.code for f in flag_soreness({KEY: values}, window_start, config)}


def flag(values: list[DayValue], code: str):
    found = [f for f in flag_soreness({KEY: values}, D0, CONFIG) if f.code == code]
    assert len(found) <= 1
    return found[0] if found else None


# -- episodes -------------------------------------------------------------------


def test_gap_of_three_days_keeps_the_episode() -> None:
    episodes = split_episodes(series(5, None, None, None, 4), CONFIG.gap_days)
    assert len(episodes) == 1
    assert episodes[0].episode_days == 5


def test_gap_of_four_days_starts_a_new_episode() -> None:
    episodes = split_episodes(series(5, None, None, None, None, 4), CONFIG.gap_days)
    assert [(e.start, e.episode_days) for e in episodes] == [
        (D0, 1),
        (D0 + timedelta(days=5), 1),
    ]


def test_logged_zero_ends_the_episode_and_is_not_counted() -> None:
    episodes = split_episodes(series(6, 4, 0, 3), CONFIG.gap_days)
    assert len(episodes) == 2
    assert episodes[0].episode_days == 2
    assert episodes[0].recovered
    assert episode_trend(episodes[0]) == Trend.resolved
    assert episodes[1].start == D0 + timedelta(days=3)


def test_zero_without_an_episode_belongs_to_none() -> None:
    assert split_episodes(series(0, 0, None, 0), CONFIG.gap_days) == []


def test_gap_days_comes_from_config() -> None:
    values = series(5, None, None, None, 4)
    assert len(split_episodes(values, 2)) == 2


# -- trend ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "trend"),
    [
        ((5,), Trend.steady),
        ((6, 5, 4), Trend.improving),
        ((4, 5, 6), Trend.worsening),
        ((5, 5, 5, 5), Trend.steady),
        ((5, 5, 5, 5, 5, 6), Trend.steady),  # slope 0.14
        ((5, 5, 5, 6), Trend.worsening),  # slope 0.3
        ((6, 3, 0), Trend.resolved),
    ],
)
def test_trend(values: tuple[int, ...], trend: Trend) -> None:
    episodes = split_episodes(series(*values), CONFIG.gap_days)
    assert episode_trend(episodes[0]) == trend


def test_trend_slope_threshold_is_a_quarter_point_per_day() -> None:
    # slope of (0,4),(4,5) is exactly 0.25: worsening; (0,4),(5,5) is 0.2: steady
    assert episode_trend(split_episodes(series(4, None, None, None, 5), 9)[0]) == Trend.worsening
    assert episode_trend(split_episodes(series(4, None, None, None, None, 5), 9)[0]) == Trend.steady
    assert episode_trend(split_episodes(series(5, None, None, None, 4), 9)[0]) == Trend.improving


def test_trend_looks_at_the_last_seven_days_only() -> None:
    # rising for a week, then falling for the last seven days
    values = series(2, 3, 4, 5, 6, 7, 8, 8, 7, 7, 6, 6, 5, 5)
    assert episode_trend(split_episodes(values, CONFIG.gap_days)[0]) == Trend.improving


# -- flags at their thresholds -------------------------------------------------------


def test_prolonged_day_seven_vs_day_eight() -> None:
    assert "prolonged" not in codes(series(*[3] * 7))
    found = flag(series(*[3] * 8), "prolonged")
    assert found is not None
    assert found.level == "follow_up"
    assert found.since == D0 + timedelta(days=7)  # the first day the condition held: day 8
    assert (
        "at 3/10 on day 8 since 2026-11-01 (past day 7 at 3/10 or more), with no workout"
        in found.message
    )
    assert "beyond 7 days" in found.message


def test_prolonged_threshold_comes_from_config() -> None:
    values = series(*[3] * 8)
    assert "prolonged" not in codes(values, config=Config(prolonged_days=8))


def test_not_improving_counts_72_hours_and_needs_a_rise_of_two_to_four() -> None:
    # one entry a day at noon: day 4 is exactly 72 h after day 1, still the usual peak
    assert "not_improving" not in codes(series(2, 2, 2, 4))
    found = flag(series(2, 2, 2, 2, 4), "not_improving")  # 96 h after the first entry
    assert found is not None
    assert found.since == D0 + timedelta(days=4)
    assert "2 points above its peak of 2" in found.message
    # a 1-point rise is under the smallest change that matters (Farrar 2001)
    assert "not_improving" not in codes(series(3, 3, 3, 3, 4))
    # a 2-point rise to 3 is under the level of 4
    assert "not_improving" not in codes(series(1, 1, 1, 1, 3))
    # a rise on day 3 is inside the usual 72 h peak
    assert "not_improving" not in codes(series(2, 2, 5))
    # equal to the early peak is not a rise
    assert "not_improving" not in codes(series(5, 3, 3, 5, 5))
    # rising later still counts, once 2 points above the early peak
    assert "not_improving" not in codes(series(5, 3, 3, 4, 5, 6))
    assert "not_improving" in codes(series(5, 3, 3, 4, 5, 6, 7))


def test_severe_one_ten_or_two_days_at_eight() -> None:
    assert flag(series(3, 10, 2), "severe").since == D0 + timedelta(days=1)
    assert "severe" not in codes(series(8, 7, 7))
    found = flag(series(8, 7, 8), "severe")
    assert found.since == D0 + timedelta(days=2)
    assert "severe" not in codes(series(9, 9), config=Config(severe_days=3))
    assert "severe" not in codes(series(7, 7), config=Config(severe_level=8))
    assert "severe" in codes(series(7, 7), config=Config(severe_level=7))


def test_severe_counts_within_one_episode_only() -> None:
    assert "severe" not in codes(series(8, 0, 8))


def test_chronic_ninety_vs_ninety_one_days() -> None:
    values_90 = [DayValue(D0, 3), DayValue(D0 + timedelta(days=89), 3)]  # gap 88 > 30: separate
    assert "chronic" not in codes(values_90)
    every_20 = [DayValue(D0 + timedelta(days=d), 3) for d in range(0, 90, 20)] + [
        DayValue(D0 + timedelta(days=89), 2)
    ]
    assert "chronic" not in codes(every_20, window_start=D0 + timedelta(days=60))
    every_20_plus = [*every_20, DayValue(D0 + timedelta(days=90), 2)]
    found = [
        f
        for f in flag_soreness({KEY: every_20_plus}, D0 + timedelta(days=60), CONFIG)
        if f.code == "chronic"
    ]
    assert len(found) == 1
    assert found[0].since == D0 + timedelta(days=90)
    assert "91 days" in found[0].message


def test_chronic_gap_thirty_vs_thirty_one() -> None:
    joined = [DayValue(D0, 2), DayValue(D0 + timedelta(days=31), 2)]  # 30 empty days between
    apart = [DayValue(D0, 2), DayValue(D0 + timedelta(days=32), 2)]  # 31 empty days
    assert [(s.first, s.last) for s in stretches(d.day for d in joined)] == [
        (D0, D0 + timedelta(days=31))
    ]
    assert len(stretches(d.day for d in apart)) == 2


def test_flags_only_for_episodes_reaching_the_window() -> None:
    old = series(*[3] * 10)
    assert "prolonged" not in codes(old, window_start=D0 + timedelta(days=20))
    assert "prolonged" in codes(old, window_start=D0 + timedelta(days=9))


def test_each_flag_once_per_part_and_side() -> None:
    values = series(*[3] * 8, None, None, None, None, *[3] * 8)
    flags = flag_soreness({KEY: values, ("quadriceps", "left"): values}, D0, CONFIG)
    assert sorted((f.code, f.side or "") for f in flags if f.code == "prolonged") == [
        ("prolonged", ""),
        ("prolonged", "left"),
    ]


def test_red_flag_is_at_its_highest_tier_and_first() -> None:
    symptoms = [
        SymptomDay("calves", "left", D0 + timedelta(days=2), ("stiffness",)),
        SymptomDay("quadriceps", None, D0 + timedelta(days=3), ("dark-urine", "bruising")),
        SymptomDay("quadriceps", None, D0 + timedelta(days=4), ("weakness", "dark-urine")),
    ]
    red = flag_red(symptoms, [])
    assert len(red) == 1
    flags = sort_flags(flag_soreness({KEY: series(*[3] * 9)}, D0, CONFIG) + red)
    assert flags[0].code == "red_flag"
    assert flags[0].level == "emergency"  # dark urine with weakness the same day
    assert flags[0].since == D0 + timedelta(days=4)
    assert "dark-urine (tea- or cola-coloured urine)" in flags[0].message
    assert "weakness" in flags[0].message
    assert "rhabdomyolysis" in flags[0].message
    assert [f.level for f in flags] == sorted(
        (f.level for f in flags), key=["emergency", "urgent", "follow_up", "caution"].index
    )


def test_ordinary_doms_raises_no_flag() -> None:
    # peaks on day 2, eases, recovered on day 6
    assert codes(series(4, 6, 5, 3, 1, 0)) == set()


# -- report rows ---------------------------------------------------------------------


def test_summary_of_a_part() -> None:
    values = series(4, 6, 5, 3, None, 2)
    row = summarize_part(KEY, values, D0 + timedelta(days=1), CONFIG.gap_days)
    assert row is not None
    assert (row.latest, row.peak, row.peak_date) == (2, 6, D0 + timedelta(days=1))
    assert (row.episode_start, row.episode_days) == (D0, 6)
    assert row.trend == Trend.improving
    assert [d.severity for d in row.daily] == [6, 5, 3, 2]


def test_summary_after_recovery_is_resolved() -> None:
    row = summarize_part(KEY, series(4, 2, 0), D0, CONFIG.gap_days)
    assert row.trend == Trend.resolved
    assert row.episode_days == 2
    assert summarize_part(KEY, series(4, 2, 0), D0 + timedelta(days=5), 3) is None


# -- properties ------------------------------------------------------------------------

severities = st.lists(st.one_of(st.none(), st.integers(0, 10)), max_size=60)


@given(severities, st.integers(1, 10))
def test_splitting_never_loses_or_repeats_a_sore_day(values: list[int | None], gap: int) -> None:
    days = series(*values)
    episodes = split_episodes(days, gap)
    covered = [d for e in episodes for d in e.days if d.severity > 0]
    assert covered == [d for d in days if d.severity > 0]
    for e in episodes:
        assert e.days[0].severity > 0
        assert all(d.severity > 0 for d in e.days[:-1])
        assert e.episode_days >= 1


@given(st.lists(st.integers(1, 10), min_size=1, max_size=20))
def test_a_series_that_only_falls_is_never_worsening(values: list[int]) -> None:
    falling = sorted(values, reverse=True)
    for episode in split_episodes(series(*falling), CONFIG.gap_days):
        assert episode_trend(episode) != Trend.worsening


def test_since_is_a_day_the_condition_held() -> None:
    # sore every third day: the episode passes 7 days on day 10, the next entry
    values = series(3, None, None, 3, None, None, 3, None, None, 3)
    assert flag(values, "prolonged").since == D0 + timedelta(days=9)
    assert flag(values[:3], "prolonged") is None
    monthly = [DayValue(D0 + timedelta(days=d), 3) for d in (0, 31, 61, 91)]
    found = flag_soreness({KEY: monthly}, D0 + timedelta(days=80), CONFIG)
    assert [f.since for f in found if f.code == "chronic"] == [D0 + timedelta(days=91)]


def test_trend_uses_the_last_seven_days_that_have_entries() -> None:
    # every 4th day (gap 3 keeps one episode): 8,7,6,5,4,3,2,2,3 - the last 7 entries fall
    values = series(*[v for s in (8, 7, 6, 5, 4, 3, 2, 2, 3) for v in (s, None, None, None)][:-3])
    (episode,) = split_episodes(values, CONFIG.gap_days)
    assert episode_trend(episode) == Trend.steady  # slope over 7 entries is about -0.15/day
