"""Opening a journal on a PostgreSQL server: connecting, upgrading, choosing whose rows.

Nothing is written when the journal is refused: a server that cannot be reached or
refuses the password, a database without sorelog's tables that the role may not create,
one from a newer sorelog, or a person who has not shared their journal.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sorelog.domain.errors import SorelogError
from sorelog.domain.when import LocalZone
from sorelog.store.migrations_postgres import PG_MIGRATIONS, applied_steps, migrate_postgres
from sorelog.store.postgres import (
    WRITE_LOCK,
    PostgresConnection,
    PostgresJournal,
    connect,
    driver,
    postgres_error,
    redact,
)


def open_postgres_journal(
    url: str,
    *,
    create: bool,
    now: datetime,
    zone: LocalZone | None = None,
    person: str | None = None,
) -> PostgresJournal | None:
    """The journal in the database `url` names, seen as its role (or, for reading, as the
    person who shared theirs); None when reading a database sorelog has not set up yet."""
    psycopg = driver()
    conn = connect(url)
    try:
        (role,) = conn.execute("SELECT current_user::text").fetchone()
        steps = applied_steps(conn)
        _refuse_newer(url, steps)
        if steps is None and not create:
            conn.close()
            if person is not None and person != role:
                raise SorelogError(f"{person} has not shared a journal with you ({role})")
            return None
        if steps is None or len(steps) < len(PG_MIGRATIONS):
            _upgrade(url, conn, role, now, first=steps is None)
        if person is not None and person != role:
            _view_shared(conn, role, person)
        elif zone is not None:
            align_days_postgres(conn, zone)
    except psycopg.Error as exc:
        conn.close()
        raise postgres_error(url, exc) from None
    except BaseException:
        conn.close()
        raise
    return PostgresJournal(url, PostgresConnection(conn), role)


def _refuse_newer(url: str, steps: list[str] | None) -> None:
    known = [name for name, _ in PG_MIGRATIONS]
    if steps is not None and steps != known[: len(steps)]:
        raise SorelogError(
            f"journal {redact(url)} is from a newer sorelog (schema {len(steps)}, this one "
            f"knows {len(known)}); upgrade sorelog to use it"
        )


def _upgrade(url: str, conn: Any, role: str, now: datetime, *, first: bool) -> None:
    psycopg = driver()
    try:
        migrate_postgres(conn, now)
    except psycopg.errors.InsufficientPrivilege:
        if first:
            raise SorelogError(
                f"database {redact(url)} has no sorelog tables and role {role} may not "
                "create them; ask its owner to run sorelog there once, or to grant you "
                "CREATE on schema public"
            ) from None
        raise SorelogError(
            f"journal {redact(url)} needs a schema upgrade that only the owner of its "
            "tables can make; ask them to run this sorelog once"
        ) from None


def _view_shared(conn: Any, role: str, person: str) -> None:
    """Read `person`'s rows from now on; refused unless they shared their journal."""
    shared = conn.execute(
        "SELECT 1 FROM sorelog_shares WHERE owner = %s AND reader = current_user::text",
        (person,),
    ).fetchone()
    if shared is None:
        raise SorelogError(f"{person} has not shared a journal with you ({role})")
    conn.execute("SELECT set_config('sorelog.person', %s, false)", (person,))


def role_exists(journal: PostgresJournal, name: str) -> bool:
    """True when the server has a role of that name."""
    row = journal.db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (name,)).fetchone()
    return row is not None


def align_days_postgres(conn: Any, zone: LocalZone) -> None:
    """Keep the calendar day of each of the role's rows in its current time zone; rows
    whose day is already right are not written, so zones that alternate cost little."""
    from sorelog.store.days import DAY_TABLES

    wanted = zone.fingerprint()
    row = conn.execute("SELECT value FROM sorelog_meta WHERE key = 'day_zone'").fetchone()
    if row is not None and row[0] == wanted:
        return
    with conn.transaction():
        conn.execute(WRITE_LOCK)
        if row is not None:
            for table in DAY_TABLES:
                _redate(conn, table, zone)
        conn.execute(
            "INSERT INTO sorelog_meta (key, value) VALUES ('day_zone', %s) "
            "ON CONFLICT (owner, key) DO UPDATE SET value = excluded.value",
            (wanted,),
        )


def _redate(conn: Any, table: str, zone: LocalZone) -> None:
    """Each row's day in `zone`, worked out by the server; rows already right are left be.
    A named zone is the server's own; the system's goes by its offsets over the span."""
    changes = "UPDATE {table} SET day = {local} WHERE {where} day <> {local}"
    name = getattr(zone.tz, "key", None)
    if name:
        local = "(at AT TIME ZONE %(zone)s)::date"
        conn.execute(changes.format(table=table, local=local, where=""), {"zone": name})
        return
    first, last = conn.execute(f"SELECT min(at), max(at) FROM {table}").fetchone()
    if first is None:
        return
    offsets = zone.offsets(first, last)
    local = "(at AT TIME ZONE 'UTC' + make_interval(secs => %(offset)s))::date"
    for (start, offset), (end, _) in zip(offsets, [*offsets[1:], (None, 0)], strict=True):
        where = "at >= %(start)s AND " + ("at < %(end)s AND" if end is not None else "")
        conn.execute(
            changes.format(table=table, local=local, where=where),
            {"offset": offset, "start": start, "end": end},
        )
