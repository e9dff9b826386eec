"""The one read a report makes (store/history.py): everything the rules need, in one
read-only snapshot, no further back than they need, and the report of every row.

Also: journals set up before the day rollup get it when they are upgraded, on both
backends, and a person reading a journal shared with them reads its rollup and writes
nothing.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from full_read import Query, full_read, rollup_is_a_grouping
from typer.testing import CliRunner

from conftest import PostgresJournal, set_up_sorelog
from sorelog.cli import app
from sorelog.domain.settings import Config
from sorelog.render.report import report_document
from sorelog.services.report import build_report, first_day_shown, read_report_history
from sorelog.store import Journal, migrations, open_journal

AS_OF = date(2026, 11, 20)
FIRST = AS_OF - timedelta(days=4 * 365)
PARTS = ("quadriceps", "calves", "lower-back")


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def query(journal: Journal) -> Query:
    def run(statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return list(journal.db.execute(statement, params).fetchall())

    return run


@pytest.fixture
def diary(tmp_path: Path) -> Iterator[Journal]:
    """Four years of soreness never more than a few weeks apart (so each part's stretch
    reaches back to the first day), legs twice a week, and a remedy taken every day for
    two years; written straight into the tables, the rollup kept by its triggers."""
    rng = random.Random(20261120)
    journal = open_journal(
        tmp_path / "long.db", create=True, now=datetime(2026, 11, 25, tzinfo=UTC)
    )
    assert journal is not None
    db = journal.db
    soreness, remedies, workouts = [], [], []
    for day in _days(FIRST, AS_OF):
        for part in PARTS:
            if rng.random() < 0.3:
                for hour in (8, 19):
                    side = rng.choice((None, "left", "right"))
                    severity = rng.choice((0, 1, 3, 5, 7, 9))
                    at = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
                    soreness.append((at.isoformat(), day.isoformat(), part, side, severity))
        if day >= AS_OF - timedelta(days=730):
            remedies.append((f"{day.isoformat()}T09:00:00+00:00", day.isoformat(), "ibuprofen"))
        if day.weekday() in (0, 3):
            workouts.append((f"{day.isoformat()}T18:00:00+00:00", day.isoformat()))
    count = len(soreness) + len(remedies) + len(workouts)
    db.execute("BEGIN")
    db.executemany("INSERT INTO record_ids (id) VALUES (?)", [(i + 1,) for i in range(count)])
    ids = iter(range(1, count + 1))
    db.executemany(
        "INSERT INTO soreness (id, at, day, body_part, side, severity) VALUES (?, ?, ?, ?, ?, ?)",
        [(next(ids), *row) for row in soreness],
    )
    db.executemany(
        "INSERT INTO remedy_use (id, at, day, remedy, amount, unit, base_amount, base_unit) "
        "VALUES (?, ?, ?, ?, 400, 'mg', 400, 'mg')",
        [(next(ids), *row) for row in remedies],
    )
    db.executemany(
        "INSERT INTO workout (id, at, day, name, parts) VALUES (?, ?, ?, 'legs', 'quadriceps')",
        [(next(ids), *row) for row in workouts],
    )
    db.execute("COMMIT")
    yield journal
    journal.close()


@pytest.mark.parametrize("part", [None, "quadriceps", "lower-back"])
def test_a_long_history_gives_the_report_of_every_row(diary: Journal, part: str | None) -> None:
    made = build_report(diary, AS_OF, 28, part, Config())
    assert report_document(made) == full_read(query(diary), Config(), AS_OF, 28, part)
    assert made.remedies  # the remedy's run is two years long
    if part is None:  # and the calves' stretches four years
        assert any(flag.code == "chronic" and f"since {FIRST.year}-" in flag.message
                   for flag in made.flags)  # fmt: skip


def test_the_read_reaches_back_only_as_far_as_the_rules_need(diary: Journal) -> None:
    history = read_report_history(diary, AS_OF, 28, None, Config())
    window_start = first_day_shown(AS_OF, 28)
    read = sum(len(part.days) for part in history.parts.values())
    (kept,) = diary.db.execute("SELECT count(*) FROM day_rollup").fetchone()
    assert 0 < read < kept / 2
    for (body_part, _side), part in history.parts.items():
        if body_part == "quadriceps":  # a workout names it: read from before its stretch
            assert part.before is None
        else:  # read from a recent recovery: the days before add a stretch, looked up
            assert part.days[0].day > window_start - timedelta(days=120)
            assert part.before is None or part.before.last < part.days[0].day
    assert any(part.before and part.before.first < FIRST + timedelta(days=60)
               for part in history.parts.values())  # fmt: skip
    assert history.remedy_days[0].day == AS_OF - timedelta(days=730)  # the run, whole


@pytest.mark.parametrize("gap_days", [1, 30])
def test_a_muscle_a_workout_names_is_read_back_as_far_as_its_stretch(
    tmp_path: Path, gap_days: int
) -> None:
    """Quadriceps sore for a day every ten days for four years, each time five days after
    a workout (so unexplained, and counted): the stretch reaching the window began on the
    first of them, and the read finds it in a few steps back, not one per recovery."""
    journal = open_journal(tmp_path / "j.db", create=True, now=datetime(2026, 11, 25, tzinfo=UTC))
    assert journal is not None
    rows: list[tuple[str, str, int]] = []
    workouts: list[tuple[str, str]] = []
    for day in _days(FIRST, AS_OF):
        if (day - FIRST).days % 10 == 0:
            workouts.append((f"{day.isoformat()}T18:00:00+00:00", day.isoformat()))
        if (AS_OF - day).days % 10 == 0:  # sore in the morning, a 0 logged at night
            rows += [(f"{day.isoformat()}T08:00:00+00:00", day.isoformat(), 4),
                     (f"{day.isoformat()}T21:00:00+00:00", day.isoformat(), 0)]  # fmt: skip
    db = journal.db
    db.execute("BEGIN")
    db.executemany("INSERT INTO record_ids (id) VALUES (?)",
                   [(i + 1,) for i in range(len(rows) + len(workouts))])  # fmt: skip
    db.executemany("INSERT INTO soreness (id, at, day, body_part, severity) "
                   "VALUES (?, ?, ?, 'quadriceps', ?)",
                   [(i + 1, *row) for i, row in enumerate(rows)])  # fmt: skip
    db.executemany("INSERT INTO workout (id, at, day, name, parts) "
                   "VALUES (?, ?, ?, 'legs', 'quadriceps')",
                   [(len(rows) + i + 1, *row) for i, row in enumerate(workouts)])  # fmt: skip
    db.execute("COMMIT")
    config = Config(gap_days=gap_days)
    statements: list[str] = []
    journal.db.set_trace_callback(statements.append)
    history = read_report_history(journal, AS_OF, 28, None, config)
    journal.db.set_trace_callback(None)
    assert history.parts[("quadriceps", None)].days[0].day == date.fromisoformat(rows[0][1])
    assert len(statements) < 40, len(
        statements
    )  # a few steps back, each twice as far, not one a month
    made = build_report(journal, AS_OF, 28, None, config)
    assert report_document(made) == full_read(query(journal), config, AS_OF, 28, None)
    (flag,) = [flag for flag in made.flags if flag.code == "chronic"]
    assert f"since {rows[0][1]}" in flag.message
    journal.close()


def test_a_report_is_one_read_only_snapshot(diary: Journal) -> None:
    statements: list[str] = []
    diary.db.set_trace_callback(statements.append)
    build_report(diary, AS_OF, 28, None, Config())
    diary.db.set_trace_callback(None)
    assert statements[0] == diary.snapshot and statements[-1] == "COMMIT"
    assert all(s.lstrip().startswith(("SELECT", "WITH")) for s in statements[1:-1]), statements


def test_a_journal_from_before_the_rollup_gets_it(tmp_path: Path) -> None:
    path = tmp_path / "older.db"
    journal = open_journal(path, create=True, now=datetime(2026, 11, 25, tzinfo=UTC))
    assert journal is not None
    journal.close()
    names = [name for name, _ in migrations.MIGRATIONS]
    before = names.index("m011_day_rollup")
    with sqlite3.connect(path) as db:  # as a sorelog of schema m010 left it, with rows
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            db.execute(f"DROP TRIGGER {name}")
        db.execute("DROP TABLE day_rollup")
        db.execute("DROP TABLE day_rollup_touched")
        for name in migrations.IMPORTED_WORKOUT:  # before workouts were imported
            db.execute(f"ALTER TABLE workout DROP COLUMN {name}")
        for table, old, new in migrations.OWN_COLUMNS:  # and before each kind had its own
            db.execute(f"ALTER TABLE {table} RENAME COLUMN {new} TO {old}")
        migrations.m009_chronic_checkpoints(db)
        migrations.m010_replaced_rows_forget_checkpoints(db)
        db.executemany("DELETE FROM sorelog_migrations WHERE name = ?",
                       [(name,) for name in names[before:]])  # fmt: skip
        db.execute(f"PRAGMA user_version = {before}")
        for ident, (day, level) in enumerate([("2026-11-01", 5), ("2026-11-01", 0),
                                              ("2026-11-02", 3)], start=1):  # fmt: skip
            db.execute("INSERT INTO soreness (id, at, day, body_part, side, severity) "
                       "VALUES (?, ?, ?, 'quadriceps', NULL, ?)",
                       (ident, f"{day}T{8 + ident:02d}:00:00+00:00", day, level))  # fmt: skip
        db.execute("INSERT INTO chronic_checkpoint VALUES ('v2', 'quadriceps', '', "
                   "'2026-11-02', NULL, NULL, NULL)")  # fmt: skip
    db.close()
    journal = open_journal(path, create=False, now=datetime(2026, 11, 25, tzinfo=UTC))
    assert journal is not None
    rollup_is_a_grouping(query(journal))
    tables = {name for (name,) in journal.db.execute("SELECT name FROM sqlite_master")}
    assert "chronic_checkpoint" not in tables
    assert not any("checkpoint" in name for name in tables)
    journal.close()


def _as(database: Any, role: str) -> Query:
    def run(statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return database.as_role(role, statement.replace("?", "%s"), params)

    return run


def _cli(url: str, *args: str) -> str:
    result = CliRunner().invoke(app, ["--db", url, *args])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def test_a_postgres_journal_from_before_the_rollup_gets_it_at_setup(
    pg_database: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sorelog.store import migrations_postgres, opening_postgres

    steps = migrations_postgres.PG_MIGRATIONS
    names = [name for name, _ in steps]
    older = steps[: names.index("p003_day_rollup")]
    monkeypatch.setattr(migrations_postgres, "PG_MIGRATIONS", older)
    monkeypatch.setattr(opening_postgres, "PG_MIGRATIONS", older)
    set_up_sorelog(pg_database)
    for role, level in (("alice", "6"), ("bob", "3")):
        url = pg_database.url(role)
        _cli(url, "add", "quads", level, "--at", "2026-11-19T08:00")
        _cli(url, "add", "quads", "0", "calves", "2", "--at", "2026-11-19T20:00")
    monkeypatch.setattr(migrations_postgres, "PG_MIGRATIONS", steps)
    monkeypatch.setattr(opening_postgres, "PG_MIGRATIONS", steps)
    set_up_sorelog(pg_database)  # the tables' owner upgrades them
    for role in ("alice", "bob"):
        rollup_is_a_grouping(_as(pg_database, role))
        shown = _cli(pg_database.url(role), "report", "--as-of", "2026-11-20", "--json")
        assert '"quadriceps"' in shown
    tables = {name for (name,) in pg_database.admin("SELECT tablename FROM pg_tables")}
    assert "chronic_checkpoint" not in tables
    assert pg_database.admin("SELECT * FROM sorelog_meta WHERE key = 'checkpoint_epoch'") == []


def test_a_shared_reader_reads_the_rollup_and_writes_nothing(pg_database: Any) -> None:
    set_up_sorelog(pg_database)
    alice, bob = pg_database.url("alice"), pg_database.url("bob")
    for day, level in (("2026-11-17", 5), ("2026-11-18", 7), ("2026-11-19", 4)):
        _cli(alice, "add", "quads", str(level), "--at", f"{day}T08:00")
    _cli(alice, "remedy", "add", "ibuprofen", "--dose", "200 mg", "--at", "2026-11-18T09:00")
    _cli(alice, "share", "bob")
    journal = PostgresJournal(pg_database)
    before = journal.snapshot()
    mine = _cli(alice, "report", "--as-of", "2026-11-20", "--json")
    assert _cli(bob, "report", "--as-of", "2026-11-20", "--json", "--person", "alice") == mine
    for command in (["summary", "-o", "-"], ["chart"], ["list"], ["remedy", "list"]):
        _cli(bob, *command, "--person", "alice")
        _cli(alice, *command)
    assert journal.snapshot() == before
