"""Reading the journal: aggregated in SQL, returned as plain records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime

from sorelog.domain.doses import Dose
from sorelog.domain.kinds import KINDS
from sorelog.domain.values import (
    Checkin,
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


def of_person(journal: Journal, column: str) -> tuple[str, list[object]]:
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
    row, same = journal.part_day_row, journal.same
    with_ = f"WITH k (body_part, side, first) AS (VALUES {', '.join([row] * len(starts))}) "
    join = (
        f"JOIN k ON s.body_part = k.body_part AND s.side {same} k.side "
        "WHERE s.day BETWEEN ? AND ? AND s.day >= k.first"
    )
    params: list[object] = [
        v for (p, side), day in starts.items() for v in (p, side, day.isoformat())
    ]
    owner, person = of_person(journal, "s.owner")
    return (
        with_,
        f"{join}{owner} ",
        [*params, min(starts.values()).isoformat(), end.isoformat(), *person],
    )


def symptom_days(
    journal: Journal, start: date, end: date, part: str | None = None
) -> list[SymptomDay]:
    """Soreness entries with symptoms on local days start..end, oldest first, each with the
    day's highest severity of its part and side (for the compartment pattern)."""
    same = journal.same
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


def loose_remedy_days(journal: Journal, start: date, end: date) -> list[tuple[str, date]]:
    """(remedy, local day) of uses logged for no body part on days start..end: the visit
    summary shows them on one strip of their own rather than on every part's chart."""
    owner, person = of_person(journal, "owner")
    rows = journal.db.execute(
        "SELECT DISTINCT remedy, day FROM remedy_use "
        f"WHERE day BETWEEN ? AND ? AND body_part IS NULL{owner} ORDER BY remedy, day",
        (start.isoformat(), end.isoformat(), *person),
    )
    return [(remedy, as_day(day)) for remedy, day in rows]


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
        "SELECT at, day, name, parts, seconds, metres FROM workout WHERE day <= ? ORDER BY at, id",
        (end.isoformat(),),
    )
    return [
        Workout(as_instant(at), as_day(day), name, frozenset(parts.split(";")), seconds, metres)
        for at, day, name, parts, seconds, metres in rows
    ]


def imported_workouts(journal: Journal) -> list[tuple[str, datetime]]:
    """The sport and start of every workout imported from an export (one with a sport),
    to tell an activity already in the journal from a new one."""
    owner, person = of_person(journal, "owner")
    rows = journal.db.execute(
        f"SELECT sport, at FROM workout WHERE sport IS NOT NULL{owner}", person
    ).fetchall()
    return [(sport, as_instant(at)) for sport, at in rows]


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
