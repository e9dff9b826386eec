"""PEG check-ins: a record kind logged, asked for, listed, edited, deleted, exported, imported."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sqlite3
from datetime import UTC, date, datetime

import pytest

from conftest import assert_refused
from sorelog.cli import checkin
from sorelog.domain.values import Checkin
from sorelog.store import open_journal
from sorelog.store.reads import checkins

# The header sorelog wrote before check-ins: files with it import unchanged.
OLD_HEADER = (
    "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note"
)
HEADER = OLD_HEADER + ",enjoyment,activity"
EXPORTED = HEADER + ",sport,duration,distance,source"  # imported workouts' columns since
ANSWERS = ("--pain", "5", "--enjoyment", "4", "--activity", "6")


def test_a_checkin_is_logged_with_its_three_answers(journal) -> None:
    out = journal.ok("checkin", *ANSWERS, "--at", "yesterday 18:30", "--note", "long week")
    assert out == "Logged #1: check-in pain 5, enjoyment 4, activity 6 at 2026-11-24 18:30\n"
    (row,) = journal.rows("checkin")
    assert {key: row[key] for key in ("day", "pain", "enjoyment", "activity", "note")} == {
        "day": "2026-11-24",
        "pain": 5,  # the average pain, in its own column (export's `severity`)
        "enjoyment": 4,
        "activity": 6,
        "note": "long week",
    }
    (record,) = journal.json("list")["records"]
    assert record == {
        "record": "checkin", "id": 1, "at": "2026-11-24T18:30:00+00:00", "body_part": None,
        "side": None, "severity": 5, "kind": None, "cause": None, "symptoms": [],
        "remedy": None, "amount": None, "unit": None, "effect": None, "note": "long week",
        "enjoyment": 4, "activity": 6, "sport": None, "duration": None, "distance": None,
        "source": None,
    }  # fmt: skip
    table = journal.ok("list")
    assert "check-in" in table and "pain 5, enjoyment 4, activity 6" in table


def test_the_answers_may_be_0_and_10_and_the_time_defaults_to_now(journal) -> None:
    out = journal.ok("checkin", "--pain", "0", "--enjoyment", "10", "--activity", " 7 ")
    assert out.strip() == "Logged #1: check-in pain 0, enjoyment 10, activity 7 at 2026-11-25 15:00"


def test_a_terminal_is_asked_each_answer_until_it_is_one(journal, monkeypatch) -> None:
    monkeypatch.setattr(checkin, "interactive", lambda: True)
    result = journal.run("checkin", input="x\n11\n5\n4\n-1\n6\n")
    assert result.exit_code == 0, result.stderr
    assert "pain must be a whole number from 0 to 10, not 'x'" in result.stderr
    assert "pain must be a whole number from 0 to 10, not '11'" in result.stderr
    assert "activity must be a whole number from 0 to 10, not '-1'" in result.stderr
    assert "Your pain on average in the past week, 0 (no pain) to 10" in result.stdout
    assert "interfered with your enjoyment of life in the past week" in result.stdout
    assert "interfered with your general activity in the past week" in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "Logged #1: check-in pain 5, enjoyment 4, activity 6 at 2026-11-25 15:00"
    )
    (row,) = journal.rows("checkin")
    assert (row["pain"], row["enjoyment"], row["activity"]) == (5, 4, 6)


def test_a_terminal_is_asked_only_what_was_not_given(journal, monkeypatch) -> None:
    monkeypatch.setattr(checkin, "interactive", lambda: True)
    result = journal.run("checkin", "--pain", "3", "--activity", "2", input="8\n")
    assert result.exit_code == 0, result.stderr
    assert "on average" not in result.stdout and "general activity" not in result.stdout
    assert "enjoyment of life" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("Logged #1: check-in pain 3, enjoyment 8,")


@pytest.mark.parametrize(
    "args",
    [
        ["--pain", "11"],
        ["--enjoyment", "x"],
        ["--at", "tomorrow"],
        ["--at", "today 18:00"],  # later today: in the future
    ],
)
def test_a_terminal_is_not_asked_anything_when_an_option_is_bad(journal, monkeypatch, args) -> None:
    monkeypatch.setattr(checkin, "interactive", lambda: True)
    result = journal.run("checkin", *args, input="5\n4\n6\n")
    assert_refused(result, 2)
    assert not journal.path.exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "missing --pain, --enjoyment and --activity (0-10); without a terminal give all"),
        (["--pain", "5"], "missing --enjoyment and --activity"),
        (["--pain", "5", "--enjoyment", "4"], "missing --activity (0-10)"),
        (["--enjoyment", "4", "--activity", "6"], "missing --pain (0-10)"),
        (["--pain", "11", "--enjoyment", "4", "--activity", "6"], "--pain must be a whole number"),
        (["--pain", "-1", "--enjoyment", "4", "--activity", "6"], "from 0 to 10, not '-1'"),
        (["--pain", "5", "--enjoyment", "4.5", "--activity", "6"], "--enjoyment must be"),
        (["--pain", "5", "--enjoyment", "4", "--activity", ""], "--activity is missing"),
        (["--pain", "5", "--enjoyment", "4", "--activity", "٦"], "not '٦'"),  # digits 0-9 only
        ([*ANSWERS, "--at", "tomorrow"], "--at: 'tomorrow' is in the future"),
        ([*ANSWERS, "--at", "2099-01-01"], "in the future"),
        ([*ANSWERS, "--note", "a", "b"], "quote values that contain spaces"),
        ([*ANSWERS, "--severity", "5"], "no such option --severity"),
    ],
)
def test_without_a_terminal_bad_or_missing_answers_are_refused(journal, args, says) -> None:
    assert_refused(journal.run("checkin", *args), 2, says)
    assert not journal.path.exists()  # nothing written, not even an empty journal


def test_a_refused_checkin_leaves_the_journal_byte_for_byte(journal) -> None:
    journal.ok("checkin", *ANSWERS, "--at", "2026-11-20")
    before = journal.snapshot()
    assert_refused(journal.run("checkin", "--pain", "5", "--enjoyment", "4"), 2, "--activity")
    assert_refused(journal.run("checkin", *ANSWERS[:4], "--activity", "12"), 2, "--activity")
    assert journal.snapshot() == before


@pytest.mark.sqlite_only  # the file itself
def test_the_table_refuses_answers_outside_0_to_10(journal) -> None:
    journal.ok("checkin", *ANSWERS)
    with sqlite3.connect(journal.path) as db, pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute(
            "INSERT INTO checkin (id, at, day, pain, enjoyment, activity) "
            "VALUES (99, '2026-11-20T12:00:00.000000+00:00', '2026-11-20', 5, 11, 3)"
        )


def test_edit_a_checkin(journal) -> None:
    journal.ok("checkin", *ANSWERS, "--at", "2026-11-20T08:00")
    out = journal.ok("edit", "1", "--pain", "7", "--activity", "2", "--note", "flare")
    assert out.strip() == "Updated #1 check-in 2026-11-20 08:00: pain 7, enjoyment 4, activity 2"
    out = journal.ok("edit", "1", "--enjoyment", "0", "--at", "2026-11-21T09:00", "--note", "")
    assert out.strip() == "Updated #1 check-in 2026-11-21 09:00: pain 7, enjoyment 0, activity 2"
    (row,) = journal.rows("checkin")
    assert (row["day"], row["pain"], row["enjoyment"], row["activity"], row["note"]) == (
        "2026-11-21", 7, 0, 2, None,
    )  # fmt: skip
    before = journal.snapshot()
    takes = "which takes --pain, --enjoyment, --activity, --at, --note"
    assert_refused(journal.run("edit", "1", "--severity", "3"), 2, takes)
    assert_refused(journal.run("edit", "1", "--part", "quads"), 2, "does not apply to a check-in")
    assert_refused(journal.run("edit", "1", "--pain", "11"), 2, "--pain must be a whole number")
    assert_refused(journal.run("edit", "1", "--activity", ""), 2, "--activity is missing")
    assert_refused(journal.run("edit", "1", "--at", "tomorrow"), 2, "--at")
    assert journal.snapshot() == before


def test_the_checkin_options_do_not_apply_to_other_records(journal) -> None:
    journal.ok("add", "quads", "4", "--at", "2026-11-20")
    journal.ok("workout", "legs", "--part", "quads", "--at", "2026-11-19")
    says = "--pain does not apply to a soreness"
    assert_refused(journal.run("edit", "1", "--pain", "3"), 2, says)
    assert_refused(journal.run("edit", "2", "--enjoyment", "3"), 2, "does not apply to a workout")


def test_delete_a_checkin(journal) -> None:
    journal.ok("checkin", *ANSWERS, "--at", "2026-11-20T08:00")
    out = journal.ok("delete", "1", "--yes")
    assert out.strip() == "Deleted #1 check-in 2026-11-20 08:00: pain 5, enjoyment 4, activity 6"
    assert journal.rows("checkin") == []
    assert journal.ok("checkin", *ANSWERS).startswith("Logged #2:")  # ids are never reused


def test_checkins_are_not_listed_for_a_body_part(journal) -> None:
    journal.ok("checkin", *ANSWERS, "--at", "2026-11-20")
    journal.ok("add", "quads", "4", "--at", "2026-11-21")
    assert [r["record"] for r in journal.json("list")["records"]] == ["soreness", "checkin"]
    assert [r["record"] for r in journal.json("list", "--part", "quads")["records"]] == ["soreness"]


def fill(journal) -> None:
    journal.ok("add", "quads", "4", "--at", "2026-11-19T09:00", "--note", "=sum")
    journal.ok("checkin", *ANSWERS, "--at", "2026-11-20T08:00", "--note", "-worse at night")
    journal.ok("remedy", "add", "ice", "--dose", "15 min", "--at", "2026-11-20T09:00")
    journal.ok("checkin", "--pain", "0", "--enjoyment", "10", "--activity", "3")


def test_the_csv_header_now_ends_with_enjoyment_and_activity(journal) -> None:
    fill(journal)
    text = journal.ok("export", "--format", "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert ",".join(rows[0]) == EXPORTED
    assert rows[1] == [
        "soreness", "1", "2026-11-19T09:00:00+00:00", "quadriceps", "", "4",
        "", "", "", "", "", "", "", "'=sum", "", "", "", "", "", "",
    ]  # fmt: skip
    assert rows[2] == [
        "checkin", "2", "2026-11-20T08:00:00+00:00", "", "", "5",
        "", "", "", "", "", "", "", "'-worse at night", "4", "6", "", "", "", "",
    ]  # fmt: skip
    assert rows[3][-2:] == ["", ""]  # other kinds leave them empty
    assert rows[4][5:] == ["0", "", "", "", "", "", "", "", "", "10", "3", "", "", "", ""]
    document = json.loads(journal.ok("export"))
    assert all(
        list(record)[-6:-4] == ["enjoyment", "activity"] for record in document["records"]
    )  # then the columns of imported workouts
    assert [(r["enjoyment"], r["activity"]) for r in document["records"]] == [
        (None, None), (4, 6), (None, None), (10, 3),
    ]  # fmt: skip


@pytest.mark.sqlite_only  # the file itself
@pytest.mark.parametrize("form", ["csv", "json"])
def test_checkins_export_and_import_back(journal, tmp_path, form) -> None:
    fill(journal)
    exported = journal.ok("export", "--format", form)
    source = tmp_path / f"out.{form}"
    source.write_text(exported, newline="")
    other = tmp_path / "other.db"
    dry = journal.ok("--db", str(other), "import", "--dry-run", str(source))
    assert "  checkin: 2 new, 0 already present" in dry.splitlines()
    out = journal.ok("--db", str(other), "import", str(source))
    assert out.strip() == "Imported 4 records (0 already present)."
    assert journal.ok("--db", str(other), "export", "--format", form) == exported
    with sqlite3.connect(journal.path) as mine, sqlite3.connect(other) as theirs:
        sql = "SELECT * FROM checkin ORDER BY id"
        assert mine.execute(sql).fetchall() == theirs.execute(sql).fetchall()
    again = journal.ok("--db", str(other), "import", str(source))
    assert again.strip() == "Imported 0 records (4 already present)."


def test_a_csv_from_before_checkins_imports_unchanged(journal, tmp_path) -> None:
    old = tmp_path / "old.csv"
    old.write_text(
        f"{OLD_HEADER}\n"
        "soreness,7,2026-11-20T08:00:00+00:00,quadriceps,,4,,,,,,,,'=old\n"
        "remedy,8,2026-11-20T09:00:00+00:00,,,,,,,ice,15,min,,\n"
        "workout,9,2026-11-19T18:00:00+00:00,quadriceps,,,,legs,,,,,,\n"
    )
    assert journal.ok("import", str(old)).strip() == "Imported 3 records (0 already present)."
    records = journal.json("list")["records"]
    assert [(r["id"], r["enjoyment"], r["activity"]) for r in records] == [
        (8, None, None), (7, None, None), (9, None, None),
    ]  # fmt: skip
    assert records[1]["note"] == "=old"
    # exported again, the same records come back under the full header
    assert journal.ok("export", "--format", "csv").splitlines()[0] == EXPORTED


def test_an_old_spreadsheet_csv_with_empty_columns_after_it_imports(journal, tmp_path) -> None:
    old = tmp_path / "old.csv"
    old.write_text(
        f"\ufeff{OLD_HEADER.upper()},,,\r\nsoreness,,2026-11-20,quads,,4,,,,,,,,,,,\r\n",
        newline="",
    )
    assert "Imported 1 record" in journal.ok("import", str(old))


def test_a_json_file_from_before_checkins_imports_unchanged(journal, tmp_path) -> None:
    old = tmp_path / "old.json"
    record = dict.fromkeys(OLD_HEADER.split(","))
    record.update(record="soreness", id=3, at="2026-11-20T08:00:00+00:00", body_part="neck",
                  severity=2, symptoms=[])  # fmt: skip
    old.write_text(json.dumps({"records": [record], "limits": []}))
    assert "Imported 1 record" in journal.ok("import", str(old))
    assert journal.json("list")["records"][0]["enjoyment"] is None


def test_a_header_between_the_old_and_the_new_one_imports(journal, tmp_path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"{OLD_HEADER},enjoyment\nsoreness,,2026-11-20,quads,,4,,,,,,,,,\n")
    assert "Imported 1 record" in journal.ok("import", str(source))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (f"{OLD_HEADER},activity\n", "line 1: missing column enjoyment"),
        (f"{OLD_HEADER},enjoyment,activity,mood\n", "line 1: unknown column mood"),
        (f"{OLD_HEADER.replace(',note', '')}\n", "line 1: missing column note"),
        (f"{OLD_HEADER}\ncheckin,,2026-11-20,,,5,,,,,,,,\n", "line 2: enjoyment is missing"),
        (f"{HEADER}\ncheckin,,2026-11-20,,,5,,,,,,,,,4,\n", "line 2: activity is missing"),
        (f"{HEADER}\ncheckin,,2026-11-20,,,,,,,,,,,,4,6\n", "line 2: severity is missing"),
        (f"{HEADER}\ncheckin,,2026-11-20,,,5,,,,,,,,,11,6\n", "enjoyment must be a whole number"),
        (f"{HEADER}\ncheckin,,2026-11-20,,,5,,,,,,,,,4,x\n", "activity must be a whole number"),
        (f"{HEADER}\ncheckin,,2026-11-20,,,-5,,,,,,,,,4,6\n", "severity must be a whole number"),
        (f"{HEADER}\ncheckin,,2026-11-20,quads,,5,,,,,,,,,4,6\n", "body_part does not apply"),
        (f"{HEADER}\nsoreness,,2026-11-20,quads,,5,,,,,,,,,4,\n", "enjoyment does not apply"),
        (f"{HEADER}\ncheckin,,2026-11-20,,,5,,,,,,,,\n", "line 2: 14 cells, the header has 16"),
        (f"{OLD_HEADER}\ncheckin,,2026-11-20,,,5,,,,,,,,,4,6\n", "16 cells, the header has 14"),
    ],
)
def test_bad_checkin_files_are_refused(journal, tmp_path, text, says) -> None:
    journal.ok("checkin", *ANSWERS, "--at", "2026-11-19")
    before = journal.snapshot()
    source = tmp_path / "in.csv"
    source.write_text(text)
    assert_refused(journal.run("import", str(source)), 2, says)
    assert journal.snapshot() == before


@pytest.mark.parametrize(
    ("record", "says"),
    [
        ({"severity": 5, "enjoyment": 4}, "activity is missing"),
        ({"severity": 5, "enjoyment": 4, "activity": 10.5}, "activity must be a whole number"),
        ({"severity": 5, "enjoyment": True, "activity": 1}, "enjoyment must be a whole number"),
        ({"severity": 5, "enjoyment": 4, "activity": 6, "cause": "x"}, "cause does not apply"),
    ],
)
def test_bad_json_checkins_are_refused(journal, tmp_path, record, says) -> None:
    source = tmp_path / "in.json"
    record = {"record": "checkin", "at": "2026-11-20T08:00:00+00:00", **record}
    source.write_text(json.dumps({"records": [record]}))
    assert_refused(journal.run("import", str(source)), 2, says)
    assert not journal.path.exists()


@pytest.mark.sqlite_only  # the file itself
def test_checkins_are_read_back_oldest_first_for_the_summary(journal) -> None:
    for day, (pain, enjoyment, activity) in (
        ("2026-11-01", "654"), ("2026-11-24", "321"), ("2026-11-10", "543"), ("2026-10-31", "999"),
    ):  # fmt: skip
        journal.ok(
            "checkin", "--pain", pain, "--enjoyment", enjoyment, "--activity", activity,
            "--at", day,
        )  # fmt: skip
    journal.ok("add", "quads", "4", "--at", "2026-11-10")
    opened = open_journal(journal.path, create=False, now=datetime(2026, 11, 25, tzinfo=UTC))
    assert opened is not None
    with opened:
        found = checkins(opened, date(2026, 11, 1), date(2026, 11, 24))
    assert found == [
        Checkin(datetime(2026, 11, 1, 12, tzinfo=UTC), date(2026, 11, 1), 6, 5, 4),
        Checkin(datetime(2026, 11, 10, 12, tzinfo=UTC), date(2026, 11, 10), 5, 4, 3),
        Checkin(datetime(2026, 11, 24, 12, tzinfo=UTC), date(2026, 11, 24), 3, 2, 1),
    ]
    assert all(item.at.tzinfo is not None for item in found)
    assert [field.name for field in dataclasses.fields(Checkin)] == [
        "at", "day", "pain", "enjoyment", "activity",
    ]  # fmt: skip
    with pytest.raises(dataclasses.FrozenInstanceError):
        found[0].pain = 1  # type: ignore[misc]


def test_checkin_is_listed_after_workout_in_help(journal) -> None:
    out = journal.ok("--help")
    assert out.index("workout") < out.index("checkin") < out.index("report")
