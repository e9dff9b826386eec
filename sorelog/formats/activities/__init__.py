"""Activities read from watch and phone exports (FIT, TCX, GPX, a Strava bulk export,
Apple Health's export.xml), one reader per format, each pure: a file in, activities or
one refusal out, nothing written. What becomes of an activity (a workout, its parts
from its sport, the same one seen twice) is decided above them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Activity:
    """One session as a device recorded it.

    `sport` is the format's own name for it, lower case with spaces ("running", "trail
    running", "cycling"; a FIT sub-sport may refine it), mapped to body parts later.
    `start` is aware, in UTC. `seconds` and `metres` are None where the file does not say.
    `source` names the file (and, inside an export that holds many, the entry) it came
    from.
    """

    sport: str
    start: datetime
    seconds: float | None
    metres: float | None
    source: str


class Unreadable(ValueError):
    """A file that cannot be read as its format: the reason, in words for a person
    ("truncated FIT file", "GPX without times", "XML entities are not allowed")."""
