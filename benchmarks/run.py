"""Measure sorelog's performance targets as ratios within one run, and print them.

Targets (see docs/performance.md):
- `sorelog add` at most 1.2x a bare `python -c "import sqlmodel, typer"` in CPU time, the
  median ratio of paired runs;
- `sorelog add` of 4 parts in one command at most 1.1x `sorelog add` of one;
- `sorelog report` on 100,000 entries over ten years at most 1.3x the same report on 100;
- `sorelog import` of 100,000 CSV rows under 5 s and under 200 MB peak memory;
- `--help`, `--version` and completion import no SQLAlchemy, SQLModel or pydantic;
- `add` and `--help` import none of the watch-file decoders (fitdecode, gpxpy, defusedxml).

- `workout import` (benchmarks/scale_workout_import.py): 1,000 activity files and a
  500 MB Apple Health export.xml, each < 60 s and < 200 MB; the same files again < 10 s.

- at 1,000,000 records (benchmarks/scale_*.py): import, time-zone switches, report,
  export and list on SQLite; report, 24 concurrent adds and a killed import on PostgreSQL.

Exits 1 when a target is missed.
Usage: python benchmarks/run.py [--runs N] [--scale N] [--no-postgres] [--no-workouts]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import (
    AS_OF,
    build_journal,
    entries,
    median_time,
    paired_cpu_time,
    print_rows,
    timed,
    write_csv,
)

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic")
DECODERS = ("fitdecode", "gpxpy", "defusedxml")  # the `watch` extra: workout import alone


def heavy_imports(args: list[str], env: dict[str, str], heavy: tuple[str, ...] = HEAVY) -> set[str]:
    """The modules of the `heavy` packages that `sorelog ARGS` imports."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "sorelog", *args],
                            env=env, capture_output=True, text=True)  # fmt: skip
    names = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    return {n for n in names if n.split(".")[0] in heavy}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measure (median)")
    parser.add_argument("--pairs", type=int, default=15,
                        help="paired runs for the CPU-time ratio of add (median)")  # fmt: skip
    parser.add_argument("--entries", type=int, default=100_000, help="entries in the big journal")
    parser.add_argument("--scale", type=int, default=1_000_000,
                        help="records for the scale measures (0 skips them)")  # fmt: skip
    parser.add_argument("--no-postgres", action="store_true",
                        help="skip the PostgreSQL measures (a throw-away cluster)")  # fmt: skip
    parser.add_argument("--no-workouts", action="store_true",
                        help="skip the workout import measures (a few minutes)")  # fmt: skip
    options = parser.parse_args()
    rng = random.Random(20261120)
    work = Path(tempfile.mkdtemp(prefix="sorelog-bench-"))
    sorelog = [sys.executable, "-m", "sorelog"]
    env = {**os.environ, "TZ": "UTC", "SORELOG_CONFIG": str(work / "none.toml")}
    # Installed packages run from cached bytecode; without it an editable checkout is
    # compiled again on every run, which measures the compiler, not sorelog.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    rows: list[tuple[str, str, str, bool]] = []
    try:
        # Like for like: the big journal is the small one (100 entries in the last two
        # months) plus ten years of older entries, so both reports show the same window.
        small, big, dense = work / "small.db", work / "big.db", work / "dense.db"
        recent = entries(rng, 100, AS_OF - timedelta(days=60), AS_OF)
        older = entries(rng, options.entries - 100, AS_OF - timedelta(days=3650),
                        AS_OF - timedelta(days=61))  # fmt: skip
        build_journal(small, recent)
        build_journal(big, recent + older)
        # For information: ten years of entries that also fill the window with ~70 rows.
        build_journal(dense, entries(rng, options.entries, AS_OF - timedelta(days=3650), AS_OF))

        add_env = {**env, "SORELOG_DB": str(work / "add.db")}
        shutil.copy(small, work / "add.db")
        bare = [sys.executable, "-c", "import sqlmodel, typer"]
        add_one = [*sorelog, "add", "quads", "4", "--cause", "bench"]
        bare_cpu, add_cpu, add_ratio = paired_cpu_time(bare, add_one, add_env, options.pairs)
        rows.append((f"add vs import sqlmodel, typer (CPU, {options.pairs} pairs)",
                     f"{add_cpu:.3f} s / {bare_cpu:.3f} s", f"{add_ratio:.2f}x (target <= 1.20x)",
                     add_ratio <= 1.2))  # fmt: skip
        add = median_time(add_one, add_env, options.runs)
        four = median_time([*sorelog, "add", "quads", "4", "hams", "3", "left calf", "2",
                            "shins", "1", "--cause", "bench"], add_env, options.runs)  # fmt: skip
        rows.append(("add of 4 parts vs add of 1", f"{four:.3f} s / {add:.3f} s",
                     f"{four / add:.2f}x (target <= 1.10x)", four / add <= 1.1))  # fmt: skip

        report = [*sorelog, "report", "--as-of", AS_OF.isoformat()]
        t_small = median_time(report, {**env, "SORELOG_DB": str(small)}, options.runs)
        t_big = median_time(report, {**env, "SORELOG_DB": str(big)}, options.runs)
        ratio = t_big / t_small
        rows.append((f"report, {options.entries:,} vs 100 entries",
                     f"{t_big:.3f} s / {t_small:.3f} s",
                     f"{ratio:.2f}x (target <= 1.30x)", ratio <= 1.3))  # fmt: skip
        t_dense = median_time(report, {**env, "SORELOG_DB": str(dense)}, options.runs)
        rows.append((f"report, {options.entries:,} with a full window", f"{t_dense:.3f} s",
                     f"{t_dense / t_small:.2f}x (information: ~70 rows drawn)", True))  # fmt: skip

        # The visit summary of a year of daily entries in four parts (and workouts).
        year = work / "year.db"
        parts = ("quadriceps", "hamstrings", "lower-back", "calves")
        build_journal(year, [
            (datetime(day.year, day.month, day.day, 9, tzinfo=UTC).strftime(
                "%Y-%m-%dT%H:%M:%S.000000+00:00"), day.isoformat(), part, None,
             (n + i) % 8, None, "")
            for n in range(365)
            for i, part in enumerate(parts)
            if (day := AS_OF - timedelta(days=n))
        ])  # fmt: skip
        summary = [*sorelog, "summary", "--days", "365", "--as-of", AS_OF.isoformat(),
                   "-o", str(work / "summary.html")]  # fmt: skip
        t_summary = median_time(summary, {**env, "SORELOG_DB": str(year)}, options.runs)
        rows.append(("summary of a year, four parts", f"{t_summary:.3f} s",
                     "target < 2 s", t_summary < 2))  # fmt: skip

        source = work / "import.csv"
        write_csv(source, options.entries, rng)
        seconds, peak = timed([*sorelog, "import", str(source)],
                              {**env, "SORELOG_DB": str(work / "import.db")})  # fmt: skip
        rows.append((f"import {options.entries:,} CSV rows", f"{seconds:.2f} s, {peak} MB peak",
                     "target < 5 s and < 200 MB", seconds < 5 and peak < 200))  # fmt: skip

        # A million records: import and zone switches, report, export and list (SQLite),
        # then report, concurrent adds and a killed import on PostgreSQL.
        if options.scale:
            from scale_postgres import measure as postgres_measures
            from scale_postgres import server
            from scale_sqlite_import import measure as import_measures
            from scale_sqlite_report import measure as report_measures

            rows += import_measures(work, env, sorelog, options.scale)
            rows += report_measures(work, env, sorelog, options.scale)
            if not options.no_postgres:
                with server() as admin:
                    rows += postgres_measures(admin, env, sorelog, options.scale, options.runs)

        # A thousand watch files and a 500 MB Apple Health export.
        if not options.no_workouts:
            from scale_workout_import import measure as workout_measures

            rows += workout_measures(work, env, sorelog)

        light_env = {**env, "SORELOG_DB": str(big)}
        completion = {**light_env, "_SORELOG_COMPLETE": "complete_bash",
                      "COMP_WORDS": "sorelog add ham", "COMP_CWORD": "2"}  # fmt: skip
        heavy = (heavy_imports(["--help"], light_env) | heavy_imports(["--version"], light_env)
                 | heavy_imports([], completion))  # fmt: skip
        rows.append(("--help, --version, completion", "heavy imports: " + (
            ", ".join(sorted(heavy)) or "none"), "target: none", not heavy))  # fmt: skip
        decoders = (heavy_imports(["--help"], light_env, DECODERS)
                    | heavy_imports(add_one[len(sorelog) :], add_env, DECODERS))  # fmt: skip
        rows.append(("--help, add", "watch decoders: " + (", ".join(sorted(decoders)) or "none"),
                     "target: none", not decoders))  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)

    return print_rows(rows)


if __name__ == "__main__":
    sys.exit(main())
