"""Writing an import in one transaction: all of its records, or none.

An import is written in one transaction that first takes SQLite's write lock, so what it
reads (records already present, ids in use) cannot change before it writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from hashlib import blake2b
from operator import itemgetter
from typing import Any

from sorelog.domain.doses import Dose, fits
from sorelog.domain.errors import InputError, SorelogError
from sorelog.domain.kinds import KINDS, MAX_ID, REMEDY
from sorelog.domain.values import ImportFile, ImportLimit, ImportRow
from sorelog.store.cells import as_instant
from sorelog.store.journal import Journal

Seen = Callable[[ImportRow, int], None]  # a new row and the id it was given

CHUNK = 5000  # rows per executemany: as fast as one call, and the parameters stay small
Tick = Callable[[int], None]


@dataclass
class ImportPlan:
    """What an import adds, and what it finds already in the journal."""

    new_by_type: Counter[str] = field(default_factory=Counter)
    present_by_type: Counter[str] = field(default_factory=Counter)
    limits: list[ImportLimit] = field(default_factory=list)  # remedies with no limits yet
    limits_present: int = 0  # the same limits are already set
    limits_kept: list[str] = field(default_factory=list)  # the journal's differ: kept as they are

    @property
    def new(self) -> int:
        return sum(self.new_by_type.values())

    @property
    def present(self) -> int:
        return sum(self.present_by_type.values())


# -- planning ---------------------------------------------------------------


def _digest(record: str, at: datetime, values: Iterable[Any]) -> bytes:
    """A record's content (type, instant, every field; '' and None alike, 400 and 400.0 alike,
    never its id) in 16 bytes: a million of them fit in a few tens of MB, and two different
    contents share a digest with a chance of about 2^-128 per pair, far below a disk's."""
    key = (
        record,
        at.astimezone(UTC).isoformat(),
        *(
            None
            if value == ""
            else int(value)
            if type(value) is float and value.is_integer()
            else value
            for value in values
        ),
    )
    return blake2b(repr(key).encode(), digest_size=16).digest()


class _Matches:
    """Which file rows are already in the journal, decided a row at a time.

    A row is present when the journal holds a record of the same type with the same
    instant and fields. Each journal record answers for one file row, a record whose id
    the row carries first; so a re-import adds nothing, and a file with a row twice adds
    both to an empty journal. Only digests are held, never the records.
    """

    def __init__(self, db: Any, data: ImportFile) -> None:
        self.pool: Counter[bytes] = Counter()
        self.by_id: dict[int, bytes] = {}
        self.by_ordinal = bytearray()  # 1: the row at that place matched a record by its id
        if db is None or data.first_day is None or data.last_day is None:
            return
        low = data.first_day - timedelta(days=2)  # any zone's day of `at`
        high = data.last_day + timedelta(days=2)
        for kind in KINDS:
            sql = (
                f"SELECT id, at, {', '.join(kind.columns)} FROM {kind.table} "
                "WHERE day BETWEEN ? AND ?"
            )
            for ident, at, *values in db.execute(sql, (low.isoformat(), high.isoformat())):
                key = _digest(kind.name, as_instant(at), values)
                self.pool[key] += 1
                if data.has_ids:
                    self.by_id[ident] = key
        # The rows whose id names a record with their content go first: one pass to find them.
        if self.by_id:
            self.by_ordinal = bytearray(data.count)
            for ordinal, row in enumerate(data.rows()):
                named = self.by_id.get(row.id) if row.id is not None else None
                if named is None or self.pool[named] <= 0:
                    continue
                if named == _digest(row.record, row.at, row.values):
                    self.pool[named] -= 1
                    self.by_ordinal[ordinal] = 1
        self.by_id.clear()

    def present(self, ordinal: int, row: ImportRow) -> bool:
        """Whether the row at this place in the file is already in the journal; call in order."""
        if not self.pool:
            return False
        if self.by_ordinal and self.by_ordinal[ordinal]:
            return True
        key = _digest(row.record, row.at, row.values)
        if self.pool.get(key, 0) > 0:
            self.pool[key] -= 1
            return True
        return False


def plan_import(journal: Journal | None, data: ImportFile) -> ImportPlan:
    """What importing `data` into the journal (None: none yet) would add; nothing is written."""
    db = journal.db if journal is not None else None
    plan = ImportPlan()
    units = _Units(db, data.limits, plan)
    if db is None and not (data.dosed or units.ceilings):  # nothing to match or to compare
        plan.new_by_type.update(data.by_type)
        return plan
    matches = _Matches(db, data)
    for ordinal, row in enumerate(data.rows()):
        if matches.present(ordinal, row):
            plan.present_by_type[row.record] += 1
        else:
            units.check(row, data)
            plan.new_by_type[row.record] += 1
    return plan


class _Units:
    """The rule of `remedy add` and `remedy limit`: doses and limit share a unit family.

    Also sorts the file's limits: an import only adds, so limits go to remedies without
    any, and the journal's own stay.
    """

    def __init__(self, db: Any, limits: list[ImportLimit], plan: ImportPlan) -> None:
        _plan_limits(db, limits, plan)
        self.used: dict[str, set[str]] = {}
        sql = "SELECT DISTINCT remedy, unit FROM remedy_use WHERE unit IS NOT NULL"
        for remedy, unit in db.execute(sql) if db is not None else ():
            self.used.setdefault(remedy, set()).add(unit)
        self.ceilings: dict[str, str] = {}
        if db is not None:
            sql = "SELECT remedy, max_daily_unit FROM remedy_limit WHERE max_daily_unit IS NOT NULL"
            self.ceilings.update(db.execute(sql).fetchall())
        for limit in plan.limits:
            if limit.max_daily is None:
                continue
            unit, units = limit.max_daily.unit, self.used.get(limit.remedy, set())
            if not fits(unit, units):
                raise InputError(
                    f"the limit for {limit.remedy} is in {unit}, but it is logged in "
                    f"{', '.join(sorted(units))}; give the limit in {sorted(units)[0]}"
                )
            self.ceilings[limit.remedy] = unit

    def check(self, row: ImportRow, data: ImportFile) -> None:
        """A new row's dose against its remedy's limit and the units it is logged in."""
        if row.record != REMEDY.name or row.values[_UNIT] is None:
            return
        remedy, unit = row.values[_REMEDY], row.values[_UNIT]
        ceiling = self.ceilings.get(remedy)
        if not fits(unit, [ceiling]):
            raise InputError(
                f"{data.where(row)}: {unit} cannot be compared with the daily limit for {remedy} "
                f"(in {ceiling}); give the dose in {ceiling}"
            )
        units = self.used.setdefault(remedy, set())
        if not fits(unit, units):
            raise InputError(
                f"{data.where(row)}: {remedy} is logged in {', '.join(sorted(units))}; "
                f"{unit} cannot be added to that"
            )
        units.add(unit)


def _plan_limits(db: Any, limits: list[ImportLimit], plan: ImportPlan) -> None:
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


# -- writing ----------------------------------------------------------------


def import_file(
    journal: Journal,
    data: ImportFile,
    tick: Tick | None = None,
    seen: Seen | None = None,
) -> ImportPlan:
    """Write the file's new records and limits in one transaction: all of them, or nothing.

    The checked rows are read twice at most (once more when some carry ids of records
    already in the journal), and written CHUNK at a time: memory does not grow with the
    file. A refused row (units) rolls the whole transaction back. `seen` is shown each
    new row with the id it was given, as it is written.
    """
    from sqlalchemy import insert

    from sorelog.store.tables import REMEDY_LIMIT, table_of

    with journal.writing() as session:  # the write lock, before anything is read
        connection = session.connection()
        db = journal.queries(connection.connection.dbapi_connection)
        for setting in journal.bulk_settings:
            db.execute(setting)
        with journal.day_rollup.set_aside(db, data.first_day, data.last_day):
            plan = ImportPlan()
            units = _Units(db, data.limits, plan)
            matches = _Matches(db, data)
            ids = _Ids(db, data)
            inserts = {
                record: _Insert(connection, table_of(record), _NAMES[record], journal)
                for record in _NAMES
            }
            for ordinal, row in enumerate(data.rows()):
                if matches.present(ordinal, row):
                    plan.present_by_type[row.record] += 1
                    continue
                units.check(row, data)
                plan.new_by_type[row.record] += 1
                ident = ids.give(row)
                if seen is not None:
                    seen(row, ident)
                if inserts[row.record].add(_insert_values(row, ident)) and tick:
                    tick(CHUNK)
            ids.finish()
            for pending in inserts.values():
                pending.flush()
            if plan.limits:
                connection.execute(insert(REMEDY_LIMIT), [_limit_values(x) for x in plan.limits])
        session.commit()
    return plan


class _Ids:
    """Each new row keeps its file id if no record has ever had it, else gets a new one.

    Every id goes into the shared `record_ids` table, as `new_record_id` does one by one,
    a chunk at a time; whether a file id is free is asked of the table, so no set of every
    id is held. New ids follow the highest id in the journal or the file, so they never
    meet a file id still to come. Past MAX_ID (after an import of ids near 2^53) a new id
    is the lowest one free when its row is written, as writes.allocate_ids chooses.
    """

    def __init__(self, db: Any, data: ImportFile) -> None:
        self.db = db
        (top,) = self.db.execute("SELECT COALESCE(MAX(id), 0) FROM record_ids").fetchone()
        self.next = max(top, data.highest_id) + 1
        self.spill = self.next + data.count - 1 > MAX_ID
        if self.spill:
            self.next = 1
        self.pending: dict[int, None] = {}  # given, not yet in record_ids (in order)

    def give(self, row: ImportRow) -> int:
        """The id the row is written with, recorded as taken."""
        if row.id is not None and not self._taken(row.id):
            ident = row.id
        else:
            if self.spill:
                while self._taken(self.next):
                    self.next += 1
                if self.next > MAX_ID:
                    raise SorelogError("the journal has used every record id; start a new journal")
            ident, self.next = self.next, self.next + 1
        self.pending[ident] = None
        if len(self.pending) >= CHUNK:
            self.finish()
        return ident

    def _taken(self, ident: int) -> bool:
        if ident in self.pending:
            return True
        sql = "SELECT 1 FROM record_ids WHERE id = ?"
        return self.db.execute(sql, (ident,)).fetchone() is not None

    def finish(self) -> None:
        """Record the ids given since the last chunk."""
        if self.pending:
            add_ids = "INSERT INTO record_ids (id) VALUES (?)"
            self.db.executemany(add_ids, [(ident,) for ident in self.pending])
            self.pending = {}


class _Insert:
    """`insert(table)` compiled once and run CHUNK rows at a time through executemany.

    Letting SQLAlchemy build and convert parameters row by row costs more than SQLite's
    own insert; here the few columns whose type converts values (datetimes) go through
    that type's own bind processor, as the ORM would, and SQLite gets plain tuples.
    """

    def __init__(
        self, connection: Any, table: Any, names: tuple[str, ...], journal: Journal
    ) -> None:
        from sqlalchemy import insert

        self.connection = connection
        self.pending: list[Any] = []
        self.arrange: Callable[[tuple[Any, ...]], Any] = tuple
        self.convert: list[tuple[int, Any]] = []
        if (mark := journal.bulk_placeholder) is not None:
            self.sql = (
                f"INSERT INTO {table.name} ({', '.join(names)}) "
                f"VALUES ({', '.join([mark] * len(names))})"
            )
            return
        compiled = insert(table).compile(dialect=connection.dialect, column_keys=list(names))
        order = compiled.positiontup  # SQLite's paramstyle is positional
        assert order is not None and sorted(order) == sorted(names), order
        self.sql = compiled.string
        self.arrange = itemgetter(*(names.index(key) for key in order))
        columns = table.columns
        self.convert = [
            (place, convert)
            for place, key in enumerate(order)
            if (convert := _bind_processor(columns[key].type, connection.dialect)) is not None
        ]

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
    writes them; the generic type alone has none, and sqlite3's own date adapter is deprecated).

    For the two forms every row has, a UTC instant and a calendar day, the same text comes
    from `isoformat`, at a fraction of the cost of the dialect's formatting by field name
    (a million rows spent seconds there); any other value goes to the dialect's converter.
    """
    impl = column_type.dialect_impl(dialect)
    convert = impl.bind_processor(dialect)
    form = getattr(impl, "_storage_format", None)
    if convert is None or form not in _ISO_FORMS:
        return convert
    return partial(_ISO_FORMS[form], convert)


def _utc_text(convert: Callable[[Any], str], value: Any) -> str:
    if type(value) is datetime and value.tzinfo is UTC:
        return value.isoformat(timespec="microseconds")
    return convert(value)


def _day_text(convert: Callable[[Any], str], value: Any) -> str:
    return value.isoformat() if type(value) is date and value.year >= 1000 else convert(value)


_ISO_FORMS: dict[str, Callable[[Callable[[Any], str], Any], str]] = {
    "%(year)04d-%(month)02d-%(day)02dT%(hour)02d:%(minute)02d:%(second)02d"
    ".%(microsecond)06d+00:00": _utc_text,
    "%(year)04d-%(month)02d-%(day)02d": _day_text,
}


_NAMES = {kind.name: ("id", "at", "day", *kind.columns) for kind in KINDS}
# Where a remedy row keeps its name and unit (ImportRow.values follows kind.columns).
_REMEDY, _UNIT = (REMEDY.columns.index(key) for key in ("remedy", "unit"))


def _insert_values(row: ImportRow, ident: int) -> tuple[Any, ...]:
    """The row's values in _NAMES order."""
    return (ident, row.at, row.day, *row.values)


def _limit_values(limit: ImportLimit) -> dict[str, Any]:
    ceiling = limit.max_daily
    return {
        "remedy": limit.remedy,
        "max_daily_amount": ceiling.amount if ceiling else None,
        "max_daily_unit": ceiling.unit if ceiling else None,
        "max_days": limit.max_days,
        "max_days_in_30": limit.max_days_in_30,
    }
