"""The files `sorelog workout import` is pointed at: which reader each takes, folders,
`.gz`, a Strava bulk export, and one activity kept where several files hold the same.

Pure but for reading the files: nothing is written. A file that cannot be read is
refused with its reason and none of its activities are kept; the rest are read.

- By name: `*.fit`, `*.tcx`, `*.gpx` (each may end in `.gz`), an Apple Health
  `export.xml` (streamed: it may be hundreds of MB), a Strava `activities.csv`. A file
  named on the command line that is none of these is refused; in a folder, such files
  (photos, other exports' files) are skipped and counted.
- A folder holding `activities.csv` is a Strava bulk export: its rows are the
  activities, and the activity file a row names (`activities/123.fit.gz`) is read only
  to fill a duration or distance the row lacks, never as an activity of its own.
- A `.gz` is read to at most MAX_BYTES uncompressed (a small file that unpacks to
  gigabytes is refused when it passes the limit).
- The same session seen twice (re-reading a folder, a FIT file and the Strava row for
  it): the same sport, starts at most SAME_START apart. The one that knows more
  (duration, distance) is kept, else the first read.
- Progress, for a bar on a long import: the caller is told how many files there are and
  their size once the paths are listed, then each count of bytes read, a file at a time
  and, within one big `export.xml`, a megabyte at a time.
"""

from __future__ import annotations

import gzip
import io
import zlib
from bisect import bisect_right, insort
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from operator import itemgetter
from pathlib import Path

from sorelog.formats.activities import Activity, Unreadable

MAX_BYTES = 256 << 20  # one activity file, uncompressed: a long ultra is a few MB
SAME_START = timedelta(minutes=1)
STRAVA_CSV = "activities.csv"
APPLE_HEALTH = "export.xml"
KINDS = "a FIT, TCX or GPX file (or .gz), a Strava activities.csv or an Apple Health export.xml"
STEP = 1 << 20  # bytes of one file read between two words of progress

Tick = Callable[[int], None]
# Told the number of files and their bytes once the paths are listed; gives what to call
# with each count of bytes read, or None when it does not want to know.
Progress = Callable[[int, int], Tick | None]


@dataclass(frozen=True)
class Refused:
    """A file none of whose activities is kept, and why."""

    path: str
    reason: str


@dataclass
class Found:
    """What a set of paths holds: the activities (each session once), the files refused,
    and how many files in folders were not activity files."""

    activities: list[Activity] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    skipped: int = 0


def read_paths(paths: Sequence[Path], progress: Progress | None = None) -> Found:
    """Every activity in these files and folders (see the module's docstring); what is
    read told to `progress` as it goes."""
    found = Found()
    listed: list[_Listed] = []
    for path in paths:
        if path.is_dir():
            listed += _list_folder(path, found)
        elif not path.exists():
            found.refused.append(Refused(str(path), "no such file"))
        elif _reader(path.name) is None and path.name != APPLE_HEALTH:
            found.refused.append(Refused(str(path), f"not {KINDS}"))
        else:
            listed.append(_Listed(path, _size(path)))
    tick = progress(len(listed), sum(item.size for item in listed)) if progress else None
    for item in listed:
        meter = _Meter(tick, item.size)
        if item.strava:
            _read_strava(item.path.parent, item.path, found, meter)
        else:
            _read_file(item.path, found, meter)
        meter.finish()
    found.activities = unique(found.activities)
    return found


def unique(activities: Iterable[Activity]) -> list[Activity]:
    """Each session once: of those with the same sport starting at most SAME_START apart,
    the one that knows more, else the first; in order of start."""
    kept: list[Activity] = []
    firsts = Sessions()  # each session's first start: the minute counts from it
    for activity in sorted(activities, key=lambda a: a.start):
        same = firsts.find(activity.sport, activity.start)
        if same is None:
            firsts.add(activity.sport, activity.start, len(kept))
            kept.append(activity)
        elif _known(activity) > _known(kept[same]):
            kept[same] = activity
    return sorted(kept, key=lambda a: a.start)


class Sessions:
    """Sessions by sport and start, to find the one a session is: the same sport, starting
    at most SAME_START from it. Found by bisection, so a few thousand activities checked
    against a few thousand already known take thousands of steps, not millions."""

    def __init__(self, known: Iterable[tuple[str, datetime]] = ()) -> None:
        self._by_sport: dict[str, list[tuple[datetime, int]]] = {}
        for sport, start in known:
            self.add(sport, start)

    def add(self, sport: str, start: datetime, place: int = 0) -> None:
        """A session, and what the caller finds it by (`place`)."""
        insort(self._by_sport.setdefault(sport, []), (start, place), key=itemgetter(0))

    def find(self, sport: str, start: datetime) -> int | None:
        """The place of the latest session of `sport` starting at most SAME_START from
        `start`, or None."""
        sessions = self._by_sport.get(sport, [])
        high = bisect_right(sessions, start + SAME_START, key=itemgetter(0))
        if high and start - sessions[high - 1][0] <= SAME_START:
            return sessions[high - 1][1]
        return None


def _known(activity: Activity) -> int:
    return (activity.seconds is not None) + (activity.metres is not None)


Reader = Callable[[bytes, str], list[Activity]]


def _reader(name: str) -> Reader | None:
    """The reader for a file of this name (its decoder imported only now), or None."""
    lower = name.lower().removesuffix(".gz")
    if lower.endswith(".fit"):
        from sorelog.formats.activities.fit import read_fit

        return read_fit
    if lower.endswith(".tcx"):
        from sorelog.formats.activities.tcx import read_tcx

        return read_tcx
    if lower.endswith(".gpx"):
        from sorelog.formats.activities.gpx import read_gpx

        return read_gpx
    if lower == STRAVA_CSV:
        from sorelog.formats.activities.strava import read_strava_csv

        return read_strava_csv
    return None


@dataclass(frozen=True)
class _Listed:
    """A file to read, its size in bytes, and whether it is a Strava export's
    activities.csv (whose size counts the activity files its rows may name)."""

    path: Path
    size: int
    strava: bool = False


def _list_folder(folder: Path, found: Found) -> list[_Listed]:
    """The files in a folder to read; the others are counted as skipped."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    listed = []
    strava = folder / STRAVA_CSV
    if strava.is_file():
        own = sum(_size(p) for p in files if p.parent != folder)
        listed.append(_Listed(strava, _size(strava) + own, strava=True))
        files = [p for p in files if p.parent == folder and p != strava]  # its own files
        # are read only for what a row lacks; anything else at the top is read as given
    for path in files:
        if path.name == APPLE_HEALTH or _reader(path.name) is not None:
            listed.append(_Listed(path, _size(path)))
        else:
            found.skipped += 1
    return listed


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # refused with its reason when it is read


class _Meter:
    """Bytes read from one listed file, told to `tick` a STEP at a time and in full when
    the file is done (read or refused), so the bar ends where its total said."""

    def __init__(self, tick: Tick | None, size: int) -> None:
        self._tick = tick
        self._size = size
        self._told = 0
        self._untold = 0

    def read(self, count: int) -> None:
        self._untold += count
        if self._untold >= STEP:
            self._say(self._untold)

    def finish(self) -> None:
        self._say(self._size - self._told)

    def _say(self, count: int) -> None:
        count = min(count, self._size - self._told)  # a file that grew while it was read
        self._untold = 0
        if self._tick is not None and count > 0:
            self._told += count
            self._tick(count)


class _Metered(io.BufferedReader):
    """A file opened for reading that tells a meter of each block read from it: the
    streamed export.xml, hundreds of MB in one file, moves the bar as it is read."""

    def __init__(self, path: Path, meter: _Meter) -> None:
        super().__init__(io.FileIO(path))
        self._meter = meter

    def read(self, size: int | None = -1, /) -> bytes:
        data = super().read(size)
        self._meter.read(len(data))
        return data


def _read_file(path: Path, found: Found, meter: _Meter) -> None:
    try:
        if path.name == APPLE_HEALTH:
            from sorelog.formats.activities.apple_health import read_apple_health

            with _Metered(path, meter) as stream:  # every one, or none if the file breaks off
                activities = list(read_apple_health(stream, str(path)))
        else:
            reader = _reader(path.name)
            assert reader is not None
            activities = reader(_contents(path), str(path))
    except Unreadable as exc:
        found.refused.append(Refused(str(path), str(exc)))
        return
    except OSError as exc:
        found.refused.append(Refused(str(path), exc.strerror or str(exc)))
        return
    found.activities += activities


def _read_strava(folder: Path, csv_path: Path, found: Found, meter: _Meter) -> None:
    """The rows of a Strava export, each filled from its own activity file where the row
    lacks a duration or distance (a file that cannot be read leaves the row as it is)."""
    try:
        from sorelog.formats.activities.strava import read_strava_csv

        rows = read_strava_csv(_contents(csv_path), str(csv_path))
    except (Unreadable, OSError) as exc:
        found.refused.append(Refused(str(csv_path), str(exc)))
        return
    for row in rows:
        named = row.source.removeprefix(f"{csv_path}: ")
        own = folder / named
        if (row.seconds is None or row.metres is None) and own.is_file():
            meter.read(_size(own))
            reader = _reader(own.name)
            try:
                detail = reader(_contents(own), str(own)) if reader else []
            except (Unreadable, OSError):
                detail = []
            if detail:
                row = replace(
                    row,
                    seconds=row.seconds if row.seconds is not None else detail[0].seconds,
                    metres=row.metres if row.metres is not None else detail[0].metres,
                )
        found.activities.append(row)


def _contents(path: Path) -> bytes:
    """The file's bytes, unpacked when it ends in .gz; Unreadable past MAX_BYTES."""
    if not path.name.lower().endswith(".gz"):
        if path.stat().st_size > MAX_BYTES:
            raise Unreadable(f"larger than {MAX_BYTES >> 20} MB")
        return path.read_bytes()
    try:
        with gzip.open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise Unreadable(f"not a readable .gz file ({exc})") from None
    if len(data) > MAX_BYTES:
        raise Unreadable(f"larger than {MAX_BYTES >> 20} MB when unpacked")
    return data
