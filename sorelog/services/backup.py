"""Backing the journal up: a journal file copied page by page, a journal on a server copied
row by row into a new journal file. Either way the copy is a journal sorelog opens."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sorelog.store import backup
from sorelog.store.backend import Journal


def backup_path(given: Path | None, journal_file: Path | None, now: datetime) -> Path:
    """Where the copy goes: the path given; in a directory given, or beside the journal file
    (else in the current directory), a new name with the moment in it."""
    directory = journal_file.parent if journal_file is not None else Path.cwd()
    if given is not None:
        given = given.expanduser()
        directory = given if given.is_dir() else given.parent
    if given is None or given.is_dir():
        return backup.default_backup_path(directory, now)
    return given


def back_up_file(journal_file: Path, dest: Path) -> Path:
    """A consistent copy of the journal file at `dest`, even while another sorelog writes;
    never over an existing file."""
    return backup.backup_journal(journal_file, dest)


def back_up_rows(journal: Journal, dest: Path, now: datetime) -> Path:
    """The rows this role sees in a journal on a server, as a new journal file at `dest`."""
    return backup.backup_postgres(journal, dest, now)
