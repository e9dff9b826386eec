"""`sorelog import` given what a watch or phone exported: one short line that names
`sorelog workout import`, exit 2, nothing written, whatever kind of export it is."""

from __future__ import annotations

import gzip
import shlex
import zipfile
from pathlib import Path

import pytest

from conftest import assert_refused
from sorelog.formats.watch_exports import watch_export

FIXTURES = Path(__file__).parent / "fixtures" / "activities"
RUN = FIXTURES / "garmin-fenix-5-run.fit"
# Apple's export.xml opens with a DTD of several kilobytes before its root element.
APPLE_HEALTH = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n'
    "<!-- HealthKit Export Version: 13 -->\n"
    "<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout)*)>\n"
    + "".join(f"<!ATTLIST Record\n  attribute{n} CDATA #IMPLIED\n>\n" for n in range(200))
    + ']>\n<HealthData locale="en_GB">\n <ExportDate value="2017-06-12 09:00:00 +0000"/>\n'
    "</HealthData>\n"
)
# A Strava activities.csv header: its 90 or so columns, most of them unknown to sorelog.
STRAVA_HEADER = ",".join(
    ["Activity ID", "Activity Date", "Activity Name", "Activity Type", "Elapsed Time",
     "Distance", *(f"Strava Column {n}" for n in range(84))]
)  # fmt: skip


def write_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("apple_health_export/export.xml", APPLE_HEALTH)
    return path


def write_strava(path: Path) -> Path:
    path.parent.mkdir()
    row = '1,"Jun 11, 2017, 2:34:39 PM",Run,Run,57,0.16' + "," * 84
    path.write_text(f"{STRAVA_HEADER}\n{row}\n")
    return path


EXPORTS = {
    "fit": (lambda tmp: RUN, "a FIT file"),
    "tcx": (lambda tmp: FIXTURES / "tcxparser-test.tcx", "a TCX file"),
    "gpx": (lambda tmp: FIXTURES / "korita-zbevnica.gpx", "a GPX file"),
    "fit.gz": (lambda tmp: gzipped(RUN, tmp / "run.fit.gz"), "a FIT file, gzipped"),
    "zip": (lambda tmp: write_zip(tmp / "export.zip"), "a zip archive"),
    "apple": (lambda tmp: apple(tmp / "export.xml"), "an Apple Health export.xml"),
    "strava": (lambda tmp: write_strava(tmp / "strava" / "activities.csv"),
               "a Strava activities.csv"),
}  # fmt: skip


def gzipped(source: Path, path: Path) -> Path:
    path.write_bytes(gzip.compress(source.read_bytes()))
    return path


def apple(path: Path) -> Path:
    path.write_text(APPLE_HEALTH)
    return path


@pytest.mark.parametrize("form", list(EXPORTS))
def test_a_watch_export_is_sent_to_workout_import(journal, tmp_path, form) -> None:
    make, kind = EXPORTS[form]
    path = make(tmp_path)
    result = journal.run("import", str(path))
    assert_refused(result, 2, says=f"looks like a watch or phone export ({kind})")
    (line,) = result.stderr.splitlines()
    assert line == (
        f"sorelog: {path} looks like a watch or phone export ({kind}); add its sessions as "
        f"workouts with: sorelog workout import {shlex.quote(str(path))}"
    )
    assert len(line) - 2 * len(str(path)) < 140  # short, whatever the file's columns
    assert journal.snapshot() is None and not journal.path.parent.exists()
    # The command it names reads the file (a dry run: it writes nothing either).
    assert journal.ok("workout", "import", "--dry-run", str(path)).startswith("Would add")


def test_a_renamed_or_piped_watch_file_is_told_by_its_content(journal, tmp_path) -> None:
    """`workout import` knows a file by its name: the line says which name to give it."""
    renamed = tmp_path / "my run.dat"
    renamed.write_bytes(RUN.read_bytes())
    result = journal.run("import", str(renamed))
    assert_refused(result, 2)
    assert result.stderr == (
        f"sorelog: {renamed} looks like a watch or phone export (a FIT file); saved as a file "
        "named *.fit, its sessions are added as workouts by: sorelog workout import PATH\n"
    )
    piped = journal.run("import", "-", input=RUN.read_bytes())
    assert_refused(piped, 2, says="stdin looks like a watch or phone export (a FIT file)")
    assert journal.snapshot() is None


@pytest.mark.parametrize(
    "head",
    [
        b"record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect",
        b'{"records": [], "limits": []}',
        b'<?xml version="1.0"?><html></html>',
        gzip.compress(b"record,id,at\n", mtime=0),  # a sorelog export, gzipped
        b"\x00\x01\x02 binary",
        b'"unclosed,quote',
    ],
    ids=["sorelog-csv", "sorelog-json", "other-xml", "gzipped-csv", "binary", "bad-csv"],
)
def test_what_is_not_a_watch_export(head: bytes) -> None:
    assert watch_export(head) is None
