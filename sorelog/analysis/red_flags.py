"""Red flags: symptoms logged with soreness, and side effects, that need care soon.

One flag per part and side (symptoms) or per remedy (side effects), at the highest
tier seen in the window: emergency for an emergency-tier name, or for dark urine with
weakness or little urine on the same day (signs of rhabdomyolysis, whatever parts or
remedies they were logged with); urgent for any other flagged name. Sources: NHS and
Mayo Clinic red flags for muscle pain, rhabdomyolysis, compartment syndrome, DVT and
cauda equina; the warning signs printed with common medicines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sorelog.analysis.flag import Flag, Level
from sorelog.domain.parts import part_label
from sorelog.domain.symptoms import (
    RHABDO_SIGN,
    RHABDO_WITH,
    SIDE_EFFECTS,
    SYMPTOMS,
    Tier,
    described,
    effect_tier,
    symptom_tier,
)
from sorelog.domain.values import SideEffectDay, SymptomDay

REASON = {
    Level.emergency: "signs like these need emergency care now",
    Level.urgent: "a red-flag sign like this is worth a clinician's look today",
}
RHABDO_REASON = (
    "dark urine with weakness or little urine on the same day can be a sign of "
    "rhabdomyolysis, which needs emergency care now"
)


@dataclass
class RedFinding:
    """What was seen for one part and side, or one remedy: the names, by day."""

    body_part: str | None = None
    side: str | None = None
    remedy: str | None = None
    is_effect: bool = False
    names: dict[str, date] = field(default_factory=dict)  # name -> first day seen
    level_since: dict[Level, date] = field(default_factory=dict)
    rhabdo: bool = False

    def see(self, name: str, day: date, level: Level) -> None:
        self.names.setdefault(name, day)
        self.level_since.setdefault(level, day)

    @property
    def level(self) -> Level:
        return min(self.level_since, key=list(Level).index)

    @property
    def since(self) -> date:
        return self.level_since[self.level]

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
    symptoms: Sequence[SymptomDay], side_effects: Sequence[SideEffectDay]
) -> list[RedFinding]:
    """Every part or remedy with a red-flag symptom or effect, oldest first."""
    rhabdo = rhabdo_days(symptoms, side_effects)
    found: dict[tuple[str | None, ...], RedFinding] = {}
    for entry in symptoms:
        for name in entry.symptoms:
            tier = symptom_tier(name)
            if tier is Tier.recorded:
                continue
            key: tuple[str | None, ...] = ("part", entry.body_part, entry.side)
            finding = found.setdefault(key, RedFinding(entry.body_part, entry.side))
            _see(finding, name, entry.day, tier, rhabdo)
    for effect in side_effects:
        tier = effect_tier(effect.effect)
        if tier is Tier.recorded and not completes_rhabdo(effect, rhabdo):
            continue
        key = ("remedy", effect.remedy, None)
        finding = found.setdefault(key, RedFinding(remedy=effect.remedy, is_effect=True))
        _see(finding, effect.effect, effect.day, tier, rhabdo)
    return sorted(found.values(), key=lambda f: (list(Level).index(f.level), f.since))


def _see(finding: RedFinding, name: str, day: date, tier: Tier, rhabdo_days: set[date]) -> None:
    level = Level.emergency if tier is Tier.emergency else Level.urgent
    if day in rhabdo_days and (name == RHABDO_SIGN or name in RHABDO_WITH):
        level = Level.emergency
        finding.rhabdo = True
    finding.see(name, day, level)


def completes_rhabdo(effect: SideEffectDay, rhabdo: set[date]) -> bool:
    """A side effect (weakness, little urine, dark urine) that is part of a day's
    dark-urine emergency: a red flag then, not an ordinary side effect."""
    return effect.day in rhabdo and (effect.effect == RHABDO_SIGN or effect.effect in RHABDO_WITH)


def rhabdo_days(symptoms: Sequence[SymptomDay], side_effects: Sequence[SideEffectDay]) -> set[date]:
    """Days with dark urine and, logged with anything that day, weakness or little urine."""
    names: dict[date, set[str]] = defaultdict(set)
    for entry in symptoms:
        names[entry.day].update(entry.symptoms)
    for effect in side_effects:
        names[effect.day].add(effect.effect)
    return {day for day, seen in names.items() if RHABDO_SIGN in seen and seen & RHABDO_WITH}


def flag_red(symptoms: Sequence[SymptomDay], side_effects: Sequence[SideEffectDay]) -> list[Flag]:
    """The red_flag flags: one per part and side or remedy, at its highest level."""
    flags = []
    for finding in red_findings(symptoms, side_effects):
        level = finding.level
        reason = RHABDO_REASON if finding.rhabdo and level is Level.emergency else REASON[level]
        flags.append(
            Flag(
                level,
                "red_flag",
                finding.since,
                f"{finding.what} logged {finding.subject} since {finding.since}; {reason}",
                finding.body_part,
                finding.side,
                finding.remedy,
            )
        )
    return flags
