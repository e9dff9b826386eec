"""Triage at once: what needs a word is said the moment it is logged, not at the next report.

When add, side-effect, edit or import stores a symptom or effect of the emergency or
urgent tier, a soreness or side effect at 10, or an entry that completes an emergency
combination (dark urine with weakness or little urine, dark urine within 72 h after a
workout, the compartment pattern), the command prints the flag straight after its logged
line: emergency care now (with the person's emergency number), or a clinician today. The
same moment serves the chest rule, and a remedy that goes over the person's own daily
limit or run of days. An entry dated more than 3 days ago is named by its date, with the
question whether it is still happening. One line per part or remedy, however many rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sorelog.analysis.bouts import loading_workouts
from sorelog.analysis.flag import LEVELS, Flag, Level
from sorelog.analysis.red_flags import (
    AFTER_EXERCISE,
    COMPARTMENT_REASON,
    EXERTIONAL_REASON,
    RHABDO_REASON,
    RedFinding,
    red_findings,
)
from sorelog.analysis.remedy_flags import flag_side_effects, over_limit, unbroken_run
from sorelog.analysis.soreness_flags import chest
from sorelog.domain.alerting import CHEST, TOP
from sorelog.domain.parts import LIMBS, part_label
from sorelog.domain.settings import Config
from sorelog.domain.symptoms import (
    RHABDO_SIGN,
    RHABDO_WITH,
    Tier,
    any_red_symptom,
    effect_may_be_red,
    effect_tier,
)
from sorelog.domain.values import Entry, SideEffectDay, SymptomDay
from sorelog.store import Journal
from sorelog.store import reads as queries

STILL_HAPPENING_AFTER = timedelta(days=3)
RUN_READ_DAYS = 366  # a run of days longer than a year is named as a year's
Subject = tuple[str | None, ...]  # ("part", body part, side) or ("remedy", name, None)


@dataclass(frozen=True)
class _Said:
    """What the records just written may have raised: their own subjects, the dark-urine
    combinations their signs may complete, and severe limbs (their compartment pattern)."""

    subjects: set[Subject]
    completing: set[str]
    severe_limbs: set[Subject]

    def about(self, key: Subject, finding: RedFinding) -> bool:
        if key in self.subjects:
            return True
        if not finding.combined:
            return False
        if key in self.severe_limbs and COMPARTMENT_REASON in finding.reasons:
            return True
        return bool(self.completing & set(finding.reasons))


@dataclass(frozen=True)
class Alert:
    """One line to print at once, and how serious it is."""

    level: Level
    text: str


def triage(
    journal: Journal, records: Iterable[dict[str, Any]], today: date, config: Config
) -> list[Alert]:
    """The alerts for records just written (in the export shape), most serious first."""
    alerts: dict[tuple[str, Subject], tuple[Level, str]] = {}
    red_days: set[date] = set()
    subjects: set[Subject] = set()  # only what was just written is said...
    completing: set[str] = set()  # ...and the combinations it may have completed
    severe_limbs: set[Subject] = set()
    tens: dict[Subject, date] = {}
    chest_entries: dict[Subject, list[Entry]] = {}
    effect_tens: list[SideEffectDay] = []
    for record in records:
        at = datetime.fromisoformat(str(record["at"]))
        day = date.fromisoformat(str(record["at"])[:10])
        if record["record"] == "soreness":
            key: Subject = ("part", record["body_part"], record["side"])
            severity = int(record["severity"] or 0)
            if any_red_symptom(record["symptoms"]):
                red_days.add(day)
                subjects.add(key)
                completing.update(_combinations(record["symptoms"]))
            if severity == TOP:
                tens.setdefault(key, day)
            if record["body_part"] in LIMBS and severity >= config.severe_level:
                red_days.add(day)  # may complete the compartment pattern of its own part
                severe_limbs.add(key)
            if record["body_part"] == CHEST and severity > 0:
                chest_entries.setdefault(key, []).append(Entry(at, day, severity))
        elif record["record"] == "side_effect":
            if effect_may_be_red(record["effect"]):
                red_days.add(day)
                subjects.add(("remedy", record["remedy"], None))
                completing.update(_combinations([record["effect"]]))
            elif record["severity"] == TOP and effect_tier(record["effect"]) is Tier.recorded:
                effect_tens.append(SideEffectDay(record["effect"], record["remedy"], day, TOP, at))
        elif record["record"] == "workout":  # a dark urine in the 72 h after it is exertional
            red_days.update(day + timedelta(days=n) for n in range(4))
            completing.add(EXERTIONAL_REASON)
    for key, day in tens.items():
        what = f"{part_label(str(key[1]), key[2])} at 10/10{_when(day, today)}"
        alerts[("severe", key)] = (Level.urgent, _say(Level.urgent, what, day, today, config))
    if red_days:
        said = _Said(subjects, completing, severe_limbs)
        _red_alerts(journal, red_days, said, tens, today, config, alerts)
    if chest_entries:
        _chest_alerts(journal, chest_entries, today, alerts)
    for flag in flag_side_effects(effect_tens, min((e.day for e in effect_tens), default=today)):
        alerts[("side_effect", ("remedy", flag.remedy, None))] = _flag_alert(flag)
    ordered = sorted(alerts.values(), key=lambda item: list(Level).index(item[0]))
    return [Alert(level, text) for level, text in ordered]


def _red_alerts(
    journal: Journal,
    red_days: set[date],
    said: _Said,
    tens: dict[Subject, date],
    today: date,
    config: Config,
    alerts: dict[tuple[str, Subject], tuple[Level, str]],
) -> None:
    """The red flags of the days written to: those of what was written, and the emergency
    combinations what was written may have completed (a new sign can complete one for any
    part: dark urine here, weakness there)."""
    first, last = min(red_days), max(red_days)
    workouts = [w for w in queries.workouts(journal, last) if w.day >= first - timedelta(days=4)]
    # Two reads for the whole span, however many days were written to (an import's can be
    # years): then each day is judged on its own.
    symptoms: dict[date, list[SymptomDay]] = defaultdict(list)
    for entry in queries.symptom_days(journal, first, last):
        if entry.day in red_days:
            symptoms[entry.day].append(entry)
    effects: dict[date, list[SideEffectDay]] = defaultdict(list)
    for effect in queries.side_effect_days(journal, first, last):
        if effect.day in red_days:
            effects[effect.day].append(effect)
    for day in sorted(set(symptoms) | set(effects)):
        found = red_findings(symptoms[day], effects[day], workouts, config.severe_level)
        for finding in found:
            key = _key(finding)
            if not said.about(key, finding):
                continue
            what = f"{finding.what} logged {finding.subject}"
            if key in tens:
                what += ", at 10/10"
            what += _when(day, today)
            if finding.combined:
                what += "; " + "; ".join(r.split(", which")[0] for r in finding.reasons)
            alerts.pop(("severe", key), None)  # said with its signs
            before = alerts.get(("red_flag", key))
            if before is None or LEVELS.index(before[0]) >= LEVELS.index(finding.level):
                alerts[("red_flag", key)] = (  # the most serious day, else the latest
                    finding.level,
                    _say(finding.level, what, day, today, config),
                )


def _chest_alerts(
    journal: Journal,
    chest_entries: dict[Subject, list[Entry]],
    today: date,
    alerts: dict[tuple[str, Subject], tuple[Level, str]],
) -> None:
    """The chest caution for chest soreness no workout in the 72 h before it explains."""
    latest = max(e.day for entries in chest_entries.values() for e in entries)
    loading = loading_workouts(CHEST, queries.workouts(journal, latest))
    for key, entries in chest_entries.items():
        first = min(e.at for e in entries) - AFTER_EXERCISE
        near = [w for w in loading if w.at >= first]
        label = part_label(str(key[1]), key[2])
        found = chest(CHEST, label, entries, near, min(e.day for e in entries))
        if found is not None:
            level, code, since, message = found
            flag = Flag(level, code, since, message, CHEST, key[2])
            alerts.setdefault(("chest", key), _flag_alert(flag))


def remedy_alerts(journal: Journal, remedy: str, day: date, today: date) -> list[Alert]:
    """A remedy use just logged on `day` that takes that day over the person's own daily
    limit, or its run of days over their own --max-days: that flag, said at once."""
    limit = queries.limits(journal).get(remedy)
    if limit is None:
        return []
    found: list[Flag] = []
    if limit.max_daily is not None:
        flag = over_limit(remedy, queries.remedy_days(journal, day, day, remedy), limit, day)
        if flag is not None and flag.level is Level.follow_up:  # not a unit it can't compare
            found.append(flag)
    if limit.max_days is not None:  # the run holding `day`: the first to end on or after it
        use = queries.remedy_days(journal, day - timedelta(days=RUN_READ_DAYS), today, remedy)
        flag = unbroken_run(remedy, use, limit, day, Config())
        if flag is not None:
            found.append(flag)
    return [Alert(*_flag_alert(flag)) for flag in found]


def _flag_alert(flag: Flag) -> tuple[Level, str]:
    """A flag of the lower levels said at once: its level and its own message."""
    name = flag.level.value.replace("_", " ").upper()
    return (flag.level, f"{name}: {flag.message}.")


def _combinations(names: Iterable[str]) -> set[str]:
    """The emergency combinations a sign can complete."""
    seen = set(names)
    found = set()
    if RHABDO_SIGN in seen or seen & RHABDO_WITH:
        found.add(RHABDO_REASON)
    if RHABDO_SIGN in seen:
        found.add(EXERTIONAL_REASON)
    return found


def _key(finding: RedFinding) -> Subject:
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
