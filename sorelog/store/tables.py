"""SQLModel tables, for writes. Their shape follows the steps in store/migrations.py."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.dialects.sqlite import DATETIME
from sqlmodel import Field, SQLModel

from sorelog.domain.kinds import kind_named

# Instants are stored as UTC ISO 8601 text with an explicit +00:00, never as naive text.
UTC_DATETIME = DATETIME(  # type: ignore[no-untyped-call]
    storage_format=(
        "%(year)04d-%(month)02d-%(day)02dT%(hour)02d:%(minute)02d:%(second)02d"
        ".%(microsecond)06d+00:00"
    ),
    regexp=r"(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)\.(\d+)\+00:00",
)


class Soreness(SQLModel, table=True):
    """One soreness entry: how sore a body part (and side) was, when, and why."""

    __tablename__ = "soreness"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTC_DATETIME)
    day: date  # local calendar day of `at`
    body_part: str
    side: str | None = None
    severity: int = Field(ge=0, le=10)
    kind: str | None = None
    cause: str | None = None
    symptoms: str = ""  # canonical symptom names joined by ";"
    note: str | None = None


class RemedyUse(SQLModel, table=True):
    """One use of a remedy: what, how much, when, and for which part."""

    __tablename__ = "remedy_use"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTC_DATETIME)
    day: date
    remedy: str  # normalised name
    amount: float | None = None  # as entered
    unit: str | None = None
    base_amount: float | None = None  # in the unit family's base unit (mg, ml, min)
    base_unit: str | None = None
    body_part: str | None = None
    side: str | None = None
    note: str | None = None


class RemedyLimit(SQLModel, table=True):
    """The person's own limits for a remedy (from a label or a clinician)."""

    __tablename__ = "remedy_limit"

    remedy: str = Field(primary_key=True)
    max_daily_amount: float | None = None
    max_daily_unit: str | None = None
    max_days: int | None = None
    max_days_in_30: int | None = None


class SideEffect(SQLModel, table=True):
    """A side effect felt, perhaps of a remedy."""

    __tablename__ = "side_effect"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTC_DATETIME)
    day: date
    effect: str  # normalised
    remedy: str | None = None
    severity: int | None = Field(default=None, ge=0, le=10)
    note: str | None = None


class Workout(SQLModel, table=True):
    """A training session and the parts it loaded."""

    __tablename__ = "workout"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTC_DATETIME)
    day: date
    cause: str  # the session's name
    body_part: str  # canonical part names joined by ";"
    note: str | None = None


class Checkin(SQLModel, table=True):
    """A PEG check-in: three 0-10 answers about the past week."""

    __tablename__ = "checkin"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTC_DATETIME)
    day: date
    severity: int = Field(ge=0, le=10)  # average pain
    enjoyment: int = Field(ge=0, le=10)  # how much pain interfered with enjoyment of life
    activity: int = Field(ge=0, le=10)  # how much pain interfered with general activity
    note: str | None = None


TABLES: dict[str, type[SQLModel]] = {
    model.__tablename__: model
    for model in (Soreness, RemedyUse, RemedyLimit, SideEffect, Workout, Checkin)
}


def model_for(record: str) -> type[SQLModel]:
    """The table of a record kind as exports name it (see domain.kinds)."""
    return TABLES[kind_named(record).table]
