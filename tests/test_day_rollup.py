"""The day rollup (store/day_rollup.py) equals a grouping of the soreness rows after any
write to a journal file: sorelog's own, an import (which sets the triggers aside), and
another program's SQL, `INSERT OR REPLACE`, `INSERT OR IGNORE`, `UPDATE OR REPLACE` and
upserts included, whether or not its connection turned recursive triggers on.

The oracle is the grouping a full read makes, in SQL over the soreness rows.
PostgreSQL's triggers are held to the same in tests/test_checkpoints.py.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

FULL_READ = """
    SELECT body_part, CASE WHEN side IS NULL THEN '' ELSE '.' || side END, day,
        MAX(severity), MIN(severity),
        CAST(substr(MAX(at || printf('%02d', severity)), -2) AS INTEGER),
        MIN(CASE WHEN severity > 0 THEN at END)
    FROM soreness GROUP BY body_part, side, day ORDER BY 1, 2, 3
"""
KEPT = (
    "SELECT body_part, side_key, day, highest, lowest, latest, first_sore FROM day_rollup "
    "ORDER BY 1, 2, 3"
)
HEADER = "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note"


def same(path: Path) -> None:
    with sqlite3.connect(path) as db:
        assert db.execute(KEPT).fetchall() == db.execute(FULL_READ).fetchall()
    db.close()


@pytest.fixture
def filled(journal: Any, tmp_path: Path) -> Path:
    """A journal of a few weeks in three parts, imported."""
    rng = random.Random(7)
    lines = [HEADER]
    for offset in range(60):
        day = date(2026, 9, 1) + timedelta(days=offset)
        for part in ("quadriceps", "calves", "neck"):
            for hour in sorted(rng.sample(range(6, 23), rng.randint(0, 3))):
                at = datetime(day.year, day.month, day.day, hour, tzinfo=UTC).isoformat()
                side = rng.choice(["", "left", "right"])
                lines.append(f"soreness,,{at},{part},{side},{rng.randint(0, 9)},,,,,,,,")
    source = tmp_path / "weeks.csv"
    source.write_text("\n".join(lines) + "\n")
    journal.ok("import", str(source))
    same(journal.path)
    return Path(journal.path)


def stamp(day: str, hour: int) -> str:
    return f"{day}T{hour:02d}:00:00.000000+00:00"


@pytest.mark.parametrize("recursive", [False, True])
def test_another_programs_writes(filled: Path, recursive: bool) -> None:
    rng = random.Random(recursive)
    db = sqlite3.connect(filled, isolation_level=None)
    db.execute(f"PRAGMA recursive_triggers = {'ON' if recursive else 'OFF'}")
    ids = [ident for (ident,) in db.execute("SELECT id FROM soreness")]
    insert = "INTO soreness (id, at, day, body_part, side, severity) VALUES (?, ?, ?, ?, ?, ?)"
    for step in range(300):
        day = (date(2026, 9, 1) + timedelta(days=rng.randrange(60))).isoformat()
        row = (stamp(day, rng.randint(0, 23)), day, rng.choice(["quadriceps", "calves"]),
               rng.choice([None, "left", ""]), rng.randint(0, 10))  # fmt: skip
        victim, taker = rng.sample(ids, 2)
        how = step % 7
        if how == 0:
            db.execute(f"INSERT OR REPLACE {insert}", (victim, *row))
        elif how == 1:
            db.execute(f"INSERT OR IGNORE {insert}", (victim, *row))  # ignored: no change
        elif how == 2:
            db.execute("UPDATE OR REPLACE soreness SET id = ? WHERE id = ?", (victim, taker))
            ids.remove(taker)
        elif how == 3:
            db.execute(f"INSERT {insert} ON CONFLICT (id) DO UPDATE SET day = excluded.day, "
                       "severity = excluded.severity", (victim, *row))  # fmt: skip
        elif how == 4:
            db.execute("UPDATE soreness SET at = ?, day = ?, body_part = ?, side = ?, "
                       "severity = ? WHERE id = ?", (*row, taker))  # fmt: skip
        elif how == 5:
            db.execute("DELETE FROM soreness WHERE id = ?", (victim,))
            ids.remove(victim)
        else:
            fresh = max(ids) + 1
            db.execute(f"INSERT {insert}", (fresh, *row))
            ids.append(fresh)
        if step % 50 == 0:
            same(filled)
    db.close()
    same(filled)


def test_one_statement_that_moves_many_rows(filled: Path) -> None:
    with sqlite3.connect(filled) as db:
        db.execute("UPDATE soreness SET day = date(day, '+1 day') WHERE body_part = 'calves'")
        db.execute("UPDATE soreness SET body_part = 'calves' WHERE body_part = 'neck'")
        db.execute("DELETE FROM soreness WHERE severity = 0")
    db.close()
    same(filled)


def test_sorelogs_own_writes(journal: Any, filled: Path) -> None:
    journal.ok("add", "quads", "7", "calves", "2", "--side", "left", "--at", "2026-09-03T10:00")
    listed = journal.json("list", "--days", "200", "--part", "neck")["records"]
    journal.ok("edit", str(listed[0]["id"]), "--severity", "0")
    journal.ok("edit", str(listed[1]["id"]), "--at", "2026-09-30T23:30")
    journal.ok("delete", str(listed[2]["id"]), "--yes")
    same(filled)
    journal.ok("config", "set", "timezone", "Pacific/Kiritimati")  # UTC+14: late hours move
    journal.ok("list", "--days", "1")  # days are worked out again in the new zone
    same(filled)


def test_an_import_into_a_journal_with_rows_rebuilds_its_days(
    journal: Any, filled: Path, tmp_path: Path
) -> None:
    triggers = _triggers(filled)
    more = tmp_path / "more.csv"
    more.write_text(f"{HEADER}\nsoreness,,{stamp('2026-09-05', 7)},quadriceps,,5,,,,,,,,\n"
                    f"soreness,,{stamp('2026-11-01', 7)},quadriceps,,0,,,,,,,,\n")  # fmt: skip
    journal.ok("import", str(more))
    same(filled)
    refused = tmp_path / "refused.csv"
    refused.write_text(
        f"{HEADER}\nsoreness,,{stamp('2026-09-06', 7)},quadriceps,,5,,,,,,,,\n"
        f"remedy,,{stamp('2026-09-06', 8)},,,,,,,pills,200,mg,,\n"
        f"remedy,,{stamp('2026-09-06', 9)},,,,,,,pills,2,tablet,,\n"
    )
    before = sqlite3.connect(filled).execute(KEPT).fetchall()
    assert journal.run("import", str(refused)).exit_code == 2  # refused in its transaction
    assert sqlite3.connect(filled).execute(KEPT).fetchall() == before
    assert _triggers(filled) == triggers  # set aside for the rows, and back either way


def _triggers(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'day_rollup%' ORDER BY 1"
        ).fetchall()
