"""The files a workout import is pointed at (formats/activities/files.py): real device
files in folders, `.gz`, a Strava bulk export filled from its own activity files, each
session kept once across files and formats, and every unreadable file named with its
reason while the rest are read."""

from __future__ import annotations

import gzip
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sorelog.formats.activities import Activity
from sorelog.formats.activities import files as activity_files
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
    monkeypatch.setattr(activity_files, "MAX_BYTES", 4096)
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
