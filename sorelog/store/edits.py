"""Correcting the journal: finding one record by id, changing it, deleting it."""

from __future__ import annotations

from typing import Any

from sorelog.errors import InputError
from sorelog.store.journal import Journal
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


def update_record(journal: Journal, kind: str, record_id: int, changes: dict[str, Any]) -> None:
    """Set the given columns of one record, in one transaction."""
    from sorelog.models import model_for

    with journal.session() as session:
        row = session.get(model_for(kind), record_id)
        if row is None:
            raise InputError(f"no record #{record_id}")
        for column, value in changes.items():
            setattr(row, column, value)
        session.add(row)
        session.commit()


def delete_record(journal: Journal, kind: str, record_id: int) -> None:
    """Remove one record; its id is never given to another."""
    from sorelog.models import model_for

    with journal.session() as session:
        row = session.get(model_for(kind), record_id)
        if row is not None:
            session.delete(row)
            session.commit()
