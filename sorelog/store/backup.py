"""Copies of the journal made with SQLite's online backup, safe while another sorelog writes."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from sorelog.domain.errors import InputError, SorelogError
from sorelog.store.backend import Journal
from sorelog.store.days import DAY_TABLES
from sorelog.store.journal import BUSY_TIMEOUT_SECONDS, damaged, storage_error
from sorelog.store.opening import check_existing

SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


def default_backup_path(directory: Path, now: datetime) -> Path:
    """sorelog-backup-YYYYMMDD-HHMMSS.db in `directory`, in local time; a second backup in
    the same second gets -2, -3... rather than failing on a name already taken."""
    stem = f"sorelog-backup-{now:%Y%m%d-%H%M%S}"
    candidate = directory / f"{stem}.db"
    count = 1
    while candidate.exists() or candidate.is_symlink():
        count += 1
        candidate = directory / f"{stem}-{count}.db"
    return candidate


def backup_journal(source: Path, dest: Path) -> Path:
    """A consistent copy through SQLite's online backup, written 0600; never overwrites.

    The copy is made under a temporary name and linked into place, so `dest` either
    does not exist or is a complete journal, even if another process writes meanwhile.
    """
    source = source.expanduser()
    if not check_existing(source):
        raise SorelogError(f"no journal at {source} to back up (give the journal with --db)")
    return _write_new(dest, lambda temporary: _copy(source, temporary))


def backup_postgres(journal: Journal, dest: Path, now: datetime) -> Path:
    """Your rows of a PostgreSQL journal as a new SQLite journal, written 0600; never
    overwrites. Row-level security decides what is copied: your own rows only."""
    return _write_new(dest, lambda temporary: _copy_rows(journal, temporary, now))


def _write_new(dest: Path, fill: Callable[[Path], None]) -> Path:
    """Fill a temporary file beside `dest`, then link it into place: `dest` either does not
    exist or is a complete journal, and an existing file is never overwritten."""
    for suffix in SQLITE_SIDE_FILES:
        if dest.name.endswith(suffix) and dest.name != suffix:
            raise InputError(
                f"{dest} is a name SQLite uses for a journal's unfinished writes ({suffix}); "
                "give the backup another name"
            )
    if dest.exists():
        raise InputError(f"{dest} already exists; a backup never overwrites, give a new path")
    if not dest.parent.is_dir():
        raise SorelogError(f"cannot write {dest}: the directory {dest.parent} does not exist")
    try:
        fd, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
    except OSError as exc:
        raise SorelogError(f"cannot write in {dest.parent}: {exc.strerror}") from None
    os.close(fd)  # mkstemp made it 0600, and SQLite keeps the mode of the file it opens
    temporary = Path(name)
    try:
        fill(temporary)
        try:
            os.link(temporary, dest)  # fails, rather than overwrites, if dest appeared meanwhile
        except FileExistsError:
            raise InputError(f"{dest} already exists; a backup never overwrites") from None
        except OSError:  # a file system without hard links
            if dest.exists():
                raise InputError(f"{dest} already exists; a backup never overwrites") from None
            os.replace(temporary, dest)
    finally:
        for side in ("", *SQLITE_SIDE_FILES):
            Path(f"{temporary}{side}").unlink(missing_ok=True)
    return dest


# SQLite keeps instants as fixed-width UTC text (see store/tables.UTC_DATETIME).
SQLITE_INSTANT = "%Y-%m-%dT%H:%M:%S.%f+00:00"


def _copy_rows(journal: Journal, target: Path, now: datetime) -> None:
    """Every table of the journal, as the role sees it, into a new SQLite journal."""
    from sorelog.store.opening import open_journal

    copy = open_journal(target, create=True, now=now)
    assert copy is not None
    db = copy.db
    try:
        db.execute("BEGIN IMMEDIATE")
        for table in (*DAY_TABLES, "remedy_limit", "record_ids"):
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            rows = journal.stream(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1")
            db.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                (tuple(_sqlite_cell(cell) for cell in row) for row in rows),
            )
        # The zone the copied days are in: a later sorelog in another zone then works them
        # out again, as it would for the journal itself.
        marker = journal.db.execute(
            "SELECT value FROM sorelog_meta WHERE key = 'day_zone'"
        ).fetchone()
        if marker is not None:
            db.execute(
                "INSERT INTO sorelog_meta (key, value) VALUES ('day_zone', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (marker[0],),
            )
        db.execute("COMMIT")
        db.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        copy.close()


def _sqlite_cell(cell: object) -> object:
    if isinstance(cell, datetime):
        return cell.astimezone(UTC).strftime(SQLITE_INSTANT)
    if isinstance(cell, date):
        return cell.isoformat()
    return cell


def _copy(source: Path, target: Path) -> None:
    try:
        uri = source.resolve().as_uri() + "?mode=ro"
        src = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            if int(src.execute("PRAGMA user_version").fetchone()[0]) < 1:
                raise SorelogError(f"{source} is not a sorelog journal")
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)  # all pages in one step: one consistent snapshot
                dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                found = dst.execute("PRAGMA integrity_check(1)").fetchone()[0]
                if found != "ok":  # an equally damaged copy is no backup
                    raise damaged(source, f"{found}; no backup was written")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise storage_error(source, exc) from None
