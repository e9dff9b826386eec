"""Severity-over-time charts as inline SVG, drawn by pygal for the visit summary.

pygal writes a small configuration script and generator comments into its SVG; the
summary must need no script and carry nothing but the drawing, so both are removed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sorelog.analysis.visit_summary import PartChart
from sorelog.domain.safe_text import printable

if TYPE_CHECKING:
    from sorelog.domain.values import Checkin

_SCRIPT = re.compile(r"<script.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
COLOURS = ("#b22222", "#1f4e79", "#2e7d32", "#8a6d00", "#6a1b9a")


def _clean(svg: str) -> str:
    return _COMMENT.sub("", _SCRIPT.sub("", svg))


def _style(colours: tuple[str, ...]) -> object:
    from pygal.style import Style

    return Style(
        background="white",
        plot_background="white",
        foreground="#222",
        foreground_strong="#222",
        foreground_subtle="#999",
        colors=colours,
        font_family="sans-serif",
        label_font_size=9,
        major_label_font_size=9,
        legend_font_size=9,
        title_font_size=11,
    )


def _line(title: str, colours: tuple[str, ...], **options: object) -> Any:
    """A 0-10 line chart sized for half a printed page, with no script (js=[])."""
    import pygal

    return pygal.Line(
        js=[],
        disable_xml_declaration=True,
        width=520,
        height=170,
        range=(0, 10),
        truncate_label=-1,
        legend_at_bottom=True,
        legend_box_size=8,
        style=_style(colours),
        title=title,
        margin=4,
        **options,
    )


def part_chart(chart: PartChart, start: date, end: date) -> str:
    """The part's daily highest severity, with workouts, red flags and remedy days marked."""
    span = (end - start).days + 1
    days = [start + timedelta(days=n) for n in range(span)]
    by_day = {v.day: v.severity for v in chart.days}
    plot = _line(
        printable(chart.label),  # a planted part name is text, never a control character
        ("#b22222", "#1f4e79", "#000000", "#2e7d32"),
        show_dots=False,
        allow_interruptions=True,
        show_x_labels=True,
        x_labels_major_count=6,
        show_minor_x_labels=False,
    )
    plot.x_labels = [d.strftime("%m-%d") for d in days]
    plot.add("severity", [by_day.get(d) for d in days], show_dots=True, dots_size=2)
    marks = (
        ("workout", set(chart.workouts), 0.5),
        ("red-flag symptom", set(chart.red_days), 10),
        ("remedy", set(chart.remedy_days), 0),
    )
    for name, on, level in marks:
        plot.add(
            name,
            [level if d in on else None for d in days],
            stroke=False,
            show_dots=True,
            dots_size=4,
        )
    return _clean(plot.render(is_unicode=True))


def checkin_chart(checkins: list[Checkin]) -> str:
    """The PEG answers over time: pain, enjoyment of life, general activity (0-10)."""
    plot = _line("PEG check-ins (0-10, past week)", COLOURS, show_dots=True, dots_size=3)
    plot.x_labels = [c.day.strftime("%m-%d") for c in checkins]
    plot.add("pain", [c.pain for c in checkins])
    plot.add("interference with enjoyment", [c.enjoyment for c in checkins])
    plot.add("interference with activity", [c.activity for c in checkins])
    return _clean(plot.render(is_unicode=True))
