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


def _select(kind: RecordKind) -> str:
    """The kind's rows as RECORD_KEYS in order: each field under the export column it
    fills, NULL where a key does not apply."""
    columns = {field.export: field for field in kind.exported}
    cells = []
    for key in RECORD_KEYS:
        if key == "record":
            cells.append(f"'{kind.name}'")
        elif key in ("id", "at"):
            cells.append(key)
        elif key in columns:
            cells.append(columns[key].name)
        else:  # typed, so PostgreSQL can match the kinds' columns in the UNION
            sql_type = _NULL_TYPES[_TYPE_OF.get(key, str)]
            cells.append(f"CAST(NULL AS {sql_type})")
    return f"SELECT {', '.join(cells)} FROM {kind.table}"


# Each export column's type, from the fields that fill it (one type per column).
_TYPE_OF = {field.export: field.type for kind in KINDS for field in kind.exported}
_NULL_TYPES = {int: "integer", float: "double precision", str: "varchar"}
_SELECTS: dict[str, str] = {}
# The export columns kept ";"-joined and shown as lists (symptoms).
_LISTED = tuple(dict.fromkeys(str(f.export) for k in KINDS for f in k.exported if f.listed))


def _select_of(name: str) -> str:
    if name not in _SELECTS:
        _SELECTS[name] = _select(kind_named(name))
    return _SELECTS[name]


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
# The places of the columns that number fields with decimals fill (the dose's amount).
_FLOAT_PLACES = tuple(
    RECORD_KEYS.index(str(f.export))
    for f in dict.fromkeys(f for k in KINDS for f in k.exported if f.type is float)
)


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
        for key in _LISTED:
            record[key] = record[key].split(";") if record[key] else []
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
    selects = []
    for name in kinds:
        kind = kind_named(name)
        here, given = list(where), list(params)
        if part is not None:
            if "body_part" not in kind.export_columns:
                continue
            field = kind.by_export("body_part")
            if field.joined:  # one of several parts, ";"-joined: a workout's
                here.append(f"';' || {field.name} || ';' LIKE ?")
                given.append(f"%;{part};%")
            else:
                here.append(f"{field.name} = ?")
                given.append(part)
        selects.append((_select_of(name) + (f" WHERE {' AND '.join(here)}" if here else ""), given))
    order = "DESC" if newest_first else "ASC"
    sql = " UNION ALL ".join(s for s, _ in selects) + f" ORDER BY 3 {order}, 1 {order}, 2 {order}"
    local = _LocalTimes(zone).text
    for row in journal.stream(sql, [p for _, given in selects for p in given]):
        for place in _FLOAT_PLACES:
            number = row[place]
            if type(number) is float and number.is_integer():  # 400.0 mg is written 400
                row = (*row[:place], int(number), *row[place + 1 :])
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
    from sqlalchemy import update

    from sorelog.store.tables import table_of

    table = table_of(kind)
    with journal.writing() as session:
        if check is not None:
            check()
        done = session.connection().execute(
            update(table).where(table.c.id == record_id).values(**changes)
        )
        if not done.rowcount:
            raise InputError(f"no record #{record_id}")
        session.commit()


def delete_record(journal: Journal, kind: str, record_id: int) -> None:
    """Remove one record; its id is never given to another."""
    from sqlalchemy import delete

    from sorelog.store.tables import table_of

    table = table_of(kind)
    with journal.session() as session:
        session.connection().execute(delete(table).where(table.c.id == record_id))
        session.commit()
