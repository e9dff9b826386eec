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

DEFAULT_ACTIVITY_PARTS: dict[str, tuple[str, ...]] = {
    "running": _LEGS,
    "trail running": _LEGS,
    "treadmill running": _LEGS,
    "track running": _LEGS,
    "walking": ("calves", "quadriceps", "glutes"),
    "hiking": _LEGS,
    "cycling": _LEGS,
    "biking": _LEGS,
    "mountain biking": _LEGS,
    "indoor cycling": _LEGS,
    "swimming": ("shoulders", "upper-back", "chest", "triceps"),
    "open water swimming": ("shoulders", "upper-back", "chest", "triceps"),
    "lap swimming": ("shoulders", "upper-back", "chest", "triceps"),
    "rowing": ("upper-back", "biceps", "forearms", "quadriceps", "hamstrings", "glutes"),
    "indoor rowing": ("upper-back", "biceps", "forearms", "quadriceps", "hamstrings", "glutes"),
    "kayaking": _PADDLE,
    "paddling": _PADDLE,
    "stand up paddleboarding": (*_PADDLE, "abdominals"),
    "elliptical": _LEGS,
    "stair climbing": ("quadriceps", "glutes", "calves"),
    "cross country skiing": ("quadriceps", "glutes", "hamstrings", "shoulders", "triceps"),
    "skiing": ("quadriceps", "glutes", "hamstrings"),
    "alpine skiing": ("quadriceps", "glutes", "hamstrings"),
    "snowboarding": ("quadriceps", "glutes", "calves"),
    "soccer": (*_LEGS, "adductors"),
    "football": (*_LEGS, "adductors"),
    "basketball": _LEGS,
    "tennis": ("shoulders", "forearms", "quadriceps", "calves"),
    "climbing": ("forearms", "biceps", "upper-back", "shoulders"),
    "rock climbing": ("forearms", "biceps", "upper-back", "shoulders"),
}


def sport_key(sport: str) -> str:
    """A sport in the one form the table, the config file and the readers use: lower case,
    "_" as a space, single spaces ("Trail_Running " is "trail running")."""
    return " ".join(sport.lower().replace("_", " ").split())


def activity_parts(
    sport: str, own: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[str, ...] | None:
    """The parts an activity of `sport` loads: the person's own entry, else the default
    table's; None when neither names the sport (it is reported, never guessed)."""
    key = sport_key(sport)
    if own is not None and key in own:
        return own[key]
    return DEFAULT_ACTIVITY_PARTS.get(key)


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
