"""The export formats: writing CSV and JSON, and reading them back checked like the add commands.

Pure: no database and no clock (the caller passes the zone and `now`), so every rule
can be tested alone, and an import is refused before the journal is touched.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import IO, Any, NamedTuple

from sorelog.doses import Dose, canonical_unit, parse_dose
from sorelog.errors import InputError
from sorelog.names import normalise_effect, normalise_remedy
from sorelog.parts import Kind, Side, Symptom, parse_severity, resolve_part
from sorelog.textsafe import printable
from sorelog.when import NOON, LocalZone

# The spec's CSV header; the same keys as store.records_io.COLUMNS (a test keeps them equal).
HEADER = (
    "record", "id", "at", "body_part", "side", "severity", "kind", "cause", "symptoms",
    "remedy", "amount", "unit", "effect", "note",
)  # fmt: skip
RECORD_TYPES = ("soreness", "remedy", "side_effect")
# The values each record type keeps besides id, at and day, in the order of Row.values.
FIELDS = {
    "soreness": ("body_part", "side", "severity", "kind", "cause", "symptoms", "note"),
    "remedy": ("remedy", "amount", "unit", "body_part", "side", "note"),
    "side_effect": ("effect", "remedy", "severity", "note"),
}
LIMIT_KEYS = ("remedy", "max_daily", "max_days")
# The columns each record type leaves empty.
_UNUSED = {
    record: tuple(i for i, name in enumerate(HEADER) if i > 2 and name not in names)
    for record, names in FIELDS.items()
}
PROGRESS_STEP = 1000
MAX_ID = 2**53 - 1  # the largest whole number every JSON reader keeps exact
_CLOCK_GRACE = timedelta(minutes=1)  # as for `add --at`
_EXAMPLE = "2026-11-20T08:30:00+01:00"


class Row(NamedTuple):
    """One checked record from a file (a tuple: 100,000 of them stay small)."""

    number: int  # its line (CSV) or its place in "records" (JSON), for messages
    record: str
    id: int | None
    at: datetime  # aware, UTC
    day: date  # local calendar day of `at`
    values: tuple[Any, ...]  # FIELDS[record], in order; symptoms joined by ";"


class LimitRow(NamedTuple):
    """A remedy limit from a JSON file."""

    remedy: str
    max_daily: Dose | None
    max_days: int | None


class ImportFile(NamedTuple):
    counted_in: str  # "line" (CSV) or "record" (JSON): what Row.number counts
    rows: list[Row]
    limits: list[LimitRow]

    def where(self, row: Row) -> str:
        return f"{self.counted_in} {row.number}"


Tick = Callable[[int], None]

# -- writing ----------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return repr(value) if isinstance(value, float) else str(value)


def write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """The spec's CSV: the header, then one row per record, empty cells where nothing applies."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows([_cell(record[name]) for name in HEADER] for record in records)


def write_json(
    records: Iterable[dict[str, Any]], limits: list[dict[str, Any]], out: IO[str]
) -> None:
    """`{"records": [...], "limits": [...]}`, one record a line so the file diffs well."""

    def items(values: Iterable[dict[str, Any]]) -> str:
        lines = [json.dumps(value, ensure_ascii=False) for value in values]
        return "[\n    " + ",\n    ".join(lines) + "\n  ]" if lines else "[]"

    out.write(f'{{\n  "records": {items(records)},\n  "limits": {items(limits)}\n}}\n')


# -- reading ----------------------------------------------------------------


def read_import(
    data: bytes, name: str, zone: LocalZone, now: datetime, tick: Tick | None = None
) -> ImportFile:
    """Parse and check every row of an export file; InputError names the first bad one."""
    label = printable(name)
    if not data or data.isspace():
        raise InputError(f"{label} is empty; export a journal with: sorelog export -o FILE")
    if b"\x00" in data:
        raise InputError(f"{label} is a binary file, not a sorelog export (CSV or JSON)")
    if data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"{label} is not UTF-8 text (byte {exc.start + 1})") from None
        return ImportFile("record", *_check_all(_json_records(text), "record", zone, now, tick))
    return ImportFile("line", *_check_all(_csv_records(data), "line", zone, now, tick))


# (number of its line or record, "row" or "limit", its cells (a limit's keys) or what is wrong)
Item = tuple[int, str, "list[Any] | dict[str, Any] | ValueError"]


def _lines(data: bytes) -> Iterator[str]:
    """Decode line by line: a big file as one string would cost several times its size."""
    for number, line in enumerate(io.BytesIO(data), 1):
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            message = f"line {number}: not UTF-8 text; save the file as 'CSV UTF-8'"
            raise InputError(message) from None


def _csv_records(data: bytes) -> Iterator[Item]:
    """Rows as dicts by header name; InputError where the file itself stops making sense."""
    reader = csv.reader(_lines(data), strict=True)
    end, header = 0, None
    while True:
        start = end + 1
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            message = f"line {start}: broken CSV quoting ({exc}); check the quotes"
            raise InputError(message) from None
        if cells is None:
            break
        end = reader.line_num
        if not cells or not (cells[0].strip() or any(cell.strip() for cell in cells)):
            continue  # blank lines, and spreadsheet rows left empty
        while len(cells) > len(HEADER) and not cells[-1].strip():
            cells.pop()  # trailing empty columns a spreadsheet may add
        if header is None:
            header = tuple(cell.strip().lower() for cell in cells)
            if header != HEADER:
                shown = ",".join(header)
                shown = shown if len(shown) <= 60 else shown[:57] + "..."
                raise InputError(
                    f"line {start}: the header must be {','.join(HEADER)}, not '{shown}'"
                )
        elif len(cells) != len(HEADER):
            yield start, "row", ValueError(f"{len(cells)} cells, the header has {len(HEADER)}")
        else:
            yield start, "row", cells
    if header is None:
        raise InputError(f"line 1: no header; a sorelog CSV starts with {','.join(HEADER)}")


def _json_records(text: str) -> Iterator[Item]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"line {exc.lineno}: not valid JSON: {exc.msg} (column {exc.colno})"
        raise InputError(message) from None
    except RecursionError:
        raise InputError("line 1: not valid JSON: nested too deeply") from None
    shape = 'a sorelog JSON export is {"records": [...], "limits": [...]}'
    if not isinstance(document, dict) or not isinstance(document.get("records"), list):
        raise InputError(f"line 1: {shape}")
    if set(document) - {"records", "limits"} or not isinstance(document.get("limits", []), list):
        raise InputError(f"line 1: {shape}")
    for kind, items in (("record", document["records"]), ("limit", document.get("limits", []))):
        for number, item in enumerate(items, 1):
            if not isinstance(item, dict):
                yield number, kind, ValueError("not a JSON object")
            elif extra := sorted(set(item) - set(HEADER if kind == "record" else LIMIT_KEYS)):
                yield number, kind, ValueError(f"unknown key '{extra[0]}'")
            elif kind == "record":
                problem = _scalars(item)
                yield number, kind, problem or [item.get(key) for key in HEADER]
            else:
                yield number, kind, item


def _scalars(item: dict[str, Any]) -> ValueError | None:
    """A JSON record with only the kinds of values a CSV row could have (symptoms: a tuple)."""
    for key, value in item.items():
        if key == "symptoms" and isinstance(value, list):
            if not all(isinstance(name, str) for name in value):
                return ValueError('symptoms must be a list of names, like ["swelling"]')
            item[key] = tuple(value)
        elif isinstance(value, dict | list):
            return ValueError(f"{key} must be text or a number, not {type(value).__name__}")
    return None


def _check_all(
    items: Iterable[Item], where: str, zone: LocalZone, now: datetime, tick: Tick | None
) -> tuple[list[Row], list[LimitRow]]:
    """Check everything, counting bad rows; stop early only where the file cannot be read on."""
    rows: list[Row] = []
    limits: list[LimitRow] = []
    latest = now + _CLOCK_GRACE
    first: str | None = None
    bad = 0
    try:
        for count, (number, kind, item) in enumerate(items, 1):
            if tick and count % PROGRESS_STEP == 0:
                tick(PROGRESS_STEP)
            try:
                if isinstance(item, ValueError):
                    raise item
                if isinstance(item, dict):  # a limit: records come as lists of cells
                    limits.append(_limit(item))
                else:
                    rows.append(_row(number, item, zone, latest))
            except ValueError as exc:
                bad += 1
                first = first or f"{'limit' if kind == 'limit' else where} {number}: {exc}"
    except InputError as exc:
        bad += 1
        first = first or exc.message
    if first is not None:
        more = f" (and {bad - 1} more bad {'row' if bad == 2 else 'rows'})" if bad > 1 else ""
        raise InputError(first + more)
    return rows, limits


# -- one record ---------------------------------------------------------------


def _row(number: int, cells: list[Any], zone: LocalZone, latest: datetime) -> Row:
    """Check one record's cells, given in HEADER order; `latest` is the last moment allowed."""
    kind, ident, at, part, side, severity, sort, cause, symptoms = cells[:9]
    remedy, amount, unit, effect, note = cells[9:]
    record = _record_type(kind)
    for index in _UNUSED[record]:
        value = cells[index]
        if value is not None and value != "" and _given(value):
            raise ValueError(f"{HEADER[index]} does not apply to a {record} record; leave it empty")
    number_id = _ident(ident)
    moment = _instant(at, zone, latest)
    note = _text(note, "note")
    if record == "soreness":
        part, side, severity, sort, symptoms = _soreness(part, side, severity, sort, symptoms)
        cause = _text(cause, "cause")
        values: tuple[Any, ...] = (part, side, severity, sort, cause, symptoms, note)
    elif record == "remedy":
        values = (*_remedy(remedy, amount, unit, part, side), note)
    else:
        values = (*_side_effect(effect, remedy, severity), note)
    return Row(number, record, number_id, moment.astimezone(UTC), zone.day_of(moment), values)


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
            kind = Kind(kind.lower()).value
        except ValueError:
            raise ValueError(f"kind must be one of {', '.join(Kind)}, not '{kind}'") from None
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


_SYMPTOMS = frozenset(s.value for s in Symptom)


def _given(value: Any) -> bool:
    return value not in (None, "", [], ()) and not (isinstance(value, str) and not value.strip())


def _text(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, not {json.dumps(value)}")
    return value.strip() or None


def _record_type(value: Any) -> str:
    if value in FIELDS:
        return str(value)
    if not _given(value):
        raise ValueError("record is missing; use soreness, remedy or side_effect")
    key = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if key not in RECORD_TYPES:
        raise ValueError(f"unknown record type '{value}'; use soreness, remedy or side_effect")
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
        key = name.strip().lower()
        if key and key not in _SYMPTOMS:
            raise ValueError(f"unknown symptom '{name.strip()}'; use {', '.join(Symptom)}")
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
        number = float(amount.strip().replace(",", ".", 1) if isinstance(amount, str) else amount)
    except ValueError:
        raise ValueError(f"amount must be a number, like 400 or 1.5, not '{amount}'") from None
    if not math.isfinite(number) or number <= 0:
        raise ValueError(f"amount {_whole(amount)} must be a number more than zero")
    if number > 1e9:
        raise ValueError(f"amount {_whole(amount)} is too large")
    return Dose(number, canonical_unit(unit))


def _limit(item: dict[str, Any]) -> LimitRow:
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
    if ceiling is None and days is None:
        raise ValueError("a limit needs max_daily, max_days or both")
    return LimitRow(normalise_remedy(name), ceiling, days)
