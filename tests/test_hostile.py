"""Defects found by a hostile pass: each test failed before its fix.

Races and crashes are tested with real processes, at the level where they happen.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def sorelog(*args: str, db: Path, **extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SORELOG_DB": str(db), **extra}
    return subprocess.Popen(
        [sys.executable, "-m", "sorelog", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


# -- units: checked and written in one transaction ---------------------------------------


# sorelog's own entry point, with the unit check slowed down: every run checks while the
# others are still checking, so a check made outside the write's transaction lets two units in.
SLOW_CHECK = (
    "import sys, time; import sorelog.store.writes as w; check = w.check_unit\n"
    "def slow(*a, **k):\n    check(*a, **k); time.sleep(1.0)\n"
    "w.check_unit = slow\nfrom sorelog.cli import main; sys.argv[0] = 'sorelog'; main()"
)


@pytest.mark.slow
def test_parallel_remedy_adds_never_store_units_that_cannot_be_added(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    env = {**os.environ, "SORELOG_DB": str(db), "SORELOG_BUSY_TIMEOUT": "120"}
    doses = ["2tablets" if i % 2 else "30mg" for i in range(8)]
    command = [sys.executable, "-c", SLOW_CHECK, "remedy", "add", "pain pills"]
    runs = [
        subprocess.Popen(
            [*command, "--dose", dose, "--at", "2026-11-20"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for dose in doses
    ]
    results = [(run.wait(timeout=120), run.stderr.read().decode()) for run in runs]
    with sqlite3.connect(db) as check:
        units = {unit for (unit,) in check.execute("SELECT DISTINCT unit FROM remedy_use")}
    assert len(units) == 1, units  # one unit family: every stored dose can be added up
    landed = [status for status, _ in results if status == 0]
    refused = [err for status, err in results if status != 0]
    assert len(landed) == 4 and len(refused) == 4, results
    assert all(err.startswith("sorelog: pain pills is logged in") for err in refused), refused


def test_a_journal_holding_mixed_units_keeps_them_apart_and_checks_the_limit(journal) -> None:
    # As an older sorelog could leave it: mg and tablets for one remedy on the same day.
    journal.ok("remedy", "add", "pain pills", "--dose", "120mg", "--at", "2026-11-20T08:00")
    journal.ok("remedy", "add", "pain pills", "--dose", "120mg", "--at", "2026-11-20T12:00")
    with sqlite3.connect(journal.path) as db:
        db.execute("INSERT INTO record_ids (id) VALUES (3)")
        db.execute(
            "INSERT INTO remedy_use (id, at, day, remedy, amount, unit, base_amount, base_unit) "
            "VALUES (3, '2026-11-21T09:00:00.000000+00:00', '2026-11-21', 'pain pills', "
            "2, 'tablets', 2, 'tablets')"
        )
        db.execute(
            "INSERT INTO remedy_limit (remedy, max_daily_amount, max_daily_unit) "
            "VALUES ('pain pills', 60, 'mg')"
        )
    doc = journal.json("report", "--as-of", "2026-11-21")
    (remedy,) = doc["remedies"]
    assert remedy["total"] is None  # no single amount: tablets are not added to mg
    assert remedy["totals"] == [{"amount": 240, "unit": "mg"}, {"amount": 2, "unit": "tablets"}]
    assert remedy["days_used"] == 2
    (flag,) = [f for f in doc["flags"] if f["code"] == "remedy_limit"]
    assert flag["level"] == "follow_up"
    assert "240 mg on 2026-11-20" in flag["message"]
    assert "tablets on 1 day since 2026-11-21 cannot be compared" in flag["message"]
    table = journal.ok("report", "--as-of", "2026-11-21")
    assert "240 mg + 2 tablets" in table
