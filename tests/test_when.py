from datetime import UTC, date, datetime, time, timedelta, timezone
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


# A day form followed by a time: "yesterday 18:30", "monday 07:00", "3 days ago 08:15".


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday 18:30", datetime(2026, 11, 24, 18, 30, tzinfo=UTC)),
        ("yesterday 23:59", datetime(2026, 11, 24, 23, 59, tzinfo=UTC)),
        ("yesterday 00:00", datetime(2026, 11, 24, 0, 0, tzinfo=UTC)),
        ("Monday 07:00", datetime(2026, 11, 23, 7, 0, tzinfo=UTC)),
        ("mon 7:00", datetime(2026, 11, 23, 7, 0, tzinfo=UTC)),
        ("wednesday 07:00", datetime(2026, 11, 18, 7, 0, tzinfo=UTC)),  # today's weekday: last week
        ("3 days ago 08:15", datetime(2026, 11, 22, 8, 15, tzinfo=UTC)),
        ("3d ago 08:15", datetime(2026, 11, 22, 8, 15, tzinfo=UTC)),
        ("0 days ago 08:15", datetime(2026, 11, 25, 8, 15, tzinfo=UTC)),
        ("today 07:00", datetime(2026, 11, 25, 7, 0, tzinfo=UTC)),
        ("today 15:30", NOW),
        ("  Yesterday   18:30 ", datetime(2026, 11, 24, 18, 30, tzinfo=UTC)),
        ("2026-11-20 19:00", datetime(2026, 11, 20, 19, 0, tzinfo=UTC)),
    ],
)
def test_day_then_time(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, ZONE) == expected


def test_a_time_later_today_is_the_future() -> None:
    assert parse_when("today 15:31", NOW, ZONE) == NOW  # the minute of grace, as for 15:31
    with pytest.raises(ValueError, match="'today 15:32' is in the future"):
        parse_when("today 15:32", NOW, ZONE)
    with pytest.raises(ValueError, match="in the future"):
        parse_when("today 23:59", NOW, ZONE)
    with pytest.raises(ValueError, match="in the future"):
        parse_when("2026-11-25 16:00", NOW, ZONE)


def test_a_weekday_and_time_on_that_weekday_is_last_weeks() -> None:
    monday_morning = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    # Earlier than now today, but "monday" is always a past Monday: a week ago.
    assert parse_when("monday 07:00", monday_morning, ZONE) == datetime(
        2026, 11, 16, 7, 0, tzinfo=UTC
    )
    assert parse_when("monday 23:00", monday_morning, ZONE) == datetime(
        2026, 11, 16, 23, 0, tzinfo=UTC
    )
    assert parse_when("sunday 23:59", monday_morning, ZONE) == datetime(
        2026, 11, 22, 23, 59, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "text", ["yesterday 24:00", "yesterday 25:61", "monday 12:60", "3d ago 99:00"]
)
def test_a_good_day_with_a_time_out_of_range(text: str) -> None:
    with pytest.raises(ValueError, match=r"'\d+:\d+' is not a time of day \(00:00 to 23:59\)"):
        parse_when(text, NOW, ZONE)


@pytest.mark.parametrize(
    "text",
    [
        "yesterday 7",
        "yesterday 7:5",
        "yesterday 18:30:00",
        "yesterday 123:00",
        "yesterday ١٨:٣٠",  # Arabic-Indic digits: 0-9 only
        "yesterday 18:30 19:00",
        "now 08:00",
        "mo 08:00",
        "banana 08:00",
        "-1 days ago 08:00",
    ],
)
def test_a_day_with_an_unreadable_time_is_an_error(text: str) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        parse_when(text, NOW, ZONE)


def test_day_then_time_too_far_in_the_past() -> None:
    with pytest.raises(ValueError, match="too far in the past"):
        parse_when("99999 days ago 08:00", NOW, ZONE)
    # 1900-01-01 00:30 at UTC+14 is still 1899 in UTC, as for 1900-01-01T00:30+14:00.
    east = LocalZone(timezone(timedelta(hours=14)))
    back = (NOW.date() - date(1900, 1, 1)).days
    with pytest.raises(ValueError, match="too far in the past"):
        parse_when(f"{back} days ago 00:30", NOW, east)
    assert parse_when(f"{back} days ago 14:00", NOW, east) == datetime(1900, 1, 1, tzinfo=UTC)


def test_day_then_time_in_a_dst_gap_or_overlap_reads_as_the_other_forms() -> None:
    paris = LocalZone(ZoneInfo("Europe/Paris"))
    # 2026-03-29: 02:00 jumps to 03:00, so 02:30 never happened; read as 03:30.
    after_gap = datetime(2026, 3, 30, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))
    skipped = parse_when("yesterday 02:30", after_gap, paris)
    assert skipped == parse_when("2026-03-29T02:30", after_gap, paris)
    assert skipped.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    # 2026-10-25: 03:00 goes back to 02:00, so 02:30 happened twice; the first one.
    after_overlap = datetime(2026, 10, 26, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))
    twice = parse_when("sunday 02:30", after_overlap, paris)
    assert twice.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


@given(
    st.integers(min_value=1, max_value=20000),
    st.integers(min_value=0, max_value=23),
    st.integers(min_value=0, max_value=59),
)
def test_days_ago_then_time_is_that_day_at_that_time(n: int, hour: int, minute: int) -> None:
    expected = datetime.combine(NOW.date() - timedelta(days=n), time(hour, minute), tzinfo=UTC)
    for text in (f"{n} days ago {hour:02}:{minute:02}", f"{n}d ago {hour}:{minute:02}"):
        assert parse_when(text, NOW, ZONE) == expected


# Words beyond the built-in forms, read by dateparser: relative to NOW (Wednesday
# 2026-11-25 15:30 UTC), the past preferred, a day without a time at 12:00.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday 8pm", datetime(2026, 11, 24, 20, 0, tzinfo=UTC)),
        ("Yesterday at 8 PM", datetime(2026, 11, 24, 20, 0, tzinfo=UTC)),
        ("yesterday at 18:30", datetime(2026, 11, 24, 18, 30, tzinfo=UTC)),
        ("18:30 yesterday", datetime(2026, 11, 24, 18, 30, tzinfo=UTC)),
        ("last tuesday", datetime(2026, 11, 24, 12, 0, tzinfo=UTC)),
        ("last wednesday", datetime(2026, 11, 18, 12, 0, tzinfo=UTC)),  # never today
        ("Nov 20", datetime(2026, 11, 20, 12, 0, tzinfo=UTC)),
        ("20 Nov 18:30", datetime(2026, 11, 20, 18, 30, tzinfo=UTC)),
        ("Nov 20, 2025 8:30pm", datetime(2025, 11, 20, 20, 30, tzinfo=UTC)),
        ("Dec 20", datetime(2025, 12, 20, 12, 0, tzinfo=UTC)),  # this one is to come
        ("december 1st", datetime(2025, 12, 1, 12, 0, tzinfo=UTC)),
        ("3 hours ago", datetime(2026, 11, 25, 12, 30, tzinfo=UTC)),
        ("2 weeks ago", datetime(2026, 11, 11, 12, 0, tzinfo=UTC)),
        ("last night", datetime(2026, 11, 24, 20, 0, tzinfo=UTC)),
        ("this morning", datetime(2026, 11, 25, 9, 0, tzinfo=UTC)),
        ("10am", datetime(2026, 11, 25, 10, 0, tzinfo=UTC)),  # a time alone: today
    ],
)
def test_words(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, ZONE) == expected


def test_words_in_a_named_zone_are_its_wall_clock() -> None:
    tokyo = LocalZone(ZoneInfo("Asia/Tokyo"))
    now = datetime(2026, 11, 25, 15, 30, tzinfo=UTC)  # 00:30 on the 26th in Tokyo
    assert parse_when("yesterday 8pm", now, tokyo) == datetime(
        2026, 11, 25, 20, 0, tzinfo=ZoneInfo("Asia/Tokyo")
    )
    assert parse_when("last tuesday", now, tokyo).date() == date(2026, 11, 24)
    assert parse_when("Nov 20", now, tokyo) == datetime(
        2026, 11, 20, 12, 0, tzinfo=ZoneInfo("Asia/Tokyo")
    )


@pytest.mark.parametrize(
    "text", ["8pm", "tonight", "tomorrow 8pm", "next friday", "in 2 days", "next week"]
)
def test_words_in_the_future_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="in the future"):
        parse_when(text, NOW, ZONE)


@pytest.mark.parametrize(
    "text",
    [
        "yesterday 7",  # the library would skip the 7
        "monday 7",
        "nov 20 20",
        "yesterday yesterday",
        "yesterday 8pm 9pm",
        "last month",  # no day
        "Nov 2025",
        "Nov 31",
        "20/11",  # numbers alone: ISO or nothing, never day-month or month-day
        "11/20",
        "5",
        "now-ish",
        "quads",
        "x" * 80 + " ago",
    ],
)
def test_unreadable_words_are_refused_never_now(text: str) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        parse_when(text, NOW, ZONE)


def test_words_too_far_back() -> None:
    with pytest.raises(ValueError, match="too far in the past"):
        parse_when("Jan 1 1066", NOW, ZONE)


def test_as_of_takes_words_too() -> None:
    assert parse_day("last tuesday", date(2026, 11, 25)) == date(2026, 11, 24)
    assert parse_day("Nov 20", date(2026, 11, 25)) == date(2026, 11, 20)
