"""The services the commands call, called directly, so a failure points at a function:
settings, export, backup destination, sharing's refusal, completion, alerts. Real files
and real journals; the commands' own tests cover what is printed."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from conftest import FROZEN_NOW
from sorelog.analysis.flag import Level
from sorelog.domain.errors import InputError, SorelogError
from sorelog.domain.kinds import SORENESS
from sorelog.domain.record_checks import check_record
from sorelog.domain.settings import Config
from sorelog.domain.values import Limit, NewRecord
from sorelog.domain.when import LocalZone
from sorelog.services import backup, completion, files, settings, sharing
from sorelog.services.alerts import alerts_for_written
from sorelog.services.exporting import export_journal
from sorelog.services.records import log_records
from sorelog.store import open_journal
from sorelog.store.writes import set_limit

NOON = datetime(2026, 11, 20, 12, 0, 0)


def test_a_setting_is_changed_and_unset_in_the_config_file(private_env: Path) -> None:
    config_file = private_env / "config.toml"
    changed = settings.set_setting("gap_days", "5")
    assert (changed.path, changed.old, changed.new) == (config_file, "3", "5")
    config, path = settings.current_settings()
    assert (config.gap_days, config.sources["gap_days"], path) == (5, str(config_file), config_file)
    assert settings.unset_setting("gap_days") == (True, config_file)
    assert settings.unset_setting("gap_days") == (False, config_file)
    assert settings.current_settings()[0].gap_days == 3


def test_a_bad_value_is_refused_and_a_broken_file_is_repaired(private_env: Path) -> None:
    config_file = private_env / "config.toml"
    with pytest.raises(InputError, match="gap_days must be a whole number"):
        settings.set_setting("gap_days", "soon")
    assert not config_file.exists()
    config_file.write_text("gap_days = 0\n")
    assert settings.set_setting("gap_days", "4").old == "not valid"
    assert settings.current_settings()[0].gap_days == 4


def test_an_export_streams_every_record_or_nothing(private_env: Path) -> None:
    zone = LocalZone()
    out = io.StringIO()
    assert export_journal(None, zone, "json", out) == 0
    assert json.loads(out.getvalue())["records"] == []
    journal = open_journal(private_env / "j.db", create=True, now=FROZEN_NOW)
    assert journal is not None
    with journal:
        set_limit(journal, Limit(remedy="ibuprofen", max_days=3))
        out = io.StringIO()
        assert export_journal(journal, zone, "json", out) == 0
        assert json.loads(out.getvalue())["limits"][0]["remedy"] == "ibuprofen"
        out = io.StringIO()
        assert export_journal(journal, zone, "csv", out) == 0
        assert out.getvalue().count("\n") == 1  # the header alone


def test_an_export_is_written_privately_and_never_over_the_journal(private_env: Path) -> None:
    journal_file = private_env / "j.db"
    journal_file.touch()
    for beside in ("", "-wal", "-shm", "-journal"):
        assert files.names_journal(Path(f"{journal_file}{beside}"), journal_file)
    assert not files.names_journal(private_env / "out.csv", journal_file)
    assert not files.names_journal(journal_file, None)  # a journal on a server
    target = private_env / "out.csv"
    assert files.write_private_text(target, lambda out: out.write("a,b\n")) == 4
    assert (target.read_text(), target.stat().st_mode & 0o777) == ("a,b\n", 0o600)
    with pytest.raises(SorelogError, match=r"cannot write .*missing"):
        files.write_private_bytes(private_env / "missing" / "page.html", b"<p>")
    assert files.is_stream(Path("/dev/stdout")) and not files.is_stream(target)


def test_a_backup_goes_where_it_is_told_else_beside_the_journal(private_env: Path) -> None:
    journal_file = private_env / "journal" / "sorelog.db"
    journal_file.parent.mkdir()
    named = "sorelog-backup-20261120-120000.db"
    assert backup.backup_path(None, journal_file, NOON) == journal_file.parent / named
    assert backup.backup_path(private_env, journal_file, NOON) == private_env / named
    assert backup.backup_path(private_env / "b.db", None, NOON) == private_env / "b.db"
    (journal_file.parent / named).touch()  # a second backup in the same second
    assert backup.backup_path(None, journal_file, NOON).name == named.replace(".db", "-2.db")


def test_sharing_refuses_a_journal_file_before_opening_it(private_env: Path) -> None:
    with pytest.raises(InputError, match="sharing needs a journal on a PostgreSQL server"):
        sharing.refuse_a_file(private_env / "j.db")
    sharing.refuse_a_file(None)


def test_completion_offers_the_journals_remedy_names(private_env: Path) -> None:
    path = private_env / "j.db"
    assert completion.remedy_names(str(path)) == []  # no journal: nothing, and none made
    assert not path.exists()
    journal = open_journal(path, create=True, now=FROZEN_NOW)
    assert journal is not None
    with journal:
        set_limit(journal, Limit(remedy="ibuprofen", max_days=3))
    assert completion.remedy_names(str(path)) == ["ibuprofen"]


def test_a_record_just_written_at_ten_is_said_at_once(private_env: Path) -> None:
    zone = LocalZone()
    journal = open_journal(private_env / "j.db", create=True, now=FROZEN_NOW, zone=zone)
    assert journal is not None
    with journal:
        assert alerts_for_written(journal, [], zone, FROZEN_NOW, Config()) == []
        at = FROZEN_NOW - timedelta(hours=1)
        values = check_record(SORENESS, {"body_part": "quads", "severity": "10"})
        (written,) = log_records(journal, [NewRecord(SORENESS, at, at.date(), values)])
        alerts = alerts_for_written(journal, [written], zone, FROZEN_NOW, Config())
    assert [alert.level for alert in alerts] == [Level.urgent]
