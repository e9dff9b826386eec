"""A real PostgreSQL server for the tests: a fresh database per test, and roles to log in as.

`pg_cluster` (session) is the server: the one named by SORELOG_TEST_PG_ADMIN (an admin
URL; .ci/run starts one and sets it), else one this session starts with .ci/postgres and
stops at its end. Without either the tests fail: a PostgreSQL test that skips would pass
CI without testing anything.

The cluster gets five login roles, none superuser, none able to create a database or a
role, each with the password `<name>-pw`: keeper may create tables in each test
database's public schema (it runs `sorelog setup` and keeps no journal), alice, bob,
carol and dave may not (they keep journals). They are made anew every session, so a
reused server starts from the same roles. One session at a time per server: a second
session on the same server would remake the roles under the first (so pytest-xdist's
workers, each a session, are refused a shared server; without one each starts its own).

`pg_database` (per test) is an empty database made by the admin and dropped after the
test, connections and all: `url(role)` to connect as a role, `admin(sql)` and
`as_role(role, sql)` to look or set up around the code under test.

psycopg is imported in the fixtures only: collecting the suite does not load it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

import pytest

if TYPE_CHECKING:
    from psycopg.sql import Composable

ADMIN_URL_VAR = "SORELOG_TEST_PG_ADMIN"
SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "postgres"
ROLES = ("alice", "bob", "carol", "dave", "keeper")
CREATORS = ("keeper",)  # may create tables in public (and so sets sorelog's up); no one else
DATABASE_PREFIX = "sorelog_t_"


def password_of(role: str) -> str:
    return f"{role}-pw"


def run_sql(
    conninfo: str, query: str | Composable, params: Sequence[Any] = ()
) -> list[tuple[Any, ...]]:
    """One statement on a new autocommit connection: its rows, or [] when it returns none."""
    import psycopg

    with psycopg.connect(conninfo, autocommit=True, connect_timeout=10) as conn:
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description is not None else []


@dataclass(frozen=True)
class PgCluster:
    """A running server and how to reach it as its admin."""

    admin_url: str

    @property
    def host(self) -> str:
        return urlsplit(self.admin_url).hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        return urlsplit(self.admin_url).port or 5432

    @property
    def admin_user(self) -> str:
        return urlsplit(self.admin_url).username or ""

    @property
    def admin_password(self) -> str:
        return urlsplit(self.admin_url).password or ""

    def admin_conninfo(self, dbname: str | None = None) -> str:
        """The admin's connection, to dbname or the admin URL's own database."""
        from psycopg.conninfo import make_conninfo

        return make_conninfo(self.admin_url, **({"dbname": dbname} if dbname else {}))

    def url(self, dbname: str, role: str, password: str | None = None) -> str:
        if password is None:
            password = self.admin_password if role == self.admin_user else password_of(role)
        host = f"[{self.host}]" if ":" in self.host else self.host
        credentials = f"{quote(role, safe='')}:{quote(password, safe='')}"
        return f"postgresql://{credentials}@{host}:{self.port}/{quote(dbname, safe='')}"


@dataclass(frozen=True)
class PgDatabase:
    """One test's own database on the cluster."""

    cluster: PgCluster
    name: str

    @property
    def port(self) -> int:
        return self.cluster.port

    def url(self, role: str = "alice", password: str | None = None) -> str:
        """postgresql://ROLE:PASSWORD@HOST:PORT/NAME; the role's own password by default."""
        return self.cluster.url(self.name, role, password)

    def admin(self, sql: str | Composable, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement in this database as the cluster's admin (a superuser)."""
        return run_sql(self.cluster.admin_conninfo(self.name), sql, params)

    def as_role(
        self, role: str, sql: str | Composable, params: Sequence[Any] = ()
    ) -> list[tuple[Any, ...]]:
        """Run one statement in this database logged in as role, with its own password."""
        return run_sql(self.url(role), sql, params)


def start_cluster(directory: Path) -> str:
    """Start a cluster in directory with .ci/postgres; its admin URL."""
    try:
        started = subprocess.run(
            ["bash", str(SCRIPT), "start", str(directory)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        pytest.fail(f"could not start PostgreSQL with {SCRIPT}: {error}", pytrace=False)
    if started.returncode != 0:
        pytest.fail(
            f"PostgreSQL tests need a server: set {ADMIN_URL_VAR} to an admin URL "
            f"(postgresql://USER:PASSWORD@HOST:PORT/DB), or install PostgreSQL so that "
            f"{SCRIPT} can start one. It said:\n{started.stderr.strip()}",
            pytrace=False,
        )
    return started.stdout.strip()


def make_roles(cluster: PgCluster) -> None:
    """The test roles, made anew; leftovers of an interrupted session on this server go."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(cluster.admin_conninfo(), autocommit=True, connect_timeout=10) as conn:
        leftovers = conn.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", (DATABASE_PREFIX,)
        ).fetchall()
        for (name,) in leftovers:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        for role in ROLES:
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
            if exists:
                # Whatever they own or were granted here (a role can't go while it has any).
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
            conn.execute(
                sql.SQL(
                    "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}"
                ).format(sql.Identifier(role), sql.Literal(password_of(role)))
            )


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    import psycopg

    directory: Path | None = None
    admin_url = os.environ.get(ADMIN_URL_VAR, "")
    if admin_url and int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
        # Each pytest-xdist worker is a session of its own: they would remake each other's
        # roles. Without the variable each worker starts a server of its own.
        pytest.fail(
            f"one test session at a time on the server in {ADMIN_URL_VAR}: run the PostgreSQL "
            f'tests without -n, or leave -n to `-m "not pg"`',
            pytrace=False,
        )
    try:
        if not admin_url:
            # Not under pytest's temporary directory: the server's user (PostgreSQL will not
            # run as root) must get through its parents, and pytest-of-root is closed to others.
            directory = Path(tempfile.mkdtemp(prefix="sorelog-pg-"))
            admin_url = start_cluster(directory)
        cluster = PgCluster(admin_url)
        try:
            make_roles(cluster)
        except psycopg.Error as error:
            server = f"the server in {ADMIN_URL_VAR}" if directory is None else "the server"
            pytest.fail(f"could not set up the test roles on {server}: {error}", pytrace=False)
        yield cluster
    finally:
        if directory is not None:
            subprocess.run(["bash", str(SCRIPT), "stop", str(directory)], check=False)
            shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def pg_database(pg_cluster: PgCluster) -> Iterator[PgDatabase]:
    from psycopg import sql

    database = PgDatabase(pg_cluster, f"{DATABASE_PREFIX}{uuid.uuid4().hex}")
    name = sql.Identifier(database.name)
    admin = pg_cluster.admin_conninfo()
    run_sql(admin, sql.SQL("CREATE DATABASE {}").format(name))
    try:
        creators = sql.SQL(", ").join(sql.Identifier(role) for role in CREATORS)
        # PostgreSQL before 15 lets PUBLIC create in public: take it back, whatever the server.
        database.admin("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        database.admin(sql.SQL("GRANT CREATE ON SCHEMA public TO {}").format(creators))
        yield database
    finally:
        run_sql(admin, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
