"""Stored calendar days follow the time zone, and a change of zone writes only what changes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from conftest import FROZEN_NOW
from sorelog.domain.when import LocalZone
from sorelog.store import open_journal

# Instants (UTC) around the edges where a zone's day and UTC's day part.
MOMENTS = [
    "2026-03-28T22:59:59.999999+00:00",  # Paris: 23:59:59 CET, the night before clocks go forward
    "2026-03-28T23:00:00.000000+00:00",  # Paris: midnight CET, the day of the change
    "2026-03-29T00:59:59.000000+00:00",  # Paris: 01:59:59 CET, a second before the change
    "2026-03-29T22:00:00.000000+00:00",  # Paris: midnight CEST, the first summer night
    "2026-03-29T21:59:59.000000+00:00",  # Paris: 23:59:59 CEST
    "2026-10-24T22:30:00.000000+00:00",  # Paris: 00:30 CEST on the day clocks go back
    "2026-10-25T22:30:00.000000+00:00",  # Paris: 23:30 CET the same day
    "2026-03-08T04:59:59.000000+00:00",  # New York: 23:59:59 EST before its spring change
    "2026-11-20T18:29:59.000000+00:00",  # Kolkata (+5:30): 23:59:59
    "2026-11-20T18:30:00.000000+00:00",  # Kolkata: midnight
    "2026-11-20T15:14:59.000000+00:00",  # Eucla (+8:45): 23:59:59
    "2026-11-20T15:15:00.000000+00:00",  # Eucla: midnight
    "2026-11-20T10:00:00.000000+00:00",  # Kiritimati (+14): midnight the next day
    "2026-11-20T11:00:00.000000+00:00",  # Pago Pago (-11): midnight
    "2016-06-30T23:59:59.999999+00:00",  # years back, in summer time
    "2026-01-04 07:30:00.000000",  # as older sorelogs wrote instants: naive UTC
]
ZONES = [
    "Europe/Paris",
    "UTC",
    "Asia/Kolkata",
    "America/New_York",
    "Australia/Eucla",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Europe/Paris",
    "UTC",
]


def fill(path) -> None:
    """A journal holding a soreness record at each of MOMENTS, its day set in UTC."""
    journal = open_journal(path, create=True, now=FROZEN_NOW, zone=LocalZone(UTC))
    assert journal is not None
    with journal:
        for number, at in enumerate(MOMENTS, 1):
            journal.db.execute("INSERT INTO record_ids (id) VALUES (?)", (number,))
            journal.db.execute(
                "INSERT INTO soreness (id, at, day, body_part, severity, symptoms) "
                "VALUES (?, ?, ?, 'quadriceps', 3, '')",
                (number, at, at[:10]),
            )
        journal.db.commit()


def days(path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT at, day FROM soreness ORDER BY id"))


def expected(zone: str) -> dict[str, str]:
    found = {}
    for at in MOMENTS:
        moment = datetime.fromisoformat(at)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        found[at] = moment.astimezone(ZoneInfo(zone)).date().isoformat()
    return found


def reopen(path, zone: str) -> None:
    journal = open_journal(path, create=False, now=FROZEN_NOW, zone=LocalZone(ZoneInfo(zone)))
    assert journal is not None
    journal.close()


def test_days_follow_the_zone_through_every_switch(tmp_path) -> None:
    path = tmp_path / "journal.db"
    fill(path)
    for zone in ZONES:
        reopen(path, zone)
        assert days(path) == expected(zone), zone


def test_a_switch_writes_only_the_records_whose_day_changes(tmp_path) -> None:
    path = tmp_path / "journal.db"
    fill(path)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE day_writes (n INTEGER NOT NULL)")
        db.execute("INSERT INTO day_writes VALUES (0)")
        db.execute(
            "CREATE TRIGGER count_day_writes AFTER UPDATE ON soreness "
            "BEGIN UPDATE day_writes SET n = n + 1; END"
        )
    before = days(path)
    for zone in ("Europe/Paris", "UTC", "Asia/Kolkata"):
        with sqlite3.connect(path) as db:
            db.execute("UPDATE day_writes SET n = 0")
        reopen(path, zone)
        after = days(path)
        changed = sum(before[at] != after[at] for at in MOMENTS)
        assert 0 < changed < len(MOMENTS)
        with sqlite3.connect(path) as db:
            assert db.execute("SELECT n FROM day_writes").fetchone()[0] == changed, zone
        before = after


@pytest.mark.parametrize("name", ["Europe/Paris", "America/New_York", "Australia/Lord_Howe"])
def test_offsets_change_on_the_exact_second(name: str) -> None:
    zone = LocalZone(ZoneInfo(name))
    start = datetime(2025, 1, 1, tzinfo=UTC)
    found = zone.offsets(start, datetime(2027, 1, 1, tzinfo=UTC))
    assert found[0] == (start, zone.offset_at(start))
    assert len(found) == 5  # two changes a year
    for (previous, before), (change, after) in pairwise(found):
        assert before != after and previous < change
        assert zone.offset_at(change - timedelta(seconds=1)) == before
        assert zone.offset_at(change) == after


def test_a_zone_without_changes_has_one_offset() -> None:
    zone = LocalZone(ZoneInfo("Asia/Kolkata"))
    start = datetime(2000, 1, 1, tzinfo=UTC)
    assert zone.offsets(start, datetime(2030, 1, 1, tzinfo=UTC)) == [(start, 19800)]
