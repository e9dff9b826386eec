"""Building the severity-over-time chart: the window's daily series and its workouts."""

from __future__ import annotations

from datetime import date

from sorelog.analysis.chart import Chart, build_chart
from sorelog.domain.parts import part_label
from sorelog.domain.settings import Config
from sorelog.services.report import build_report, first_day_shown
from sorelog.store import Journal
from sorelog.store import reads as queries


def chart_of(
    journal: Journal | None,
    as_of: date,
    days: int,
    part: str | None,
    side: str | None,
    config: Config,
) -> Chart:
    """The `days` days ending on `as_of`, nothing after it read: one line per part and side
    (only `part`, and only `side` when one is given), and the workouts that loaded them.

    The lines show the window alone; the flags under them are the report's, judged on
    whole episodes.
    """
    window_start = first_day_shown(as_of, days)
    subject = part_label(part, side) if part is not None else None
    if journal is None or queries.is_empty(journal):
        return Chart(as_of, window_start, subject=subject, empty_journal=True)
    series = queries.daily_series(journal, window_start, as_of, part)
    if side is not None:
        series = {key: values for key, values in series.items() if key[1] == side}
    workouts = queries.workouts(journal, as_of)
    # The flags are the report's for the same window and part: judged on whole episodes.
    flags = [
        flag
        for flag in build_report(journal, as_of, days, part, config).flags
        if side is None or flag.side in (None, side)
    ]
    return build_chart(series, workouts, window_start, as_of, config.gap_days, subject, flags)
