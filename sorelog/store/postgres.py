"""A journal on a PostgreSQL server: the only module that imports psycopg.

Reads and schema steps go straight through psycopg (no SQLAlchemy, so `report` stays as
light as on SQLite); writes go through SQLModel on an engine made from the same URL.
Every row belongs to the role that wrote it, and row-level security lets a role see
only its own rows, or those of a person who shared theirs (see migrations_postgres).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

from sorelog.domain.errors import InputError, SorelogError
from sorelog.store.backend import Journal
from sorelog.store.day_rollup import POSTGRES, Rollup

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
EXTRA_HINT = "PostgreSQL journals need the postgres extra: pip install 'sorelog[postgres]'"
CONNECT_TIMEOUT_SECONDS = 10


def is_postgres_url(text: str) -> bool:
    """True for the URLs that name a PostgreSQL journal rather than a file."""
    return text.lower().startswith(SCHEMES)


def libpq_url(url: str) -> str:
    """The URL as libpq reads it (SQLAlchemy's driver suffix dropped)."""
    if url.lower().startswith("postgresql+psycopg://"):
        return "postgresql://" + url[len("postgresql+psycopg://") :]
    return url


def redact(url: str) -> str:
    """The URL to show in messages: never the password, nor the query (it may hold one)."""
    try:
        parts = urlsplit(libpq_url(url))
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        user = f"{parts.username}@" if parts.username else ""
        return urlunsplit((parts.scheme, user + host, parts.path, "", ""))
    except ValueError:
        return "the PostgreSQL URL given"


def _password(url: str) -> str | None:
    try:
        return urlsplit(libpq_url(url)).password
    except ValueError:
        return None


def driver() -> Any:
    """The psycopg module, or a message saying how to install it."""
    try:
        import psycopg
    except ImportError:
        raise SorelogError(EXTRA_HINT) from None
    # psycopg logs what it ignores while closing a broken connection (a server that went
    # away mid-import): with no handler, Python prints that warning on stderr before
    # sorelog's own one line. sorelog says what happened; the driver's log stays quiet.
    logger = logging.getLogger("psycopg")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    return psycopg


# Tables are found in `public` only: a schema another role made (named after you, say)
# must not catch your rows, as the default "$user", public would let it.
SESSION_SETUP = "SET TIME ZONE 'UTC'; SET search_path TO public"


def connect(url: str) -> Any:
    """An autocommit psycopg connection (transactions are explicit), errors named plainly."""
    psycopg = driver()
    try:
        psycopg.conninfo.conninfo_to_dict(libpq_url(url))
    except psycopg.Error:
        raise InputError(f"{redact(url)} is not a valid PostgreSQL URL") from None
    try:
        conn = psycopg.connect(
            libpq_url(url), autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS
        )
        conn.execute(SESSION_SETUP)
    except psycopg.Error as exc:
        raise connection_error(url, exc) from None
    return conn


def connection_error(url: str, exc: Exception) -> SorelogError:
    """One line for a connection that failed; the password is never part of it."""
    where = redact(url)
    text = str(exc)
    low = text.lower()
    if "password authentication failed" in low or "authentication failed" in low:
        return SorelogError(f"PostgreSQL refused the password for {where}; check the password")
    if "no password supplied" in low:
        return SorelogError(
            f"PostgreSQL asks for a password for {where}; give it in the URL, "
            "PGPASSWORD or ~/.pgpass"
        )
    if "does not exist" in low and "database" in low:
        return SorelogError(f"there is no database {where}; create it first (createdb)")
    if "does not exist" in low and "role" in low:
        return SorelogError(f"PostgreSQL has no role for {where}; check the user name")
    if any(
        sign in low
        for sign in ("connection refused", "could not connect", "timeout expired",
                     "could not translate host name", "no route to host", "name or service")
    ):  # fmt: skip
        return SorelogError(f"cannot reach the PostgreSQL server of {where}; is it running?")
    if "invalid" in low and ("uri" in low or "dsn" in low or "connection option" in low):
        return InputError(f"{where} is not a valid PostgreSQL URL")
    return SorelogError(f"PostgreSQL journal {where}: {_first_line(text, url)}")


def _first_line(text: str, url: str) -> str:
    """The first line of a driver's message, every form of the password taken out (libpq
    may quote the whole URL it could not read)."""
    line = text.strip().splitlines()[0] if text.strip() else "failed"
    if url in line:
        line = line.replace(url, redact(url))
    for secret in _secrets(url):
        line = line.replace(secret, "***")
    return line


def _secrets(url: str) -> list[str]:
    """Every password the URL carries, however malformed it is otherwise."""
    found = [_password(url) or ""]
    found += re.findall(r"://[^/@:]*:([^@]*)@", url)
    found += re.findall(r"[?&]password=([^&]*)", url)
    return sorted({secret for secret in found if secret}, key=len, reverse=True)


@functools.lru_cache(maxsize=256)
def _format_placeholders(sql: str) -> str:
    """sqlite3's `?` placeholders as psycopg's `%s` (a literal % doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresConnection:
    """The face of a sqlite3 connection that the reads use: `execute(sql, params)` with `?`
    placeholders, returning an iterable cursor; `BEGIN IMMEDIATE` takes the person's
    write lock, as SQLite's takes the file's."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            cursor = self.conn.execute("BEGIN")
            self.conn.execute(WRITE_LOCK)
            return cursor
        return self.conn.execute(_format_placeholders(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany(_format_placeholders(sql), rows)

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        """Rows one at a time from the server, never the whole result in memory."""
        with self.conn.cursor() as cursor:
            yield from cursor.stream(_format_placeholders(sql), tuple(params))

    def close(self) -> None:
        self.conn.close()


# One person's writers take turns (a unit checked then written, ids planned then used);
# other people's writers never wait for them.
WRITE_LOCK = "SELECT pg_advisory_xact_lock(hashtext('sorelog write ' || current_user))"


class PostgresJournal(Journal):
    """A journal in a PostgreSQL database, seen through row-level security."""

    dialect: ClassVar[str] = "postgresql"
    write_lock: ClassVar[str] = WRITE_LOCK
    bulk_placeholder: ClassVar[str | None] = "%s"  # psycopg adapts dates and times itself
    bulk_settings: ClassVar[tuple[str, ...]] = ()  # the server's own
    role: str
    day_rollup: ClassVar[Rollup] = POSTGRES
    snapshot: ClassVar[str] = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
    part_day_row: ClassVar[str] = "(CAST(? AS varchar), CAST(? AS varchar), CAST(? AS date))"
    same: ClassVar[str] = "IS NOT DISTINCT FROM"

    def __init__(
        self, url: str, db: PostgresConnection, role: str, person: str | None = None
    ) -> None:
        super().__init__(db)
        self.url = url
        self.role = role
        self.person = person  # whose journal is read, when someone shared theirs

    @property
    def reads_own(self) -> bool:
        return self.person is None

    @property
    def viewed(self) -> str:
        return self.person or self.role

    @property
    def name(self) -> str:
        return redact(self.url)

    def open_engine(self) -> Any:
        from sqlalchemy.pool import NullPool
        from sqlmodel import create_engine

        url = self.url

        def connect_for_engine() -> Any:
            conn = driver().connect(libpq_url(url), connect_timeout=CONNECT_TIMEOUT_SECONDS)
            conn.execute(SESSION_SETUP)
            conn.commit()
            return conn

        return create_engine(
            "postgresql+psycopg://", creator=connect_for_engine, poolclass=NullPool
        )

    def session_failure(self, exc: Any) -> SorelogError | None:
        return postgres_error(self.url, exc.orig or exc)

    def queries(self, dbapi_connection: Any) -> Any:
        return PostgresConnection(dbapi_connection)

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        assert isinstance(self.db, PostgresConnection)
        return self.db.stream(sql, params)

    def failure(self, exc: object) -> SorelogError | None:
        if isinstance(exc, driver().Error):
            return postgres_error(self.url, exc)
        return None


def postgres_error(url: str, exc: BaseException) -> SorelogError:
    """A failure while the journal was open, as one line the person can act on."""
    psycopg = driver()
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return SorelogError(
            f"PostgreSQL journal {redact(url)}: your role may not do that "
            f"({_first_line(str(exc), url)})"
        )
    if isinstance(exc, psycopg.OperationalError):
        return connection_error(url, exc)
    return SorelogError(f"PostgreSQL journal {redact(url)}: {_first_line(str(exc), url)}")
