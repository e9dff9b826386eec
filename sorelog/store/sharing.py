"""Giving another role read-only access to your journal on a PostgreSQL server.

A share is one row in `sorelog_shares`; the row-level security policies read it, so a
shared journal can be read by that role when it asks for you (`--person`), and never
changed by it.
"""

from __future__ import annotations

from sorelog.domain.errors import InputError
from sorelog.store.backend import Journal

NOT_SHARED_HERE = (
    "sharing needs a journal on a PostgreSQL server (--db postgresql://USER@HOST/DB); "
    "a journal file is shared by copying it"
)


def role_of(journal: Journal) -> str:
    """The role this run is, on the server (found when the journal was opened); a journal
    without roles cannot be shared."""
    if journal.role is None:
        raise InputError(NOT_SHARED_HERE)
    return journal.role


def share(journal: Journal, reader: str) -> bool:
    """Let `reader` read your journal; False when it already could."""
    me = role_of(journal)
    if reader == me:
        raise InputError(f"{reader} is you; your own journal is always yours to read")
    if journal.db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (reader,)).fetchone() is None:
        raise InputError(f"there is no role {reader} on this PostgreSQL server")
    added = journal.db.execute(
        "INSERT INTO sorelog_shares (reader) VALUES (?) ON CONFLICT DO NOTHING RETURNING 1",
        (reader,),
    ).fetchone()
    return added is not None


def unshare(journal: Journal, reader: str) -> bool:
    """Stop `reader` reading your journal; False when it could not."""
    role_of(journal)
    taken = journal.db.execute(
        "DELETE FROM sorelog_shares WHERE reader = ? AND owner = current_user::text RETURNING 1",
        (reader,),
    ).fetchone()
    return taken is not None


def shares(journal: Journal) -> tuple[list[str], list[str]]:
    """Who reads your journal, and whose journals you may read, alphabetically."""
    me = role_of(journal)
    rows = journal.db.execute("SELECT owner, reader FROM sorelog_shares ORDER BY 1, 2").fetchall()
    return (
        [reader for owner, reader in rows if owner == me],
        [owner for owner, reader in rows if reader == me],
    )
