"""Remedy flags at and around their thresholds, and the "does it help?" minimum data rule."""

from datetime import date, timedelta

from sorelog.analysis.remedy_flags import flag_remedies
from sorelog.analysis.remedy_stats import associate, remedy_status, runs, summarize_remedies
from sorelog.domain.doses import parse_dose
from sorelog.domain.settings import Config
from sorelog.domain.values import Limit, RemedyDay, RemedyPartDay, SideEffectDay

D0 = date(2026, 11, 1)
AS_OF = D0 + timedelta(days=29)
CONFIG = Config()


def used(*offsets: int, total: float | None = 400, remedy: str = "ibuprofen") -> list[RemedyDay]:
    return [RemedyDay(remedy, D0 + timedelta(days=o), 1, total, "mg") for o in offsets]


def codes(use, limits=None, effects=(), window_start=D0, as_of=AS_OF) -> dict[str, object]:
    flags = flag_remedies(use, limits or {}, list(effects), window_start, as_of, CONFIG)
    assert len({f.code for f in flags}) == len(flags)
    return {f.code: f for f in flags}


def test_streak_seven_vs_eight_days() -> None:
    assert "remedy_streak" not in codes(used(*range(7)))
    flag = codes(used(*range(8)))["remedy_streak"]
    assert flag.level == "caution"
    assert flag.remedy == "ibuprofen"
    assert flag.since == D0 + timedelta(days=7)
    assert "8 days in a row since 2026-11-01" in flag.message


def test_streak_uses_the_persons_max_days() -> None:
    limit = {"ibuprofen": Limit("ibuprofen", max_days=5)}
    assert "remedy_streak" not in codes(used(*range(5)), limit)
    assert codes(used(*range(6)), limit)["remedy_streak"].since == D0 + timedelta(days=5)


def test_a_day_off_breaks_the_streak() -> None:
    assert "remedy_streak" not in codes(used(0, 1, 2, 3, 4, 6, 7, 8, 9, 10))
    assert runs([D0, D0 + timedelta(days=1), D0 + timedelta(days=3)]) == [
        (D0, D0 + timedelta(days=1)),
        (D0 + timedelta(days=3), D0 + timedelta(days=3)),
    ]


def test_limit_exactly_vs_just_above_across_two_doses() -> None:
    limit = {"ibuprofen": Limit("ibuprofen", max_daily=parse_dose("1200mg"))}
    assert "remedy_limit" not in codes(used(3, total=1200), limit)
    flag = codes(used(3, total=1201), limit)["remedy_limit"]
    assert flag.level == "follow_up"
    assert flag.since == D0 + timedelta(days=3)
    assert "1201 mg" in flag.message and "1200 mg" in flag.message


def test_limit_in_grams_with_doses_in_milligrams() -> None:
    limit = {"ibuprofen": Limit("ibuprofen", max_daily=parse_dose("1.2 g"))}
    assert "remedy_limit" not in codes(used(3, total=1200), limit)
    assert "remedy_limit" in codes(used(3, total=1600), limit)


def test_frequent_use_fourteen_vs_fifteen_of_thirty_days() -> None:
    every_other = list(range(0, 30, 2))  # 15 days, never two in a row
    assert "frequent_use" not in codes(used(*every_other[1:]))
    flag = codes(used(*every_other))["frequent_use"]
    assert flag.level == "caution"
    assert flag.since == D0 + timedelta(days=28)
    assert "15 of the 30 days" in flag.message
    # days before the 30 up to the report date do not count
    assert "frequent_use" not in codes(used(*every_other), as_of=AS_OF + timedelta(days=1))


def effect(day: int, name: str = "nausea", severity: int | None = None, remedy="ibuprofen"):
    return SideEffectDay(name, remedy, D0 + timedelta(days=day), severity)


def test_side_effect_levels() -> None:
    assert codes([], effects=[effect(1, severity=6)])["side_effect"].level == "caution"
    assert codes([], effects=[effect(1, severity=7)])["side_effect"].level == "follow_up"
    assert codes([], effects=[effect(1), effect(2)])["side_effect"].level == "caution"
    three = codes([], effects=[effect(1), effect(2), effect(4)])["side_effect"]
    assert three.level == "follow_up"
    assert three.since == D0 + timedelta(days=4)  # the day it reached a third day
    # three different effects on three days are not the same effect three times
    mixed = [effect(1, "nausea"), effect(2, "insomnia"), effect(3, "anxiety")]
    assert codes([], effects=mixed)["side_effect"].level == "caution"


def test_side_effects_outside_the_window_are_not_flagged() -> None:
    assert codes([], effects=[effect(1)], window_start=D0 + timedelta(days=2)) == {}


def test_summary_totals_in_the_base_unit() -> None:
    use = used(1, 2, 3, total=1000) + used(5, total=None)
    (summary,) = summarize_remedies(use, [effect(2)], [], D0)
    assert (summary.days_used, summary.longest_streak, summary.side_effects) == (4, 3, 1)
    assert summary.total is not None
    assert (summary.total.amount, summary.total.unit) == (3000, "mg")


def test_association_needs_three_days_on_each_side() -> None:
    severity = {D0 + timedelta(days=i): s for i, s in enumerate([6, 5, 6, 4, 6, 5, 5, 4, 3])}
    taken = [RemedyPartDay("ibuprofen", "quadriceps", D0 + timedelta(days=i)) for i in (0, 2, 4)]
    (found,) = associate(taken, {"quadriceps": severity}, D0, D0 + timedelta(days=8))
    assert (found.days_taken, found.days_not) == (3, 5)
    assert found.mean_after_taken == round((5 + 4 + 5) / 3, 2)
    assert found.mean_after_not == round((6 + 6 + 4 + 3 + 5) / 5, 2)
    assert associate(taken[:2], {"quadriceps": severity}, D0, D0 + timedelta(days=8)) == []


def test_status_current_run_and_days_used() -> None:
    today = D0 + timedelta(days=10)
    (status,) = remedy_status(["ibuprofen"], used(1, 8, 9), {}, today)
    assert (status.days_used_30, status.current_streak) == (3, 2)
    (status,) = remedy_status(["ibuprofen"], used(1, 7, 8), {}, today)
    assert status.current_streak == 0


def test_frequent_use_since_is_when_it_first_held() -> None:
    # every day from day 0 to day 20: 15 of 30 first held on day 14, and still holds on day 29
    flag = codes(used(*range(21)))["frequent_use"]
    assert flag.since == D0 + timedelta(days=14)
    assert "21 of the 30 days" in flag.message
