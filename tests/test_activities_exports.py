"""The Strava bulk export's activities.csv and Apple Health's export.xml readers, on small
generated exports shaped like the real ones (the real header, the real DOCTYPE preamble),
on hostile files, and on an export.xml big enough that reading it whole would show."""

# ruff: noqa: E501  (the generated exports' XML lines are as long as Apple writes them)

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hostile_xml import billion_laughs

from sorelog.formats.activities import Activity, Unreadable
from sorelog.formats.activities.apple_health import read_apple_health
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
            1800.0,  # its moving time, not the 1830 s elapsed
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


# --- Apple Health ---------------------------------------------------------------------

# The opening of a real export.xml: an internal DTD of element and attribute declarations.
HEALTH_PREAMBLE = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth         CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex       CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBloodType           CDATA #REQUIRED
  HKCharacteristicTypeIdentifierFitzpatrickSkinType CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
  value         CDATA #IMPLIED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  totalDistance         CDATA #IMPLIED
  totalDistanceUnit     CDATA #IMPLIED
  totalEnergyBurned     CDATA #IMPLIED
  totalEnergyBurnedUnit CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  sourceVersion         CDATA #IMPLIED
  device                CDATA #IMPLIED
  creationDate          CDATA #IMPLIED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
<!ELEMENT WorkoutStatistics EMPTY>
<!ATTLIST WorkoutStatistics
  type      CDATA #REQUIRED
  startDate CDATA #REQUIRED
  endDate   CDATA #REQUIRED
  average   CDATA #IMPLIED
  minimum   CDATA #IMPLIED
  maximum   CDATA #IMPLIED
  sum       CDATA #IMPLIED
  unit      CDATA #IMPLIED
>
]>
<HealthData locale="en_GB">
 <ExportDate value="2026-11-25 09:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-01-01" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet"/>
"""

RECORD = (
    ' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min"'
    ' creationDate="2026-11-20 18:31:00 +0100" startDate="2026-11-20 18:30:{s:02d} +0100"'
    ' endDate="2026-11-20 18:30:{s:02d} +0100" value="{v}">\n'
    '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="2"/>\n'
    " </Record>\n"
)

OLD_STYLE_RUN = """\
 <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30.5" durationUnit="min" totalDistance="5.2" totalDistanceUnit="km" totalEnergyBurned="350" totalEnergyBurnedUnit="kcal" sourceName="Watch" sourceVersion="9.1" creationDate="2026-11-20 19:01:00 +0100" startDate="2026-11-20 18:30:00 +0100" endDate="2026-11-20 19:00:30 +0100">
  <MetadataEntry key="HKIndoorWorkout" value="0"/>
  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="2026-11-20 18:30:00 +0100" duration="10" durationUnit="min"/>
 </Workout>
"""

NEW_STYLE_WALK = """\
 <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="1.25" durationUnit="hr" sourceName="Watch" sourceVersion="17.1" creationDate="2026-11-21 08:20:00 -0500" startDate="2026-11-21 07:00:00 -0500" endDate="2026-11-21 08:15:00 -0500">
  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2026-11-21 07:00:00 -0500" endDate="2026-11-21 08:15:00 -0500" sum="310" unit="kcal"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2026-11-21 07:00:00 -0500" endDate="2026-11-21 08:15:00 -0500" average="101" minimum="80" maximum="120" unit="count/min"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2026-11-21 07:00:00 -0500" endDate="2026-11-21 08:15:00 -0500" sum="3.5" unit="mi"/>
  <WorkoutRoute sourceName="Watch" creationDate="2026-11-21 08:20:00 -0500" startDate="2026-11-21 07:00:00 -0500" endDate="2026-11-21 08:15:00 -0500">
   <FileReference path="/workout-routes/route_2026-11-21_8.15am.gpx"/>
  </WorkoutRoute>
 </Workout>
"""

STRENGTH = """\
 <Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" sourceName="Phone" startDate="2026-11-22 06:00:00 +0530" endDate="2026-11-22 06:45:00 +0530"/>
"""

SWIM = """\
 <Workout workoutActivityType="HKWorkoutActivityTypeSwimming" duration="1500" durationUnit="s" totalDistance="1000" totalDistanceUnit="yd" sourceName="Watch" startDate="2026-11-23 12:00:00 +0000" endDate="2026-11-23 12:25:00 +0000"/>
"""

CORRELATION = """\
 <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Cuff" startDate="2026-11-20 08:00:00 +0100" endDate="2026-11-20 08:00:00 +0100">
  <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Cuff" unit="mmHg" startDate="2026-11-20 08:00:00 +0100" endDate="2026-11-20 08:00:00 +0100" value="120"/>
 </Correlation>
"""


def health_export(*body: str) -> bytes:
    return (HEALTH_PREAMBLE + "".join(body) + "</HealthData>\n").encode()


def read_health(data: bytes) -> list[Activity]:
    return list(read_apple_health(io.BytesIO(data), "export.xml"))


def test_apple_health_workouts_become_activities() -> None:
    records = "".join(RECORD.format(s=s, v=60 + s) for s in range(3))
    data = health_export(
        records, CORRELATION, OLD_STYLE_RUN, records, NEW_STYLE_WALK, STRENGTH, SWIM
    )
    found = read_health(data)
    assert all(activity.start.tzinfo is UTC for activity in found)  # not just the same instant
    assert found == [
        Activity(
            "running",
            datetime(2026, 11, 20, 17, 30, tzinfo=UTC),
            1830.0,
            5200.0,
            "export.xml: workout 1",
        ),
        Activity(
            "walking",
            datetime(2026, 11, 21, 12, 0, tzinfo=UTC),
            4500.0,
            pytest.approx(3.5 * 1609.344),  # type: ignore[arg-type]
            "export.xml: workout 2",
        ),
        Activity(  # no duration attribute: its end less its start; no distance at all
            "traditional strength training",
            datetime(2026, 11, 22, 0, 30, tzinfo=UTC),
            2700.0,
            None,
            "export.xml: workout 3",
        ),
        Activity(
            "swimming",
            datetime(2026, 11, 23, 12, 0, tzinfo=UTC),
            1500.0,
            pytest.approx(914.4),  # type: ignore[arg-type]
            "export.xml: workout 4",
        ),
    ]


@pytest.mark.parametrize(
    ("kind", "sport"),
    [
        ("HKWorkoutActivityTypeCycling", "cycling"),
        ("HKWorkoutActivityTypeHiking", "hiking"),
        ("HKWorkoutActivityTypeRowing", "rowing"),
        ("HKWorkoutActivityTypeHighIntensityIntervalTraining", "high intensity interval training"),
        ("HKWorkoutActivityTypeOther", "other"),
    ],
)
def test_apple_health_sports_are_words(kind: str, sport: str) -> None:
    workout = SWIM.replace("HKWorkoutActivityTypeSwimming", kind)
    assert read_health(health_export(workout))[0].sport == sport


BOMB = billion_laughs("HealthData", '<HealthData locale="&lol9;"/>')

EXTERNAL = """\
<?xml version="1.0"?>
<!DOCTYPE HealthData [
<!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<HealthData locale="en_GB">
 <Workout workoutActivityType="HKWorkoutActivityTypeRunning" sourceName="&secret;" startDate="2026-11-20 18:30:00 +0100" endDate="2026-11-20 19:00:00 +0100"/>
</HealthData>
"""


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (BOMB.encode(), "^XML entities are not allowed$"),
        (EXTERNAL.encode(), "^XML entities are not allowed$"),
        (health_export(OLD_STYLE_RUN)[:-30], "^not valid XML: "),
        (b"Activity ID,Activity Date\n", "^not valid XML: "),
        (b"", "^not valid XML: "),
        (b'<?xml version="1.0"?><gpx><trk/></gpx>', "^not an Apple Health export"),
        (
            health_export(OLD_STYLE_RUN.replace("2026-11-20 18:30:00 +0100", "last night")),
            "^export.xml: workout 1: the start 'last night' is not a date",
        ),
        (
            health_export(SWIM.replace("HKWorkoutActivityTypeSwimming", "Swimming")),
            "^export.xml: workout 1: the workout type 'Swimming'",
        ),
    ],
)
def test_apple_health_refuses_hostile_and_broken_files(data: bytes, reason: str) -> None:
    with pytest.raises(Unreadable, match=reason):
        read_health(data)


def test_apple_health_gives_workouts_as_it_reads() -> None:
    # A stream: the first workout arrives before the broken end of the file is read.
    records = "".join(RECORD.format(s=s % 60, v=70) for s in range(2000))  # ~700 kB
    broken = health_export(OLD_STYLE_RUN, records)[:-30]
    workouts = read_apple_health(io.BytesIO(broken), "export.xml")
    assert next(workouts).sport == "running"
    with pytest.raises(Unreadable, match="not valid XML"):
        next(workouts)


# A child that writes a ~150 MB export.xml, mostly Records with a workout every 20,000,
# then reads it and prints how many workouts it found and its peak memory in MB.
STREAM_CHILD = textwrap.dedent(
    """
    import resource, sys
    from sorelog.formats.activities.apple_health import read_apple_health

    path, preamble_path, record, workout = sys.argv[1:5]
    preamble = open(preamble_path).read()
    with open(path, "w") as out:
        out.write(preamble)
        for n in range(520_000):
            out.write(record)
            if n % 20_000 == 0:
                out.write(workout)
        out.write("</HealthData>\\n")
    import os
    size = os.path.getsize(path) / 1e6
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open(path, "rb") as stream:
        count = sum(1 for _ in read_apple_health(stream, path))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(count, round(size), round(base), round(peak))
    """
)


@pytest.mark.slow
def test_apple_health_reads_a_large_export_in_little_memory(tmp_path: Path) -> None:
    preamble = tmp_path / "preamble.xml"
    preamble.write_text(HEALTH_PREAMBLE)
    record = RECORD.format(s=7, v=71)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            STREAM_CHILD,
            str(tmp_path / "export.xml"),
            str(preamble),
            *(record, OLD_STYLE_RUN),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    count, size, base, peak = (int(word) for word in result.stdout.split())
    print(f"{size} MB export.xml: {base} MB before reading it, {peak} MB after")
    assert count == 26
    assert size >= 140, f"the export is {size} MB"
    assert peak < 100, f"reading a {size} MB export.xml peaked at {peak} MB"
