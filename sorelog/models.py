"""SQLModel tables. Their shape follows the migrations in store/migrations.py."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel


class Soreness(SQLModel, table=True):
    """One soreness entry: how sore a body part (and side) was, when, and why."""

    __tablename__ = "soreness"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime  # UTC
    day: date  # local calendar day of `at`
    body_part: str
    side: str | None = None
    severity: int = Field(ge=0, le=10)
    kind: str | None = None
    cause: str | None = None
    symptoms: str = ""  # canonical symptom names joined by ";"
    note: str | None = None
