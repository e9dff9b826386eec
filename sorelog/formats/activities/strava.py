"""Strava's bulk export: the `activities.csv` at the top of the archive, one row a session.

The header (about 90 columns, more added over the years) repeats some names. The first
block, up to `Filename`, is what Strava's pages show, in the athlete's own units: the
first `Distance` is kilometres or miles as they chose (metres for a swim), the first
`Elapsed Time` whole seconds. A second block after `Athlete Weight, Bike Weight` repeats
`Elapsed Time` and `Distance` in seconds and metres whatever the athlete chose.

Which columns are read: `Moving Time` (seconds, in the second block) for the duration,
as a FIT file's timer time and Apple Health's duration leave pauses out too; else the
later `Elapsed Time`, else the first, since it is seconds too. For the distance, the
later `Distance` when the header has it and the row fills it in. The first `Distance`
is never used: its unit is the athlete's setting, which the file does not record, so
without the metric column the distance is None and a caller who needs it reads the
activity's own file (`Filename`, named in `source`).

`Activity Date` is the start in UTC, written as "Nov 20, 2026, 6:30:15 PM".
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

from sorelog.domain.activity_parts import sport_key
from sorelog.formats.activities import Activity, Unreadable

# Strava's names for the sports that have a plainer one; others are lower-cased as given.
_SPORTS = {
    "run": "running",
    "trail run": "trail running",
    "virtual run": "running",
    "ride": "cycling",
    "virtual ride": "cycling",
    "walk": "walking",
    "hike": "hiking",
    "swim": "swimming",
}

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DATE = re.compile(
    r"\s*([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),\s*(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})\s*([AaPp][Mm])\s*"
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")  # EBikeRide: E Bike Ride


def read_strava_csv(data: bytes, source: str) -> list[Activity]:
    """Every activity in a Strava bulk export's `activities.csv`, in file order.

    Each one's `source` is `"{source}: {Filename}"`, or `"{source}: activity {id}"` for
    one entered by hand (no file). Raises Unreadable for a file that is not this CSV and
    for a row whose date, type or numbers cannot be read, naming its line.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Unreadable(f"not a Strava activities.csv: not UTF-8 text ({error.reason})") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise Unreadable("not a Strava activities.csv: the file is empty")
        columns = _Columns(header)
        activities: list[Activity] = []
        while True:
            line = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                return activities
            if not any(cell.strip() for cell in row):
                continue
            activities.append(_activity(columns, row, line, source))
    except csv.Error as error:
        raise Unreadable(f"not a Strava activities.csv: line {reader.line_num}: {error}") from None


class _Columns:
    """Where the columns read are in this file's header."""

    def __init__(self, header: list[str]) -> None:
        names = [name.strip() for name in header]
        missing = [name for name in ("Activity Date", "Activity Type") if name not in names]
        if missing:
            shown = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")
            raise Unreadable(
                f"not a Strava activities.csv: no {' or '.join(missing)} column"
                f" (the first line reads: {shown[:200]})"
            )
        self.date = names.index("Activity Date")
        self.type = names.index("Activity Type")
        self.ident = _first(names, "Activity ID")
        self.filename = _first(names, "Filename")
        elapsed = [i for i, name in enumerate(names) if name == "Elapsed Time"]
        moving = [i for i, name in enumerate(names) if name == "Moving Time"]
        distance = [i for i, name in enumerate(names) if name == "Distance"]
        # The later column of each pair is the metric one; a lone Elapsed Time is seconds
        # anyway, a lone Distance is in units the file does not say (see the module notes).
        # Moving time first, as a FIT file's timer time and Apple Health's duration are:
        # the same session reads the same length whichever export it came from.
        self.seconds = moving + elapsed[::-1]
        self.metres = distance[1:][-1:]


def _first(names: list[str], name: str) -> int | None:
    return names.index(name) if name in names else None


def _activity(columns: _Columns, row: list[str], line: int, source: str) -> Activity:
    def cell(index: int | None) -> str:
        return row[index].strip() if index is not None and index < len(row) else ""

    start = _start(cell(columns.date), line)
    kind = cell(columns.type)
    if not kind:
        raise Unreadable(f"line {line}: no Activity Type")
    seconds = _number(next((c for i in columns.seconds if (c := cell(i))), ""), "time", line)
    metres = _number(next((c for i in columns.metres if (c := cell(i))), ""), "distance", line)
    filename = cell(columns.filename)
    entry = filename if filename else f"activity {cell(columns.ident) or 'without an id'}"
    return Activity(_sport(kind), start, seconds, metres, f"{source}: {entry}")


def _sport(kind: str) -> str:
    """Strava's type as a plain sport: "Trail Run" and "TrailRun" are "trail running"."""
    words = sport_key(_CAMEL.sub(" ", kind))
    return _SPORTS.get(words, words)


def _start(value: str, line: int) -> datetime:
    match = _DATE.fullmatch(value)
    month = _MONTHS.get(match.group(1).lower()) if match else None
    if match is None or month is None:
        return _iso_start(value, line)
    day, year, hour, minute, second = (int(match.group(i)) for i in (2, 3, 4, 5, 6))
    if not 1 <= hour <= 12:
        raise Unreadable(f"line {line}: Activity Date {value!r} is not a date and time")
    hour = hour % 12 + (12 if match.group(7).lower() == "pm" else 0)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        raise Unreadable(f"line {line}: Activity Date {value!r} is not a date and time") from None


def _iso_start(value: str, line: int) -> datetime:
    """A date written the ISO way ("2026-11-20 18:30:15"), as some rewritten files have it:
    UTC unless it says otherwise."""
    try:
        moment = datetime.fromisoformat(value) if value[:4].isdigit() else None
    except ValueError:
        moment = None
    if moment is None:
        raise Unreadable(
            f"line {line}: Activity Date {value!r} is not a date and time"
            ' like "Nov 20, 2026, 6:30:15 PM"'
        )
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _number(value: str, what: str, line: int) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise Unreadable(f"line {line}: the {what} {value!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")) or number < 0:
        raise Unreadable(f"line {line}: the {what} {value!r} is not a number")
    return number
