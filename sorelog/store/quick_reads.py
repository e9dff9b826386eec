"""Reads for shell completion: the standard library's sqlite3, read-only, never waiting.

This runs on every Tab press, so it stays light (no SQLModel, SQLAlchemy or pydantic)
and never gets in the way: no locks taken and no files left beside the journal.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Wait briefly for a writer: a Tab press that hangs is worse than one that offers nothing.
TIMEOUT_SECONDS = 0.5
REMEDY_NAMES = "SELECT remedy FROM remedy_use UNION SELECT remedy FROM remedy_limit"


def remedy_names(path: Path) -> list[str]:
    """Every distinct remedy name in the journal, sorted; opens it read-only.

    A journal that is missing or cannot be read (locked, not SQLite, an older schema)
    gives no names: completion must never get in the way.
    """
    try:
        return _remedy_names(path)
    except (sqlite3.Error, OSError, ValueError):
        return []


def _remedy_names(path: Path) -> list[str]:
    if not path.is_file():  # mode=ro never creates a file, but say so plainly
        return []
    # immutable: no locks and no -wal/-shm files left beside the journal after a Tab press
    # (names written since the last checkpoint may be missed; every sorelog run ends with one)
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    db = sqlite3.connect(uri, uri=True, timeout=TIMEOUT_SECONDS)
    try:
        rows = db.execute(REMEDY_NAMES).fetchall()
    finally:
        db.close()
    return sorted({row[0] for row in rows if isinstance(row[0], str) and row[0].isprintable()})
