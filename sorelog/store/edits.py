"""Correcting the journal: finding one record by id, changing it, deleting it."""

from __future__ import annotations

from typing import Any

from sorelog.errors import InputError
from sorelog.store.journal import Journal, storage_error
from sorelog.store.records_io import read_records
from sorelog.when import LocalZone

_TABLES = {"soreness": "soreness", "remedy": "remedy_use", "side_effect": "side_effect"}


def find_record(journal: Journal, zone: LocalZone, record_id: int) -> dict[str, Any]:
    """The record with this id, in the export shape; InputError if there is none."""
    for kind, table in _TABLES.items():
        found = journal.db.execute(f"SELECT day FROM {table} WHERE id = ?", (record_id,))
        if found.fetchone() is not None:
            return next(r for r in read_records(journal, zone, kinds=(kind,), ids=(record_id,)))
    raise InputError(f"no record #{record_id}; 'sorelog list' shows the ids")


def _model(kind: str) -> Any:
    from sorelog.models import RemedyUse, SideEffect, Soreness

    return {"soreness": Soreness, "remedy": RemedyUse, "side_effect": SideEffect}[kind]


def update_record(journal: Journal, kind: str, record_id: int, changes: dict[str, Any]) -> None:
    """Set the given columns of one record, in one transaction."""
    from sqlalchemy.exc import OperationalError
    from sqlmodel import Session

    try:
        with Session(journal.engine()) as session:
            row = session.get(_model(kind), record_id)
            if row is None:
                raise InputError(f"no record #{record_id}")
            for column, value in changes.items():
                setattr(row, column, value)
            session.add(row)
            session.commit()
    except OperationalError as exc:
        raise storage_error(journal.path, exc.orig or exc) from None


def delete_record(journal: Journal, kind: str, record_id: int) -> None:
    """Remove one record; its id is never given to another."""
    from sqlalchemy.exc import OperationalError
    from sqlmodel import Session

    try:
        with Session(journal.engine()) as session:
            row = session.get(_model(kind), record_id)
            if row is not None:
                session.delete(row)
                session.commit()
    except OperationalError as exc:
        raise storage_error(journal.path, exc.orig or exc) from None
