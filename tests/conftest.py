"""A private journal and environment for every test: no test can touch a real home."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from typer.testing import CliRunner

from sorelog.cli import app

# pg_cluster and pg_database: a real PostgreSQL server (tests/ is on sys.path, not a package).
pytest_plugins = ["postgres_server"]

# Every in-process test runs at this moment (the clock ticks on from it), whatever the hour,
# date or zone of the machine: the dates in tests are written against it. Tests that run
# sorelog in a real process (where the clock is the machine's) use only past dates and
# explicit --as-of days.
FROZEN_NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(FROZEN_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def private_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("SORELOG_DB", str(tmp_path / "journal" / "sorelog.db"))
    monkeypatch.setenv("SORELOG_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("SORELOG_DEBUG", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    time.tzset()
    return tmp_path


@dataclass
class Journal:
    """Runs the CLI against the test's journal file."""

    path: Path

    def run(self, *args: str, input: str | None = None) -> Any:
        return CliRunner().invoke(app, list(args), input=input)

    def ok(self, *args: str) -> str:
        result = self.run(*args)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result.stdout

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json"))

    def rows(self, table: str = "soreness") -> list[dict[str, Any]]:
        """The table's rows in insertion order, each keyed by column name."""
        if not self.path.exists():
            return []
        with sqlite3.connect(self.path) as db:
            db.row_factory = sqlite3.Row
            return [dict(row) for row in db.execute(f"SELECT * FROM {table} ORDER BY rowid")]

    def snapshot(self) -> bytes | None:
        """The journal's bytes, to show that a refused command changed nothing."""
        return self.path.read_bytes() if self.path.exists() else None


@dataclass
class DatabasePlace:
    """Where a PostgreSQL journal is, standing in for a journal file's path: it `exists()`
    once alice has a record or a limit in it, so "nothing was created" means the same on
    both backends (the zone her days are in is noted when she first opens it, as a file's
    is when it is first opened)."""

    database: Any

    def exists(self) -> bool:
        tables = ("soreness", "remedy_use", "remedy_limit", "side_effect", "workout", "checkin")
        union = " UNION ALL ".join(f"SELECT 1 FROM {t} WHERE owner = 'alice'" for t in tables)
        return bool(self.database.admin(union))

    @property
    def parent(self) -> DatabasePlace:
        """The database again: "no directory was made" holds when no table was."""
        return self

    def __str__(self) -> str:
        return str(self.database.url("alice"))


class PostgresJournal(Journal):
    """Runs the CLI against the test's own PostgreSQL database, as alice; rows as the
    admin sees them, shaped as SQLite keeps them, so the same assertions hold."""

    def __init__(self, database: Any) -> None:
        super().__init__(DatabasePlace(database))  # type: ignore[arg-type]
        self.database = database

    def rows(self, table: str = "soreness") -> list[dict[str, Any]]:
        import psycopg
        from psycopg.rows import dict_row

        order = "remedy" if table == "remedy_limit" else "id"
        with psycopg.connect(self.database.url("alice")) as conn:
            if not conn.execute(
                "SELECT 1 FROM pg_tables WHERE tablename = %s", (table,)
            ).fetchone():
                return []
            cursor = conn.cursor(row_factory=dict_row)
            found = cursor.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
        return [{k: _as_sqlite(v) for k, v in row.items() if k != "owner"} for row in found]

    def snapshot(self) -> bytes | None:
        """Every row of every table, to show that a refused command changed nothing."""
        tables = self.database.admin(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        )
        if not tables:
            return None
        # Column 1 is the owner, the same on most rows; sorting whole rows gives one order
        # whichever order the server's scan happened to return them in.
        dump = [
            (name, sorted(self.database.admin(f"SELECT * FROM {name}"), key=repr))
            for (name,) in tables
        ]
        return repr(dump).encode()


def set_up_sorelog(database: Any) -> None:
    """sorelog's tables in a test database, made by keeper (who keeps no journal there)."""
    result = CliRunner().invoke(app, ["--db", database.url("keeper"), "setup"])
    assert result.exit_code == 0, result.stderr


def _as_sqlite(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
    if isinstance(value, date):
        return value.isoformat()
    return value


# The command-line suites that run against both backends (every test in them that uses the
# `journal` fixture, except those marked sqlite_only).
BOTH_BACKENDS = {
    "test_cli_add", "test_cli_manage", "test_cli_remedies", "test_cli_report", "test_checkin",
    "test_workouts", "test_chart", "test_triage", "test_scenarios", "test_transfer",
    "test_remedy_rules", "test_summary", "test_bad_input", "test_readme", "test_meta",
    "test_checkpoints", "test_clinical", "test_levels_surfaces", "test_untrusted_rows",
    "test_input_limits", "test_kind_statement", "test_workout_import",
}  # fmt: skip


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "journal" not in metafunc.fixturenames:
        return
    backends = ["sqlite"]
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if module in BOTH_BACKENDS and not metafunc.definition.get_closest_marker("sqlite_only"):
        backends.append("postgresql")
    metafunc.parametrize("backend", backends, indirect=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `pg` every test that needs the PostgreSQL server: the postgresql copies of the
    suites above and every test that asks for pg_cluster or pg_database, so that
    `pytest -m "not slow and not pg"` is the quick loop while editing (CI runs them all)."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and callspec.params.get("backend") == "postgresql"
        if on_postgres or "pg_cluster" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.pg)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A PostgreSQL test never skips: without a server it fails, or CI would pass having
    tested nothing there. A skip (say, of a missing driver) is reported as a failure."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and item.get_closest_marker("pg") and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"a PostgreSQL test may not skip ({reason})"


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def journal(
    private_env: Path, backend: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Journal:
    if backend == "postgresql":
        database = request.getfixturevalue("pg_database")
        set_up_sorelog(database)
        monkeypatch.setenv("SORELOG_DB", database.url("alice"))
        return PostgresJournal(database)
    return Journal(private_env / "journal" / "sorelog.db")


def pick(row: dict[str, Any], *columns: str) -> tuple[Any, ...]:
    """The named columns of a row, in order: pick(row, "body_part", "side")."""
    return tuple(row[column] for column in columns)


def assert_refused(result: Any, status: int = 2, says: str = "") -> None:
    """One line on stderr, the expected status, no traceback, nothing on stdout."""
    assert result.exit_code == status, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("sorelog: ")
    assert "Traceback" not in result.stderr
    assert says.lower() in lines[0].lower(), lines[0]
    assert result.stdout == ""
