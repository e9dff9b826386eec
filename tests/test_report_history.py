"""A report whose episodes, stretches and remedy runs reach years back: reading the history
in widening slices gives exactly the report of one straightforward read of everything."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from sorelog.domain.settings import Config
from sorelog.services import report_history as service
from sorelog.services.report import build_report
from sorelog.store import Journal, open_journal
from sorelog.store import reads as queries

AS_OF = date(2026, 11, 20)
FIRST = AS_OF - timedelta(days=4 * 365)
PARTS = ("quadriceps", "calves", "lower-back")


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


@pytest.fixture
def diary(tmp_path: Path) -> Iterator[Journal]:
    """Four years of soreness never more than a few weeks apart (one stretch, so the report
    reads back to the first day), workouts, and a remedy taken every day for two years."""
    rng = random.Random(20261120)
    now = datetime(2026, 11, 25, tzinfo=UTC)
    journal = open_journal(tmp_path / "long.db", create=True, now=now)
    assert journal is not None
    db = journal.db
    soreness, remedies, workouts = [], [], []
    for day in _days(FIRST, AS_OF):
        for part in PARTS:
            if rng.random() < 0.3:
                for hour in (8, 19):
                    side = rng.choice((None, "left", "right"))
                    severity = rng.choice((0, 1, 3, 5, 7, 9))
                    at = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
                    soreness.append((at.isoformat(), day.isoformat(), part, side, severity))
        if day >= AS_OF - timedelta(days=730):
            remedies.append((f"{day.isoformat()}T09:00:00+00:00", day.isoformat(), "ibuprofen"))
        if day.weekday() in (0, 3):
            workouts.append((f"{day.isoformat()}T18:00:00+00:00", day.isoformat()))
    count = len(soreness) + len(remedies) + len(workouts)
    db.execute("BEGIN")
    db.executemany("INSERT INTO record_ids (id) VALUES (?)", [(i + 1,) for i in range(count)])
    ids = iter(range(1, count + 1))
    db.executemany(
        "INSERT INTO soreness (id, at, day, body_part, side, severity) VALUES (?, ?, ?, ?, ?, ?)",
        [(next(ids), *row) for row in soreness],
    )
    db.executemany(
        "INSERT INTO remedy_use (id, at, day, remedy, amount, unit, base_amount, base_unit) "
        "VALUES (?, ?, ?, ?, 400, 'mg', 400, 'mg')",
        [(next(ids), *row) for row in remedies],
    )
    db.executemany(
        "INSERT INTO workout (id, at, day, name, parts) VALUES (?, ?, ?, 'legs', 'quadriceps')",
        [(next(ids), *row) for row in workouts],
    )
    db.execute("COMMIT")
    yield journal
    journal.close()


def _read_everything(
    read: Callable[[date, date], Any],
    join: Callable[[Any, Any], Any],
    since: date,
    as_of: date,
    first_day: date | None,
    incomplete: Callable[[Any, date], bool],
) -> tuple[Any, date]:
    start = min(since, first_day or since)
    return read(start, as_of), start


@pytest.mark.parametrize("part", [None, "quadriceps"])
def test_long_look_back_equals_one_read_of_everything(
    diary: Journal, monkeypatch: pytest.MonkeyPatch, part: str | None
) -> None:
    config = Config()
    widening = build_report(diary, AS_OF, 28, part, config)  # keeps chronic checkpoints
    assert build_report(diary, AS_OF, 28, part, config) == widening  # reads from them
    diary.db.execute("DELETE FROM chronic_checkpoint")
    monkeypatch.setattr(service, "_read_back", _read_everything)
    assert widening == build_report(diary, AS_OF, 28, part, config)
    assert widening.remedies  # the remedy's run is two years long
    if part is None:  # and the calves' stretch four years
        assert any(flag.code == "chronic" for flag in widening.flags)


def test_each_widening_reads_only_days_not_read_yet(
    diary: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    spans: dict[str, list[tuple[date, date]]] = {"series": [], "remedies": []}

    def spying(name: str, read: Callable[..., Any]) -> Callable[..., Any]:
        def spy(journal: Journal, start: date, end: date, *rest: Any) -> Any:
            spans[name].append((start, end))
            return read(journal, start, end, *rest)

        return spy

    monkeypatch.setattr(queries, "daily_series", spying("series", queries.daily_series))
    monkeypatch.setattr(queries, "remedy_days", spying("remedies", queries.remedy_days))
    build_report(diary, AS_OF, 28, None, Config())
    for name, read in spans.items():
        assert len(read) > 2, name  # it did widen, several times
        ordered = sorted(read)
        assert ordered[-1][1] == AS_OF
        assert all(a[1] + timedelta(days=1) == b[0] for a, b in pairwise(ordered)), name
