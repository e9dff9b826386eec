"""Writing health data to a file: private (0600) and never half written."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

T = TypeVar("T")


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
    """The one way a private file is replaced: a 0600 temporary file, fsync, rename."""
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
