"""Records of any kind: logging new ones, listing, finding and deleting them.

One function per use case, for the commands of every kind (the kind's statement in
domain/kinds.py says what a record holds).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sorelog.domain.values import NewRecord
from sorelog.domain.when import LocalZone
from sorelog.store import Journal
from sorelog.store import records as stored
from sorelog.store.writes import add_records


def log_records(journal: Journal, records: Sequence[NewRecord]) -> list[int]:
    """Write new records, all or none; their ids in order."""
    return add_records(journal, records)


def list_records(
    journal: Journal | None, zone: LocalZone, since: date, part: str | None
) -> Iterator[dict[str, Any]]:
    """Records from `since`, newest first, streamed (a big journal is never held whole)."""
    if journal is None:
        return iter(())
    return stored.iter_records(journal, zone, since=since, part=part, newest_first=True)


def find_record(journal: Journal, zone: LocalZone, record_id: int) -> dict[str, Any]:
    """The record with this id in the export shape; InputError if there is none."""
    return stored.find_record(journal, zone, record_id)


def delete_record(journal: Journal, record: dict[str, Any]) -> None:
    """Remove a record found by find_record; its id is never given to another."""
    stored.delete_record(journal, record["record"], record["id"])
