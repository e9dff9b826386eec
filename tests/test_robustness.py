"""Real processes against one journal: concurrency, crashes, broken storage, hostile text."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ESCAPES = ("\x1b", "\x07", "\x9b", "\u202e")
HOSTILE = "[bold red]x[/] \x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b]8;;http://x\x1b\\link\u202e!"


def sorelog(db: Path, *args: str, env: dict[str, str] | None = None, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "sorelog", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        **kwargs,
    )


def count(db: Path, table: str = "soreness") -> int:
    with sqlite3.connect(db) as check:
        return check.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as check:
        return check.execute("PRAGMA integrity_check").fetchone()[0]


# -- concurrency ----------------------------------------------------------------


def test_many_writers_at_once_all_land(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert sorelog(db, "add", "quads", "1").returncode == 0
    commands = [
        ["add", "calf", "3", "--note", f"writer {i}"] if i % 3 else
        ["remedy", "add", "ibuprofen", "--dose", "200mg"]
        for i in range(16)
    ]  # fmt: skip
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "sorelog", "--db", str(db), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for args in commands
    ]
    outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    assert outcomes == [(0, b"")] * 16
    assert count(db) == 1 + sum(1 for c in commands if c[0] == "add")
    assert count(db, "remedy_use") == sum(1 for c in commands if c[0] == "remedy")
    ids = [json.loads(sorelog(db, "list", "--json").stdout)["records"][i]["id"] for i in range(17)]
    assert len(set(ids)) == 17


# -- crash safety -----------------------------------------------------------------


def big_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["record", "id", "at", "body_part", "side", "severity", "kind", "cause",
                      "symptoms", "remedy", "amount", "unit", "effect", "note"])  # fmt: skip
        for i in range(rows):
            day = f"2026-{1 + i % 10:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00+00:00"
            out.writerow(["soreness", "", day, "quads", "", i % 11, "", "", "", "", "", "", "",
                          f"row {i}"])  # fmt: skip


@pytest.mark.parametrize("kill_after", [0.15, 0.5, 0.9, 1.4, 2.0])
def test_import_killed_at_any_moment_leaves_all_or_nothing(tmp_path: Path, kill_after) -> None:
    db, source = tmp_path / "journal.db", tmp_path / "big.csv"
    assert sorelog(db, "add", "calf", "2").returncode == 0
    big_csv(source, 30_000)
    command = [sys.executable, "-m", "sorelog", "--db", str(db), "import", str(source)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert integrity(db) == "ok"
    assert count(db) in (1, 1 + 30_000)
    # the journal still works, and a second import completes it exactly
    assert sorelog(db, "import", str(source)).returncode == 0
    assert count(db) == 1 + 30_000
    assert sorelog(db, "add", "calf", "1").returncode == 0


# -- broken storage ---------------------------------------------------------------------


def make_read_only(path: Path) -> None:
    """chmod for ordinary users; root ignores modes, so use the immutable attribute."""
    if os.geteuid() != 0:
        path.chmod(0o555 if path.is_dir() else 0o444)
        return
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(path)]).returncode:
        pytest.skip("cannot make a file read-only for root here")


def undo_read_only(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], check=False)
    path.chmod(0o700 if path.is_dir() else 0o600)


def test_read_only_journal_file(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert sorelog(db, "add", "quads", "3").returncode == 0
    before = db.read_bytes()
    make_read_only(db)
    try:
        result = sorelog(db, "add", "quads", "4")
        assert result.returncode == 1
        assert result.stderr.startswith("sorelog: ") and "read-only" in result.stderr
        assert len(result.stderr.splitlines()) == 1
        assert db.read_bytes() == before
        report = sorelog(db, "report", "--json")  # reading still works
        assert report.returncode == 0, report.stderr
        assert json.loads(report.stdout)["parts"][0]["latest"] == 3
    finally:
        undo_read_only(db)


def test_read_only_directory_for_a_new_journal(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    make_read_only(folder)
    try:
        result = sorelog(folder / "journal.db", "add", "quads", "4")
        assert result.returncode == 1
        assert result.stderr.startswith("sorelog: cannot create journal")
        assert len(result.stderr.splitlines()) == 1
        assert list(folder.iterdir()) == []
    finally:
        undo_read_only(folder)


def test_journal_locked_by_a_long_writer(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert sorelog(db, "add", "quads", "3").returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time; db = sqlite3.connect(sys.argv[1], isolation_level=None);"
         "db.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(30)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = sorelog(db, "add", "quads", "4", env={"SORELOG_BUSY_TIMEOUT": "0.3"})
        assert result.returncode == 1
        assert "locked by another program" in result.stderr
        assert len(result.stderr.splitlines()) == 1
    finally:
        holder.kill()
        holder.wait()
    assert count(db) == 1


# -- terminal safety ----------------------------------------------------------------------


def test_hostile_text_prints_literally_everywhere(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    for args in (
        ["add", "quads", "5", "--cause", HOSTILE, "--note", HOSTILE, "--symptom", "swelling"],
        ["remedy", "add", "ibuprofen" + HOSTILE[:20], "--dose", "5 ml", "--note", HOSTILE],
        ["side-effect", "nausea", "--remedy", HOSTILE[:30], "--note", HOSTILE],
    ):
        result = sorelog(db, *args)
        assert result.returncode in (0, 2), result.stderr
        assert not any(e in result.stdout + result.stderr for e in ESCAPES)
    assert sorelog(db, "add", "calf", "3", "--note", HOSTILE).returncode == 0
    # (export to a pipe is the exact data, escapes included: round trips test that)
    for args in (["report"], ["list"], ["remedy", "list"], ["config", "show"], ["parts"]):
        result = sorelog(db, *args, env={"COLUMNS": "200", "FORCE_COLOR": "1"})
        assert result.returncode == 0, (args, result.stderr)
        shown = result.stdout
        # colour codes from Rich itself are fine; none may come from the journal's text
        shown = shown.replace("\x1b[", "")
        assert not any(e in shown for e in ("\x07", "\x9b", "\u202e", "\x1b]")), args
    listed = sorelog(db, "list", env={"COLUMNS": "300"}).stdout
    assert "[bold red]x[/]" in listed
    for args in (["report", "--json"], ["list", "--json"], ["remedy", "list", "--json"],
                 ["parts", "--json"], ["config", "show", "--json"]):  # fmt: skip
        document = json.loads(sorelog(db, *args).stdout)
        assert document
    notes = [r["note"] for r in json.loads(sorelog(db, "list", "--json").stdout)["records"]]
    assert HOSTILE.strip() in notes  # stored exactly as typed; only the display is escaped
