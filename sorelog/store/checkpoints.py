"""The chronic rule's checkpoints: read them, and keep new ones when a report may.

They are a cache of what the journal already holds: a report that cannot write them (a
read-only file, another program writing, someone else's journal) works the same, only
slower. Triggers (migrations m009 / p002) delete every checkpoint a later write could
change; a report keeps none if anything was written while it read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

from sorelog.domain.values import ChronicCheckpoint, SeriesKey, Stretch
from sorelog.store.cells import as_day
from sorelog.store.journal import BUSY_TIMEOUT_SECONDS, Journal
from sorelog.store.migrations import TRIGGER_SUFFIX
from sorelog.store.migrations_postgres import BUMP_EPOCH, CHECKPOINT_EPOCH, CLEARED

# What tells a report that another program wrote while it read: on SQLite the file's own
# counter of other connections' commits; on PostgreSQL the count the triggers keep.
_MARK = {
    "sqlite": "PRAGMA data_version",
    "postgresql": f"SELECT value FROM sorelog_meta WHERE key = '{CHECKPOINT_EPOCH}'",
}


KEEP = 3  # checkpoints kept per part: reports and summaries of different windows each find one


def change_mark(journal: Journal) -> str:
    """Read before the report reads; save_checkpoints compares it."""
    row = journal.db.execute(_MARK[journal.dialect]).fetchone()
    return str(row[0]) if row else "0"


@contextmanager
def all_forgotten(db: Any, dialect: str) -> Iterator[None]:
    """Inside a writing transaction about to write many rows (an import): forget every
    checkpoint once, so the triggers need not run for each row.

    SQLite's triggers cost about 10 us a row even with nothing to delete, so they are
    dropped for the rows and made again before the commit; a rollback restores them with
    the rest. PostgreSQL's (owned by another role) are told to stop early instead.
    """
    db.execute("DELETE FROM chronic_checkpoint")
    if dialect == "postgresql":
        db.execute(BUMP_EPOCH)
        db.execute(f"SELECT set_config('{CLEARED}', 'yes', true)")
        yield
        return
    triggers = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
        (f"%{TRIGGER_SUFFIX}",),
    ).fetchall()
    for name, _ in triggers:
        db.execute(f"DROP TRIGGER {name}")
    yield
    for _, sql in triggers:
        db.execute(sql)


def read_checkpoints(
    journal: Journal, rules: str, latest: date
) -> dict[SeriesKey, ChronicCheckpoint]:
    """Each part's newest checkpoint kept under `rules` (the settings it was judged with)
    with its cut on or before `latest`."""
    rows = journal.db.execute(
        "SELECT body_part, side, cut, first, last, held FROM chronic_checkpoint "
        "WHERE rules = ? AND cut <= ? ORDER BY body_part, side, cut",
        (rules, latest.isoformat()),
    )
    found: dict[SeriesKey, ChronicCheckpoint] = {}
    for body_part, side, cut, first, last, held in rows:  # the newest last
        stretch = None
        if first:
            stretch = Stretch(as_day(first), as_day(last), as_day(held) if held else None)
        found[(body_part, side or None)] = ChronicCheckpoint(as_day(cut), stretch)
    return found


def save_checkpoints(
    journal: Journal, rules: str, mark: str, checkpoints: Mapping[SeriesKey, ChronicCheckpoint]
) -> bool:
    """Keep these checkpoints beside the parts' newest others (`KEEP` in all: a summary's
    window starts earlier than a report's), dropping any kept under other rules, unless
    the journal changed since `mark` was read; False when nothing was kept."""
    rows = [
        (
            rules,
            body_part,
            side or "",
            c.cut.isoformat(),
            c.stretch.first.isoformat() if c.stretch else None,
            c.stretch.last.isoformat() if c.stretch else None,
            c.stretch.held.isoformat() if c.stretch and c.stretch.held else None,
        )
        for (body_part, side), c in checkpoints.items()
    ]
    db = journal.db
    try:
        if journal.dialect == "sqlite":
            db.execute("PRAGMA busy_timeout = 0")  # fails at once if another program writes
        db.execute("BEGIN IMMEDIATE" if journal.dialect == "sqlite" else "BEGIN")
        try:
            if journal.dialect == "postgresql":  # not the person's write lock: an import
                db.execute("SET LOCAL lock_timeout = '100ms'")  # holds it; the epoch row
                db.execute(  # is locked only while a write is about to change it
                    f"INSERT INTO sorelog_meta (key, value) VALUES ('{CHECKPOINT_EPOCH}', '0') "
                    "ON CONFLICT (owner, key) DO NOTHING"
                )
                db.execute(_MARK["postgresql"] + " FOR UPDATE")
            if change_mark(journal) != mark:
                db.execute("ROLLBACK")
                return False
            db.execute("DELETE FROM chronic_checkpoint WHERE rules != ?", (rules,))
            for row in rows:
                db.execute(
                    "DELETE FROM chronic_checkpoint "
                    "WHERE rules = ? AND body_part = ? AND side = ? AND cut = ?",
                    row[:4],
                )
            db.executemany(
                "INSERT INTO chronic_checkpoint (rules, body_part, side, cut, first, last, held) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            for row in rows:
                db.execute(
                    "DELETE FROM chronic_checkpoint WHERE rules = ? AND body_part = ? AND side = ? "
                    "AND cut NOT IN (SELECT cut FROM chronic_checkpoint WHERE rules = ? AND "
                    f"body_part = ? AND side = ? ORDER BY cut DESC LIMIT {KEEP})",
                    row[:3] * 2,
                )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    except Exception as exc:
        if journal.failure(exc) is None:
            raise
        return False
    finally:
        if journal.dialect == "sqlite":
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    return True
