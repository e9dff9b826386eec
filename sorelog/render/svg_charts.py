"""Severity-over-time charts as inline SVG, drawn by pygal for the visit summary.

Sized to be read on paper: each chart is drawn at the width it is printed at (two to a
row on A4 and Letter, see CHART_WIDTH), so pygal's pixel font sizes are the printed
sizes and every label stays at or above 8 pt (FONT_PX). The time axis is a day axis (XY)
spanning the part's own marked days; the severity line's markers stand at each day's
highest; workouts and remedies taken for the part sit on lanes of their own under the
0 line, so they neither pile up on it nor pass for a severity.

pygal writes a small configuration script and generator comments into its SVG; the
summary must need no script and carry nothing but the drawing, so both are removed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sorelog.analysis.visit_summary import PartChart
from sorelog.domain.safe_text import printable

if TYPE_CHECKING:
    from sorelog.domain.values import Checkin

_SCRIPT = re.compile(r"<script.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
COLOURS = ("#b22222", "#1f4e79", "#2e7d32", "#8a6d00", "#6a1b9a")

# 8 pt is 10.7 CSS px; every text is drawn at FONT_PX or more, at scale 1 when printed.
FONT_PX = 12
CHART_WIDTH = 354  # half of A4's 190 mm printable width (718 px) less the gap
CHART_HEIGHT = 165
PAGE_WIDTH = 718
# The part charts' series, in pygal's order (serie-0, serie-1...), and their colours.
SERIES = ("severity", "red-flag symptom", "workout", "remedy")
SERIES_COLOURS = ("#1f4e79", "#c00000", "#555555", "#2e7d32")
WORKOUT_LANE = -2.4  # where workout and remedy marks sit, under the 0 line, each lane
REMEDY_LANE = -4.8  # a label's height from the next


def _clean(svg: str) -> str:
    return _COMMENT.sub("", _SCRIPT.sub("", svg))


def _style(colours: tuple[str, ...]) -> object:
    from pygal.style import Style

    return Style(
        background="white",
        plot_background="white",
        foreground="#222",
        foreground_strong="#222",
        foreground_subtle="#ccc",
        colors=colours,
        font_family="sans-serif",
        label_font_size=FONT_PX,
        major_label_font_size=FONT_PX,
        legend_font_size=FONT_PX,
        value_font_size=FONT_PX,
        value_label_font_size=FONT_PX,
        tooltip_font_size=FONT_PX,
        no_data_font_size=FONT_PX,
        title_font_size=FONT_PX + 1,
    )


def _day(x: float) -> str:
    return date.fromordinal(round(x)).strftime("%m-%d")


def day_ticks(first: date, last: date) -> list[int]:
    """The time axis's labelled days: the first and the last day, and whole weeks apart
    between them, few enough that no two labels touch (a label is about 15% of a half-page
    chart's width) whether the span is a week or a year."""
    span = (last - first).days
    step = 7 * max(1, math.ceil(span / 35))
    room = max(1, math.ceil((span + 1) * 0.15))
    ticks = [first.toordinal()]
    day = first + timedelta(days=step)
    while day <= last - timedelta(days=room):
        ticks.append(day.toordinal())
        day += timedelta(days=step)
    if last != first:
        ticks.append(last.toordinal())
    return ticks


def _xy(
    title: str,
    colours: tuple[str, ...],
    first: date,
    last: date,
    show_legend: bool = False,
    **options: Any,
) -> Any:
    """A day-axis chart with no script (js=[]) from `first` to `last`, half a day of air
    either side so the end markers are whole."""
    import pygal

    return pygal.XY(
        js=[],
        disable_xml_declaration=True,
        xrange=(first.toordinal() - 0.5, last.toordinal() + 0.5),
        x_labels=day_ticks(first, last),
        x_value_formatter=_day,
        truncate_label=-1,
        show_legend=show_legend,
        style=_style(colours),
        title=title,
        margin=4,
        **options,
    )


def part_chart(chart: PartChart) -> str:
    """The part's daily highest severity over the days it has anything logged, red-flag
    symptoms on their day's severity, workouts and its remedies on lanes below 0."""
    first, last = chart.span
    plot = _xy(
        printable(chart.label),  # a planted part name is text, never a control character
        SERIES_COLOURS,
        first,
        last,
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        range=(REMEDY_LANE - 0.8, 10),
        y_labels=[
            {"label": "remedy", "value": REMEDY_LANE},
            {"label": "workout", "value": WORKOUT_LANE},
            0,
            5,
            10,
        ],
    )
    at = {v.day: v.severity for v in chart.days}
    plot.add(SERIES[0], [(v.day.toordinal(), v.severity) for v in chart.days], dots_size=2.5)
    red = [(d.toordinal(), at[d]) for d in chart.red_days if d in at]
    plot.add(SERIES[1], red, stroke=False, dots_size=6)
    for name, days, lane in (
        (SERIES[2], chart.workouts, WORKOUT_LANE),
        (SERIES[3], chart.remedy_days, REMEDY_LANE),
    ):
        plot.add(name, [(d.toordinal(), lane) for d in days], stroke=False, dots_size=4)
    return _clean(plot.render(is_unicode=True))


def remedy_strip(uses: Sequence[tuple[str, date]]) -> str:
    """Remedies logged for no part: one lane per remedy across the page, a dot a day."""
    names = sorted({name for name, _ in uses})
    days = [d for _, d in uses]
    plot = _xy(
        "Remedies not logged for a part",
        COLOURS,
        min(days),
        max(days),
        width=PAGE_WIDTH,
        height=60 + 22 * len(names),
        range=(-0.6, len(names) - 0.4),
        y_labels=[{"label": printable(n), "value": i} for i, n in enumerate(names)],
    )
    for i, name in enumerate(names):
        plot.add(
            printable(name),
            [(d.toordinal(), i) for n, d in uses if n == name],
            stroke=False,
            dots_size=4,
        )
    return _clean(plot.render(is_unicode=True))


def checkin_chart(checkins: list[Checkin], width: int = CHART_WIDTH) -> str:
    """The PEG answers over time: pain, enjoyment of life, general activity (0-10)."""
    first, last = checkins[0].day, checkins[-1].day
    plot = _xy(
        "PEG check-ins (0-10, past week)",
        COLOURS,
        first,
        last,
        width=width,
        height=CHART_HEIGHT + 30,
        range=(0, 10),
        y_labels=[0, 2, 4, 6, 8, 10],
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=1,
        legend_box_size=10,
        dots_size=3,
    )
    plot.add("pain", [(c.day.toordinal(), c.pain) for c in checkins])
    plot.add("interference with enjoyment", [(c.day.toordinal(), c.enjoyment) for c in checkins])
    plot.add("interference with activity", [(c.day.toordinal(), c.activity) for c in checkins])
    return _clean(plot.render(is_unicode=True))
