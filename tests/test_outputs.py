"""`-o` never replaces what it must not: the journal and the files SQLite keeps beside it,
by any name, and streams (a FIFO, a device, /dev/stdout), which are written to instead.
Real processes and real files: the defects these guard against only show there."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import assert_refused

pytestmark = pytest.mark.sqlite_only  # the journal's own files

SORELOG = str(Path(sys.executable).with_name("sorelog"))


def five_adds(journal) -> None:
    for severity in range(1, 6):
        journal.ok("add", "quads", str(severity), "--at", f"2026-11-2{severity}")


@pytest.mark.parametrize("side", ["", "-wal", "-shm", "-journal"])
@pytest.mark.parametrize("command", [["export"], ["export", "--format", "csv"], ["summary"]])
def test_the_journal_and_its_side_files_are_refused(journal, side, command) -> None:
    five_adds(journal)
    target = Path(f"{journal.path}{side}")
    before = target.read_bytes() if target.exists() else None
    assert_refused(journal.run(*command, "-o", str(target)), 2, "file SQLite keeps beside it")
    assert (target.read_bytes() if target.exists() else None) == before


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_other_names_for_the_journal_are_refused(journal, tmp_path, link) -> None:
    five_adds(journal)
    other = tmp_path / "other-name.json"
    if link == "symlink":
        other.symlink_to(f"{journal.path}-wal")
    else:
        os.link(journal.path, other)
    assert_refused(journal.run("export", "-o", str(other)), 2, "file SQLite keeps beside it")
    assert_refused(journal.run("summary", "-o", str(other)), 2, "file SQLite keeps beside it")


@pytest.mark.slow
def test_an_export_to_the_wal_name_loses_nothing_after_a_crash(journal, tmp_path) -> None:
    """Five adds in WAL mode, an export aimed at the journal's -wal, then the writer is
    killed before it could checkpoint: every row must still be there."""
    five_adds(journal)
    env = {**os.environ, "SORELOG_DB": str(journal.path)}
    done = subprocess.run(
        [SORELOG, "export", "-o", f"{journal.path}-wal"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 2
    crash = (
        "import sqlite3, os, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('BEGIN IMMEDIATE'); os.kill(os.getpid(), 9)"
    )  # a writer that dies mid-way: no clean checkpoint
    holder = subprocess.Popen([sys.executable, "-c", crash, str(journal.path)])
    holder.wait()
    with sqlite3.connect(journal.path) as db:
        assert db.execute("SELECT COUNT(*) FROM soreness").fetchone()[0] == 5
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_fifo_is_written_to_not_replaced(journal, tmp_path) -> None:
    five_adds(journal)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = journal.run("export", "--format", "csv", "-o", str(fifo))
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and got[0].decode().count("\nsoreness,") == 5
    assert "Exported 5 records" in result.stderr and result.stdout == ""


@pytest.mark.slow
def test_process_substitution_and_dev_stdout_are_written_to(journal, tmp_path) -> None:
    five_adds(journal)
    env = {**os.environ, "SORELOG_DB": str(journal.path)}
    out = tmp_path / "x.csv.gz"
    script = f'"{SORELOG}" export --format csv -o >(gzip > "{out}"); wait'
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for _ in range(50):  # the gzip child may still be finishing
        if out.exists() and out.stat().st_size > 20:
            break
        threading.Event().wait(0.1)
    unzipped = subprocess.run(["gzip", "-dc", str(out)], capture_output=True, text=True)
    assert unzipped.stdout.count("\nsoreness,") == 5
    page = subprocess.run(
        [SORELOG, "summary", "-o", "/dev/stdout"], env=env, capture_output=True, text=True
    )
    assert page.returncode == 0 and page.stdout.startswith("<!DOCTYPE html>")
    assert "Wrote the summary" in page.stderr


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A character device to write to: a null device of the test's own when it may make
    one (as root, where a regression would otherwise replace the machine's /dev/null)."""
    if os.geteuid() == 0:
        node = tmp_path / "null"
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        node.chmod(0o666)  # mknod honours the umask
        return node
    return Path("/dev/null")  # not root: /dev is not ours to replace anyway


def test_a_device_stays_a_device(journal, device) -> None:
    five_adds(journal)
    before = os.stat(device)
    for command in (["summary"], ["export"]):
        result = journal.run(*command, "-o", str(device))
        assert result.exit_code == 0, result.stderr
        after = os.stat(device)
        assert stat.S_ISCHR(after.st_mode)
        assert (after.st_ino, stat.S_IMODE(after.st_mode)) == (before.st_ino, 0o666)


def test_a_regular_file_is_still_replaced_in_one_step_and_private(journal, tmp_path) -> None:
    five_adds(journal)
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o644)
    journal.ok("export", "-o", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("{")
