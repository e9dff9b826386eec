"""Input limits and exactness: text is stored as typed, names share one length limit,
offsets are those real zones use, and a day too far back says so."""

from __future__ import annotations

import pytest

from conftest import assert_refused


def test_notes_and_causes_are_stored_exactly(journal, tmp_path) -> None:
    note, cause = "  two spaces, a tab\tand a line end\n", "\tsquats "
    journal.ok("add", "quads", "3", "--note", note, "--cause", cause)
    journal.ok("add", "quads", "2", "--note", "   ")  # only spaces: kept, not dropped
    rows = journal.rows()
    assert (rows[0]["note"], rows[0]["cause"]) == (note, cause)
    assert rows[1]["note"] == "   "
    exported = tmp_path / "out.csv"
    journal.ok("export", "-o", str(exported))
    journal.ok("delete", "1", "--yes")
    journal.ok("delete", "2", "--yes")
    journal.ok("import", str(exported))
    again = journal.rows()
    assert [(r["note"], r["cause"]) for r in again] == [(note, cause), ("   ", None)]


def test_a_workout_name_is_kept_exactly_and_limited_like_other_names(journal, tmp_path) -> None:
    journal.ok("workout", " leg day ", "--part", "quads")
    assert journal.rows("workout")[0]["cause"] == " leg day "
    long = "x" * 81
    assert_refused(journal.run("workout", long, "--part", "quads"), 2, "longer than 80")
    assert_refused(journal.run("edit", "1", "--name", long), 2, "longer than 80")
    path = tmp_path / "long.csv"
    path.write_text(
        "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note\n"
        f"workout,,2026-11-20T18:00:00+00:00,quadriceps,,,,{long},,,,,,\n"
    )
    assert_refused(journal.run("import", str(path)), 2, "longer than 80")
    assert len(journal.rows("workout")) == 1
    journal.ok("workout", "y" * 80, "--part", "quads")


@pytest.mark.parametrize(
    ("when", "ok"),
    [
        ("2026-11-20T10:00+14:00", True),
        ("2026-11-20T10:00-12:00", True),
        ("2026-11-20T10:00+15:00", False),
        ("2026-11-20T10:00+14:30", False),
        ("2026-11-20T10:00-12:30", False),
    ],
)
def test_offsets_are_those_real_zones_use(journal, when, ok) -> None:
    result = journal.run("add", "quads", "3", "--at", when)
    if ok:
        assert result.exit_code == 0, result.stderr
    else:
        assert_refused(result, 2, "offsets run from -12:00 to +14:00")


@pytest.mark.parametrize("back", ["100000 days ago", "99999999999 days ago", "50000d ago"])
def test_a_day_too_far_back_says_so(journal, back) -> None:
    assert_refused(journal.run("add", "quads", "3", "--at", back), 2, "too far in the past")
    assert_refused(journal.run("report", "--as-of", back), 2, "too far in the past")
