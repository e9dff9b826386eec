"""The severity-over-time chart as terminal text, drawn by plotext from a Chart.

plotext is imported inside `chart_text` only: no other command pays for it at start-up.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sorelog.analysis.chart import Chart
from sorelog.domain.parts import part_label
from sorelog.domain.safe_text import printable
from sorelog.render.levels import LEVEL_COLOUR, LEVEL_NAME, NO_FLAGS

EMPTY_LINE = (
    "Your journal is empty: log how sore something is first, for example: sorelog add quads 6"
)
# One marker per line, so the lines stay apart without colour; colours add to them on a terminal.
MARKERS = ("•", "x", "+", "o", "*", "#", "%", "@", "=", "~")
COLOURS = ("red+", "blue+", "green+", "magenta+", "cyan+", "orange+", "red", "blue", "green")
WORKOUT_MARKER = "▼"
WORKOUT_COLOUR = "gray+"
MIN_WIDTH, MIN_HEIGHT = 40, 10
LISTED_WORKOUTS = 12  # more than this in the window: one line per workout name, with a count
YEAR = 365  # days: in a window this long or shorter, no month and day comes twice
Y_AXIS_COLUMNS = 4  # '10┤' and the frame take about this much of the width


def chart_text(chart: Chart, width: int, height: int, colour: bool) -> str:
    """The chart and the workouts marked on it, `width` columns wide and `height` rows high
    (at least 40 by 10), ending with a newline. Without `colour` it holds no escape codes."""
    if chart.empty_journal:
        return EMPTY_LINE + "\n"
    if not chart.lines:
        subject = f" for {chart.subject}" if chart.subject else ""
        nothing = f"No soreness logged{subject} from {chart.window_start} to {chart.as_of}.\n"
        return nothing + (flag_lines(chart, max(width, MIN_WIDTH), colour) if chart.flags else "")
    width, height = max(width, MIN_WIDTH), max(height, MIN_HEIGHT)
    import plotext as plt

    plt.clear_figure()
    try:
        _draw(plt, chart, width, height, colour)
        text: str = plt.build()
    finally:
        plt.clear_figure()  # plotext keeps one figure per process: leave nothing in it
    if not colour:
        # The "clear" theme still ends every row with a reset code: take every code out.
        text = plt.uncolorize(text)
    text = "\n".join(row.rstrip() for row in text.splitlines()) + "\n"
    return (
        text
        + _key(chart, width, colour)
        + _workout_lines(chart, width)
        + flag_lines(chart, width, colour)
    )


def _draw(plt: Any, chart: Chart, width: int, height: int, colour: bool) -> None:
    plt.limitsize(False, False)  # size from the arguments, not the terminal plotext saw at import
    plt.plotsize(width, height)
    plt.theme("clear")  # the terminal's own background and text colour
    if not colour:
        plt.clear_color()
    # No plotext legend: it hides data in the corner, and plotext drops it whole when the
    # lines outnumber the rows. The key goes under the chart instead.
    for index, line in enumerate(chart.lines):
        for run in line.runs(chart.gap_days):
            plt.plot(
                [_x(chart, value.day) for value in run],
                [value.severity for value in run],
                marker=_marker(index),
                color=_colour(index) if colour else None,
            )
    days = sorted({_x(chart, workout.day) for workout in chart.workouts})
    if days:
        # A vertical line at each workout while there is room between them; always a marker.
        if len(days) <= (width - Y_AXIS_COLUMNS) // 4:
            for day in days:
                plt.vline(day, WORKOUT_COLOUR if colour else None)
        plt.scatter(
            days,
            [10] * len(days),
            marker=WORKOUT_MARKER,
            color=WORKOUT_COLOUR if colour else None,
        )
    last = chart.days - 1
    plt.xlim(*((-1, 1) if last == 0 else (0, last)))
    ticks = _ticks(last, width)
    plt.xticks(ticks, [_day_label(chart, tick) for tick in ticks])
    plt.ylim(0, 10)
    plt.yticks(list(range(0, 11, 2)))
    plt.title(_title(chart, width))


def _title(chart: Chart, width: int) -> str:
    """What is drawn and when; plotext leaves out a title wider than the chart, so the
    dates alone on a narrow one."""
    when = f"{chart.window_start} to {chart.as_of}"
    title = f"{chart.subject or 'Soreness'}: highest severity (0-10) each day, {when}"
    return title if len(title) <= width - Y_AXIS_COLUMNS else when


def _x(chart: Chart, day: date) -> int:
    return (day - chart.window_start).days


def _ticks(last: int, width: int) -> list[int]:
    """Evenly spread day numbers from the first to the last day, as many as the labels fit
    with room between them (plotext leaves out a label that would touch its neighbour)."""
    label = len("11-25") if last < YEAR else len("2026-11")
    count = min(last + 1, max(2, (width - Y_AXIS_COLUMNS) // (label + 7)))
    if count < 2:
        return [0]
    return sorted({round(i * last / (count - 1)) for i in range(count)})


def _day_label(chart: Chart, offset: int) -> str:
    """'11-25' in a window of a year or less; '2026-11' in a longer one (the title and the
    workouts listed under the chart give whole dates)."""
    day = chart.window_start + timedelta(days=offset)
    return day.strftime("%m-%d") if chart.days <= YEAR else day.strftime("%Y-%m")


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
    return day.strftime("%m-%d") if chart.days <= YEAR else day.isoformat()


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
