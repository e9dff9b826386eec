"""Importing an export file: check every row first, then write all of it or none of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sorelog.domain.alerting import effect_may_alert, soreness_may_alert
from sorelog.domain.kinds import SIDE_EFFECT, SORENESS, WORKOUT, kind_named
from sorelog.domain.settings import Config
from sorelog.domain.values import ImportFile, ImportRow, NewRecord
from sorelog.domain.when import LocalZone
from sorelog.formats.read import read_import
from sorelog.services.triage import Alert, Written, alerts_for
from sorelog.store import open_journal
from sorelog.store.bulk_import import ImportPlan, Seen, import_file, plan_import

Tick = Callable[[int], None]


def check_file(
    source: BinaryIO, name: str, zone: LocalZone, now: datetime, tick: Tick | None = None
) -> ImportFile:
    """Every row of the file checked as the add commands check it; InputError names the first
    bad one. Nothing in the journal is read or written; `source` is read once, to its end.
    Close the result when done with it."""
    return read_import(source, name, zone, now, tick)


def preview_import(
    path: Path | str, parsed: ImportFile, zone: LocalZone, now: datetime
) -> ImportPlan:
    """What importing would add to the journal at `path`; creates and writes nothing."""
    # A file is not created for a dry run; a PostgreSQL journal is never created by an
    # import, so opening it as a writer says what the real import would (no tables yet).
    journal = open_journal(path, create=isinstance(path, str), now=now, zone=zone)
    if journal is None:
        return plan_import(None, parsed)
    with journal:
        return plan_import(journal, parsed)


def import_records(
    path: Path | str,
    parsed: ImportFile,
    zone: LocalZone,
    now: datetime,
    config: Config,
    tick: Tick | None = None,
) -> tuple[ImportPlan, list[Alert]]:
    """Write the file's new records and limits in one transaction; then what needs saying
    at once about them (one alert per flagged part or remedy, not per row).

    A journal that does not exist yet is created only after the file's own units are
    known to agree, so a refused file leaves no empty journal behind.
    """
    if isinstance(path, Path) and not path.exists():
        plan_import(None, parsed)
    journal = open_journal(path, create=True, now=now, zone=zone)
    assert journal is not None
    written = Written()  # what triage needs of the new rows, gathered as they are written
    with journal:
        plan = import_file(journal, parsed, tick, seen=_triage_sees(written, zone, config))
        return plan, alerts_for(journal, written, now, config)


def _triage_sees(written: Written, zone: LocalZone, config: Config) -> Seen:
    """Show triage each new row it may speak about (domain.alerting, with the person's
    severe level), in the export shape it reads; nothing is read back after."""

    def see(row: ImportRow, ident: int) -> None:
        if row.record == SORENESS.name:
            symptoms = filter(None, str(row.values[_SYMPTOMS] or "").split(";"))
            body_part, severity = str(row.values[_PART]), int(row.values[_SEVERITY] or 0)
            wanted = soreness_may_alert(body_part, severity, symptoms, config.severe_level)
        elif row.record == SIDE_EFFECT.name:
            level = row.values[_EFFECT_SEVERITY]
            wanted = effect_may_alert(
                str(row.values[_EFFECT]), None if level is None else int(level)
            )
        else:
            wanted = row.record == WORKOUT.name  # it may make a dark urine after it exertional
        if wanted:
            kind = kind_named(row.record)
            record = NewRecord(
                kind, row.at, row.day, dict(zip(kind.columns, row.values, strict=True))
            )
            written.see(record.shown(ident, zone.to_local(row.at)), config)

    return see


# Where rows keep the fields triage looks at (ImportRow.values follows kind.columns).
_PART, _SEVERITY, _SYMPTOMS = (
    SORENESS.columns.index(key) for key in ("body_part", "severity", "symptoms")
)
_EFFECT, _EFFECT_SEVERITY = (SIDE_EFFECT.columns.index(key) for key in ("effect", "severity"))
