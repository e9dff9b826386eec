"""Each kind's table, derived from its statement (domain/kinds.py), for both dialects.

A kind's table is `id`, `at` (the instant, UTC), `day` (its local calendar day), then one
column per field, typed and bounded as the field says. SQLAlchemy writes the DDL for
SQLite and for PostgreSQL from the one definition (`create_table`); PostgreSQL's tables
also carry the `owner` of each row and its row-security policies
(store/migrations_postgres.py). Writes, edits and deletes go through these tables.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
)
from sqlalchemy.dialects.sqlite import DATETIME

from sorelog.domain.kinds import KINDS, RecordKind

# Instants are stored as UTC ISO 8601 text with an explicit +00:00, never as naive text.
UTC_DATETIME = DATETIME(  # type: ignore[no-untyped-call]
    storage_format=(
        "%(year)04d-%(month)02d-%(day)02dT%(hour)02d:%(minute)02d:%(second)02d"
        ".%(microsecond)06d+00:00"
    ),
    regexp=r"(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)\.(\d+)\+00:00",
)
INSTANT = DateTime(timezone=True).with_variant(UTC_DATETIME, "sqlite")
_TYPES: dict[type, Any] = {int: Integer, float: Float(precision=53), str: String}

METADATA = MetaData()


def table_for_kind(kind: RecordKind, metadata: MetaData = METADATA, owned: bool = False) -> Table:
    """The table a kind's statement describes; `owned`: each row has its owner, the role
    that wrote it, first in the key (a journal shared on a PostgreSQL server)."""
    from sqlalchemy import text

    owner = Column("owner", String, primary_key=True, server_default=text("current_user"))
    columns: list[Any] = [
        *([owner] if owned else []),
        Column(
            "id",
            BigInteger().with_variant(Integer, "sqlite"),
            primary_key=True,
            autoincrement=False,
        ),
        Column("at", INSTANT, nullable=False),
        Column("day", Date, nullable=False),
    ]
    for field in kind.fields:
        column = Column(
            field.name,
            _TYPES[field.type],
            nullable=not field.required and field.empty is None,
            server_default="" if field.empty == "" else None,
        )
        columns.append(column)
        if field.low is not None and field.high is not None:
            columns.append(
                CheckConstraint(f"{field.name} BETWEEN {field.low:g} AND {field.high:g}")
            )
    return Table(kind.table, metadata, *columns)


REMEDY_LIMIT = Table(
    "remedy_limit",
    METADATA,
    Column("remedy", String, primary_key=True),
    Column("max_daily_amount", Float(precision=53)),
    Column("max_daily_unit", String),
    Column("max_days", Integer),
    Column("max_days_in_30", Integer),
)
TABLES: dict[str, Table] = {kind.name: table_for_kind(kind) for kind in KINDS}


def table_of(record: str) -> Table:
    """The table of a record kind as exports name it (see domain.kinds); made on first use
    for a kind registered after this module was loaded."""
    from sorelog.domain.kinds import kind_named

    if record not in TABLES:
        TABLES[record] = table_for_kind(kind_named(record))
    return TABLES[record]


def table_ddl(kind: RecordKind, dialect: Any, *, owned: bool = False) -> list[str]:
    """The statements that make a kind's table and its day index, in the SQL of `dialect`
    (a SQLAlchemy dialect). `owned`: each row has its owner, the role that wrote it, first
    in the key and the index (a journal shared on a PostgreSQL server)."""
    from sqlalchemy.schema import CreateTable

    table = table_for_kind(kind, MetaData(), owned)
    ddl = str(CreateTable(table).compile(dialect=dialect)).strip()
    first = "owner, " if owned else ""
    return [ddl, f"CREATE INDEX ix_{kind.table}_day ON {kind.table} ({first}day)"]


def column_ddl(kind: RecordKind, name: str, dialect: Any) -> str:
    """One of a kind's columns as `ALTER TABLE ... ADD COLUMN` takes it in `dialect`, with
    its bounds: a field added to a kind after its table was made."""
    from sqlalchemy.schema import CreateColumn

    column = table_for_kind(kind, MetaData()).c[name]
    spec = str(CreateColumn(column).compile(dialect=dialect)).strip()
    field = next(f for f in kind.fields if f.name == name)
    if field.low is not None and field.high is not None:
        spec += f" CHECK ({name} BETWEEN {field.low:g} AND {field.high:g})"
    return spec
