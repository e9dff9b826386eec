"""Writing health data to a file: private (0600) and never half written."""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

T = TypeVar("T")

JOURNAL_FILES = ("", "-wal", "-shm", "-journal")  # a SQLite journal and the files beside it


def names_journal(output: Path, journal: Path | None) -> bool:
    """Whether writing `output` would write over the journal or a file SQLite keeps beside
    it (its write-ahead log, shared memory or rollback journal), by any name: the same path
    after links are followed, or another name for the same file (a hard link)."""
    if journal is None:
        return False
    base = os.path.realpath(journal)
    if os.path.realpath(output) in {base + side for side in JOURNAL_FILES}:
        return True
    try:
        written = os.stat(output)
    except OSError:
        return False
    for side in JOURNAL_FILES:
        with contextlib.suppress(OSError):
            kept = os.stat(base + side)
            if (kept.st_dev, kept.st_ino) == (written.st_dev, written.st_ino):
                return True
    return False


def is_stream(path: Path) -> bool:
    """A FIFO, a character device (/dev/null, a terminal), a socket, or a name for a
    stream this process holds (/dev/stdout, /dev/fd/N from `>(...)`): written to as it
    is, never replaced by a new file."""
    if os.path.realpath(path).startswith("/proc/") or str(path).startswith("/dev/"):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode)


def make_private_dirs(directory: Path) -> None:
    """Create missing directories 0700, as the journal's and the config file's are."""
    missing = [p for p in (directory, *directory.parents) if not p.exists()]
    for each in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another sorelog made it a moment ago
            each.mkdir(mode=0o700)
            each.chmod(0o700)


def write_private(path: Path, data: bytes, *, make_dirs: bool = False) -> None:
    """Replace `path` with `data` in one step, through a 0600 temporary file beside it.

    A reader sees the old file or the new one, never a part; OSError is left to the
    caller, who knows what the file is for and says so.
    """
    write_private_with(path, lambda out: out.write(data), make_dirs=make_dirs)


def write_private_text(path: Path, write: Callable[[IO[str]], T]) -> T:
    """As write_private, for text that `write` produces piece by piece (a big export is
    never held whole); returns what `write` returns."""
    found: list[T] = []

    def text(out: IO[bytes]) -> None:
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")
        found.append(write(wrapper))
        wrapper.flush()
        wrapper.detach()

    write_private_with(path, text)
    return found[0]


def write_private_with(
    path: Path, write: Callable[[IO[bytes]], object], *, make_dirs: bool = False
) -> None:
    """The one way a private file is replaced: a 0600 temporary file, fsync, rename. A
    stream (a FIFO, a device, /dev/stdout) is written to instead: there is nothing to
    replace, and replacing it would break it for everyone."""
    if is_stream(path):
        with open(path, "wb") as out:
            write(out)
            out.flush()
        return
    if make_dirs:
        make_private_dirs(path.parent)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, 0o600)
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
