"""An open journal: a connection for reads, an engine for writes, errors named.

`Journal` is a SQLite file; store/postgres.py's PostgresJournal is the same interface on a
PostgreSQL server, chosen by the location's scheme (store/opening.open_journal).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from sorelog.domain.errors import SorelogError
from sorelog.store.day_rollup import SQLITE, Rollup


def _busy_timeout() -> float:
    """How long to wait for another writer: SORELOG_BUSY_TIMEOUT seconds, default 5."""
    try:
        return max(0.0, float(os.environ.get("SORELOG_BUSY_TIMEOUT", "5")))
    except ValueError:
        return 5.0


BUSY_TIMEOUT_SECONDS = _busy_timeout()


@dataclass
class Journal:
    """An open, up-to-date journal: a connection for reads (`db.execute(sql, params)` with
    `?` placeholders), an engine for writes."""

    path: Path | None
    db: Any  # sqlite3.Connection, or postgres.PostgresConnection with the same face
    _engine: Any = field(default=None, repr=False)
    dialect: ClassVar[str] = "sqlite"
    # The soreness rollup's tables, triggers and day arithmetic in this dialect.
    day_rollup: ClassVar[Rollup] = SQLITE
    # Begins a read of several statements that all see one state of the journal.
    snapshot: ClassVar[str] = "BEGIN"

    @property
    def name(self) -> str:
        """How messages name the journal."""
        return str(self.path)

    @property
    def viewed(self) -> str | None:
        """The role whose rows are read, on PostgreSQL (a journal file has no roles)."""
        return None

    @property
    def reads_own(self) -> bool:
        """False while reading a journal someone else shared: nothing may be written."""
        return True

    def queries(self, dbapi_connection: Any) -> Any:
        """A writing session's driver connection with the face reads use (`?` placeholders)."""
        return dbapi_connection

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        """Rows one at a time from the cursor, for reads too large to hold."""
        return iter(self.db.execute(sql, params))

    def engine(self) -> Any:
        """The SQLModel/SQLAlchemy engine, created on first write."""
        if self._engine is None:
            assert self.path is not None
            self._engine = make_engine(self.path)
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Any]:
        """A SQLModel session for writing; a storage failure becomes one clear SorelogError."""
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        try:
            with Session(self.engine()) as session:
                yield session
        except DBAPIError as exc:
            failure = self.session_failure(exc)
            if failure is None:
                raise
            raise failure from None

    def session_failure(self, exc: Any) -> SorelogError | None:
        """A driver error wrapped by SQLAlchemy in a writing session, as one line; None
        lets it through (on SQLite, only failures of the file itself are named)."""
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            return storage_error(self.path or Path(), exc.orig or exc)
        return None

    # A write first, which takes SQLite's lock on the whole file.
    write_lock: ClassVar[str] = "DELETE FROM record_ids WHERE 0"

    @contextmanager
    def writing(self) -> Iterator[Any]:
        """A session that holds the write lock from its start, so what it checks before
        writing (units in use, ids taken) cannot change under it: check and write are one
        transaction, whatever other sorelog runs do at the same moment."""
        with self.session() as session:
            session.connection().exec_driver_sql(self.write_lock)
            yield session

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        self.db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, kind: object, exc: object, trace: object) -> None:
        """Close; a storage failure while it was open becomes one line the person can act on
        (a damaged page is found only when a read reaches it)."""
        self.close()
        failure = self.failure(exc)
        if failure is not None:
            raise failure from None

    def failure(self, exc: object) -> SorelogError | None:
        """The driver's own error, as one line; None for anything else."""
        if isinstance(exc, sqlite3.Error):
            return storage_error(self.path or Path(), exc)
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
