"""Writing to the journal through SQLModel."""

from __future__ import annotations

import sqlite3
from datetime import UTC
from pathlib import Path
from typing import Any

from sorelog.records import SorenessInput
from sorelog.store import journal as journal_file
from sorelog.store.journal import Journal, storage_error


def make_engine(path: Path) -> Any:
    """An engine whose connections wait for other writers instead of failing at once."""
    from sqlalchemy.pool import NullPool
    from sqlmodel import create_engine

    def connect() -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=journal_file.BUSY_TIMEOUT_SECONDS)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    return create_engine("sqlite://", creator=connect, poolclass=NullPool)


def add_soreness(journal: Journal, entry: SorenessInput) -> int:
    """Write one soreness entry and return its id."""
    from sqlalchemy.exc import OperationalError
    from sqlmodel import Session

    from sorelog.models import Soreness

    row = Soreness(
        at=entry.at.astimezone(UTC),
        day=entry.day,
        body_part=entry.body_part,
        side=entry.side,
        severity=entry.severity,
        kind=entry.kind,
        cause=entry.cause,
        symptoms=";".join(entry.symptoms),
        note=entry.note,
    )
    try:
        with Session(journal.engine()) as session:
            session.add(row)
            session.commit()
            session.refresh(row)
    except OperationalError as exc:
        raise storage_error(journal.path, exc.orig or exc) from None
    assert row.id is not None
    return row.id
