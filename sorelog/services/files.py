"""Files a command writes for the person (an export, a summary): health data, so written
0600 and in one step, never over the journal, and a stream is written to, not replaced.

A failure to write is one line naming the file; the command words the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

from sorelog.domain.errors import SorelogError
from sorelog.store import private_files

T = TypeVar("T")


def names_journal(path: Path, journal: Path | None) -> bool:
    """Whether writing `path` would write over the journal file, or a file SQLite keeps
    beside it, by any name; never for a journal on a server (`journal` None)."""
    return private_files.names_journal(path, journal)


def is_stream(path: Path) -> bool:
    """Whether `path` is a stream (a pipe, a terminal, /dev/stdout): its reader wants the
    data alone, so what the command says about it goes to stderr."""
    return private_files.is_stream(path)


def write_private_text(path: Path, write: Callable[[IO[str]], T]) -> T:
    """Replace `path` with the text `write` produces piece by piece (never held whole);
    returns what `write` returns."""
    try:
        return private_files.write_private_text(path, write)
    except OSError as exc:
        raise SorelogError(f"cannot write {path}: {exc.strerror}") from None


def write_private_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data`."""
    try:
        private_files.write_private(path, data)
    except OSError as exc:
        raise SorelogError(f"cannot write {path}: {exc.strerror}") from None
