"""The severity-over-time chart as terminal text, drawn by plotext from a Chart.

plotext is imported inside `chart_text` only: no other command pays for it at start-up.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sorelog.analysis.chart import Chart, ChartLine
from sorelog.domain.parts import part_label
from sorelog.domain.safe_text import printable
from sorelog.render.levels import LEVEL_COLOUR, LEVEL_NAME, NO_FLAGS

EMPTY_LINE = (
    "Your journal is empty: log how sore something is first, for example: sorelog add quads 6"
)
# One marker per line, so the lines stay apart without colour; colours add to them on a terminal.
MARKERS = ("•", "x", "+", "o", "*", "#", "%", "@", "=", "~")
COLOURS = ("red+", "blue+", "green+", "magenta+", "cyan+", "orange+", "red", "blue", "green")
WORKOUT_MARKER = "▲"  # on the time axis, under the day: a workout has no severity
WORKOUT_COLOUR = "gray+"
UNFLAGGED_COLOUR = "blue+"  # a panel's line without a flag; a flagged one takes its level's
MIN_WIDTH, MIN_HEIGHT = 40, 10
PANEL_HEIGHT = 15  # 11 rows of plot: each severity 0-10 on a row of its own
MAX_PANELS = 4  # more sore parts than this are named under the panels, not drawn
LISTED_WORKOUTS = 12  # more than this in the window: one line per workout name, with a count
YEAR = 365  # days: in a window this long or shorter, no month and day comes twice
Y_AXIS_COLUMNS = 4  # '10┤' and the frame take about this much of the width


def chart_text(chart: Chart, width: int, height: int, colour: bool) -> str:
    """The chart and the workouts marked on it, `width` columns wide, ending with a newline.
    Without colour it holds no escape codes. A PART asked for is one panel of `height`
    rows with a line per side; without one, each sore part has a panel of its own, the most
    serious first, at most MAX_PANELS of them: lines drawn over one another cannot be told
    apart. Every panel's time axis spans the same days, those with entries."""
    if chart.empty_journal:
        return EMPTY_LINE + "\n"
    if not chart.lines:
        subject = f" for {chart.subject}" if chart.subject else ""
        nothing = f"No soreness logged{subject} from {chart.window_start} to {chart.as_of}.\n"
        return nothing + (flag_lines(chart, max(width, MIN_WIDTH), colour) if chart.flags else "")
    width, height = max(width, MIN_WIDTH), max(height, MIN_HEIGHT)
    if chart.subject:
        text = _figure(chart, chart.lines, _title(chart, width), width, height, colour)
        text += _key(chart, width, colour)
    else:
        text = _panels(chart, width, height, colour)
    return text + _workout_lines(chart, width) + flag_lines(chart, width, colour)


def _panels(chart: Chart, width: int, height: int, colour: bool) -> str:
    """The heading, a panel for each of the most serious parts, the parts left out."""
    panels = chart.panels()
    shown, left_out = panels[:MAX_PANELS], panels[MAX_PANELS:]
    first, last = chart.span
    heading = f"Soreness 0-10, each day's highest, {first} to {last}; most serious first"
    rows = PANEL_HEIGHT
    text = _wrapped(heading, width)
    for panel in shown:
        label = printable(part_label(panel.line.body_part, panel.line.side))
        flagged = f"{LEVEL_NAME[panel.level]} flag, " if panel.level else ""
        title = _fit(f"{label}: {flagged}peak {panel.peak}", width - Y_AXIS_COLUMNS)
        hue = LEVEL_COLOUR[panel.level] if panel.level else UNFLAGGED_COLOUR
        text += _figure(chart, (panel.line,), title, width, rows, colour, hue)
    if left_out:
        names = ", ".join(
            f"{printable(part_label(p.line.body_part, p.line.side))} (peak {p.peak})"
            for p in left_out
        )
        text += _wrapped(f"Also sore, not drawn: {names}. Name a PART to chart it.", width)
    if chart.workouts:
        marker = _paint(WORKOUT_MARKER, WORKOUT_COLOUR) if colour else WORKOUT_MARKER
        text += f"{marker} workout, on the day it was done\n"
    return text


def _fit(text: str, width: int) -> str:
    """`text` cut to `width` characters with an ellipsis: plotext drops a longer title."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _wrapped(text: str, width: int) -> str:
    lines = textwrap.wrap(text, width, subsequent_indent="  ", break_on_hyphens=False)
    return "\n".join(lines) + "\n"


def _figure(
    chart: Chart,
    lines: tuple[ChartLine, ...],
    title: str,
    width: int,
    height: int,
    colour: bool,
    hue: str | None = None,
) -> str:
    """One plotext figure of `lines`, and the workouts that loaded their parts, as text
    without trailing spaces (and, without colour, without escape codes)."""
    import plotext as plt

    plt.clear_figure()
    try:
        _draw(plt, chart, lines, width, height, colour, hue)
        plt.title(title)
        text: str = plt.build()
    finally:
        plt.clear_figure()  # plotext keeps one figure per process: leave nothing in it
    if not colour:
        # The "clear" theme still ends every row with a reset code: take every code out.
        text = plt.uncolorize(text)
    return "\n".join(row.rstrip() for row in text.splitlines()) + "\n"


def _draw(
    plt: Any,
    chart: Chart,
    lines: tuple[ChartLine, ...],
    width: int,
    height: int,
    colour: bool,
    hue: str | None,
) -> None:
    plt.limitsize(False, False)  # size from the arguments, not the terminal plotext saw at import
    plt.plotsize(width, height)
    plt.theme("clear")  # the terminal's own background and text colour
    if not colour:
        plt.clear_color()
    # No plotext legend: it hides data in the corner, and plotext drops it whole when the
    # lines outnumber the rows. The key goes under the chart instead.
    for index, line in enumerate(lines):
        for run in line.runs(chart.gap_days):
            plt.plot(
                [_x(chart, value.day) for value in run],
                [value.severity for value in run],
                marker=_marker(index),
                color=(hue or _colour(index)) if colour else None,
            )
    days = sorted({_x(chart, workout.day) for workout in chart.workouts_for(lines)})
    if days:  # on the time axis (severity 0), never a line or a spike up the chart
        plt.scatter(
            days,
            [0] * len(days),
            marker=WORKOUT_MARKER,
            color=WORKOUT_COLOUR if colour else None,
        )
    first, last = (_x(chart, day) for day in chart.span)
    plt.xlim(*((first - 1, last + 1) if first == last else (first, last)))
    ticks = _ticks(first, last, width, _long(chart))
    plt.xticks(ticks, [_day_label(chart, tick) for tick in ticks])
    plt.ylim(0, 10)
    plt.yticks(list(range(0, 11, 2)))


def _title(chart: Chart, width: int) -> str:
    """What is drawn and when; plotext leaves out a title wider than the chart, so the
    dates alone on a narrow one."""
    first, last = chart.span
    when = f"{first} to {last}"
    title = f"{chart.subject or 'Soreness'}: highest severity (0-10) each day, {when}"
    return title if len(title) <= width - Y_AXIS_COLUMNS else when


def _x(chart: Chart, day: date) -> int:
    return (day - chart.window_start).days


def _long(chart: Chart) -> bool:
    """Whether the days drawn run over more than a year, so a month and day could repeat."""
    first, last = chart.span
    return (last - first).days >= YEAR


def _ticks(first: int, last: int, width: int, long: bool) -> list[int]:
    """Evenly spread day numbers from the first to the last day, as many as the labels fit
    with room between them (plotext leaves out a label that would touch its neighbour)."""
    label = len("2026-11") if long else len("11-25")
    count = min(last - first + 1, max(2, (width - Y_AXIS_COLUMNS) // (label + 7)))
    if count < 2:
        return [first]
    return sorted({first + round(i * (last - first) / (count - 1)) for i in range(count)})


def _day_label(chart: Chart, offset: int) -> str:
    """'11-25' when the days drawn span a year or less; '2026-11' over more (the heading
    and the workouts listed under the chart give whole dates)."""
    day = chart.window_start + timedelta(days=offset)
    return day.strftime("%Y-%m") if _long(chart) else day.strftime("%m-%d")


def _marker(index: int) -> str:
    return MARKERS[index % len(MARKERS)]


def _colour(index: int) -> str:
    return COLOURS[index % len(COLOURS)]


def _key(chart: Chart, width: int, colour: bool) -> str:
    """Each line's marker and part, then the workout marker, wrapped to the width (the
    markers coloured as in the chart when it is in colour)."""
    items = [
        (_marker(index), _colour(index), printable(part_label(line.body_part, line.side)))
        for index, line in enumerate(chart.lines)
    ]
    if chart.workouts:
        items.append((WORKOUT_MARKER, WORKOUT_COLOUR, "workout"))
    rows: list[str] = []
    used = width  # start a row with the first item
    for marker, hue, label in items:
        shown = f"{_paint(marker, hue) if colour else marker} {label}"
        size = len(marker) + 1 + len(label)
        if used + 3 + size > width:
            rows.append(shown)
            used = size
        else:
            rows[-1] += "   " + shown
            used += 3 + size
    if len(chart.lines) > len(MARKERS) and not colour:
        rows.append(f"(markers repeat after {len(MARKERS)} lines: name a PART to chart one part)")
    return "\n".join(rows) + "\n"


def _paint(text: str, hue: str) -> str:
    import plotext as plt

    painted: str = plt.colorize(text, hue)
    return painted


def _short(chart: Chart, day: date) -> str:
    return day.isoformat() if _long(chart) else day.strftime("%m-%d")


def _workout_lines(chart: Chart, width: int) -> str:
    """The workouts marked, named: each with its day, or per name when there are many."""
    if not chart.workouts:
        return ""
    if len(chart.workouts) <= LISTED_WORKOUTS:
        items = [f"{_short(chart, w.day)} {printable(w.name)}" for w in chart.workouts]
    else:
        days: dict[str, list[date]] = defaultdict(list)
        for workout in chart.workouts:
            days[printable(workout.name)].append(workout.day)
        items = [
            f"{name} x{len(on)} (last {on[-1]})"
            for name, on in sorted(days.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ]
    text = f"Workouts ({WORKOUT_MARKER}): " + "; ".join(items)
    lines = textwrap.wrap(text, width, subsequent_indent="  ", break_on_hyphens=False)
    return "\n".join(lines) + "\n"


def flag_lines(chart: Chart, width: int, colour: bool) -> str:
    """The report's flags for the window, most serious first, each with its level and
    wrapped to the width; under a drawn chart, the plain line that there are none."""
    if not chart.flags:
        return NO_FLAGS + "\n"
    rows = ["Flags:"]
    for flag in chart.flags:
        name = LEVEL_NAME[flag.level]
        text = f"{name} ({flag.code}): {printable(flag.message)}"
        wrapped = textwrap.wrap(
            text, width, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False
        )
        if colour:
            wrapped[0] = wrapped[0].replace(name, _paint(name, LEVEL_COLOUR[flag.level]), 1)
        rows += wrapped
    return "\n".join(rows) + "\n"
