"""The files `sorelog workout import` is pointed at: which reader each takes, folders and
`.zip` archives of them, a Strava bulk export, an Apple Health export, and one activity
kept where several files hold the same.

Pure but for reading the files: nothing is written. A file that cannot be read is
refused with its reason and none of its activities are kept; the rest are read.

- By name: `*.fit`, `*.tcx`, `*.gpx` (each may end in `.gz`), an Apple Health
  `export.xml` (streamed: it may be hundreds of MB), a Strava `activities.csv`. A file
  named on the command line that is none of these is refused; in a folder or archive,
  such files (photos, other exports' files) are skipped and counted.
- A `.zip` (Apple Health's `export.zip`, a Strava or Garmin bulk export) is read as the
  folder it unpacks to (sources.py).
- A folder holding `activities.csv` at its top (in an archive: at its top, or in the one
  folder everything is in) is a Strava bulk export: its rows are the activities, and the
  activity file a row names (`activities/123.fit.gz`) is read only to fill a duration or
  distance the row lacks, never as an activity of its own.
- Beside an Apple Health `export.xml`, `workout-routes/` holds a GPX route for each of
  its workouts: the workouts are read from export.xml, so the routes are not read again
  (they name no sport).
- The same session seen twice (re-reading a folder, a FIT file and the Strava row for
  it): the same sport (by family: domain/activity_parts.py), starts at most SAME_START
  apart. The one that knows more
  (duration, distance) is kept, else the first read.
- Progress, for a bar on a long import: the caller is told how many files there are and
  their size once the paths are listed, then each count of bytes read, a file at a time
  and, within one big `export.xml`, a megabyte at a time.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from operator import itemgetter
from pathlib import Path, PurePosixPath

from sorelog.domain.activity_parts import sport_family
from sorelog.formats.activities import Activity, Unreadable
from sorelog.formats.activities.sources import (
    STEP,
    Archives,
    Meter,
    Source,
    Tick,
    contents,
    in_folder,
    is_archive,
    shown_path,
    streamed,
)

SAME_START = timedelta(minutes=1)
STRAVA_CSV = "activities.csv"
APPLE_HEALTH = "export.xml"
KINDS = (
    "a FIT, TCX or GPX file (or .gz), a Strava activities.csv, an Apple Health export.xml"
    " or a .zip of them"
)
ROUTES = "workout-routes"  # beside an Apple Health export.xml: a GPX per workout
__all__ = ["STEP", "Found", "Progress", "Refused", "Sessions", "read_paths", "unique"]

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
    """Every activity in these files, folders and archives (see the module's docstring);
    what is read told to `progress` as it goes."""
    found = Found()
    archives = Archives()
    try:
        listed: list[_Listed] = []
        for path in paths:
            listed += _list_path(path, found, archives)
        tick = progress(len(listed), sum(item.size for item in listed)) if progress else None
        for item in listed:
            meter = Meter(tick, item.size)
            if item.strava is not None:
                _read_strava(item.source, item.strava, found, meter)
            else:
                _read_file(item.source, found, meter)
            meter.finish()
    finally:
        archives.close()
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
    """Sessions by sport and start, to find the one a session is: the same sport, by its
    family (a FIT "road cycling" is the Strava "Ride" for it), starting at most SAME_START
    from it. Found by bisection, so a few thousand activities checked against a few
    thousand already known take thousands of steps, not millions."""

    def __init__(self, known: Iterable[tuple[str, datetime]] = ()) -> None:
        self._by_sport: dict[str, list[tuple[datetime, int]]] = {}
        for sport, start in known:
            self.add(sport, start)

    def add(self, sport: str, start: datetime, place: int = 0) -> None:
        """A session, and what the caller finds it by (`place`)."""
        family = self._by_sport.setdefault(sport_family(sport), [])
        insort(family, (start, place), key=itemgetter(0))

    def find(self, sport: str, start: datetime) -> int | None:
        """The place of the latest session of `sport`'s family starting at most
        SAME_START from `start`, or None."""
        sessions = self._by_sport.get(sport_family(sport), [])
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
    """A file to read and its size in bytes; for a Strava export's activities.csv, the
    files its rows may name (its size counts theirs)."""

    source: Source
    size: int
    strava: dict[PurePosixPath, Source] | None = None


def _list_path(path: Path, found: Found, archives: Archives) -> list[_Listed]:
    """What to read of one path named on the command line. A folder or archive with no
    activity file in it is refused: nothing found there is not a success."""
    shown = shown_path(path.absolute())
    if path.is_dir():
        return _listed_or_refused(shown, in_folder(path), found, archives)
    if not path.exists():
        found.refused.append(Refused(shown, "no such file"))
        return []
    if is_archive(path.name):
        return _list_archive(path, found, archives, alone=True)
    if _reader(path.name) is None and path.name != APPLE_HEALTH:
        found.refused.append(Refused(shown, f"not {KINDS}"))
        return []
    source = Source.on_disk(path.absolute())
    return [_Listed(source, source.size)]


def _list_archive(path: Path, found: Found, archives: Archives, alone: bool) -> list[_Listed]:
    """An archive's files to read: named alone on the command line, one with none is
    refused; in a folder, one that holds none adds nothing to it."""
    try:
        members = archives.members(path)
    except Unreadable as exc:
        found.refused.append(Refused(shown_path(path.absolute()), str(exc)))
        return []
    if alone:
        return _listed_or_refused(shown_path(path.absolute()), members, found, None)
    return _list_tree(members, found, None)


def _listed_or_refused(
    shown: str, files: list[Source], found: Found, archives: Archives | None
) -> list[_Listed]:
    refused = len(found.refused)
    listed = _list_tree(files, found, archives)
    if not listed and len(found.refused) == refused:
        what = f"{len(files)} file{'s' * (len(files) != 1)}, none of them" if files else "nothing"
        found.refused.append(Refused(shown, f"no activity file in it ({what} {KINDS})"))
    return listed


def _list_tree(files: list[Source], found: Found, archives: Archives | None) -> list[_Listed]:
    """The files of a folder or archive to read; the others are counted as skipped.

    A folder holding `activities.csv`, at any depth, is a Strava export: the files in its
    subfolders are its rows' own (read for what a row lacks), not activities of their
    own. An archive in a folder is read as part of it (`archives`); one in an archive is
    not opened."""
    listed = []
    stravas = {f.place.parent: f for f in files if f.name == STRAVA_CSV}
    owned: dict[PurePosixPath, dict[PurePosixPath, Source]] = {top: {} for top in stravas}
    health = {f.place.parent for f in files if f.name == APPLE_HEALTH}
    for source in files:
        folders = source.place.parents
        strava = next((top for top in folders[1:] if top in stravas), None)
        if strava is not None:
            owned[strava][source.place] = source
        elif any(folder / ROUTES in folders for folder in health):
            continue  # a workout's route: the workout is read from export.xml
        elif source.name == STRAVA_CSV:
            continue  # listed below, with its own files
        elif source.name == APPLE_HEALTH or _reader(source.name) is not None:
            listed.append(_Listed(source, source.size))
        elif archives is not None and is_archive(source.name) and source.disk is not None:
            listed += _list_archive(source.disk, found, archives, alone=False)
        else:
            found.skipped += 1
    for top, csv in stravas.items():
        own = owned[top]
        listed.append(_Listed(csv, csv.size + sum(f.size for f in own.values()), own))
    return listed


def _read_file(source: Source, found: Found, meter: Meter) -> None:
    try:
        if source.name == APPLE_HEALTH:
            from sorelog.formats.activities.apple_health import read_apple_health

            with streamed(source, meter) as stream:  # all, or none if the file breaks off
                activities = list(read_apple_health(stream, source.shown))
        else:
            reader = _reader(source.name)
            assert reader is not None
            activities = reader(contents(source), source.shown)
    except Unreadable as exc:
        found.refused.append(Refused(source.shown, str(exc)))
        return
    except OSError as exc:
        found.refused.append(Refused(source.shown, exc.strerror or str(exc)))
        return
    found.activities += activities


def _read_strava(csv: Source, own: dict[PurePosixPath, Source], found: Found, meter: Meter) -> None:
    """The rows of a Strava export, each filled from its own activity file where the row
    lacks a duration or distance. A file that cannot be read is refused by name, and its
    row kept as the CSV gives it."""
    try:
        from sorelog.formats.activities.strava import read_strava_csv

        rows = read_strava_csv(contents(csv), csv.shown)
    except (Unreadable, OSError) as exc:
        found.refused.append(Refused(csv.shown, str(exc)))
        return
    for row in rows:
        named = row.source.removeprefix(f"{csv.shown}: ")
        file = own.get(csv.place.parent / PurePosixPath(named))
        reader = _reader(file.name) if file is not None else None
        if (row.seconds is None or row.metres is None) and file is not None and reader:
            meter.read(file.size)
            try:
                detail = reader(contents(file), file.shown)
            except (Unreadable, OSError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                found.refused.append(Refused(file.shown, f"{reason} (its row is kept without it)"))
                detail = []
            if detail:
                row = replace(
                    row,
                    seconds=row.seconds if row.seconds is not None else detail[0].seconds,
                    metres=row.metres if row.metres is not None else detail[0].metres,
                )
        found.activities.append(row)
