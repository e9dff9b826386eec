"""Parsing `--at WHEN` and turning instants into local calendar days.

The forms of the spec (`sorelog add --at`) are read here, which costs nothing at
start-up; other words ("yesterday 8pm", "last tuesday", "Nov 20") go to a date library
(domain/when_words.py), imported only then, so its import time is paid only by the
commands that need it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

FORMS = (
    "YYYY-MM-DD, YYYY-MM-DDTHH:MM, today, yesterday, 'N days ago', 'Nd ago', a weekday, "
    "HH:MM, one of those days then HH:MM ('yesterday 18:30'), or words such as "
    "'yesterday 8pm', 'last tuesday', 'Nov 20 18:30'"
)

DAY_FORMS = (
    "YYYY-MM-DD, today, yesterday, 'N days ago', 'Nd ago', a weekday, or words such as "
    "'last tuesday', 'Nov 20'"
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAYS_AGO = re.compile(r"^(\d{1,12})\s*(?:d|days?)\s+ago$", re.ASCII)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$", re.ASCII)
_DAY_CLOCK = re.compile(r"^(.+) (\d{1,2}):(\d{2})$", re.ASCII)  # "yesterday 18:30"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}", re.ASCII)
# Only text with a word in it goes to the date library: numbers alone ("20/11", "5") are
# read as ISO or refused, never guessed as day-month or month-day.
_WORDS = re.compile(r"[a-z]{2}")
NOON = time(12, 0)
_PROBE = timedelta(days=1)
_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class LocalZone:
    """The person's time zone: a named zone from config, or the system's (tzinfo None)."""

    tz: tzinfo | None = None

    def localize(self, naive: datetime) -> datetime:
        """The moment a wall-clock time names in this zone, the same rule for a named zone
        and the system's: a time that happens twice (clocks going back) is its first
        occurrence; a time skipped by clocks going forward is read as that long after the
        jump (02:30 on a night that jumps from 02:00 to 03:00 is 03:30), so no moment is
        shown at a time that never existed."""
        offsets = []
        for shift in (timedelta(days=-1), timedelta(days=1)):  # the offsets either side
            try:
                around = self.to_local((naive + shift).replace(tzinfo=UTC))
            except (OverflowError, ValueError):
                continue
            offsets.append(around.utcoffset() or timedelta(0))
        if not offsets:
            raise OverflowError("date value out of range")
        for offset in sorted(set(offsets), reverse=True):  # the earlier moment first
            moment = self.to_local((naive - offset).replace(tzinfo=UTC))
            if moment.replace(tzinfo=None) == naive:
                return moment
        return self.to_local((naive - offsets[0]).replace(tzinfo=UTC))  # in a skipped hour

    def to_local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.tz)

    def day_of(self, instant: datetime) -> date:
        """The local calendar day an instant falls on."""
        return self.to_local(instant).date()

    def offset_at(self, instant: datetime) -> int:
        """The zone's UTC offset at an instant, in whole seconds."""
        return int((self.to_local(instant).utcoffset() or timedelta(0)).total_seconds())

    def offsets(self, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
        """The zone's UTC offset in seconds from each instant on, over [start, end]: the first
        entry is `start`, the others the exact seconds where the offset changed.

        Found by probing a day at a time and bisecting to the second, which suits a named
        zone and the system's alike; no zone changes its offset twice within a day.
        """
        start = start.astimezone(UTC).replace(microsecond=0)
        found = [(start, self.offset_at(start))]
        here = start
        while here < end:
            probe = min(here + _PROBE, end)
            if self.offset_at(probe) == found[-1][1]:
                here = probe
                continue
            low, high = here, probe  # the offset is the old one at low, a new one at high
            while high - low > _SECOND:
                middle = low + timedelta(seconds=(high - low) // _SECOND // 2)
                if self.offset_at(middle) == found[-1][1]:
                    low = middle
                else:
                    high = middle
            found.append((high, self.offset_at(high)))
            here = high
        return found

    def fingerprint(self) -> str:
        """The zone's UTC offsets across the years: equal for zones that give every instant
        the same calendar day, whether named in config or set for the system."""
        import hashlib

        offsets = []
        for year in range(1970, 2041):
            for month in (1, 4, 7, 10):
                moment = datetime(year, month, 15, 12, tzinfo=UTC)
                offsets.append(str(self.to_local(moment).utcoffset()))
        return hashlib.sha1(",".join(offsets).encode()).hexdigest()[:16]


MIN_OFFSET, MAX_OFFSET = timedelta(hours=-12), timedelta(hours=14)  # what real zones use


def parse_when(text: str, now: datetime, zone: LocalZone) -> datetime:
    """Parse WHEN relative to the aware local `now`; ValueError says what is accepted.

    Calendar-day forms mean 12:00 local that day (or now, if that is later
    today), or the time that follows them ("yesterday 18:30"); an unparseable or
    future time is an error, never silently "now".
    """
    key = " ".join(text.strip().lower().split())
    today = now.date()
    if key in ("now", "today", "0 days ago", "0d ago"):
        return now
    if m := _CLOCK.match(key):
        return _day_at_clock(today, m.group(1), m.group(2), now, zone, text)
    if (m := _DAY_CLOCK.match(key)) and (day := _relative_day(m.group(1), today)) is not None:
        return _day_at_clock(day, m.group(2), m.group(3), now, zone, text)
    day = _relative_day(key, today)
    if day is None:
        if not _ISO_DATE.match(key) and not _ISO_DATETIME.match(key) and _WORDS.search(key):
            return _from_words(text, now, zone)
        if not _ISO_DATE.match(key):
            return _not_future(_parse_iso_datetime(key, text, zone), now, text)
        try:
            day = date.fromisoformat(key)
        except ValueError:
            raise ValueError(f"'{text.strip()}' is not a real calendar date") from None
    if day > today:
        raise ValueError(f"'{text.strip()}' is in the future; soreness is logged when it is felt")
    if day.year < 1900:
        raise ValueError(f"'{text.strip()}' is too far in the past")
    moment = zone.localize(datetime.combine(day, NOON))
    return min(moment, now)


def _from_words(text: str, now: datetime, zone: LocalZone) -> datetime:
    """A moment in words the forms above do not cover, read by the date library."""
    from sorelog.domain.when_words import read_words

    found = read_words(text.strip(), now, zone)
    if found is None:
        raise ValueError(f"cannot read '{text.strip()}' as a time; use {FORMS}")
    moment, timed = found
    if moment.year < 1900:
        raise ValueError(f"'{text.strip()}' is too far in the past")
    if timed:
        return _not_future(moment, now, text)
    if zone.day_of(moment) > now.date():
        raise ValueError(f"'{text.strip()}' is in the future; soreness is logged when it is felt")
    return min(moment, now)


def _relative_day(key: str, today: date) -> date | None:
    """The day a relative day form names (today, yesterday, N days ago, a weekday), else None."""
    if key == "today":
        return today
    if key == "yesterday":
        return today - timedelta(days=1)
    if m := _DAYS_AGO.match(key):
        back = int(m.group(1))
        if back > (today - date(1900, 1, 1)).days:  # before 1900, or before the calendar
            raise ValueError(f"'{key}' is too far in the past")
        return today - timedelta(days=back)
    if weekday := _weekday(key):
        back = (today.weekday() - WEEKDAYS.index(weekday)) % 7 or 7
        return today - timedelta(days=back)
    return None


def _day_at_clock(
    day: date, hours: str, minutes: str, now: datetime, zone: LocalZone, text: str
) -> datetime:
    """HH:MM local on `day`, as a DST gap or overlap reads it; not in the future."""
    hour, minute = int(hours), int(minutes)
    if hour > 23 or minute > 59:
        raise ValueError(f"'{hours}:{minutes}' is not a time of day (00:00 to 23:59)")
    if day.year < 1900:
        raise ValueError(f"'{text.strip()}' is too far in the past")
    result = zone.localize(datetime.combine(day, time(hour, minute)))
    if result.astimezone(UTC).year < 1900:
        raise ValueError(f"'{text.strip()}' is too far in the past")
    return _not_future(result, now, text)


def _weekday(key: str) -> str | None:
    # Full names and any prefix of three letters or more: "mon", "thurs".
    if len(key) < 3:
        return None
    return next((name for name in WEEKDAYS if name.startswith(key)), None)


def _parse_iso_datetime(key: str, text: str, zone: LocalZone) -> datetime:
    # Only the extended form YYYY-MM-DDTHH:MM[:SS][offset]; compact ISO forms are too
    # easy to mistype to accept silently.
    if not _ISO_DATETIME.match(key):
        raise ValueError(f"cannot read '{text.strip()}' as a time; use {FORMS}")
    try:
        parsed = datetime.fromisoformat(key.upper().replace(" ", "T", 1))
    except ValueError:
        raise ValueError(f"cannot read '{text.strip()}' as a time; use {FORMS}") from None
    offset = parsed.utcoffset()
    if offset is not None and not MIN_OFFSET <= offset <= MAX_OFFSET:
        raise ValueError(
            f"'{text.strip()}' has an offset no time zone uses; offsets run from -12:00 to +14:00"
        )
    try:
        moment = zone.localize(parsed) if parsed.tzinfo is None else parsed
        year = moment.astimezone(UTC).year
    except (OverflowError, ValueError):  # beyond the years a date can hold, either way
        year = parsed.year
    if year < 1900 or parsed.year < 1900:
        raise ValueError(f"'{text.strip()}' is too far in the past")
    if year >= 9999:
        raise ValueError(f"'{text.strip()}' is in the future; soreness is logged when it is felt")
    return moment


def _not_future(moment: datetime, now: datetime, text: str) -> datetime:
    # A minute of grace for clocks and typing; anything later is a mistake.
    if moment > now + timedelta(minutes=1):
        raise ValueError(f"'{text.strip()}' is in the future; soreness is logged when it is felt")
    return min(moment, now)


def parse_day(text: str, today: date) -> date:
    """Parse a calendar day (`--as-of`): ISO date or any day form of WHEN."""
    key = text.strip()
    if _ISO_DATE.match(key):
        try:
            day = date.fromisoformat(key)
        except ValueError:
            raise ValueError(f"'{key}' is not a real calendar date") from None
        if day > today:
            raise ValueError(f"'{key}' is in the future")
        if day.year < 1900:
            raise ValueError(f"'{key}' is too far in the past")
        return day
    # The relative forms count back from the end of `today`; later days are refused.
    end_of_today = datetime.combine(today, time(23, 59), tzinfo=UTC)
    try:
        return parse_when(key, end_of_today, LocalZone(UTC)).date()
    except ValueError as exc:
        if "future" in str(exc) or "too far in the past" in str(exc):
            raise
        raise ValueError(f"cannot read '{key}' as a day; use {DAY_FORMS}") from None
