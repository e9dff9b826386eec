"""Symptoms and side effects, by how soon they need care (spec: "Symptoms", "Remedies and
side effects").

Sources: NHS and Mayo Clinic guidance on muscle pain and its red flags, and on
rhabdomyolysis, compartment syndrome, deep vein thrombosis and cauda equina
syndrome; for side effects, the warning signs printed with common medicines
(allergic reaction, bleeding in the gut, liver trouble). The tiers say how soon
to get care; sorelog never says what the cause is.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Tier(StrEnum):
    """How soon something logged needs care."""

    emergency = "emergency"  # seek emergency care now
    urgent = "urgent"  # see a clinician today
    recorded = "recorded"  # kept in the journal, not flagged


# name -> (tier, what it means in plain words)
SYMPTOMS: dict[str, tuple[Tier, str]] = {
    "chest-pain": (Tier.emergency, "chest pain"),
    "breathless": (Tier.emergency, "breathlessness"),
    "confusion": (Tier.emergency, "confusion"),
    "fainting": (Tier.emergency, "fainting"),
    "dizziness": (Tier.emergency, "dizziness or light-headedness"),
    "saddle-numbness": (Tier.emergency, "numbness around the genitals, buttocks or inner thighs"),
    "bladder-bowel": (Tier.emergency, "new trouble controlling or passing urine or stools"),
    "dark-urine": (Tier.urgent, "tea- or cola-coloured urine"),
    "little-urine": (Tier.urgent, "passing little urine"),
    "weakness": (Tier.urgent, "cannot use the muscle or finish a movement"),
    "swelling": (Tier.urgent, "swelling"),
    "warmth": (Tier.urgent, "warmth"),
    "redness": (Tier.urgent, "redness"),
    "fever": (Tier.urgent, "fever"),
    "numbness": (Tier.urgent, "numbness"),
    "tingling": (Tier.urgent, "pins and needles"),
    "pop": (Tier.urgent, "a pop or sudden sharp pain during the exercise"),
    "vomiting": (Tier.urgent, "vomiting"),
    "rash": (Tier.urgent, "rash"),
    "stiffness": (Tier.recorded, "stiffness"),
    "bruising": (Tier.recorded, "bruising"),
    "cramping": (Tier.recorded, "cramping"),
    "headache": (Tier.recorded, "headache"),
}

# Words people use for a symptom -> its name (spec: "Symptoms"); stored by its name.
SYMPTOM_ALIASES: dict[str, str] = {
    "short-of-breath": "breathless",
    "shortness-of-breath": "breathless",
    "breathlessness": "breathless",
    "pins-and-needles": "tingling",
    "dizzy": "dizziness",
    "lightheaded": "dizziness",
    "light-headed": "dizziness",
    "incontinence": "bladder-bowel",
    "brown-urine": "dark-urine",
    "cola-urine": "dark-urine",
    "tea-coloured-urine": "dark-urine",
    "tea-colored-urine": "dark-urine",
    "passed-out": "fainting",
    "blackout": "fainting",
}


def symptom_key(text: str) -> str:
    """A symptom or effect as stored: any case, spaces, underscores and hyphens alike."""
    return "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


# Side effects that need care; any other effect is free text, flagged as `side_effect`.
SIDE_EFFECTS: dict[str, tuple[Tier, str]] = {
    "facial-swelling": (Tier.emergency, "swelling of the face, lips, tongue or throat"),
    "breathless": (Tier.emergency, "breathlessness"),
    "chest-pain": (Tier.emergency, "chest pain"),
    "vomiting-blood": (Tier.emergency, "vomiting blood"),
    "seizure": (Tier.emergency, "a seizure"),
    "confusion": (Tier.emergency, "confusion"),
    "fainting": (Tier.emergency, "fainting"),
    "black-stools": (Tier.urgent, "black or tarry stools"),
    "yellow-skin": (Tier.urgent, "yellowing of the skin or eyes"),
    "dark-urine": (Tier.urgent, "tea- or cola-coloured urine"),
    "hives": (Tier.urgent, "hives"),
    "vomiting": (Tier.urgent, "vomiting"),
    "severe-stomach-pain": (Tier.urgent, "severe stomach pain"),
}

# Dark urine with weakness or little urine on the same day, whatever parts or remedies they
# were logged with, can be rhabdomyolysis: an emergency (NHS, Mayo Clinic). So is dark urine
# within 72 h after strenuous exercise (CDC/NIOSH, exertional rhabdomyolysis).
RHABDO_SIGN = "dark-urine"
RHABDO_WITH = frozenset({"little-urine", "weakness"})
# Swelling with numbness or tingling in a severe limb: the compartment-syndrome pattern.
COMPARTMENT_SWELLING = "swelling"
COMPARTMENT_NERVE = frozenset({"numbness", "tingling"})


def any_red_symptom(names: Iterable[str]) -> bool:
    """Whether any of these symptoms is of the emergency or urgent tier."""
    return any(symptom_tier(name) is not Tier.recorded for name in names)


def effect_may_be_red(effect: str) -> bool:
    """A side effect of the red tiers, or one that can complete a dark-urine emergency
    (weakness, little urine, dark urine): said at once when it is logged."""
    return effect_tier(effect) is not Tier.recorded or effect in {RHABDO_SIGN, *RHABDO_WITH}


def symptom_tier(name: str) -> Tier:
    return SYMPTOMS[name][0] if name in SYMPTOMS else Tier.recorded


def effect_tier(name: str) -> Tier:
    return SIDE_EFFECTS[name][0] if name in SIDE_EFFECTS else Tier.recorded


def red_flag_names(tiered: dict[str, tuple[Tier, str]]) -> list[str]:
    """The names of a table that are flagged: emergency first, then urgent."""
    return [n for n, (tier, _) in tiered.items() if tier is not Tier.recorded]


def described(name: str, tiered: dict[str, tuple[Tier, str]]) -> str:
    """'dark-urine (tea- or cola-coloured urine)'; a name that says it all stands alone."""
    meaning = tiered.get(name, (Tier.recorded, name))[1]
    return name if meaning == name.replace("-", " ") or meaning == name else f"{name} ({meaning})"
