"""TCX (Garmin's Training Center XML; Garmin Connect, Strava and many apps export it)."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

from sorelog.domain.activity_parts import sport_key

from . import Activity, Unreadable
from ._xml import local_name, parse_safely


def read_tcx(data: bytes, source: str) -> list[Activity]:
    """One Activity per `<Activity>` of a TCX file (inside a multisport session too).

    The sport is the `Sport` attribute in lower case ("running", "biking", "other";
    "unknown" without one). The start is the `<Id>` (an ISO time), or the first lap's
    `StartTime` when the Id is not a time; a time without a zone is read as UTC. Seconds
    and metres are the sums of the laps' `<TotalTimeSeconds>` and `<DistanceMeters>`,
    None when no lap gives them. The namespace is matched loosely (the elements' local
    names), since some exporters leave it out.

    Unreadable when the bytes are not XML, hold a DTD or entities, are not TCX, have no
    activities ("no activities in it"), or an activity has no start or a bad number.
    """
    root = parse_safely(data)
    if local_name(root) != "TrainingCenterDatabase":
        raise Unreadable("not a TCX file: its root is not TrainingCenterDatabase")
    activities = [
        _activity(element, source) for element in root.iter() if local_name(element) == "Activity"
    ]
    if not activities:
        raise Unreadable("no activities in it")
    return activities


def _activity(element: Element, source: str) -> Activity:
    laps = _children(element, "Lap")
    start = _time(_text(element, "Id"))
    if start is None and laps:
        start = _time(laps[0].get("StartTime"))
    if start is None:
        raise Unreadable("a TCX activity without a start time")
    sport = sport_key(element.get("Sport") or "")
    return Activity(
        sport=sport or "unknown",
        start=start,
        seconds=_total(laps, "TotalTimeSeconds"),
        metres=_total(laps, "DistanceMeters"),
        source=source,
    )


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local_name(child) == name]


def _text(element: Element, name: str) -> str | None:
    found = _children(element, name)
    return found[0].text if found else None


def _total(laps: list[Element], name: str) -> float | None:
    values = [text for lap in laps if (text := _text(lap, name)) is not None]
    if not values:
        return None
    total = 0.0
    for text in values:
        try:
            value = float(text)
        except ValueError:
            raise Unreadable(f"a TCX lap's {name} is not a number: {text.strip()[:40]!r}") from None
        if not math.isfinite(value) or value < 0:
            raise Unreadable(f"a TCX lap's {name} is out of range: {text.strip()[:40]!r}")
        total += value
    return total


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
