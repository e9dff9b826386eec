"""The PostgreSQL fixtures themselves: the rights the storage tests rely on hold."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from postgres_server import ROLES, PgDatabase


def test_alice_connects_with_her_password(pg_database: PgDatabase) -> None:
    with psycopg.connect(pg_database.url()) as conn:
        row = conn.execute("SELECT current_user, current_database()").fetchone()
    assert row == ("alice", pg_database.name)
    assert pg_database.url("bob").startswith("postgresql://bob:bob-pw@")


def test_the_roles_are_plain_logins(pg_database: PgDatabase) -> None:
    rows = pg_database.admin(
        "SELECT rolname, rolcanlogin, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles"
        " WHERE rolname = ANY(%s) ORDER BY rolname",
        (list(ROLES),),
    )
    assert rows == [(role, True, False, False, False) for role in sorted(ROLES)]


def test_a_wrong_password_is_refused(pg_database: PgDatabase) -> None:
    with pytest.raises(psycopg.OperationalError, match="authentication"):
        psycopg.connect(pg_database.url("alice", password="bob-pw"))


def test_only_keeper_may_create_tables(pg_database: PgDatabase) -> None:
    pg_database.as_role("keeper", "CREATE TABLE public.keepers (id int)")
    for role in ("alice", "bob", "carol", "dave"):
        with pytest.raises(errors.InsufficientPrivilege, match="schema public"):
            pg_database.as_role(role, "CREATE TABLE public.mine (id int)")
    assert pg_database.as_role("dave", "SELECT current_user") == [("dave",)]
    assert pg_database.as_role("keeper", "SELECT count(*) FROM keepers") == [(0,)]


seen: list[str] = []


@pytest.mark.parametrize("turn", [1, 2])
def test_every_test_gets_a_new_empty_database(pg_database: PgDatabase, turn: int) -> None:
    tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    assert pg_database.admin(tables) == []
    pg_database.as_role("keeper", "CREATE TABLE left_behind (id int)")
    datnames = {name for (name,) in pg_database.admin("SELECT datname FROM pg_database")}
    assert pg_database.name in datnames
    # The earlier turn's database is another, and gone.
    assert not datnames & set(seen)
    seen.append(pg_database.name)
