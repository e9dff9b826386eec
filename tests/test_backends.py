"""Both journal backends implement store/backend.py's one interface, and neither is built
on the other: the store reads and writes a `Journal` without asking which database holds
it, and a third backend is one more class that fills in the same few methods."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FROZEN_NOW, set_up_sorelog
from sorelog.domain.errors import InputError, SorelogError
from sorelog.domain.values import Limit
from sorelog.store import open_journal
from sorelog.store.backend import Journal
from sorelog.store.journal import SqliteJournal
from sorelog.store.postgres import PostgresJournal
from sorelog.store.reads import limits
from sorelog.store.sharing import NOT_SHARED_HERE, role_of
from sorelog.store.writes import set_limit

BACKENDS = {"sqlite": SqliteJournal, "postgresql": PostgresJournal}
# Written once in the interface; a backend that wrote its own would drift from the others.
SHARED = ("engine", "session", "writing", "close", "__enter__", "__exit__")


@pytest.mark.parametrize("kind", sorted(BACKENDS))
def test_each_backend_fills_in_the_whole_interface(kind: str) -> None:
    backend = BACKENDS[kind]
    assert issubclass(backend, Journal)
    assert not inspect.isabstract(backend), backend.__abstractmethods__
    assert backend.dialect == kind
    assert backend.write_lock


def test_neither_backend_is_built_on_the_other() -> None:
    assert not issubclass(PostgresJournal, SqliteJournal)
    assert not issubclass(SqliteJournal, PostgresJournal)
    assert PostgresJournal.__bases__ == SqliteJournal.__bases__ == (Journal,)


@pytest.mark.parametrize("kind", sorted(BACKENDS))
def test_what_backends_share_is_written_once(kind: str) -> None:
    own = vars(BACKENDS[kind])
    assert [name for name in SHARED if name in own] == []


@pytest.fixture(params=sorted(BACKENDS))
def opened(request: pytest.FixtureRequest, private_env: Path) -> Iterator[Journal]:
    """A journal opened for writing on each backend, as the commands open it."""
    location: Path | str = private_env / "journal" / "sorelog.db"
    if request.param == "postgresql":
        database = request.getfixturevalue("pg_database")
        set_up_sorelog(database)
        location = database.url("alice")
    journal = open_journal(location, create=True, now=FROZEN_NOW)
    assert journal is not None
    with journal:
        yield journal


def test_a_journal_is_written_and_read_through_the_interface_alone(opened: Journal) -> None:
    assert isinstance(opened, BACKENDS[opened.dialect])
    set_limit(opened, Limit(remedy="ibuprofen", max_days=3))  # a write in writing()
    assert limits(opened)["ibuprofen"].max_days == 3
    found = opened.db.execute("SELECT max_days FROM remedy_limit WHERE remedy = ?", ("ibuprofen",))
    assert [tuple(row) for row in found] == [(3,)]
    assert [tuple(row) for row in opened.stream("SELECT remedy FROM remedy_limit")] == [
        ("ibuprofen",)
    ]
    assert opened.reads_own


def test_a_journal_names_itself_and_whose_rows_it_reads(opened: Journal) -> None:
    if opened.dialect == "sqlite":
        assert opened.name.endswith("sorelog.db")
        assert (opened.role, opened.viewed) == (None, None)
        with pytest.raises(InputError) as refused:
            role_of(opened)
        assert str(refused.value) == NOT_SHARED_HERE
    else:
        assert "alice-pw" not in opened.name and opened.name.startswith("postgresql://alice@")
        assert opened.role == opened.viewed == role_of(opened) == "alice"


def test_a_driver_error_while_open_leaves_as_one_line(opened: Journal) -> None:
    with pytest.raises(SorelogError) as raised, opened:
        opened.db.execute("SELECT 1 FROM no_such_table")
    assert "no_such_table" in str(raised.value)
    assert "\n" not in str(raised.value)
