"""FIT files (Garmin, Wahoo, Coros, Polar and the apps that write them), read with
fitdecode: one `Activity` per `session` message.

Each session gives its sport, `start_time`, `total_timer_time` (the moving time; the
elapsed time when the timer time is missing) and `total_distance`, as the file says them.
A session whose start is not a clock time (old devices write seconds since power-on) is
left out. A file with no session but with timed `record` messages gives one activity from
its first and last record, its last recorded distance and the `sport` message (or
"unknown").

The sport is fitdecode's name for it, lower case with spaces. A `sub_sport` refines it
only where it names the kind of activity a person would: None, "generic" and numbers add
nothing; a sub-sport that already ends with the sport's name stands for it ("lap
swimming", "indoor cycling", "strength training"); after a catch-all sport ("generic",
"training", "fitness equipment") any named sub-sport replaces it ("indoor rowing",
"yoga"); one of a few surfaces and settings goes in front of it ("trail running",
"treadmill running", "open water swimming"); any other (commuting, virtual activity) is
dropped and the sport stays as it is.

Refusals (`Unreadable`): "not a FIT file", "truncated FIT file", "FIT file fails its
checksum (CRC)", "damaged FIT file" (it decodes to nonsense despite a good checksum) and
"no activity in it". The file's checksum is checked before decoding, so a damaged byte is
reported as such rather than as whatever decoding error it happens to cause first.

Speed: fitdecode decodes every field of every message, a few milliseconds per hundred
`record` messages, so a half-hour session took 0.2 s and a thousand files most of a
minute. Only a few fields of the `session` messages are needed, so a file that is one
FIT file whose sessions use the usual field sizes is walked message by message instead,
skipping the others by their definitions' sizes (`_scan`). Anything else (no session,
chained files, an odd size, a message nothing defined) goes through fitdecode as before,
which also gives the refusals their words.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from sorelog.domain.activity_parts import sport_key
from sorelog.formats.activities import Activity, Unreadable

# Sub-sports that read naturally in front of the sport's name.
_PREFIXES = frozenset(
    {"trail", "treadmill", "street", "track", "road", "mountain", "gravel", "indoor", "open water"}
)
# Sports too broad to say anything once the sub-sport has a name.
_CATCH_ALL = frozenset({"generic", "training", "fitness equipment", "all"})

_HEADER_MIN = 12  # the shortest FIT header (14 with its own CRC)
_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)  # FIT's date_time counts seconds from it
_CLOCK = 0x10000000  # a date_time below this is seconds since the device powered on
_SESSION, _SPORT = 18, 12  # global message numbers
# The fields read from those messages: number -> (fitdecode's name, bytes, scale).
_FIELDS: dict[int, dict[int, tuple[str, int, int]]] = {
    _SESSION: {
        2: ("start_time", 4, 0),
        5: ("sport", 1, 0),
        6: ("sub_sport", 1, 0),
        7: ("total_elapsed_time", 4, 1000),
        8: ("total_timer_time", 4, 1000),
        9: ("total_distance", 4, 100),
    },
    _SPORT: {0: ("sport", 1, 0), 1: ("sub_sport", 1, 0)},
}
_NAMES = {_SESSION: "session", _SPORT: "sport"}


def _crc_table() -> list[int]:
    """FIT's CRC-16 (polynomial 0x8005, reflected), a byte at a time."""
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_CRC_TABLE = _crc_table()


def read_fit(data: bytes, source: str) -> list[Activity]:
    """The activities in the FIT file `data`, named `source`; `Unreadable` when there
    are none or it is not a whole, intact FIT file."""
    _check_frame(data)
    try:
        messages = _scan(data) or _decode(data)
    except Unreadable:
        raise
    except Exception as error:  # a decoder bug or a hostile file: a refusal, not a crash
        raise Unreadable("damaged FIT file") from error

    activities = [
        activity
        for fields in messages["session"]
        if (activity := _from_session(fields, source)) is not None
    ]
    if not activities and not messages["session"]:
        fallback = _from_records(messages["record"], messages["sport"], source)
        if fallback is not None:
            activities.append(fallback)
    if not activities:
        raise Unreadable("no activity in it")
    return activities


def _check_frame(data: bytes) -> None:
    """Refuse what is not a FIT file, is cut short, or fails the first file's CRC."""
    if len(data) < _HEADER_MIN or data[8:12] != b".FIT" or data[0] < _HEADER_MIN:
        raise Unreadable("not a FIT file")
    header_size = data[0]
    data_size = int.from_bytes(data[4:8], "little")
    end = header_size + data_size + 2
    if len(data) < end:
        raise Unreadable("truncated FIT file")
    stored = int.from_bytes(data[end - 2 : end], "little")
    if stored and crc(data, end - 2) != stored:
        raise Unreadable("FIT file fails its checksum (CRC)")


def crc(data: bytes, end: int) -> int:
    """The FIT checksum of `data[:end]` (as fitdecode's compute_crc, three times faster:
    a byte per step, not half of one)."""
    value = 0
    table = _CRC_TABLE
    for byte in memoryview(data)[:end]:
        value = table[(value ^ byte) & 0xFF] ^ (value >> 8)
    return value


class DataMessage(NamedTuple):
    """A data message of a FIT file: its global number, where its fields start, their
    byte order, each field's number and size, and the message's size in all (a tuple:
    a file yields thousands)."""

    number: int
    at: int
    order: str
    fields: list[tuple[int, int]]
    size: int


def data_messages(data: bytes) -> Iterator[DataMessage]:
    """Each data message of one whole FIT file, found by walking the definitions (their
    developer fields and compressed timestamp headers too). ValueError where the walk
    cannot follow: chained files, bytes after the checksum, a message nothing defined, a
    definition or message running past the end."""
    end = data[0] + int.from_bytes(data[4:8], "little")
    if end + 2 != len(data):
        raise ValueError("chained FIT files, or bytes after the checksum")
    # Local message type -> (global number, byte order, fields as (number, size), size).
    defined: dict[int, tuple[int, str, list[tuple[int, int]], int]] = {}
    at = data[0]
    while at < end:
        head = data[at]
        at += 1
        if head & 0x40 and not head & 0x80:  # a definition
            if at + 5 > end or at + 5 + 3 * data[at + 4] > end:
                raise ValueError("a definition runs past the end")
            order = ">" if data[at + 1] else "<"
            number = struct.unpack_from(order + "H", data, at + 2)[0]
            count = data[at + 4]
            at += 5
            fields = [(data[at + 3 * i], data[at + 3 * i + 1]) for i in range(count)]
            at += 3 * count
            size = sum(size for _, size in fields)
            if head & 0x20:  # developer fields: only their sizes matter here
                if at >= end or at + 1 + 3 * data[at] > end:
                    raise ValueError("a definition runs past the end")
                size += sum(data[at + 2 + 3 * i] for i in range(data[at]))
                at += 1 + 3 * data[at]
            defined[head & 0xF] = (number, order, fields, size)
            continue
        local = (head >> 5) & 0x3 if head & 0x80 else head & 0xF  # compressed timestamp
        if local not in defined:
            raise ValueError("a message nothing defined")
        number, order, fields, size = defined[local]
        yield DataMessage(number, at, order, fields, size)
        at += size
    if at != end:
        raise ValueError("a message runs past the end")


def _scan(data: bytes) -> dict[str, list[dict[str, Any]]] | None:
    """The session and sport messages' fields, as `_decode` gives them, read by walking
    the messages; None where fitdecode is needed (see the module's docstring). The frame
    is known whole and its checksum good."""
    found: dict[str, list[dict[str, Any]]] = {"session": [], "record": [], "sport": []}
    try:
        for message in data_messages(data):
            if message.number in _FIELDS:
                values = _values(data, message.at, message.order, message.fields,
                                 _FIELDS[message.number])  # fmt: skip
                if values is None:
                    return None
                found[_NAMES[message.number]].append(values)
    except ValueError:
        return None
    return found if found["session"] else None


def _values(
    data: bytes,
    at: int,
    order: str,
    fields: list[tuple[int, int]],
    wanted: dict[int, tuple[str, int, int]],
) -> dict[str, Any] | None:
    """The wanted fields of one message at `at`, as fitdecode's values (None when
    invalid); None for the message when a field has a size other than its type's."""
    import fitdecode.profile

    values: dict[str, Any] = {}
    for field, size in fields:
        if field in wanted:
            name, expected, scale = wanted[field]
            if size != expected or at + size > len(data):
                return None
            if size == 1:
                raw = data[at]
                values[name] = (
                    None if raw == 0xFF else fitdecode.profile.FIELD_TYPES[name].enum.get(raw, raw)
                )
            else:
                raw = struct.unpack_from(order + "I", data, at)[0]
                if raw == 0xFFFFFFFF:
                    values[name] = None
                elif scale:
                    values[name] = raw / scale
                else:  # a date_time
                    values[name] = _EPOCH + timedelta(seconds=raw) if raw >= _CLOCK else raw
        at += size
    return values


def _decode(data: bytes) -> dict[str, list[dict[str, Any]]]:
    """The fields of every session, record and sport message, by message name."""
    import fitdecode

    wanted: dict[str, list[dict[str, Any]]] = {"session": [], "record": [], "sport": []}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fitdecode warns of odd fields it then skips
        try:
            with fitdecode.FitReader(
                io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE
            ) as reader:
                for frame in reader:
                    if isinstance(frame, fitdecode.FitDataMessage) and frame.name in wanted:
                        wanted[frame.name].append(
                            {field.name: field.value for field in frame.fields}
                        )
        except fitdecode.FitCRCError as error:
            raise Unreadable("FIT file fails its checksum (CRC)") from error
        except fitdecode.FitEOFError as error:
            raise Unreadable("truncated FIT file") from error
        except fitdecode.FitHeaderError as error:
            raise Unreadable("not a FIT file") from error
    return wanted


def _from_session(fields: dict[str, Any], source: str) -> Activity | None:
    start = _when(fields.get("start_time"))
    if start is None:
        return None
    seconds = _number(fields.get("total_timer_time"))
    if seconds is None:
        seconds = _number(fields.get("total_elapsed_time"))
    return Activity(
        sport=sport_name(fields.get("sport"), fields.get("sub_sport")),
        start=start,
        seconds=seconds,
        metres=_number(fields.get("total_distance")),
        source=source,
    )


def _from_records(
    records: list[dict[str, Any]], sports: list[dict[str, Any]], source: str
) -> Activity | None:
    times = [t for record in records if (t := _when(record.get("timestamp"))) is not None]
    if not times:
        return None
    distances = [d for record in records if (d := _number(record.get("distance"))) is not None]
    sport = sport_name(sports[0].get("sport"), sports[0].get("sub_sport")) if sports else "unknown"
    return Activity(
        sport=sport,
        start=min(times),
        seconds=(max(times) - min(times)).total_seconds(),
        metres=max(distances) if distances else None,
        source=source,
    )


def sport_name(sport: object, sub_sport: object) -> str:
    """The sport as a person says it, from FIT's `sport` and `sub_sport` (rule above)."""
    base = _words(sport) or "unknown"
    kind = _words(sub_sport)
    if kind is None or kind == "generic":
        return base
    if kind.endswith(base) or base in _CATCH_ALL:
        return kind
    if kind in _PREFIXES:
        return f"{kind} {base}"
    return base


def _words(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None  # fitdecode gives a number for a value its profile does not name
    return sport_key(value)


def _when(value: object) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # FIT times are UTC by definition
    return value.astimezone(UTC)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
