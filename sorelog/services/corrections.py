"""Correcting a record: the options given are checked by the kind's one checker.

`sorelog edit` hands over the options it was given, by name; the kind's statement
(domain/kinds.py) says which field each option sets, domain/record_checks.py checks
them with the record as it is, and the changes are written in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sorelog.domain.errors import InputError
from sorelog.domain.inputs import when_or_now
from sorelog.domain.kinds import RecordKind, kind_named
from sorelog.domain.record_checks import FieldError, check_record
from sorelog.domain.when import LocalZone
from sorelog.store import Journal
from sorelog.store.records import find_record, update_record
from sorelog.store.writes import JOURNAL_RULES


def edit_record(
    journal: Journal, record_id: int, given: dict[str, Any], zone: LocalZone, now: datetime
) -> dict[str, Any]:
    """Apply the options `given` (by option name) to one record; returns it as it is now."""
    record = find_record(journal, zone, record_id)
    kind = kind_named(record["record"])
    before = values_of(kind, record)
    changes = changes_for(kind, before, given, zone, now)
    check = None
    if (rule := JOURNAL_RULES.get(kind.name)) is not None:

        def check() -> None:
            rule(journal, {**before, **changes}, record_id)

    update_record(journal, kind.name, record_id, changes, check)
    return find_record(journal, zone, record_id)


def values_of(kind: RecordKind, record: Mapping[str, Any]) -> dict[str, Any]:
    """A record in the export shape as its kind's values, by field name."""
    values = {}
    for field in kind.exported:
        value = record[field.export]  # type: ignore[index]
        values[field.name] = ";".join(value) if field.listed else value
    return values


def changes_for(
    kind: RecordKind,
    before: dict[str, Any],
    given: dict[str, Any],
    zone: LocalZone,
    now: datetime,
) -> dict[str, Any]:
    """Checked column values for the options given, by the rules every add and import use."""
    wrong = sorted(set(given) - set(kind.edit_options))
    if wrong:
        raise InputError(
            f"{', '.join(wrong)} does not apply to a {kind.label} record, "
            f"which takes {', '.join(kind.edit_options)}"
        )
    raw: dict[str, Any] = {}
    option_of: dict[str, str] = {}
    for option, value in given.items():
        if option == "--at":
            continue
        field = kind.by_option(option)
        if field.name in raw:
            raise InputError(f"give {field.option} or {field.clear_option}, not both")
        raw[field.name] = "" if option == field.clear_option else value
        option_of[field.name] = option
    changes: dict[str, Any] = {}
    if "--at" in given:
        moment = when_or_now(given["--at"], now, zone)
        changes.update(at=moment.astimezone(UTC), day=zone.day_of(moment))
    try:
        changes.update(check_record(kind, raw, before))
    except FieldError as exc:
        raise InputError(exc.said(lambda field: option_of.get(field.name, field.option))) from None
    return changes
