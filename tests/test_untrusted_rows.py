"""What is read back from a journal is not trusted: rows planted by another program (a
copied SQLite file) or another person (a PostgreSQL role sharing with a coach) are shown as
the characters they hold, on every surface, and never run, fetch or move the terminal.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from browser import chromium, page_requests
from conftest import PostgresJournal, set_up_sorelog
from sorelog.cli import app

PART = "x{}</style><script>document.body.dataset.pwned=1</script><style>"
SIDE = "\x1b]0;owned\x07\x1b[31mleft\u202e"
WORKOUT = "leg\u202eday url(http://example.invalid/w.png)"
NOTE = 'felt "ok"</td><img src="http://example.invalid/n.png">\u202etxt'
RAW_MARKS = ("\x1b", "\x07", "\u202e")


def plant(journal, pg_database=None) -> None:
    """A soreness entry and a workout written by sorelog, then changed in raw SQL as another
    program (SQLite) or the journal's owner outside sorelog (PostgreSQL) would."""
    journal.ok("workout", "legs", "--part", "quads", "--at", "2026-11-23 18:00")
    journal.ok("add", "quads", "6", "--symptom", "swelling", "--note", "n", "--at", "2026-11-24")
    journal.ok("add", "quads", "4", "--at", "2026-11-25 09:00")
    statements = [
        ("UPDATE soreness SET body_part = %s, side = %s, note = %s", (PART, SIDE, NOTE)),
        ("UPDATE workout SET name = %s", (WORKOUT,)),
    ]
    if pg_database is not None:
        for sql, params in statements:
            pg_database.as_role("alice", sql, params)
        return
    with sqlite3.connect(journal.path) as db:
        for sql, params in statements:
            db.execute(sql.replace("%s", "?"), params)


@pytest.fixture
def planted(journal, backend, request):
    pg = request.getfixturevalue("pg_database") if backend == "postgresql" else None
    plant(journal, pg)
    return journal


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--as-of", "2026-11-25"],
        ["chart", "--as-of", "2026-11-25"],
        ["list"],
        ["report", "--as-of", "2026-11-25", "--json"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
@pytest.mark.parametrize("columns", ["120", "40"])
def test_the_terminal_gets_no_control_characters(planted, monkeypatch, command, columns) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    out = planted.ok(*command)
    assert not any(mark in out for mark in RAW_MARKS), repr(out)
    assert "\\x1b" in out or "\\u001b" in out  # shown, as an escape


def summary_page(journal, tmp_path: Path) -> str:
    page = tmp_path / "planted.html"
    journal.ok("summary", "--as-of", "2026-11-25", "-o", str(page))
    return page.read_text(encoding="utf-8")


def test_the_page_holds_the_values_as_text_only(planted, tmp_path) -> None:
    page = summary_page(planted, tmp_path)
    style = page[page.index("<style>") : page.index("</style>")]
    assert "x{}" not in style and "pwned" not in style  # never a selector or a style
    assert "<script" not in page
    assert "<img" not in page
    assert not any(mark in page for mark in RAW_MARKS)
    assert "&lt;script&gt;document.body.dataset.pwned=1&lt;/script&gt;" in page
    assert "\\u202e" in page  # the bidi override is shown, not applied


@pytest.mark.slow
def test_in_a_browser_nothing_runs_and_nothing_is_fetched(planted, tmp_path) -> None:
    page = tmp_path / "planted.html"
    page.write_text(summary_page(planted, tmp_path), encoding="utf-8")
    assert page_requests(tmp_path, page) == set()
    dom = chromium(tmp_path, "--dump-dom", page.as_uri(), profile="dom").stdout
    assert "<body" in dom and "data-pwned" not in dom
    # the check itself: the same script on a page of its own does run
    control = tmp_path / "control.html"
    control.write_text("<html><body><script>document.body.dataset.pwned=1</script></body></html>")
    ran = chromium(tmp_path, "--dump-dom", control.as_uri(), profile="dom").stdout
    assert 'data-pwned="1"' in ran


def test_a_coach_reading_a_shared_journal_gets_text_only(pg_database, monkeypatch, tmp_path):
    """Alice plants the rows in raw SQL as her own role and shares her journal; bob, her
    coach, makes the summary and the report from it with --person alice."""
    set_up_sorelog(pg_database)
    monkeypatch.setenv("SORELOG_DB", pg_database.url("alice"))
    journal = PostgresJournal(pg_database)
    pg = pg_database
    plant(journal, pg)
    journal.ok("share", "bob")
    bob = CliRunner()
    env = {"SORELOG_DB": pg.url("bob")}
    page = tmp_path / "coach.html"
    made = bob.invoke(app, ["summary", "--person", "alice", "--as-of", "2026-11-25", "-o",
                            str(page)], env=env)  # fmt: skip
    assert made.exit_code == 0, made.stderr
    html = page.read_text(encoding="utf-8")
    style = html[html.index("<style>") : html.index("</style>")]
    assert "x{}" not in style and "<script" not in html and "<img" not in html
    report = bob.invoke(app, ["report", "--person", "alice", "--as-of", "2026-11-25"], env=env)
    assert report.exit_code == 0, report.stderr
    assert not any(mark in report.stdout for mark in RAW_MARKS)
