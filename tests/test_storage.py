"""Where the journal lives, how it is created, checked and upgraded."""

import sqlite3
import stat

import pytest

from conftest import assert_refused
from sorelog.store import journal as journal_file
from sorelog.store.migrations import MIGRATIONS


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_journal_is_private(journal) -> None:
    journal.ok("add", "quads", "3")
    assert mode(journal.path) == 0o600
    assert mode(journal.path.parent) == 0o700
    with sqlite3.connect(journal.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        names = [name for (name,) in db.execute("SELECT name FROM sorelog_migrations")]
    assert names == [name for name, _ in MIGRATIONS]


def test_default_path_is_in_the_user_data_dir(journal, monkeypatch, private_env) -> None:
    monkeypatch.delenv("SORELOG_DB")
    journal.ok("add", "quads", "3")
    assert (private_env / "home" / "data" / "sorelog" / "sorelog.db").exists()


def test_db_option_beats_the_environment(journal, tmp_path) -> None:
    other = tmp_path / "other.db"
    journal.ok("--db", str(other), "add", "quads", "3")
    assert other.exists()
    assert not journal.path.exists()


def test_directory_is_refused(journal, tmp_path) -> None:
    assert_refused(journal.run("--db", str(tmp_path), "add", "quads", "3"), 1, "is a directory")


def test_file_that_is_not_sqlite_is_left_untouched(journal, tmp_path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"my private notes\n" * 300)
    before = notes.read_bytes()
    for args in (["add", "quads", "3"], ["report"]):
        assert_refused(journal.run("--db", str(notes), *args), 1, "not a sorelog journal")
    assert notes.read_bytes() == before


def test_other_sqlite_database_is_refused(journal, tmp_path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE things (x)")
    before = other.read_bytes()
    assert_refused(journal.run("--db", str(other), "add", "quads", "3"), 1, "not a sorelog")
    assert other.read_bytes() == before


def test_journal_from_a_newer_sorelog_is_refused_untouched(journal) -> None:
    journal.ok("add", "quads", "3")
    with sqlite3.connect(journal.path) as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    before = journal.path.read_bytes()
    for args in (["add", "quads", "4"], ["report"]):
        assert_refused(journal.run(*args), 1, "newer sorelog")
    assert journal.path.read_bytes() == before


def test_empty_file_becomes_a_journal(journal) -> None:
    journal.path.parent.mkdir()
    journal.path.touch()
    journal.ok("add", "quads", "3")
    assert len(journal.rows()) == 1


def test_locked_journal_gets_a_clear_message(journal, monkeypatch) -> None:
    journal.ok("add", "quads", "3")
    monkeypatch.setattr(journal_file, "BUSY_TIMEOUT_SECONDS", 0.2)
    writer = sqlite3.connect(journal.path, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        assert_refused(journal.run("add", "quads", "4"), 1, "locked")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert len(journal.rows()) == 1


def test_debug_shows_tracebacks_only_when_asked(journal, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SORELOG_DEBUG", "1")
    result = journal.run("--db", str(tmp_path), "add", "quads", "3")
    assert result.exit_code == 1  # a SorelogError is still one line, even in debug mode


def test_newer_journal_gets_no_files_beside_it(journal) -> None:
    journal.ok("add", "quads", "3")
    with sqlite3.connect(journal.path) as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    before = sorted(p.name for p in journal.path.parent.iterdir())
    assert_refused(journal.run("report"), 1, "newer sorelog")
    assert sorted(p.name for p in journal.path.parent.iterdir()) == before


def test_other_sqlite_database_with_a_version_is_refused(journal, tmp_path) -> None:
    other = tmp_path / "notes.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notes (x)")
        db.execute("PRAGMA user_version = 1")
    before = other.read_bytes()
    for args in (["add", "quads", "3"], ["report"]):
        assert_refused(journal.run("--db", str(other), *args), 1, "not a sorelog journal")
    assert other.read_bytes() == before


@pytest.mark.slow
def test_concurrent_first_adds_all_land(tmp_path) -> None:
    import os
    import subprocess
    import sys

    db = tmp_path / "new" / "journal.db"
    env = {**os.environ, "SORELOG_DB": str(db)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "sorelog", "add", "quads", str(i % 10)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(8)
    ]
    results = [(p.wait(timeout=60), p.stderr.read()) for p in runs]
    assert results == [(0, b"")] * 8
    with sqlite3.connect(db) as check:
        assert check.execute("SELECT COUNT(*) FROM soreness").fetchone()[0] == 8
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
