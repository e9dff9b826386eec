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

from conftest import assert_refused


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


# -- restored backups, crashes, odd and damaged files --------------------------------------

CRASH_MID_WRITE = """
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA cache_size = 1")  # spill pages, so the -journal holds the old ones
db.execute("BEGIN IMMEDIATE")
for i in range(2000):
    db.execute("INSERT INTO sorelog_meta (key, value) VALUES (?, ?)", (f"k{i}", "x" * 500))
os._exit(9)  # killed mid-write: no commit, no rollback
"""


def restored_after_a_crash(journal) -> Path:
    """A journal copied back from a backup (rollback mode), then a write killed midway."""
    journal.ok("add", "quads", "5", "--at", "2026-11-20")
    backup = journal.path.parent / "restore-me.db"
    journal.ok("backup", str(backup))
    for side in ("-wal", "-shm"):
        Path(f"{journal.path}{side}").unlink(missing_ok=True)
    journal.path.write_bytes(backup.read_bytes())
    crash = subprocess.run([sys.executable, "-c", CRASH_MID_WRITE, str(journal.path)])
    assert crash.returncode == 9
    hot = Path(f"{journal.path}-journal")
    assert hot.exists() and hot.stat().st_size > 0
    return hot


@pytest.mark.slow
def test_a_restored_journal_after_a_crash_opens_and_returns_to_wal(journal) -> None:
    hot = restored_after_a_crash(journal)
    for command in (["report", "--json"], ["list", "--json"], ["export"]):
        journal.ok(*command)
    assert journal.json("report", "--as-of", "2026-11-20")["parts"][0]["latest"] == 5
    journal.ok("add", "quads", "3", "--at", "2026-11-21")
    assert not hot.exists()
    with sqlite3.connect(journal.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert (
            db.execute("SELECT COUNT(*) FROM sorelog_meta WHERE key LIKE 'k%'").fetchone()[0] == 0
        )


@pytest.mark.parametrize("side", ["-journal", "-wal", "-shm"])
def test_backup_refuses_a_journals_side_file_as_its_target(journal, side: str) -> None:
    journal.ok("add", "quads", "5")
    target = f"{journal.path}{side}"
    assert_refused(journal.run("backup", target), 2, "give the backup another name")
    assert not Path(target).exists() or side != "-journal"


def test_two_backups_in_one_second_both_land(journal, frozen_clock) -> None:
    journal.ok("add", "quads", "5")
    frozen_clock.move_to("2026-11-25T16:00:00+00:00", tick=False)
    first = Path(journal.ok("backup").strip())
    second = Path(journal.ok("backup").strip())
    assert first.name == "sorelog-backup-20261125-160000.db"
    assert second.name == "sorelog-backup-20261125-160000-2.db"


@pytest.mark.slow
@pytest.mark.parametrize("odd", ["fifo", "devnull", "loop", "dangling"])
def test_a_journal_path_that_is_not_a_regular_file_is_refused_at_once(tmp_path, odd) -> None:
    path = tmp_path / "journal.db"
    if odd == "fifo":
        os.mkfifo(path)
    elif odd == "devnull":
        path = Path("/dev/null")
    elif odd == "loop":
        path.symlink_to(tmp_path / "other.db")
        (tmp_path / "other.db").symlink_to(path)
    else:
        path.symlink_to(tmp_path / "missing" / "journal.db")
    for command in (["report"], ["add", "quads", "4"], ["list"], ["backup"]):
        run = sorelog(*command, db=path)
        status, err = run.wait(timeout=30), run.stderr.read().decode()
        assert status == 1, (command, err)
        assert err.startswith(f"sorelog: journal path {path} is") and err.count("\n") == 1, err
    assert not (tmp_path / "missing").exists()


def cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def filled(journal, days: int = 40) -> None:
    for day in range(1, days + 1):
        journal.ok(
            "add",
            "quads",
            str(day % 10),
            "--note",
            "x" * 3000,
            "--at",
            f"2026-10-{day % 28 + 1:02d}",
        )
    journal.ok("report")  # the last run checkpoints: everything is in the file itself


def test_a_journal_cut_short_is_called_damaged_and_the_backup_named(journal) -> None:
    filled(journal)
    backup = Path(journal.ok("backup").strip())
    cut_in_half(journal.path)
    result = journal.run("report")
    assert_refused(result, 1, "is damaged")
    assert str(backup) in result.stderr


def test_a_corrupt_page_is_called_damaged(journal) -> None:
    filled(journal)
    data = bytearray(journal.path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 3 : page * 4] = b"\xff" * page  # a page in the middle of the soreness table
    journal.path.write_bytes(bytes(data))
    result = journal.run("list", "--days", "400")
    assert_refused(result, 1, "is damaged")
    assert "no backup was found beside it" in result.stderr


def test_backup_of_a_damaged_journal_writes_nothing(journal) -> None:
    filled(journal)
    data = bytearray(journal.path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 3 : page * 4] = b"\xff" * page
    journal.path.write_bytes(bytes(data))
    assert_refused(journal.run("backup"), 1, "is damaged")
    assert [
        p.name for p in journal.path.parent.iterdir() if not p.name.startswith("sorelog.db")
    ] == []


def make_immutable(*paths: Path) -> None:
    """A read-only mount, as far as sorelog can tell: nothing can be written or created."""
    if os.geteuid() != 0:
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        return
    subprocess.run(["chattr", "+i", *map(str, paths)], check=True)


def undo_immutable(*paths: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=False)


@pytest.mark.slow
def test_a_journal_on_a_read_only_mount_can_be_read_not_written(tmp_path: Path) -> None:
    folder = tmp_path / "mount"
    folder.mkdir()
    db = folder / "journal.db"
    for at in ("2026-11-20", "2026-11-21"):
        assert sorelog("add", "quads", "4", "--at", at, db=db).wait(timeout=60) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["journal.db"]
    make_immutable(db, folder)
    try:
        for command in (["report", "--as-of", "2026-11-21", "--json"], ["list", "--json"],
                        ["export"], ["remedy", "list"]):  # fmt: skip
            run = sorelog(*command, db=db)
            assert run.wait(timeout=60) == 0, (command, run.stderr.read())
        run = sorelog("add", "quads", "5", db=db)
        assert run.wait(timeout=60) == 1
        assert (
            run.stderr.read().decode()
            == f"sorelog: journal {db} is read-only; check its permissions\n"
        )
    finally:
        undo_immutable(db, folder)


# -- a recovery logged later the same day ----------------------------------------------------


def test_a_recovery_logged_later_the_same_day_closes_the_episode(journal) -> None:
    journal.ok("add", "quads", "6", "--at", "2026-11-19T18:00")
    journal.ok("add", "quads", "5", "--at", "2026-11-20T08:00")
    journal.ok("add", "quads", "0", "--at", "2026-11-20T20:00")
    (part,) = journal.json("report", "--as-of", "2026-11-20")["parts"]
    assert part["latest"] == 0
    assert part["trend"] == "resolved"
    assert part["daily"][-1] == {"date": "2026-11-20", "severity": 5}  # the day keeps its max
    assert (part["episode_start"], part["episode_days"]) == ("2026-11-19", 2)
    # the next sore entry opens a new episode
    journal.ok("add", "quads", "3", "--at", "2026-11-21T09:00")
    (part,) = journal.json("report", "--as-of", "2026-11-21")["parts"]
    assert (part["episode_start"], part["episode_days"], part["latest"]) == ("2026-11-21", 1, 3)


def test_soreness_logged_after_a_morning_zero_is_the_latest(journal) -> None:
    journal.ok("add", "calves", "0", "--at", "2026-11-20T07:00")
    journal.ok("add", "calves", "4", "--at", "2026-11-20T19:00")
    (part,) = journal.json("report", "--as-of", "2026-11-20")["parts"]
    assert (part["latest"], part["trend"], part["episode_start"]) == (4, "steady", "2026-11-20")


# -- narrow terminals ------------------------------------------------------------------------


@pytest.fixture
def busy_journal(journal):
    for day in range(1, 13):
        journal.ok("add", "right hamstrings", "5", "--at", f"2026-11-{day:02d}")
        journal.ok("add", "left calf", "4", "--at", f"2026-11-{day:02d}")
    journal.ok("add", "quads", "10", "--symptom", "dark-urine", "--at", "2026-11-12")
    journal.ok("remedy", "limit", "paracetamol extra strong", "--max-daily", "400mg")
    journal.ok("remedy", "add", "paracetamol extra strong", "--dose", "500mg", "--at", "2026-11-12")
    return journal


@pytest.mark.parametrize("columns", [100, 80, 64, 40])
def test_narrow_terminals_keep_what_matters(busy_journal, monkeypatch, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    report = busy_journal.ok("report", "--days", "365", "--as-of", "2026-11-12")
    assert "…" not in report  # nothing cut short
    assert max(len(line.rstrip()) for line in report.splitlines()) <= columns
    for label in ("right hamstring", "left calf", "quadriceps", "paracetamol extra strong"):
        assert label in report
    quads = next(i for i, line in enumerate(report.splitlines()) if "quadriceps" in line)
    row = " ".join(report.splitlines()[quads : quads + 3])
    assert "10" in row  # the current severity
    assert "█" in row  # the newest day (10/10 on the report date) is kept
    assert "2026-11-12" in report and "2026-11-01" in report  # flag dates in full
    listing = busy_journal.ok("remedy", "list")
    assert "…" not in listing and "paracetamol extra strong" in listing
    assert "400 mg" in listing and "2026-11-25" not in listing


# -- names in any Unicode composition ---------------------------------------------------------

COMPOSED, DECOMPOSED = "parac\u00e9tamol", "parace\u0301tamol"


def test_a_name_typed_with_a_combining_accent_is_the_same_remedy(journal) -> None:
    journal.ok("remedy", "limit", COMPOSED, "--max-daily", "1000mg")
    for hour in ("08", "20"):
        journal.ok("remedy", "add", DECOMPOSED, "--dose", "800mg", "--at", f"2026-11-20T{hour}:00")
    journal.ok("side-effect", "Nause\u0301e", "--remedy", DECOMPOSED, "--at", "2026-11-20")
    doc = journal.json("report", "--as-of", "2026-11-20")
    assert [r["remedy"] for r in doc["remedies"]] == [COMPOSED]
    assert [f["code"] for f in doc["flags"] if f["remedy"] == COMPOSED] == [
        "remedy_limit",
        "side_effect",
    ]
    assert [r["remedy"] for r in journal.json("remedy", "list")["remedies"]] == [COMPOSED]


def test_names_an_older_sorelog_stored_decomposed_are_brought_to_nfc(journal) -> None:
    journal.ok("remedy", "add", "ice", "--at", "2026-11-20")
    with sqlite3.connect(journal.path) as db:  # as an older sorelog could have stored it
        db.execute("UPDATE remedy_use SET remedy = ?", (DECOMPOSED,))
        db.execute("INSERT INTO remedy_limit (remedy, max_days) VALUES (?, 3)", (DECOMPOSED,))
        db.execute("DELETE FROM sorelog_migrations WHERE name >= 'm005'")  # as it was at m004
        db.execute("ALTER TABLE remedy_limit DROP COLUMN max_days_in_30")
        db.execute("DROP TABLE workout")
        db.execute("DROP TABLE checkin")
        db.execute("DROP TABLE day_rollup")
        db.execute("DROP TABLE day_rollup_touched")
        for (trigger,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            db.execute(f"DROP TRIGGER {trigger}")
        db.execute("PRAGMA user_version = 4")
    db.close()
    listed = journal.json("remedy", "list")["remedies"]
    assert [(r["remedy"], r["max_days"]) for r in listed] == [(COMPOSED, 3)]
    assert journal.rows("remedy_use")[0]["remedy"] == COMPOSED


# -- whatever sorelog exports, it imports ----------------------------------------------------


def test_a_json_number_of_thousands_of_digits_is_a_validation_error(journal, tmp_path) -> None:
    big = tmp_path / "big.json"
    big.write_text('{"records": [{"record": "soreness", "at": "2026-11-20", "body_part": '
                   '"quads", "severity": ' + "9" * 5000 + "}]}")  # fmt: skip
    assert_refused(journal.run("import", str(big)), 2, "over 4,300 digits")
    assert not journal.path.exists()


def test_a_note_longer_than_the_csv_modules_default_limit_round_trips(journal, tmp_path) -> None:
    note = "long " * 40_000  # 200,000 characters
    journal.ok("add", "quads", "4", "--note", note, "--at", "2026-11-20")
    exported = tmp_path / "out.csv"
    journal.ok("export", "-o", str(exported))
    journal.path.unlink()
    assert "Imported 1 record" in journal.ok("import", str(exported))
    assert journal.rows()[0]["note"] == note  # exactly, the trailing space too


def test_ids_never_pass_two_to_the_53rd(journal, tmp_path) -> None:
    top = 2**53 - 1
    source = tmp_path / "in.csv"
    source.write_text(
        "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note\n"
        f"soreness,{top},2026-11-20T08:00:00+00:00,quadriceps,,4,,,,,,,,\n"
    )
    journal.ok("import", str(source))
    journal.ok("add", "calves", "3", "--at", "2026-11-20")
    ids = sorted(row["id"] for row in journal.rows())
    assert ids[-1] == top and ids[0] <= top
    exported = tmp_path / "out.csv"
    journal.ok("export", "-o", str(exported))
    journal.path.unlink()
    assert "Imported 2 records" in journal.ok("import", str(exported))


# -- one rule for each odd input ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["remedy", "add", "ibuprofen", "--dose", "0.0000001 mg"], "more than 6 decimal places"),
        (["remedy", "add", "ibuprofen", "--dose", "0mg"], "must be more than zero"),
        (["remedy", "add", "ibuprofen", "--dose", "\u0664\u0660\u0660mg"], "cannot read dose"),
        (["add", "quads", "\u0664"], "severity must be a whole number"),
        (["add", "quads", "4", "--at", "\u0662\u0660\u0662\u0666-11-20"], "cannot read"),
        (["add", "quads", "4", "--at", "9999-12-31T23:59-12:00"], "is in the future"),
        (["add", "quads", "4", "--at", "0001-01-01T00:30+14:00"], "too far in the past"),
    ],
)
def test_odd_numbers_and_times_get_one_rule(journal, args, says) -> None:
    assert_refused(journal.run(*args), 2, says)
    assert not journal.path.exists()


def test_the_same_decimal_rule_applies_to_imports(journal, tmp_path) -> None:
    source = tmp_path / "in.json"
    source.write_text('{"records": [{"record": "remedy", "at": "2026-11-20", "remedy": "x", '
                      '"amount": 1e-7, "unit": "mg"}]}')  # fmt: skip
    assert_refused(journal.run("import", str(source)), 2, "more than 6 decimal places")


@pytest.mark.parametrize("how", ["config", "TZ"])
def test_a_time_skipped_by_a_dst_jump_is_read_the_same_way_in_both_zones(journal, monkeypatch, how):
    if how == "config":
        journal.ok("config", "set", "timezone", "Europe/Paris")
    else:
        monkeypatch.setenv("TZ", "Europe/Paris")
        import time

        time.tzset()
    out = journal.ok("add", "quads", "4", "--at", "2026-03-29T02:30")
    assert "at 2026-03-29 03:30" in out  # 02:30 never happened that night in Paris
    assert journal.rows()[0]["at"] == "2026-03-29T01:30:00.000000+00:00"
    out = journal.ok("add", "quads", "3", "--at", "2026-10-25T02:30")
    assert "at 2026-10-25 02:30" in out  # twice that night: the first one
    assert journal.rows()[1]["at"] == "2026-10-25T00:30:00.000000+00:00"


# -- small things with a wrong answer ------------------------------------------------------------


def test_an_empty_journal_file_made_by_someone_else_becomes_private(journal) -> None:
    journal.path.parent.mkdir(parents=True)
    journal.path.touch(mode=0o644)
    journal.path.chmod(0o644)
    journal.ok("add", "quads", "4")
    assert journal.path.stat().st_mode & 0o777 == 0o600


def test_interactive_add_refuses_a_bad_at_before_asking_anything(journal, monkeypatch) -> None:
    from sorelog.cli import soreness

    monkeypatch.setattr(soreness, "interactive", lambda: True)
    result = journal.run("add", "--at", "next tuesday", input="quads\n5\n")
    assert_refused(result, 2, "--at: 'next tuesday' is in the future")
    assert not journal.path.exists()


def test_an_empty_db_means_the_default_journal_for_option_and_variable(journal, monkeypatch):
    from sorelog.store.paths import default_db_path

    monkeypatch.setenv("SORELOG_DB", "")
    journal.ok("add", "quads", "4")
    assert default_db_path().exists()
    monkeypatch.delenv("SORELOG_DB")
    journal.ok("--db", "", "add", "quads", "3")
    assert len(journal.json("--db", "", "list")["records"]) == 2


@pytest.mark.slow
def test_ctrl_d_at_a_prompt_ends_the_line_before_the_message(tmp_path: Path) -> None:
    import pty
    import select
    import time

    leader, follower = pty.openpty()
    env = {**os.environ, "SORELOG_DB": str(tmp_path / "j.db"), "TERM": "dumb"}
    run = subprocess.Popen([sys.executable, "-m", "sorelog", "add"], env=env,
                           stdin=follower, stdout=follower, stderr=follower)  # fmt: skip
    os.close(follower)
    seen = b""

    def read_for(seconds: float) -> bytes:
        nonlocal seen
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([leader], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(leader, 1024)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                if b"aborted" in seen:
                    break
        return seen

    while b"Body part:" not in read_for(1) and run.poll() is None:
        pass
    os.write(leader, b"\x04")
    read_for(10)
    assert run.wait(timeout=30) == 1
    os.close(leader)
    lines = seen.replace(b"\r", b"").decode().splitlines()
    assert "sorelog: aborted" in lines, lines  # on a line of its own, not after the prompt


@pytest.mark.slow
def test_a_crashed_write_that_cannot_be_undone_is_named(journal) -> None:
    hot = restored_after_a_crash(journal)
    make_immutable(journal.path, hot, journal.path.parent)
    try:
        result = journal.run("report")
        assert_refused(result, 1, "has a write a crash left unfinished (sorelog.db-journal)")
    finally:
        undo_immutable(journal.path, hot, journal.path.parent)
