"""Export files stay byte for byte what they were: the diary below, exported in several
zones, against the files saved in tests/fixtures/export/.

The diary has a cell of every shape a cell can take: text a spreadsheet would run as a
formula (and text already quoted), whole and fractional amounts, symptoms, every kind of
record, instants either side of clock changes, with microseconds, stored without a zone,
and from before zones had whole-minute offsets.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import Journal
from sorelog.store import open_journal

EXPECTED = Path(__file__).parent / "fixtures" / "export"
ZONES = (
    "system",
    "system/Europe/Paris",
    "Europe/London",
    "America/St_Johns",
    "Asia/Kolkata",
    "Europe/Amsterdam",
)

TRICKY = ("=SUM(A1)", "+1", "-2", "@me", "\tx", "\rx", "'=quoted", "''-twice", "'plain",
          "plain", "a, b", 'say "hi"', "two\nlines", "", None)  # fmt: skip
INSTANTS = (
    "2026-03-29T00:59:59.999999+00:00",  # London: the last moment before summer time
    "2026-03-29T01:00:00.000000+00:00",
    "2026-10-25T00:30:00.000000+00:00",  # London: 01:30 BST, then again as GMT
    "2026-10-25T01:30:00.000000+00:00",
    "2026-11-01T03:29:00.000000+00:00",  # St John's: the hour clocks go back
    "2026-11-01T03:31:00.000000+00:00",
    "2026-11-20T18:00:00.123456+00:00",
    "2026-11-21 07:15:00",  # naive text, as a hand-edited journal may hold
    "1900-01-01T12:00:00.000000+00:00",  # Amsterdam then: +00:19:32
)


def _fill(path: Path) -> None:
    opened = open_journal(path, create=True, now=datetime(2026, 11, 25, tzinfo=UTC))
    assert opened is not None
    db = opened.db
    ids = iter(range(1, 1000))
    db.execute("BEGIN")
    for n, at in enumerate(INSTANTS):
        day = at[:10]
        text = TRICKY[n % len(TRICKY)]
        other = TRICKY[(n + 5) % len(TRICKY)]
        rows = [
            ("soreness (id, at, day, body_part, side, severity, kind, cause, symptoms, note)",
             (at, day, "quadriceps", (None, "left", "right")[n % 3], n % 11, other, text,
              ("", "swelling", "swelling;dark_urine")[n % 3], other)),
            ("remedy_use (id, at, day, remedy, amount, unit, base_amount, base_unit, "
             "body_part, side, note)",
             (at, day, text or "ibuprofen", (400.0, 0.1, 2.5, None, 1e20, 3.0)[n % 6], "mg",
              400.0, "mg", "calves" if n % 2 else None, None, other)),
            ("side_effect (id, at, day, effect, remedy, severity, note)",
             (at, day, text or "nausea", other, (None, 3)[n % 2], text)),
            ("workout (id, at, day, name, parts, note)",
             (at, day, text or "legs", "quadriceps;hamstrings", other)),
            ("checkin (id, at, day, pain, enjoyment, activity, note)",
             (at, day, n % 11, (n + 3) % 11, (n + 7) % 11, text)),
        ]  # fmt: skip
        for into, values in rows:
            marks = ", ".join("?" * (len(values) + 1))
            ident = next(ids)
            db.execute("INSERT INTO record_ids (id) VALUES (?)", (ident,))
            db.execute(f"INSERT INTO {into} VALUES ({marks})", (ident, *values))
    db.execute("COMMIT")
    opened.close()


@pytest.fixture
def diary(journal: Journal, private_env: Path) -> Journal:
    journal.path.parent.mkdir(parents=True, exist_ok=True)
    _fill(journal.path)
    return journal


def _export(journal: Journal, private_env: Path, zone: str, form: str) -> bytes:
    """The export with `zone` in config, or the system's zone ("system", or "system/" and
    the zone the system is set to)."""
    config = private_env / "config.toml"
    system = zone.startswith("system")
    config.write_text("" if system else f'timezone = "{zone}"\n')
    out = private_env / f"out.{form}"
    journal.ok("export", "--format", form, "-o", str(out))
    return out.read_bytes()


@pytest.mark.parametrize("form", ["csv", "json"])
@pytest.mark.parametrize("zone", ZONES)
def test_export_is_byte_for_byte_the_saved_file(
    diary: Journal, private_env: Path, monkeypatch: pytest.MonkeyPatch, zone: str, form: str
) -> None:
    if zone.startswith("system/"):
        monkeypatch.setenv("TZ", zone.removeprefix("system/"))
        time.tzset()  # the next test sets the zone back
    saved = EXPECTED / f"{zone.replace('/', '_')}.{form}"
    made = _export(diary, private_env, zone, form)
    if os.environ.get("SORELOG_SAVE_EXPORTS"):  # to make the saved files, once
        saved.parent.mkdir(exist_ok=True)
        saved.write_bytes(made)
    assert made == saved.read_bytes()
