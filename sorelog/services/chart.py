"""Building the severity-over-time chart: the window's daily series and its workouts."""

from __future__ import annotations

from datetime import date

from sorelog.analysis.chart import Chart, build_chart
from sorelog.domain.parts import part_label
from sorelog.domain.settings import Config
from sorelog.services.report import first_day_shown, read_report_history, report_from
from sorelog.store import Journal


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
    # One read of the journal: the report's rows hold each part's days in the window, and
    # its flags, judged on whole episodes, go under the chart.
    history = read_report_history(journal, as_of, days, part, config)
    report = report_from(history, config, part)
    if journal is None or report.empty_journal:
        return Chart(as_of, window_start, subject=subject, empty_journal=True)
    series = {
        (row.body_part, row.side): list(row.daily)
        for row in report.parts
        if side is None or row.side == side
    }
    flags = [flag for flag in report.flags if side is None or flag.side in (None, side)]
    workouts = list(history.workouts)
    return build_chart(series, workouts, window_start, as_of, config.gap_days, subject, flags)
