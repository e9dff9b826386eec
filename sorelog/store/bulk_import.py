"""Writing an import in one transaction: all of its records, or none.

An import is written in one transaction that first takes SQLite's write lock, so what it
reads (records already present, ids in use) cannot change before it writes.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any, cast

from sorelog.domain.doses import Dose, fits
from sorelog.domain.errors import InputError
from sorelog.domain.kinds import KINDS, REMEDY
from sorelog.domain.values import ImportFile, ImportLimit, ImportRow
from sorelog.store.cells import as_instant as stored_instant
from sorelog.store.journal import Journal

CHUNK = 5000  # rows per executemany: as fast as one call, and the parameters stay small
Tick = Callable[[int], None]


@dataclass
class ImportPlan:
    """What an import adds, and what it finds already in the journal."""

    new: list[ImportRow]
    new_by_type: Counter[str] = field(default_factory=Counter)
    present_by_type: Counter[str] = field(default_factory=Counter)
    limits: list[ImportLimit] = field(default_factory=list)  # remedies with no limits yet
    limits_present: int = 0  # the same limits are already set
    limits_kept: list[str] = field(default_factory=list)  # the journal's differ: kept as they are
    new_ids: list[int] = field(default_factory=list)  # the ids the new rows were given

    @property
    def present(self) -> int:
        return sum(self.present_by_type.values())


# -- planning ---------------------------------------------------------------


def _key(record: str, at: datetime, values: Iterable[Any]) -> tuple[Any, ...]:
    """A record's content: type, instant and every field ('' and None alike), never its id."""
    return (record, at, *(None if value == "" else value for value in values))


def plan_import(journal: Journal | None, data: ImportFile) -> ImportPlan:
    """What importing `data` into the journal (None: none yet) would add; nothing is written."""
    return _plan(journal.db if journal is not None else None, data)


def _plan(db: sqlite3.Connection | None, data: ImportFile) -> ImportPlan:
    """Split the file into new rows and rows already present, and check doses' units.

    A row is present when the journal holds a record of the same type with the same
    instant and fields. Each journal record answers for one file row, a record whose id
    the row carries first; so a re-import adds nothing, and a file with a row twice adds
    both to an empty journal.
    """
    pool: Counter[tuple[Any, ...]] = Counter()
    by_id: dict[int, tuple[Any, ...]] = {}
    if db is not None and data.rows:
        low = min(row.day for row in data.rows) - timedelta(days=2)  # any zone's day of `at`
        high = max(row.day for row in data.rows) + timedelta(days=2)
        for kind in KINDS:
            sql = (
                f"SELECT id, at, {', '.join(kind.fields)} FROM {kind.table} "
                "WHERE day BETWEEN ? AND ?"
            )
            for ident, at, *values in db.execute(sql, (low.isoformat(), high.isoformat())):
                key = _key(kind.name, stored_instant(at), values)
                pool[key] += 1
                by_id[ident] = key
    if not pool:  # nothing in the journal near these days: every row is new
        plan = ImportPlan(new=list(data.rows))
        plan.new_by_type.update(row.record for row in data.rows)
    else:
        plan = _match(data.rows, pool, by_id)
    _plan_limits(db, data.limits, plan)
    _check_units(db, plan, data)
    return plan


def _match(
    rows: list[ImportRow], pool: Counter[tuple[Any, ...]], by_id: dict[int, tuple[Any, ...]]
) -> ImportPlan:
    """Match rows to journal records: first those whose id names a record with their content."""
    plan = ImportPlan(new=[])
    keys = [_key(row.record, row.at, row.values) for row in rows]
    present = [False] * len(rows)
    for index, row in enumerate(rows):
        if row.id is not None and by_id.get(row.id) == keys[index] and pool[keys[index]] > 0:
            pool[keys[index]] -= 1
            present[index] = True
    for index, row in enumerate(rows):
        if not present[index] and pool[keys[index]] > 0:
            pool[keys[index]] -= 1
            present[index] = True
        if present[index]:
            plan.present_by_type[row.record] += 1
        else:
            plan.new.append(row)
            plan.new_by_type[row.record] += 1
    return plan


def _plan_limits(
    db: sqlite3.Connection | None, limits: list[ImportLimit], plan: ImportPlan
) -> None:
    """An import only adds: limits go to remedies without any; the journal's own stay."""
    sql = (
        "SELECT remedy, max_daily_amount, max_daily_unit, max_days, max_days_in_30 "
        "FROM remedy_limit"
    )
    current = {
        remedy: ImportLimit(remedy, Dose(amount, unit) if amount is not None else None, days, d30)
        for remedy, amount, unit, days, d30 in (db.execute(sql) if db is not None else ())
    }
    wanted = {limit.remedy: limit for limit in limits}  # a remedy named twice: the later wins
    for remedy, limit in wanted.items():
        if remedy not in current:
            plan.limits.append(limit)
        elif current[remedy] == limit:
            plan.limits_present += 1
        else:
            plan.limits_kept.append(remedy)


def _check_units(db: sqlite3.Connection | None, plan: ImportPlan, data: ImportFile) -> None:
    """The rule of `remedy add` and `remedy limit`: doses and limit share a unit family."""
    used: dict[str, set[str]] = {}
    sql = "SELECT DISTINCT remedy, unit FROM remedy_use WHERE unit IS NOT NULL"
    for remedy, unit in db.execute(sql) if db is not None else ():
        used.setdefault(remedy, set()).add(unit)
    ceilings: dict[str, str] = {}
    if db is not None:
        sql = "SELECT remedy, max_daily_unit FROM remedy_limit WHERE max_daily_unit IS NOT NULL"
        ceilings.update(db.execute(sql).fetchall())
    for limit in plan.limits:
        if limit.max_daily is None:
            continue
        unit, units = limit.max_daily.unit, used.get(limit.remedy, set())
        if not fits(unit, units):
            raise InputError(
                f"the limit for {limit.remedy} is in {unit}, but it is logged in "
                f"{', '.join(sorted(units))}; give the limit in {sorted(units)[0]}"
            )
        ceilings[limit.remedy] = unit
    for row in plan.new:
        if row.record != REMEDY.name or row.values[_UNIT] is None:
            continue
        remedy, unit = row.values[_REMEDY], row.values[_UNIT]
        ceiling = ceilings.get(remedy)
        if not fits(unit, [ceiling]):
            raise InputError(
                f"{data.where(row)}: {unit} cannot be compared with the daily limit for {remedy} "
                f"(in {ceiling}); give the dose in {ceiling}"
            )
        units = used.setdefault(remedy, set())
        if not fits(unit, units):
            raise InputError(
                f"{data.where(row)}: {remedy} is logged in {', '.join(sorted(units))}; "
                f"{unit} cannot be added to that"
            )
        units.add(unit)


# -- writing ----------------------------------------------------------------


def import_file(journal: Journal, data: ImportFile, tick: Tick | None = None) -> ImportPlan:
    """Write the file's new records and limits in one transaction: all of them, or nothing."""
    from sqlalchemy import insert

    from sorelog.store.tables import RemedyLimit, model_for

    with journal.session() as session:
        connection = session.connection()
        # A write first, so the transaction holds the write lock before anything is read.
        connection.exec_driver_sql("DELETE FROM record_ids WHERE 0")
        plan = _plan(connection.connection.dbapi_connection, data)
        ids = _allocate_ids(session, plan.new)
        plan.new_ids = ids
        inserts = {
            record: _Insert(connection, model_for(record), _NAMES[record]) for record in _NAMES
        }
        for row, ident in zip(plan.new, ids, strict=True):
            if inserts[row.record].add(_insert_values(row, ident)) and tick:
                tick(CHUNK)
        for pending in inserts.values():
            pending.flush()
        if plan.limits:
            connection.execute(insert(RemedyLimit), [_limit_values(x) for x in plan.limits])
        session.commit()
    return plan


def _allocate_ids(session: Any, rows: list[ImportRow]) -> list[int]:
    """Each row keeps its file id if no record has ever had it, else gets a new one.

    Every id goes into the shared `record_ids` table, as `new_record_id` does one by one.
    """
    from sorelog.store.writes import allocate_ids

    connection = session.connection()
    add_ids = "INSERT INTO record_ids (id) VALUES (?)"
    taken = {ident for (ident,) in connection.exec_driver_sql("SELECT id FROM record_ids")}
    ids: list[int | None] = []
    for row in rows:
        if row.id is not None and row.id not in taken:
            taken.add(row.id)
            ids.append(row.id)
        else:
            ids.append(None)
    if kept := [(ident,) for ident in ids if ident is not None]:
        connection.exec_driver_sql(add_ids, kept)
    fresh = ids.count(None)
    if not fresh:
        return cast("list[int]", ids)
    numbers = iter(allocate_ids(connection, fresh))
    return [ident if ident is not None else next(numbers) for ident in ids]


class _Insert:
    """`insert(Model)` compiled once and run CHUNK rows at a time through executemany.

    Letting SQLAlchemy build and convert parameters row by row costs more than SQLite's
    own insert; here the few columns whose type converts values (datetimes) go through
    that type's own bind processor, as the ORM would, and SQLite gets plain tuples.
    """

    def __init__(self, connection: Any, model: Any, names: tuple[str, ...]) -> None:
        from sqlalchemy import insert

        compiled = insert(model).compile(dialect=connection.dialect, column_keys=list(names))
        order = compiled.positiontup  # SQLite's paramstyle is positional
        assert order is not None and sorted(order) == sorted(names), order
        self.connection, self.sql = connection, compiled.string
        self.arrange = itemgetter(*(names.index(key) for key in order))
        columns = model.__table__.columns
        self.convert = [
            (place, convert)
            for place, key in enumerate(order)
            if (convert := _bind_processor(columns[key].type, connection.dialect)) is not None
        ]
        self.pending: list[Any] = []

    def add(self, values: tuple[Any, ...]) -> bool:
        """Queue one row, its values in `names` order; True when that sent a chunk."""
        row = self.arrange(values)
        if self.convert:
            cells = list(row)
            for place, convert in self.convert:
                if cells[place] is not None:
                    cells[place] = convert(cells[place])
            row = tuple(cells)
        self.pending.append(row)
        if len(self.pending) < CHUNK:
            return False
        self.flush()
        return True

    def flush(self) -> None:
        if self.pending:
            self.connection.exec_driver_sql(self.sql, self.pending)
            self.pending = []


def _bind_processor(column_type: Any, dialect: Any) -> Any:
    """The converter SQLite's dialect uses for this column (dates become ISO text, as the ORM
    writes them; the generic type alone has none, and sqlite3's own date adapter is deprecated)."""
    return column_type.dialect_impl(dialect).bind_processor(dialect)


_NAMES = {kind.name: ("id", "at", "day", *kind.fields) for kind in KINDS}
_NAMES[REMEDY.name] += ("base_amount", "base_unit")  # kept beside the dose, in mg, ml, min
# Where a remedy row keeps its name, amount and unit (ImportRow.values follows kind.fields).
_REMEDY, _AMOUNT, _UNIT = (REMEDY.fields.index(key) for key in ("remedy", "amount", "unit"))


def _insert_values(row: ImportRow, ident: int) -> tuple[Any, ...]:
    """The row's values in _NAMES order."""
    if row.record != REMEDY.name:
        return (ident, row.at, row.day, *row.values)
    amount, unit = row.values[_AMOUNT], row.values[_UNIT]
    base = Dose(amount, unit).base if unit else None
    return (ident, row.at, row.day, *row.values, base and base.amount, base and base.unit)


def _limit_values(limit: ImportLimit) -> dict[str, Any]:
    ceiling = limit.max_daily
    return {
        "remedy": limit.remedy,
        "max_daily_amount": ceiling.amount if ceiling else None,
        "max_daily_unit": ceiling.unit if ceiling else None,
        "max_days": limit.max_days,
        "max_days_in_30": limit.max_days_in_30,
    }
