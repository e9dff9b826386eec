"""GPX (a track from a watch, phone or GPS unit; Strava and Garmin Connect export it)."""

from __future__ import annotations

from datetime import UTC, datetime

import gpxpy

from . import Activity, Unreadable
from ._xml import local_name, parse_safely


def read_gpx(data: bytes, source: str) -> list[Activity]:
    """One Activity per track (`<trk>`) of a GPX file.

    The sport is the track's `<type>` as written, lower case with "_" as a space
    ("running", "trail running"; a numeric code such as "9" is kept as given), or
    "unknown" without one. The start is the first point's time, the seconds run to the
    last point's, and the metres are the track's horizontal length (elevation noise from
    a barometer would only add to it). A time without a zone is read as UTC, which GPX
    requires its times to be.

    A track without points or without times is left out: it cannot be placed in a day.
    Unreadable when the bytes are not XML, hold a DTD or entities, are not GPX, have no
    tracks ("no activities in it") or none with times ("GPX without times").
    """
    root = parse_safely(data)  # refuses entities and DTDs before gpxpy's own parser runs
    if local_name(root) != "gpx":
        raise Unreadable("not a GPX file: its root is not gpx")
    try:
        document = gpxpy.parse(data)
    except Exception as error:  # gpxpy raises its own errors and whatever its parser does
        raise Unreadable(f"not a GPX file: {error}") from error

    activities: list[Activity] = []
    tracks_with_points = 0
    for track in document.tracks:
        times: list[datetime] = [
            point.time
            for segment in track.segments
            for point in segment.points
            if point.time is not None
        ]
        if any(segment.points for segment in track.segments):
            tracks_with_points += 1
        if not times:
            continue
        first, last = _utc(times[0]), _utc(times[-1])
        try:
            metres = float(track.length_2d())
        except (ValueError, TypeError, ArithmeticError) as error:
            raise Unreadable(f"a GPX track with bad points: {error}") from error
        activities.append(
            Activity(
                sport=_sport(track.type),
                start=first,
                seconds=(last - first).total_seconds(),
                metres=metres,
                source=source,
            )
        )
    if activities:
        return activities
    if tracks_with_points:
        raise Unreadable("GPX without times")
    raise Unreadable("no activities in it")


def _sport(kind: str | None) -> str:
    words = (kind or "").replace("_", " ").split()
    return " ".join(words).lower() or "unknown"


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
