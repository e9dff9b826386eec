"""Workouts: a record kind logged, listed, edited, deleted, exported and imported."""

from __future__ import annotations

import json

import pytest

from conftest import assert_refused

HEADER = "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note"


def test_a_workout_is_logged_with_the_parts_it_loaded(journal) -> None:
    out = journal.ok(
        "workout", "leg day", "--part", "quads,hams", "--part", "Glutes", "--at", "yesterday 18:30"
    )
    assert out.strip() == (
        "Logged #1: workout leg day (quadriceps, hamstrings, glutes) at 2026-11-24 18:30"
    )
    (row,) = journal.rows("workout")
    assert (row["name"], row["parts"]) == ("leg day", "quadriceps;hamstrings;glutes")
    (record,) = journal.json("list")["records"]
    assert (record["record"], record["cause"], record["body_part"]) == (
        "workout",
        "leg day",
        "quadriceps;hamstrings;glutes",
    )
    assert "workout 2026-11-24 18:30: leg day (quadriceps, hamstrings, glutes)" in journal.ok(
        "delete", "1", "--yes"
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["workout", "leg day"], "--part is missing; a workout record needs it"),
        (["workout", "leg day", "--part", "spleen"], "unknown body part 'spleen'"),
        (["workout", "leg day", "--part", "left calf"], "a workout loads a part on every side"),
        (["workout", "  ", "--part", "quads"], "NAME is missing; a workout record needs it"),
        (["workout", "leg day", "--part", "quads", "--at", "tomorrow"], "in the future"),
    ],
)
def test_bad_workouts_are_refused_and_write_nothing(journal, args, says) -> None:
    assert_refused(journal.run(*args), 2, says)
    assert not journal.path.exists()


def test_edit_a_workout(journal) -> None:
    journal.ok("workout", "leg day", "--part", "quads", "--at", "2026-11-20T18:00")
    out = journal.ok("edit", "1", "--name", "legs", "--part", "quads, calves")
    assert out.strip() == "Updated #1 workout 2026-11-20 18:00: legs (quadriceps, calves)"
    assert_refused(journal.run("edit", "1", "--severity", "3"), 2, "which takes --name, --part")


@pytest.mark.sqlite_only  # the file itself
def test_workouts_export_and_import_back(journal, tmp_path) -> None:
    journal.ok("workout", "leg day", "--part", "quads,hams", "--at", "2026-11-20T18:00")
    journal.ok("add", "quads", "4", "--at", "2026-11-21T09:00")
    csv_file, json_file = tmp_path / "out.csv", tmp_path / "out.json"
    journal.ok("export", "-o", str(csv_file))
    journal.ok("export", "-o", str(json_file))
    assert (
        csv_file.read_text()
        .splitlines()[1]
        .startswith("workout,1,2026-11-20T18:00:00+00:00,quadriceps;hamstrings,,,,leg day,")
    )
    before = json.loads(json_file.read_text())
    journal.path.unlink()
    assert "Imported 2 records" in journal.ok("import", str(csv_file))
    assert json.loads(journal.ok("export")) == before
    assert "Imported 0 records (2 already present)" in journal.ok("import", str(json_file))


def test_a_file_from_before_workouts_imports_unchanged(journal, tmp_path) -> None:
    old = tmp_path / "old.csv"
    old.write_text(f"{HEADER}\nsoreness,7,2026-11-20T08:00:00+00:00,quadriceps,,4,,,,,,,,\n")
    assert "Imported 1 record" in journal.ok("import", str(old))


@pytest.mark.parametrize(
    ("cells", "says"),
    [
        ("workout,,2026-11-20,quadriceps,,,,,,,,,,", "cause is missing"),
        ("workout,,2026-11-20,,,,,leg day,,,,,,", "body_part is missing"),
        ("workout,,2026-11-20,quads;spleen,,,,leg day,,,,,,", "unknown body part 'spleen'"),
        ("workout,,2026-11-20,quads,,5,,leg day,,,,,,", "severity does not apply"),
    ],
)
def test_bad_workout_rows_are_refused(journal, tmp_path, cells, says) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"{HEADER}\n{cells}\n")
    assert_refused(journal.run("import", str(source)), 2, says)


# -- a workout imported from a watch keeps its sport, duration, distance and file ----------

FULL_HEADER = (
    "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note,"
    "enjoyment,activity,sport,duration,distance,source"
)
IMPORTED = (
    "workout,7,2026-11-20T18:30:00+00:00,quadriceps;hamstrings;glutes;calves,,,,running,,,,,,"
    ",,,running,1830.5,5210.4,watch/2026-11-20-run.fit"
)


def test_an_imported_workouts_fields_round_trip_exactly(journal, tmp_path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"{FULL_HEADER}\n{IMPORTED}\n")
    assert "Imported 1 record" in journal.ok("import", str(source))
    exported = journal.ok("export", "--format", "csv").splitlines()
    assert exported == [FULL_HEADER, IMPORTED]
    (record,) = journal.json("list")["records"]
    assert (record["sport"], record["duration"], record["distance"], record["source"]) == (
        "running", 1830.5, 5210.4, "watch/2026-11-20-run.fit",
    )  # fmt: skip
    again = tmp_path / "again.json"
    journal.ok("export", "--format", "json", "-o", str(again))
    other = tmp_path / "other.db"
    journal.ok("--db", str(other), "import", str(again))
    assert journal.ok("--db", str(other), "export", "--format", "csv").splitlines() == exported
    # a typed workout leaves them empty
    journal.ok("workout", "legs", "--part", "quads", "--at", "2026-11-21T18:00")
    typed = journal.json("list")["records"][0]
    assert typed["sport"] is None and typed["duration"] is None and typed["source"] is None


@pytest.mark.parametrize(
    ("cells", "says"),
    [
        ("running,-5,,", "duration must be a number from 0"),
        ("running,,99999999999,", "distance must be a number from 0"),
        ("running,ten,,", "duration must be a number"),
        (",,,x", None),  # a source alone is fine: a workout typed elsewhere
    ],
)
def test_an_imported_workouts_numbers_are_checked(journal, tmp_path, cells, says) -> None:
    row = IMPORTED.rsplit(",", 4)[0] + "," + cells
    source = tmp_path / "in.csv"
    source.write_text(f"{FULL_HEADER}\n{row}\n")
    result = journal.run("import", str(source))
    if says is None:
        assert result.exit_code == 0, result.stderr
    else:
        assert_refused(result, 2, f"line 2: {says}")
