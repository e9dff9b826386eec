"""A journal in a SQLite file: sorelog's own backend, and the one a journal starts as.

`SqliteJournal` implements store/backend.py's `Journal`, the interface the rest of the
store reads and writes through; store/postgres.py's PostgresJournal is the other one,
chosen by the location's scheme (store/opening.open_journal).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from sorelog.domain.errors import SorelogError
from sorelog.store.backend import Journal as Journal  # the interface, named here for its readers
from sorelog.store.day_rollup import SQLITE, Rollup


def _busy_timeout() -> float:
    """How long to wait for another writer: SORELOG_BUSY_TIMEOUT seconds, default 5."""
    try:
        return max(0.0, float(os.environ.get("SORELOG_BUSY_TIMEOUT", "5")))
    except ValueError:
        return 5.0


BUSY_TIMEOUT_SECONDS = _busy_timeout()


class SqliteJournal(Journal):
    """A journal file, read through a sqlite3 connection; written through an engine whose
    connections wait for other writers."""

    dialect: ClassVar[str] = "sqlite"
    # A write first, which takes SQLite's lock on the whole file.
    write_lock: ClassVar[str] = "DELETE FROM record_ids WHERE 0"
    bulk_placeholder: ClassVar[str | None] = None  # sqlite3's own date adapters are deprecated
    # A page cache of 64 MB for the import's connection (the default is 2 MB): a million
    # rows' index pages then stay in memory instead of being read back from the file.
    bulk_settings: ClassVar[tuple[str, ...]] = ("PRAGMA cache_size = -65536",)
    # The soreness rollup's tables, triggers and day arithmetic in this dialect.
    day_rollup: ClassVar[Rollup] = SQLITE
    # Begins a read of several statements that all see one state of the journal.
    snapshot: ClassVar[str] = "BEGIN"
    part_day_row: ClassVar[str] = "(?, ?, ?)"  # days are text here
    same: ClassVar[str] = "IS"

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        super().__init__(db)
        self.path = path

    @property
    def name(self) -> str:
        return str(self.path)

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        return iter(self.db.execute(sql, params))

    def queries(self, dbapi_connection: Any) -> Any:
        return dbapi_connection  # sqlite3 itself

    def open_engine(self) -> Any:
        return make_engine(self.path)

    def session_failure(self, exc: Any) -> SorelogError | None:
        """Only failures of the file itself are named (locked, read-only, damaged)."""
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            return storage_error(self.path, exc.orig or exc)
        return None

    def failure(self, exc: object) -> SorelogError | None:
        if isinstance(exc, sqlite3.Error):
            return storage_error(self.path, exc)
        return None


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) that waits for writers."""
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def make_engine(path: Path) -> Any:
    """An engine whose connections wait for other writers instead of failing at once."""
    from sqlalchemy.pool import NullPool
    from sqlmodel import create_engine

    def connect_for_engine() -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    return create_engine("sqlite://", creator=connect_for_engine, poolclass=NullPool)


def damaged(path: Path, detail: str) -> SorelogError:
    """A journal that is ours but damaged, with the newest backup beside it, if there is one."""
    backups = sorted(path.parent.glob("sorelog-backup-*.db"), key=lambda p: p.stat().st_mtime)
    if backups:
        newest = backups[-1]
        advice = f"the newest backup beside it is {newest} (copy it over the journal to restore)"
    else:
        advice = "no backup was found beside it"
    return SorelogError(f"journal {path} is damaged ({detail}); {advice}")


def storage_error(path: Path, exc: Exception) -> SorelogError:
    """Turn a storage failure into one line the person can act on."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return SorelogError(f"journal {path} is locked by another program; try again shortly")
    if "not a database" in text or "malformed" in text:
        # The header was read and is SQLite's (opening checks it first): the rest is damaged.
        return damaged(path, "SQLite reports it malformed")
    if "readonly" in text or "read-only" in text:
        return SorelogError(f"journal {path} is read-only; check its permissions")
    if "unable to open" in text:
        return SorelogError(f"cannot open journal {path}; check the path and its permissions")
    return SorelogError(f"journal {path}: {exc}")
