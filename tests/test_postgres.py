"""A journal on a real PostgreSQL server: isolation between people, sharing, bad input.

Isolation is proven in raw SQL as the other role, not only through sorelog: whatever
route a role takes, it sees and changes its own rows only, unless a journal is shared
with it, and then it can read, never change.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import assert_refused, set_up_sorelog
from sorelog.cli import app
from sorelog.domain.kinds import KINDS

DATA_TABLES = (*(kind.table for kind in KINDS), "remedy_limit", "sorelog_meta", "record_ids",
               "day_rollup")  # fmt: skip
EVERY_TABLE = (*DATA_TABLES, "sorelog_shares")


def run(url: str, *args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(app, ["--db", url, *args], input=input)


def ok(url: str, *args: str) -> str:
    result = run(url, *args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def diary(url: str, who: str) -> None:
    """A few days of every kind of record, all on fixed days."""
    ok(url, "workout", f"{who} legs", "--part", "quads", "--at", "2026-11-18T18:00")
    ok(url, "add", "quads", "6", "--at", "2026-11-19T08:00", "--note", f"{who}'s note")
    ok(url, "add", "quads", "4", "hams", "2", "--at", "2026-11-20T08:00")
    ok(url, "remedy", "add", "ibuprofen", "--dose", "200 mg", "--at", "2026-11-19T09:00")
    ok(url, "remedy", "limit", "ibuprofen", "--max-daily", "1200 mg")
    ok(url, "side-effect", "nausea", "--remedy", "ibuprofen", "--at", "2026-11-19T10:00")
    ok(url, "checkin", "--pain", "3", "--enjoyment", "2", "--activity", "4",
       "--at", "2026-11-20T20:00")  # fmt: skip
    ok(url, "report", "--days", "1", "--as-of", "2026-11-21")


def as_person(pg_database: Any, role: str, person: str, sql: str) -> list[tuple[Any, ...]]:
    """Run `sql` as `role`, asking for `person`'s journal as sorelog does; its rows."""
    import psycopg

    with psycopg.connect(pg_database.url(role), autocommit=True) as conn:
        conn.execute("SELECT set_config('sorelog.person', %s, false)", (person,))
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description is not None else []


def seen_by(pg_database: Any, role: str) -> dict[str, int]:
    """How many rows `role` sees in each table, by a plain SELECT * as that role."""
    return {
        table: len(pg_database.as_role(role, f"SELECT * FROM {table}")) for table in EVERY_TABLE
    }


def owned_by(pg_database: Any, role: str) -> dict[str, int]:
    """How many rows of each table belong to `role`, as the admin counts them."""
    return {
        table: pg_database.admin(f"SELECT count(*) FROM {table} WHERE owner = %s", (role,))[0][0]
        for table in EVERY_TABLE
    }


def test_each_role_sees_only_its_own_rows_in_raw_sql(pg_database: Any) -> None:
    set_up_sorelog(pg_database)
    diary(pg_database.url("alice"), "alice")
    diary(pg_database.url("bob"), "bob")
    for table in DATA_TABLES:  # both journals are there, for the admin to see
        found = pg_database.admin(f"SELECT DISTINCT owner FROM {table}")
        assert {row[0] for row in found} == {"alice", "bob"}, table
    ok(pg_database.url("alice"), "share", "carol")  # a share row of alice's, too
    for role in ("alice", "bob"):
        assert seen_by(pg_database, role) == owned_by(pg_database, role), role
    # carol sees the share naming her, and not one row of anyone's journal
    assert seen_by(pg_database, "carol") == {table: 0 for table in DATA_TABLES} | {
        "sorelog_shares": 1
    }


def test_row_security_is_forced_on_every_table(pg_database: Any) -> None:
    set_up_sorelog(pg_database)
    ok(pg_database.url("alice"), "add", "quads", "3")
    found = dict(
        pg_database.admin(
            "SELECT relname, relrowsecurity AND relforcerowsecurity FROM pg_class "
            "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
        )
    )
    assert set(found) == {*EVERY_TABLE, "sorelog_migrations"}
    assert all(found.values()), found


def test_a_share_lets_a_role_read_and_never_change(pg_database: Any) -> None:
    set_up_sorelog(pg_database)
    alice, bob, carol = (pg_database.url(role) for role in ("alice", "bob", "carol"))
    diary(alice, "alice")
    assert "bob can now read your journal" in ok(alice, "share", "bob")
    mine = ok(alice, "report", "--as-of", "2026-11-21", "--json")
    day = ok(alice, "report", "--days", "1", "--as-of", "2026-11-21", "--json")
    rollup = pg_database.admin("SELECT * FROM day_rollup ORDER BY 1, 2, 3, 4")
    assert rollup and {row[0] for row in rollup} == {"alice"}
    assert ok(bob, "report", "--as-of", "2026-11-21", "--json", "--person", "alice") == mine
    by_bob = ok(
        bob, "report", "--days", "1", "--as-of", "2026-11-21", "--json", "--person", "alice"
    )
    assert by_bob == day  # bob reads alice's rollup, and writes nothing to it
    assert pg_database.admin("SELECT * FROM day_rollup ORDER BY 1, 2, 3, 4") == rollup
    assert ok(bob, "list", "--json", "--days", "30", "--person", "alice") == ok(
        alice, "list", "--json", "--days", "30"
    )
    assert ok(bob, "export", "--person", "alice") == ok(alice, "export")
    # bob's own journal stays his: without --person he sees nothing of alice's
    assert json.loads(ok(bob, "list", "--json", "--days", "30"))["records"] == []
    # In raw SQL as bob, alice's rows are there only when he asks for her ...
    before = pg_database.admin("SELECT * FROM soreness ORDER BY id")
    for table in DATA_TABLES:
        assert pg_database.as_role("bob", f"SELECT * FROM {table} WHERE owner = 'alice'") == []
    assert len(as_person(pg_database, "bob", "alice", "SELECT * FROM soreness")) == 3
    # ... and nothing bob runs changes them, whatever he asks for.
    for statement in (
        "UPDATE soreness SET severity = 0",
        "DELETE FROM soreness",
        "UPDATE remedy_limit SET max_daily_amount = 99999",
        "DELETE FROM sorelog_shares",
    ):
        pg_database.as_role(
            "bob", f"SELECT set_config('sorelog.person', 'alice', false); {statement}"
        )
    with pytest.raises(Exception, match="row-level security"):
        pg_database.as_role(
            "bob",
            "INSERT INTO soreness (id, owner, at, day, body_part, severity) "
            "VALUES (999, 'alice', now(), current_date, 'quadriceps', 9)",
        )
    assert pg_database.admin("SELECT * FROM soreness ORDER BY id") == before
    assert pg_database.admin("SELECT count(*) FROM sorelog_shares") == [(1,)]
    # carol was not given the journal
    assert_refused(run(carol, "report", "--person", "alice"), 1, "alice has not shared")
    # once unshared, bob cannot read it either
    assert "can no longer read" in ok(alice, "unshare", "bob")
    assert_refused(run(bob, "report", "--person", "alice"), 1, "alice has not shared")
    assert as_person(pg_database, "bob", "alice", "SELECT * FROM soreness") == []


def test_a_shared_role_edits_and_deletes_only_its_own_records(pg_database: Any) -> None:
    set_up_sorelog(pg_database)
    alice, bob = pg_database.url("alice"), pg_database.url("bob")
    ok(alice, "add", "quads", "6")
    ok(alice, "share", "bob")
    assert_refused(run(bob, "edit", "1", "--severity", "1"), 2, "no record #1")
    assert_refused(run(bob, "delete", "1", "--yes"), 2, "no record #1")
    assert pg_database.admin("SELECT severity FROM soreness") == [(6,)]


def test_share_and_person_refuse_what_they_cannot_do(pg_database: Any, journal: Any) -> None:
    set_up_sorelog(pg_database)
    alice = pg_database.url("alice")
    ok(alice, "add", "quads", "3")
    assert_refused(run(alice, "share", "nobody_here"), 2, "no role nobody_here")
    assert_refused(run(alice, "share", "alice"), 2, "is you")
    assert_refused(run(alice, "report", "--person", "bob"), 1, "bob has not shared")
    assert_refused(run(alice, "report", "--person", ""), 2, "--person needs")
    assert pg_database.admin("SELECT count(*) FROM sorelog_shares") == [(0,)]
    # on a journal file: said plainly, and no file is made
    assert_refused(journal.run("share", "bob"), 2, "PostgreSQL")
    assert_refused(journal.run("report", "--person", "bob"), 2, "--person")
    assert not journal.path.exists()


def test_bad_connections_say_one_line_and_never_the_password(pg_database: Any) -> None:
    wrong = pg_database.url("alice", password="s3cret-Wrong")
    result = run(wrong, "add", "quads", "3")
    assert_refused(result, 1, "refused the password")
    assert "s3cret-Wrong" not in result.stderr + result.stdout
    unreachable = f"postgresql://alice:s3cret-Wrong@127.0.0.1:1/{pg_database.name}"
    result = run(unreachable, "report")
    assert_refused(result, 1, "cannot reach")
    assert "s3cret-Wrong" not in result.stderr
    assert_refused(run(pg_database.url("alice").rsplit("/", 1)[0] + "/no_such_db", "report"),
                   1, "no database")  # fmt: skip
    # URLs libpq cannot read: it would quote them whole, password and all
    for broken in (
        f"postgresql://alice:s3cret-Wrong@[::1/{pg_database.name}",
        f"postgresql://alice@[::1]x:{pg_database.port}/db?password=s3cret-Wrong",
        f"postgresql://alice@127.0.0.1:{pg_database.port}/db?password=s3cret-Wrong&foo",
    ):
        result = run(broken, "report")
        assert_refused(result, 2, "not a valid PostgreSQL URL")
        assert "s3cret-Wrong" not in result.stderr
    assert pg_database.admin("SELECT to_regclass('soreness')") == [(None,)]


def test_setup_is_done_once_by_a_role_that_keeps_no_journal(
    pg_database: Any, tmp_path: Path
) -> None:
    alice, dave, keeper = (pg_database.url(role) for role in ("alice", "dave", "keeper"))
    export = tmp_path / "export.json"
    export.write_text('{"records": [{"record": "soreness", "at": "2026-11-20T08:00:00+00:00", '
                      '"body_part": "quadriceps", "severity": 3}], "limits": []}')  # fmt: skip
    # a journal command never creates the tables, and says who can
    assert_refused(run(alice, "add", "quads", "3"), 1, "runs 'sorelog --db URL setup' once")
    assert_refused(run(alice, "import", "--dry-run", str(export)), 1, "setup")
    assert "empty" in ok(alice, "report")  # reading an empty database writes nothing
    # a role without the right to create tables cannot set them up
    assert_refused(run(dave, "setup"), 1, "may not create tables")
    assert pg_database.admin(
        "SELECT to_regclass('soreness'), to_regclass('sorelog_migrations')"
    ) == [(None, None)]
    assert "are ready" in ok(keeper, "setup")
    assert "up to date" in ok(keeper, "setup")
    # the tables' owner could turn row security off: it keeps no journal in them
    for args in (("add", "quads", "3"), ("report",), ("share", "alice")):
        assert_refused(run(keeper, *args), 1, "owns sorelog's tables")
    assert_refused(run(pg_database.cluster.admin_url.rsplit("/", 1)[0] + f"/{pg_database.name}",
                       "report"), 1, "owns sorelog's tables")  # fmt: skip
    # everyone else keeps a journal of their own, numbered from 1
    assert "Logged #1" in ok(alice, "add", "quads", "3")
    assert "Logged #1" in ok(dave, "add", "hams", "2")
    assert pg_database.admin("SELECT owner FROM soreness ORDER BY owner") == [("alice",), ("dave",)]
    assert "keeper owns them" in ok(alice, "setup")  # up to date: nothing to do, and said


def test_a_schema_named_after_you_does_not_catch_your_rows(pg_database: Any) -> None:
    """Another role that may create schemas makes one named after alice, with unprotected
    tables of sorelog's names: alice's entries still go to sorelog's own tables."""
    set_up_sorelog(pg_database)
    pg_database.admin(f"GRANT CREATE ON DATABASE {pg_database.name} TO bob")
    for statement in (
        "CREATE SCHEMA alice",
        "GRANT USAGE ON SCHEMA alice TO PUBLIC",
        *(f"CREATE TABLE alice.{t} (LIKE public.{t} INCLUDING DEFAULTS)"
          for t in ("sorelog_migrations", "soreness", "record_ids", "sorelog_meta")),
        "INSERT INTO alice.sorelog_migrations SELECT * FROM public.sorelog_migrations",
        "GRANT ALL ON ALL TABLES IN SCHEMA alice TO PUBLIC",
    ):  # fmt: skip
        pg_database.as_role("bob", statement)
    ok(pg_database.url("alice"), "add", "quads", "9", "--note", "private")
    assert pg_database.as_role("bob", "SELECT * FROM alice.soreness") == []
    assert pg_database.admin("SELECT owner, note FROM public.soreness") == [("alice", "private")]


def test_a_journal_from_a_newer_sorelog_is_refused_untouched(pg_database: Any) -> None:
    set_up_sorelog(pg_database)
    alice = pg_database.url("alice")
    ok(alice, "add", "quads", "3")
    pg_database.admin(
        "INSERT INTO sorelog_migrations (seq, name, applied_at) VALUES (99, 'p099_future', 'x')"
    )
    assert_refused(run(alice, "add", "quads", "4"), 1, "newer sorelog")
    assert pg_database.admin("SELECT count(*) FROM soreness") == [(1,)]


def test_two_setups_at_once_set_the_schema_up_once(pg_database: Any) -> None:
    from sorelog.store.opening_postgres import setup_postgres

    errors: list[BaseException] = []

    def set_up() -> None:
        try:
            setup_postgres(pg_database.url("keeper"), datetime(2026, 11, 25, tzinfo=UTC))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=set_up) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    from sorelog.store.migrations_postgres import PG_MIGRATIONS

    applied = pg_database.admin("SELECT name FROM sorelog_migrations ORDER BY applied_at, name")
    assert sorted(applied) == sorted((name,) for name, _ in PG_MIGRATIONS)


def test_backup_writes_your_rows_as_a_sqlite_journal(pg_database: Any, tmp_path: Path) -> None:
    set_up_sorelog(pg_database)
    alice, bob = pg_database.url("alice"), pg_database.url("bob")
    diary(alice, "alice")
    diary(bob, "bob")
    target = tmp_path / "alice.db"
    assert ok(alice, "backup", str(target)).strip() == str(target)
    assert target.stat().st_mode & 0o777 == 0o600
    copy = str(target)
    for args in (("export",), ("report", "--as-of", "2026-11-21", "--json")):
        assert ok(copy, *args) == ok(alice, *args)
    with sqlite3.connect(target) as db:
        notes = {row[0] for row in db.execute("SELECT note FROM soreness WHERE note IS NOT NULL")}
    assert notes == {"alice's note"}
    assert_refused(run(alice, "backup", str(target)), 2, "already exists")


def test_a_backup_keeps_the_zone_its_days_are_in(
    pg_database: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry at 23:30 UTC is on the next day in Kiritimati (UTC+14): the backup's days
    are Kiritimati's, and says so, so read in UTC it is worked out again."""
    set_up_sorelog(pg_database)
    alice = pg_database.url("alice")
    config = tmp_path / "kiritimati.toml"
    monkeypatch.setenv("SORELOG_CONFIG", str(config))
    ok(alice, "config", "set", "timezone", "Pacific/Kiritimati")
    ok(alice, "add", "quads", "4", "--at", "2026-11-20T23:30+00:00")
    target = tmp_path / "alice.db"
    ok(alice, "backup", str(target))

    def days(zone: str | None) -> list[str]:
        if zone:
            ok(str(target), "config", "set", "timezone", zone)
        else:
            ok(str(target), "config", "unset", "timezone")
        doc = json.loads(ok(str(target), "report", "--as-of", "2026-11-22", "--json"))
        return [d["date"] for p in doc["parts"] for d in p["daily"]]

    assert days(None) == ["2026-11-20"]  # first read in the system's zone, here UTC
    assert days("Pacific/Kiritimati") == ["2026-11-21"]
    assert days(None) == ["2026-11-20"]


@pytest.mark.slow
def test_concurrent_adds_all_land(pg_database: Any, tmp_path: Path) -> None:
    set_up_sorelog(pg_database)
    url = pg_database.url("alice")
    ok(url, "add", "quads", "1")  # the schema exists before the race
    env = {"SORELOG_DB": url, "SORELOG_CONFIG": str(tmp_path / "none.toml"), "TZ": "UTC",
           "HOME": str(tmp_path)}  # fmt: skip
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sorelog",
                "add",
                "hams",
                str(n % 11),
                "--at",
                "2026-11-20T08:00",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(24)
    ]
    outcomes = [(*process.communicate(timeout=120), process.returncode) for process in runs]
    assert [code for _, _, code in outcomes] == [0] * 24, outcomes
    ids = pg_database.admin("SELECT id FROM soreness WHERE body_part = 'hamstrings'")
    assert len({row[0] for row in ids}) == 24


@pytest.mark.parametrize("zone", ["Asia/Kolkata", None])
def test_days_follow_the_zone_and_alternating_zones_rewrite_little(
    pg_database: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: str | None
) -> None:
    """A named zone (config) or the system's (TZ): each record's day is its local day in
    the zone of the run, and a switch back and forth writes only the rows that move."""
    set_up_sorelog(pg_database)
    url = pg_database.url("alice")
    for at in ("2026-11-19T20:00", "2026-11-20T02:00", "2026-11-20T12:00"):
        ok(url, "add", "quads", "4", "--at", at)  # UTC, as the test's zone is
    config = tmp_path / "config.toml"

    def switch_to(name: str) -> list[str]:
        if zone is None:
            monkeypatch.setenv("TZ", name)
            time.tzset()
        else:
            config.write_text(f'timezone = "{name}"\n')
            monkeypatch.setenv("SORELOG_CONFIG", str(config))
        ok(url, "list", "--days", "3650")
        return [str(day) for (day,) in pg_database.admin("SELECT day FROM soreness ORDER BY id")]

    # Kolkata (+5:30) moves the first entry to the next day; Kiritimati (+14) two of them.
    target = zone or "Pacific/Kiritimati"
    moved = {"Asia/Kolkata": ["2026-11-20"] * 3,
             "Pacific/Kiritimati": ["2026-11-20", "2026-11-20", "2026-11-21"]}[target]  # fmt: skip
    assert switch_to(target) == moved
    assert switch_to("UTC") == ["2026-11-19", "2026-11-20", "2026-11-20"]
    pg_database.admin(
        "CREATE TABLE writes (n integer); INSERT INTO writes VALUES (0);"
        "CREATE FUNCTION count_write() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN UPDATE writes SET n = n + 1; RETURN NEW; END $$;"
        "GRANT ALL ON writes TO PUBLIC;"
        "CREATE TRIGGER counted BEFORE UPDATE ON soreness "
        "FOR EACH ROW EXECUTE FUNCTION count_write()"
    )
    switch_to(target)
    moves = {"Asia/Kolkata": 1, "Pacific/Kiritimati": 2}[target]
    assert pg_database.admin("SELECT n FROM writes") == [(moves,)]  # the rows that move


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.5, 1.5, 3.0])  # reading, checking or writing the rows
def test_a_connection_dropped_mid_import_is_one_line(
    pg_database: Any, tmp_path: Path, after: float
) -> None:
    """The server ends alice's session while her import runs: one line from sorelog on
    stderr (not the driver's own warning first), exit 1, and none of the rows."""
    set_up_sorelog(pg_database)
    url = pg_database.url("alice")
    ok(url, "add", "quads", "1")
    rows = [
        f"soreness,,2020-01-01T{n % 24:02d}:00:00+00:00,quadriceps,,{n % 11},,,,,,,,n{n}"
        for n in range(300_000)
    ]
    path = tmp_path / "big.csv"
    path.write_text(
        "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note\n"
        + "\n".join(rows)
        + "\n"
    )
    env = {"SORELOG_DB": url, "SORELOG_CONFIG": str(tmp_path / "none.toml"), "TZ": "UTC",
           "HOME": str(tmp_path)}  # fmt: skip
    running = subprocess.Popen(
        [sys.executable, "-m", "sorelog", "import", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    writing = "SELECT pid FROM pg_stat_activity WHERE usename = 'alice' AND xact_start IS NOT NULL"
    deadline = time.monotonic() + 60
    while not pg_database.admin(writing) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(after)
    pg_database.admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'alice'"
    )
    _, stderr = running.communicate(timeout=120)
    assert running.returncode == 1, stderr
    assert len(stderr.strip().splitlines()) == 1 and stderr.startswith("sorelog: "), stderr
    assert "error ignored" not in stderr
    assert pg_database.admin("SELECT COUNT(*) FROM soreness") == [(1,)]
