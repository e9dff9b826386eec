"""`sorelog add` through the CLI, against a real journal file."""

import pytest

from conftest import assert_refused, pick
from sorelog.cli import soreness


def test_add_logs_one_line_with_its_id(journal) -> None:
    out = journal.ok("add", "left calf", "6", "--cause", "10 km run", "--at", "2026-11-20")
    assert out.startswith("Logged #1: left calves 6/10 at 2026-11-20 12:00")
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
    assert out.strip() == "Logged #2: ice 15 min at 2026-11-23 07:00"
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


def test_prompts_for_missing_arguments_on_a_terminal(journal, monkeypatch) -> None:
    monkeypatch.setattr(soreness, "interactive", lambda: True)
    result = journal.run("add", input="hamstrng\nhamstrings\n11\n5\n")
    assert result.exit_code == 0, result.stderr
    assert "did you mean 'hamstrings'" in result.stderr
    assert "0 (none) to 10" in result.stderr
    row = journal.rows()[0]
    assert (row["body_part"], row["side"], row["severity"]) == ("hamstrings", None, 5)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["add"], "missing PART"),
        (["add", "quads"], "missing SEVERITY"),
        (["add", "quads", "11"], "0 (none) to 10"),
        (["add", "quads", "-1"], "0 (none) to 10, not '-1'"),
        (["add", "left calff", "4"], "did you mean 'left calves'"),
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


def test_user_text_is_printed_literally(journal) -> None:
    out = journal.ok("add", "quads", "3", "--cause", "[bold red]squats[/] \x1b]0;pwn\x07")
    assert "[bold red]squats[/]" in out
    assert "\x1b" not in out
    assert "\x07" not in out
