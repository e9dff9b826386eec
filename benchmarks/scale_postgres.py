"""PostgreSQL measures: report on 1,000,000 entries against their 1,000 recent ones,
concurrent adds, and an import killed midway.

Needs a server: SORELOG_BENCH_PG_ADMIN (an admin URL), else a throw-away cluster started
with .ci/postgres (PostgreSQL installed). Usage:
    python benchmarks/scale_postgres.py [--count 1000000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import AS_OF, entries, median_time, print_rows, timed, write_csv

from sorelog.store.opening_postgres import setup_postgres

ROOT = Path(__file__).resolve().parent.parent
ROLE, OWNER = "sorelog_bench", "sorelog_bench_owner"
PASSWORD = "bench-" + secrets.token_hex(8)
Row = tuple[str, str, str, bool]


@contextmanager
def server() -> Iterator[str]:
    """An admin URL: the one given, or a throw-away cluster's for the length of the run."""
    given = os.environ.get("SORELOG_BENCH_PG_ADMIN")
    if given:
        yield given
        return
    directory = Path(tempfile.mkdtemp(prefix="sorelog-bench-pg-"))
    directory.chmod(0o755)
    script = str(ROOT / ".ci" / "postgres")
    url = subprocess.run(["bash", script, "start", str(directory)], check=True,
                         capture_output=True, text=True).stdout.strip()  # fmt: skip
    try:
        yield url
    finally:
        subprocess.run(["bash", script, "stop", str(directory)], check=False)


def database(admin: str, name: str) -> str:
    """A fresh database `name` with sorelog's tables, set up by an owner role that keeps no
    journal; the URL of the role that keeps one there."""
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
        for role in (ROLE, OWNER):
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                conn.execute(f"CREATE ROLE {role} LOGIN")
            conn.execute(f"ALTER ROLE {role} PASSWORD '{PASSWORD}'")
    base = psycopg.conninfo.conninfo_to_dict(admin)
    with psycopg.connect(admin.rsplit("/", 1)[0] + f"/{name}", autocommit=True) as conn:
        conn.execute(f"GRANT CREATE ON SCHEMA public TO {OWNER}")
    where = f"{base['host']}:{base['port']}/{name}"
    setup_postgres(f"postgresql://{OWNER}:{PASSWORD}@{where}", datetime.now(UTC))
    return f"postgresql://{ROLE}:{PASSWORD}@{where}"


def fill(url: str, rows: list[tuple]) -> None:
    """The rows, inserted as the role that keeps the journal."""
    with psycopg.connect(url, autocommit=True) as conn:
        start = conn.execute("SELECT COALESCE(MAX(id), 0) FROM record_ids").fetchone()[0]
        conn.execute(
            "INSERT INTO record_ids (id) SELECT generate_series(%s::bigint, %s::bigint)",
            (start + 1, start + len(rows)),
        )
        # COPY is refused under row-level security: arrays, 50,000 rows a statement.
        insert = (
            "INSERT INTO soreness (id, at, day, body_part, side, severity, cause, symptoms) "
            "SELECT * FROM unnest(%s::bigint[], %s::timestamptz[], %s::date[], %s::text[], "
            "%s::text[], %s::int[], %s::text[], %s::text[])"
        )
        for low in range(0, len(rows), 50_000):
            chunk = rows[low : low + 50_000]
            ids = list(range(start + 1 + low, start + 1 + low + len(chunk)))
            conn.execute(insert, [ids, *(list(column) for column in zip(*chunk, strict=True))])
        conn.execute("ANALYZE soreness")


def count_rows(url: str, table: str = "soreness") -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _wait_for_inserts(admin: str, name: str, proc: subprocess.Popen[bytes]) -> bool:
    """Wait until the import is inserting rows (the server says so); False if it ended."""
    url = admin.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(url, autocommit=True) as conn:
        while proc.poll() is None:
            active = conn.execute(
                "SELECT 1 FROM pg_stat_activity WHERE datname = %s AND query LIKE 'INSERT%%'",
                (name,),
            ).fetchone()
            if active:
                return True
            time.sleep(0.05)
    return False


def measure(
    admin: str, env: dict[str, str], sorelog: list[str], count: int, runs: int
) -> list[Row]:
    rows: list[Row] = []
    rng = random.Random(20261126)
    first = AS_OF - timedelta(days=3650)
    small, big = database(admin, "bench_small"), database(admin, "bench_big")
    # As scale_sqlite_report.py: the same 1,000 entries of the last four weeks in both, the
    # big journal with dense older ones before them (its rollup kept by the triggers as
    # they were inserted). The first report on it, then both in turns, by CPU time; the
    # server's own work shows in the wall time.
    recent = entries(rng, 1000, AS_OF - timedelta(days=27), AS_OF)
    fill(small, recent)
    fill(big, recent + entries(rng, count - 1000, first, AS_OF - timedelta(days=28)))
    from scale_sqlite_report import cpu_time, paired_cpu

    report = [*sorelog, "report", "--as-of", AS_OF.isoformat()]
    cpu_first, _ = cpu_time(report, {**env, "SORELOG_DB": big})
    cpu_small, cpu_big = paired_cpu(report, env, small, big, runs)
    t_small = median_time(report, {**env, "SORELOG_DB": small}, runs)
    t_big = median_time(report, {**env, "SORELOG_DB": big}, runs)
    _, peak = timed(report, {**env, "SORELOG_DB": big})
    rows.append((f"PostgreSQL report, 1,000 recent + {count - 1000:,} older vs the 1,000 (CPU)",
                 f"{cpu_big:.3f} s / {cpu_small:.3f} s",
                 f"{cpu_big / cpu_small:.2f}x (target <= 1.50x)",
                 cpu_big / cpu_small <= 1.5))  # fmt: skip
    rows.append(("PostgreSQL report, the same, wall time",
                 f"{t_big:.3f} s / {t_small:.3f} s, {peak} MB peak",
                 f"{t_big / t_small:.2f}x (information)", True))  # fmt: skip
    rows.append((f"PostgreSQL first report on {count:,}", f"{cpu_first:.2f} CPU-s",
                 "target < 10 CPU-s", cpu_first < 10))  # fmt: skip

    adds = database(admin, "bench_adds")
    runs_at_once = [
        subprocess.Popen(
            [*sorelog, "--db", adds, "add", "quads", str(n % 11)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(24)
    ]
    failed = sum(1 for proc in runs_at_once if proc.wait() != 0)
    landed = count_rows(adds)
    rows.append(("PostgreSQL: 24 concurrent adds", f"{landed} landed, {failed} failed",
                 "target: all 24", landed == 24 and failed == 0))  # fmt: skip

    killed = database(admin, "bench_killed")
    source = Path(tempfile.mkdtemp()) / "import.csv"
    write_csv(source, 200_000, rng)
    proc = subprocess.Popen([*sorelog, "--db", killed, "import", str(source)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    writing = _wait_for_inserts(admin, "bench_killed", proc)
    time.sleep(0.3)  # well into the writing
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(0.5)  # the server notices the closed connection and rolls back
    found = count_rows(killed)
    rows.append(("PostgreSQL: import of 200,000 killed while writing",
                 f"{found:,} rows after" + ("" if writing else " (killed before writing)"),
                 "target: none or all", writing and found in (0, 200_000)))  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    env = {**os.environ, "TZ": "UTC", "SORELOG_CONFIG": "/nonexistent/sorelog.toml"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with server() as admin:
        rows = measure(admin, env, [sys.executable, "-m", "sorelog"], options.count, options.runs)
    return print_rows(rows)


if __name__ == "__main__":
    sys.exit(main())
