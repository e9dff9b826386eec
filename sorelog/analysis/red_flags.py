"""Red flags: symptoms logged with soreness, and side effects, that need care soon.

One flag per part and side (symptoms) or per remedy (side effects), at the highest
tier seen in the window: emergency for an emergency-tier name, or for a combination:
dark urine with weakness or little urine on the same day (signs of rhabdomyolysis,
whatever parts or remedies they were logged with); dark urine within 72 h after any
workout (exertional rhabdomyolysis, CDC/NIOSH); a severe limb with swelling and
numbness or tingling on the same day (the compartment-syndrome pattern). Urgent for any
other flagged name. Sources: NHS and Mayo Clinic red flags for muscle pain,
rhabdomyolysis, compartment syndrome, DVT and cauda equina; CDC/NIOSH on exertional
rhabdomyolysis; the warning signs printed with common medicines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sorelog.analysis.flag import Flag, Level
from sorelog.domain.parts import LIMBS, part_label
from sorelog.domain.symptoms import (
    COMPARTMENT_NERVE,
    COMPARTMENT_SWELLING,
    RHABDO_SIGN,
    RHABDO_WITH,
    SIDE_EFFECTS,
    SYMPTOMS,
    Tier,
    described,
    effect_tier,
    symptom_tier,
)
from sorelog.domain.values import SideEffectDay, SymptomDay, Workout

REASON = {
    Level.emergency: "signs like these need emergency care now",
    Level.urgent: "a red-flag sign like this is worth a clinician's look today",
}
RHABDO_REASON = (
    "dark urine with weakness or little urine on the same day can be a sign of "
    "rhabdomyolysis, which needs emergency care now"
)
EXERTIONAL_REASON = (
    "dark urine within 72 h after exercise can be a sign of exertional rhabdomyolysis "
    "(muscle breakdown), which needs emergency care now"
)
COMPARTMENT_REASON = (
    "a severe limb with swelling and numbness or tingling on the same day can be a sign of "
    "compartment syndrome, which needs emergency care now"
)
AFTER_EXERCISE = timedelta(hours=72)  # CDC/NIOSH: dark urine after strenuous exercise


@dataclass
class RedFinding:
    """What was seen for one part and side, or one remedy: the names, by day."""

    body_part: str | None = None
    side: str | None = None
    remedy: str | None = None
    is_effect: bool = False
    names: dict[str, date] = field(default_factory=dict)  # name -> first day seen
    level_since: dict[Level, date] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)  # the emergency combinations seen

    def see(self, name: str, day: date, level: Level, reason: str | None = None) -> None:
        self.names.setdefault(name, day)
        self.level_since.setdefault(level, day)
        if reason and reason not in self.reasons:
            self.reasons.append(reason)

    @property
    def level(self) -> Level:
        return min(self.level_since, key=list(Level).index)

    @property
    def since(self) -> date:
        return self.level_since[self.level]

    @property
    def combined(self) -> bool:
        """Raised to emergency by a combination (not by one emergency-tier name)."""
        return bool(self.reasons) and self.level is Level.emergency

    @property
    def reason(self) -> str:
        """Why it matters: the combinations seen, else the tier's reason."""
        return "; ".join(self.reasons) if self.combined else REASON[self.level]

    @property
    def subject(self) -> str:
        """'with left calves soreness' / 'as a side effect of ibuprofen'."""
        if not self.is_effect:
            return f"with {part_label(self.body_part or '', self.side)} soreness"
        return f"as a side effect of {self.remedy}" if self.remedy else "as a side effect"

    @property
    def what(self) -> str:
        table = SIDE_EFFECTS if self.is_effect else SYMPTOMS
        return ", ".join(described(name, table) for name in self.names)


def red_findings(
    symptoms: Sequence[SymptomDay],
    side_effects: Sequence[SideEffectDay],
    workouts: Sequence[Workout] = (),
    severe_level: int = 8,
) -> list[RedFinding]:
    """Every part or remedy with a red-flag symptom or effect, most serious first.
    `workouts`: those that may lie within 72 h before a dark urine (any, any order)."""
    rhabdo = rhabdo_days(symptoms, side_effects)
    compartment = compartment_days(symptoms, severe_level)
    found: dict[tuple[str | None, ...], RedFinding] = {}
    for entry in symptoms:
        key: tuple[str | None, ...] = ("part", entry.body_part, entry.side)
        for name in entry.symptoms:
            tier = symptom_tier(name)
            if tier is Tier.recorded:
                continue
            finding = found.setdefault(key, RedFinding(entry.body_part, entry.side))
            reason = _combination(name, entry.day, entry.at, rhabdo, workouts)
            if reason is None and (key, entry.day) in compartment and _in_compartment(name):
                reason = COMPARTMENT_REASON
            _see(finding, name, entry.day, tier, reason)
    for effect in side_effects:
        tier = effect_tier(effect.effect)
        reason = None
        if effect.effect == RHABDO_SIGN or effect.effect in RHABDO_WITH:
            reason = _combination(effect.effect, effect.day, effect.at, rhabdo, workouts)
        if tier is Tier.recorded and reason is None:
            continue
        key = ("remedy", effect.remedy, None)
        finding = found.setdefault(key, RedFinding(remedy=effect.remedy, is_effect=True))
        _see(finding, effect.effect, effect.day, tier, reason)
    return sorted(found.values(), key=lambda f: (list(Level).index(f.level), f.since))


def _see(finding: RedFinding, name: str, day: date, tier: Tier, reason: str | None) -> None:
    level = Level.emergency if tier is Tier.emergency or reason else Level.urgent
    finding.see(name, day, level, reason)


def _combination(
    name: str,
    day: date,
    at: datetime | None,
    rhabdo: set[date],
    workouts: Sequence[Workout],
) -> str | None:
    """The dark-urine emergency a name is part of, if any."""
    if day in rhabdo and (name == RHABDO_SIGN or name in RHABDO_WITH):
        return RHABDO_REASON
    if name == RHABDO_SIGN and after_workout(day, at, workouts):
        return EXERTIONAL_REASON
    return None


def after_workout(day: date, at: datetime | None, workouts: Sequence[Workout]) -> bool:
    """Whether a workout lies within the 72 h before this moment (by calendar day, up to 3
    days before, when only the day is known)."""
    if at is None:
        return any(0 <= (day - w.day).days <= 3 for w in workouts)
    return any(at - AFTER_EXERCISE <= w.at <= at for w in workouts)


def _in_compartment(name: str) -> bool:
    return name == COMPARTMENT_SWELLING or name in COMPARTMENT_NERVE


def compartment_days(
    symptoms: Sequence[SymptomDay], severe_level: int
) -> set[tuple[tuple[str | None, ...], date]]:
    """(part key, day) of a limb at >= severe_level with swelling and numbness or tingling
    logged with it that day: the compartment-syndrome pattern."""
    names: dict[tuple[tuple[str | None, ...], date], set[str]] = defaultdict(set)
    highest: dict[tuple[tuple[str | None, ...], date], int] = defaultdict(int)
    for entry in symptoms:
        if entry.body_part not in LIMBS:
            continue
        key = (("part", entry.body_part, entry.side), entry.day)
        names[key].update(entry.symptoms)
        highest[key] = max(highest[key], entry.severity)
    return {
        key
        for key, seen in names.items()
        if highest[key] >= severe_level
        and COMPARTMENT_SWELLING in seen
        and seen & COMPARTMENT_NERVE
    }


def completes_rhabdo(
    effect: SideEffectDay, rhabdo: set[date], workouts: Sequence[Workout] = ()
) -> bool:
    """A side effect (weakness, little urine, dark urine) that is part of a dark-urine
    emergency: a red flag then, not an ordinary side effect."""
    if effect.effect != RHABDO_SIGN and effect.effect not in RHABDO_WITH:
        return False
    return _combination(effect.effect, effect.day, effect.at, rhabdo, workouts) is not None


def rhabdo_days(symptoms: Sequence[SymptomDay], side_effects: Sequence[SideEffectDay]) -> set[date]:
    """Days with dark urine and, logged with anything that day, weakness or little urine."""
    names: dict[date, set[str]] = defaultdict(set)
    for entry in symptoms:
        names[entry.day].update(entry.symptoms)
    for effect in side_effects:
        names[effect.day].add(effect.effect)
    return {day for day, seen in names.items() if RHABDO_SIGN in seen and seen & RHABDO_WITH}


def flag_red(
    symptoms: Sequence[SymptomDay],
    side_effects: Sequence[SideEffectDay],
    workouts: Sequence[Workout] = (),
    severe_level: int = 8,
) -> list[Flag]:
    """The red_flag flags: one per part and side or remedy, at its highest level."""
    return [
        Flag(
            finding.level,
            "red_flag",
            finding.since,
            f"{finding.what} logged {finding.subject} since {finding.since}; {finding.reason}",
            finding.body_part,
            finding.side,
            finding.remedy,
        )
        for finding in red_findings(symptoms, side_effects, workouts, severe_level)
    ]
