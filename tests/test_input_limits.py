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
    assert journal.rows("workout")[0]["name"] == " leg day "
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


HEADER = "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note"


def test_text_has_one_limit_typed_or_imported(journal, tmp_path) -> None:
    from sorelog.domain.field_checks import MAX_TEXT

    journal.ok("add", "quads", "3", "--note", "n" * MAX_TEXT)
    assert_refused(
        journal.run("add", "quads", "3", "--note", "n" * (MAX_TEXT + 1)), 2, "longer than"
    )
    for name, body in (
        ("long.csv", f'{HEADER}\nsoreness,,2026-11-20T08:00:00+00:00,quads,,3,,,,,,,,"'
                     + "n" * (MAX_TEXT + 1) + '"\n'),
        ("long.json", '{"records": [{"record": "soreness", "at": "2026-11-20T08:00:00+00:00", '
                      '"body_part": "quads", "severity": 3, "note": "' + "n" * (MAX_TEXT + 1)
                      + '"}]}'),
    ):  # fmt: skip
        path = tmp_path / name
        path.write_text(body)
        assert_refused(journal.run("import", str(path)), 2, "longer than")
    assert len(journal.rows()) == 1


@pytest.mark.slow
@pytest.mark.sqlite_only  # the file reading, not the journal
def test_an_endless_line_is_refused_when_it_passes_the_limit(journal, tmp_path) -> None:
    """A writer that sends 17 MiB of one line and then never stops nor ends: sorelog must
    refuse the line once it has read past the limit, not wait for the rest of it."""
    import os
    import subprocess
    import sys
    import threading
    from pathlib import Path

    fifo = tmp_path / "endless.csv"
    os.mkfifo(fifo)
    stop = threading.Event()

    def write() -> None:
        with open(fifo, "wb") as out:
            out.write(HEADER.encode() + b"\nsoreness,,2026-11-20T08:00:00+00:00,quads,,3,,,,,,,,")
            chunk = b"x" * (1 << 20)
            try:
                while not stop.is_set():
                    out.write(chunk)
            except BrokenPipeError:
                return

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    exe = str(Path(sys.executable).with_name("sorelog"))
    done = subprocess.run(
        [exe, "--db", str(journal.path), "import", str(fifo)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    stop.set()
    assert done.returncode == 2, done.stderr
    assert "line 2: longer than 16 MiB" in done.stderr


def test_the_line_watch_counts_across_blocks() -> None:
    from sorelog.domain.errors import InputError
    from sorelog.formats.read import MAX_LINE_BYTES, LineLimit

    watch = LineLimit()
    block = (b"y" * ((1 << 20) - 1)) + b"\n"
    for _ in range(40):  # many lines of a MiB: fine
        watch.feed(block)
    assert watch.lines == 40
    watch.feed(b"a,b\nc")
    with pytest.raises(InputError, match="line 42: longer than 16 MiB"):
        for _ in range(MAX_LINE_BYTES // (1 << 20) + 1):
            watch.feed(b"x" * (1 << 20))
    json = LineLimit()
    json.feed(b'  {"records": [' + b" " * (MAX_LINE_BYTES + 1))  # JSON: its own reader's job
