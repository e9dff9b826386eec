"""Calendar days kept beside each record, in the person's current time zone."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from sorelog.domain.kinds import KINDS
from sorelog.domain.when import LocalZone

DAY_TABLES = tuple(kind.table for kind in KINDS)


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
            for table in DAY_TABLES:
                moments = db.execute(f"SELECT id, at FROM {table}").fetchall()
                db.executemany(
                    f"UPDATE {table} SET day = ? WHERE id = ?",
                    [(zone.day_of(_utc(at)).isoformat(), ident) for ident, at in moments],
                )
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


def _utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
