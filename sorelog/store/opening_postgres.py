"""Opening a journal on a PostgreSQL server: connecting, upgrading, choosing whose rows.

Nothing is written when the journal is refused: a server that cannot be reached or
refuses the password, a database without sorelog's tables that the role may not create,
one from a newer sorelog, or a person who has not shared their journal.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sorelog.domain.errors import InputError, SorelogError
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
    if person is not None and not person.strip():
        raise InputError("--person needs the name of the role whose journal to read")
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
        if steps is None:
            raise SorelogError(
                f"database {redact(url)} has no sorelog tables yet; a role that may create "
                "tables there, and keeps no journal, runs 'sorelog --db URL setup' once"
            )
        if len(steps) < len(PG_MIGRATIONS):
            raise SorelogError(
                f"journal {redact(url)} needs a schema upgrade; the owner of its tables "
                "runs 'sorelog --db URL setup' with this sorelog"
            )
        _refuse_owner(conn, url, role)
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
    viewed = person if person is not None and person != role else None
    return PostgresJournal(url, PostgresConnection(conn), role, viewed)


def setup_postgres(url: str, now: datetime) -> tuple[str, int, int]:
    """Create or upgrade sorelog's tables, as the role that will own them; the role that
    owns them, with the number of schema steps applied before and after."""
    psycopg = driver()
    conn = connect(url)
    try:
        (role,) = conn.execute("SELECT current_user::text").fetchone()
        before = applied_steps(conn)
        _refuse_newer(url, before)
        try:
            migrate_postgres(conn, now)
        except psycopg.errors.InsufficientPrivilege:
            if before is None:
                raise SorelogError(
                    f"role {role} may not create tables in {redact(url)}; ask the database's "
                    "owner to grant it CREATE on schema public, or to run setup"
                ) from None
            raise SorelogError(
                f"only the owner of sorelog's tables in {redact(url)} can upgrade them"
            ) from None
        after = applied_steps(conn) or []
        (owner,) = conn.execute(
            "SELECT tableowner::text FROM pg_tables "
            "WHERE schemaname = 'public' AND tablename = 'sorelog_migrations'"
        ).fetchone()
        return owner, len(before or []), len(after)
    except psycopg.Error as exc:
        raise postgres_error(url, exc) from None
    finally:
        conn.close()


def _refuse_owner(conn: Any, url: str, role: str) -> None:
    """Row security does not bind a table's owner (it can turn it off), nor a superuser:
    such a role sets the tables up, and keeps no journal in them."""
    (owns,) = conn.execute(
        "SELECT pg_has_role(current_user, tableowner, 'MEMBER') FROM pg_tables "
        "WHERE schemaname = 'public' AND tablename = 'sorelog_migrations'"
    ).fetchone()
    if owns:
        raise SorelogError(
            f"role {role} owns sorelog's tables in {redact(url)} (or may act as their owner), "
            "and row security cannot bind a table's owner; keep journals under other roles"
        )


def _refuse_newer(url: str, steps: list[str] | None) -> None:
    known = [name for name, _ in PG_MIGRATIONS]
    if steps is not None and steps != known[: len(steps)]:
        raise SorelogError(
            f"journal {redact(url)} is from a newer sorelog (schema {len(steps)}, this one "
            f"knows {len(known)}); upgrade sorelog to use it"
        )


def _view_shared(conn: Any, role: str, person: str) -> None:
    """Read `person`'s rows from now on; refused unless they shared their journal."""
    shared = conn.execute(
        "SELECT 1 FROM sorelog_shares WHERE owner = %s AND reader = current_user::text",
        (person,),
    ).fetchone()
    if shared is None:
        raise SorelogError(f"{person} has not shared a journal with you ({role})")
    conn.execute("SELECT set_config('sorelog.person', %s, false)", (person,))


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
        for table in DAY_TABLES:  # no zone noted yet: the rows' days are checked too
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
