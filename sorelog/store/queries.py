"""Reading the journal: aggregated in SQL, returned as plain records."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sorelog.records import DayValue, SeriesKey, SymptomDay
from sorelog.store.journal import Journal


def daily_series(
    journal: Journal, start: date, end: date, part: str | None = None
) -> dict[SeriesKey, list[DayValue]]:
    """Daily maximum severity per (body part, side) for local days start..end, in day order."""
    sql = (
        "SELECT body_part, side, day, MAX(severity) FROM soreness "
        "WHERE day BETWEEN ? AND ?{part} GROUP BY body_part, side, day "
        "ORDER BY body_part, side, day"
    )
    params: list[object] = [start.isoformat(), end.isoformat()]
    if part is not None:
        sql = sql.format(part=" AND body_part = ?")
        params.append(part)
    else:
        sql = sql.format(part="")
    series: dict[SeriesKey, list[DayValue]] = defaultdict(list)
    for body_part, side, day, severity in journal.db.execute(sql, params):
        series[(body_part, side)].append(DayValue(date.fromisoformat(day), severity))
    return dict(series)


def symptom_days(
    journal: Journal, start: date, end: date, part: str | None = None
) -> list[SymptomDay]:
    """Soreness entries with symptoms on local days start..end, oldest first."""
    sql = "SELECT body_part, side, day, symptoms FROM soreness WHERE day BETWEEN ? AND ? "
    params: list[object] = [start.isoformat(), end.isoformat()]
    if part is not None:
        sql += "AND body_part = ? "
        params.append(part)
    sql += "AND symptoms != '' ORDER BY day, id"
    return [
        SymptomDay(body_part, side, date.fromisoformat(day), tuple(symptoms.split(";")))
        for body_part, side, day, symptoms in journal.db.execute(sql, params)
    ]


def is_empty(journal: Journal) -> bool:
    """True when nothing at all has been logged yet."""
    return journal.db.execute("SELECT 1 FROM soreness LIMIT 1").fetchone() is None


def first_day(journal: Journal) -> date | None:
    """The earliest local day with any entry."""
    row = journal.db.execute("SELECT MIN(day) FROM soreness").fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None
