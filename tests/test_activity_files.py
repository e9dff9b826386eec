"""The files a workout import is pointed at (formats/activities/files.py): real device
files in folders, `.gz`, a Strava bulk export filled from its own activity files, each
session kept once across files and formats, and every unreadable file named with its
reason while the rest are read."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sorelog.formats.activities import Activity
from sorelog.formats.activities import sources as activity_sources
from sorelog.formats.activities.files import Refused, read_paths, unique

FIXTURES = Path(__file__).parent / "fixtures" / "activities"
RUN = FIXTURES / "garmin-fenix-5-run.fit"  # running, 2017-06-11 14:34:09 UTC, 157.56 m
ROW = FIXTURES / "20170518-191602-1740899583.fit"  # indoor rowing, 2017-05-18 16:37:30
GPX = FIXTURES / "korita-zbevnica.gpx"
TCX = FIXTURES / "tcxparser-test.tcx"
RUN_START = datetime(2017, 6, 11, 14, 34, 9, tzinfo=UTC)


def gz(source: Path, target: Path) -> Path:
    target.write_bytes(gzip.compress(source.read_bytes()))
    return target


def test_a_folder_of_device_files_gives_each_session_once(tmp_path: Path) -> None:
    folder = tmp_path / "watch"
    (folder / "older").mkdir(parents=True)
    for path in (RUN, ROW, GPX, TCX):
        shutil.copy(path, folder / path.name)
    gz(RUN, folder / "older" / "run-again.fit.gz")  # the same run, packed, elsewhere
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an activity")
    (folder / "notes.txt").write_text("leg day")
    found = read_paths([folder])
    assert found.refused == [] and found.skipped == 2
    one_by_one = [a for path in (RUN, ROW, GPX, TCX) for a in read_paths([path]).activities]
    assert len(one_by_one) == 5  # the GPX holds two timed tracks
    assert [(a.sport, a.start) for a in found.activities] == sorted(
        ((a.sport, a.start) for a in one_by_one), key=lambda pair: pair[1]
    )  # the packed copy of the run added nothing
    (run,) = [a for a in found.activities if a.start == RUN_START]
    assert run.metres == pytest.approx(157.56)
    assert [a.start for a in found.activities] == sorted(a.start for a in found.activities)


def test_an_unreadable_file_is_named_and_the_rest_are_read(tmp_path: Path) -> None:
    cut = tmp_path / "cut.fit"
    cut.write_bytes(RUN.read_bytes()[:-200])
    broken_gz = tmp_path / "broken.gpx.gz"
    broken_gz.write_bytes(b"\x1f\x8b\x08\x00 not gzip at all")
    bomb = tmp_path / "bomb.tcx"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
        '"&lol;&lol;&lol;&lol;">]><TrainingCenterDatabase>&lol2;</TrainingCenterDatabase>'
    )
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8")
    found = read_paths([cut, broken_gz, bomb, photo, tmp_path / "gone.fit", ROW])
    reasons = {Path(r.path).name: r.reason for r in found.refused}
    assert set(reasons) == {"cut.fit", "broken.gpx.gz", "bomb.tcx", "photo.jpg", "gone.fit"}
    assert "FIT" in reasons["cut.fit"]
    assert "not a readable .gz file" in reasons["broken.gpx.gz"]
    assert "not allowed" in reasons["bomb.tcx"]
    assert reasons["photo.jpg"].startswith("not a FIT, TCX or GPX file")
    assert reasons["gone.fit"] == "no such file"
    assert [a.sport for a in found.activities] == ["indoor rowing"]


def test_a_gz_that_unpacks_past_the_limit_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(activity_sources, "MAX_BYTES", 4096)
    packed = tmp_path / "huge.gpx.gz"
    packed.write_bytes(gzip.compress(b"<gpx>" + b" " * 100_000 + b"</gpx>"))
    found = read_paths([packed])
    assert found.refused == [Refused(str(packed), "larger than 0 MB when unpacked")]


STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
    "Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,"
    "Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance"
)


def test_a_strava_export_fills_a_row_from_its_own_file_and_keeps_it_once(tmp_path) -> None:
    export = tmp_path / "export_12345"
    (export / "activities").mkdir(parents=True)
    gz(RUN, export / "activities" / "555.fit.gz")
    (export / "media").mkdir()
    (export / "media" / "pic.jpg").write_bytes(b"\xff\xd8")
    rows = [
        # the FIT run's row: no metric distance, so the file's is taken
        '555,"Jun 11, 2017, 2:34:09 PM",Morning Run,Run,,57,,,,,,,activities/555.fit.gz,,,57.0,,',
        '556,"Jun 12, 2017, 6:00:00 PM",Legs,Weight Training,,2700,,,,,,,,,,2700.0,,',
    ]
    (export / "activities.csv").write_text("\n".join([STRAVA_HEADER, *rows]) + "\n")
    found = read_paths([export, RUN])  # the same run again, from the watch's own file
    assert found.refused == []
    assert [a.sport for a in found.activities] == ["running", "weight training"]
    run = found.activities[0]
    assert run.start == RUN_START and run.seconds == pytest.approx(57.0)
    assert run.metres == pytest.approx(157.56)  # from activities/555.fit.gz
    assert found.activities[1].metres is None


def at(minutes: float) -> datetime:
    return datetime(2026, 11, 20, 18, tzinfo=UTC) + timedelta(minutes=minutes)


def test_the_same_session_is_the_same_sport_starting_within_a_minute() -> None:
    first = Activity("running", at(0), 1800.0, None, "a.fit")
    richer = Activity("running", at(0.5), 1800.0, 5000.0, "activities.csv: 1")
    later = Activity("running", at(1.1), None, None, "b.gpx")
    other = Activity("cycling", at(0), None, None, "c.tcx")
    assert unique([first, richer, later, other]) == [other, richer, later]
    assert unique([richer, first]) == [richer]
    assert unique([first, Activity("running", at(0.2), None, None, "x")]) == [first]


# -- .zip archives: exports as they arrive -------------------------------------------------

HEALTH = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n'
    "<!ELEMENT HealthData (Workout)*>\n]>\n"
    '<HealthData locale="en_GB">\n'
    ' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" '
    'durationUnit="min" totalDistance="5.2" totalDistanceUnit="km" sourceName="Watch" '
    'startDate="2026-11-20 18:30:00 +0100" endDate="2026-11-20 19:00:00 +0100">\n'
    '  <WorkoutRoute sourceName="Watch"><FileReference '
    'path="/workout-routes/route_2026-11-20_7.00pm.gpx"/></WorkoutRoute>\n'
    " </Workout>\n</HealthData>\n"
)


def zipped(target: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(target, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def test_an_apple_health_export_zip_is_read_without_its_routes(tmp_path: Path) -> None:
    """Apple's export.zip as the phone shares it: the workouts come from export.xml once;
    the route GPX beside it (no sport in it) is not read as a second session; the other
    files are skipped, and the same export unpacked reads the same."""
    export = zipped(tmp_path / "export.zip", {
        "apple_health_export/export.xml": HEALTH.encode(),
        "apple_health_export/export_cda.xml": b"<ClinicalDocument/>",
        "apple_health_export/workout-routes/route_2026-11-20_7.00pm.gpx": GPX.read_bytes(),
        "apple_health_export/electrocardiograms/ecg_2026-11-20.csv": b"Name,x\n",
    })  # fmt: skip
    found = read_paths([export])
    assert found.refused == [] and found.skipped == 2
    (run,) = found.activities
    assert (run.sport, run.seconds, run.metres) == ("running", 1800.0, 5200.0)
    assert run.source == f"{export}/apple_health_export/export.xml: workout 1"
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(export) as archive:
        archive.extractall(unpacked)
    again = read_paths([unpacked])
    assert [(a.sport, a.start) for a in again.activities] == [(run.sport, run.start)]
    assert again.skipped == 2


def test_a_strava_export_zip_is_read_as_its_folder(tmp_path: Path) -> None:
    row = '555,"Jun 11, 2017, 2:34:09 PM",Morning Run,Run,,57,,,,,,,activities/555.fit.gz,,,57.0,,'
    for name, prefix in (("export_1.zip", ""), ("export_2.zip", "export_2/")):
        export = zipped(tmp_path / name, {
            f"{prefix}activities.csv": f"{STRAVA_HEADER}\n{row}\n".encode(),
            f"{prefix}activities/555.fit.gz": gzip.compress(RUN.read_bytes()),
            f"{prefix}media/pic.jpg": b"\xff\xd8",
        })  # fmt: skip
        found = read_paths([export])
        assert found.refused == [], name
        (run,) = found.activities
        assert run.start == RUN_START and run.metres == pytest.approx(157.56), name


def test_a_folder_with_zips_of_device_files_is_read_through(tmp_path: Path) -> None:
    """A Garmin bulk export: zips of FIT files inside a folder. Their files are read; a
    zip inside a zip is not opened; a damaged member or archive is refused by name."""
    export = tmp_path / "garmin" / "DI_CONNECT" / "DI-Connect-Uploaded-Files"
    export.mkdir(parents=True)
    part = zipped(export / "UploadedFiles_0-_Part1.zip", {
        "ROW.fit": ROW.read_bytes(),
        "inner.zip": zipped(tmp_path / "inner.zip", {"RUN.fit": RUN.read_bytes()}).read_bytes(),
    })  # fmt: skip
    (export / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    found = read_paths([tmp_path / "garmin"])
    assert [a.sport for a in found.activities] == ["indoor rowing"]
    assert found.activities[0].source == f"{part}/ROW.fit"
    assert found.skipped == 1  # inner.zip
    (refused,) = found.refused
    assert refused.path == str(export / "broken.zip")
    assert refused.reason.startswith("not a readable .zip file")


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_a_damaged_member_is_refused_and_the_rest_read(tmp_path: Path, method: int) -> None:
    export = zipped(tmp_path / "export.zip", {"a.gpx": GPX.read_bytes(), "b.fit": ROW.read_bytes()},
                    method)  # fmt: skip
    data = bytearray(export.read_bytes())
    with zipfile.ZipFile(export) as archive:
        info = archive.getinfo("a.gpx")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 40] ^= 0xFF  # a byte of the stored, deflated member
    export.write_bytes(bytes(data))
    found = read_paths([export])
    (refused,) = found.refused
    assert refused.path == f"{export}/a.gpx"
    assert refused.reason.startswith("damaged in its archive ("), refused.reason
    assert [a.sport for a in found.activities] == ["indoor rowing"]


def test_a_strava_export_a_folder_down_is_still_one(tmp_path: Path) -> None:
    """Downloads/export_123/activities.csv: pointing at Downloads reads the export as
    pointing at it does. Its own files are not sessions of their own, and one of them that
    cannot be read is named while its row is kept."""
    export = tmp_path / "Downloads" / "export_123"
    (export / "activities").mkdir(parents=True)
    gz(RUN, export / "activities" / "555.fit.gz")
    (export / "activities" / "556.fit").write_bytes(ROW.read_bytes()[:-200])  # cut short
    rows = [
        '555,"Jun 11, 2017, 2:34:09 PM",Morning Run,Run,,57,,,,,,,activities/555.fit.gz,,,57.0,,',
        '556,"May 18, 2017, 4:37:30 PM",Row,Rowing,,1680,,,,,,,activities/556.fit,,,1680.0,,',
    ]
    (export / "activities.csv").write_text("\n".join([STRAVA_HEADER, *rows]) + "\n")
    (tmp_path / "Downloads" / "elsewhere.gpx").write_bytes(GPX.read_bytes())
    for pointed in (export, tmp_path / "Downloads"):
        found = read_paths([pointed])
        sports = sorted(a.sport for a in found.activities if a.source.startswith(str(export)))
        assert sports == ["rowing", "running"], pointed
        (refused,) = found.refused
        assert refused.path == str(export / "activities" / "556.fit")
        assert refused.reason.endswith("(its row is kept without it)")
        rowing = next(a for a in found.activities if a.sport == "rowing")
        assert rowing.seconds == 1680.0 and rowing.metres is None


def test_a_folder_or_archive_with_no_activity_file_is_refused(tmp_path: Path) -> None:
    photos, empty = tmp_path / "photos", tmp_path / "empty"
    photos.mkdir()
    empty.mkdir()
    (photos / "a.jpg").write_bytes(b"\xff\xd8")
    (photos / "b.jpg").write_bytes(b"\xff\xd8")
    archive = zipped(tmp_path / "notes.zip", {"notes.txt": b"x"})
    found = read_paths([photos, empty, archive])
    assert [(Path(r.path).name, r.reason.split(" (")[0]) for r in found.refused] == [
        ("photos", "no activity file in it"),
        ("empty", "no activity file in it"),
        ("notes.zip", "no activity file in it"),
    ]
    assert "(2 files, none of them a FIT" in found.refused[0].reason
    assert "(nothing a FIT" in found.refused[1].reason


def test_a_name_that_is_not_utf8_is_read_and_shown_with_escapes(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "watch"
    folder.mkdir()
    named = os.fsencode(folder) + b"/latin\xe9.fit"
    with open(named, "wb") as out:
        out.write(ROW.read_bytes())
    found = read_paths([folder, Path(os.fsdecode(named))])
    assert found.refused == []
    (row,) = found.activities
    assert row.source == f"{folder}/latin\\xe9.fit"


def test_an_empty_file_says_so(tmp_path: Path) -> None:
    for name in ("a.gpx", "b.tcx", "c.fit.gz"):
        (tmp_path / name).write_bytes(b"" if not name.endswith(".gz") else gzip.compress(b""))
    found = read_paths([tmp_path / name for name in ("a.gpx", "b.tcx", "c.fit.gz")])
    assert [(Path(r.path).name, r.reason) for r in found.refused] == [
        ("a.gpx", "empty file"), ("b.tcx", "empty file"), ("c.fit.gz", "empty file"),
    ]  # fmt: skip


def test_sources_are_whole_paths_whatever_the_working_folder(tmp_path, monkeypatch) -> None:
    (tmp_path / "watch").mkdir()
    shutil.copy(ROW, tmp_path / "watch" / "row.fit")
    monkeypatch.chdir(tmp_path)
    for given in (Path("watch"), Path("watch/row.fit"), Path("./watch/../watch")):
        (row,) = read_paths([given]).activities
        assert Path(row.source).is_absolute() and Path(row.source).name == "row.fit", given
