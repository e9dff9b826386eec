"""The visit summary's contents: the report's objects, and what a clinician needs beside them.

Built from the same Report as `sorelog report` (one source for numbers and flag
messages), plus each sore part's days with workouts, red-flag symptoms and remedy days
marked, remedies against the person's own limits, PEG check-ins, and the person's
notes on flagged episodes.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sorelog.analysis.part_summary import PartSummary
from sorelog.analysis.remedy_stats import FREQUENT_SPAN, runs
from sorelog.analysis.report import Report
from sorelog.analysis.visit_summary import Note, PartChart, PartRow, RemedyRow, Summary
from sorelog.domain.doses import Dose
from sorelog.domain.parts import part_label
from sorelog.domain.settings import Config
from sorelog.domain.symptoms import any_red_symptom
from sorelog.domain.values import DayValue, History
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
    # A remedy marks only the parts it was logged --for; the rest go on one strip.
    taken_for: dict[str, set[date]] = defaultdict(set)
    for use in history.remedy_part_days:
        if use.day >= start:
            taken_for[use.body_part].add(use.day)
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
                tuple(sorted(taken_for.get(body_part, ()))),
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
        [_row(part, history, report) for part in report.parts],
        frozenset((f.body_part, f.side) for f in report.flags if f.body_part and f.code == RED),
        tuple(queries.loose_remedy_days(journal, start, as_of)),
    )


RED = "red_flag"  # the flag code whose parts the outline marks apart


def _row(part: PartSummary, history: History, report: Report) -> PartRow:
    """The table's row of a part: the current episode's peak is read from the part's whole
    series (the episode may begin before the window), the period's highest from the row."""
    peak: DayValue | None = None
    if part.episode_start is not None:
        last = part.episode_start + timedelta(days=part.episode_days - 1)
        read = history.parts.get((part.body_part, part.side))
        days = read.days if read else part.daily
        episode = [v for v in days if part.episode_start <= v.day <= last]
        peak = max(episode, key=lambda v: v.severity, default=None)  # the first at its top
    return PartRow(
        part_label(part.body_part, part.side),
        part.episode_start,
        part.origin,
        peak.severity if peak else None,
        peak.day if peak else None,
        part.episode_days,
        part.latest,
        str(part.trend),
        part.peak,
        part.peak_date,
        any(
            f.code == RED and (f.body_part, f.side) == (part.body_part, part.side)
            for f in report.flags
        ),
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
    """The person's own words on flagged episodes: every note of a flagged part's current
    episode (from its first sore day, or the flag's first day if earlier) to the report
    date, newest first, as they wrote them."""
    starts = {(p.body_part, p.side): p.episode_start for p in report.parts}
    since: dict[tuple[str | None, str | None], date] = {}
    for flag in report.flags:
        if flag.body_part:
            key = (flag.body_part, flag.side)
            begun = min(flag.since, starts.get(key) or flag.since)
            since[key] = min(since.get(key, begun), begun)
    if not since:
        return []
    notes = []
    for record in read_records(journal, zone, since=min(since.values()), kinds=("soreness",)):
        day = date.fromisoformat(record["at"][:10])
        first = since.get((record["body_part"], record["side"]))
        if record["note"] and first is not None and first <= day <= as_of:
            notes.append(Note(day, part_label(record["body_part"], record["side"]), record["note"]))
    return sorted(notes, key=lambda n: n.day, reverse=True)
