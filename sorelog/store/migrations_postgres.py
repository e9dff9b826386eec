"""PostgreSQL's schema steps, in order, applied once each under an advisory lock.

PostgreSQL journals began with the schema SQLite reached at m008, so their list starts
there; a later change of schema appends a step here and one in store/migrations.py.
The applied steps are recorded by name in `sorelog_migrations`; a database holding a
step this list does not know was written by a newer sorelog and is refused.

Each row carries its `owner`, the role that wrote it. Row-level security, forced even
for the tables' owner, lets a role read its own rows, or the rows of a person who shared
theirs with it (`sorelog_shares`) when it asks for that person (`sorelog.person`); it
can change only its own. The tables are granted to PUBLIC because the policies, not the
grants, decide what each role sees.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sorelog.domain.kinds import MAX_ID, RecordKind
from sorelog.store import day_rollup
from sorelog.store.migrations import (
    CHECKPOINT_INPUTS,
    CHECKPOINT_MARGIN_DAYS,
    OWN_COLUMNS,
    TRIGGER_SUFFIX,
)

Step = Callable[[Any], None]
PG_MIGRATIONS: list[tuple[str, Step]] = []
SCHEMA_LOCK = "SELECT pg_advisory_xact_lock(hashtext('sorelog schema'))"

# The person whose journal a run reads: sorelog.person when set, else the role itself.
VIEWED = "coalesce(nullif(current_setting('sorelog.person', true), ''), current_user::text)"
SHARED_WITH_ME = "SELECT s.owner FROM sorelog_shares s WHERE s.reader = current_user::text"


def pg_migration(step: Step) -> Step:
    """Append a step to PG_MIGRATIONS; names must be unique."""
    if any(name == step.__name__ for name, _ in PG_MIGRATIONS):
        raise RuntimeError(f"duplicate migration {step.__name__}")
    PG_MIGRATIONS.append((step.__name__, step))
    return step


OWNER = "owner text NOT NULL DEFAULT current_user"
DATA_TABLES = {
    "soreness": f"""
        {OWNER}, id bigint NOT NULL,
        at timestamptz NOT NULL, day date NOT NULL,
        body_part varchar NOT NULL, side varchar,
        severity integer NOT NULL CHECK (severity BETWEEN 0 AND 10),
        kind varchar, cause varchar, symptoms varchar NOT NULL DEFAULT '', note varchar""",
    "remedy_use": f"""
        {OWNER}, id bigint NOT NULL,
        at timestamptz NOT NULL, day date NOT NULL, remedy varchar NOT NULL,
        amount double precision, unit varchar,
        base_amount double precision, base_unit varchar,
        body_part varchar, side varchar, note varchar""",
    "remedy_limit": f"""
        {OWNER}, remedy varchar NOT NULL,
        max_daily_amount double precision, max_daily_unit varchar,
        max_days integer, max_days_in_30 integer,
        PRIMARY KEY (owner, remedy)""",
    "side_effect": f"""
        {OWNER}, id bigint NOT NULL,
        at timestamptz NOT NULL, day date NOT NULL, effect varchar NOT NULL, remedy varchar,
        severity integer CHECK (severity BETWEEN 0 AND 10), note varchar""",
    "workout": f"""
        {OWNER}, id bigint NOT NULL,
        at timestamptz NOT NULL, day date NOT NULL,
        cause varchar NOT NULL, body_part varchar NOT NULL, note varchar""",
    "checkin": f"""
        {OWNER}, id bigint NOT NULL,
        at timestamptz NOT NULL, day date NOT NULL,
        severity integer NOT NULL CHECK (severity BETWEEN 0 AND 10),
        enjoyment integer NOT NULL CHECK (enjoyment BETWEEN 0 AND 10),
        activity integer NOT NULL CHECK (activity BETWEEN 0 AND 10), note varchar""",
}
INDEXES = (
    "CREATE INDEX ix_soreness_day_cover ON soreness (owner, day, body_part, side, severity)",
    "CREATE INDEX ix_soreness_part_day ON soreness (owner, body_part, day)",
    "CREATE INDEX ix_remedy_use_day ON remedy_use (owner, day)",
    "CREATE INDEX ix_remedy_use_remedy_day ON remedy_use (owner, remedy, day)",
    "CREATE INDEX ix_side_effect_day ON side_effect (owner, day)",
    "CREATE INDEX ix_workout_day ON workout (owner, day)",
    "CREATE INDEX ix_checkin_day ON checkin (owner, day)",
)


def _force_row_security(db: Any, table: str) -> None:
    """Row-level security on `table`, binding its owner too; policies then say who sees what."""
    db.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    db.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")


def _own_rows_only(db: Any, table: str, read: str) -> None:
    """Row-level security on `table`, forced: read where `read` holds, change only one's own."""
    _force_row_security(db, table)
    db.execute(f"CREATE POLICY {table}_read ON {table} FOR SELECT USING ({read})")
    own = "owner = current_user::text"
    db.execute(f"CREATE POLICY {table}_insert ON {table} FOR INSERT WITH CHECK ({own})")
    db.execute(
        f"CREATE POLICY {table}_update ON {table} FOR UPDATE USING ({own}) WITH CHECK ({own})"
    )
    db.execute(f"CREATE POLICY {table}_delete ON {table} FOR DELETE USING ({own})")
    db.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO PUBLIC")


@pg_migration
def p001_journal(db: Any) -> None:
    # The schema of SQLite's m001..m008 with an owner on every row. Each person has an id
    # space of their own, as a journal file does (`record_ids`, one for every kind, so
    # `edit ID` names one record; ids are never reused), and an import keeps a file's ids.
    db.execute(
        f"CREATE TABLE sorelog_shares ({OWNER}, reader text NOT NULL, PRIMARY KEY (owner, reader))"
    )
    _force_row_security(db, "sorelog_shares")
    db.execute(
        "CREATE POLICY shares_seen ON sorelog_shares FOR SELECT "
        "USING (owner = current_user::text OR reader = current_user::text)"
    )
    db.execute(
        "CREATE POLICY shares_given ON sorelog_shares FOR INSERT "
        "WITH CHECK (owner = current_user::text)"
    )
    db.execute(
        "CREATE POLICY shares_taken ON sorelog_shares FOR DELETE USING (owner = current_user::text)"
    )
    db.execute("GRANT SELECT, INSERT, DELETE ON sorelog_shares TO PUBLIC")
    read = f"owner = {VIEWED} AND (owner = current_user::text OR owner IN ({SHARED_WITH_ME}))"
    for table, columns in DATA_TABLES.items():
        if table != "remedy_limit":
            columns += ", PRIMARY KEY (owner, id)"
        db.execute(f"CREATE TABLE {table} ({columns})")
        _own_rows_only(db, table, read)
    db.execute(
        f"CREATE TABLE record_ids ({OWNER}, id bigint NOT NULL CHECK (id BETWEEN 1 AND {MAX_ID}), "
        "PRIMARY KEY (owner, id))"
    )
    _own_rows_only(db, "record_ids", "owner = current_user::text")
    for index in INDEXES:
        db.execute(index)
    # Facts about one person's journal, such as the time zone of its calendar days.
    db.execute(
        f"CREATE TABLE sorelog_meta ({OWNER}, key varchar NOT NULL, value varchar NOT NULL, "
        "PRIMARY KEY (owner, key))"
    )
    _own_rows_only(db, "sorelog_meta", "owner = current_user::text")


CHECKPOINT_EPOCH = "checkpoint_epoch"  # sorelog_meta's count of one person's writes
BUMP_EPOCH = (
    f"INSERT INTO sorelog_meta (key, value) VALUES ('{CHECKPOINT_EPOCH}', '1') "
    "ON CONFLICT (owner, key) DO UPDATE SET value = (sorelog_meta.value::bigint + 1)::text"
)


# An import forgets all of a person's checkpoints at its start and says so for the rest of
# its transaction, so the triggers need not run for each of its rows (store/checkpoints.py).
CLEARED = "sorelog.checkpoints_cleared"
NOT_CLEARED = f"coalesce(current_setting('{CLEARED}', true), '') <> 'yes'"


@pg_migration
def p002_chronic_checkpoints(db: Any) -> None:
    # SQLite's m009: each person's checkpoints for the chronic rule, forgotten by a write
    # on or before their cut. The triggers run as the writer, whose own rows they delete,
    # and count the writer's writes (SQLite's PRAGMA data_version does that there), so a
    # report does not keep checkpoints from data changed while it read.
    db.execute(
        f"""
        CREATE TABLE chronic_checkpoint (
            {OWNER}, rules varchar NOT NULL, body_part varchar NOT NULL,
            side varchar NOT NULL, cut date NOT NULL, first date, last date, held date,
            PRIMARY KEY (owner, rules, body_part, side, cut))
        """
    )
    db.execute("CREATE INDEX ix_chronic_checkpoint_cut ON chronic_checkpoint (owner, cut)")
    read = f"owner = {VIEWED} AND (owner = current_user::text OR owner IN ({SHARED_WITH_ME}))"
    _own_rows_only(db, "chronic_checkpoint", read)
    forget = (
        "DELETE FROM chronic_checkpoint c USING (SELECT owner, min(day) AS day FROM {rows} "
        "GROUP BY owner) w WHERE c.owner = w.owner AND c.cut >= w.day - {margin};"
    )
    for event, tables in (("INSERT", ("new_rows",)), ("UPDATE", ("old_rows", "new_rows")),
                          ("DELETE", ("old_rows",))):  # fmt: skip
        body = " ".join(forget.format(rows=t, margin=CHECKPOINT_MARGIN_DAYS) for t in tables)
        body = f"IF {NOT_CLEARED} THEN {body} {BUMP_EPOCH}; END IF;"
        db.execute(
            f"CREATE FUNCTION sorelog_forget_checkpoints_{event.lower()}() RETURNS trigger "
            "LANGUAGE plpgsql SET search_path = public, pg_temp "
            f"AS $$ BEGIN {body} RETURN NULL; END $$"
        )
        referencing = " ".join(
            f"{'NEW' if t == 'new_rows' else 'OLD'} TABLE AS {t}" for t in tables
        )
        for table in CHECKPOINT_INPUTS:
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}{TRIGGER_SUFFIX} "
                f"AFTER {event} ON {table} REFERENCING {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION sorelog_forget_checkpoints_{event.lower()}()"
            )


@pg_migration
def p003_day_rollup(db: Any) -> None:
    # SQLite's m011: each person's soreness by day, kept by triggers, in place of the
    # chronic checkpoints, under the same row security as soreness: a person reads and
    # changes their own rows, and a person they shared their journal with reads them.
    for event in ("insert", "update", "delete"):
        for table in CHECKPOINT_INPUTS:
            db.execute(f"DROP TRIGGER {table}_{event}{TRIGGER_SUFFIX} ON {table}")
        db.execute(f"DROP FUNCTION sorelog_forget_checkpoints_{event}()")
    db.execute("DROP TABLE chronic_checkpoint")
    # Each person's count of writes, which only the checkpoints read (the owner reaches
    # every person's rows while row security is not forced on the table).
    db.execute("ALTER TABLE sorelog_meta NO FORCE ROW LEVEL SECURITY")
    db.execute(f"DELETE FROM sorelog_meta WHERE key = '{CHECKPOINT_EPOCH}'")
    db.execute("ALTER TABLE sorelog_meta FORCE ROW LEVEL SECURITY")
    day_rollup.POSTGRES.install(db)
    read = f"owner = {VIEWED} AND (owner = current_user::text OR owner IN ({SHARED_WITH_ME}))"
    _own_rows_only(db, "day_rollup", read)


@pg_migration
def p004_kinds_own_columns(db: Any) -> None:
    # SQLite's m012: each kind's fields in columns of their own name.
    for table, old, new in OWN_COLUMNS:
        db.execute(f"ALTER TABLE {table} RENAME COLUMN {old} TO {new}")


@pg_migration
def p005_imported_workouts(db: Any) -> None:
    # SQLite's m013: an imported workout's sport, duration, distance and file.
    from sqlalchemy.dialects import postgresql

    from sorelog.domain.kinds import kind_named
    from sorelog.store.migrations import IMPORTED_WORKOUT
    from sorelog.store.tables import column_ddl

    kind = kind_named("workout")
    for name in IMPORTED_WORKOUT:
        spec = column_ddl(kind, name, postgresql.dialect())  # type: ignore[no-untyped-call]
        db.execute(f"ALTER TABLE {kind.table} ADD COLUMN {spec}")


def create_kind_table(db: Any, kind: RecordKind) -> None:
    """A new kind's migration step: its table (each row with its owner), its day index,
    and the same row security as every kind's, from its statement."""
    from sqlalchemy.dialects import postgresql

    from sorelog.store.tables import table_ddl

    for statement in table_ddl(kind, postgresql.dialect(), owned=True):  # type: ignore[no-untyped-call]
        db.execute(statement)
    read = f"owner = {VIEWED} AND (owner = current_user::text OR owner IN ({SHARED_WITH_ME}))"
    _own_rows_only(db, kind.table, read)


def _create_step_record(db: Any) -> None:
    db.execute(
        "CREATE TABLE sorelog_migrations (seq integer PRIMARY KEY, "
        "name varchar NOT NULL UNIQUE, applied_at varchar NOT NULL)"
    )
    # Every role reads which steps are applied; only the tables' owner can apply one.
    _force_row_security(db, "sorelog_migrations")
    db.execute("CREATE POLICY migrations_read ON sorelog_migrations FOR SELECT USING (true)")
    db.execute("CREATE POLICY migrations_record ON sorelog_migrations FOR INSERT WITH CHECK (true)")
    db.execute("GRANT SELECT ON sorelog_migrations TO PUBLIC")


def applied_steps(db: Any) -> list[str] | None:
    """The names of the steps applied, in order; None when sorelog has no tables here."""
    # pg_tables is read with the statement's snapshot: it sees a table another first run
    # committed while this one waited for the lock (to_regclass may not, yet).
    (found,) = db.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() "
        "AND tablename = 'sorelog_migrations')"
    ).fetchone()
    if not found:
        return None
    return [name for (name,) in db.execute("SELECT name FROM sorelog_migrations ORDER BY seq")]


def migrate_postgres(db: Any, now: datetime) -> None:
    """Apply the steps this database lacks, in one transaction under the schema lock, so
    two first runs at once cannot both create the tables."""
    db.execute("BEGIN")
    try:
        db.execute(SCHEMA_LOCK)
        done = applied_steps(db)  # again, under the lock: another run may have done it
        if done is None:
            _create_step_record(db)
            done = []
        for seq, (name, step) in enumerate(PG_MIGRATIONS[len(done) :], start=len(done) + 1):
            step(db)
            db.execute(
                "INSERT INTO sorelog_migrations (seq, name, applied_at) VALUES (%s, %s, %s)",
                (seq, name, now.astimezone(UTC).isoformat()),
            )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
