"""What the benchmarks share: the day they measure from, journals and CSV files shaped like
real use, timing one command in its own process, and printing the results.

Imports none of the other benchmark modules: run.py and scale_*.py import from it.
"""

from __future__ import annotations

import csv
import random
import resource
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sorelog.domain.parts import PARTS
from sorelog.store import open_journal

AS_OF = date(2026, 11, 20)


# The ten-line reference for export: every soreness row straight to CSV.
PLAIN_CSV = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", newline="") as out:
    writer = csv.writer(out)
    cursor = db.execute("SELECT * FROM soreness ORDER BY at, id")
    writer.writerow([d[0] for d in cursor.description])
    for row in cursor:
        writer.writerow(row)
"""


# Runs the command and writes its own wall time and peak RSS: a child's peak counts the
# pages of the process it was forked from, and this one holds the journals' rows.
LAUNCHER = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as out:
    out.write(f"{elapsed} {peak}")
sys.exit(done.returncode)
"""


def timed(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time (s) and peak RSS (MB) of one run; fails loudly if the command fails.

    Measured by a small launcher process (LAUNCHER), so the peak is the command's own (the
    launcher's few MB at most), not this process's pages copied at fork.
    """
    with tempfile.NamedTemporaryFile(mode="r") as figures:
        done = subprocess.run([sys.executable, "-c", LAUNCHER, figures.name, *args], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
        if done.returncode != 0:
            raise SystemExit(f"failed: {' '.join(args)}: {done.stderr.decode()[-500:]}")
        elapsed, peak = figures.read().split()
    return float(elapsed), int(peak) // 1024


def median_time(args: list[str], env: dict[str, str], runs: int) -> float:
    timed(args, env)  # warm the file cache
    return statistics.median(timed(args, env)[0] for _ in range(runs))


def cpu_time(args: list[str], env: dict[str, str]) -> float:
    """CPU time (user + system, s) of one run; fails loudly if the command fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}: {done.stderr.decode()[-500:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired_cpu_time(
    first: list[str], second: list[str], env: dict[str, str], pairs: int
) -> tuple[float, float, float]:
    """Median CPU time of each command and the median of second / first, over `pairs` runs
    of the two side by side (each in turn going first), so that a change in the machine's
    load between runs moves both sides of a ratio alike."""
    cpu_time(first, env), cpu_time(second, env)  # warm the file cache
    times: list[tuple[float, float]] = []
    for turn in range(pairs):
        if turn % 2:
            b = cpu_time(second, env)
            a = cpu_time(first, env)
        else:
            a = cpu_time(first, env)
            b = cpu_time(second, env)
        times.append((a, b))
    return (
        statistics.median(a for a, _ in times),
        statistics.median(b for _, b in times),
        statistics.median(b / a for a, b in times),
    )


def episodes(rng: random.Random, count: int, first: date, last: date):
    """Soreness entries shaped like real episodes: a few days, falling, gaps between."""
    keys = [(part, side) for part in PARTS for side in (None, "left", "right")]
    made = 0
    span = (last - first).days
    while made < count:
        part, side = rng.choice(keys)
        start = first + timedelta(days=rng.randrange(span))
        peak = rng.randint(3, 9)
        for offset in range(rng.randint(2, 7)):
            day = start + timedelta(days=offset)
            if day > last:
                break
            for hour in (8, 13, 19):
                severity = max(0, peak - offset - rng.randint(0, 1))
                yield day, hour, part, side, severity
                made += 1


def entries(rng: random.Random, count: int, first: date, last: date) -> list[tuple]:
    """`count` soreness rows between two days, ready for INSERT."""
    rows = []
    for day, hour, part, side, severity in episodes(rng, count, first, last):
        at = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
        rows.append((at.strftime("%Y-%m-%dT%H:%M:%S.000000+00:00"), day.isoformat(), part, side,
                     severity, "squats" if severity > 5 else None, ""))  # fmt: skip
        if len(rows) == count:
            break
    return rows


def build_journal(path: Path, rows: list[tuple]) -> None:
    """A journal holding these soreness rows, and workouts twice a week over their span."""
    journal = open_journal(path, create=True, now=datetime.now(UTC))
    assert journal is not None
    db = journal.db
    db.execute("BEGIN")
    start_id = db.execute("SELECT COALESCE(MAX(id), 0) FROM record_ids").fetchone()[0]
    db.executemany("INSERT INTO record_ids (id) VALUES (?)",
                   [(start_id + i + 1,) for i in range(len(rows))])  # fmt: skip
    db.executemany(
        "INSERT INTO soreness (id, at, day, body_part, side, severity, cause, symptoms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(start_id + i + 1, *row) for i, row in enumerate(rows)],
    )
    # Workouts twice a week over the journal's span: the report reads them for origins.
    days = sorted({row[1] for row in rows})
    sessions = []
    if days:
        day, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
        while day <= last:
            at = f"{day.isoformat()}T18:00:00.000000+00:00"
            sessions.append((at, day.isoformat(), "legs", "quadriceps;hamstrings;glutes"))
            day += timedelta(days=3 if day.weekday() == 0 else 4)
    first_id = start_id + len(rows) + 1
    db.executemany("INSERT INTO record_ids (id) VALUES (?)",
                   [(first_id + i,) for i in range(len(sessions))])  # fmt: skip
    db.executemany(
        "INSERT INTO workout (id, at, day, name, parts) VALUES (?, ?, ?, ?, ?)",
        [(first_id + i, *session) for i, session in enumerate(sessions)],
    )
    db.execute("COMMIT")
    journal.close()


def write_csv(path: Path, count: int, rng: random.Random, tens_every: int = 0) -> None:
    """`count` rows in the export's CSV shape, all new records; with `tens_every`, one row
    in that many at 10/10, each of which triage must speak of."""
    header = ["record", "id", "at", "body_part", "side", "severity", "kind", "cause",
              "symptoms", "remedy", "amount", "unit", "effect", "note"]  # fmt: skip
    first = AS_OF - timedelta(days=3650)
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        for i, (day, hour, part, side, severity) in enumerate(episodes(rng, count, first, AS_OF)):
            if i == count:
                break
            at = f"{day.isoformat()}T{hour:02d}:00:00+00:00"
            if tens_every and i % tens_every == 0:
                severity = 10
            out.writerow(["soreness", "", at, part, side or "", severity, "", "squats", "",
                          "", "", "", "", f"entry {i}, with a comma"])  # fmt: skip


def print_rows(rows: list[tuple[str, str, str, bool]]) -> int:
    """One line per measure, ok or MISS first; the exit status: 1 when a target is missed."""
    width = max(len(r[0]) for r in rows)
    measured_width = max(len(r[1]) for r in rows)
    for name, measured, ratio, ok in rows:
        print(f"{'ok  ' if ok else 'MISS'}  {name:<{width}}  {measured:<{measured_width}}  {ratio}")
    return 0 if all(r[3] for r in rows) else 1
