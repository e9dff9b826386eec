"""Body parts, their aliases and sides; qualities of soreness; reading a severity or symptom."""

from __future__ import annotations

import difflib
import re
from enum import StrEnum

from sorelog.domain.symptoms import SYMPTOMS

# canonical name -> aliases (spec: "Body parts")
PARTS: dict[str, tuple[str, ...]] = {
    "neck": (),
    "traps": ("trapezius",),
    "shoulders": ("shoulder", "delts", "deltoids"),
    "chest": ("pecs", "pectorals"),
    "upper-back": ("upper back", "lats", "rhomboids"),
    "lower-back": ("lower back", "low back", "lumbar"),
    "biceps": ("bicep",),
    "triceps": ("tricep",),
    "forearms": ("forearm",),
    "wrists": ("wrist",),
    "hands": ("hand", "fingers"),
    "abdominals": ("abs", "core", "stomach"),
    "obliques": ("oblique", "sides"),
    "glutes": ("glute", "butt", "buttocks"),
    "hips": ("hip", "hip-flexors", "hip flexors"),
    "adductors": ("groin", "inner thigh"),
    "quadriceps": ("quads", "quad", "thighs", "thigh"),
    "hamstrings": ("hamstring", "hams", "hammies"),
    "knees": ("knee",),
    "calves": ("calf",),
    "shins": ("shin",),
    "ankles": ("ankle", "achilles"),
    "feet": ("foot", "arches"),
    "elbows": ("elbow",),
}


class Side(StrEnum):
    left = "left"
    right = "right"
    both = "both"


class Quality(StrEnum):
    """What soreness feels like: the `--kind` of a soreness entry (not a record kind)."""

    ache = "ache"
    stiffness = "stiffness"
    sharp = "sharp"
    cramp = "cramp"
    burning = "burning"
    tender = "tender"
    throbbing = "throbbing"


_LOOKUP: dict[str, str] = {}
for _canonical, _aliases in PARTS.items():
    for _name in (_canonical, *_aliases):
        _LOOKUP[_name] = _canonical

_SIDE_PREFIX = re.compile(r"^(left|right|both)[\s-]+(.+)$")


def _normalise(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").split())


def suggest_part(text: str) -> str | None:
    """The canonical part whose name or alias is closest to `text`, if any is close."""
    key = _normalise(text)
    names = list(_LOOKUP)
    names += [n.replace("-", " ") for n in names if "-" in n]
    match = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if not match:
        return None
    return _LOOKUP.get(match[0]) or _LOOKUP[match[0].replace(" ", "-")]


def resolve_part(text: str) -> tuple[str, str | None]:
    """Return (canonical part, side from a prefix or None); ValueError names the closest match."""
    key = _normalise(text)
    if not key:
        raise ValueError("body part is empty; try 'sorelog parts' for the list")
    side: str | None = None
    if key not in _LOOKUP and (prefixed := _SIDE_PREFIX.match(key)):
        side, key = prefixed.group(1), prefixed.group(2)
    for candidate in (key, key.replace(" ", "-"), key.replace("-", " ")):
        if candidate in _LOOKUP:
            return _LOOKUP[candidate], side
    hint = suggest_part(key)
    if hint and side:
        hint = f"{side} {hint}"
    advice = f"did you mean '{hint}'?" if hint else "see 'sorelog parts' for the list"
    raise ValueError(f"unknown body part '{text.strip()}'; {advice}")


def part_label(body_part: str, side: str | None) -> str:
    """'left calves', or just 'calves' when no side was given."""
    return f"{side} {body_part}" if side else body_part


def parse_severity(text: str) -> int:
    """A whole number 0-10; ValueError says what is allowed."""
    value = text.strip()
    if not (value.isascii() and value.isdigit() and int(value) <= 10):
        raise ValueError(
            f"severity must be a whole number from 0 (none) to 10 (worst imaginable), not '{text}'"
        )
    return int(value)


def parse_symptom(text: str) -> str:
    """'Dark urine' -> 'dark-urine'; ValueError lists the symptoms sorelog knows."""
    key = "-".join(text.strip().lower().replace("_", " ").split())
    if key not in SYMPTOMS:
        raise ValueError(f"unknown symptom '{text.strip()}'; use {', '.join(SYMPTOMS)}")
    return key


def workout_parts(given: list[str]) -> list[str]:
    """The canonical parts a workout loads, from --part values or a cell: each may hold
    several, separated by commas or ";". A workout loads a part on every side, so a side
    prefix is refused rather than dropped. ValueError names the first unknown part."""
    parts: list[str] = []
    for value in given:
        for piece in value.replace(";", ",").split(","):
            if not piece.strip():
                continue
            part, side = resolve_part(piece)
            if side is not None:
                raise ValueError(
                    f"'{piece.strip()}': a workout loads a part on every side; give it "
                    f"without '{side}'"
                )
            if part not in parts:
                parts.append(part)
    if not parts:
        raise ValueError("a workout needs at least one part, like --part quads,hamstrings")
    return parts


def part_names() -> list[str]:
    """Every canonical name and alias, for shell completion."""
    return sorted(_LOOKUP)
