"""Schema versions as an ordered list of named steps, applied once each, in order.

The number of applied steps is the schema version (kept in PRAGMA user_version
and, by name, in the `sorelog_migrations` table). A journal whose version is
higher than the steps known here was written by a newer sorelog and is refused.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime

from sorelog.domain.kinds import RecordKind
from sorelog.store import day_rollup

Step = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Step]] = []


def migration(step: Step) -> Step:
    """Append a step to MIGRATIONS; names must be unique."""
    if any(name == step.__name__ for name, _ in MIGRATIONS):
        raise RuntimeError(f"duplicate migration {step.__name__}")
    MIGRATIONS.append((step.__name__, step))
    return step


@migration
def m001_soreness(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE soreness (
            id INTEGER PRIMARY KEY,
            at DATETIME NOT NULL,
            day DATE NOT NULL,
            body_part VARCHAR NOT NULL,
            side VARCHAR,
            severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 10),
            kind VARCHAR,
            cause VARCHAR,
            symptoms VARCHAR NOT NULL DEFAULT '',
            note VARCHAR
        )
        """
    )
    db.execute("CREATE INDEX ix_soreness_day ON soreness (day)")
    db.execute("CREATE INDEX ix_soreness_part_day ON soreness (body_part, day)")


@migration
def m002_remedies(db: sqlite3.Connection) -> None:
    # One id space for every kind of record, so `edit ID` and `delete ID` name one record.
    db.execute("CREATE TABLE record_ids (id INTEGER PRIMARY KEY)")
    db.execute("INSERT INTO record_ids (id) SELECT id FROM soreness")
    db.execute(
        """
        CREATE TABLE remedy_use (
            id INTEGER PRIMARY KEY,
            at DATETIME NOT NULL,
            day DATE NOT NULL,
            remedy VARCHAR NOT NULL,
            amount FLOAT,
            unit VARCHAR,
            base_amount FLOAT,
            base_unit VARCHAR,
            body_part VARCHAR,
            side VARCHAR,
            note VARCHAR
        )
        """
    )
    db.execute("CREATE INDEX ix_remedy_use_day ON remedy_use (day)")
    db.execute("CREATE INDEX ix_remedy_use_remedy_day ON remedy_use (remedy, day)")
    db.execute(
        """
        CREATE TABLE remedy_limit (
            remedy VARCHAR PRIMARY KEY,
            max_daily_amount FLOAT,
            max_daily_unit VARCHAR,
            max_days INTEGER
        )
        """
    )
    db.execute(
        """
        CREATE TABLE side_effect (
            id INTEGER PRIMARY KEY,
            at DATETIME NOT NULL,
            day DATE NOT NULL,
            effect VARCHAR NOT NULL,
            remedy VARCHAR,
            severity INTEGER CHECK (severity BETWEEN 0 AND 10),
            note VARCHAR
        )
        """
    )
    db.execute("CREATE INDEX ix_side_effect_day ON side_effect (day)")


@migration
def m003_covering_day_index(db: sqlite3.Connection) -> None:
    # The report's daily maxima come from this index alone, without reading the table.
    db.execute("DROP INDEX ix_soreness_day")
    db.execute("CREATE INDEX ix_soreness_day_cover ON soreness (day, body_part, side, severity)")


@migration
def m004_meta(db: sqlite3.Connection) -> None:
    # Facts about the journal itself, such as the time zone its calendar days are in.
    db.execute("CREATE TABLE sorelog_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")


@migration
def m005_nfc_names(db: sqlite3.Connection) -> None:
    # Names are matched in their NFC form from now on; bring older rows to it, so a limit
    # on "paracétamol" applies to the doses typed with a combining accent. Where a remedy
    # had limits under both forms, the composed one is kept.
    def nfc(text: str) -> str:
        return unicodedata.normalize("NFC", text)

    db.create_function("sorelog_nfc", 1, nfc, deterministic=True)
    for table, column in (("remedy_use", "remedy"), ("side_effect", "remedy"),
                          ("side_effect", "effect")):  # fmt: skip
        db.execute(
            f"UPDATE {table} SET {column} = sorelog_nfc({column}) "
            f"WHERE {column} IS NOT NULL AND {column} != sorelog_nfc({column})"
        )
    db.execute(
        "DELETE FROM remedy_limit WHERE remedy != sorelog_nfc(remedy) "
        "AND sorelog_nfc(remedy) IN (SELECT remedy FROM remedy_limit)"
    )
    db.execute("UPDATE remedy_limit SET remedy = sorelog_nfc(remedy)")


@migration
def m006_days_in_30(db: sqlite3.Connection) -> None:
    # The person's own most days of use in any 30 (frequent_use), beside max daily and in a row.
    db.execute("ALTER TABLE remedy_limit ADD COLUMN max_days_in_30 INTEGER")


@migration
def m007_workouts(db: sqlite3.Connection) -> None:
    # Training sessions: what separates ordinary training soreness from soreness worth a look.
    # Named as the export columns they fill: the session's name is `cause`, its parts
    # (";"-joined canonical names) `body_part`.
    db.execute(
        """
        CREATE TABLE workout (
            id INTEGER PRIMARY KEY,
            at DATETIME NOT NULL,
            day DATE NOT NULL,
            cause VARCHAR NOT NULL,
            body_part VARCHAR NOT NULL,
            note VARCHAR
        )
        """
    )
    db.execute("CREATE INDEX ix_workout_day ON workout (day)")


@migration
def m008_checkins(db: sqlite3.Connection) -> None:
    # PEG check-ins (Krebs 2009): three 0-10 answers about the past week. The average pain
    # is `severity`, as the export column it fills; the other two have columns of their own.
    db.execute(
        """
        CREATE TABLE checkin (
            id INTEGER PRIMARY KEY,
            at DATETIME NOT NULL,
            day DATE NOT NULL,
            severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 10),
            enjoyment INTEGER NOT NULL CHECK (enjoyment BETWEEN 0 AND 10),
            activity INTEGER NOT NULL CHECK (activity BETWEEN 0 AND 10),
            note VARCHAR
        )
        """
    )
    db.execute("CREATE INDEX ix_checkin_day ON checkin (day)")


CHECKPOINT_INPUTS = ("soreness", "workout")  # the tables the chronic rule reads
CHECKPOINT_MARGIN_DAYS = 4  # a write this close after a cut may still change what it holds
TRIGGER_SUFFIX = "_forgets_checkpoints"


@migration
def m009_chronic_checkpoints(db: sqlite3.Connection) -> None:
    # What `chronic` needs of each part's history before a cut (store/checkpoints.py), so a
    # report reads months, not years. `rules` names the settings it was judged under; any
    # write to soreness or workouts on or before a cut (plus a margin) deletes it.
    db.execute(
        """
        CREATE TABLE chronic_checkpoint (
            rules VARCHAR NOT NULL,
            body_part VARCHAR NOT NULL,
            side VARCHAR NOT NULL,
            cut DATE NOT NULL,
            first DATE,
            last DATE,
            held DATE,
            PRIMARY KEY (rules, body_part, side, cut)
        )
        """
    )
    db.execute("CREATE INDEX ix_chronic_checkpoint_cut ON chronic_checkpoint (cut)")
    forget = "DELETE FROM chronic_checkpoint WHERE cut >= date({day}, '-{margin} days');"
    for table in CHECKPOINT_INPUTS:
        for event, days in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")),
                            ("DELETE", ("OLD",))):  # fmt: skip
            body = " ".join(
                forget.format(day=f"{row}.day", margin=CHECKPOINT_MARGIN_DAYS) for row in days
            )
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}{TRIGGER_SUFFIX} "
                f"AFTER {event} ON {table} BEGIN {body} END"
            )


@migration
def m010_replaced_rows_forget_checkpoints(db: sqlite3.Connection) -> None:
    # `INSERT OR REPLACE` and `UPDATE OR REPLACE` delete the row they collide with without
    # firing its DELETE trigger (unless a connection sets recursive_triggers, which another
    # program need not): before the write, forget the checkpoints that row's day reached.
    margin = CHECKPOINT_MARGIN_DAYS
    for table in CHECKPOINT_INPUTS:
        for event, other in (("INSERT", ""), ("UPDATE", " AND NEW.id IS NOT OLD.id")):
            body = (
                "DELETE FROM chronic_checkpoint WHERE cut >= (SELECT date(day, "
                f"'-{margin} days') FROM {table} WHERE id = NEW.id{other});"
            )
            db.execute(
                f"CREATE TRIGGER {table}_replace_{event.lower()}{TRIGGER_SUFFIX} "
                f"BEFORE {event} ON {table} BEGIN {body} END"
            )


@migration
def m011_day_rollup(db: sqlite3.Connection) -> None:
    # Each part and side's soreness by day, kept by triggers (store/day_rollup.py): a
    # report reads years of a part from it in one read, and writes nothing. It takes the
    # place of the chronic checkpoints, which reports kept under their settings.
    triggers = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
        (f"%{TRIGGER_SUFFIX}",),
    ).fetchall()
    for (name,) in triggers:
        db.execute(f"DROP TRIGGER {name}")
    db.execute("DROP TABLE chronic_checkpoint")
    day_rollup.SQLITE.install(db)


# Each kind keeps its own fields in columns of their own name (domain/kinds.py); exports
# still fill the shared CSV columns from them.
OWN_COLUMNS = (("workout", "cause", "name"), ("workout", "body_part", "parts"),
               ("checkin", "severity", "pain"))  # fmt: skip


@migration
def m012_kinds_own_columns(db: sqlite3.Connection) -> None:
    # A workout's name was kept in `cause` and its parts in `body_part`, a check-in's
    # average pain in `severity`: the export columns they fill, not what they are.
    for table, old, new in OWN_COLUMNS:
        db.execute(f"ALTER TABLE {table} RENAME COLUMN {old} TO {new}")


IMPORTED_WORKOUT = ("sport", "seconds", "metres", "source")


@migration
def m013_imported_workouts(db: sqlite3.Connection) -> None:
    # A workout imported from a watch or phone export keeps its sport, duration, distance
    # and the file it came from.
    add_kind_columns(db, "workout", IMPORTED_WORKOUT)


def add_kind_columns(db: sqlite3.Connection, record: str, names: tuple[str, ...]) -> None:
    """A migration step for fields added to a kind: their columns, from its statement."""
    from sqlalchemy.dialects import sqlite

    from sorelog.domain.kinds import kind_named
    from sorelog.store.tables import column_ddl

    kind = kind_named(record)
    for name in names:
        db.execute(
            f"ALTER TABLE {kind.table} ADD COLUMN {column_ddl(kind, name, sqlite.dialect())}"
        )


def create_kind_table(db: sqlite3.Connection, kind: RecordKind) -> None:
    """A new kind's migration step: its table and day index, from its statement."""
    from sqlalchemy.dialects import sqlite

    from sorelog.store.tables import table_ddl

    for statement in table_ddl(kind, sqlite.dialect()):
        db.execute(statement)


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, now: datetime) -> None:
    """Apply the steps this journal lacks, all in one transaction with their records.

    `now` is when they are recorded as applied (the caller's clock, not read here).
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(db)  # re-read under the write lock
        db.execute(
            "CREATE TABLE IF NOT EXISTS sorelog_migrations "
            "(name VARCHAR PRIMARY KEY, applied_at VARCHAR NOT NULL)"
        )
        for name, step in MIGRATIONS[version:]:
            step(db)
            db.execute(
                "INSERT INTO sorelog_migrations (name, applied_at) VALUES (?, ?)",
                (name, now.astimezone(UTC).isoformat()),
            )
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
