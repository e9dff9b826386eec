"""Writing to the journal: new records of any kind, and remedy limits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC
from typing import Any

from sorelog.domain.doses import fits
from sorelog.domain.errors import InputError, SorelogError
from sorelog.domain.kinds import MAX_ID, REMEDY
from sorelog.domain.values import Limit, NewRecord
from sorelog.store.journal import Journal
from sorelog.store.reads import limits, remedy_units


def add_records(journal: Journal, records: Sequence[NewRecord]) -> list[int]:
    """Write records in one transaction, all or none, and return their ids in order.

    The rules that need the journal (a remedy's unit must compare with its limit and its
    earlier doses) run first, under the write lock, so nothing they rely on can change
    before the records are written.
    """
    from sqlalchemy import insert

    from sorelog.store.tables import table_of

    if not records:
        return []
    with journal.writing() as session:
        for record in records:
            if (rule := JOURNAL_RULES.get(record.kind.name)) is not None:
                rule(journal, record.values, None)
        connection = session.connection()
        ids = allocate_ids(connection, len(records))
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for record, new_id in zip(records, ids, strict=True):
            row = {"id": new_id, "at": record.at.astimezone(UTC), "day": record.day}
            by_kind.setdefault(record.kind.name, []).append({**row, **record.values})
        for kind, rows in by_kind.items():
            connection.execute(insert(table_of(kind)), rows)
        session.commit()
    return ids


def allocate_ids(connection: Any, count: int) -> list[int]:
    """`count` ids no record has ever had, recorded as taken; call under the write lock.

    The next ones after the highest, as long as they stay within MAX_ID; past it (after
    an import of ids near 2^53), the lowest never-used ids, so every id stays exportable.
    """
    from sqlalchemy import text

    (top,) = connection.exec_driver_sql("SELECT COALESCE(MAX(id), 0) FROM record_ids").one()
    if top + count <= MAX_ID:
        ids = list(range(top + 1, top + count + 1))
    else:
        ids = []
        candidate = 1
        taken = connection.exec_driver_sql("SELECT id FROM record_ids ORDER BY id")
        for (used,) in taken:
            while candidate < used and len(ids) < count:
                ids.append(candidate)
                candidate += 1
            if len(ids) == count:
                break
            candidate = used + 1
        while len(ids) < count and candidate <= MAX_ID:
            ids.append(candidate)
            candidate += 1
        if len(ids) < count:
            raise SorelogError("the journal has used every record id; start a new journal")
    connection.execute(text("INSERT INTO record_ids (id) VALUES (:id)"), [{"id": i} for i in ids])
    return ids


def check_unit(journal: Journal, remedy: str, unit: str, leaving_out: int | None = None) -> None:
    """Refuse a unit that cannot be added to earlier doses or compared with the limit."""
    limit = limits(journal).get(remedy)
    if limit and limit.max_daily and not fits(unit, [limit.max_daily.unit]):
        raise InputError(
            f"{unit} cannot be compared with your daily limit for {remedy} "
            f"({limit.max_daily}); log the dose in {limit.max_daily.unit}"
        )
    used = remedy_units(journal, remedy, leaving_out)
    if not fits(unit, used):
        raise InputError(
            f"{remedy} is logged in {', '.join(sorted(used))}; {unit} cannot be added to that, "
            f"so log the dose in {sorted(used)[0]}"
        )


def _unit_fits(journal: Journal, values: dict[str, Any], record_id: int | None) -> None:
    if values.get("unit"):
        check_unit(journal, values["remedy"], values["unit"], leaving_out=record_id)


# The rules of a kind that need the journal, run under the write lock by every add and
# edit: (journal, the record's values by field name, its id when edited).
JOURNAL_RULES: dict[str, Callable[[Journal, dict[str, Any], int | None], None]] = {
    REMEDY.name: _unit_fits,
}


def set_limit(journal: Journal, limit: Limit) -> Limit:
    """Change the limits given (None leaves one as it is) and return the remedy's limits now."""
    from sqlalchemy import insert, select, update

    from sorelog.store.tables import REMEDY_LIMIT

    with journal.writing() as session:
        if limit.max_daily is not None:
            used = remedy_units(journal, limit.remedy)
            if not fits(limit.max_daily.unit, used):
                raise InputError(
                    f"{limit.remedy} is logged in {', '.join(sorted(used))}; a daily limit in "
                    f"{limit.max_daily.unit} cannot be compared with it, so give it in "
                    f"{sorted(used)[0]}"
                )
        changes: dict[str, Any] = {}
        if limit.max_daily is not None:
            changes["max_daily_amount"] = limit.max_daily.amount
            changes["max_daily_unit"] = limit.max_daily.unit
        if limit.max_days is not None:
            changes["max_days"] = limit.max_days
        if limit.max_days_in_30 is not None:
            changes["max_days_in_30"] = limit.max_days_in_30
        connection = session.connection()
        this = REMEDY_LIMIT.c.remedy == limit.remedy
        if connection.execute(select(REMEDY_LIMIT.c.remedy).where(this)).first() is None:
            connection.execute(insert(REMEDY_LIMIT).values(remedy=limit.remedy, **changes))
        elif changes:
            connection.execute(update(REMEDY_LIMIT).where(this).values(**changes))
        session.commit()
    return limits(journal)[limit.remedy]


def clear_limit(journal: Journal, remedy: str) -> bool:
    """Remove the person's limits for a remedy; False if there were none."""
    from sqlalchemy import delete

    from sorelog.store.tables import REMEDY_LIMIT

    with journal.session() as session:
        gone = session.connection().execute(
            delete(REMEDY_LIMIT).where(REMEDY_LIMIT.c.remedy == remedy)
        )
        session.commit()
    return bool(gone.rowcount)
