"""Opening the journal file: creating it privately, checking it is ours, upgrading it.

Nothing is written beside a file that will be refused: a directory, a file that is not
a sorelog journal, or a journal from a newer sorelog is named and left untouched.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

from sorelog.domain.errors import InputError, SorelogError
from sorelog.domain.when import LocalZone
from sorelog.store.backend import Journal
from sorelog.store.days import align_days
from sorelog.store.journal import (
    BUSY_TIMEOUT_SECONDS,
    SqliteJournal,
    connect,
    damaged,
    storage_error,
)
from sorelog.store.migrations import MIGRATIONS, migrate, schema_version
from sorelog.store.private_files import make_private_dirs


def open_journal(
    location: Path | str,
    *,
    create: bool,
    now: datetime,
    zone: LocalZone | None = None,
    person: str | None = None,
) -> Journal | None:
    """Open the journal at `path`, upgrading an older schema in place.

    A string is a PostgreSQL URL, opened by store/opening_postgres.py instead; `person`
    (PostgreSQL only) reads the journal someone shared.

    Returns None when the file does not exist and `create` is false (nothing to
    read yet). A directory or anything else that is not a regular file, a file that
    is not a sorelog journal, a damaged one, or a journal from a newer sorelog raises
    SorelogError and leaves the file untouched. A journal that cannot be written
    (a read-only mount) is opened read-only for reading, and refused for writing.
    """
    if isinstance(location, str):  # a postgresql:// URL (store.paths.journal_location)
        from sorelog.store.opening_postgres import open_postgres_journal

        return open_postgres_journal(location, create=create, now=now, zone=zone, person=person)
    if person is not None:
        raise InputError(
            "--person reads a journal shared on a PostgreSQL server; a journal file "
            "holds one person's entries"
        )
    path = location.expanduser()
    if not _regular_file_or_absent(path):
        if not create:
            return None
        _create_private_file(path)
    elif create and path.stat().st_size == 0:
        _make_private(path)  # an empty file made by someone else, about to hold health data
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    if create and not writable:
        raise SorelogError(f"journal {path} is read-only; check its permissions")
    _check_readable_journal(path, writable)
    try:
        db = connect(path) if writable else _connect_read_only(path)
    except sqlite3.Error as exc:
        raise storage_error(path, exc) from None
    try:
        if schema_version(db) < len(MIGRATIONS):
            if not writable:
                raise SorelogError(
                    f"journal {path} is from an older sorelog and read-only, so it cannot be "
                    "upgraded; copy it somewhere writable, or check its permissions"
                )
            migrate(db, now)
        if writable:
            _use_wal(db)
        if zone is not None:
            align_days(db, zone)
    except BaseException as exc:
        db.close()
        if isinstance(exc, sqlite3.Error):
            raise storage_error(path, exc) from None
        raise
    return SqliteJournal(path, db)


def check_existing(path: Path) -> bool:
    """For a command that reads the file directly (backup): False when there is none;
    refuses what open_journal refuses, and finishes a write a crash left undone."""
    if not _regular_file_or_absent(path):
        return False
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    _check_readable_journal(path, writable)
    return True


def _regular_file_or_absent(path: Path) -> bool:
    """True for a regular file, False when nothing is there; anything else is refused at once
    (a FIFO would hang, a device or a symbolic-link loop would be misread)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise SorelogError(
                f"journal path {path} is a symbolic link to {os.readlink(path)}, which does "
                "not exist; give a file path with --db"
            ) from None
        return False
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SorelogError(
                f"journal path {path} is a loop of symbolic links; give a file path with --db"
            ) from None
        raise SorelogError(f"cannot open journal {path}: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise SorelogError(f"journal path {path} is a directory; give a file path with --db")
    if not stat.S_ISREG(mode):
        what = (
            "a FIFO"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or (stat.S_ISBLK(mode))
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a file"
        )
        raise SorelogError(
            f"journal path {path} is {what}, not a regular file; give a file path with --db"
        )
    return True


def _make_private(path: Path) -> None:
    try:
        path.chmod(0o600)
    except OSError as exc:
        raise SorelogError(f"cannot make journal {path} private: {exc.strerror}") from None


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing, for a journal sorelog cannot write (a read-only
    mount): nobody can change the file there, so SQLite may read it as immutable."""
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)


def _use_wal(db: sqlite3.Connection) -> None:
    """Put the journal (back) in WAL mode: a backup copied back over it is in rollback mode,
    where readers wait for writers and a crash leaves a hot -journal file."""
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        db.execute("PRAGMA journal_mode = WAL")


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
    _check_size(path, header)
    return int.from_bytes(header[60:64], "big")


def _check_size(path: Path, header: bytes) -> None:
    """A journal cut short (a copy stopped halfway, a full disk) is shorter than its header
    says; SQLite would only notice on the first page it cannot find."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    size_is_valid = header[24:28] == header[92:96]  # else an old SQLite left it unset
    if not size_is_valid or Path(f"{path}-wal").exists():
        return  # pages still in the write-ahead log are not in the file yet
    if path.stat().st_size < page_size * pages:
        raise damaged(path, f"cut short: {path.stat().st_size} of {page_size * pages} bytes")


def _finish_crashed_write(path: Path, writable: bool) -> None:
    """Undo a write a crash left half done in rollback mode (a 'hot' -journal file beside a
    journal restored from a backup). A read-only look cannot do it, so SQLite is let in to
    read-write; where it cannot write, the real problem is named."""
    hot = Path(f"{path}-journal")
    try:
        if hot.stat().st_size == 0:
            return
    except FileNotFoundError:
        return
    if not writable:
        raise SorelogError(
            f"journal {path} has a write a crash left unfinished ({hot.name}), and undoing it "
            f"needs to write; check the permissions of {path} and its directory"
        )
    try:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # rolls it back
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise storage_error(path, exc) from None


def _refuse_newer(path: Path, version: int) -> None:
    if version > len(MIGRATIONS):
        raise SorelogError(
            f"journal {path} was written by a newer sorelog (schema {version}; this one "
            f"knows up to {len(MIGRATIONS)}); upgrade sorelog to open it"
        )


def _check_readable_journal(path: Path, writable: bool) -> None:
    """Look at the file before anything may write to it: ours, and not from a newer sorelog."""
    header_version = _header_version(path)
    if header_version is None:
        return  # an empty file: a journal about to be made
    _refuse_newer(path, header_version)
    _finish_crashed_write(path, writable)
    try:
        uri = path.resolve().as_uri() + ("?mode=ro" if writable else "?mode=ro&immutable=1")
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
