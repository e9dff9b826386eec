"""The Strava bulk export's activities.csv reader, on small generated exports shaped like
the real one (the real header, its repeated columns), and on files that are not it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sorelog.formats.activities import Activity, Unreadable
from sorelog.formats.activities.strava import read_strava_csv

# --- Strava ---------------------------------------------------------------------------

# The English header of a bulk export (2023 on): the first block in the athlete's units,
# the repeated Elapsed Time and Distance after Bike Weight in seconds and metres.
STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
    "Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,"
    "Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,"
    "Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,"
    "Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,"
    "Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,"
    "Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,"
    "Uphill Time,Downhill Time,Other Time,Perceived Exertion,Type,Start Time,"
    "Weighted Average Power,Power Count,Prefer Perceived Exertion,Perceived Relative Effort,"
    "Commute,Total Weight Lifted,From Upload,Grade Adjusted Distance,"
    "Weather Observation Time,Weather Condition,Weather Temperature,Apparent Temperature,"
    "Dewpoint,Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,"
    "Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,"
    "Precipitation Probability,Precipitation Type,Cloud Cover,Weather Visibility,UV Index,"
    "Weather Ozone,Jump Count,Total Grit,Average Flow,Flagged,Average Elapsed Speed,"
    "Dirt Distance,Newly Explored Distance,Newly Explored Dirt Distance,Activity Count,Media"
)
COLUMNS = STRAVA_HEADER.split(",")


def strava_row(**cells: str) -> str:
    """A row with the named cells filled; `Elapsed_Time_2` and `Distance_2` are the later
    (metric) columns, a name with spaces written with underscores."""
    values = [""] * len(COLUMNS)
    seen: dict[str, int] = {}
    for index, name in enumerate(COLUMNS):
        seen[name] = seen.get(name, 0) + 1
        key = name.replace(" ", "_") + ("" if seen[name] == 1 else f"_{seen[name]}")
        if key in cells:
            value = cells[key]
            values[index] = f'"{value}"' if "," in value or "\n" in value else value
    return ",".join(values)


def strava_csv(*rows: str, header: str = STRAVA_HEADER) -> bytes:
    return ("\ufeff" + "\r\n".join([header, *rows]) + "\r\n").encode()


RUN = strava_row(
    Activity_ID="12001",
    Activity_Date="Nov 20, 2026, 6:30:15 PM",
    Activity_Name="Evening Run",
    Activity_Type="Run",
    Activity_Description="Easy, then\nstrides",  # quoted, across two lines
    Elapsed_Time="1830",
    Distance="5.21",  # km, as the athlete sees it
    Filename="activities/12001.fit.gz",
    Elapsed_Time_2="1830.0",
    Moving_Time="1800.0",
    Distance_2="5210.4",
)
RIDE = strava_row(
    Activity_ID="12002",
    Activity_Date="Nov 21, 2026, 12:05:00 AM",
    Activity_Type="Virtual Ride",
    Elapsed_Time="3600",
    Distance="30.0",
    Filename="activities/12002.tcx.gz",
    Elapsed_Time_2="3600.0",
    Distance_2="30000.0",
)
LIFT = strava_row(  # entered by hand: no file, no distance
    Activity_ID="12003",
    Activity_Date="Nov 22, 2026, 12:45:00 PM",
    Activity_Type="Weight Training",
    Elapsed_Time="2700",
    Elapsed_Time_2="2700.0",
)
PADDLE = strava_row(
    Activity_ID="12004",
    Activity_Date="Nov 23, 2026, 9:00:00 AM",
    Activity_Type="Stand Up Paddling",
    Filename="activities/12004.gpx",
    Elapsed_Time_2="900.0",
    Distance_2="2000.0",
)
TRAIL = strava_row(
    Activity_ID="12005",
    Activity_Date="Nov 24, 2026, 7:00:00 AM",
    Activity_Type="TrailRun",
    Filename="activities/12005.fit.gz",
)


def test_strava_rows_become_activities() -> None:
    found = read_strava_csv(strava_csv(RUN, RIDE, LIFT, PADDLE, TRAIL), "export.zip")
    assert all(activity.start.tzinfo is UTC for activity in found)
    assert found == [
        Activity(
            "running",
            datetime(2026, 11, 20, 18, 30, 15, tzinfo=UTC),
            1830.0,
            5210.4,
            "export.zip: activities/12001.fit.gz",
        ),
        Activity(
            "cycling",
            datetime(2026, 11, 21, 0, 5, tzinfo=UTC),
            3600.0,
            30000.0,
            "export.zip: activities/12002.tcx.gz",
        ),
        Activity(
            "weight training",
            datetime(2026, 11, 22, 12, 45, tzinfo=UTC),
            2700.0,
            None,
            "export.zip: activity 12003",
        ),
        Activity(
            "stand up paddling",
            datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
            900.0,
            2000.0,
            "export.zip: activities/12004.gpx",
        ),
        Activity(
            "trail running",
            datetime(2026, 11, 24, 7, 0, tzinfo=UTC),
            None,
            None,
            "export.zip: activities/12005.fit.gz",
        ),
    ]


@pytest.mark.parametrize(
    ("strava", "sport"),
    [
        ("Run", "running"),
        ("Trail Run", "trail running"),
        ("Ride", "cycling"),
        ("Virtual Ride", "cycling"),
        ("Walk", "walking"),
        ("Hike", "hiking"),
        ("Swim", "swimming"),
        ("Rowing", "rowing"),
        ("Weight Training", "weight training"),
        ("WeightTraining", "weight training"),
        ("Workout", "workout"),
        ("Yoga", "yoga"),
        ("Alpine Ski", "alpine ski"),
    ],
)
def test_strava_sports_have_plain_names(strava: str, sport: str) -> None:
    row = strava_row(Activity_Date="Nov 20, 2026, 6:30:15 PM", Activity_Type=strava)
    assert read_strava_csv(strava_csv(row), "a.csv")[0].sport == sport


def test_strava_without_the_metric_block() -> None:
    # An older, shorter header: the lone Elapsed Time is seconds; the lone Distance is in
    # the athlete's units, which the file does not say, so it is not used.
    header = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename"
    row = '7,"Apr 9, 2026, 7:30:00 AM",Morning Run,Run,1800,5.0,activities/7.gpx'
    assert read_strava_csv(strava_csv(row, header=header), "a.csv") == [
        Activity(
            "running",
            datetime(2026, 4, 9, 7, 30, tzinfo=UTC),
            1800.0,
            None,
            "a.csv: activities/7.gpx",
        )
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not a Strava activities.csv: the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not a Strava activities.csv: not UTF-8"),
        (b'{"activities": []}', "not a Strava activities.csv: no Activity Date or Activity Type"),
        (b"Date,Steps\n2026-11-20,9000\n", "no Activity Date or Activity Type column"),
        (b"Activity ID,Activity Date,Filename\n1,x,y\n", "no Activity Type column"),
        (b'Activity Date,Activity Type\n"Nov 20, 2026, 6:30:15 PM,Run\n', "not a Strava"),
    ],
)
def test_strava_refuses_what_is_not_its_csv(data: bytes, reason: str) -> None:
    with pytest.raises(Unreadable, match=reason):
        read_strava_csv(data, "a.csv")


@pytest.mark.parametrize(
    ("date", "cells"),
    [
        ("yesterday", {}),
        ("Nov 31, 2026, 6:30:15 PM", {}),
        ("Nov 20, 2026, 13:30:15 PM", {}),
        ("Nov 20, 2026, 6:30:15 PM", {"Elapsed_Time_2": "half an hour"}),
        ("Nov 20, 2026, 6:30:15 PM", {"Distance_2": "-5"}),
        ("Nov 20, 2026, 6:30:15 PM", {"Activity_Type": ""}),
    ],
)
def test_strava_names_the_line_it_cannot_read(date: str, cells: dict[str, str]) -> None:
    bad = strava_row(**{"Activity_Date": date, "Activity_Type": "Run", **cells})
    # RUN spans lines 2-3 (its description has a line break): the bad row is line 4.
    with pytest.raises(Unreadable, match=r"^line 4: "):
        read_strava_csv(strava_csv(RUN, bad), "a.csv")
