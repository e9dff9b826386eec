"""Stored days and instants as Python values, whichever database gave them.

SQLite hands back the ISO text sorelog wrote; PostgreSQL hands back date and aware
datetime values. Reads turn either into the same `date` and UTC `datetime`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def as_day(value: str | date) -> date:
    """A stored calendar day."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def as_instant(value: str | datetime) -> datetime:
    """A stored instant, aware and in UTC (old SQLite rows may be naive UTC text)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
