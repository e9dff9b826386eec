"""Which entries just written may need a word at once (spec: "Triage at once").

A cheap test on what was typed, so that `add` and `import` read the journal back for
triage only when something could be said: a red-flag symptom or effect, a 10/10, a severe
limb (it may complete the compartment pattern), or chest soreness (the chest rule).
"""

from __future__ import annotations

from collections.abc import Iterable

from sorelog.domain.parts import CHEST, LIMBS
from sorelog.domain.symptoms import any_red_symptom, effect_may_be_red

TOP = 10  # the worst imaginable


def soreness_may_alert(
    body_part: str, severity: int, symptoms: Iterable[str], severe_level: int
) -> bool:
    """Whether a soreness entry may need a word at once."""
    return (
        severity == TOP
        or any_red_symptom(symptoms)
        or (body_part in LIMBS and severity >= severe_level)
        or (body_part == CHEST and severity > 0)
    )


def effect_may_alert(effect: str, severity: int | None) -> bool:
    """Whether a side effect may need a word at once: a red-flag effect, a sign that can
    complete a dark-urine emergency, or any effect at 10/10."""
    return effect_may_be_red(effect) or severity == TOP
