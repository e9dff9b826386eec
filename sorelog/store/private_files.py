"""Writing health data to a file: private (0600) and never half written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


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
    if make_dirs:
        make_private_dirs(path.parent)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, 0o600)
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
