"""A private journal and environment for every test: no test can touch a real home."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
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


@pytest.fixture
def journal(private_env: Path) -> Journal:
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
