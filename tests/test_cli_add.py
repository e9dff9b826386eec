"""`sorelog add` through the CLI, against a real journal file."""

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from conftest import assert_refused, pick
from sorelog.cli import soreness
from sorelog.domain.kinds import SORENESS
from sorelog.domain.values import NewRecord
from sorelog.store import open_journal
from sorelog.store.writes import add_records


def test_add_logs_one_line_with_its_id(journal) -> None:
    out = journal.ok("add", "left calf", "6", "--cause", "10 km run", "--at", "2026-11-20")
    assert out.startswith("Logged #1: left calf 6/10 at 2026-11-20 12:00")
    assert "10 km run" in out
    assert len(out.strip().splitlines()) == 1
    (row,) = journal.rows()
    assert (row["day"], row["body_part"], row["side"], row["severity"], row["cause"]) == (
        "2026-11-20",
        "calves",
        "left",
        6,
        "10 km run",
    )
    assert row["at"] == "2026-11-20T12:00:00.000000+00:00"  # UTC, with its offset


def test_add_every_option(journal) -> None:
    journal.ok(
        "add",
        "Hamstrings",
        "7",
        "--side",
        "RIGHT",
        "--kind",
        "sharp",
        "--symptom",
        "swelling",
        "--symptom",
        "bruising",
        "--symptom",
        "swelling",
        "--note",
        "felt a pop",
        "--at",
        "09:00",
    )
    row = journal.rows()[0]
    assert pick(row, "body_part", "side", "severity", "kind", "cause", "symptoms", "note") == (
        "hamstrings",
        "right",
        7,
        "sharp",
        None,
        "swelling;bruising",
        "felt a pop",
    )


def test_red_flag_symptom_is_said_at_once(journal) -> None:
    out = journal.ok("add", "quads", "8", "--symptom", "dark-urine")
    assert out.splitlines()[1] == (
        "URGENT: dark-urine (tea- or cola-coloured urine) logged with quadriceps soreness. "
        "Contact a clinician today."
    )


def test_at_a_day_then_a_time_everywhere_at_is_taken(journal) -> None:
    # The clock is frozen at Wednesday 2026-11-25 15:00 UTC.
    out = journal.ok("add", "quads", "5", "--at", "yesterday 18:30")
    assert out.startswith("Logged #1: quadriceps 5/10 at 2026-11-24 18:30")
    out = journal.ok("remedy", "add", "ice", "--dose", "15 min", "--at", "monday 07:00")
    assert out.strip() == "Logged #2: remedy ice 15 min at 2026-11-23 07:00"
    out = journal.ok("side-effect", "nausea", "--at", "3 days ago 08:15")
    assert out.strip() == "Logged #3: side effect nausea at 2026-11-22 08:15"
    out = journal.ok("edit", "1", "--at", "today 07:00")
    assert out.startswith("Updated #1 soreness 2026-11-25 07:00")
    assert journal.rows()[0]["at"] == "2026-11-25T07:00:00.000000+00:00"
    before = journal.snapshot()
    assert_refused(
        journal.run("edit", "1", "--at", "today 16:00"), 2, "--at: 'today 16:00' is in the future"
    )
    assert_refused(
        journal.run("add", "quads", "4", "--at", "yesterday 24:00"), 2, "not a time of day"
    )
    assert journal.snapshot() == before


def test_ids_increase(journal) -> None:
    assert "#1" in journal.ok("add", "quads", "3")
    assert "#2" in journal.ok("add", "quads", "0")


def test_several_parts_each_with_its_own_id_and_the_options_shared(journal) -> None:
    journal.ok("add", "calves", "2")
    out = journal.ok("add", "quads", "6", "hams", "4", "left calf", "3",
                     "--at", "2026-11-20T18:30", "--cause", "hill sprints")  # fmt: skip
    assert out.splitlines() == [
        "Logged #2: quadriceps 6/10 at 2026-11-20 18:30 (cause: hill sprints)",
        "Logged #3: hamstrings 4/10 at 2026-11-20 18:30 (cause: hill sprints)",
        "Logged #4: left calf 3/10 at 2026-11-20 18:30 (cause: hill sprints)",
    ]
    rows = journal.rows()[1:]
    assert [pick(row, "id", "body_part", "side", "severity") for row in rows] == [
        (2, "quadriceps", None, 6),
        (3, "hamstrings", None, 4),
        (4, "calves", "left", 3),
    ]
    assert {(row["at"], row["day"], row["cause"]) for row in rows} == {
        ("2026-11-20T18:30:00.000000+00:00", "2026-11-20", "hill sprints")
    }


def test_side_and_kind_apply_to_every_part(journal) -> None:
    journal.ok("add", "quads", "5", "calf", "3", "--side", "right", "--kind", "ache")
    assert [pick(row, "body_part", "side", "kind") for row in journal.rows()] == [
        ("quadriceps", "right", "ache"),
        ("calves", "right", "ache"),
    ]


def test_symptoms_on_several_parts_give_one_triage_line_each(journal) -> None:
    out = journal.ok("add", "quads", "8", "hams", "6", "--symptom", "dark-urine")
    assert out.splitlines() == [
        "Logged #1: quadriceps 8/10; symptoms: dark-urine at 2026-11-25 15:00",
        "Logged #2: hamstrings 6/10; symptoms: dark-urine at 2026-11-25 15:00",
        "URGENT: dark-urine (tea- or cola-coloured urine) logged with quadriceps soreness. "
        "Contact a clinician today.",
        "URGENT: dark-urine (tea- or cola-coloured urine) logged with hamstrings soreness. "
        "Contact a clinician today.",
    ]
    out = journal.ok("add", "calf", "10", "shins", "4")
    assert out.splitlines()[2:] == [
        "URGENT: calves at 10/10; soreness this severe is not routine. Contact a clinician today."
    ]


def test_the_same_part_on_two_sides_is_two_entries(journal) -> None:
    journal.ok("add", "left calf", "3", "right calf", "5", "calf", "1")
    assert [pick(row, "side", "severity") for row in journal.rows()] == [
        ("left", 3),
        ("right", 5),
        (None, 1),
    ]


@pytest.mark.sqlite_only  # the file itself
def test_entries_are_written_all_or_none(journal) -> None:
    """Below the checks the CLI makes: a row the database refuses takes the others with it."""
    journal.ok("add", "calves", "2")
    before = journal.rows("record_ids")
    opened = open_journal(journal.path, create=False, now=datetime.now(UTC))
    assert opened is not None
    moment = datetime(2026, 11, 20, 12, tzinfo=UTC)
    values = {"side": None, "kind": None, "cause": None, "symptoms": "", "note": None}
    day = date(2026, 11, 20)
    good = NewRecord(SORENESS, moment, day, {**values, "body_part": "quadriceps", "severity": 4})
    bad = NewRecord(SORENESS, moment, day, {**values, "body_part": "hamstrings", "severity": 11})
    with opened, pytest.raises(Exception, match="CHECK constraint"):
        add_records(opened, [good, good, bad])
    assert len(journal.rows()) == 1
    assert journal.rows("record_ids") == before


def test_prompts_for_missing_arguments_on_a_terminal(journal, monkeypatch) -> None:
    monkeypatch.setattr(soreness, "interactive", lambda: True)
    result = journal.run("add", input="hamstrng\nhamstrings\n11\n5\n")
    assert result.exit_code == 0, result.stderr
    assert "did you mean 'hamstrings'" in result.stderr
    assert "0 (none) to 10" in result.stderr
    row = journal.rows()[0]
    assert (row["body_part"], row["side"], row["severity"]) == ("hamstrings", None, 5)


def test_a_last_part_without_severity_is_asked_for_on_a_terminal(journal, monkeypatch) -> None:
    monkeypatch.setattr(soreness, "interactive", lambda: True)
    result = journal.run("add", "quads", "6", "left calf", input="eleven\n3\n")
    assert result.exit_code == 0, result.stderr
    assert "Severity of left calf, 0 (none) to 10" in result.stdout
    assert result.stdout.splitlines()[-2:] == [
        "Logged #1: quadriceps 6/10 at 2026-11-25 15:00",
        "Logged #2: left calf 3/10 at 2026-11-25 15:00",
    ]


def test_a_terminal_is_not_asked_anything_when_a_pair_is_bad(journal, monkeypatch) -> None:
    monkeypatch.setattr(soreness, "interactive", lambda: True)
    for args in (["quads", "11", "hams"], ["quads", "6", "quadriceps"], ["quads", "6", "hamz"]):
        result = journal.run("add", *args, input="4\n")
        assert_refused(result, 2)
    assert not journal.path.exists()


# Several parts in one command: any bad pair refuses the whole command.
MULTI_PART_REFUSALS = [
    (["add", "quads", "6", "hams"], "missing SEVERITY (0-10) for 'hams'"),
    (["add", "quads", "6", "hams", "4", "calf"], "for 'calf', the last PART"),
    (["add", "quads", "6", "hamstrng", "4"], "did you mean 'hamstrings'"),
    (["add", "quads", "6", "spleen", "4", "calf", "2"], "unknown body part 'spleen'"),
    (["add", "quads", "6", "hams", "11"], "0 (none) to 10"),
    (["add", "quads", "6", "hams", "4", "calf", "x"], "not 'x'"),
    (["add", "quads", "6", "hams", "-1"], "0 (none) to 10, not '-1'"),
    (["add", "quads", "6", "quadriceps", "4"], "quadriceps is given twice ('quads' and"),
    (["add", "calf", "2", "left calf", "3", "--side", "left"], "left calf is given twice"),
    (["add", "quads", "6", "left calf", "3", "--side", "right"], "two different sides"),
    (["add", "quads", "4", "--note", "felt", "a", "pop"], "quote values"),
    (["add", "left", "calf", "3"], "a side goes in quotes with its part"),
    (["add", "quads", "6", "right", "hams", "4"], "as in 'right hams', or as --side right"),
]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        *MULTI_PART_REFUSALS,
        (["add"], "missing PART"),
        (["add", "quads"], "missing SEVERITY"),
        (["add", "quads", "11"], "0 (none) to 10"),
        (["add", "quads", "-1"], "0 (none) to 10, not '-1'"),
        (["add", "left calff", "4"], "did you mean 'left calf'"),
        (["add", "quads", "4", "--at", "3d", "ago"], "quote values"),
        (["add", "quads", "4", "--db", "x.db"], "put it before the command"),
        (["add", "quads", "five"], "not 'five'"),
        (["add", "quads", "5.5"], "whole number"),
        (["add", "hamstrng", "4"], "did you mean 'hamstrings'"),
        (["add", "", "4"], "empty"),
        (["add", "  ", "4"], "empty"),
        (["add", "left", "4"], "unknown body part"),
        (["add", "quads", "4", "--side", "up"], "--side"),
        (["add", "left quads", "4", "--side", "right"], "two different sides"),
        (["add", "quads", "4", "--kind", "itchy"], "--kind"),
        (["add", "quads", "4", "--symptom", "sadness"], "--symptom"),
        (["add", "quads", "4", "--at", "tomorrow"], "--at"),
        (["add", "quads", "4", "--at", "2099-01-01"], "future"),
        (["add", "quads", "4", "--at", "2026-02-30"], "calendar date"),
        (["add", "quads", "4", "--at", "23:99"], "time of day"),
        (["add", "quads", "4", "--at"], "--at"),
        (["add", "quads", "4", "--bogus"], "--bogus"),
        (["add", "quads", "4", "--note", "bad \udcff byte"], "UTF-8"),
        (["add", "quads", "4", "--at", "20261120"], "cannot read"),
        (["add", "quads", "4", "--at", "1900-01-01T00:00+14:00"], "too far in the past"),
    ],
)
def test_refused_input_writes_nothing(journal, args: list[str], says: str) -> None:
    journal.ok("add", "calves", "2")
    before = journal.snapshot()
    assert_refused(journal.run(*args), 2, says)
    assert journal.snapshot() == before
    assert len(journal.rows()) == 1


def test_refused_input_creates_no_journal(journal) -> None:
    assert_refused(journal.run("add", "quads", "12"), 2)
    assert not journal.path.exists()
    assert not journal.path.parent.exists()


@pytest.mark.parametrize(("args", "says"), MULTI_PART_REFUSALS)
def test_a_refused_multi_part_add_creates_no_journal(journal, args: list[str], says: str) -> None:
    assert_refused(journal.run(*args), 2, says)
    assert not journal.path.exists()
    assert not journal.path.parent.exists()


@pytest.mark.sqlite_only  # the file itself
@pytest.mark.slow
def test_a_bad_third_pair_writes_nothing_in_a_real_process(journal) -> None:
    def add(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "sorelog", "add", *args],
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "SORELOG_DB": str(journal.path)})  # fmt: skip

    bad = ["quads", "6", "hams", "4", "calf", "11", "--at", "2026-11-20"]
    refused = add(*bad)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.startswith("sorelog: severity must be a whole number"), refused.stderr
    assert not journal.path.exists()
    assert add("shins", "2", "--at", "2026-11-19").returncode == 0
    before = journal.snapshot()
    assert add(*bad).returncode == 2
    assert journal.snapshot() == before
    with sqlite3.connect(journal.path) as db:
        assert db.execute("SELECT COUNT(*) FROM soreness").fetchone() == (1,)
        assert db.execute("SELECT COUNT(*) FROM record_ids").fetchone() == (1,)


def test_user_text_is_printed_literally(journal) -> None:
    out = journal.ok("add", "quads", "3", "--cause", "[bold red]squats[/] \x1b]0;pwn\x07")
    assert "[bold red]squats[/]" in out
    assert "\x1b" not in out
    assert "\x07" not in out
