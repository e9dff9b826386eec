"""Apple Health's `export.xml` (inside the export zip, `apple_health_export/`), read as
a stream: the file runs to hundreds of megabytes, nearly all of it `<Record>` samples
(heart rate, steps), and only the `<Workout>` elements are wanted.

Each element is dropped from the tree as soon as it ends, so memory stays flat whatever
the file's size. The parser is defusedxml's: Apple's file opens with an internal DTD
(`<!DOCTYPE HealthData [...]>`, element and attribute declarations only), which is
allowed; an entity declaration of any kind (the "billion laughs", an external file) is
refused before it is expanded.

A workout's duration is its `duration` in `durationUnit`, or its end less its start.
Its distance is `totalDistance` in `totalDistanceUnit` (older exports), else the sum of
a `<WorkoutStatistics type="HKQuantityTypeIdentifierDistance...">` child (newer ones);
None when neither is there or the unit is not a length.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO

import defusedxml
from defusedxml.ElementTree import iterparse

from sorelog.formats.activities import Activity, Unreadable

_PREFIX = "HKWorkoutActivityType"
_DISTANCE = "HKQuantityTypeIdentifierDistance"
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SECONDS = {"s": 1.0, "sec": 1.0, "min": 60.0, "hr": 3600.0, "h": 3600.0, "ms": 0.001}
_METRES = {
    "m": 1.0,
    "km": 1000.0,
    "cm": 0.01,
    "mi": 1609.344,
    "yd": 0.9144,
    "ft": 0.3048,
}
_DATE_FORM = "%Y-%m-%d %H:%M:%S %z"


def read_apple_health(stream: BinaryIO, source: str) -> Iterator[Activity]:
    """Each `<Workout>` in an Apple Health export, in file order, as it is read.

    A workout's `source` is `"{source}: workout {n}"`, counting from 1. Raises
    Unreadable (possibly after some activities were given) for a file that is not
    well-formed XML, declares entities, is not a Health export, or has a workout whose
    type or start cannot be read.
    """
    root: ET.Element | None = None  # the <HealthData> element, from the first start event
    depth = 0  # of the element just started or ended: the root is 1, its children 2
    count = 0
    try:
        for event, element in iterparse(stream, events=("start", "end")):
            if event == "start":
                depth += 1
                if root is None:
                    root = element
                    if element.tag != "HealthData":
                        raise Unreadable(
                            f"not an Apple Health export: it holds <{element.tag[:40]}>,"
                            " not <HealthData>"
                        )
                continue
            depth -= 1
            if depth != 1 or root is None:
                continue  # inside a Record or a Workout: read (or dropped) with it
            if element.tag == "Workout":
                count += 1
                yield _workout(element, f"{source}: workout {count}")
            # Done with the root's child (nearly always a Record): drop it, and the root's
            # hold on it, so the tree never grows.
            element.clear()
            root.clear()
    except defusedxml.DTDForbidden:  # not raised with the defaults, kept for safety
        raise Unreadable("XML document type declarations are not allowed") from None
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        raise Unreadable("XML entities are not allowed") from None
    except defusedxml.DefusedXmlException as error:
        raise Unreadable(f"not valid XML: {error}") from None
    except ET.ParseError as error:
        raise Unreadable(f"not valid XML: {error}") from None
    if root is None:
        raise Unreadable("not an Apple Health export: the file is empty")


def _workout(element: ET.Element, where: str) -> Activity:
    kind = element.get("workoutActivityType", "")
    if not kind.startswith(_PREFIX) or len(kind) == len(_PREFIX):
        raise Unreadable(f"{where}: the workout type {kind[:80]!r} is not a HealthKit one")
    start = _moment(element.get("startDate"), "start", where)
    seconds = _scaled(element.get("duration"), element.get("durationUnit"), _SECONDS)
    if seconds is None and element.get("endDate"):
        end = _moment(element.get("endDate"), "end", where)
        seconds = max((end - start).total_seconds(), 0.0)
    metres = _scaled(element.get("totalDistance"), element.get("totalDistanceUnit"), _METRES)
    if metres is None:
        for statistic in element.iterfind("WorkoutStatistics"):
            if statistic.get("type", "").startswith(_DISTANCE):
                metres = _scaled(statistic.get("sum"), statistic.get("unit"), _METRES)
                if metres is not None:
                    break
    return Activity(_sport(kind), start, seconds, metres, where)


def _sport(kind: str) -> str:
    """ "HKWorkoutActivityTypeTraditionalStrengthTraining" -> "traditional strength training"."""
    return _CAMEL.sub(" ", kind[len(_PREFIX) :]).lower()


def _moment(value: str | None, what: str, where: str) -> datetime:
    try:
        moment = datetime.strptime((value or "").strip(), _DATE_FORM)
    except ValueError:
        raise Unreadable(
            f"{where}: the {what} {(value or '')[:40]!r} is not a date like"
            ' "2026-11-20 18:30:00 +0100"'
        ) from None
    return moment.astimezone(UTC)


def _scaled(value: str | None, unit: str | None, units: dict[str, float]) -> float | None:
    """A number in a unit as the base unit (seconds, metres); None when either is missing
    or not understood."""
    if not value or unit is None or unit.strip() not in units:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")) or number < 0:
        return None
    return number * units[unit.strip()]
