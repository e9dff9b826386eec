"""Writing to the journal through SQLModel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from typing import Any

from sorelog.domain.doses import fits
from sorelog.domain.errors import InputError, SorelogError
from sorelog.domain.kinds import MAX_ID
from sorelog.domain.values import (
    CheckinInput,
    Limit,
    RemedyInput,
    SideEffectInput,
    SorenessInput,
    WorkoutInput,
)
from sorelog.store.journal import Journal
from sorelog.store.reads import limits, remedy_units


def _insert(journal: Journal, row: Any, check: Callable[[], None] | None = None) -> int:
    """Add one row in its own short transaction and return its id; `check` runs first,
    under the write lock, so nothing it relies on can change before the row is written."""
    with journal.writing() as session:
        if check is not None:
            check()
        row.id = new_record_id(session)
        session.add(row)
        session.commit()
        session.refresh(row)
    assert row.id is not None
    return int(row.id)


def new_record_id(session: Any) -> int:
    """Allocate an id no record of any kind has had (ids are never reused)."""
    return allocate_ids(session.connection(), 1)[0]


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


def add_soreness(journal: Journal, entry: SorenessInput) -> int:
    """Write one soreness entry and return its id."""
    return add_soreness_entries(journal, [entry])[0]


def add_soreness_entries(journal: Journal, entries: list[SorenessInput]) -> list[int]:
    """Write soreness entries in one transaction, all or none, and return their ids in order."""
    from sorelog.store.tables import Soreness

    rows = [
        Soreness(
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
        for entry in entries
    ]
    if not rows:
        return []
    with journal.writing() as session:
        ids = allocate_ids(session.connection(), len(rows))
        for row, new_id in zip(rows, ids, strict=True):
            row.id = new_id
        session.add_all(rows)
        session.commit()
    return ids


def add_remedy_use(journal: Journal, entry: RemedyInput) -> int:
    """Write one remedy use; its unit must compare with the remedy's limit and earlier doses."""
    from sorelog.store.tables import RemedyUse

    dose, base = entry.dose, entry.dose.base if entry.dose else None

    def check() -> None:
        if dose is not None:
            check_unit(journal, entry.remedy, dose.unit)

    return _insert(
        journal,
        RemedyUse(
            at=entry.at.astimezone(UTC),
            day=entry.day,
            remedy=entry.remedy,
            amount=dose.amount if dose else None,
            unit=dose.unit if dose else None,
            base_amount=base.amount if base else None,
            base_unit=base.unit if base else None,
            body_part=entry.body_part,
            side=entry.side,
            note=entry.note,
        ),
        check,
    )


def add_side_effect(journal: Journal, entry: SideEffectInput) -> int:
    """Write one side effect and return its id."""
    from sorelog.store.tables import SideEffect

    return _insert(
        journal,
        SideEffect(
            at=entry.at.astimezone(UTC),
            day=entry.day,
            effect=entry.effect,
            remedy=entry.remedy,
            severity=entry.severity,
            note=entry.note,
        ),
    )


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


def set_limit(journal: Journal, limit: Limit) -> Limit:
    """Change the limits given (None leaves one as it is) and return the remedy's limits now."""

    from sorelog.store.tables import RemedyLimit

    with journal.writing() as session:
        if limit.max_daily is not None:
            used = remedy_units(journal, limit.remedy)
            if not fits(limit.max_daily.unit, used):
                raise InputError(
                    f"{limit.remedy} is logged in {', '.join(sorted(used))}; a daily limit in "
                    f"{limit.max_daily.unit} cannot be compared with it, so give it in "
                    f"{sorted(used)[0]}"
                )
        row = session.get(RemedyLimit, limit.remedy) or RemedyLimit(remedy=limit.remedy)
        if limit.max_daily is not None:
            row.max_daily_amount = limit.max_daily.amount
            row.max_daily_unit = limit.max_daily.unit
        if limit.max_days is not None:
            row.max_days = limit.max_days
        if limit.max_days_in_30 is not None:
            row.max_days_in_30 = limit.max_days_in_30
        session.add(row)
        session.commit()
    return limits(journal)[limit.remedy]


def clear_limit(journal: Journal, remedy: str) -> bool:
    """Remove the person's limits for a remedy; False if there were none."""
    from sorelog.store.tables import RemedyLimit

    with journal.session() as session:
        row = session.get(RemedyLimit, remedy)
        if row is None:
            return False
        session.delete(row)
        session.commit()
    return True


def add_workout(journal: Journal, entry: WorkoutInput) -> int:
    """Write one workout and return its id."""
    from sorelog.store.tables import Workout

    return _insert(
        journal,
        Workout(
            at=entry.at.astimezone(UTC),
            day=entry.day,
            cause=entry.name,
            body_part=";".join(entry.parts),
            note=entry.note,
        ),
    )


def add_checkin(journal: Journal, entry: CheckinInput) -> int:
    """Write one PEG check-in and return its id."""
    from sorelog.store.tables import Checkin

    return _insert(
        journal,
        Checkin(
            at=entry.at.astimezone(UTC),
            day=entry.day,
            severity=entry.pain,
            enjoyment=entry.enjoyment,
            activity=entry.activity,
            note=entry.note,
        ),
    )
