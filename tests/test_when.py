from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sorelog.domain.when import LocalZone, parse_day, parse_when

ZONE = LocalZone(UTC)
NOW = datetime(2026, 11, 25, 15, 30, tzinfo=UTC)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", datetime(2026, 11, 20, 12, 0, tzinfo=UTC)),
        ("2026-11-20T08:30", datetime(2026, 11, 20, 8, 30, tzinfo=UTC)),
        ("2026-11-20 08:30", datetime(2026, 11, 20, 8, 30, tzinfo=UTC)),
        ("today", NOW),
        ("Yesterday", datetime(2026, 11, 24, 12, 0, tzinfo=UTC)),
        ("3 days ago", datetime(2026, 11, 22, 12, 0, tzinfo=UTC)),
        ("1 day ago", datetime(2026, 11, 24, 12, 0, tzinfo=UTC)),
        ("3d ago", datetime(2026, 11, 22, 12, 0, tzinfo=UTC)),
        ("monday", datetime(2026, 11, 23, 12, 0, tzinfo=UTC)),
        ("wednesday", datetime(2026, 11, 18, 12, 0, tzinfo=UTC)),  # strictly past
        ("thu", datetime(2026, 11, 19, 12, 0, tzinfo=UTC)),
        ("07:45", datetime(2026, 11, 25, 7, 45, tzinfo=UTC)),
    ],
)
def test_forms(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, ZONE) == expected


def test_iso_with_offset_keeps_the_instant() -> None:
    parsed = parse_when("2026-11-20T08:30+01:00", NOW, ZONE)
    assert parsed == datetime(2026, 11, 20, 7, 30, tzinfo=UTC)


def test_today_as_a_date_before_noon_is_now_not_the_future() -> None:
    morning = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert parse_when("2026-11-25", morning, ZONE) == morning


def test_named_zone_local_noon() -> None:
    paris = LocalZone(ZoneInfo("Europe/Paris"))
    now = datetime(2026, 11, 25, 15, 0, tzinfo=ZoneInfo("Europe/Paris"))
    parsed = parse_when("2026-11-20", now, paris)
    assert parsed.astimezone(UTC) == datetime(2026, 11, 20, 11, 0, tzinfo=UTC)
    assert paris.day_of(datetime(2026, 11, 20, 23, 30, tzinfo=UTC)) == date(2026, 11, 21)


@pytest.mark.parametrize(
    "text",
    [
        "tomorrow",
        "2026-11-26",
        "2027-01-01",
        "16:00",
        "2026-11-25T18:00",
        "banana",
        "",
        "2026-02-30",
        "2026-13-01",
        "25:00",
        "12:60",
        "mo",
        "-1 days ago",
        "1800-01-01",
        "2026-11-25T12:00+05:00x",
    ],
)
def test_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_when(text, NOW, ZONE)


def test_future_instant_in_other_zone_is_refused() -> None:
    ahead = datetime(2026, 11, 25, 17, 0, tzinfo=timezone(timedelta(hours=1)))
    with pytest.raises(ValueError, match="future"):
        parse_when(ahead.isoformat(), NOW, ZONE)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2026, 11, 25)))
def test_any_past_iso_date_is_that_day(day: date) -> None:
    assert parse_when(day.isoformat(), NOW, ZONE).date() == day


@given(st.integers(min_value=0, max_value=20000))
def test_days_ago_counts_back(n: int) -> None:
    for text in (f"{n} days ago", f"{n}d ago"):
        assert parse_when(text, NOW, ZONE).date() == NOW.date() - timedelta(days=n)


@given(st.text(max_size=30))
def test_never_crashes_and_never_returns_the_future(text: str) -> None:
    try:
        parsed = parse_when(text, NOW, ZONE)
    except ValueError:
        return
    assert parsed <= NOW


def test_parse_day() -> None:
    today = date(2026, 11, 25)
    assert parse_day("2026-11-01", today) == date(2026, 11, 1)
    assert parse_day("yesterday", today) == date(2026, 11, 24)
    assert parse_day("today", today) == today
    with pytest.raises(ValueError):
        parse_day("2026-11-31", today)
    with pytest.raises(ValueError):
        parse_day("2026-11-26", today)
