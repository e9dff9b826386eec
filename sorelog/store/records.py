"""Records in the export shape (one key per CSV column): reading, finding, changing, deleting."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any, TypedDict, Unpack

from sorelog.domain.errors import InputError
from sorelog.domain.kinds import KIND_NAMES, KINDS, RECORD_KEYS, RecordKind, kind_named
from sorelog.domain.when import LocalZone
from sorelog.store.cells import as_instant
from sorelog.store.journal import Journal

_NULL_TYPES = {"severity": "integer", "enjoyment": "integer", "activity": "integer",
               "amount": "double precision"}  # fmt: skip


def _select(kind: RecordKind) -> str:
    """The kind's rows as RECORD_KEYS in order (NULL where a key does not apply)."""
    cells = []
    for key in RECORD_KEYS:
        if key == "record":
            cells.append(f"'{kind.name}'")
        elif key in ("id", "at") or key in kind.fields:
            cells.append(key)
        else:  # typed, so PostgreSQL can match the kinds' columns in the UNION
            cells.append(f"CAST(NULL AS {_NULL_TYPES.get(key, 'varchar')})")
    return f"SELECT {', '.join(cells)} FROM {kind.table}"


_SELECTS = {kind.name: _select(kind) for kind in KINDS}


class _LocalTimes:
    """Stored instants as local ISO text, as `zone.to_local(...).isoformat()` gives them.

    Asking the zone, and making a datetime and its text, cost more than the rest of a
    record. Records come in time order, so the offset is asked once per UTC hour whose
    first and last moments have the same one (no zone changes its offset twice within an
    hour). In such an hour with a whole-hour offset, an instant in the store's own form
    (`2026-11-18T19:00:00.000000+00:00`) only has its hour and offset swapped in its text.
    """

    def __init__(self, zone: LocalZone) -> None:
        self._zone = zone
        self._start = self._end = datetime.min.replace(tzinfo=UTC)  # no hour known yet
        self._offset = timedelta(0)
        self._tz: tzinfo = UTC
        self._hour = "-"  # the UTC hour whose text is known (stored text starts with it)
        self._local_hour = ""
        self._suffix = ""

    def text(self, stored: str | datetime) -> str:
        if not isinstance(stored, str):  # PostgreSQL gives instants as datetimes
            return self._zone.to_local(as_instant(stored)).isoformat()
        if stored.startswith(self._hour) and _STORE_TAIL.fullmatch(stored, 13):
            if stored.endswith(".000000+00:00", 19):  # isoformat leaves out 0 microseconds
                return self._local_hour + stored[13:19] + self._suffix
            return self._local_hour + stored[13:26] + self._suffix
        moment = as_instant(stored)
        if not self._start <= moment < self._end and not self._learn(moment):
            return self._zone.to_local(moment).isoformat()
        local = (moment + self._offset).replace(tzinfo=self._tz).isoformat()
        self._hour = "-"
        if not self._offset % _HOUR and _STORE_HOUR.fullmatch(stored[:13]):
            self._hour, self._local_hour, self._suffix = stored[:13], local[:13], local[-6:]
        return local

    def _learn(self, moment: datetime) -> bool:
        """Keep the offset of the UTC hour around `moment`, if it is one offset all hour."""
        start = moment.replace(minute=0, second=0, microsecond=0)
        end = start + _HOUR
        try:
            offset = self._zone.to_local(start).utcoffset()
            if offset is None or offset != self._zone.to_local(end - _TICK).utcoffset():
                return False
        except (OverflowError, ValueError):  # the first or last hour a datetime holds
            return False
        self._start, self._end, self._offset, self._tz = start, end, offset, timezone(offset)
        return True


# The store's form of an instant, its hour then the rest (minutes and seconds as
# datetime.fromisoformat takes them, nothing else).
_STORE_HOUR = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}")
_STORE_TAIL = re.compile(r":[0-5][0-9]:[0-5][0-9]\.[0-9]{6}\+00:00")
_HOUR = timedelta(hours=1)
_TICK = timedelta(microseconds=1)
_AMOUNT = RECORD_KEYS.index("amount")


class RecordFilters(TypedDict, total=False):
    """Which records to read (see iter_record_rows); each left out keeps everything."""

    since: date | None
    part: str | None
    newest_first: bool
    kinds: tuple[str, ...]
    ids: tuple[int, ...]


# Ids asked for in one statement: each kind's SELECT repeats them, and SQLite allows 32,766
# parameters in a statement.
IDS_AT_ONCE = 1000


def read_records(
    journal: Journal, zone: LocalZone, **filters: Unpack[RecordFilters]
) -> list[dict[str, Any]]:
    """The records iter_records gives, as a list (for the few a command shows). Many `ids`
    are read a thousand at a time, then put in the same order one read would give."""
    ids = filters.get("ids") or ()
    if len(ids) <= IDS_AT_ONCE:
        return list(iter_records(journal, zone, **filters))
    found = list(records_with_ids(journal, zone, ids))
    return sorted(
        found,
        key=lambda r: (datetime.fromisoformat(r["at"]), r["record"], r["id"]),
        reverse=bool(filters.get("newest_first", False)),
    )


def records_with_ids(
    journal: Journal, zone: LocalZone, ids: Sequence[int]
) -> Iterator[dict[str, Any]]:
    """The records with these ids, a thousand ids to a statement, in no set order: for a
    caller that looks at each once (triage after a big import) and so holds none."""
    for start in range(0, len(ids), IDS_AT_ONCE):
        yield from iter_records(journal, zone, ids=tuple(ids[start : start + IDS_AT_ONCE]))


def iter_records(
    journal: Journal, zone: LocalZone, **filters: Unpack[RecordFilters]
) -> Iterator[dict[str, Any]]:
    """Records one at a time from the cursor (an export of a million never holds them
    all), `at` in local time with its UTC offset, symptoms as a list."""
    for row in iter_record_rows(journal, zone, **filters):
        record = dict(zip(RECORD_KEYS, row, strict=True))
        record["symptoms"] = record["symptoms"].split(";") if record["symptoms"] else []
        yield record


def iter_record_rows(
    journal: Journal,
    zone: LocalZone,
    *,
    since: date | None = None,
    part: str | None = None,
    newest_first: bool = False,
    kinds: tuple[str, ...] = KIND_NAMES,
    ids: tuple[int, ...] = (),
) -> Iterator[tuple[Any, ...]]:
    """Records of the given kinds as tuples in RECORD_KEYS order, symptoms as the stored
    ";"-joined text: what a CSV row needs, without a dict per record.

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
    local = _LocalTimes(zone).text
    for row in journal.stream(sql, params * len(selects)):
        amount = row[_AMOUNT]
        if type(amount) is float and amount.is_integer():  # 400.0 mg is written 400
            yield (row[0], row[1], local(row[2]), *row[3:_AMOUNT], int(amount), *row[_AMOUNT + 1 :])
        else:
            yield (row[0], row[1], local(row[2]), *row[3:])


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


def export_rows(journal: Journal | None, zone: LocalZone) -> Iterator[tuple[Any, ...]]:
    """Every record (oldest first, streamed) as iter_record_rows gives them, for the CSV."""
    return iter(()) if journal is None else iter_record_rows(journal, zone)


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
