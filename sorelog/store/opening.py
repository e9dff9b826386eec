"""Opening the journal file: creating it privately, checking it is ours, upgrading it.

Nothing is written beside a file that will be refused: a directory, a file that is not
a sorelog journal, or a journal from a newer sorelog is named and left untouched.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sorelog.domain.errors import SorelogError
from sorelog.domain.when import LocalZone
from sorelog.store.days import align_days
from sorelog.store.journal import BUSY_TIMEOUT_SECONDS, Journal, connect, storage_error
from sorelog.store.migrations import MIGRATIONS, migrate, schema_version
from sorelog.store.private_files import make_private_dirs


def open_journal(
    path: Path, *, create: bool, now: datetime, zone: LocalZone | None = None
) -> Journal | None:
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
            migrate(db, now)
        if zone is not None:
            align_days(db, zone)
    except BaseException as exc:
        db.close()
        if isinstance(exc, sqlite3.Error):
            raise storage_error(path, exc) from None
        raise
    return Journal(path=path, db=db)


def _create_private_file(path: Path) -> None:
    """Create missing directories 0700 and the journal file 0600: this is health data."""
    try:
        make_private_dirs(path.parent)
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
