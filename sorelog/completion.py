"""Shell completion of the remedy names already in the journal.

This runs on every Tab press, so it stays light: the standard library's sqlite3,
read-only, and no SQLModel, SQLAlchemy or pydantic. Completion must never get in
the way, so any failure (no journal yet, locked, not SQLite, an older schema)
simply offers nothing.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import typer

# Wait briefly for a writer: a Tab press that hangs is worse than one that offers nothing.
TIMEOUT_SECONDS = 0.5
REMEDY_NAMES = "SELECT remedy FROM remedy_use UNION SELECT remedy FROM remedy_limit"


def complete_remedy(incomplete: str, ctx: typer.Context | None = None) -> list[str]:
    """Remedy names used or limited in the journal that start with what was typed.

    Names are stored lower-case; Typer keeps only exact-prefix matches, so 'IB'
    offers nothing rather than a word the shell could not substitute.
    """
    try:
        names = remedy_names(journal_path(ctx))
    except (sqlite3.Error, OSError, ValueError):
        return []
    return [name for name in names if name.startswith(incomplete)]


def journal_path(ctx: typer.Context | None = None) -> Path:
    """The journal the command line names: --db (or SORELOG_DB), else the default path."""
    given = ctx.find_root().params.get("db") if ctx is not None else None
    if given is None and (env := os.environ.get("SORELOG_DB")):
        given = env
    if given is None:
        from sorelog.store.journal import default_db_path

        return default_db_path()
    return Path(given).expanduser()


def remedy_names(path: Path) -> list[str]:
    """Every distinct remedy name in the journal, sorted; opens it read-only."""
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
