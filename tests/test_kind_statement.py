"""A kind of record is one statement (domain/kinds.py): a throwaway kind, stated with its
migration step and its command and nothing else (tests/fixtures/throwaway_kind.py), is
written, listed, edited, deleted, exported and imported by sorelog's own code, on both
backends, in a real process."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

DRIVER = Path(__file__).parent / "fixtures" / "throwaway_kind.py"

pytestmark = pytest.mark.slow


def sorelog(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, str(DRIVER), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def rows(text: str) -> list[dict[str, Any]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_kind_stated_once_goes_through_every_command(journal, backend, tmp_path) -> None:
    if backend == "postgresql":  # the tables' owner applies the new kind's migration step
        sorelog("--db", journal.database.url("keeper"), "setup")
    logged = sorelog("sleep", "7.5", "--quality", "6", "--note", "woke once", "--at",
                     "2026-11-20 07:00").stdout  # fmt: skip
    assert logged.startswith("Logged #1: sleep hours 7.5, quality 6 at 2026-11-20 07:00")
    sorelog("add", "quads", "4", "--at", "2026-11-20")  # beside the kinds sorelog has
    assert journal.rows("sleep")[0]["hours"] == 7.5

    listed = sorelog("list", "--days", "3650").stdout
    assert "sleep" in listed and "hours 7.5, quality 6" in listed and "woke once" in listed
    (shown,) = [r for r in json.loads(sorelog("list", "--days", "3650", "--json").stdout)
                ["records"] if r["record"] == "sleep"]  # fmt: skip
    assert (shown["hours"], shown["quality"], shown["note"]) == (7.5, 6, "woke once")

    # edit: its options are derived from its fields, and checked by its checks
    assert "hours slept" in sorelog("edit", "--help").stdout
    assert "hours 8" in sorelog("edit", "1", "--hours", "8").stdout
    refused = sorelog("edit", "1", "--hours", "30", ok=False)
    assert refused.returncode == 2
    assert refused.stderr.strip() == "sorelog: --hours must be a number from 0 to 24, not '30'"
    assert (
        "--severity does not apply to a sleep record"
        in sorelog("edit", "1", "--severity", "3", ok=False).stderr
    )
    sorelog("edit", "1", "--quality", "")
    assert journal.rows("sleep")[0]["quality"] is None
    sorelog("edit", "1", "--quality", "7")
    missing = sorelog("sleep", "", ok=False)
    assert missing.stderr.strip() == "sorelog: HOURS is missing; a sleep record needs it, like 7.5"

    # export: its fields fill their own columns, at the end of the header
    csv_file, json_file = tmp_path / "out.csv", tmp_path / "out.json"
    sorelog("export", "--format", "csv", "-o", str(csv_file))
    sorelog("export", "--format", "json", "-o", str(json_file))
    exported = rows(csv_file.read_text())
    assert list(exported[0])[-2:] == ["hours", "quality"]
    (night,) = [r for r in exported if r["record"] == "sleep"]
    assert (night["hours"], night["quality"], night["note"]) == ("8", "7", "woke once")
    assert night["severity"] == night["body_part"] == ""

    # delete, then import: it comes back as it was (under a new id: ids are never reused)
    assert "Deleted #1 sleep" in sorelog("delete", "1", "--yes").stdout
    assert journal.rows("sleep") == []
    assert sorelog("import", str(csv_file)).stdout.startswith("Imported 1 record (1 already")
    (back,) = journal.rows("sleep")
    assert (back["hours"], back["quality"], back["note"]) == (8.0, 7, "woke once")
    again = tmp_path / "again.csv"
    sorelog("export", "--format", "csv", "-o", str(again))
    strip = [{k: v for k, v in r.items() if k != "id"} for r in rows(again.read_text())]
    assert strip == [{k: v for k, v in r.items() if k != "id"} for r in exported]
    # the JSON export is already present, record for record
    assert sorelog("import", str(json_file)).stdout.startswith("Imported 0 records (2 already")

    # a file's value is refused by the same check, naming its column
    bad = tmp_path / "bad.csv"
    bad.write_text(csv_file.read_text().replace(",8,7", ",99,7"))
    refused = sorelog("import", str(bad), ok=False)
    assert refused.returncode == 2
    assert "hours must be a number from 0 to 24, not '99'" in refused.stderr
