"""Body parts, their aliases and sides; qualities of soreness; reading a severity or symptom."""

from __future__ import annotations

import difflib
import re
from enum import StrEnum

from sorelog.domain.symptoms import SYMPTOM_ALIASES, SYMPTOMS, symptom_key

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
    "adductors": ("adductor", "groin", "inner thigh"),
    "quadriceps": ("quads", "quad", "thighs", "thigh"),
    "hamstrings": ("hamstring", "hams", "hammies"),
    "knees": ("knee",),
    "calves": ("calf",),
    "shins": ("shin",),
    "ankles": ("ankle", "achilles"),
    "feet": ("foot", "arches"),
    "elbows": ("elbow",),
}


# Joint, tendon and bone parts (spec: "Tissue"). Delayed-onset soreness is a muscle response to
# exercise (ACSM), so only the other, muscle, parts take a workout as an origin: pain in these
# is never "explained" by training, and a workout neither starts nor splits their episodes.
JOINT_TENDON_BONE = frozenset({"wrists", "hands", "knees", "ankles", "feet", "elbows", "shins"})

# Limb parts: a severe one with swelling and numbness or tingling on the same day is the
# pattern of acute compartment syndrome, an emergency (NHS, Mayo Clinic).
LIMBS = frozenset({
    "forearms", "biceps", "triceps", "hands", "quadriceps", "hamstrings", "adductors",
    "calves", "shins", "feet",
})  # fmt: skip


CHEST = "chest"  # the part of the `chest` rule: soreness no chest workout explains


def is_muscle(body_part: str) -> bool:
    """Whether a workout can be this part's origin: a known part that is not a joint,
    tendon or bone. A part sorelog does not know (a planted row) takes no origin."""
    return body_part in PARTS and body_part not in JOINT_TENDON_BONE


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

_SIDE_PREFIX = re.compile(r"^(left|right|both|l|r|b)[\s-]+(.+)$")

# How people shorten a side: --side l, "L knee", "r calf".
SIDE_WORDS: dict[str, str] = {"l": "left", "r": "right", "b": "both"} | {
    s.value: s.value for s in Side
}

# One part on one side reads in the singular ("left knee"); without a side, or on both,
# the canonical plural ("knees", "both knees"). Parts not listed read the same either way.
SINGULAR: dict[str, str] = {
    "shoulders": "shoulder", "forearms": "forearm", "wrists": "wrist", "hands": "hand",
    "obliques": "oblique", "glutes": "glute", "hips": "hip", "adductors": "adductor",
    "hamstrings": "hamstring", "knees": "knee", "calves": "calf", "shins": "shin",
    "ankles": "ankle", "feet": "foot", "elbows": "elbow",
}  # fmt: skip


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
        side, key = SIDE_WORDS[prefixed.group(1)], prefixed.group(2)
    for candidate in (key, key.replace(" ", "-"), key.replace("-", " ")):
        if candidate in _LOOKUP:
            return _LOOKUP[candidate], side
    hint = suggest_part(key)
    if hint and side:
        hint = part_label(hint, side)
    advice = f"did you mean '{hint}'?" if hint else "see 'sorelog parts' for the list"
    raise ValueError(f"unknown body part '{text.strip()}'; {advice}")


def parse_side(text: str) -> str:
    """'left', 'right' or 'both' from any case of them or of l, r, b; ValueError says what
    is allowed."""
    side = SIDE_WORDS.get(text.strip().lower())
    if side is None:
        raise ValueError(f"must be left, right or both (or l, r, b), not '{text.strip()}'")
    return side


def part_label(body_part: str, side: str | None) -> str:
    """'left calf' (one side: singular), 'both calves', or 'calves' when no side was given."""
    if side in (Side.left, Side.right):
        return f"{side} {SINGULAR.get(body_part, body_part)}"
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
    """'Dark urine' or 'brown urine' -> 'dark-urine'; ValueError names the closest symptoms
    sorelog knows ("did you mean"), or where the list is."""
    key = symptom_key(text)
    canonical = SYMPTOM_ALIASES.get(key, key)
    if canonical in SYMPTOMS:
        return canonical
    names = [*SYMPTOMS, *SYMPTOM_ALIASES]
    close = difflib.get_close_matches(key, names, n=3, cutoff=0.6)
    hints = list(dict.fromkeys(SYMPTOM_ALIASES.get(name, name) for name in close))
    shown = " ".join(text.split())
    if hints:
        advice = "did you mean " + " or ".join(f"'{name}'" for name in hints) + "?"
    else:
        advice = f"symptoms are: {', '.join(SYMPTOMS)} (see 'sorelog parts')"
    raise ValueError(f"unknown symptom '{shown}'; {advice}")


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
