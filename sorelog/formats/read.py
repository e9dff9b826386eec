"""Reading an export file (CSV or JSON) back, every row checked as the add commands check it.

Pure: no database and no clock (the caller passes the zone and `now`), so every rule
can be tested alone, and an import is refused before the journal is touched.
"""

from __future__ import annotations

import csv
import json
import shlex
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any, BinaryIO

from sorelog.domain.errors import InputError
from sorelog.domain.field_checks import MAX_TEXT
from sorelog.domain.kinds import REMEDY
from sorelog.domain.safe_text import printable
from sorelog.domain.values import ImportFile, ImportRow
from sorelog.domain.when import LocalZone
from sorelog.formats.check import check_limit, check_row
from sorelog.formats.columns import FIRST_HEADER, HEADER, LIMIT_KEYS
from sorelog.formats.formulas import TEXT_PLACES, restore
from sorelog.formats.spool import RowSpool
from sorelog.formats.watch_exports import WatchExport, watch_export

PROGRESS_STEP = 1000
_CLOCK_GRACE = timedelta(minutes=1)  # as for `add --at`


Tick = Callable[[int], None]


def read_import(
    source: BinaryIO, name: str, zone: LocalZone, now: datetime, tick: Tick | None = None
) -> ImportFile:
    """Parse and check every row of an export file; InputError names the first bad one.

    A CSV file is read line by line, once; the checked rows are kept on disk (formats.spool),
    so memory stays flat however long the file is.
    """
    label = printable(name)
    head = _read_head(source)
    refuse_watch_export(head, name)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        data = head + source.read()
        if b"\x00" in data:
            raise InputError(f"{label} is a binary file, not a sorelog export (CSV or JSON)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"{label} is not UTF-8 text (byte {exc.start + 1})") from None
        del data
        locate = _json_locator(text)
        return _check_all(_json_records(text), locate, zone, now, tick)
    return _check_all(_csv_records(_byte_lines(head, source), label), _csv_locate, zone, now, tick)


_HEAD = 4096  # where a JSON file shows itself: its first non-blank byte


def refuse_watch_export(head: bytes, name: str) -> None:
    """InputError when a file's first bytes show a watch or phone export: said before the
    file is read any further (a 500 MB export.xml need not be read to be refused)."""
    if found := watch_export(head[:_HEAD]):
        raise InputError(_use_workout_import(name, found))


def _use_workout_import(name: str, found: WatchExport) -> str:
    """The one line for a watch or phone export given to `sorelog import`: the command
    that reads it, with the file's path ready to paste; for stdin, or a file whose name
    `workout import` would not know it by, the name to save it under first."""
    said = f"looks like a watch or phone export ({found.kind})"
    if name != "-" and found.fits(name):
        command = f"sorelog workout import {shlex.quote(printable(name))}"
        return f"{printable(name)} {said}; add its sessions as workouts with: {command}"
    named = f"*{found.named}" if found.named.startswith(".") else found.named
    shown = "stdin" if name == "-" else printable(name)
    return (
        f"{shown} {said}; saved as a file named {named}, its sessions are added as workouts "
        "by: sorelog workout import PATH"
    )


def _read_head(source: BinaryIO) -> bytes:
    """The first _HEAD bytes, however the stream hands them over (a pipe may give fewer)."""
    head = b""
    while len(head) < _HEAD and (more := source.read(_HEAD - len(head))):
        head += more
    return head


class LineLimit:
    """Watches blocks of a CSV stream being copied (stdin, a pipe) and refuses a line longer
    than MAX_LINE_BYTES as soon as it is, so an endless line is never read to its end. A
    JSON stream, which may be one long line, is left to its own reader."""

    def __init__(self) -> None:
        self.lines = 0  # line ends seen
        self.tail = 0  # bytes since the last line end
        self.json: bool | None = None

    def feed(self, block: bytes) -> None:
        if self.json is None and (start := block.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]):
            self.json = start in (b"{", b"[")
        ends = block.count(b"\n")
        first = block.find(b"\n")
        longest = self.tail + (len(block) if first == -1 else first)
        if ends:
            self.tail = len(block) - block.rfind(b"\n") - 1
        else:
            self.tail += len(block)
        if not self.json and max(longest, self.tail) > MAX_LINE_BYTES:
            number = self.lines + (1 if longest > MAX_LINE_BYTES else ends + 1)
            raise _too_long(number)
        self.lines += ends


def _too_long(number: int) -> InputError:
    return InputError(
        f"line {number}: longer than {MAX_LINE_BYTES >> 20} MiB; a sorelog export has no "
        "line that long"
    )


def _byte_lines(head: bytes, source: BinaryIO) -> Iterator[bytes]:
    """The stream's lines, each with its b"\\n", as iterating over a bytes file gives them.

    A line's pieces are joined once, when its end comes, so time grows with the bytes read
    whatever the line lengths; a line longer than MAX_LINE_BYTES is refused as soon as it
    is, without reading the rest of it.
    """
    pieces: list[bytes] = []
    size, number, data = 0, 1, head
    while data:
        start = 0
        while (end := data.find(b"\n", start)) != -1:
            yield b"".join([*pieces, data[start : end + 1]]) if pieces else data[start : end + 1]
            pieces, size, number, start = [], 0, number + 1, end + 1
        if start < len(data):
            pieces.append(data[start:])
            size += len(data) - start
            if size > MAX_LINE_BYTES:
                raise _too_long(number)
        data = source.read(1 << 16)
    if pieces:
        yield b"".join(pieces)


def _csv_locate(kind: str, number: int) -> str:
    return f"line {number}"


def _json_locator(text: str) -> Callable[[str, int], str]:
    """Name a JSON record or limit by the line it starts on (found only when one is bad)."""
    starts: dict[str, list[int]] = {}

    def locate(kind: str, number: int) -> str:
        if not starts:
            starts.update(_json_element_starts(text))
        offsets = starts.get(kind + "s", [])
        if 0 < number <= len(offsets):
            return f"line {text.count(chr(10), 0, offsets[number - 1]) + 1} ({kind} {number})"
        return f"{kind} {number}"

    return locate


def _json_element_starts(text: str) -> dict[str, list[int]]:
    """Where each element of the top-level "records" and "limits" arrays starts."""
    decoder = json.JSONDecoder()
    found: dict[str, list[int]] = {}

    def skip(i: int) -> int:
        while i < len(text) and text[i] in " \t\r\n\ufeff":
            i += 1
        return i

    i = skip(0) + 1  # past "{"
    while (i := skip(i)) < len(text) and text[i] != "}":
        key, i = scanstring(text, i + 1)
        i = skip(skip(i) + 1)  # past ":"
        if key in ("records", "limits") and text[i] == "[":
            found[key] = []
            i = skip(i + 1)
            while text[i] != "]":
                found[key].append(i)
                _, i = decoder.raw_decode(text, i)
                i = skip(i)
                i = skip(i + 1) if text[i] == "," else i
            i += 1
        else:
            _, i = decoder.raw_decode(text, i)
        i = skip(i)
        i = i + 1 if i < len(text) and text[i] == "," else i
    return found


# (number of its line or record, "row" or "limit", its cells (a limit's keys) or what is wrong)
Item = tuple[int, str, "list[Any] | dict[str, Any] | ValueError"]


class _NotText(InputError):
    """The file is not text at all: said at once, whatever else is wrong with it."""


def _refuse_binary(raw: Iterator[bytes], label: str) -> None:
    """Before a file is refused for a line it cannot read, see whether it is text at all."""
    if any(b"\x00" in line for line in raw):
        raise _NotText(f"{label} is a binary file, not a sorelog export (CSV or JSON)")


def _lines(raw: Iterator[bytes], label: str, blank: list[bool]) -> Iterator[str]:
    """Decode line by line; `blank` stays [True] while every line so far is whitespace."""
    for number, line in enumerate(raw, 1):
        if b"\x00" in line:
            raise _NotText(f"{label} is a binary file, not a sorelog export (CSV or JSON)")
        if blank[0] and not line.isspace():
            blank[0] = False
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            _refuse_binary(raw, label)
            message = f"line {number}: not UTF-8 text; save the file as 'CSV UTF-8'"
            raise InputError(message) from None


def _csv_records(lines: Iterable[bytes], label: str) -> Iterator[Item]:
    """Rows as dicts by header name; InputError where the file itself stops making sense."""
    # A cell may be as long as the longest text sorelog keeps (the csv module's default
    # stops at 128 KiB); a longer one is refused when the reader reaches its limit.
    csv.field_size_limit(MAX_CELL)
    blank, raw = [True], iter(lines)
    reader = csv.reader(_lines(raw, label, blank), strict=True)
    end, header, missing = 0, None, []
    while True:
        start = end + 1
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            if "field limit" in str(exc):
                message = f"line {start}: a cell longer than {MAX_TEXT:,} characters"
                raise InputError(message) from None
            _refuse_binary(raw, label)
            message = f"line {start}: broken CSV quoting ({exc}); check the quotes"
            raise InputError(message) from None
        if cells is None:
            break
        end = reader.line_num
        if not cells or not (cells[0].strip() or any(cell.strip() for cell in cells)):
            continue  # blank lines, and spreadsheet rows left empty
        while len(cells) > (len(header) if header else 1) and not cells[-1].strip():
            cells.pop()  # trailing empty columns a spreadsheet may add
        if header is None:
            header = tuple(cell.strip().lower() for cell in cells)
            if not _known_header(header):
                _refuse_binary(raw, label)
                raise InputError(f"line {start}: {_header_problem(header)}")
            missing = [""] * (len(HEADER) - len(header))  # columns added since: empty
        elif len(cells) != len(header):
            yield start, "row", ValueError(f"{len(cells)} cells, the header has {len(header)}")
        else:
            cells += missing
            for place in TEXT_PLACES:  # the quote export put before a would-be formula
                cells[place] = restore(cells[place])
            yield start, "row", cells
    if header is None:
        if blank[0]:
            raise _NotText(f"{label} is empty; export a journal with: sorelog export -o FILE")
        raise InputError(f"line 1: no header; a sorelog CSV starts with {','.join(HEADER)}")


MAX_CELL = MAX_TEXT + 1  # the csv module's limit is on the characters of one cell
MAX_LINE_BYTES = 16 << 20  # the longest text, 4 bytes a character and quotes doubled: less


def _known_header(header: tuple[str, ...]) -> bool:
    """This sorelog's header, or an older one: the header only ever grows at its end."""
    return len(FIRST_HEADER) <= len(header) <= len(HEADER) and header == HEADER[: len(header)]


SHOWN_COLUMNS = 5  # unknown columns a header's message names


def _header_problem(header: tuple[str, ...]) -> str:
    """Say which columns are missing, unknown or out of order."""
    known = [HEADER.index(name) for name in header if name in HEADER]
    if not known:  # another program's file: its columns and ours have nothing to compare
        first = ", ".join(printable(name) for name in header[:SHOWN_COLUMNS])
        first += ", ..." if len(header) > SHOWN_COLUMNS else ""
        return (f"not a sorelog export: none of its columns is one sorelog writes (its "
                f"first line reads {first}); the header must be {','.join(HEADER)}")  # fmt: skip
    needed = HEADER[: max(len(FIRST_HEADER), max(known, default=0) + 1)]  # older files stop early
    missing = [name for name in needed if name not in header]
    unknown = [printable(name) for name in header if name not in HEADER]
    parts = []
    if missing:
        parts.append(f"missing column{'s' * (len(missing) > 1)} {', '.join(missing)}")
    if unknown:  # a foreign file's header may have dozens: the first few say enough
        shown = ", ".join(unknown[:SHOWN_COLUMNS])
        more = len(unknown) - SHOWN_COLUMNS
        shown += f" and {more} more" if more > 0 else ""
        parts.append(f"unknown column{'s' * (len(unknown) > 1)} {shown}")
    problem = "; ".join(parts) or "columns out of order"
    older = "a file from an older sorelog may stop after note"
    return f"{problem}; the header must be {','.join(HEADER)} ({older})"


def _json_records(text: str) -> Iterator[Item]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"line {exc.lineno}: not valid JSON: {exc.msg} (column {exc.colno})"
        raise InputError(message) from None
    except RecursionError:
        raise InputError("line 1: not valid JSON: nested too deeply") from None
    except ValueError:  # Python refuses to read a whole number of thousands of digits
        raise InputError("not valid JSON: a number in it has over 4,300 digits") from None
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
                cells = [item.get(key) for key in HEADER]
                yield number, kind, problem or _no_nul(cells) or cells
            else:
                yield number, kind, item


def _no_nul(cells: list[Any]) -> ValueError | None:
    """A JSON string may hold \\u0000, which no journal keeps (PostgreSQL's text cannot); a
    CSV line holding a NUL byte is refused as a binary file before its cells are read."""
    for name, value in zip(HEADER, cells, strict=True):
        if isinstance(value, str) and "\x00" in value:
            return ValueError(f"{name} holds a NUL character (\\u0000); take it out")
    return None


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
    items: Iterable[Item],
    locate: Callable[[str, int], str],
    zone: LocalZone,
    now: datetime,
    tick: Tick | None,
) -> ImportFile:
    """Check everything, counting bad rows; stop early only where the file cannot be read on.

    Checked rows go to a spool as they come, with what planning needs to know of them
    (types, days, ids, doses), so nothing is held per row.
    """
    spool = RowSpool()
    found = ImportFile(locate, spool.rows, [], close=spool.close)
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
                    found.limits.append(check_limit(item))
                elif first is None:
                    row = check_row(number, item, zone, latest)
                    _note(found, row)
                    spool.add(row)
                else:  # a file already refused: only the count of bad rows is wanted
                    check_row(number, item, zone, latest)
            except ValueError as exc:
                bad += 1
                first = first or f"{locate(kind, number)}: {exc}"
    except _NotText:
        spool.close()
        raise
    except InputError as exc:
        bad += 1
        first = first or exc.message
    if first is not None:
        spool.close()
        more = f" (and {bad - 1} more bad {'row' if bad == 2 else 'rows'})" if bad > 1 else ""
        raise InputError(first + more)
    return found


def _note(found: ImportFile, row: ImportRow) -> None:
    """Keep the few facts about the rows that planning an import needs before reading them."""
    found.count += 1
    found.by_type[row.record] += 1
    if found.first_day is None or row.day < found.first_day:
        found.first_day = row.day
    if found.last_day is None or row.day > found.last_day:
        found.last_day = row.day
    if row.id is not None:
        found.has_ids = True
        found.highest_id = max(found.highest_id, row.id)
    if row.record == REMEDY.name and row.values[_UNIT] is not None:
        found.dosed = True


_UNIT = REMEDY.columns.index("unit")
