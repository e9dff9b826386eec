"""`sorelog workout import`: sessions from real device files become workouts, each once
across files and formats, with parts from their sport; soreness the next day follows
them; unreadable files are named and the rest imported; both backends."""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures" / "activities"
RUN = FIXTURES / "garmin-fenix-5-run.fit"  # running, 2017-06-11 14:34:09 UTC
ROW = FIXTURES / "20170518-191602-1740899583.fit"  # indoor rowing, 2017-05-18
TCX = FIXTURES / "tcxparser-test.tcx"  # running, 2012-12-26
SUP = FIXTURES / "sup_activity_1.tcx"  # "other": no default parts
STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
    "Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,"
    "Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance"
)


def folder(tmp_path: Path, *files: Path) -> Path:
    place = tmp_path / "watch"
    place.mkdir()
    for path in files:
        shutil.copy(path, place / path.name)
    return place


def test_a_watch_folder_becomes_workouts_once(journal, tmp_path) -> None:
    watch = folder(tmp_path, RUN, ROW, TCX)
    (watch / "photo.jpg").write_bytes(b"\xff\xd8")
    out = journal.ok("workout", "import", str(watch))
    assert out.splitlines()[0] == "Added 3 workouts (0 already present)."
    assert "Skipped 1 file in folders or archives that are not activity files." in out
    again = journal.ok("workout", "import", str(watch), str(RUN))
    assert again.splitlines()[0] == "Added 0 workouts (3 already present)."
    records = journal.json("list", "--days", "10000")["records"]
    assert [(r["cause"], r["sport"]) for r in records] == [
        ("running", "running"), ("indoor rowing", "indoor rowing"), ("running", "running"),
    ]  # fmt: skip
    run = records[0]
    assert run["at"].startswith("2017-06-11T14:34:09")
    assert run["body_part"] == "quadriceps;hamstrings;glutes;calves"
    assert run["distance"] == pytest.approx(157.56) and run["source"].endswith(RUN.name)


def test_soreness_the_day_after_an_imported_run_follows_it(journal, tmp_path) -> None:
    journal.ok("workout", "import", str(RUN))
    journal.ok("add", "quads", "5", "--at", "2017-06-12T09:00")
    doc = journal.json("report", "--as-of", "2017-06-12", "--days", "7")
    (part,) = doc["parts"]
    assert part["body_part"] == "quadriceps"
    assert part["origin"]["workout"] == "running"
    assert not [f for f in doc["flags"] if f["body_part"] == "quadriceps"]


def test_an_unreadable_file_is_named_and_the_rest_are_imported(journal, tmp_path) -> None:
    watch = folder(tmp_path, RUN)
    (watch / "cut.fit").write_bytes(ROW.read_bytes()[:-300])
    result = journal.run("workout", "import", str(watch))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "Added 1 workout (0 already present)."
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Refused {watch / 'cut.fit'}: ")
    assert [r["sport"] for r in journal.json("list", "--days", "10000")["records"]] == ["running"]


# A session of every format and decoder: FIT sessions (three devices), TCX, and GPX
# tracks whose lengths gpxpy sums in floats (sport 'unknown', mapped in the tests).
ROUND_TRIP = (
    RUN, ROW, FIXTURES / "elemnt-bolt-no-application-id-inside-developer-data-id.fit", TCX,
    FIXTURES / "korita-zbevnica.gpx", FIXTURES / "around-visnjan-with-car.gpx",
)  # fmt: skip


def transfer(journal, tmp_path: Path, form: str) -> tuple[bytes, bytes, str]:
    """Export the journal, import the file into a new journal file, export that: both
    exports' bytes, and what importing the file a second time said."""
    first, second = tmp_path / f"first.{form}", tmp_path / f"second.{form}"
    other = str(tmp_path / f"other-{form}.db")
    journal.ok("export", "--format", form, "-o", str(first))
    journal.ok("--db", other, "import", str(first))
    again = journal.ok("--db", other, "import", str(first))
    journal.ok("--db", other, "export", "--format", form, "-o", str(second))
    return first.read_bytes(), second.read_bytes(), again


@pytest.mark.parametrize("form", ["csv", "json"])
def test_imported_workouts_export_and_import_exactly(journal, tmp_path, form) -> None:
    """Every decoder's durations and distances, exported, import into another journal as
    they were (a second export is the same bytes, a second import finds them all): they
    are kept to the millisecond and the centimetre, which the CSV reader accepts."""
    Path(os.environ["SORELOG_CONFIG"]).write_text('[activity_parts]\nunknown = ["calves"]\n')
    assert journal.ok("workout", "import", *map(str, ROUND_TRIP)).startswith("Added 7 workouts")
    first, second, again = transfer(journal, tmp_path, form)
    assert second == first
    assert again.splitlines()[-1] == "Imported 0 records (7 already present)."
    records = journal.json("list", "--days", "36500")["records"]
    sizes = {(r["source"].rsplit("/", 1)[-1], r["duration"], r["distance"]) for r in records}
    assert ("tcxparser-test.tcx", 1992.78, 4689.24) in sizes  # the file says 4689.24267578
    for _, seconds, metres in sizes:
        assert round(seconds, 3) == seconds and round(metres, 2) == metres


@pytest.mark.sqlite_only  # the journal file itself, written as an older sorelog did
def test_a_journal_imported_before_rounding_still_round_trips(journal, tmp_path) -> None:
    """A journal whose import kept every digit of a GPX length: its exports still import,
    to the same values, and export again byte for byte."""
    journal.ok("workout", "import", str(TCX))
    with sqlite3.connect(journal.path) as db:
        db.execute("UPDATE workout SET seconds = 1992.0000001, metres = 3953.456233651904")
    for form in ("csv", "json"):
        first, second, again = transfer(journal, tmp_path, form)
        assert b"3953.456233651904" in first and second == first
        assert again.splitlines()[-1] == "Imported 0 records (1 already present)."
    with sqlite3.connect(tmp_path / "other-csv.db") as db:
        assert db.execute("SELECT seconds, metres FROM workout").fetchall() == [
            (1992.0000001, 3953.456233651904)
        ]


def test_a_sport_without_parts_is_named_and_can_be_mapped(journal, tmp_path) -> None:
    out = journal.ok("workout", "import", str(SUP))
    assert out.splitlines()[0] == "Added 0 workouts (0 already present)."
    assert "No parts for sport 'other' (1 activity, not added)" in out
    assert '\n  other = ["PART"]\n' in out
    config = Path(os.environ["SORELOG_CONFIG"])
    config.write_text('[activity_parts]\nother = ["shoulders", "upper back"]\n')
    assert journal.ok("workout", "import", str(SUP)).startswith("Added 1 workout")
    (record,) = journal.json("list", "--days", "10000")["records"]
    assert record["body_part"] == "shoulders;upper-back"


# Activity Types as a Strava export may hold them, and the sport its reader makes of each.
HOSTILE_SPORTS = [
    ("yoga", "yoga"),  # a bare key
    ('say "hi"', 'say "hi"'),
    ("back\\slash", "back\\slash"),
    ("esc\x1b[31mred\x1b[0m", "esc\x1b[31mred\x1b[0m"),
    ("two\nlines", "two lines"),  # the reader makes a line break a space
    ('=hyperlink("http://x","y")', '=hyperlink("http://x","y")'),
    ("\u200fright to left\u202e", "\u200fright to left\u202e"),
]


@pytest.mark.parametrize(
    ("typed", "sport"),
    HOSTILE_SPORTS,
    ids=["bare", "quote", "backslash", "escape", "line-break", "formula", "right-to-left"],
)
def test_the_line_for_a_sport_without_parts_maps_it_when_pasted(
    journal, tmp_path, typed, sport
) -> None:
    """Whatever a file calls its sport, the hint names the config file and prints a line
    that, with PART replaced, is a valid config entry for exactly that sport; nothing
    printed acts as a control on the terminal."""
    export = tmp_path / "strava"
    export.mkdir()
    with (export / "activities.csv").open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(STRAVA_HEADER.split(","))
        writer.writerow(["556", "Jun 11, 2017, 2:34:39 PM", "Session", typed, "", "57",
                         *[""] * 9, "57", "", "1000.5"])  # fmt: skip
    said = journal.ok("workout", "import", str(export)).splitlines()
    assert all(line.isprintable() for line in said), said
    (at,) = [i for i, line in enumerate(said) if line.startswith("No parts for sport")]
    config = Path(os.environ["SORELOG_CONFIG"])
    assert f"in the config file ({config}), each PART as 'sorelog parts' lists it:" in said[at]
    entry = said[at + 1]
    assert entry.startswith("  ") and entry.endswith(' = ["PART"]')
    config.write_text(f"[activity_parts]\n{entry.strip().replace('PART', 'calves')}\n")
    journal.ok("config", "show")
    assert journal.ok("workout", "import", str(export)).splitlines() == [
        "Added 1 workout (0 already present)."
    ]
    (record,) = journal.json("list", "--days", "36500")["records"]
    assert (record["sport"], record["body_part"], record["distance"]) == (sport, "calves", 1000.5)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_any_name_is_written_as_a_toml_key_for_itself(name) -> None:
    from sorelog.domain.toml_keys import toml_key

    key = toml_key(name)
    assert key.isprintable()
    assert tomllib.loads(f"[t]\n{key} = 1\n") == {"t": {name: 1}}


def test_a_dry_run_lists_and_writes_nothing(journal, tmp_path) -> None:
    out = journal.ok("workout", "import", "--dry-run", str(RUN), str(TCX))
    assert out.splitlines() == [
        "Would add 2 workouts (0 already present).",
        "  2012-12-26 21:29  running, 33 min, 4.7 km (quadriceps, hamstrings, glutes, calves)",
        "  2017-06-11 14:34  running, 1 min, 158 m (quadriceps, hamstrings, glutes, calves)",
    ]
    assert journal.json("list", "--days", "10000")["records"] == []


def test_a_strava_row_and_the_watchs_file_are_one_workout(journal, tmp_path) -> None:
    export = tmp_path / "strava"
    (export / "activities").mkdir(parents=True)
    shutil.copy(RUN, export / "activities" / "555.fit")
    row = '555,"Jun 11, 2017, 2:34:39 PM",Morning Run,Run,,57,,,,,,,activities/555.fit,,,57.0,,'
    (export / "activities.csv").write_text(f"{STRAVA_HEADER}\n{row}\n")
    out = journal.ok("workout", "import", str(RUN), str(export))  # 30 s apart: the same
    assert out.splitlines()[0] == "Added 1 workout (0 already present)."
    assert journal.ok("workout", "import", str(export)).startswith(
        "Added 0 workouts (1 already present)"
    )


def test_a_workout_named_import_is_still_a_workout(journal) -> None:
    out = journal.ok("workout", "--part", "quads", "--", "import")
    assert out.startswith("Logged #1: workout import")


def test_dark_urine_after_an_imported_run_is_said_at_once(journal) -> None:
    """Dark urine logged the morning after a run the watch recorded: the import that
    brings the run completes the exertional pattern, and says so then, as `workout`
    does; importing it again says nothing new."""
    first = journal.ok("add", "quads", "5", "--symptom", "dark-urine", "--at", "2017-06-12T09:00")
    assert "EMERGENCY" not in first  # no workout yet: urgent, not exertional
    out = journal.ok("workout", "import", str(RUN))
    added, alert = out.splitlines()
    assert added == "Added 1 workout (0 already present)."
    assert alert.startswith("EMERGENCY: dark-urine (tea- or cola-coloured urine) logged with")
    assert "within 72 h after exercise" in alert and "2017-06-12" in alert
    assert journal.ok("workout", "import", str(RUN)).splitlines() == [
        "Added 0 workouts (1 already present)."
    ]
    assert journal.ok("workout", "import", "--dry-run", str(TCX)).count("EMERGENCY") == 0


def test_a_run_long_before_dark_urine_raises_nothing(journal) -> None:
    journal.ok("add", "quads", "5", "--symptom", "dark-urine", "--at", "2017-06-20T09:00")
    out = journal.ok("workout", "import", str(RUN))  # 8 days before: not exertional
    assert out.splitlines() == ["Added 1 workout (0 already present)."]


def test_duration_and_distance_show_where_workouts_are_read(journal, tmp_path, monkeypatch) -> None:
    """list, the report's Follows column (wide, and as lines on a narrow terminal), the
    visit summary and the dry run all say how long and how far an imported session was;
    a typed workout reads as before."""
    run = "running, 1 min, 158 m"
    assert f"  2017-06-11 14:34  {run} (quadriceps, " in journal.ok(
        "workout", "import", "--dry-run", str(RUN)
    )
    journal.ok("workout", "import", str(RUN))
    journal.ok("workout", "leg day", "--part", "hamstrings", "--at", "2017-06-11T18:00")
    journal.ok("add", "quads", "5", "hams", "4", "--at", "2017-06-12T09:00")
    listed = journal.ok("list", "--days", "10000")
    assert f"{run} (quadriceps, hamstrings, glutes, calves)" in listed
    assert "leg day (hamstrings)" in listed
    report = journal.ok("report", "--as-of", "2017-06-12", "--days", "7")
    assert f"{run} 06-11" in report and "leg day 06-11" in report
    monkeypatch.setenv("COLUMNS", "40")
    narrow = journal.ok("report", "--as-of", "2017-06-12", "--days", "7")
    assert f"follows {run} 06-11" in narrow
    monkeypatch.setenv("COLUMNS", "120")
    page = tmp_path / "summary.html"
    journal.ok("summary", "--as-of", "2017-06-12", "--days", "7", "-o", str(page))
    assert f"{run} <span" in page.read_text()
    (doc,) = [p for p in journal.json("report", "--as-of", "2017-06-12")["parts"]
              if p["body_part"] == "quadriceps"]  # fmt: skip
    assert doc["origin"]["workout"] == "running"  # the JSON keeps the spec's shape


@pytest.mark.parametrize(
    ("seconds", "metres", "said"),
    [
        (None, None, ""),
        (2700.4, 10_240.0, "45 min, 10.2 km"),
        (3900.0, None, "1 h 05 min"),
        (29.6, 800.2, "30 s, 800 m"),
        (1800.0, 0.0, "30 min"),  # an indoor session's 0 m says nothing
        (None, 42_195.0, "42.2 km"),
    ],
)
def test_how_long_and_how_far_read(seconds, metres, said) -> None:
    from sorelog.domain.describing import session_size

    assert session_size(seconds, metres) == said


WITHOUT_DECODERS = """
import runpy, sys

class Absent:
    '''This Python as one installed without the watch extra: the decoders are not found.'''

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"fitdecode", "gpxpy", "defusedxml"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Absent())
sys.argv = ["sorelog", *sys.argv[1:]]
runpy.run_module("sorelog", run_name="__main__")
"""


def test_without_the_watch_extra_one_line_says_how_to_add_it(private_env, tmp_path) -> None:
    import subprocess
    import sys

    db = tmp_path / "journal.db"
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_DECODERS, "--db", str(db), "workout", "import", str(RUN)],
        capture_output=True, text=True, timeout=60, env={**os.environ, "TZ": "UTC"},
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        "sorelog: reading watch exports needs the watch extra: pip install 'sorelog[watch]'\n"
    )
    assert result.stdout == "" and not db.exists()


def test_an_export_zip_is_imported_as_it_arrives(journal, tmp_path) -> None:
    """The zip a phone or Strava hands over, given as it is: its sessions become workouts
    named by where they came from, and a second import of it adds nothing."""
    import zipfile

    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("watch/run.fit", RUN.read_bytes())
        archive.writestr("watch/notes.txt", "not an activity")
    out = journal.ok("workout", "import", str(export))
    assert out.splitlines() == [
        "Added 1 workout (0 already present).",
        "Skipped 1 file in folders or archives that are not activity files.",
    ]
    (record,) = journal.json("list", "--days", "10000")["records"]
    assert record["source"] == f"{export}/watch/run.fit"
    assert journal.ok("workout", "import", str(export)).startswith("Added 0 workouts (1 already")
    (tmp_path / "not.zip").write_bytes(b"no")
    refused = journal.run("workout", "import", str(tmp_path / "not.zip"))
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"Refused {tmp_path / 'not.zip'}: not a readable .zip file")


def test_one_session_named_two_ways_by_two_exports_is_one_workout(journal, tmp_path) -> None:
    """The watch's file says "running", Strava's row for the same run "Trail Run": one
    sport's family, so one workout, whichever is imported first."""
    export = tmp_path / "strava"
    export.mkdir()
    row = '555,"Jun 11, 2017, 2:34:39 PM",Hills,Trail Run,,3600,,,,,,,,,,3600.0,,9800.0'
    (export / "activities.csv").write_text(f"{STRAVA_HEADER}\n{row}\n")
    assert journal.ok("workout", "import", str(export)).startswith("Added 1 workout (0 already")
    assert journal.ok("workout", "import", str(RUN)).startswith("Added 0 workouts (1 already")
    (record,) = journal.json("list", "--days", "10000")["records"]
    assert (record["sport"], record["duration"], record["distance"]) == (
        "trail running",
        3600.0,
        9800.0,
    )


def test_an_activity_no_workout_can_be_is_left_out_and_its_file_read(journal, tmp_path) -> None:
    """A Strava export one of whose rows starts in the future and one lasts past ten days:
    those two are left out, said as such, and the file's other row is imported; no file
    was refused, so the exit status is 0."""
    export = tmp_path / "strava"
    export.mkdir()
    rows = [
        '1,"Jun 11, 2017, 2:34:39 PM",Run,Run,,3600,,,,,,,,,,3600.0,,9800.0',
        '2,"Jun 11, 2097, 2:34:39 PM",Later,Run,,3600,,,,,,,,,,3600.0,,9800.0',
        '3,"Jun 12, 2017, 2:34:39 PM",Long,Ride,,9999999,,,,,,,,,,9999999,,1000.0',
    ]
    (export / "activities.csv").write_text("\n".join([STRAVA_HEADER, *rows]) + "\n")
    result = journal.run("workout", "import", str(export))
    assert result.exit_code == 0 and result.stderr == ""
    csv = export / "activities.csv"
    assert result.stdout.splitlines() == [
        "Added 1 workout (0 already present).",
        f"Left out {csv}: activity 3: duration must be a number from 0 to 864000, not '9999999.0'.",
        f"Left out {csv}: activity 2: starts in the future.",
    ]  # in order of start
    assert len(journal.json("list", "--days", "10000")["records"]) == 1


def test_a_folder_with_nothing_to_read_is_refused(journal, tmp_path) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "a.jpg").write_bytes(b"\xff\xd8")
    result = journal.run("workout", "import", str(photos))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "Added 0 workouts (0 already present).",
        "Skipped 1 file in folders or archives that are not activity files.",
    ]
    assert result.stderr.startswith(f"Refused {photos}: no activity file in it (1 file, none")


def test_its_usage_names_paths_as_the_readme_does(journal) -> None:
    out = journal.ok("workout", "import", "--help")
    assert "Usage: sorelog workout import [OPTIONS] PATH...\n" in out


def test_import_given_an_export_folder_or_a_foreign_csv_says_so_briefly(journal, tmp_path) -> None:
    folder = tmp_path / "watch"
    folder.mkdir()
    result = journal.run("import", str(folder))
    assert result.exit_code == 2
    assert result.stderr == (
        f"sorelog: {folder} is a directory; give a file 'sorelog export' wrote (a folder of "
        "watch or phone exports goes to: sorelog workout import FOLDER)\n"
    )
    foreign = tmp_path / "garmin.csv"
    columns = [f"Column {n}" for n in range(40)]
    foreign.write_text(",".join(columns) + "\n" + ",".join("1" * 40) + "\n")
    result = journal.run("import", str(foreign))
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(
        "sorelog: line 1: not a sorelog export: none of its columns is one sorelog writes "
        "(its first line reads column 0, column 1, column 2, column 3, column 4, ...); "
        "the header must be record,id,at,"
    )
    foreign.write_text("record,id,at," + ",".join(columns) + "\n")  # some of ours, many not
    said = journal.run("import", str(foreign)).stderr
    assert "unknown columns column 0, column 1, column 2, column 3, column 4 and 35 more;" in said
