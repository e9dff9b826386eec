"""Which body parts an imported activity loads, from its sport.

A watch records the sport, not the muscles; a workout needs its parts, because they are
what lets an episode of soreness follow it (spec: "Origin"). The default table names the
large muscle groups each common endurance sport works; a person can replace any entry,
or add a sport, in the config file's `[activity_parts]` table. A sport with no entry is
not guessed: the import names it and says how to map it. Strength training, yoga and
the like load whatever the session held, so they have no default entry.

Sports are matched in the form the readers give them (formats/activities): lower case,
words separated by single spaces.
"""

from __future__ import annotations

from collections.abc import Mapping

from sorelog.domain.parts import resolve_part

_LEGS = ("quadriceps", "hamstrings", "glutes", "calves")
_PADDLE = ("upper-back", "shoulders", "biceps", "forearms")
_SWIM = ("shoulders", "upper-back", "chest", "triceps")

# Each sport by the one name of its family: the default table's keys.
DEFAULT_ACTIVITY_PARTS: dict[str, tuple[str, ...]] = {
    "running": _LEGS,
    "walking": ("calves", "quadriceps", "glutes"),
    "hiking": _LEGS,
    "cycling": _LEGS,
    "swimming": _SWIM,
    "rowing": ("upper-back", "biceps", "forearms", "quadriceps", "hamstrings", "glutes"),
    "paddling": _PADDLE,
    "stand up paddleboarding": (*_PADDLE, "abdominals"),
    "elliptical": _LEGS,
    "stair climbing": ("quadriceps", "glutes", "calves"),
    "cross country skiing": ("quadriceps", "glutes", "hamstrings", "shoulders", "triceps"),
    "alpine skiing": ("quadriceps", "glutes", "hamstrings"),
    "snowboarding": ("quadriceps", "glutes", "calves"),
    "soccer": (*_LEGS, "adductors"),
    "basketball": _LEGS,
    "tennis": ("shoulders", "forearms", "quadriceps", "calves"),
    "climbing": ("forearms", "biceps", "upper-back", "shoulders"),
}

# The names watches and apps give a family's sessions: FIT's sport and sub-sport
# (formats/activities/fit.py), Strava's activity types, Apple Health's workout types and
# TCX's Sport, in the form sport_key gives them. A session is known by its family: its
# parts come from the family's entry, and the same session in two exports (a FIT "road
# cycling" and the Strava "Ride" for it) is seen to be one.
SPORT_NAMES: dict[str, tuple[str, ...]] = {
    "running": ("run", "trail run", "trail running", "treadmill running", "track running",
                "street running", "road running", "indoor running", "virtual run",
                "virtual running"),
    "walking": ("walk", "casual walking", "speed walking", "indoor walking"),
    "hiking": ("hike",),
    "cycling": ("ride", "bike", "biking", "road cycling", "road biking", "road ride",
                "mountain cycling", "mountain biking", "mountain bike ride", "gravel cycling",
                "gravel biking", "gravel ride", "indoor cycling", "virtual ride",
                "virtual cycling", "spin", "spinning", "e biking", "e bike ride",
                "e mountain bike ride", "cyclocross", "track cycling"),
    "swimming": ("swim", "lap swimming", "pool swimming", "open water swimming"),
    "rowing": ("row", "indoor rowing"),
    "paddling": ("kayaking", "kayak", "canoeing", "canoe", "paddle sports", "paddlesports"),
    "stand up paddleboarding": ("stand up paddling", "stand up paddleboard",
                                "paddleboarding"),
    "stair climbing": ("stair stepper", "stairs", "stair stepping"),
    "cross country skiing": ("nordic ski", "nordic skiing", "cross country ski",
                             "skate skiing", "classic skiing"),
    "alpine skiing": ("skiing", "alpine ski", "downhill skiing", "downhill ski",
                      "backcountry ski", "backcountry skiing"),
    "snowboarding": ("snowboard",),
    "soccer": ("football",),
    "climbing": ("rock climbing", "rock climb", "bouldering", "indoor climbing"),
}  # fmt: skip
_FAMILY = {name: family for family, names in SPORT_NAMES.items() for name in names}


def sport_key(sport: str) -> str:
    """A sport in the one form the table, the config file and the readers use: lower case,
    "_" and "-" as a space, single spaces ("Trail_Running " is "trail running", "E-Bike
    Ride" is "e bike ride")."""
    return " ".join(sport.lower().replace("_", " ").replace("-", " ").split())


def sport_family(sport: str) -> str:
    """The name of the family a sport's name belongs to ("Road_Cycling", "ride" and
    "biking" are "cycling"); a name of no known family is its own."""
    key = sport_key(sport)
    return _FAMILY.get(key, key)


def activity_parts(
    sport: str, own: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[str, ...] | None:
    """The parts an activity of `sport` loads: the person's own entry for that very name
    (their "mountain biking" may differ from their "cycling"), else theirs for its family,
    else the default table's for its family; None when none names it (it is reported,
    never guessed)."""
    key, family = sport_key(sport), sport_family(sport)
    if own is not None:
        for name in (key, family):
            if name in own:
                return own[name]
    return DEFAULT_ACTIVITY_PARTS.get(family)


def check_activity_parts(sport: str, parts: object) -> tuple[str, ...]:
    """One `[activity_parts]` entry from the config file, as canonical part names (aliases
    such as "quads" read as `add` reads them); ValueError saying what is wrong."""
    if not isinstance(parts, list) or not all(isinstance(part, str) for part in parts):
        raise ValueError(f"activity_parts.{sport} must be a list of body parts, like "
                         '["quadriceps", "calves"]')  # fmt: skip
    if not parts:
        raise ValueError(f"activity_parts.{sport} names no body part")
    found = []
    for text in parts:
        try:
            part, side = resolve_part(text)
        except ValueError as exc:
            raise ValueError(f"activity_parts.{sport}: {exc}") from None
        if side is not None:  # a workout loads a part on every side
            raise ValueError(f"activity_parts.{sport}: '{text}' names a side; an activity "
                             f"loads {part} on every side, so give '{part}'")  # fmt: skip
        found.append(part)
    return tuple(dict.fromkeys(found))


def activity_table(
    own: Mapping[str, tuple[str, ...]],
) -> list[tuple[str, tuple[str, ...], bool]]:
    """Every sport an import maps, with its parts and whether the entry is the person's
    own: theirs first, then the default table's entries they have not replaced, each in
    the order of sports' names."""
    mine = [(sport, parts, True) for sport, parts in sorted(own.items())]
    kept = sorted((s, p) for s, p in DEFAULT_ACTIVITY_PARTS.items() if s not in own)
    return mine + [(sport, parts, False) for sport, parts in kept]
