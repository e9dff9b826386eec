"""Schema upgrades, from a journal the first released schema wrote (tests/fixtures/journal-v1.db).

Every test works on a copy: even a read-only open of a WAL journal leaves -wal and
-shm files beside it, and the committed fixture must stay exactly as committed.
"""

import importlib.util
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from conftest import assert_refused
from sorelog.domain.errors import SorelogError
from sorelog.store import migrations, open_journal
from sorelog.store import opening as journal_module
from sorelog.store.migrations import MIGRATIONS

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = FIXTURES / "journal-v1.db"
NEW_TABLES = {"record_ids", "remedy_use", "remedy_limit", "side_effect"}


def read(path: Path, sql: str, *, named: bool = False) -> list[Any]:
    """Query without writing: read-only, and no upgrade. Rows are tuples, or dicts if named."""
    db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    if named:
        db.row_factory = sqlite3.Row
    try:
        rows = db.execute(sql).fetchall()
        return [dict(row) for row in rows] if named else rows
    finally:
        db.close()


def version(path: Path) -> int:
    ((value,),) = read(path, "PRAGMA user_version")
    return value


def tables(path: Path) -> set[str]:
    return {name for (name,) in read(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def soreness(path: Path) -> list[dict[str, Any]]:
    return read(path, "SELECT * FROM soreness ORDER BY id", named=True)


@pytest.fixture
def v1(journal, tmp_path: Path) -> Path:
    """A fresh copy of the first-schema journal, with the CLI pointed at it."""
    copy = tmp_path / "old" / "journal-v1.db"
    copy.parent.mkdir()
    shutil.copy(FIXTURE, copy)
    return copy


def cli(journal, db: Path, *args: str) -> str:
    return journal.ok("--db", str(db), *args)


def test_the_fixture_is_a_first_schema_journal(v1: Path) -> None:
    assert version(v1) == 1
    assert tables(v1) == {"soreness", "sorelog_migrations"}
    assert read(v1, "SELECT name FROM sorelog_migrations") == [("m001_soreness",)]
    rows = soreness(v1)
    assert [row["id"] for row in rows] == list(range(1, 9))
    assert any("😣" in (row["note"] or "") for row in rows)  # unicode notes
    assert any(row["symptoms"] == "swelling;numbness" for row in rows)  # as 0.1 stored them


def test_the_fixture_matches_its_script(v1: Path, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_v1_journal", FIXTURES / "make_v1_journal.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    again = tmp_path / "again.db"
    module.make(again)
    for sql in (
        "PRAGMA user_version",
        "SELECT * FROM sorelog_migrations",
        "SELECT * FROM soreness ORDER BY id",
        "SELECT type, name, sql FROM sqlite_master ORDER BY name",
    ):
        assert read(again, sql) == read(v1, sql), sql


def test_report_opens_it_and_upgrades_in_place_losing_nothing(journal, v1: Path) -> None:
    before = soreness(v1)
    applied = read(v1, "SELECT * FROM sorelog_migrations")
    doc = journal.json("--db", str(v1), "report", "--as-of", "2026-01-10")
    assert version(v1) == len(MIGRATIONS)
    assert tables(v1) >= {"soreness", "sorelog_migrations", *NEW_TABLES}
    names = [name for (name,) in read(v1, "SELECT name FROM sorelog_migrations ORDER BY rowid")]
    assert names == [name for name, _ in MIGRATIONS]
    assert read(v1, "SELECT * FROM sorelog_migrations WHERE name = 'm001_soreness'") == applied
    assert soreness(v1) == before
    assert read(v1, "SELECT id FROM record_ids ORDER BY id") == [(row["id"],) for row in before]
    # and the report reads the old rows as it reads new ones
    parts = {(p["body_part"], p["side"]): p for p in doc["parts"]}
    assert set(parts) == {
        ("quadriceps", "left"),
        ("hamstrings", None),
        ("lower-back", "both"),
        ("calves", "right"),
        ("shoulders", None),
    }
    quads = parts["quadriceps", "left"]
    assert (quads["peak"], quads["peak_date"], quads["trend"]) == (7, "2026-01-05", "resolved")
    # tingling (on the calves) has been an urgent symptom since the triage tiers
    assert [(f["code"], f["body_part"]) for f in doc["flags"]] == [
        ("red_flag", "lower-back"),
        ("red_flag", "calves"),
    ]


def test_a_write_upgrades_it_and_new_ids_follow_the_old_ones(journal, v1: Path) -> None:
    before = soreness(v1)
    out = cli(journal, v1, "add", "quads", "4", "--at", "2026-01-11", "--note", "après")
    assert out.startswith("Logged #9:")
    assert cli(journal, v1, "remedy", "add", "ibuprofen", "--dose", "400mg").startswith(
        "Logged #10:"
    )
    assert cli(journal, v1, "side-effect", "nausea").startswith("Logged #11:")
    assert version(v1) == len(MIGRATIONS)
    after = soreness(v1)
    assert after[: len(before)] == before
    assert [row["id"] for row in after] == [*range(1, 9), 9]
    added = after[-1]
    assert (added["day"], added["body_part"], added["side"]) == ("2026-01-11", "quadriceps", None)
    assert read(v1, "SELECT id, remedy FROM remedy_use") == [(10, "ibuprofen")]


def test_opening_twice_applies_nothing_twice(journal, v1: Path) -> None:
    cli(journal, v1, "report")
    applied = read(v1, "SELECT * FROM sorelog_migrations ORDER BY rowid")
    cli(journal, v1, "report")
    cli(journal, v1, "add", "calves", "2")
    assert read(v1, "SELECT * FROM sorelog_migrations ORDER BY rowid") == applied


@pytest.mark.parametrize(
    "args",
    [["report"], ["add", "quads", "3"], ["remedy", "list"], ["remedy", "add", "ice"]],
)
def test_a_journal_from_a_newer_sorelog_is_refused_untouched(
    journal, v1: Path, args: list[str]
) -> None:
    cli(journal, v1, "report")  # upgrade to today's schema
    newer = len(MIGRATIONS) + 1
    with sqlite3.connect(v1) as db:
        db.execute(f"PRAGMA user_version = {newer}")
    db.close()
    before = v1.read_bytes()
    result = journal.run("--db", str(v1), *args)
    assert_refused(result, 1, f"written by a newer sorelog (schema {newer}")
    assert v1.read_bytes() == before
    assert not journal.path.exists()


def test_a_failed_upgrade_leaves_the_old_version_and_its_rows(
    v1: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = soreness(v1)
    applied = read(v1, "SELECT * FROM sorelog_migrations")

    def m999_breaks_halfway(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x INTEGER)")
        db.execute("INSERT INTO soreness_typo (id) VALUES (1)")  # no such table

    broken = [*MIGRATIONS, ("m999_breaks_halfway", m999_breaks_halfway)]
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    monkeypatch.setattr(journal_module, "MIGRATIONS", broken)
    with pytest.raises(SorelogError, match="soreness_typo"):
        open_journal(v1, create=False, now=datetime.now(UTC))
    assert version(v1) == 1
    assert tables(v1) == {"soreness", "sorelog_migrations"}  # not even m002's tables
    assert read(v1, "SELECT * FROM sorelog_migrations") == applied
    assert soreness(v1) == before

    monkeypatch.undo()  # today's sorelog still opens it, as if nothing had happened
    opened = open_journal(v1, create=False, now=datetime.now(UTC))
    assert opened is not None
    opened.close()
    assert version(v1) == len(MIGRATIONS)
    assert soreness(v1) == before
