"""Triage at once: a red flag is said the moment it is logged, not at the next report.

When add, side-effect, edit or import stores a symptom or effect of the emergency or
urgent tier, or a severity of 10, the command prints what to do straight after its
logged line: emergency care now (with the person's emergency number), or a clinician
today. An entry dated more than 3 days ago is named by its date, with the question
whether it is still happening. One line per part or remedy, however many rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sorelog.analysis.flag import Level
from sorelog.analysis.red_flags import RHABDO_REASON, RedFinding, red_findings
from sorelog.domain.parts import part_label
from sorelog.domain.settings import Config
from sorelog.domain.symptoms import any_red_symptom, effect_may_be_red
from sorelog.store import Journal
from sorelog.store import reads as queries

STILL_HAPPENING_AFTER = timedelta(days=3)


@dataclass(frozen=True)
class Alert:
    """One line to print at once, and how serious it is."""

    level: Level
    text: str


def triage(
    journal: Journal, records: Iterable[dict[str, Any]], today: date, config: Config
) -> list[Alert]:
    """The alerts for records just written (in the export shape), most serious first."""
    alerts: dict[tuple[str | None, ...], tuple[Level, str]] = {}
    red_days: set[date] = set()
    subjects: set[tuple[str | None, ...]] = set()  # only what was just written is said
    tens: dict[tuple[str | None, ...], date] = {}
    for record in records:
        day = date.fromisoformat(str(record["at"])[:10])
        if record["record"] == "soreness":
            key: tuple[str | None, ...] = ("part", record["body_part"], record["side"])
            if any_red_symptom(record["symptoms"]):
                red_days.add(day)
                subjects.add(key)
            if record["severity"] == 10:
                tens.setdefault(key, day)
        elif record["record"] == "side_effect" and effect_may_be_red(record["effect"]):
            red_days.add(day)
            subjects.add(("remedy", record["remedy"], None))
    for key, day in tens.items():
        label = part_label(str(key[1]), key[2])
        what = f"{label} at 10/10{_when(day, today)}"
        alerts[key] = (Level.urgent, _say(Level.urgent, what, day, today, config))
    for day in sorted(red_days):
        symptoms = queries.symptom_days(journal, day, day)
        effects = queries.side_effect_days(journal, day, day)
        for finding in red_findings(symptoms, effects):
            key = _key(finding)
            emergency = finding.rhabdo and finding.level is Level.emergency
            if key not in subjects and not emergency:  # a new rhabdo sign concerns them all
                continue
            what = f"{finding.what} logged {finding.subject}"
            if key in tens:
                what += ", at 10/10"
            what += _when(day, today)
            if emergency:
                what += f"; {RHABDO_REASON.split(', which')[0]}"
            level = finding.level
            alerts[key] = (level, _say(level, what, day, today, config))
    ordered = sorted(alerts.values(), key=lambda item: list(Level).index(item[0]))
    return [Alert(level, text) for level, text in ordered]


def _key(finding: RedFinding) -> tuple[str | None, ...]:
    if finding.is_effect:
        return ("remedy", finding.remedy, None)
    return ("part", finding.body_part, finding.side)


def _when(day: date, today: date) -> str:
    return f" for {day}" if today - day > STILL_HAPPENING_AFTER else ""


def _say(level: Level, what: str, day: date, today: date, config: Config) -> str:
    number = config.emergency_number or "your local emergency number"
    action = {
        Level.emergency: f"seek emergency care now: call {number}",
        Level.urgent: "contact a clinician today",
    }[level]
    if today - day > STILL_HAPPENING_AFTER:
        return f"{level.value.upper()}: {what}. Is it still happening? If so, {action}."
    return f"{level.value.upper()}: {what}. {action[0].upper()}{action[1:]}."
