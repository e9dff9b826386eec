"""Sharing a journal on a PostgreSQL server: who may read it, and setting the server up.

Only a server has roles to share with; a journal file is refused before anything is
opened or created, since a file is shared by copying it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sorelog.domain.errors import InputError
from sorelog.store import sharing
from sorelog.store.backend import Journal


def refuse_a_file(journal_file: Path | None) -> None:
    """InputError for a journal file; nothing for a journal on a server."""
    if journal_file is not None:
        raise InputError(sharing.NOT_SHARED_HERE)


def shares(journal: Journal) -> tuple[list[str], list[str]]:
    """Who reads your journal, and whose journals you may read, alphabetically."""
    return sharing.shares(journal)


def share(journal: Journal, reader: str) -> tuple[bool, str]:
    """Let `reader` read your journal, never change it: whether that is new (False when it
    already could), and your own role, which the reader names to read it."""
    added = sharing.share(journal, reader)
    return added, sharing.role_of(journal)


def unshare(journal: Journal, reader: str) -> bool:
    """Stop `reader` reading your journal; False when it could not."""
    return sharing.unshare(journal, reader)


def set_up_server(url: str, now: datetime) -> tuple[str, int, int]:
    """Create or upgrade sorelog's tables in the database `url` names: the role that owns
    them, and the schema before and after."""
    from sorelog.store.opening_postgres import setup_postgres

    return setup_postgres(url, now)
