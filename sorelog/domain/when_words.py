"""`--at` in words the built-in forms do not cover: "yesterday 8pm", "last tuesday",
"Nov 20", "20 Nov 18:30", "3 hours ago", "last night".

Read by dateparser, imported only when the built-in forms (domain/when.py) did not match,
so `sorelog add` with a usual date, `--help` and completion never load it. English only:
a word of another language is more likely a typo than a date. The rules are sorelog's,
not the library's defaults:
- relative to now in the person's zone, preferring the past ("friday" is the last one,
  "Dec 20" last December when this one is still to come);
- a day without a time means 12:00 that day, as ISO dates do; a time alone ("8pm") is
  today's, so a time later today is refused as the future, as "20:00" is;
- a month or a year alone ("last month", "Nov 2025") names no day, and is refused;
- nothing unreadable becomes "now": the library skips words it does not know ("yesterday
  7" would be yesterday), so every word must be one of a closed list (WORDS, numbers,
  HH:MM, 8pm), none twice, at most one time of day, and a number whose removal leaves
  the same moment is refused as unread.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import Any, Protocol

MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun"
)
RELATIVE = (
    "yesterday today tonight tomorrow last this past next ago in at on the of a an "
    "day days week weeks hour hours hr hrs minute minutes min mins "
    "morning afternoon evening night noon midnight am pm"
)
WORDS = frozenset(f"{MONTHS} {WEEKDAYS} {RELATIVE}".split())
# Words that may add nothing to the moment ("last tuesday" is "tuesday").
LINKING = frozenset(["last", "this", "past", "at", "on", "the", "of", "a", "an"])
_NUMBER = re.compile(r"\d{1,3}(st|nd|rd|th)?|\d{4}", re.ASCII)  # 20, 3rd, 2025
_CLOCK = re.compile(r"\d{1,2}(:\d{2})?(am|pm)|\d{1,2}:\d{2}", re.ASCII)  # 8pm, 8:30pm, 18:30
MAX_LENGTH = 60


class Zone(Protocol):
    """What of domain.when.LocalZone this needs (it imports this module, not the reverse)."""

    def localize(self, naive: datetime) -> datetime: ...

    def to_local(self, instant: datetime) -> datetime: ...


# dateparser's periods: what the text named. A day; a time of day (with or without one);
# a part of the day ("last night"); a week counts back in days ("2 weeks ago").
DAY_PERIODS = frozenset({"day", "week"})
TIME_PERIODS = frozenset({"time", "part_of_day"})
NOON = time(12, 0)


def read_words(text: str, now: datetime, zone: Zone) -> tuple[datetime, bool] | None:
    """The local moment `text` names, and whether it named a time of day (False: a day);
    None when it cannot be read as one day or moment, every word of it. `now` is aware;
    the result is aware, in the person's zone, and may be in the future (the caller
    refuses it)."""
    words = _words(text)
    if words is None:
        return None
    found = _read(" ".join(words), now, zone)
    if found is None:
        return None
    for index, word in enumerate(words):  # a number the library skipped was not read
        if not word.isdigit() or (len(word) == 4 and word == str(found[0].year)):
            continue
        if (
            len(words) > 1
            and _read(" ".join(words[:index] + words[index + 1 :]), now, zone) == found
        ):
            return None
    return found


def _words(text: str) -> list[str] | None:
    """The words of `text` if each is one sorelog lets the library read, else None."""
    key = text.strip().lower().replace(",", " ").replace("a.m.", "am").replace("p.m.", "pm")
    if len(key) > MAX_LENGTH:
        return None
    words = key.split()
    clocks = 0
    for word in words:
        if _CLOCK.fullmatch(word):
            clocks += 1
        elif word not in WORDS and not _NUMBER.fullmatch(word):
            return None
    repeated = len(set(words) - LINKING) < len([w for w in words if w not in LINKING])
    return words if words and clocks <= 1 and not repeated else None


def _read(text: str, now: datetime, zone: Zone) -> tuple[datetime, bool] | None:
    base = zone.to_local(now).replace(tzinfo=None)
    past = _parse(text, base, "past")
    if past is None:
        return None
    found, period = past
    if period in DAY_PERIODS:
        return zone.localize(datetime.combine(found.date(), NOON)), False
    if period not in TIME_PERIODS:
        return None  # a month or a year: no day to put it on
    if found.date() == base.date() - timedelta(days=1):
        # "8pm" at 15:30 is yesterday's to dateparser; a time alone is today's to sorelog.
        current = _parse(text, base, "current_period")
        if current is not None and current[0] - found == timedelta(days=1):
            found = current[0]
    if found.tzinfo is not None:  # "18:30 UTC": that instant
        return found, True
    return zone.localize(found), True


def _parse(text: str, base: datetime, prefer: str) -> tuple[datetime, str] | None:
    import dateparser.date  # type: ignore[import-untyped]

    parser: Any = dateparser.date.DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": prefer,
            "RETURN_TIME_AS_PERIOD": True,
            "STRICT_PARSING": False,
        },
    )
    try:
        data = parser.get_date_data(text)
    except (ValueError, OverflowError, TypeError, KeyError, IndexError):
        return None  # the library could not read it either
    found, period = data.date_obj, data.period
    if not isinstance(found, datetime) or not isinstance(period, str):
        return None
    return found, period
