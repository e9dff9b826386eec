"""Building a report: read the journal's daily series, then apply the pure rules."""

from __future__ import annotations

from datetime import date, timedelta

from sorelog.analysis.episodes import split_episodes
from sorelog.analysis.flag import sort_flags
from sorelog.analysis.part_summary import summarize_part
from sorelog.analysis.red_flags import completes_rhabdo, flag_red, rhabdo_days
from sorelog.analysis.remedy_flags import flag_remedies
from sorelog.analysis.remedy_stats import (
    RemedyStatus,
    associate,
    remedy_status,
    summarize_remedies,
)
from sorelog.analysis.report import Report
from sorelog.analysis.soreness_flags import flag_soreness
from sorelog.domain.settings import Config
from sorelog.domain.values import DayValue, SeriesKey
from sorelog.services.report_history import (
    keep_checkpoints,
    read_history,
    remedy_days_with_history,
)
from sorelog.store import Journal
from sorelog.store import reads as queries


def build_report(
    journal: Journal | None, as_of: date, days: int, part: str | None, config: Config
) -> Report:
    """The picture of the `days` days ending on `as_of`; nothing after `as_of` is read."""
    window_start = first_day_shown(as_of, days)
    if journal is None or queries.is_empty(journal):
        return Report(as_of, window_start, empty_journal=True)
    history = read_history(journal, window_start, as_of, part, config)
    series = history.series
    workouts = queries.workouts(journal, as_of)
    # Entry times are needed only inside the episodes that reach the window.
    starts = {
        key: reaching[0].start
        for key, values in series.items()
        if (
            reaching := [
                e for e in split_episodes(values, config.gap_days) if e.last_day >= window_start
            ]
        )
    }
    entries = queries.entries(journal, starts, as_of) if workouts or series else {}
    # Every part's symptoms: dark urine with another part's weakness is one emergency.
    symptoms = queries.symptom_days(journal, window_start, as_of)
    parts = [
        summary
        for key, values in sorted(series.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
        if (summary := summarize_part(key, values, window_start, config.gap_days, workouts))
    ]
    flags = flag_soreness(series, window_start, config, workouts, entries, history.checkpoints)
    keep_checkpoints(journal, history, window_start, workouts, config)
    use = remedy_days_with_history(journal, window_start, as_of)
    side_effects = queries.side_effect_days(journal, window_start, as_of)
    flags += [
        flag
        for flag in flag_red(symptoms, side_effects, workouts, config.severe_level)
        if part is None or flag.body_part in (None, part)  # --part narrows soreness flags
    ]
    rhabdo = rhabdo_days(symptoms, side_effects)  # those side effects are red flags there
    ordinary = [e for e in side_effects if not completes_rhabdo(e, rhabdo, workouts)]
    flags += flag_remedies(use, queries.limits(journal), ordinary, window_start, as_of, config)
    associations = associate(
        queries.remedy_part_days(journal, window_start, as_of),
        _severity_by_part(series),
        window_start,
        as_of,
    )
    remedies = summarize_remedies(use, side_effects, associations, window_start)
    return Report(as_of, window_start, parts, sort_flags(flags), remedies)


def first_day_shown(as_of: date, days: int) -> date:
    """The first day of the window: `days` calendar days ending on `as_of`, that day included."""
    return as_of - timedelta(days=days - 1)


def list_remedies(journal: Journal | None, today: date) -> list[RemedyStatus]:
    """Every remedy in the journal with its limits and recent use."""
    if journal is None:
        return []
    use = remedy_days_with_history(journal, today, today)
    return remedy_status(queries.remedy_names(journal), use, queries.limits(journal), today)


def _severity_by_part(series: dict[SeriesKey, list[DayValue]]) -> dict[str, dict[date, int]]:
    """Daily maximum per body part, all sides together."""
    by_part: dict[str, dict[date, int]] = {}
    for (body_part, _side), values in series.items():
        days = by_part.setdefault(body_part, {})
        for value in values:
            days[value.day] = max(days.get(value.day, 0), value.severity)
    return by_part
