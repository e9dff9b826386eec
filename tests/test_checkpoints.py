"""Derived data equals a full read (SPEC "Errors and bad input"), on both backends.

The day rollup must equal a grouping of the soreness rows whoever wrote them: sorelog,
an import, a change of zone, or another program writing plain SQL (on SQLite `INSERT OR
REPLACE` and `UPDATE OR REPLACE` too). And a report, which reads each part from the
rollup only as far back as its rules need, must say what the same rules say over every
row of the journal, whatever the settings.

The oracle (tests/full_read.py) reads every row straight from the database (sqlite3, or
psycopg as the person's own role) and runs the same pure rules over all of it.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from full_read import full_read, rollup_is_a_grouping

from sorelog.domain.settings import THRESHOLDS, Config

AS_OF = date(2026, 11, 20)
FIRST = AS_OF - timedelta(days=720)
PARTS = (("quadriceps", None), ("lower-back", None), ("calves", "left"), ("calves", "right"),
         ("knees", None))  # fmt: skip
HEADER = (
    "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note,"
    "enjoyment,activity"
)


def stamp(day: date, hour: int) -> str:
    """An instant as sorelog writes it (another program here writes the same form)."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC).strftime(
        "%Y-%m-%dT%H:%M:%S.%f+00:00"
    )


def diary(seed: int) -> list[str]:
    """Two years of soreness, most days, in five parts: runs of days broken by a logged 0
    or a few days' gap, now and then a break of over a month; legs twice a week (naming a
    joint too, which takes no origin); a remedy in runs of days, another now and then, and
    a side effect or two."""
    rng = random.Random(seed)
    lines = []
    for part, side in PARTS:
        day = FIRST + timedelta(days=rng.randrange(10))
        level = rng.randint(2, 6)
        while day <= AS_OF:
            for hour in sorted(rng.sample(range(7, 22), rng.randint(1, 3))):
                level = max(1, min(10, level + rng.randint(-2, 2)))
                severity = 0 if rng.random() < 0.06 else level
                lines.append(
                    f"soreness,,{stamp(day, hour)},{part},{side or ''},{severity},,,,,,,,,,"
                )
            draw = rng.random()
            if draw < 0.003 * (seed % 3):  # a month or more without soreness, now and then
                day += timedelta(days=rng.randint(32, 45))
            else:
                day += timedelta(days=1 if draw < 0.85 else rng.randint(2, 5))
    day = FIRST
    while day <= AS_OF:
        lines.append(f"workout,,{stamp(day, 18)},quadriceps;calves;knees,,,,legs,,,,,,,,")
        day += timedelta(days=rng.choice([3, 4, 4, 9]))
    day = FIRST + timedelta(days=rng.randrange(40))
    while day <= AS_OF:  # runs of days in a row, a few days or weeks apart
        for offset in range(rng.randint(1, 12)):
            taken = min(AS_OF, day + timedelta(days=offset))
            lines.append(f"remedy,,{stamp(taken, 9)},quadriceps,,,,,,ibuprofen,400,mg,,,,")
        day += timedelta(days=rng.randint(14, 50))
    for _ in range(40):
        taken = FIRST + timedelta(days=rng.randrange(720))
        lines.append(f"remedy,,{stamp(taken, 20)},,,,,,,ice,15,min,,,,")
    for _ in range(6):
        felt = AS_OF - timedelta(days=rng.randrange(120))
        lines.append(f"side_effect,,{stamp(felt, 12)},,,{rng.randint(1, 8)},,,,ibuprofen,,,"
                     "nausea,,,")  # fmt: skip
    return lines


def load(journal: Any, tmp_path: Path, seed: int) -> None:
    path = tmp_path / f"diary-{seed}.csv"
    path.write_text("\n".join([HEADER, *diary(seed)]) + "\n")
    journal.ok("import", str(path))


def sql(journal: Any, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run `statement` on the journal as its person would in another program."""
    if hasattr(journal, "database"):
        import psycopg

        with psycopg.connect(journal.database.url("alice"), autocommit=True) as conn:
            cursor = conn.execute(statement.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description is not None else []
    with sqlite3.connect(journal.path) as db:
        found = db.execute(statement, params).fetchall()
    db.close()
    return found


def expected(journal: Any, config: Config, as_of: date, days: int = 28,
             part: str | None = None) -> Any:  # fmt: skip
    """The report the rules make of every row of the journal (tests/full_read.py)."""
    return full_read(partial(sql, journal), config, as_of, days, part)


def settings(journal: Any, rng: random.Random) -> Config:
    """Every threshold drawn from its whole allowed range (gap_days and persistent_days
    often at the edges), set in the config file; the same settings as a Config."""
    drawn = {key: rng.randint(low, high) for key, (_, low, high, _) in THRESHOLDS.items()}
    drawn["gap_days"] = rng.choice([1, 2, 3, 29, 30, 31, 59, 60, rng.randint(1, 60)])
    drawn["persistent_days"] = rng.choice([1, 14, 28, 29, 365, rng.randint(1, 365)])
    for key, value in drawn.items():
        journal.ok("config", "set", key, str(value))
    return Config(**drawn)


def report(journal: Any, as_of: date, days: int = 28, part: str | None = None) -> Any:
    more = ["--part", part] if part else []
    return journal.json("report", "--as-of", as_of.isoformat(), "--days", str(days), *more)


# -- another program's writes --------------------------------------------------------------


def scribble(journal: Any, rng: random.Random, count: int) -> None:
    """`count` writes straight into the database, as another program might make them:
    new rows, rows moved to another part, side or day, levels changed over a span of days,
    rows deleted; on SQLite rows replaced by id with INSERT OR REPLACE and UPDATE OR
    REPLACE, on PostgreSQL by INSERT ... ON CONFLICT DO UPDATE."""
    postgres = hasattr(journal, "database")
    ids = [ident for (ident,) in sql(journal, "SELECT id FROM soreness ORDER BY id")]
    fresh = max(ids) + 10_000
    sides = [None, "left", "right", ""]  # an empty side is kept apart from none
    for _ in range(count):
        day = FIRST + timedelta(days=rng.randrange(730))
        at, level = stamp(day, rng.randint(0, 23)), rng.randint(0, 10)
        part, side = rng.choice(["quadriceps", "lower-back", "calves", "neck"]), rng.choice(sides)
        victim, taker = rng.choice(ids), rng.choice(ids)
        how = rng.choice(["insert", "replace", "take", "move", "levels", "delete"])
        values = (at, day.isoformat(), part, side, level)
        if how == "insert" or (how in ("replace", "take") and victim == taker):
            fresh += 1
            sql(journal, "INSERT INTO soreness (id, at, day, body_part, side, severity) "
                "VALUES (?, ?, ?, ?, ?, ?)", (fresh, *values))  # fmt: skip
            ids.append(fresh)
        elif how == "replace" and postgres:
            sql(journal, "INSERT INTO soreness (id, at, day, body_part, side, severity) VALUES "
                "(?, ?, ?, ?, ?, ?) ON CONFLICT (owner, id) DO UPDATE SET at = excluded.at, "
                "day = excluded.day, body_part = excluded.body_part, side = excluded.side, "
                "severity = excluded.severity", (victim, *values))  # fmt: skip
        elif how == "replace":
            sql(journal, "INSERT OR REPLACE INTO soreness (id, at, day, body_part, side, "
                "severity, symptoms) VALUES (?, ?, ?, ?, ?, ?, '')", (victim, *values))  # fmt: skip
        elif how == "take" and not postgres:  # the row with `victim`'s id goes, no trigger
            sql(journal, "UPDATE OR REPLACE soreness SET id = ? WHERE id = ?", (victim, taker))
            ids.remove(taker)
        elif how in ("move", "take"):
            sql(journal, "UPDATE soreness SET at = ?, day = ?, body_part = ?, side = ? "
                "WHERE id = ?", (at, day.isoformat(), part, side, taker))  # fmt: skip
        elif how == "levels":
            later = day + timedelta(days=rng.randint(0, 20))
            sql(journal, "UPDATE soreness SET severity = ? WHERE day BETWEEN ? AND ?",
                (level, day.isoformat(), later.isoformat()))  # fmt: skip
        else:
            sql(journal, "DELETE FROM soreness WHERE id = ?", (victim,))
            if victim in ids:
                ids.remove(victim)


# -- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(3))
def test_reports_over_months_equal_a_full_read(journal, tmp_path, seed) -> None:
    load(journal, tmp_path, seed)
    rollup_is_a_grouping(partial(sql, journal))
    chronic = 0
    for back in (300, 200, 120, 61, 30, 0):
        as_of = AS_OF - timedelta(days=back)
        shown = report(journal, as_of)
        assert shown == expected(journal, Config(), as_of), as_of
        chronic += sum(f["code"] == "chronic" for f in shown["flags"])
    assert chronic  # stretches that began long before any episode a report reads


@pytest.mark.parametrize("seed", range(4))
def test_any_settings_give_the_full_reads_report(journal, tmp_path, seed) -> None:
    rng = random.Random(100 + seed)
    load(journal, tmp_path, seed)
    for _ in range(4):
        config = settings(journal, rng)
        as_of = AS_OF - timedelta(days=rng.randint(0, 400))
        days = rng.choice([1, 7, 28, 90, 365])
        part = rng.choice([None, None, "quadriceps", "calves", "lower-back"])
        whole = expected(journal, config, as_of, days, part)
        assert report(journal, as_of, days, part) == whole, (config, as_of, days, part)


@pytest.mark.parametrize("seed", range(3))
def test_another_programs_writes_keep_the_rollup_and_reports_whole(journal, tmp_path, seed) -> None:
    rng = random.Random(200 + seed)
    load(journal, tmp_path, seed)
    for _ in range(3):
        scribble(journal, rng, 40)
        rollup_is_a_grouping(partial(sql, journal))
        config = settings(journal, rng)
        as_of = AS_OF - timedelta(days=rng.randint(0, 200))
        assert report(journal, as_of) == expected(journal, config, as_of), (config, as_of)


def test_sorelogs_own_writes_keep_the_rollup(journal, tmp_path) -> None:
    load(journal, tmp_path, 1)
    journal.ok("add", "quads", "7", "calves", "2", "--side", "left", "--at", "2025-06-01T10:00")
    listed = journal.json("list", "--days", "800", "--part", "lower-back")["records"]
    journal.ok("edit", str(listed[5]["id"]), "--severity", "0")
    journal.ok("edit", str(listed[6]["id"]), "--at", "2025-01-03T23:30")
    journal.ok("delete", str(listed[7]["id"]), "--yes")
    rollup_is_a_grouping(partial(sql, journal))
    journal.ok("config", "set", "timezone", "Pacific/Kiritimati")  # UTC+14: late hours move
    journal.ok("list", "--days", "1")  # days are worked out again in the new zone
    rollup_is_a_grouping(partial(sql, journal))
    assert report(journal, AS_OF) == expected(journal, Config(), AS_OF)


def _triggers(journal: Any) -> list[tuple[Any, ...]]:
    return sql(journal, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1")


@pytest.mark.sqlite_only  # SQLite's triggers are set aside for an import's rows
def test_an_import_puts_the_triggers_back_whether_it_lands_or_not(journal, tmp_path) -> None:
    load(journal, tmp_path, 1)
    triggers = _triggers(journal)
    assert {name for name, _ in triggers} == {
        f"day_rollup_{name}" for name in ("note_insert", "note_update", "insert", "update",
                                          "update_moved", "delete", "noted_insert",
                                          "noted_update")}  # fmt: skip
    rollup = sql(journal, "SELECT * FROM day_rollup ORDER BY 1, 2, 3")
    refused = tmp_path / "refused.csv"
    refused.write_text(
        f"{HEADER}\nsoreness,,2025-01-02T10:00:00+00:00,quadriceps,,5,,,,,,,,,,\n"
        "remedy,,2025-01-02T11:00:00+00:00,,,,,,,pills,200,mg,,,,\n"
        "remedy,,2025-01-02T12:00:00+00:00,,,,,,,pills,2,tablet,,,,\n"
    )
    result = journal.run("import", str(refused))
    assert result.exit_code == 2 and "line 4" in result.stderr  # refused in its transaction
    assert _triggers(journal) == triggers  # all rolled back
    assert sql(journal, "SELECT * FROM day_rollup ORDER BY 1, 2, 3") == rollup
    more = tmp_path / "more.csv"
    more.write_text(f"{HEADER}\nsoreness,,2025-01-02T10:00:00+00:00,quadriceps,,5,,,,,,,,,,\n"
                    "soreness,,2025-01-02T22:00:00+00:00,neck,,0,,,,,,,,,,\n")  # fmt: skip
    journal.ok("import", str(more))
    assert _triggers(journal) == triggers
    rollup_is_a_grouping(partial(sql, journal))
    sql(journal, "DELETE FROM soreness WHERE body_part = 'neck'")  # the triggers work again
    rollup_is_a_grouping(partial(sql, journal))


def test_reading_commands_write_nothing(journal, tmp_path) -> None:
    load(journal, tmp_path, 2)
    journal.ok("list", "--days", "1")  # any pending work of the import is done
    watcher = None
    if not hasattr(journal, "database"):  # counts the commits of other connections
        watcher = sqlite3.connect(journal.path)
        version = watcher.execute("PRAGMA data_version").fetchone()
    before = _contents(journal)
    journal.ok("report", "--as-of", AS_OF.isoformat())
    journal.ok("report", "--json", "--days", "365", "--part", "calves")
    journal.ok("summary", "--as-of", AS_OF.isoformat(), "-o", "-")
    journal.ok("chart", "--days", "90")
    journal.ok("list", "--days", "30")
    journal.ok("remedy", "list")
    assert _contents(journal) == before
    if watcher is not None:
        assert watcher.execute("PRAGMA data_version").fetchone() == version
        watcher.close()


def _contents(journal: Any) -> Any:
    """Every table's rows (a journal file's bytes change when another connection moves
    its write-ahead log into it, which writes nothing new)."""
    if hasattr(journal, "database"):
        return journal.snapshot()
    with sqlite3.connect(journal.path) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master ORDER BY 1")]
        found = {
            name: db.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall()
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"
            )
        }
    db.close()
    return tables, found


@pytest.mark.parametrize("gap", [31, 45, 60])
def test_episodes_bridging_more_than_a_month_read_whole(journal, tmp_path, gap) -> None:
    load(journal, tmp_path, 2)  # the diary with month-long breaks
    journal.ok("config", "set", "gap_days", str(gap))
    for back in (300, 120, 60, 0):
        as_of = AS_OF - timedelta(days=back)
        assert report(journal, as_of) == expected(journal, Config(gap_days=gap), as_of), as_of
