"""`sorelog workout import`: the activities in watch and phone exports, as workouts.

Each activity becomes a workout named by its sport, on its calendar day in the person's
zone, loading the parts its sport maps to (the person's `[activity_parts]`, else the
default table); a sport neither maps is reported, not guessed. An activity the journal
already has (an imported workout of the same sport starting within a minute) is not
added again. Every new workout is written in one transaction, or none; then triage says at
once what the new sessions complete (dark urine logged in the 72 h after one is exertional),
as it does after `sorelog workout`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sorelog.domain.activity_parts import activity_parts
from sorelog.domain.errors import SorelogError
from sorelog.domain.kinds import WORKOUT
from sorelog.domain.record_checks import FieldError, check_record
from sorelog.domain.settings import Config
from sorelog.domain.values import NewRecord
from sorelog.domain.when import LocalZone
from sorelog.formats.activities import Activity
from sorelog.formats.activities.files import Progress, Refused, Sessions, read_paths
from sorelog.services.triage import Alert, Written, alerts_for
from sorelog.store import open_journal
from sorelog.store.reads import imported_workouts
from sorelog.store.writes import add_records


@dataclass
class WorkoutImport:
    """What an import found and did: the workouts added (or, on a dry run, to add), how
    many were already in the journal, the sports with no parts, the files refused, the
    activities left out, the files in folders or archives that were not activity files,
    and what triage says of the new ones."""

    added: list[NewRecord] = field(default_factory=list)
    present: int = 0
    unmapped: Counter[str] = field(default_factory=Counter)
    refused: list[Refused] = field(default_factory=list)
    # Activities of files that were read, left out for a value no workout can have (a
    # start in the future, a duration past ten days): the file's others are imported.
    left_out: list[Refused] = field(default_factory=list)
    skipped: int = 0
    alerts: list[Alert] = field(default_factory=list)


# The decoders are the `watch` extra: a journal that never reads a watch file needs none.
DECODERS = ("fitdecode", "gpxpy", "defusedxml")
WATCH_HINT = "reading watch exports needs the watch extra: pip install 'sorelog[watch]'"


def require_decoders() -> None:
    """Say how to install the decoders, once, before any file is read without them (found
    without importing them: `sorelog workout import` loads each only for its files)."""
    from importlib.util import find_spec

    for name in DECODERS:
        try:
            found = find_spec(name)
        except (ImportError, ValueError):  # a broken install reads as a missing one
            found = None
        if found is None:
            raise SorelogError(WATCH_HINT)


def import_workouts(
    journal_path: Path | str,
    paths: Sequence[Path],
    zone: LocalZone,
    now: datetime,
    config: Config,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> WorkoutImport:
    """Read the paths and add their new activities as workouts (none on a dry run); the
    reading is told to `progress` (see read_paths)."""
    require_decoders()
    found = read_paths(paths, progress)
    result = WorkoutImport(refused=list(found.refused), skipped=found.skipped)
    candidates: list[NewRecord] = []
    for activity in found.activities:
        parts = activity_parts(activity.sport, config.activity_parts)
        if parts is None:
            result.unmapped[activity.sport] += 1
        elif activity.start > now:
            result.left_out.append(Refused(activity.source, "starts in the future"))
        elif (workout := _workout(activity, parts, zone, result)) is not None:
            candidates.append(workout)
    if not candidates:
        return result
    journal = open_journal(journal_path, create=not dry_run, now=now, zone=zone)
    if journal is None:  # a dry run on a journal not made yet: everything is new
        result.added = candidates
        return result
    with journal:
        known = Sessions(imported_workouts(journal))
        for workout in candidates:
            if known.find(workout.values["sport"], workout.at) is not None:
                result.present += 1
            else:
                result.added.append(workout)
        if not dry_run and result.added:
            add_records(journal, result.added)
            written = Written()
            for workout in result.added:
                at = zone.to_local(workout.at).isoformat()
                written.see({"record": WORKOUT.name, "at": at}, config)
            result.alerts = alerts_for(journal, written, now, config)
    return result


def _workout(
    activity: Activity, parts: tuple[str, ...], zone: LocalZone, result: WorkoutImport
) -> NewRecord | None:
    given = {"name": activity.sport, "parts": list(parts), "sport": activity.sport,
             "seconds": _rounded(activity.seconds, SECOND_DECIMALS),
             "metres": _rounded(activity.metres, METRE_DECIMALS),
             "source": activity.source}  # fmt: skip
    try:
        values = check_record(WORKOUT, given)
    except FieldError as exc:
        result.left_out.append(Refused(activity.source, exc.said(lambda f: f.export or f.name)))
        return None
    return NewRecord(WORKOUT, activity.start, zone.day_of(activity.start), values)


# An activity's duration is kept to the millisecond and its distance to the centimetre: the
# finest a FIT file records (its session scales are 1,000 and 100), and more than any watch
# measures. TCX and GPX give more digits (a GPX length is a sum of floats, 3953.456233651904
# m), which are noise; rounded, every stored value is written to an export as a short
# decimal that reads back to the same float, so export and import round-trip it exactly.
SECOND_DECIMALS = 3
METRE_DECIMALS = 2


def _rounded(value: float | None, decimals: int) -> float | None:
    """The value to `decimals` places, or None where the file does not say it."""
    return None if value is None else round(value, decimals)
