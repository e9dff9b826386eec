"""Reading the journal: aggregated in SQL, returned as plain records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from sorelog.domain.doses import Dose
from sorelog.domain.kinds import KINDS
from sorelog.domain.values import (
    Checkin,
    DayValue,
    Entry,
    Limit,
    RemedyDay,
    RemedyPartDay,
    SeriesKey,
    SideEffectDay,
    SymptomDay,
    Workout,
)
from sorelog.store.cells import as_day, as_instant
from sorelog.store.journal import Journal

# The severity of a day's last entry: on SQLite, instants are fixed-width UTC text, so the
# greatest `at` with its severity appended is the last entry's.
LAST_SEVERITY = {
    "sqlite": "CAST(substr(MAX(at || printf('%02d', severity)), -2) AS INTEGER)",
    "postgresql": "(array_agg(severity ORDER BY at DESC, severity DESC))[1]",
}


# Per-part first days as a table of values, typed for each dialect (PostgreSQL cannot guess
# the type of a parameter in VALUES; SQLite keeps days as text and compares sides with IS).
_STARTS = {
    "sqlite": ("(?, ?, ?)", "IS"),
    "postgresql": (
        "(CAST(? AS varchar), CAST(? AS varchar), CAST(? AS date))",
        "IS NOT DISTINCT FROM",
    ),
}


def _of_person(journal: Journal, column: str) -> tuple[str, list[object]]:
    """On PostgreSQL, ` AND owner = ?` for the person read, with its parameter: row security
    filters their rows anyway, but only a condition in the query lets the (owner, ...)
    indexes find them. Nothing on SQLite, where a journal is one person's."""
    if journal.viewed is None:
        return "", []
    return f" AND {column} = ?", [journal.viewed]


def _from_each_part(
    journal: Journal, starts: Mapping[SeriesKey, date], end: date
) -> tuple[str, str, list[object]]:
    """The pieces of a read of soreness rows `s` from each part's own first day to `end`:
    a WITH clause, the JOIN and WHERE that apply it, and their parameters in order."""
    row, same = _STARTS[journal.dialect]
    with_ = f"WITH k (body_part, side, first) AS (VALUES {', '.join([row] * len(starts))}) "
    join = (
        f"JOIN k ON s.body_part = k.body_part AND s.side {same} k.side "
        "WHERE s.day BETWEEN ? AND ? AND s.day >= k.first"
    )
    params: list[object] = [
        v for (p, side), day in starts.items() for v in (p, side, day.isoformat())
    ]
    owner, person = _of_person(journal, "s.owner")
    return (
        with_,
        f"{join}{owner} ",
        [*params, min(starts.values()).isoformat(), end.isoformat(), *person],
    )


def daily_series_of_parts(
    journal: Journal, starts: Mapping[SeriesKey, date], end: date
) -> dict[SeriesKey, list[DayValue]]:
    """daily_series for the given parts and sides, each from its own first day to `end`."""
    if not starts:
        return {}
    with_, join, params = _from_each_part(journal, starts, end)
    sql = (
        f"{with_}SELECT s.body_part, s.side, s.day, MAX(severity), "
        f"{LAST_SEVERITY[journal.dialect]}, MIN(CASE WHEN severity > 0 THEN at END), "
        f"MIN(severity) FROM soreness s {join}GROUP BY s.body_part, s.side, s.day "
        "ORDER BY s.body_part, s.side, s.day"
    )
    return _series(journal.db.execute(sql, params).fetchall())


def daily_series(
    journal: Journal, start: date, end: date, part: str | None = None
) -> dict[SeriesKey, list[DayValue]]:
    """Per (body part, side), for local days start..end in day order: the day's highest
    severity, the severity of its last entry and the instant of its first sore one."""
    where = "day BETWEEN ? AND ?"
    params: list[object] = [start.isoformat(), end.isoformat()]
    if part is not None:
        where += " AND body_part = ?"
        params.append(part)
    owner, person = _of_person(journal, "owner")
    sql = (
        f"SELECT body_part, side, day, MAX(severity), {LAST_SEVERITY[journal.dialect]}, "
        f"MIN(CASE WHEN severity > 0 THEN at END), MIN(severity) FROM soreness "
        f"WHERE {where}{owner} "
        "GROUP BY body_part, side, day ORDER BY body_part, side, day"
    )
    return _series(journal.db.execute(sql, [*params, *person]).fetchall())


def _series(rows: list[Any]) -> dict[SeriesKey, list[DayValue]]:
    series: dict[SeriesKey, list[DayValue]] = defaultdict(list)
    for body_part, side, day, highest, last, first_sore, least in rows:
        sore_at = as_instant(first_sore) if first_sore else None
        series[(body_part, side)].append(DayValue(as_day(day), highest, last, sore_at, least))
    return dict(series)


def symptom_days(
    journal: Journal, start: date, end: date, part: str | None = None
) -> list[SymptomDay]:
    """Soreness entries with symptoms on local days start..end, oldest first, each with the
    day's highest severity of its part and side (for the compartment pattern)."""
    same = _STARTS[journal.dialect][1]
    sql = (
        "SELECT body_part, side, day, symptoms, at, (SELECT MAX(t.severity) FROM soreness t "
        f"WHERE t.body_part = s.body_part AND t.side {same} s.side AND t.day = s.day) "
        "FROM soreness s WHERE day BETWEEN ? AND ? "
    )
    params: list[object] = [start.isoformat(), end.isoformat()]
    if part is not None:
        sql += "AND body_part = ? "
        params.append(part)
    sql += "AND symptoms != '' ORDER BY day, id"
    return [
        SymptomDay(
            body_part,
            side,
            as_day(day),
            tuple(symptoms.split(";")),
            int(highest or 0),
            as_instant(at),
        )
        for body_part, side, day, symptoms, at, highest in journal.db.execute(sql, params)
    ]


def is_empty(journal: Journal) -> bool:
    """True when nothing at all has been logged yet."""
    sql = " OR ".join(f"EXISTS (SELECT 1 FROM {kind.table})" for kind in KINDS)
    row = journal.db.execute(f"SELECT {sql}").fetchone()
    return not row[0]


def first_day(journal: Journal, table: str = "soreness") -> date | None:
    """The earliest local day with an entry in `table` (soreness or remedy_use)."""
    assert table in ("soreness", "remedy_use")
    if journal.dialect == "postgresql":  # one person's first row, from the (owner, day) index
        sql = f"SELECT day FROM {table} WHERE owner = ? ORDER BY owner, day LIMIT 1"
        row = journal.db.execute(sql, (journal.viewed,)).fetchone()
    else:
        row = journal.db.execute(f"SELECT MIN(day) FROM {table}").fetchone()
    return as_day(row[0]) if row and row[0] else None


def limits(journal: Journal) -> dict[str, Limit]:
    """Every remedy's limits, by remedy name."""
    rows = journal.db.execute(
        "SELECT remedy, max_daily_amount, max_daily_unit, max_days, max_days_in_30 "
        "FROM remedy_limit"
    )
    return {
        remedy: Limit(remedy, Dose(amount, unit) if amount is not None else None, max_days, in_30)
        for remedy, amount, unit, max_days, in_30 in rows
    }


def remedy_units(journal: Journal, remedy: str, leaving_out: int | None = None) -> set[str]:
    """The units a remedy's doses have been logged in (leaving out one record, when editing it)."""
    rows = journal.db.execute(
        "SELECT DISTINCT unit FROM remedy_use "
        "WHERE remedy = ? AND unit IS NOT NULL AND id IS DISTINCT FROM ?",
        (remedy, leaving_out),
    )
    return {unit for (unit,) in rows}


def remedy_days(
    journal: Journal, start: date, end: date, remedy: str | None = None
) -> list[RemedyDay]:
    """Uses and total dose of each remedy on each local day start..end, one row per base unit.

    Doses in units that cannot be added (tablets and mg, written by an older sorelog) stay
    apart, never summed.
    """
    sql = (
        "SELECT remedy, day, COUNT(*), SUM(base_amount), base_unit FROM remedy_use "
        "WHERE day BETWEEN ? AND ? "
    )
    params: list[object] = [start.isoformat(), end.isoformat()]
    if remedy is not None:
        sql += "AND remedy = ? "
        params.append(remedy)
    sql += "GROUP BY remedy, day, base_unit ORDER BY remedy, day, base_unit"
    return [
        RemedyDay(name, as_day(day), uses, total, unit)
        for name, day, uses, total, unit in journal.db.execute(sql, params)
    ]


def remedy_part_days(journal: Journal, start: date, end: date) -> list[RemedyPartDay]:
    """Which remedies were taken for which body parts on each local day start..end."""
    rows = journal.db.execute(
        "SELECT DISTINCT remedy, body_part, day FROM remedy_use "
        "WHERE day BETWEEN ? AND ? AND body_part IS NOT NULL ORDER BY remedy, body_part, day",
        (start.isoformat(), end.isoformat()),
    )
    return [RemedyPartDay(r, p, as_day(d)) for r, p, d in rows]


def side_effect_days(journal: Journal, start: date, end: date) -> list[SideEffectDay]:
    """Side effects logged on local days start..end, oldest first."""
    rows = journal.db.execute(
        "SELECT effect, remedy, day, severity, at FROM side_effect "
        "WHERE day BETWEEN ? AND ? ORDER BY day, id",
        (start.isoformat(), end.isoformat()),
    )
    return [SideEffectDay(e, r, as_day(d), s, as_instant(at)) for e, r, d, s, at in rows]


def remedy_names(journal: Journal) -> list[str]:
    """Every remedy used or given limits, alphabetically."""
    rows = journal.db.execute(
        "SELECT remedy FROM remedy_use UNION SELECT remedy FROM remedy_limit ORDER BY 1"
    )
    return [name for (name,) in rows]


def workouts(journal: Journal, end: date) -> list[Workout]:
    """Every workout up to local day `end`, oldest first (there are few: read them all)."""
    rows = journal.db.execute(
        "SELECT at, day, name, parts FROM workout WHERE day <= ? ORDER BY at, id",
        (end.isoformat(),),
    )
    return [
        Workout(as_instant(at), as_day(day), name, frozenset(parts.split(";")))
        for at, day, name, parts in rows
    ]


def entries(
    journal: Journal, starts: Mapping[SeriesKey, date], end: date
) -> dict[SeriesKey, list[Entry]]:
    """Each soreness entry of the given parts and sides, from each one's first day to local
    day `end`, in time order: for the rules counted in hours from a workout or a first
    entry. Each part is read from its own first day, not the earliest of them all."""
    if not starts:
        return {}
    with_, join, params = _from_each_part(journal, starts, end)
    sql = f"{with_}SELECT s.body_part, s.side, s.at, s.day, s.severity FROM soreness s {join}"
    sql += "ORDER BY s.at, s.id"
    found: dict[SeriesKey, list[Entry]] = defaultdict(list)
    rows = journal.db.execute(sql, params).fetchall()  # faster than one by one
    for body_part, side, at, day, severity in rows:
        found[(body_part, side)].append(Entry(as_instant(at), as_day(day), severity))
    return dict(found)


def checkins(journal: Journal, start: date, end: date) -> list[Checkin]:
    """The PEG check-ins on local days start..end, oldest first."""
    rows = journal.db.execute(
        "SELECT at, day, pain, enjoyment, activity FROM checkin "
        "WHERE day BETWEEN ? AND ? ORDER BY at, id",
        (start.isoformat(), end.isoformat()),
    )
    return [
        Checkin(as_instant(at), as_day(day), pain, enjoyment, activity)
        for at, day, pain, enjoyment, activity in rows
    ]
