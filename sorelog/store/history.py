"""The one read a report makes: everything its rules need, in one snapshot of the journal.

The rules judge whole episodes and `chronic` stretches that reach into the window,
however far back they began, and remedy runs and counts that reach it. How far back
each part is read is worked out here, in SQL over the day rollup (store/day_rollup.py),
before anything is analysed, from two facts that hold whatever the settings:

- an episode ends on a day whose last entry is 0 (a logged recovery), and `gap_days`
  can only end one sooner; so every episode that reaches the window begins after the
  last such day before the window's first day of the part, and the part is read from
  that day on (the day itself too: a workout the next day asks whether it was sore);
- a `chronic` stretch joins sore days at most 30 days apart, so the stretch that reaches
  the window lies inside the run of sore days (none more than 30 days from the one
  before) holding the part's first sore day in the window. For a part no workout can
  explain (a muscle no workout names, or a joint, tendon or bone), every sore day
  counts, so three lookups say what the days before the read add: where that run
  began, its last sore day before the read, and the day it passed 90 days. A muscle a
  workout names counts only the days its episodes decide, and those depend on the
  settings; so the caller's rules (`ReachBack`) say, of the days read so far, the first
  day the stretch reaching the window could join, and while that lies on or before the
  first day read, the part is read further back, to a recovery at least as far again
  (a recovery closes every episode, so the days after one are judged whole).

Remedies: a run of days in a row and the days counted for frequent use both lie inside
the chain of days of use no more than 30 days apart that holds the first use the report
looks at; each remedy is read from the first day of that chain.

Nothing here applies a rule, and nothing is written: the reads run in one read-only
transaction, so a shared reader and the owner read the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date, timedelta
from operator import attrgetter, itemgetter
from typing import Any

from sorelog.domain.parts import is_muscle
from sorelog.domain.values import (
    DayValue,
    Entry,
    History,
    Limit,
    PartHistory,
    RemedyDay,
    SeriesKey,
    Stretch,
    Workout,
)
from sorelog.store import reads
from sorelog.store.cells import as_day, as_instant
from sorelog.store.day_rollup import as_side
from sorelog.store.journal import Journal

FREQUENT_SPAN = 30  # days of use counted for frequent use (analysis/remedy_stats.py)
CHUNK = 200  # parts or remedies per statement: SQL limits compound SELECTs to 500

# Of a part's days read from a recovery on (and every workout): the first day whose sore
# days the rules still need judged whole, or None when the days read are enough.
ReachBack = Callable[[SeriesKey, Sequence[DayValue], Sequence[Workout]], date | None]


@contextmanager
def snapshot(journal: Journal) -> Iterator[None]:
    """Reads that all see the journal as it was at their first; nothing is written."""
    journal.db.execute(journal.snapshot)
    try:
        yield
    except BaseException:
        with suppress(Exception):  # the connection may be what failed
            journal.db.execute("ROLLBACK")
        raise
    journal.db.execute("COMMIT")


def read_history(
    journal: Journal, window_start: date, as_of: date, part: str | None, reach: ReachBack
) -> History:
    """What the report of `window_start`..`as_of` needs (`part`: that body part only);
    nothing after `as_of` is read. `reach` is the rules' say on how far back a muscle a
    workout names must be read, under the settings the report is made with."""
    with snapshot(journal):
        if reads.is_empty(journal):
            return History(window_start, as_of, empty=True)
        workouts = reads.workouts(journal, as_of)
        return History(
            window_start,
            as_of,
            parts=_parts(journal, window_start, as_of, part, workouts, reach),
            workouts=tuple(workouts),
            symptoms=tuple(reads.symptom_days(journal, window_start, as_of)),
            side_effects=tuple(reads.side_effect_days(journal, window_start, as_of)),
            remedy_days=tuple(_remedy_days(journal, window_start, as_of)),
            remedy_part_days=tuple(reads.remedy_part_days(journal, window_start, as_of)),
            limits=reads.limits(journal),
        )


def read_remedies(
    journal: Journal, as_of: date
) -> tuple[list[str], list[RemedyDay], dict[str, Limit]]:
    """Every remedy's name, the days of use that runs and counts up to `as_of` need (and
    each one's last use), and the limits: what `remedy list` shows."""
    with snapshot(journal):
        names, limits = reads.remedy_names(journal), reads.limits(journal)
        return names, _remedy_days(journal, as_of, as_of), limits


# -- soreness -----------------------------------------------------------------------------


def _bounds_sql(
    journal: Journal, window_start: date, as_of: date, part: str | None
) -> tuple[str, list[object]]:
    """Per part and side with a day in the window: the start of the run of sore days that
    holds its first sore day there, the last recovery before its first day there, the
    first sore day 90 days into the run, and the last sore day before that recovery."""
    owner, person = reads.of_person(journal, "owner")
    plus = journal.day_rollup.day_plus
    only = " AND body_part = ?" if part is not None else ""

    def same(row: str) -> str:
        return f"r.body_part = {row}.body_part AND r.side_key = {row}.side_key"

    def last_day(row: str, condition: str) -> str:
        return (
            f"(SELECT r.day FROM mine r WHERE {same(row)} AND {condition} "
            "ORDER BY r.day DESC LIMIT 1)"
        )

    sql = f"""
        WITH RECURSIVE
        mine AS NOT MATERIALIZED (SELECT * FROM day_rollup WHERE 1 = 1{owner}),
        shown AS (
            SELECT body_part, side_key, MIN(day) AS first_day,
                MIN(CASE WHEN highest > 0 THEN day END) AS first_sore
            FROM mine WHERE day BETWEEN ? AND ?{only} GROUP BY body_part, side_key),
        run (body_part, side_key, day) AS (
            SELECT body_part, side_key, first_sore FROM shown WHERE first_sore IS NOT NULL
            UNION ALL
            SELECT run.body_part, run.side_key, (SELECT MIN(r.day) FROM mine r
                WHERE {same("run")} AND r.highest > 0
                AND r.day >= {plus("run.day", -31)} AND r.day < run.day)
            FROM run WHERE run.day IS NOT NULL),
        runs AS (
            SELECT body_part, side_key, MIN(day) AS run_start FROM run
            GROUP BY body_part, side_key),
        bounds AS (
            SELECT s.body_part, s.side_key, runs.run_start,
                {last_day("s", "r.day < s.first_day AND r.latest = 0")} AS recovered,
                (SELECT r.day FROM mine r WHERE {same("s")} AND r.highest > 0
                    AND r.day >= {plus("runs.run_start", 90)} ORDER BY r.day LIMIT 1) AS held
            FROM shown s LEFT JOIN runs
                ON runs.body_part = s.body_part AND runs.side_key = s.side_key)
        SELECT b.body_part, b.side_key, b.run_start, b.recovered, b.held,
            {last_day("b", "r.highest > 0 AND r.day < b.recovered")} AS last_sore
        FROM bounds b ORDER BY b.body_part, b.side_key
    """
    window = [window_start.isoformat(), as_of.isoformat()]
    return sql, [*person, *window, *([part] if part is not None else [])]


Key = tuple[str, str]  # (body part, side key) as the rollup keeps them


def _parts(
    journal: Journal,
    window_start: date,
    as_of: date,
    part: str | None,
    workouts: Sequence[Workout],
    reach: ReachBack,
) -> dict[SeriesKey, PartHistory]:
    """Each part and side with a day in the window, read from where the history its rules
    need begins (see the module's docstring)."""
    # The parts a workout can explain: muscles it names (a joint, tendon or bone takes no
    # origin, so all its episodes are unexplained and every sore day counts).
    named = {name for workout in workouts for name in workout.parts if is_muscle(name)}
    read_from: dict[Key, date | None] = {}  # None: from the first day
    further: dict[Key, date] = {}  # muscles whose stretch may reach before the days read
    before: dict[Key, Stretch | None] = {}
    sql, params = _bounds_sql(journal, window_start, as_of, part)
    for (
        body_part,
        side_key,
        run_start,
        recovered,
        held,
        last_sore,
    ) in journal.db.execute(sql, params).fetchall():
        key = (body_part, side_key)
        read_from[key] = as_day(recovered) if recovered else None
        before[key] = None
        run, start = (as_day(run_start) if run_start else None), read_from[key]
        if run is None or start is None or run > start:
            continue  # the stretch reaching the window, if any, lies in the days read
        if body_part in named:
            further[key] = start
        elif run < start:
            last = as_day(last_sore)
            passed = as_day(held) if held else None
            before[key] = Stretch(run, last, passed if passed and passed <= last else None)
    days = _rollup_days(journal, read_from, as_of)
    for key, start in further.items():
        days[key] = _reach_back(journal, key, days.get(key, []), start, as_of, workouts, reach)
    entries = _entries(journal, read_from, as_of)
    return {
        (key[0], as_side(key[1])): PartHistory(
            tuple(days.get(key, ())), tuple(entries.get(key, ())), before[key]
        )
        for key in read_from
    }


def _each_from(
    journal: Journal,
    branches: Sequence[tuple[str, Sequence[object], date | None]],
    group: str = "",
    order: str = "",
) -> list[list[Any]]:
    """The rows of several SELECTs, each in a list of its own (its first column, which its
    text leaves as `{branch}`, is its place in `branches`). Each comes with its parameters
    and the first day it reads (None: from the first); CHUNK run as one statement."""
    owner, person = reads.of_person(journal, "owner")
    found: list[list[Any]] = [[] for _ in branches]
    for low in range(0, len(branches), CHUNK):
        selects, params = [], []
        for place, (sql, values, start) in enumerate(branches[low : low + CHUNK], start=low):
            since = " AND day >= ?" if start else ""
            selects.append(f"{sql.format(branch=place)}{owner}{since}{group}")
            params += [*values, *person, *([start.isoformat()] if start else [])]
        statement = " UNION ALL ".join(selects) + (f" ORDER BY {order}" if order else "")
        for row in journal.db.execute(statement, params).fetchall():
            found[row[0]].append(row)
    return found


DAY_COLUMNS = "day, highest, latest, first_sore, lowest"


def _rollup_days(
    journal: Journal, starts: dict[Key, date | None], as_of: date
) -> dict[Key, list[DayValue]]:
    """The rollup's days of each part and side, from its own first day to `as_of`."""
    select = (
        f"SELECT {{branch}}, {DAY_COLUMNS} FROM day_rollup "
        "WHERE body_part = ? AND side_key = ? AND day <= ?"
    )
    keys = list(starts)
    branches = [(select, [*key, as_of.isoformat()], starts[key]) for key in keys]
    # Parts are logged on the same days, often at the same times: each is parsed once.
    parsed: dict[Any, Any] = {}
    return {
        key: _day_values((row[1:] for row in rows), parsed)
        for key, rows in zip(keys, _each_from(journal, branches), strict=True)
    }


def _day_values(rows: Iterator[Sequence[Any]], parsed: dict[Any, Any]) -> list[DayValue]:
    """Rollup rows (DAY_COLUMNS) as days in order; `parsed` keeps the days and instants
    already parsed."""
    values = []
    for day, highest, latest, first_sore, lowest in rows:
        if (when := parsed.get(day)) is None:
            when = parsed[day] = as_day(day)
        sore_at = None
        if first_sore is not None and (sore_at := parsed.get(first_sore)) is None:
            sore_at = parsed[first_sore] = as_instant(first_sore)
        values.append(DayValue(when, highest, latest, sore_at, lowest))
    values.sort(key=attrgetter("day"))  # as read, in practice: in order at no cost
    return values


def _reach_back(
    journal: Journal,
    key: Key,
    values: list[DayValue],
    start: date,
    as_of: date,
    workouts: Sequence[Workout],
    reach: ReachBack,
) -> list[DayValue]:
    """A muscle's days read from the recovery `start`, and further back for as long as the
    rules need days on or before the first day read; each step reaches a recovery at
    least as far again, so a stretch of years takes a few steps, not one per month."""
    owner, person = reads.of_person(journal, "owner")
    same = "body_part = ? AND side_key = ?"
    recovery = (
        f"SELECT day FROM day_rollup WHERE {same} AND latest = 0 AND day < ?{owner} "
        "ORDER BY day DESC LIMIT 1"
    )
    between = f"SELECT {DAY_COLUMNS} FROM day_rollup WHERE {same} AND day < ?{owner}"
    parsed: dict[Any, Any] = {}
    first: date | None = start
    while first is not None:
        need = reach((key[0], as_side(key[1])), values, workouts)
        if need is None or need > first:
            break
        target = min(need, first - (as_of - first))
        found = journal.db.execute(recovery, [*key, target.isoformat(), *person]).fetchone()
        earlier = as_day(found[0]) if found else None
        since, params = (" AND day >= ?", [earlier.isoformat()]) if earlier else ("", [])
        rows = journal.db.execute(
            between + since, [*key, first.isoformat(), *person, *params]
        ).fetchall()
        values = _day_values(iter(rows), parsed) + values
        first = earlier
    return values


def _entries(
    journal: Journal, starts: dict[Key, date | None], as_of: date
) -> dict[Key, list[Entry]]:
    """Each soreness entry of each part and side from its own first day to `as_of`, in
    time order: for the rules counted in hours from a workout or a first entry."""
    branches = []
    for (body_part, side_key), start in starts.items():
        side = as_side(side_key)
        select = (
            "SELECT {branch}, at, id, day, severity FROM soreness WHERE body_part = ? "
            + ("AND side IS NULL" if side is None else "AND side = ?")
            + " AND day <= ?"
        )
        values = [body_part, *([] if side is None else [side]), as_of.isoformat()]
        branches.append((select, values, start))
    found: dict[Key, list[Entry]] = {}
    parsed: dict[Any, Any] = {}  # parts are logged at the same times: each parsed once
    for key, rows in zip(starts, _each_from(journal, branches), strict=True):
        rows.sort(key=itemgetter(1, 2))  # by time, then id
        entries = found[key] = []
        for _, at, _, day, level in rows:
            if (moment := parsed.get(at)) is None:
                moment = parsed[at] = as_instant(at)
            if (when := parsed.get(day)) is None:
                when = parsed[day] = as_day(day)
            entries.append(Entry(moment, when, level))
    return found


# -- remedies -----------------------------------------------------------------------------


def _remedy_days(journal: Journal, window_start: date, as_of: date) -> list[RemedyDay]:
    """Each remedy's days of use (and total dose, per base unit) from the first day of the
    chain of uses no more than 30 days apart that holds its first use on or after the
    earlier of the window's first day and the first of the 30 days up to `as_of`; a
    remedy not used since then, its last day of use only."""
    owner, person = reads.of_person(journal, "owner")
    plus = journal.day_rollup.day_plus
    first = min(window_start, as_of - timedelta(days=FREQUENT_SPAN - 1))
    sql = f"""
        WITH RECURSIVE
        uses AS NOT MATERIALIZED (SELECT remedy, day FROM remedy_use WHERE 1 = 1{owner}),
        named AS (
            SELECT remedy, MIN(CASE WHEN day >= ? THEN day END) AS first_day,
                MAX(day) AS last_day
            FROM uses WHERE day <= ? GROUP BY remedy),
        run (remedy, day) AS (
            SELECT remedy, first_day FROM named WHERE first_day IS NOT NULL
            UNION ALL
            SELECT run.remedy, (SELECT MIN(u.day) FROM uses u WHERE u.remedy = run.remedy
                AND u.day >= {plus("run.day", -30)} AND u.day < run.day)
            FROM run WHERE run.day IS NOT NULL)
        SELECT n.remedy, coalesce((SELECT MIN(run.day) FROM run WHERE run.remedy = n.remedy),
            n.last_day)
        FROM named n ORDER BY n.remedy
    """
    starts = journal.db.execute(sql, [*person, first.isoformat(), as_of.isoformat()]).fetchall()
    select = (
        "SELECT {branch}, remedy, day, COUNT(*), SUM(base_amount), base_unit FROM remedy_use "
        "WHERE remedy = ? AND day <= ?"
    )
    branches = [(select, [name, as_of.isoformat()], as_day(start)) for name, start in starts]
    grouped = _each_from(journal, branches, " GROUP BY remedy, day, base_unit", "1, 3, 6")
    return [
        RemedyDay(name, as_day(day), uses, total, unit)
        for rows in grouped
        for _, name, day, uses, total, unit in rows
    ]
