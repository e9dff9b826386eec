"""Records in the export shape (one key per CSV column): reading, finding, changing, deleting."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from sorelog.domain.errors import InputError
from sorelog.domain.kinds import KIND_NAMES, KINDS, RECORD_KEYS, RecordKind, kind_named
from sorelog.domain.when import LocalZone
from sorelog.store.cells import as_instant
from sorelog.store.journal import Journal

_NULL_TYPES = {"severity": "integer", "enjoyment": "integer", "activity": "integer",
               "amount": "double precision"}  # fmt: skip


def _select(kind: RecordKind) -> str:
    """The kind's rows as RECORD_KEYS in order (NULL where a key does not apply), then day."""
    cells = []
    for key in RECORD_KEYS:
        if key == "record":
            cells.append(f"'{kind.name}'")
        elif key in ("id", "at") or key in kind.fields:
            cells.append(key)
        else:  # typed, so PostgreSQL can match the kinds' columns in the UNION
            cells.append(f"CAST(NULL AS {_NULL_TYPES.get(key, 'varchar')})")
    return f"SELECT {', '.join(cells)}, day FROM {kind.table}"


_SELECTS = {kind.name: _select(kind) for kind in KINDS}


def read_records(
    journal: Journal,
    zone: LocalZone,
    *,
    since: date | None = None,
    part: str | None = None,
    newest_first: bool = False,
    kinds: tuple[str, ...] = KIND_NAMES,
    ids: tuple[int, ...] = (),
) -> list[dict[str, Any]]:
    """The records iter_records gives, as a list (for the few a command shows)."""
    return list(
        iter_records(
            journal, zone, since=since, part=part, newest_first=newest_first, kinds=kinds, ids=ids
        )
    )


def iter_records(
    journal: Journal,
    zone: LocalZone,
    *,
    since: date | None = None,
    part: str | None = None,
    newest_first: bool = False,
    kinds: tuple[str, ...] = KIND_NAMES,
    ids: tuple[int, ...] = (),
) -> Iterator[dict[str, Any]]:
    """Records of the given kinds, one at a time from the cursor (an export of a million
    never holds them all), `at` in local time with its UTC offset, symptoms as a list.

    `since` keeps local days from that day on; `part` keeps records for that body part;
    `ids` keeps those records only.
    """
    where: list[str] = []
    params: list[object] = []
    if ids:
        where.append(f"id IN ({', '.join('?' * len(ids))})")
        params.extend(ids)
    if since is not None:
        where.append("day >= ?")
        params.append(since.isoformat())
    if part is not None:
        where.append("body_part = ?")
        params.append(part)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    selects = [
        _SELECTS[name] + clause
        for name in kinds
        if not (part is not None and "body_part" not in kind_named(name).fields)
    ]
    order = "DESC" if newest_first else "ASC"
    sql = " UNION ALL ".join(selects) + f" ORDER BY 3 {order}, 1 {order}, 2 {order}"
    yield from _as_records(journal.stream(sql, params * len(selects)), zone)


def _as_records(rows: Iterator[Any], zone: LocalZone) -> Iterator[dict[str, Any]]:
    for row in rows:
        record = dict(zip(RECORD_KEYS, row[:-1], strict=True))
        record["at"] = zone.to_local(as_instant(record["at"])).isoformat()
        record["symptoms"] = record["symptoms"].split(";") if record["symptoms"] else []
        if isinstance(record["amount"], float) and record["amount"].is_integer():
            record["amount"] = int(record["amount"])
        yield record


def read_limits(journal: Journal) -> list[dict[str, Any]]:
    """The person's remedy limits, in the export's JSON shape."""
    rows = journal.db.execute(
        "SELECT remedy, max_daily_amount, max_daily_unit, max_days, max_days_in_30 "
        "FROM remedy_limit ORDER BY 1"
    )
    return [
        {
            "remedy": remedy,
            "max_daily": None
            if amount is None
            else {"amount": int(amount) if float(amount).is_integer() else amount, "unit": unit},
            "max_days": max_days,
            "max_days_in_30": in_30,
        }
        for remedy, amount, unit, max_days, in_30 in rows
    ]


def export_document(
    journal: Journal | None, zone: LocalZone
) -> tuple[Iterator[dict[str, Any]], list[dict[str, Any]]]:
    """Every record (oldest first, streamed) and every remedy limit, in the export shape."""
    if journal is None:
        return iter(()), []
    return iter_records(journal, zone), read_limits(journal)


def find_record(journal: Journal, zone: LocalZone, record_id: int) -> dict[str, Any]:
    """The record with this id, in the export shape; InputError if there is none."""
    for kind in KINDS:
        found = journal.db.execute(f"SELECT day FROM {kind.table} WHERE id = ?", (record_id,))
        if found.fetchone() is not None:
            return read_records(journal, zone, kinds=(kind.name,), ids=(record_id,))[0]
    raise InputError(f"no record #{record_id}; 'sorelog list' shows the ids")


def update_record(
    journal: Journal,
    kind: str,
    record_id: int,
    changes: dict[str, Any],
    check: Callable[[], None] | None = None,
) -> None:
    """Set the given columns of one record, in one transaction; `check` runs first, under
    the write lock, so what it checks cannot change before the record is written."""
    from sorelog.store.tables import model_for

    with journal.writing() as session:
        if check is not None:
            check()
        row = session.get(model_for(kind), record_id)
        if row is None:
            raise InputError(f"no record #{record_id}")
        for column, value in changes.items():
            setattr(row, column, value)
        session.add(row)
        session.commit()


def delete_record(journal: Journal, kind: str, record_id: int) -> None:
    """Remove one record; its id is never given to another."""
    from sorelog.store.tables import model_for

    with journal.session() as session:
        row = session.get(model_for(kind), record_id)
        if row is not None:
            session.delete(row)
            session.commit()
