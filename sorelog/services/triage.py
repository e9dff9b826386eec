"""Triage at once: what needs a word is said the moment it is logged, not at the next report.

When add, side-effect, edit, workout or import stores a symptom or effect of the emergency
or urgent tier, a soreness or side effect at 10, or an entry that completes an emergency
combination (dark urine with weakness or little urine, dark urine within 72 h after a
workout, the compartment pattern), the command prints the flag straight after its logged
line: emergency care now (with the person's emergency number), or a clinician today. The
same moment serves the chest rule, and a remedy that goes over the person's own daily
limit or run of days. An entry logged for more than 72 h before now is named by its date,
with the question whether it is still happening. One line per part or remedy, however
many rows, and nothing said again that an earlier entry already raised.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
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
from sorelog.analysis.remedy_stats import runs
from sorelog.analysis.soreness_flags import chest
from sorelog.domain.alerting import TOP
from sorelog.domain.parts import CHEST, LIMBS, part_label
from sorelog.domain.settings import Config
from sorelog.domain.symptoms import (
    RHABDO_SIGN,
    RHABDO_WITH,
    Tier,
    any_red_symptom,
    effect_may_be_red,
    effect_tier,
)
from sorelog.domain.values import Entry, SideEffectDay
from sorelog.store import Journal
from sorelog.store import reads as queries

STILL_HAPPENING_AFTER = timedelta(hours=72)
RUN_READ_DAYS = 366  # a run of days longer than a year is named as a year's
Subject = tuple[str | None, ...]  # ("part", body part, side) or ("remedy", name, None)
Alerts = dict[tuple[str, Subject], tuple[Level, str]]


@dataclass(frozen=True)
class Alert:
    """One line to print at once, and how serious it is."""

    level: Level
    text: str


@dataclass
class Written:
    """What the records just written may raise, gathered in one pass over them (as they
    are written, or read back after), each record in the export shape."""

    subjects: set[Subject] = field(default_factory=set)  # a red sign was written for these
    completing: set[str] = field(default_factory=set)  # dark-urine combinations they may make
    severe_limbs: set[Subject] = field(default_factory=set)  # their compartment pattern
    red_days: set[date] = field(default_factory=set)
    workouts: set[datetime] = field(default_factory=set)  # new workouts: exertional dark urine
    tens: dict[Subject, tuple[date, datetime]] = field(default_factory=dict)
    chest: dict[Subject, list[Entry]] = field(default_factory=dict)
    effect_tens: list[SideEffectDay] = field(default_factory=list)
    latest: dict[date, datetime] = field(default_factory=dict)  # each day's newest entry

    def see(self, record: dict[str, Any], config: Config) -> None:
        at = datetime.fromisoformat(str(record["at"]))
        day = date.fromisoformat(str(record["at"])[:10])
        self.latest[day] = max(self.latest.get(day, at), at)
        if record["record"] == "soreness":
            key: Subject = ("part", record["body_part"], record["side"])
            severity = int(record["severity"] or 0)
            red = any_red_symptom(record["symptoms"])
            if red:
                self.red_days.add(day)
                self.subjects.add(key)
                self.completing.update(_combinations(record["symptoms"]))
            if severity == TOP and (key not in self.tens or at < self.tens[key][1]):
                self.tens[key] = (day, at)  # the first, in whatever order records come
            if record["body_part"] in LIMBS and severity >= config.severe_level:
                self.red_days.add(day)  # may complete the compartment pattern of its part
                self.severe_limbs.add(key)
            if record["body_part"] == CHEST and severity > 0 and not red:
                # with a red sign, the red flag says more than the chest caution
                self.chest.setdefault(key, []).append(Entry(at, day, severity))
        elif record["record"] == "side_effect":
            effect, remedy = record["effect"], record["remedy"]
            if effect_may_be_red(effect):
                self.red_days.add(day)
                self.subjects.add(("remedy", remedy, None))
                self.completing.update(_combinations([effect]))
            if record["severity"] == TOP and effect_tier(effect) is Tier.recorded:
                self.effect_tens.append(SideEffectDay(effect, remedy, day, TOP, at))
        elif record["record"] == "workout":  # a dark urine in the 72 h after it is exertional
            self.red_days.update(day + timedelta(days=n) for n in range(4))
            self.workouts.add(at)

    def speaks_of(self, key: Subject, finding: RedFinding, before: RedFinding | None) -> bool:
        """Whether a red finding is news from what was written: its own sign, or a
        combination the writing completed (and that was not complete without it)."""
        if key in self.subjects:
            return True
        if not finding.combined:
            return False
        if key in self.severe_limbs and COMPARTMENT_REASON in finding.reasons:
            return True
        if self.completing & set(finding.reasons):
            return True
        made_exertional = before is None or EXERTIONAL_REASON not in before.reasons
        return bool(self.workouts) and EXERTIONAL_REASON in finding.reasons and made_exertional


def triage(
    journal: Journal, records: Iterable[dict[str, Any]], now: datetime, config: Config
) -> list[Alert]:
    """The alerts for records just written (in the export shape), most serious first."""
    written = Written()
    for record in records:
        written.see(record, config)
    return alerts_for(journal, written, now, config)


def alerts_for(journal: Journal, written: Written, now: datetime, config: Config) -> list[Alert]:
    """The alerts for what was written, judged with the journal as it now is."""
    alerts: Alerts = {}
    for key, (day, at) in written.tens.items():
        what = f"{part_label(str(key[1]), key[2])} at 10/10{_when(day, at, now)}"
        what += "; soreness this severe is not routine"
        alerts[("severe", key)] = (Level.urgent, _say(Level.urgent, what, at, now, config))
    if written.red_days:
        _red_alerts(journal, written, now, config, alerts)
    if written.chest:
        _chest_alerts(journal, written.chest, config, alerts)
    first = min((e.day for e in written.effect_tens), default=now.date())
    for flag in flag_side_effects(written.effect_tens, first):
        key = ("remedy", flag.remedy, None)
        if ("red_flag", key) not in alerts:  # a red flag for it already says more
            alerts[("side_effect", key)] = _flag_alert(flag)
    ordered = sorted(alerts.values(), key=lambda item: LEVELS.index(item[0]))
    return [Alert(level, text) for level, text in ordered]


def _red_alerts(journal: Journal, written: Written, now: datetime, config: Config,
                alerts: Alerts) -> None:  # fmt: skip
    """The red flags of the days written to, judged together as the report judges them:
    two reads for the whole span, however many days an import wrote to."""
    first, last = min(written.red_days), max(written.red_days)
    workouts = [w for w in queries.workouts(journal, last) if w.day >= first - timedelta(days=4)]
    symptoms = [s for s in queries.symptom_days(journal, first, last) if s.day in written.red_days]
    effects = [e for e in queries.side_effect_days(journal, first, last)
               if e.day in written.red_days]  # fmt: skip
    found = red_findings(symptoms, effects, workouts, config.severe_level)
    before: dict[Subject, RedFinding] = {}
    if written.workouts:  # the same days without the new workouts: were they already news?
        older = [w for w in workouts if w.at not in written.workouts]
        before = {_key(f): f for f in red_findings(symptoms, effects, older, config.severe_level)}
    for finding in found:
        key = _key(finding)
        if not written.speaks_of(key, finding, before.get(key)):
            continue
        day = finding.since
        at = written.latest.get(day, datetime.combine(day, datetime.min.time(), now.tzinfo))
        what = f"{finding.what} logged {finding.subject}"
        ten = written.tens.get(key)
        if ten is not None:
            what += ", at 10/10" if ten[0] == day else f", and at 10/10 on {ten[0]}"
        what += _when(day, at, now)
        if finding.combined:
            what += "; " + "; ".join(r.split(", which")[0] for r in finding.reasons)
        alerts.pop(("severe", key), None)  # said with its signs
        alerts[("red_flag", key)] = (finding.level, _say(finding.level, what, at, now, config))


def _chest_alerts(
    journal: Journal, written: dict[Subject, list[Entry]], config: Config, alerts: Alerts
) -> None:
    """The chest caution, for chest soreness no workout in the 72 h before explains, said
    once: not again when a chest entry in the 72 h before the new ones already raised it
    (the same rule, asked of those earlier entries)."""
    first = min(e.at for entries in written.values() for e in entries) - 2 * AFTER_EXERCISE
    latest = max(e.day for entries in written.values() for e in entries)
    loading = [w for w in loading_workouts(CHEST, queries.workouts(journal, latest))
               if w.at >= first]  # fmt: skip
    starts = {
        (CHEST, key[2]): min(e.day for e in v) - timedelta(days=3) for key, v in written.items()
    }
    earlier = queries.entries(journal, starts, latest)
    for key, entries in written.items():
        if ("red_flag", key) in alerts:
            continue
        label = part_label(str(key[1]), key[2])
        entries.sort(key=lambda e: e.at)  # records may come in any order
        found = chest(CHEST, label, entries, loading, entries[0].day, config.emergency_number)
        if found is None:
            continue
        start = entries[0].at
        before = [e for e in earlier.get((CHEST, key[2]), [])
                  if start - AFTER_EXERCISE <= e.at < start]  # fmt: skip
        if before and chest(CHEST, label, before, loading, min(e.day for e in before)):
            continue  # an earlier entry raised it: said then
        level, code, since, message = found
        alerts[("chest", key)] = _flag_alert(Flag(level, code, since, message, CHEST, key[2]))


def remedy_alerts(journal: Journal, remedy: str, day: date, today: date) -> list[Alert]:
    """A remedy use just logged on `day`: that day's total over the person's own daily
    limit, or a run of days that this new day takes over their own --max-days; that flag,
    said at once. sorelog's defaults are left to the report."""
    limit = queries.limits(journal).get(remedy)
    if limit is None:
        return []
    found: list[Flag] = []
    if limit.max_daily is not None:
        flag = over_limit(remedy, queries.remedy_days(journal, day, day, remedy), limit, day)
        if flag is not None and flag.level is Level.follow_up:  # not a unit it can't compare
            found.append(flag)
    if limit.max_days is not None:
        use = queries.remedy_days(journal, day - timedelta(days=RUN_READ_DAYS), today, remedy)
        new_day = sum(d.uses for d in use if d.day == day) == 1  # its first use of the day
        held = next((r for r in runs(sorted({d.day for d in use})) if r[0] <= day <= r[1]), None)
        if held is not None and new_day and (held[1] - held[0]).days + 1 > limit.max_days:
            in_run = [d for d in use if held[0] <= d.day <= held[1]]
            flag = unbroken_run(remedy, in_run, limit, held[0], Config())
            if flag is not None:
                found.append(flag)
    return [Alert(*_flag_alert(flag)) for flag in found]


def _flag_alert(flag: Flag) -> tuple[Level, str]:
    """A flag of the lower levels said at once: its level and its own message."""
    name = flag.level.value.replace("_", " ").upper()
    return (flag.level, f"{name}: {flag.message}.")


def _combinations(names: Iterable[str]) -> set[str]:
    """The dark-urine combinations a sign can complete."""
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


def _when(day: date, at: datetime, now: datetime) -> str:
    return f" for {day}" if now - at > STILL_HAPPENING_AFTER else ""


def _say(level: Level, what: str, at: datetime, now: datetime, config: Config) -> str:
    number = config.emergency_number or "your local emergency number"
    action = {
        Level.emergency: f"seek emergency care now: call {number}",
        Level.urgent: "contact a clinician today",
    }[level]
    if now - at > STILL_HAPPENING_AFTER:
        return f"{level.value.upper()}: {what}. Is it still happening? If so, {action}."
    return f"{level.value.upper()}: {what}. {action[0].upper()}{action[1:]}."
