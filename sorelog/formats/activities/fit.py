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
"""

from __future__ import annotations

import io
import warnings
from datetime import UTC, datetime
from typing import Any

from sorelog.domain.activity_parts import sport_key
from sorelog.formats.activities import Activity, Unreadable

# Sub-sports that read naturally in front of the sport's name.
_PREFIXES = frozenset(
    {"trail", "treadmill", "street", "track", "road", "mountain", "gravel", "indoor", "open water"}
)
# Sports too broad to say anything once the sub-sport has a name.
_CATCH_ALL = frozenset({"generic", "training", "fitness equipment", "all"})

_HEADER_MIN = 12  # the shortest FIT header (14 with its own CRC)


def read_fit(data: bytes, source: str) -> list[Activity]:
    """The activities in the FIT file `data`, named `source`; `Unreadable` when there
    are none or it is not a whole, intact FIT file."""
    _check_frame(data)
    try:
        messages = _decode(data)
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
    from fitdecode.utils import compute_crc

    stored = int.from_bytes(data[end - 2 : end], "little")
    if stored and compute_crc(data, start=0, end=end - 2) != stored:
        raise Unreadable("FIT file fails its checksum (CRC)")


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
