"""Measure import and time-zone switches at scale on SQLite, and print them.

Targets (SPEC "Performance"): `sorelog import` of 1,000,000 CSV rows < 40 s and < 250 MB
peak. A change of time zone rewrites only the records whose day changes, so alternating
zones costs about one scan of the journal: measured against a report with no switch.

Usage: python benchmarks/scale_sqlite_import.py [--count N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import AS_OF, build_journal, entries, print_rows, timed, write_csv

Row = tuple[str, str, str, bool]


def measure(work: Path, env: dict[str, str], sorelog: list[str], count: int) -> list[Row]:
    """Rows of (name, measured, ratio or target, ok) for an import of `count` CSV rows and a
    time-zone switch on a journal of `count` records."""
    rng = random.Random(20261120)
    rows: list[Row] = []

    source = work / "scale-import.csv"
    write_csv(source, count, rng)
    target = work / "scale-import.db"
    seconds, peak = timed([*sorelog, "import", str(source)], {**env, "SORELOG_DB": str(target)})
    ok = seconds < 40 and peak < 250
    rows.append((f"import {count:,} CSV rows", f"{seconds:.2f} s, {peak} MB peak",
                 "target < 40 s and < 250 MB", ok))  # fmt: skip
    source.unlink()
    target.unlink()

    # The same, with one row in eleven at 10/10: every one is read back for triage, and
    # no statement may grow with them (SQLite allows 32,766 parameters in one).
    write_csv(source, count, rng, tens_every=11)
    seconds, peak = timed([*sorelog, "import", str(source)], {**env, "SORELOG_DB": str(target)})
    ok = seconds < 40 and peak < 250
    rows.append((f"import {count:,} CSV rows, 1 in 11 at 10/10", f"{seconds:.2f} s, {peak} MB peak",
                 "target < 40 s and < 250 MB", ok))  # fmt: skip
    source.unlink()
    target.unlink()

    journal = work / "scale-zones.db"
    build_journal(journal, entries(rng, count, AS_OF - timedelta(days=3650), AS_OF))
    report = [*sorelog, "report", "--as-of", AS_OF.isoformat()]
    base = {**env, "SORELOG_DB": str(journal), "TZ": "UTC"}
    timed(report, base)  # days set in UTC, and the file cache warm
    still, still_peak = timed(report, base)
    paris, paris_peak = timed(report, {**base, "TZ": "Europe/Paris"})
    back, back_peak = timed(report, base)
    switch = max(paris, back)
    rows.append((f"report, {count:,} records, same zone", f"{still:.2f} s, {still_peak} MB peak",
                 "information", True))  # fmt: skip
    rows.append((f"report, {count:,} records, UTC -> Paris -> UTC",
                 f"{paris:.2f} s / {back:.2f} s, {max(paris_peak, back_peak)} MB peak",
                 f"{switch / still:.2f}x the same zone (information)", True))  # fmt: skip
    with sqlite3.connect(journal) as db:
        changed = db.execute(
            "SELECT count(*) FROM soreness WHERE day != substr(at, 1, 10)"
        ).fetchone()[0]
    rows.append(("days left as UTC's after switching back", str(changed), "target 0",
                 changed == 0))  # fmt: skip
    journal.unlink()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="CSV rows and records")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sorelog-scale-"))
    env = {**os.environ, "TZ": "UTC", "SORELOG_CONFIG": str(work / "none.toml")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as run.py: measure sorelog, not the compiler
    try:
        rows = measure(work, env, [sys.executable, "-m", "sorelog"], options.count)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return print_rows(rows)


if __name__ == "__main__":
    sys.exit(main())
