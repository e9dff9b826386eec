"""The one small interface every journal backend implements, and what they all share.

A backend says how it makes a writing engine, how it names itself and its failures, and
how its reads stream; reading through `db`, writing in one locked session and closing
are the same for every backend, so they are written here once. The store reads and
writes a `Journal` without asking which database holds it: store/journal.py's
SqliteJournal is a file, store/postgres.py's PostgresJournal a server.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar, Self

from sorelog.domain.errors import SorelogError
from sorelog.store.day_rollup import Rollup


class Journal(ABC):
    """An open, up-to-date journal: a connection for reads (`db.execute(sql, params)` with
    `?` placeholders, an iterable cursor back), an engine for writes, errors named."""

    # The SQL dialect's name, for the rare statement whose text differs between backends.
    dialect: ClassVar[str]
    # A statement that takes this person's write lock, as the first of a writing session.
    write_lock: ClassVar[str]
    # A bulk insert's placeholder when the driver takes dates and instants as Python
    # values; None: they go through the column types' converters, as the ORM sends them.
    bulk_placeholder: ClassVar[str | None]
    # Statements run as a bulk import starts writing (its connection's settings).
    bulk_settings: ClassVar[tuple[str, ...]]
    # The soreness day rollup's tables, triggers and day arithmetic in this dialect.
    day_rollup: ClassVar[Rollup]
    # Begins a read of several statements that all see one state of the journal.
    snapshot: ClassVar[str]
    # A (body part, side, day) row of parameters in a VALUES list, typed as the dialect
    # needs (PostgreSQL cannot guess a parameter's type there), and the comparison that
    # holds between two sides that are both missing.
    part_day_row: ClassVar[str]
    same: ClassVar[str]
    # The role this run is on a server; None where a journal holds one person (a file).
    role: str | None = None

    def __init__(self, db: Any) -> None:
        self.db = db
        self._engine: Any = None

    @property
    @abstractmethod
    def name(self) -> str:
        """How messages name the journal (never with a password)."""

    @property
    def viewed(self) -> str | None:
        """The role whose rows are read; None where a journal has no roles."""
        return None

    @property
    def reads_own(self) -> bool:
        """False while reading a journal someone else shared: nothing may be written."""
        return True

    @abstractmethod
    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        """Rows one at a time from the cursor, for reads too large to hold."""

    @abstractmethod
    def queries(self, dbapi_connection: Any) -> Any:
        """A writing session's driver connection with the face reads use (`?` placeholders)."""

    @abstractmethod
    def open_engine(self) -> Any:
        """A new SQLModel/SQLAlchemy engine on this journal."""

    @abstractmethod
    def session_failure(self, exc: Any) -> SorelogError | None:
        """A driver error wrapped by SQLAlchemy in a writing session, as one line; None
        lets it through."""

    @abstractmethod
    def failure(self, exc: object) -> SorelogError | None:
        """The driver's own error, as one line; None for anything else."""

    def engine(self) -> Any:
        """The engine for writes, made on the first write: a run that only reads never
        loads SQLAlchemy."""
        if self._engine is None:
            self._engine = self.open_engine()
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

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: object, exc: object, trace: object) -> None:
        """Close; a storage failure while it was open becomes one line the person can act on
        (a damaged page is found only when a read reaches it)."""
        self.close()
        failure = self.failure(exc)
        if failure is not None:
            raise failure from None
