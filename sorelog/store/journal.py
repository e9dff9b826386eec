"""Finding, creating, checking and upgrading the journal file."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sorelog.errors import SorelogError
from sorelog.store.migrations import MIGRATIONS, migrate, schema_version
from sorelog.when import LocalZone


def _busy_timeout() -> float:
    """How long to wait for another writer: SORELOG_BUSY_TIMEOUT seconds, default 5."""
    try:
        return max(0.0, float(os.environ.get("SORELOG_BUSY_TIMEOUT", "5")))
    except ValueError:
        return 5.0


BUSY_TIMEOUT_SECONDS = _busy_timeout()


def default_db_path() -> Path:
    """<user data dir>/sorelog.db, e.g. ~/.local/share/sorelog/sorelog.db on Linux."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("sorelog")) / "sorelog.db"


@dataclass
class Journal:
    """An open, up-to-date journal: a sqlite3 connection for reads, an engine for writes."""

    path: Path
    db: sqlite3.Connection
    _engine: Any = field(default=None, repr=False)

    def engine(self) -> Any:
        """The SQLModel/SQLAlchemy engine, created on first write."""
        if self._engine is None:
            from sorelog.store.writes import make_engine

            self._engine = make_engine(self.path)
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Any]:
        """A SQLModel session for writing; a storage failure becomes one clear SorelogError."""
        from sqlalchemy.exc import OperationalError
        from sqlmodel import Session

        try:
            with Session(self.engine()) as session:
                yield session
        except OperationalError as exc:
            raise storage_error(self.path, exc.orig or exc) from None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        self.db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) that waits for writers."""
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def open_journal(path: Path, *, create: bool, zone: LocalZone | None = None) -> Journal | None:
    """Open the journal at `path`, upgrading an older schema in place.

    Returns None when the file does not exist and `create` is false (nothing to
    read yet). A directory, a file that is not a sorelog journal, or a journal
    from a newer sorelog raises SorelogError and leaves the file untouched.
    """
    path = path.expanduser()
    if path.is_dir():
        raise SorelogError(f"journal path {path} is a directory; give a file path with --db")
    if not path.exists():
        if not create:
            return None
        _create_private_file(path)
    _check_readable_journal(path)
    try:
        db = connect(path)
    except sqlite3.Error as exc:
        raise storage_error(path, exc) from None
    try:
        if schema_version(db) < len(MIGRATIONS):
            db.execute("PRAGMA journal_mode = WAL")
            migrate(db)
        if zone is not None:
            align_days(db, zone)
    except BaseException as exc:
        db.close()
        if isinstance(exc, sqlite3.Error):
            raise storage_error(path, exc) from None
        raise
    return Journal(path=path, db=db)


DAY_TABLES = ("soreness", "remedy_use", "side_effect")


def align_days(db: sqlite3.Connection, zone: LocalZone) -> None:
    """Keep every record's calendar day in the person's current time zone.

    Days are stored with each record so reports can group by them in SQL; when the
    zone changes (config `timezone`, or the system's), they are worked out again, once.
    """
    wanted = zone.fingerprint()
    row = db.execute("SELECT value FROM sorelog_meta WHERE key = 'day_zone'").fetchone()
    if row is not None and row[0] == wanted:
        return
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc).lower():
            return  # a read-only journal keeps the days it has
        raise
    try:
        if row is not None:
            for table in DAY_TABLES:
                moments = db.execute(f"SELECT id, at FROM {table}").fetchall()
                db.executemany(
                    f"UPDATE {table} SET day = ? WHERE id = ?",
                    [(zone.day_of(_utc(at)).isoformat(), ident) for ident, at in moments],
                )
        db.execute(
            "INSERT INTO sorelog_meta (key, value) VALUES ('day_zone', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (wanted,),
        )
        db.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        db.execute("ROLLBACK")
        if "readonly" in str(exc).lower():
            return
        raise
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _create_private_file(path: Path) -> None:
    """Create missing directories 0700 and the journal file 0600: this is health data."""
    missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    try:
        for directory in reversed(missing):
            directory.mkdir(mode=0o700)
            directory.chmod(0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass  # another sorelog created it a moment ago
    except OSError as exc:
        raise SorelogError(f"cannot create journal {path}: {exc.strerror}") from None


def _header_version(path: Path) -> int | None:
    """The schema version from the file header, read without SQLite (so nothing is created
    beside a journal that will be refused); None for an empty file."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise SorelogError(f"cannot read journal {path}: {exc.strerror}") from None
    if not header:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise SorelogError(f"{path} is not a sorelog journal (not an SQLite database)")
    return int.from_bytes(header[60:64], "big")


def _refuse_newer(path: Path, version: int) -> None:
    if version > len(MIGRATIONS):
        raise SorelogError(
            f"journal {path} was written by a newer sorelog (schema {version}; this one "
            f"knows up to {len(MIGRATIONS)}); upgrade sorelog to open it"
        )


def _check_readable_journal(path: Path) -> None:
    """Look at the file before anything may write to it: ours, and not from a newer sorelog."""
    header_version = _header_version(path)
    if header_version is None:
        return  # an empty file: a journal about to be made
    _refuse_newer(path, header_version)
    try:
        uri = path.resolve().as_uri() + "?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise storage_error(path, exc) from None
    try:
        db.execute("BEGIN")  # one snapshot: version and tables must agree
        version = schema_version(db)
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        db.execute("COMMIT")
    except sqlite3.Error as exc:
        raise storage_error(path, exc) from None
    finally:
        db.close()
    _refuse_newer(path, version)
    if version == 0 and tables - {"sorelog_migrations"}:
        raise SorelogError(f"{path} is an SQLite database but not a sorelog journal")
    if version > 0 and "sorelog_migrations" not in tables:
        raise SorelogError(f"{path} is an SQLite database but not a sorelog journal")


def storage_error(path: Path, exc: Exception) -> SorelogError:
    """Turn a storage failure into one line the person can act on."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return SorelogError(f"journal {path} is locked by another program; try again shortly")
    if "not a database" in text or "malformed" in text:
        return SorelogError(f"{path} is not a sorelog journal (not an SQLite database)")
    if "readonly" in text or "read-only" in text:
        return SorelogError(f"journal {path} is read-only; check its permissions")
    if "unable to open" in text:
        return SorelogError(f"cannot open journal {path}; check the path and its permissions")
    return SorelogError(f"journal {path}: {exc}")
