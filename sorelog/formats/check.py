"""Checking one imported record with its kind's one checker, as the add commands do.

Pure: no database and no clock; the caller passes the zone and the latest moment allowed.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sorelog.domain import field_checks
from sorelog.domain.doses import Dose, canonical_unit, parse_dose
from sorelog.domain.field_checks import Several, text
from sorelog.domain.kinds import (
    KIND_NAMES,
    KINDS,
    MAX_ID,
    REMEDY,
    RecordKind,
    kind_named,
    record_list,
)
from sorelog.domain.names import normalise_remedy
from sorelog.domain.record_checks import FieldError, check_record
from sorelog.domain.values import ImportLimit, ImportRow
from sorelog.domain.when import NOON, LocalZone
from sorelog.formats.columns import HEADER, UNUSED

_EXAMPLE = "2026-11-20T08:30:00+01:00"
_ISO_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}.*)?$", re.ASCII)


def check_row(number: int, cells: list[Any], zone: LocalZone, latest: datetime) -> ImportRow:
    """Check one record's cells, given in HEADER order; `latest` is the last moment allowed.
    No cell holds a NUL character (formats/read.py refuses one as it reads the file)."""
    record = _record_type(cells[0])
    for index in UNUSED[record]:
        value = cells[index]
        if value is not None and value != "" and _given(value):
            raise ValueError(f"{HEADER[index]} does not apply to a {record} record; leave it empty")
    number_id = _ident(cells[1])
    moment = _instant(cells[2], zone, latest)
    places, free = _PLACES[record]
    values = _checked(record, tuple(_hashable(cells[place]) for place in places))
    if free:  # the person's own words, different in most rows: checked outside the cache
        filled = list(values)
        for column, place in free:
            filled[column] = _words(record, column, cells[place])
        values = tuple(filled)
    return ImportRow(number, record, number_id, moment.astimezone(UTC), zone.day_of(moment), values)


_AT = {name: place for place, name in enumerate(HEADER)}


def _places(kind: RecordKind) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    """Where a kind's fields are in a row: the cells its cached check reads (every
    exported field but free text, in field order), and for each free-text field its
    place among the kind's columns and in the row."""
    checked = tuple(_AT[str(f.export)] for f in kind.exported if not f.free)
    free = tuple((kind.columns.index(f.name), _AT[str(f.export)])
                 for f in kind.exported if f.free)  # fmt: skip
    return checked, free


_PLACES = {kind.name: _places(kind) for kind in KINDS}


def _words(record: str, column: int, value: Any) -> str | None:
    """A free-text cell (a note, a cause), kept exactly; None when empty."""
    if value is None or value == "":
        return None
    try:
        return text(value)
    except ValueError as exc:
        field = kind_named(record).fields[column]
        raise ValueError(FieldError(str(exc), field).said(lambda f: f.export)) from None


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


# The same few names and numbers fill most cells of a big file: check each combination once.
# (Cells are str, numbers, None or a tuple of symptoms here; typed keeps 1 apart from true.)
@lru_cache(maxsize=4096, typed=True)
def _checked(record: str, raw: tuple[Any, ...]) -> tuple[Any, ...]:
    """The kind's values in the order of its columns, checked by its one checker
    (domain/record_checks.py), a refusal naming the column."""
    kind = kind_named(record)
    fields = [field for field in kind.exported if not field.free]
    given = {
        field.name: list(value) if isinstance(value, tuple) else value
        for field, value in zip(fields, raw, strict=True)
    }
    try:
        values = check_record(kind, given)
    except FieldError as exc:
        raise ValueError(exc.said(lambda field: field.export)) from None
    return tuple(values[column] for column in kind.columns)


def _given(value: Any) -> bool:
    return value not in (None, "", [], ()) and not (isinstance(value, str) and not value.strip())


def _text(value: Any, name: str, *, strip: bool = True) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, not {json.dumps(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{name} holds characters that are not valid Unicode") from None
    if "\x00" in value:  # no journal keeps one: PostgreSQL's text cannot hold it
        raise ValueError(f"{name} holds a NUL character (\\u0000); take it out")
    return (value.strip() or None) if strip else value


def _record_type(value: Any) -> str:
    if value in KIND_NAMES:
        return str(value)
    if not _given(value):
        raise ValueError(f"record is missing; use {record_list()}")
    key = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if key not in KIND_NAMES:
        raise ValueError(f"unknown record type '{value}'; use {record_list()}")
    return key


def _whole(value: Any) -> str:
    """A JSON number or a cell as the text the add commands would have been given."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return json.dumps(value)
    return str(value)


def _ident(value: Any) -> int | None:
    if value == "" or value is None:
        return None
    text = _whole(value).strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID):
        raise ValueError(f"id must be a whole number above 0 (empty: a new record), not '{text}'")
    return int(text)


def _instant(value: Any, zone: LocalZone, latest: datetime) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"at must be text such as {_EXAMPLE}, not {json.dumps(value)}")
    if not (text := value.strip()):
        raise ValueError(f"at is missing; give the time as {_EXAMPLE}")
    if not _ISO_FORM.match(text):  # the forms `add --at` takes, not compact ISO
        raise ValueError(f"cannot read at '{text}'; use ISO 8601: {_EXAMPLE}")
    try:
        if len(text) == 10:  # a calendar day means noon local, as for `add --at`
            moment = zone.localize(datetime.combine(date.fromisoformat(text), NOON))
        else:
            moment = datetime.fromisoformat(text)
            moment = zone.localize(moment) if moment.tzinfo is None else moment
    except ValueError:
        raise ValueError(f"cannot read at '{text}'; use ISO 8601: {_EXAMPLE}") from None
    if moment.year < 1900:
        raise ValueError(f"at '{text}' is too far in the past")
    if moment > latest:
        raise ValueError(f"at '{text}' is in the future; entries are logged when they happen")
    return moment


def _dose(amount: Any, unit: str | None) -> Dose | None:
    """A limit's dose: its amount checked as a remedy's is, with its unit beside it or in it."""
    if not _given(amount):
        if unit is not None:
            raise ValueError(f"unit '{unit}' has no amount")
        return None
    try:
        found = field_checks.amount(amount)
    except ValueError as exc:
        refused = FieldError(str(exc), REMEDY.by_export("amount"))
        raise ValueError(refused.said(lambda field: field.export)) from None
    if isinstance(found, Several):  # '400mg'
        return Dose(found["amount"], found["unit"])
    if unit is None:
        raise ValueError(f"amount {_whole(amount)} needs a unit, like mg or tablets")
    return Dose(found, canonical_unit(unit))


def check_limit(item: dict[str, Any]) -> ImportLimit:
    name = _text(item.get("remedy"), "remedy")
    if name is None:
        raise ValueError("remedy is missing")
    ceiling, days = item.get("max_daily"), item.get("max_days")
    if isinstance(ceiling, dict):
        ceiling = _dose(ceiling.get("amount"), _text(ceiling.get("unit"), "unit"))
    elif isinstance(ceiling, str):
        ceiling = parse_dose(ceiling)
    elif ceiling is not None:
        raise ValueError('max_daily must be {"amount": 1200, "unit": "mg"} or null')
    if days is not None and (type(days) is not int or not 1 <= days <= 365):
        raise ValueError(f"max_days must be a whole number from 1 to 365, not {json.dumps(days)}")
    in_30 = item.get("max_days_in_30")
    if in_30 is not None and (type(in_30) is not int or not 1 <= in_30 <= 30):
        shown = json.dumps(in_30)
        raise ValueError(f"max_days_in_30 must be a whole number from 1 to 30, not {shown}")
    if ceiling is None and days is None and in_30 is None:
        raise ValueError("a limit needs max_daily, max_days or max_days_in_30")
    return ImportLimit(normalise_remedy(name), ceiling, days, in_30)
