"""The oracle of the derived-data tests: a report made from every row of the journal.

It reads every row straight from the database (through `query`: sqlite3, or psycopg as
the person's own role), groups each part's entries by day itself, builds the history
with nothing left out, and runs the same pure rules over it (services.report.report_from):
only what is read differs from `sorelog report`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sorelog.domain.doses import Dose
from sorelog.domain.settings import Config
from sorelog.domain.values import (
    DayValue,
    Entry,
    History,
    Limit,
    PartHistory,
    RemedyDay,
    RemedyPartDay,
    SideEffectDay,
    SymptomDay,
    Workout,
)
from sorelog.render.report import report_document
from sorelog.services.report import report_from
from sorelog.store.cells import as_day, as_instant

Query = Callable[..., list[tuple[Any, ...]]]  # (statement, params=()) -> rows


def full_read(query: Query, config: Config, as_of: date, days: int = 28,
              part: str | None = None) -> Any:  # fmt: skip
    """The report's JSON document as the rules make it from every row."""
    made = report_from(every_row(query, as_of, days, part), config, part)
    return json.loads(json.dumps(report_document(made)))


def every_row(query: Query, as_of: date, days: int, part: str | None) -> History:
    """The history of a report with nothing left out: every soreness row of each part and
    side with a day in the window, every workout, every remedy day."""
    start = as_of - timedelta(days=days - 1)
    rows = [row for row in soreness(query) if as_day(row[2]) <= as_of]
    parts = {}
    for key, found in entries_by_part(rows).items():
        if (part is None or key[0] == part) and any(day >= start for _, _, day, _ in found):
            parts[key] = PartHistory(
                tuple(grouped(found)), tuple(Entry(at, day, level) for at, _, day, level in found)
            )
    highest = {
        key: {value.day: value.severity for value in grouped(found)}
        for key, found in entries_by_part(rows).items()
    }
    symptoms = [
        SymptomDay(body_part, side, as_day(day), tuple(symptoms.split(";")),
                   highest[(body_part, side)][as_day(day)], as_instant(at))
        for _, at, day, body_part, side, _, symptoms in sorted(rows, key=lambda r: (r[2], r[0]))
        if symptoms and as_day(day) >= start
    ]  # fmt: skip
    workouts = sorted(
        (as_instant(at), ident, Workout(as_instant(at), as_day(day), name, frozenset(p.split(";"))))
        for ident, at, day, name, p in query("SELECT id, at, day, name, parts FROM workout")
        if as_day(day) <= as_of
    )
    uses: dict[tuple[str, date, str | None], list[float | None]] = defaultdict(list)
    taken_for = set()
    for remedy, day, amount, unit, body_part in query(
        "SELECT remedy, day, base_amount, base_unit, body_part FROM remedy_use"
    ):
        if as_day(day) <= as_of:
            uses[(remedy, as_day(day), unit)].append(amount)
            if body_part is not None and as_day(day) >= start:
                taken_for.add(RemedyPartDay(remedy, body_part, as_day(day)))
    remedy_days = [
        RemedyDay(remedy, day, len(amounts), _total(amounts), unit)
        for (remedy, day, unit), amounts in sorted(
            uses.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")
        )
    ]
    effects = [
        SideEffectDay(effect, remedy, as_day(day), severity, as_instant(at))
        for _, at, day, effect, remedy, severity in sorted(
            query("SELECT id, at, day, effect, remedy, severity FROM side_effect"),
            key=lambda r: (as_day(r[2]), r[0]),
        )
        if start <= as_day(day) <= as_of
    ]
    limits = {
        remedy: Limit(remedy, Dose(amount, unit) if amount is not None else None, most, in_30)
        for remedy, amount, unit, most, in_30 in query(
            "SELECT remedy, max_daily_amount, max_daily_unit, max_days, max_days_in_30 "
            "FROM remedy_limit"
        )
    }
    return History(
        start,
        as_of,
        parts=parts,
        workouts=tuple(w for _, _, w in workouts),
        symptoms=tuple(symptoms),
        side_effects=tuple(effects),
        remedy_days=tuple(remedy_days),
        remedy_part_days=tuple(sorted(taken_for, key=lambda t: (t.remedy, t.body_part, t.day))),
        limits=limits,
    )


def soreness(query: Query) -> list[tuple[Any, ...]]:
    """Every soreness row: id, at, day, body part, side, severity, symptoms."""
    return query("SELECT id, at, day, body_part, side, severity, symptoms FROM soreness")


def entries_by_part(rows: list[tuple[Any, ...]]) -> dict[Any, list[tuple[Any, ...]]]:
    """Each part and side's entries as (time, id, day, severity), in time order."""
    found: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for ident, at, day, body_part, side, severity, _ in rows:
        found[(body_part, side)].append((as_instant(at), ident, as_day(day), severity))
    for entries in found.values():
        entries.sort()
    return found


def grouped(entries: list[tuple[Any, ...]]) -> list[DayValue]:
    """Each day of one part's (time, id, day, severity) entries, in time order: its highest,
    its last entry's severity (the higher of two at one instant), its first sore entry's
    time and its lowest."""
    days: dict[date, list[tuple[Any, ...]]] = defaultdict(list)
    for entry in entries:
        days[entry[2]].append(entry)
    values = []
    for day in sorted(days):
        found = days[day]
        levels = [level for _, _, _, level in found]
        last = max((at, level) for at, _, _, level in found)[1]
        sore = [at for at, _, _, level in found if level > 0]
        values.append(DayValue(day, max(levels), last, min(sore) if sore else None, min(levels)))
    return values


def rollup_is_a_grouping(query: Query) -> None:
    """The rollup holds exactly each (part, side, day) of the soreness rows, worked out."""
    expected = {
        (body_part, side, value.day): value
        for (body_part, side), found in entries_by_part(soreness(query)).items()
        for value in grouped(found)
    }
    kept = {
        (body_part, side_key[1:] if side_key else None, as_day(day)): DayValue(
            as_day(day), highest, latest, as_instant(sore) if sore else None, lowest
        )
        for body_part, side_key, day, highest, latest, sore, lowest in query(
            "SELECT body_part, side_key, day, highest, latest, first_sore, lowest FROM day_rollup"
        )
    }
    assert kept == expected


def _total(amounts: list[float | None]) -> float | None:
    given = [amount for amount in amounts if amount is not None]
    return sum(given) if given else None
