"""Checking one imported record with the rules the add commands use (a checker per kind).

Pure: no database and no clock; the caller passes the zone and the latest moment allowed.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sorelog.domain.doses import Dose, canonical_unit, check_decimals, parse_amount, parse_dose
from sorelog.domain.inputs import MAX_TEXT
from sorelog.domain.kinds import (
    CHECKIN,
    KIND_NAMES,
    MAX_ID,
    REMEDY,
    SIDE_EFFECT,
    SORENESS,
    WORKOUT,
    record_list,
)
from sorelog.domain.names import normalise_effect, normalise_remedy, workout_name
from sorelog.domain.parts import (
    Quality,
    Side,
    parse_severity,
    parse_symptom,
    resolve_part,
    workout_parts,
)
from sorelog.domain.peg import parse_answer
from sorelog.domain.values import ImportLimit, ImportRow
from sorelog.domain.when import NOON, LocalZone
from sorelog.formats.columns import HEADER, UNUSED

_EXAMPLE = "2026-11-20T08:30:00+01:00"
_ISO_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}.*)?$", re.ASCII)


def check_row(number: int, cells: list[Any], zone: LocalZone, latest: datetime) -> ImportRow:
    """Check one record's cells, given in HEADER order; `latest` is the last moment allowed."""
    for index, value in enumerate(cells):
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(f"{HEADER[index]} holds a NUL character (\\u0000); take it out")
    record = _record_type(cells[0])
    for index in UNUSED[record]:
        value = cells[index]
        if value is not None and value != "" and _given(value):
            raise ValueError(f"{HEADER[index]} does not apply to a {record} record; leave it empty")
    number_id = _ident(cells[1])
    moment = _instant(cells[2], zone, latest)
    note = _free_text(cells[_AT["note"]], "note")
    values = (*CHECKERS[record](cells), note)
    return ImportRow(number, record, number_id, moment.astimezone(UTC), zone.day_of(moment), values)


_AT = {name: place for place, name in enumerate(HEADER)}


def _soreness_values(cells: list[Any]) -> tuple[Any, ...]:
    part, side, severity, sort, symptoms = _soreness(
        *(cells[_AT[key]] for key in ("body_part", "side", "severity", "kind", "symptoms"))
    )
    return part, side, severity, sort, _free_text(cells[_AT["cause"]], "cause"), symptoms


def _remedy_values(cells: list[Any]) -> tuple[Any, ...]:
    return _remedy(*(cells[_AT[key]] for key in ("remedy", "amount", "unit", "body_part", "side")))


def _side_effect_values(cells: list[Any]) -> tuple[Any, ...]:
    return _side_effect(*(cells[_AT[key]] for key in ("effect", "remedy", "severity")))


def _workout_values(cells: list[Any]) -> tuple[Any, ...]:
    return _workout(cells[_AT["cause"]], cells[_AT["body_part"]])


def _checkin_values(cells: list[Any]) -> tuple[Any, ...]:
    return _checkin(*(cells[_AT[key]] for key in ("severity", "enjoyment", "activity")))


# Each kind's checker: its fields (domain.kinds) but the note, checked as its add command would.
CHECKERS: dict[str, Callable[[list[Any]], tuple[Any, ...]]] = {
    SORENESS.name: _soreness_values,
    REMEDY.name: _remedy_values,
    SIDE_EFFECT.name: _side_effect_values,
    WORKOUT.name: _workout_values,
    CHECKIN.name: _checkin_values,
}


# The same few names and numbers fill most cells of a big file: check each combination once.
# (Cells are str, numbers, None or a tuple of symptoms here; typed keeps 1 apart from true.)
_cached = lru_cache(maxsize=4096, typed=True)


@_cached
def _soreness(part: Any, side: Any, severity: Any, kind: Any, symptoms: Any) -> tuple[Any, ...]:
    text = _text(part, "body_part")
    if text is None:
        raise ValueError("body_part is missing; a soreness record needs one, like quads")
    body_part, chosen_side = _part(text, side)
    level = _severity(severity, required=True)
    if (kind := _text(kind, "kind")) is not None:
        try:
            kind = Quality(kind.lower()).value
        except ValueError:
            raise ValueError(f"kind must be one of {', '.join(Quality)}, not '{kind}'") from None
    return body_part, chosen_side, level, kind, _symptoms(symptoms)


@_cached
def _remedy(name: Any, amount: Any, unit: Any, part: Any, side: Any) -> tuple[Any, ...]:
    if (name := _text(name, "remedy")) is None:
        raise ValueError("remedy is missing; a remedy record needs the remedy's name")
    body_part = chosen_side = None
    if (text := _text(part, "body_part")) is not None:
        body_part, chosen_side = _part(text, side)
    elif _text(side, "side") is not None:
        raise ValueError("side needs a body_part")
    dose = _dose(amount, _text(unit, "unit"))
    amount, unit = (dose.amount, dose.unit) if dose else (None, None)
    return normalise_remedy(name), amount, unit, body_part, chosen_side


@_cached
def _side_effect(effect: Any, remedy: Any, severity: Any) -> tuple[Any, ...]:
    if (effect := _text(effect, "effect")) is None:
        raise ValueError("effect is missing; a side_effect record needs one, like nausea")
    remedy = _text(remedy, "remedy")
    return (
        normalise_effect(effect),
        normalise_remedy(remedy) if remedy is not None else None,
        _severity(severity, required=False),
    )


@_cached
def _workout(name: Any, parts: Any) -> tuple[Any, ...]:
    if (name := _free_text(name, "cause")) is None:
        raise ValueError("cause is missing; a workout record has its name there, like leg day")
    name = workout_name(name)
    if (text := _text(parts, "body_part")) is None:
        raise ValueError("body_part is missing; a workout record lists its parts, like quads;hams")
    return name, ";".join(workout_parts([text]))


# What each PEG answer is, by its column, for the message when one is missing.
_PEG_COLUMNS = {
    "severity": "the average pain",
    "enjoyment": "how much pain interfered with enjoyment of life",
    "activity": "how much pain interfered with general activity",
}


@_cached
def _checkin(pain: Any, enjoyment: Any, activity: Any) -> tuple[Any, ...]:
    answers = []
    for column, value in zip(_PEG_COLUMNS, (pain, enjoyment, activity), strict=True):
        if not _given(value):
            raise ValueError(
                f"{column} is missing; a checkin record has {_PEG_COLUMNS[column]} there, 0 to 10"
            )
        answers.append(parse_answer(_whole(value), column))
    return tuple(answers)


def _given(value: Any) -> bool:
    return value not in (None, "", [], ()) and not (isinstance(value, str) and not value.strip())


def _free_text(value: Any, name: str) -> str | None:
    """The person's own words (a note, a cause, a workout's name), kept exactly as they
    are in the file: spaces, tabs and line ends too; None only when empty."""
    if value is None or value == "":
        return None
    text = _text(value, name, strip=False)
    if text is not None and len(text) > MAX_TEXT:
        raise ValueError(f"{name} is longer than {MAX_TEXT:,} characters")
    return text


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


def _severity(value: Any, *, required: bool) -> int | None:
    if not _given(value):
        if required:
            raise ValueError("severity is missing; a soreness record needs 0 to 10")
        return None
    return parse_severity(_whole(value))


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


def _part(text: str, side: Any) -> tuple[str, str | None]:
    body_part, prefix = resolve_part(text)
    if (side := _text(side, "side")) is not None:
        try:
            side = Side(side.lower()).value
        except ValueError:
            raise ValueError(f"side must be left, right or both, not '{side}'") from None
    if prefix and side and prefix != side:
        raise ValueError(f"two different sides: '{prefix}' in body_part and '{side}' in side")
    return body_part, prefix or side


def _symptoms(value: Any) -> str:
    """Symptom names, checked and without repeats, joined by ';' as the journal keeps them."""
    if not _given(value):
        return ""
    found: list[str] = []
    for name in value.split(";") if isinstance(value, str) else value:
        if not isinstance(name, str):
            raise ValueError("symptoms must be names, like swelling or headache")
        key = parse_symptom(name) if name.strip() else ""
        if key and key not in found:
            found.append(key)
    return ";".join(found)


def _dose(amount: Any, unit: str | None) -> Dose | None:
    if not _given(amount):
        if unit is not None:
            raise ValueError(f"unit '{unit}' has no amount")
        return None
    if isinstance(amount, str) and unit is None:
        return parse_dose(amount)  # a spreadsheet cell such as '400mg'
    if unit is None:
        raise ValueError(f"amount {_whole(amount)} needs a unit, like mg or tablets")
    if isinstance(amount, bool) or not isinstance(amount, int | float | str):
        raise ValueError(f"amount must be a number, not {json.dumps(amount)}")
    try:
        number = parse_amount(amount) if isinstance(amount, str) else float(amount)
    except ValueError as exc:
        if "ambiguous" in str(exc) or "decimal places" in str(exc):
            raise
        raise ValueError(f"amount must be a number, like 400 or 1.5, not '{amount}'") from None
    if not math.isfinite(number) or number <= 0:
        raise ValueError(f"amount {_whole(amount)} must be a number more than zero")
    check_decimals(number, _whole(amount))
    if number > 1e9:
        raise ValueError(f"amount {_whole(amount)} is too large")
    return Dose(number, canonical_unit(unit))


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
