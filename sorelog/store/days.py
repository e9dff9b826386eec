"""Calendar days kept beside each record, in the person's current time zone."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, time, timedelta

from sorelog.domain.kinds import KINDS
from sorelog.domain.when import LocalZone

DAY_TABLES = tuple(kind.table for kind in KINDS)

# A stored instant to the second, in the form SQLite's date functions read: instants are
# UTC, kept as 2026-01-04T07:30:00.000000+00:00 or, by older sorelogs, as naive
# 2026-01-04 07:30:00.000000. Dropping the fraction never changes the day.
_SECOND = "(substr(at, 1, 10) || ' ' || substr(at, 12, 8))"
# The zone's offset at that instant, from the table of offsets `_shift_table` fills.
_SHIFT = f"(SELECT shift FROM temp.day_shift WHERE start <= {_SECOND} ORDER BY start DESC LIMIT 1)"
_LOCAL_DAY = f"date({_SECOND}, {_SHIFT})"


def align_days(db: sqlite3.Connection, zone: LocalZone) -> None:
    """Keep every record's calendar day in the person's current time zone.

    Days are stored with each record so reports can group by them in SQL; when the
    zone changes (config `timezone`, or the system's), they are worked out again, once.
    """
    wanted = zone.fingerprint()
    row = db.execute("SELECT value FROM sorelog_meta WHERE key = 'day_zone'").fetchone()
    if row is not None and row[0] == wanted:
        return
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc).lower():
            return  # a read-only journal keeps the days it has
        raise
    try:
        if row is not None:
            redate(db, zone)
        db.execute(
            "INSERT INTO sorelog_meta (key, value) VALUES ('day_zone', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (wanted,),
        )
        db.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        db.execute("ROLLBACK")
        if "readonly" in str(exc).lower():
            return
        raise
    except BaseException:
        db.execute("ROLLBACK")
        raise


def redate(db: sqlite3.Connection, zone: LocalZone) -> None:
    """Set each record's day to its day in `zone`, writing only the rows whose day changes.

    A person whose zone alternates (a UTC cron job beside a local shell) would otherwise
    have every record rewritten at each switch. SQLite works the days out itself: the
    zone's offsets over the journal's span go into a small temporary table, one row per
    change of offset, and each record's local day is date(at, its offset).
    """
    span = _span(db)
    if span is None:
        return
    db.execute(
        "CREATE TEMP TABLE day_shift (start TEXT PRIMARY KEY, shift TEXT NOT NULL) WITHOUT ROWID"
    )
    try:
        offsets = zone.offsets(*span)
        db.executemany(
            "INSERT INTO temp.day_shift (start, shift) VALUES (?, ?)",
            [
                ("" if place == 0 else _text(start), f"{offset:+d} seconds")
                for place, (start, offset) in enumerate(offsets)
            ],
        )
        for table in DAY_TABLES:
            db.execute(f"UPDATE {table} SET day = {_LOCAL_DAY} WHERE day IS NOT {_LOCAL_DAY}")
    finally:
        db.execute("DROP TABLE temp.day_shift")


def _span(db: sqlite3.Connection) -> tuple[datetime, datetime] | None:
    """From before the first record to after the last, read from the indexed days: a day
    in any zone is within a day of the UTC date, so two days either side cover all."""
    days: list[str] = []
    for table in DAY_TABLES:
        days.extend(db.execute(f"SELECT min(day), max(day) FROM {table}").fetchone())
    found = [day for day in days if day is not None]
    if not found:
        return None
    first, last = date.fromisoformat(min(found)), date.fromisoformat(max(found))
    margin = timedelta(days=2)
    return (
        datetime.combine(first - margin, time(), tzinfo=UTC),
        datetime.combine(last + margin, time(), tzinfo=UTC),
    )


def _text(instant: datetime) -> str:
    """An instant in the form `_SECOND` gives, so the two compare as text."""
    return instant.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
