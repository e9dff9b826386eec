"""Checkpoints of the chronic rule: a report that reads months with them says exactly what
a report reading the whole journal says, and any write they depend on forgets them.

The oracle is the same command with the checkpoints deleted (raw SQL), so it reads the
journal's whole history, as sorelog did before it kept any.
"""

from __future__ import annotations

import random
import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

AS_OF = date(2026, 11, 20)
FIRST = AS_OF - timedelta(days=720)
PARTS = (("quadriceps", None), ("lower-back", None), ("calves", "left"), ("calves", "right"))
HEADER = (
    "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note,"
    "enjoyment,activity"
)


def diary(seed: int) -> list[str]:
    """Two years of soreness, most days, in four parts: runs of days broken by a logged 0
    or a few days' gap, now and then a break of over a month; legs twice a week."""
    rng = random.Random(seed)
    lines = []
    for part, side in PARTS:
        day = FIRST + timedelta(days=rng.randrange(10))
        level = rng.randint(2, 6)
        while day <= AS_OF:
            for hour in sorted(rng.sample(range(7, 22), rng.randint(1, 3))):
                level = max(1, min(10, level + rng.randint(-2, 2)))
                severity = 0 if rng.random() < 0.06 else level
                at = datetime(day.year, day.month, day.day, hour, tzinfo=UTC).isoformat()
                lines.append(f"soreness,,{at},{part},{side or ''},{severity},,,,,,,,,,")
            draw = rng.random()
            if draw < 0.003 * (seed % 3):  # a month or more without soreness, now and then
                day += timedelta(days=rng.randint(32, 45))
            else:
                day += timedelta(days=1 if draw < 0.85 else rng.randint(2, 5))
    day = FIRST
    while day <= AS_OF:
        at = datetime(day.year, day.month, day.day, 18, tzinfo=UTC).isoformat()
        lines.append(f"workout,,{at},quadriceps;calves,,,,legs,,,,,,,,")
        day += timedelta(days=rng.choice([3, 4, 4, 9]))
    return lines


def load(journal: Any, tmp_path: Path, seed: int) -> None:
    path = tmp_path / f"diary-{seed}.csv"
    path.write_text("\n".join([HEADER, *diary(seed)]) + "\n")
    journal.ok("import", str(path))


def sql(journal: Any, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run `statement` on the journal as its person does, outside sorelog."""
    if hasattr(journal, "database"):
        import psycopg

        with psycopg.connect(journal.database.url("alice"), autocommit=True) as conn:
            cursor = conn.execute(statement.replace("?", "%s"), params)
            rows = cursor.fetchall() if cursor.description is not None else []
        return [tuple(v.isoformat() if isinstance(v, date) else v for v in r) for r in rows]
    with sqlite3.connect(journal.path) as db:
        return db.execute(statement, params).fetchall()


def kept(journal: Any) -> list[tuple[Any, ...]]:
    return sql(journal, "SELECT body_part, side, cut, first, last, held FROM chronic_checkpoint")


def report(journal: Any, as_of: date, *more: str) -> Any:
    return journal.json("report", "--as-of", as_of.isoformat(), *more)


def full_report(journal: Any, as_of: date, *more: str) -> Any:
    """The report with no checkpoint to start from: read from the journal's first day."""
    sql(journal, "DELETE FROM chronic_checkpoint")
    return report(journal, as_of, *more)


@pytest.mark.parametrize("seed", range(4))
def test_reports_over_months_match_full_reads(journal, tmp_path, seed) -> None:
    load(journal, tmp_path, seed)
    chronic_seen = used = 0
    backs = (300, 240, 200, 199, 150, 110, 60, 31, 30, 0)
    for back in backs:
        as_of = AS_OF - timedelta(days=back)
        had = kept(journal)
        first = report(journal, as_of)  # from the checkpoints the last full read kept
        again = report(journal, as_of)  # from any newer one the first kept
        assert first == again == full_report(journal, as_of), as_of
        used += bool(had)
        read_from = as_of - timedelta(days=27 + 121)  # the first day a report reads at least
        chronic_seen += any(f["code"] == "chronic" and re.search(r"since (\S+);", f["message"])
                            .group(1) < str(read_from) for f in first["flags"])  # fmt: skip
    assert used >= len(backs) // 2  # most later reports had checkpoints to start from
    assert chronic_seen  # and a stretch reaching back beyond what they read


def test_a_report_keeps_checkpoints_and_reads_them(journal, tmp_path) -> None:
    load(journal, tmp_path, 1)
    before = report(journal, AS_OF)
    rows = kept(journal)
    assert {(part, side or None) for part, side, *_ in rows} == set(PARTS)
    # A checkpoint whose stretch is said to start a year earlier moves the chronic flag's
    # start: the report took the history before the cut from it, not from the entries.
    part, first = next((r[0], r[3]) for r in rows if r[3] is not None)
    earlier = date.fromisoformat(first) - timedelta(days=365)
    sql(journal, "UPDATE chronic_checkpoint SET first = ?, held = ? WHERE body_part = ?",
        (earlier.isoformat(), (earlier + timedelta(days=90)).isoformat(), part))  # fmt: skip
    moved = [f for f in report(journal, AS_OF)["flags"] if f["code"] == "chronic"
             and f["body_part"] == part]  # fmt: skip
    assert moved and f"since {earlier}" in moved[0]["message"]
    assert full_report(journal, AS_OF) == before


CHANGES = {
    "an older entry": ("add", "lower back", "4", "--at", "{day}T09:00"),
    "an older zero": ("add", "quads", "0", "--at", "{day}T23:00"),
    "an older workout": ("workout", "yoga", "--part", "lower back", "--at", "{day}T07:00"),
    "an import of older rows": ("import", "{csv}"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_write_before_a_cut_forgets_what_it_could_change(journal, tmp_path, change) -> None:
    load(journal, tmp_path, 2)
    report(journal, AS_OF)
    cuts = sorted(date.fromisoformat(row[2]) for row in kept(journal))
    day = cuts[0] - timedelta(days=20)
    older = tmp_path / "older.csv"
    at = f"{day}T12:00:00+00:00"
    older.write_text(f"{HEADER}\nsoreness,,{at},lower back,,6,,,,,,,,,,\n")
    command = [arg.format(day=day, csv=older) for arg in CHANGES[change]]
    journal.ok(*command)
    assert kept(journal) == []  # every cut lies after the day written
    assert report(journal, AS_OF) == full_report(journal, AS_OF)


@pytest.mark.parametrize("how", ["edit", "delete"])
def test_changing_an_older_record_forgets_what_it_could_change(journal, tmp_path, how) -> None:
    load(journal, tmp_path, 3)
    report(journal, AS_OF)
    cut = min(date.fromisoformat(row[2]) for row in kept(journal))
    listed = journal.json("list", "--days", "800", "--part", "lower-back")["records"]
    record = next(r for r in listed if r["at"][:10] < str(cut - timedelta(days=10)))
    if how == "edit":
        journal.ok("edit", str(record["id"]), "--severity", "9")
    else:
        journal.ok("delete", str(record["id"]), "--yes")
    assert kept(journal) == []
    assert report(journal, AS_OF) == full_report(journal, AS_OF)


def test_a_new_entry_today_keeps_them(journal, tmp_path) -> None:
    load(journal, tmp_path, 1)
    report(journal, AS_OF)
    rows = kept(journal)
    journal.ok("add", "lower back", "3", "--at", f"{AS_OF}T20:00")
    assert kept(journal) == rows
    assert report(journal, AS_OF) == full_report(journal, AS_OF)


def test_other_settings_judge_afresh(journal, tmp_path) -> None:
    load(journal, tmp_path, 0)
    report(journal, AS_OF)
    journal.ok("config", "set", "gap_days", "5")
    assert report(journal, AS_OF) == full_report(journal, AS_OF)
    journal.ok("config", "set", "persistent_days", "10")
    assert report(journal, AS_OF) == full_report(journal, AS_OF)


def test_a_change_of_zone_moves_days_and_forgets_them(journal, tmp_path, monkeypatch) -> None:
    load(journal, tmp_path, 2)
    report(journal, AS_OF)
    assert kept(journal)
    journal.ok("config", "set", "timezone", "Pacific/Kiritimati")  # UTC+14: late hours move
    shifted = report(journal, AS_OF)
    assert shifted == full_report(journal, AS_OF)


def test_reports_of_different_windows_each_keep_and_find_one(journal, tmp_path) -> None:
    load(journal, tmp_path, 0)
    expected = {days: full_report(journal, AS_OF, "--days", days) for days in ("28", "90")}
    sql(journal, "DELETE FROM chronic_checkpoint")
    for days in ("28", "90", "28", "90"):  # a report, then a summary's window, in turn
        assert report(journal, AS_OF, "--days", days) == expected[days]
    cuts = [row[2] for row in kept(journal) if row[0] == "lower-back"]
    assert len(cuts) == 2  # one at or before each window's first day
    assert min(cuts) <= str(AS_OF - timedelta(days=89)) < max(cuts)


def _triggers(journal: Any) -> list[tuple[Any, ...]]:
    return sql(journal, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1")


@pytest.mark.sqlite_only  # SQLite's triggers are set aside for an import's rows
def test_an_import_puts_the_triggers_back_whether_it_lands_or_not(journal, tmp_path) -> None:
    load(journal, tmp_path, 1)
    triggers = _triggers(journal)
    # after each write to soreness and workouts, and before replaces; and the day rollup's
    assert len(triggers) == 10 + 8
    report(journal, AS_OF)
    rows = kept(journal)
    refused = tmp_path / "refused.csv"
    refused.write_text(
        f"{HEADER}\nsoreness,,2025-01-02T10:00:00+00:00,quadriceps,,5,,,,,,,,,,\n"
        "remedy,,2025-01-02T11:00:00+00:00,,,,,,,pills,200,mg,,,,\n"
        "remedy,,2025-01-02T12:00:00+00:00,,,,,,,pills,2,tablet,,,,\n"
    )
    result = journal.run("import", str(refused))
    assert result.exit_code == 2 and "line 4" in result.stderr  # refused in its transaction
    assert _triggers(journal) == triggers and kept(journal) == rows  # all rolled back
    journal.ok("import", str(tmp_path / "diary-1.csv"))  # every row already there: none new
    assert _triggers(journal) == triggers and kept(journal) == []
    report(journal, AS_OF)
    journal.ok("add", "calves", "3", "--side", "left", "--at", "2025-03-01T10:00")
    assert kept(journal) == []  # the triggers work again


def _settings(journal: Any, rng: random.Random) -> None:
    """gap_days and persistent_days drawn from their whole allowed ranges."""
    journal.ok(
        "config", "set", "gap_days", str(rng.choice([1, 2, 3, 29, 30, 31, rng.randint(1, 60), 60]))
    )
    journal.ok("config", "set", "persistent_days", str(rng.randint(1, 365)))


@pytest.mark.parametrize("seed", range(3))
def test_any_settings_give_the_full_reads_report(journal, tmp_path, seed) -> None:
    rng = random.Random(100 + seed)
    load(journal, tmp_path, seed)
    for _ in range(5):
        _settings(journal, rng)
        as_of = AS_OF - timedelta(days=rng.randint(0, 200))
        report(journal, as_of - timedelta(days=rng.randint(0, 60)))  # may keep checkpoints
        days = str(rng.choice([7, 28, 90]))
        assert report(journal, as_of, "--days", days) == full_report(
            journal, as_of, "--days", days
        ), (as_of, days)


@pytest.mark.sqlite_only  # INSERT OR REPLACE and UPDATE OR REPLACE are SQLite's
@pytest.mark.parametrize("how", ["insert", "update"])
def test_rows_replaced_by_another_program_forget_checkpoints(journal, tmp_path, how) -> None:
    """The oldest weeks of a part's history replaced, row by row, as another program would:
    the stretch `chronic` follows now starts later, and the report must say so."""
    load(journal, tmp_path, 0)
    report(journal, AS_OF)  # keeps checkpoints
    assert kept(journal)
    old = (FIRST + timedelta(days=200)).isoformat()
    rows = sql(journal, "SELECT id FROM soreness WHERE body_part = 'lower-back' AND day < ? "
               "ORDER BY id", (old,))  # fmt: skip
    recent = (AS_OF - timedelta(days=3)).isoformat()  # rows on days after every cut
    spare = sql(journal, "SELECT id FROM soreness WHERE body_part != 'lower-back' AND day > ? "
                "ORDER BY id", (recent,))  # fmt: skip
    if how == "update":
        rows = rows[: len(spare)]  # the oldest days of lower-back, as many as there are takers
    for (victim,), taker in zip(rows, [*spare, *rows], strict=False):
        if how == "insert":  # each becomes a 0 on the report date
            sql(journal, "INSERT OR REPLACE INTO soreness (id, at, day, body_part, side, "
                "severity, symptoms) VALUES (?, ?, ?, 'lower-back', NULL, 0, '')",
                (victim, f"{AS_OF}T08:00:00+00:00", AS_OF.isoformat()))  # fmt: skip
        else:  # a recent row takes its id: the old row goes, with no DELETE trigger
            sql(journal, "UPDATE OR REPLACE soreness SET id = ? WHERE id = ?", (victim, taker[0]))
    assert report(journal, AS_OF) == full_report(journal, AS_OF)


@pytest.mark.parametrize("gap", [31, 45, 60])
def test_episodes_bridging_more_than_a_month_read_whole(journal, tmp_path, gap) -> None:
    load(journal, tmp_path, 2)  # the diary with month-long breaks
    journal.ok("config", "set", "gap_days", str(gap))
    for back in (300, 200, 120, 90, 60, 30, 0):
        as_of = AS_OF - timedelta(days=back)
        report(journal, as_of)  # would keep checkpoints
        assert report(journal, as_of, "--days", "28") == full_report(
            journal, as_of, "--days", "28"
        ), as_of
