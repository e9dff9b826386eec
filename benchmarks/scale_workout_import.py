"""Measure `sorelog workout import` at scale, and print it.

Targets (SPEC "Performance"): 1,000 activity files < 60 s and < 200 MB peak; a 500 MB
Apple Health export.xml < 60 s and < 200 MB; importing the same folder again < 10 s.

The inputs are made here from the real device files in tests/fixtures/activities: each
file with an activity (three FIT, three GPX, two TCX) copied in turn, every fourth one
gzipped, each copy's times moved back a whole number of days of its own so that no two
copies are the same session (a FIT file's timestamps are rewritten field by field and its
checksum made again; whole days keep its 32-second compressed timestamps in step). A
config maps the fixtures' "unknown" and "other" sports, so every copy becomes a workout.
The export.xml is shaped like a phone's: the real preamble's kind of DTD, then mostly
heart-rate records (with their motion-context metadata), steps, energy and distance
samples, and two workouts a day with their statistics and events, in time order.

Usage: python benchmarks/scale_workout_import.py [--files N] [--export-mb N]
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import struct
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import print_rows, timed

Row = tuple[str, str, str, bool]
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "activities"
SOURCES = (
    "20170518-191602-1740899583.fit",  # indoor rowing, 28 min, 1,641 records
    "garmin-fenix-5-run.fit",
    "elemnt-bolt-no-application-id-inside-developer-data-id.fit",
    "around-visnjan-with-car.gpx",
    "korita-zbevnica.gpx",  # two tracks with times
    "cerknicko-without-times.gpx",
    "tcxparser-test.tcx",  # a run, 33 min, three laps
    "sup_activity_1.tcx",  # sport "other"
)
CONFIG = '[activity_parts]\nunknown = ["quadriceps", "calves"]\nother = ["shoulders"]\n'


# --- activity files --------------------------------------------------------------------

_ISO = re.compile(rb"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")


def shift_xml(data: bytes, days: int) -> bytes:
    """A GPX or TCX file with every ISO time in it moved by `days`."""

    def moved(match: re.Match[bytes]) -> bytes:
        when = datetime.fromisoformat(match.group(1).decode()) + timedelta(days=days)
        return when.strftime("%Y-%m-%dT%H:%M:%S").encode()

    return _ISO.sub(moved, data)


# FIT fields holding a date_time (seconds since 1989-12-31 UTC), by global message number;
# 253 is every message's timestamp.
_FIT_TIMES = {0: {4}, 18: {2}, 19: {2}, 21: {3}, 34: {5}}


def shift_fit(data: bytes, days: int) -> bytes:
    """A FIT file with every timestamp and start time moved by `days`, its checksum made
    again; its messages found as sorelog's reader finds them."""
    from sorelog.formats.activities.fit import crc, data_messages

    out = bytearray(data)
    for message in data_messages(data):
        times = _FIT_TIMES.get(message.number, set()) | {253}
        at = message.at
        for field, size in message.fields:
            if field in times and size == 4:
                value = struct.unpack_from(message.order + "I", data, at)[0]
                if value not in (0xFFFFFFFF, 0) and value >= 0x10000000:  # a clock time
                    struct.pack_into(message.order + "I", out, at, value + days * 86400)
            at += size
    end = len(data) - 2
    struct.pack_into("<H", out, end, crc(bytes(out), end))
    return bytes(out)


def write_activity_files(folder: Path, count: int) -> None:
    """`count` activity files: the fixtures in turn, each copy moved back its own number of
    days (so every session is new), every fourth gzipped."""
    folder.mkdir(parents=True)
    originals = [(name, (FIXTURES / name).read_bytes()) for name in SOURCES]
    for n in range(count):
        name, data = originals[n % len(originals)]
        days = -(n + 1)
        moved = shift_fit(data, days) if name.endswith(".fit") else shift_xml(data, days)
        target = folder / f"{n:04d}-{name}"
        if n % 4 == 3:
            target.with_name(target.name + ".gz").write_bytes(gzip.compress(moved, 6))
        else:
            target.write_bytes(moved)


# --- an Apple Health export.xml --------------------------------------------------------

PREAMBLE = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
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
  sourceName            CDATA #REQUIRED
  sourceVersion         CDATA #IMPLIED
  device                CDATA #IMPLIED
  creationDate          CDATA #IMPLIED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
]>
<HealthData locale="en_GB">
 <ExportDate value="2026-11-25 09:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-01-01" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet"/>
"""  # noqa: E501

_WATCH = (
    'sourceName="Alex\u2019s Apple Watch" sourceVersion="10.1" device="&lt;&lt;HKDevice:'
    " 0x283e5c1e0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch,"
    ' hardware:Watch6,2, software:10.1&gt;"'
)
_HEART = (
    ' <Record type="HKQuantityTypeIdentifierHeartRate" {watch} unit="count/min"'
    ' creationDate="{t}" startDate="{t}" endDate="{t}" value="{v}">\n'
    '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="{m}"/>\n'
    " </Record>\n"
)
_SAMPLE = (
    ' <Record type="HKQuantityTypeIdentifier{kind}" {watch} unit="{unit}"'
    ' creationDate="{e}" startDate="{t}" endDate="{e}" value="{v}"/>\n'
)
_WORKOUTS = (  # HealthKit type, whether its distance is given, metres per minute
    ("Running", True, 180),
    ("Walking", True, 80),
    ("Cycling", True, 400),
    ("TraditionalStrengthTraining", False, 0),
    ("Swimming", True, 40),
    ("Yoga", False, 0),
    ("HighIntensityIntervalTraining", False, 0),
)
_WORKOUT = (
    ' <Workout workoutActivityType="HKWorkoutActivityType{kind}" duration="{minutes}"'
    ' durationUnit="min" {watch} creationDate="{e}" startDate="{t}" endDate="{e}">\n'
    '  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n'
    '  <MetadataEntry key="HKTimeZone" value="Europe/London"/>\n'
    '  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="{t}" duration="10"'
    ' durationUnit="min"/>\n'
    '  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="{t}"'
    ' endDate="{e}" sum="{kcal}" unit="kcal"/>\n'
    '  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="{t}"'
    ' endDate="{e}" average="138" minimum="92" maximum="171" unit="count/min"/>\n'
    "{distance}"
    " </Workout>\n"
)
_DISTANCE = (
    '  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning"'
    ' startDate="{t}" endDate="{e}" sum="{km:.3f}" unit="km"/>\n'
)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S +0000")


def write_health_export(path: Path, megabytes: int) -> int:
    """An export.xml of about `megabytes` MB, in time order from 2018: every day, heart
    rate every few minutes (each with its metadata), steps, active energy and distance
    samples, and a workout at 07:00 and at 18:00. Returns how many workouts it holds."""
    limit = megabytes * 1_000_000
    day = datetime(2018, 1, 1, tzinfo=UTC)
    workouts = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(PREAMBLE)
        written = len(PREAMBLE)
        while written < limit:
            block: list[str] = []
            for minute in range(0, 1440, 2):
                t = _stamp(day + timedelta(minutes=minute))
                e = _stamp(day + timedelta(minutes=minute, seconds=110))
                if minute % 4 == 0:
                    block.append(_HEART.format(watch=_WATCH, t=t, v=60 + minute % 50,
                                               m=minute % 3))  # fmt: skip
                if minute % 10 == 0:
                    block.append(_SAMPLE.format(kind="StepCount", watch=_WATCH, unit="count",
                                                t=t, e=e, v=minute % 90))  # fmt: skip
                    block.append(_SAMPLE.format(kind="DistanceWalkingRunning", watch=_WATCH,
                                                unit="km", t=t, e=e, v="0.0412"))  # fmt: skip
                if minute % 6 == 0:
                    block.append(_SAMPLE.format(kind="ActiveEnergyBurned", watch=_WATCH,
                                                unit="kcal", t=t, e=e, v="0.731"))  # fmt: skip
                if minute in (420, 1080):
                    kind, far, pace = _WORKOUTS[workouts % len(_WORKOUTS)]
                    length = 30 + workouts % 60
                    end = _stamp(day + timedelta(minutes=minute + length))
                    distance = _DISTANCE.format(t=t, e=end, km=pace * length / 1000) if far else ""
                    block.append(_WORKOUT.format(kind=kind, minutes=length, watch=_WATCH,
                                                 t=t, e=end, kcal=7 * length,
                                                 distance=distance))  # fmt: skip
                    workouts += 1
            text = "".join(block)
            out.write(text)
            written += len(text.encode())
            day += timedelta(days=1)
        out.write("</HealthData>\n")
    return workouts


# --- the measures ----------------------------------------------------------------------


def measure(work: Path, env: dict[str, str], sorelog: list[str], files: int = 1000,
            export_mb: int = 500) -> list[Row]:  # fmt: skip
    """Rows of (name, measured, target, ok): `files` activity files imported, then again,
    and an Apple Health export.xml of `export_mb` MB."""
    rows: list[Row] = []
    config = work / "workout-parts.toml"
    config.write_text(CONFIG)
    folder = work / "watch"
    write_activity_files(folder, files)
    journal = work / "workouts.db"
    run = {**env, "SORELOG_DB": str(journal), "SORELOG_CONFIG": str(config)}
    command = [*sorelog, "workout", "import", str(folder)]
    seconds, peak = timed(command, run)
    rows.append((f"workout import, {files:,} activity files", f"{seconds:.2f} s, {peak} MB peak",
                 "target < 60 s and < 200 MB", seconds < 60 and peak < 200))  # fmt: skip
    seconds, peak = timed(command, run)
    rows.append((f"workout import, the same {files:,} files again",
                 f"{seconds:.2f} s, {peak} MB peak", "target < 10 s", seconds < 10))  # fmt: skip
    shutil.rmtree(folder)
    journal.unlink()

    export = work / "apple_health_export" / "export.xml"
    export.parent.mkdir()
    count = write_health_export(export, export_mb)
    size = export.stat().st_size / 1e6
    seconds, peak = timed([*sorelog, "workout", "import", str(export)], run)
    rows.append((f"workout import, a {size:.0f} MB export.xml ({count:,} workouts)",
                 f"{seconds:.2f} s, {peak} MB peak", "target < 60 s and < 200 MB",
                 seconds < 60 and peak < 200))  # fmt: skip
    shutil.rmtree(export.parent)
    journal.unlink()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="activity files")
    parser.add_argument("--export-mb", type=int, default=500, help="size of the export.xml")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sorelog-workouts-"))
    env = {**os.environ, "TZ": "UTC"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as run.py: measure sorelog, not the compiler
    try:
        rows = measure(work, env, [sys.executable, "-m", "sorelog"], options.files,
                       options.export_mb)  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return print_rows(rows)


if __name__ == "__main__":
    sys.exit(main())
