"""The visit summary's contents: the report's objects, and what a clinician needs beside them.

Built from the same Report as `sorelog report` (one source for numbers and flag
messages), plus each sore part's days with workouts, red-flag symptoms and remedy days
marked, remedies against the person's own limits, PEG check-ins, and the person's
notes on flagged episodes.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sorelog.analysis.remedy_stats import FREQUENT_SPAN, runs
from sorelog.analysis.report import Report
from sorelog.analysis.visit_summary import Note, PartChart, RemedyRow, Summary
from sorelog.domain.doses import Dose
from sorelog.domain.parts import part_label
from sorelog.domain.settings import Config
from sorelog.domain.symptoms import any_red_symptom
from sorelog.domain.values import History
from sorelog.domain.when import LocalZone
from sorelog.services.report import read_report_history, report_from
from sorelog.store import Journal
from sorelog.store import reads as queries
from sorelog.store.records import read_records


def build_summary(
    journal: Journal | None,
    as_of: date,
    days: int,
    config: Config,
    zone: LocalZone,
    made: datetime,
) -> Summary:
    """Everything the summary page shows for the `days` days ending on `as_of`."""
    history = read_report_history(journal, as_of, days, None, config)
    report = report_from(history, config)
    if journal is None or report.empty_journal:
        return Summary(made, report)
    start = report.window_start
    workouts = [w for w in history.workouts if w.day >= start]
    symptoms = history.symptoms
    # Remedies mark every part's chart on the days any was used (most are not logged --for).
    remedy_days = tuple(sorted({d.day for d in history.remedy_days if d.day >= start}))
    charts = []
    for (body_part, side), read in sorted(
        history.parts.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
    ):
        values = [v for v in read.days if v.day >= start]
        if not any(v.severity > 0 for v in values):
            continue
        red = sorted({
            s.day
            for s in symptoms
            if (s.body_part, s.side) == (body_part, side)
            and any_red_symptom(s.symptoms)
        })  # fmt: skip
        charts.append(
            PartChart(
                part_label(body_part, side),
                body_part,
                tuple(values),
                tuple(sorted({w.day for w in workouts if body_part in w.parts})),
                tuple(red),
                remedy_days,
            )
        )
    peaks: dict[tuple[str, str | None], int] = defaultdict(int)
    for part in report.parts:
        key = (part.body_part, part.side)
        peaks[key] = max(peaks[key], part.peak)
    return Summary(
        made,
        report,
        charts,
        _remedies(history),
        queries.checkins(journal, start, as_of),
        _notes(journal, zone, as_of, report),
        dict(peaks),
    )


def _remedies(history: History) -> list[RemedyRow]:
    start, as_of = history.window_start, history.as_of
    span_start = as_of - timedelta(days=FREQUENT_SPAN - 1)
    use = [d for d in history.remedy_days if d.day >= min(start, span_start)]
    limits = history.limits
    effects: dict[str | None, list[str]] = defaultdict(list)
    for effect in history.side_effects:
        if effect.effect not in effects[effect.remedy]:
            effects[effect.remedy].append(effect.effect)
    rows = []
    for remedy in sorted({d.remedy for d in use if d.day >= start} | set(limits)):
        mine = [d for d in use if d.remedy == remedy]
        in_period = [d for d in mine if d.day >= start]
        if not in_period and remedy not in effects:
            continue
        dosed = [d for d in in_period if d.total is not None and d.unit]
        top = max(dosed, key=lambda d: d.total or 0, default=None)
        rows.append(
            RemedyRow(
                remedy,
                len({d.day for d in mine if d.day >= span_start}),
                max(
                    ((r[1] - r[0]).days + 1 for r in runs(sorted({d.day for d in in_period}))),
                    default=0,
                ),
                Dose(round(top.total or 0, 6), top.unit or "") if top else None,
                top.day if top else None,
                limits.get(remedy),
                tuple(effects.get(remedy, ())),
            )
        )
    if effects.get(None):  # side effects logged with no remedy named
        rows.append(RemedyRow("(no remedy named)", 0, 0, None, None, None, tuple(effects[None])))
    return rows


def _notes(journal: Journal, zone: LocalZone, as_of: date, report: Report) -> list[Note]:
    """The person's own words on flagged episodes: a part's notes from the day its first
    flag held to the report date, newest first, as they wrote them."""
    since: dict[tuple[str | None, str | None], date] = {}
    for flag in report.flags:
        if flag.body_part:
            key = (flag.body_part, flag.side)
            since[key] = min(since.get(key, flag.since), flag.since)
    if not since:
        return []
    notes = []
    for record in read_records(journal, zone, since=min(since.values()), kinds=("soreness",)):
        day = date.fromisoformat(record["at"][:10])
        first = since.get((record["body_part"], record["side"]))
        if record["note"] and first is not None and first <= day <= as_of:
            notes.append(Note(day, part_label(record["body_part"], record["side"]), record["note"]))
    return sorted(notes, key=lambda n: n.day, reverse=True)
