"""`sorelog chart`: severity over time in the terminal, workouts marked, plain text off a
terminal or with NO_COLOR, one friendly line when there is nothing to draw."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from conftest import assert_refused
from sorelog.analysis.chart import Chart, ChartLine, build_chart
from sorelog.cli.chart import wants_colour
from sorelog.domain.parts import part_label
from sorelog.domain.values import DayValue, Workout
from sorelog.render.terminal_chart import chart_text


@pytest.fixture
def logged(journal):
    """The README's week: two workouts, quads after leg day, a long lower back, a calf."""
    journal.ok("workout", "leg day", "--part", "quads,hams", "--at", "2026-11-18T17:00")
    journal.ok("workout", "10 km run", "--part", "calves", "--at", "2026-11-23T08:00")
    journal.ok("workout", "bench", "--part", "chest", "--at", "2026-11-22T08:00")
    journal.ok("add", "quads", "5", "hams", "4", "--at", "2026-11-18T19:00")
    for day, severity in (("19", "7"), ("21", "3"), ("23", "0")):
        journal.ok("add", "quads", severity, "--at", f"2026-11-{day}")
    for day, severity in (("15", "3"), ("17", "5"), ("20", "4"), ("24", "4")):
        journal.ok("add", "lower back", severity, "--at", f"2026-11-{day}")
    journal.ok("add", "left calf", "6", "--at", "2026-11-24")
    journal.ok("add", "right calf", "2", "--at", "2026-11-22")
    return journal


def key_line(out: str) -> str:
    """The key under the chart: its first line starts with the first line's marker."""
    lines = out.splitlines()
    return next(line for line in lines if line.startswith("• "))


def panel_titles(out: str) -> list[str]:
    """Each panel's title: the line above the top of its frame."""
    lines = out.splitlines()
    return [lines[i - 1].strip() for i, line in enumerate(lines) if "┌" in line]


def test_plain_in_a_pipe_a_panel_a_part_most_serious_first(logged) -> None:
    out = logged.ok("chart", "--days", "28")
    assert "\x1b" not in out
    # the axis spans the days with entries, not the 28 days asked for
    assert "Soreness 0-10, each day's highest, 2026-11-15 to 2026-11-24" in out
    assert "10-29" not in out and "11-25" not in out
    # the flagged part first, then by peak; four panels, the fifth part named only
    assert panel_titles(out) == [
        f"{part_label('lower-back', None)}: follow up flag, peak 5",
        f"{part_label('quadriceps', None)}: peak 7",
        f"{part_label('calves', 'left')}: peak 6",
        f"{part_label('hamstrings', None)}: peak 4",
    ]
    assert f"Also sore, not drawn: {part_label('calves', 'right')} (peak 2)" in out
    # bench loaded only the chest, which is not sore: not marked
    assert "Workouts (▲): 11-18 leg day; 11-23 10 km run" in out
    assert "bench" not in out
    assert max(len(line) for line in out.splitlines()) <= 120  # COLUMNS in the tests


def test_part_narrows_to_one_part_and_a_side_to_one_side(logged) -> None:
    out = logged.ok("chart", "Quads", "--days", "28")
    assert "quadriceps: highest severity" in out
    assert key_line(out) == "• quadriceps   ▲ workout"
    assert "Workouts (▲): 11-18 leg day" in out
    assert "10 km run" not in out and "lower-back" not in out

    calves = logged.ok("chart", "calf", "--days", "28")
    assert key_line(calves) == "• left calf   x right calf   ▲ workout"
    left = logged.ok("chart", "left calf", "--days", "28")
    assert key_line(left) == "• left calf   ▲ workout"
    assert "Workouts (▲): 11-23 10 km run" in left


def test_as_of_and_days_choose_the_window(logged) -> None:
    out = logged.ok("chart", "--as-of", "2026-11-19", "--days", "3")
    assert "2026-11-17 to 2026-11-19" in out
    # later entries and workouts are not read
    assert "calves" not in out and "10 km run" not in out
    assert "Workouts (▲): 11-18 leg day" in out
    assert logged.ok("chart", "--as-of", "2026-11-14").strip() == (
        "No soreness logged from 2026-08-17 to 2026-11-14."
    )


def test_size_follows_the_terminal_width(logged, monkeypatch) -> None:
    for columns in (60, 150):
        monkeypatch.setenv("COLUMNS", str(columns))
        lines = logged.ok("chart", "quads", "--days", "28").splitlines()
        frame = next(line for line in lines if "┌" in line)
        assert len(frame) == columns
        assert max(len(line) for line in lines) <= columns
        assert 12 <= sum("│" in line or "┤" in line for line in lines) <= 25


def test_nothing_to_draw_is_one_friendly_line(journal) -> None:
    result = journal.run("chart")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().startswith("Your journal is empty")
    assert len(result.stdout.strip().splitlines()) == 1
    assert not journal.path.exists()  # reading never creates a journal

    journal.ok("remedy", "add", "ibuprofen", "--dose", "200mg", "--at", "2026-11-20")
    assert journal.ok("chart").strip() == "No soreness logged from 2026-08-28 to 2026-11-25."
    journal.ok("add", "quads", "0", "--at", "2026-11-20")  # recovery only: nothing sore
    journal.ok("add", "neck", "3", "--at", "2026-11-20")
    assert journal.ok("chart", "quads").strip() == (
        "No soreness logged for quadriceps from 2026-08-28 to 2026-11-25."
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["chart", "spleen"], "PART: unknown body part 'spleen'"),
        (["chart", "hamstrng"], "did you mean"),
        (["chart", "--days", "0"], "--days"),
        (["chart", "--days", "3651"], "--days"),
        (["chart", "--days", "-5"], ""),
        (["chart", "--days", "many"], "--days"),
        (["chart", "--as-of", "2099-01-01"], "future"),
        (["chart", "--as-of", "soon"], "--as-of"),
        (["chart", "quads", "hams"], "unexpected extra argument"),
    ],
)
def test_bad_input_is_refused(logged, args: list[str], says: str) -> None:
    before = logged.snapshot()
    assert_refused(logged.run(*args), 2, says)
    assert logged.snapshot() == before


def test_colour_only_on_a_terminal_without_no_color() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert wants_colour(Terminal(), {})
    assert not wants_colour(io.StringIO(), {})  # a pipe or a file
    assert not wants_colour(Terminal(), {"NO_COLOR": "1"})
    assert wants_colour(Terminal(), {"NO_COLOR": ""})  # no-color.org: set and not empty
    assert not wants_colour(Terminal(), {"TERM": "dumb"})


def sample(workout_day: date | None = None) -> Chart:
    days = (DayValue(date(2026, 11, 18), 5), DayValue(date(2026, 11, 19), 7))
    workouts = ()
    if workout_day:
        at = datetime(2026, 11, 18, 17, tzinfo=UTC)
        workouts = (Workout(at, workout_day, "leg \x1b[31mday", frozenset({"quadriceps"})),)
    line = ChartLine("quadriceps", None, days)
    return Chart(date(2026, 11, 25), date(2026, 11, 1), (line,), workouts)


def test_the_colours_are_codes_only_when_asked_for() -> None:
    assert "\x1b[" in chart_text(sample(), 80, 20, colour=True)
    plain = chart_text(sample(date(2026, 11, 18)), 80, 20, colour=False)
    assert "\x1b" not in plain
    # a workout's name is the person's text: printed literally, never as a code
    assert "Workouts (▲): 11-18 leg \\x1b[31mday" in plain
    assert "\x1b[31m" not in chart_text(sample(date(2026, 11, 18)), 80, 20, colour=True)


def test_a_one_day_window_and_a_ten_year_one_are_drawn() -> None:
    one = Chart(date(2026, 11, 19), date(2026, 11, 19), sample().lines[:1])
    assert "11-19" in chart_text(one, 80, 20, colour=False)
    decade = (DayValue(date(2016, 11, 28), 3), DayValue(date(2026, 11, 19), 7))
    ten = Chart(date(2026, 11, 25), date(2016, 11, 28), (ChartLine("neck", None, decade),))
    out = chart_text(ten, 100, 20, colour=False)
    assert "2016-11" in out and "2026-11" in out


def test_a_line_breaks_where_nothing_was_logged_for_longer_than_the_gap() -> None:
    days = [date(2026, 11, d) for d in (1, 2, 6, 11)]
    line = ChartLine("neck", None, tuple(DayValue(d, 3) for d in days))
    assert [[v.day.day for v in run] for run in line.runs(3)] == [[1, 2, 6], [11]]
    assert len(line.runs(4)) == 1


def test_only_sore_lines_and_the_workouts_that_loaded_them() -> None:
    day = date(2026, 11, 20)
    series = {
        ("quadriceps", None): [DayValue(day, 4)],
        ("neck", None): [DayValue(day, 0)],  # recovery logged, never sore in the window
        ("calves", "left"): [DayValue(date(2026, 10, 1), 6), DayValue(day, 2)],
    }
    at = datetime(2026, 11, 20, 8, tzinfo=UTC)
    workouts = [
        Workout(at, day, "legs", frozenset({"quadriceps"})),
        Workout(at, day, "neck drills", frozenset({"neck"})),
        Workout(at, date(2026, 10, 1), "old run", frozenset({"calves"})),
    ]
    chart = build_chart(series, workouts, date(2026, 11, 1), date(2026, 11, 25), 3)
    assert [(line.body_part, line.side) for line in chart.lines] == [
        ("calves", "left"),
        ("quadriceps", None),
    ]
    assert chart.lines[0].days == (DayValue(day, 2),)  # the window's days only
    assert [w.name for w in chart.workouts] == ["legs"]


def on_a_terminal(args: list[str], **env: str) -> bytes:
    """What sorelog writes to a pseudo-terminal, in a real process (the run's own NO_COLOR
    left out)."""
    main, child = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm"} | env
    with subprocess.Popen(
        [sys.executable, "-m", "sorelog", *args],
        stdout=child,
        stderr=subprocess.DEVNULL,
        env=environ,
    ) as process:
        os.close(child)  # read while it writes: a full terminal buffer would stop it
        out = b""
        try:
            while chunk := os.read(main, 65536):
                out += chunk
        except OSError:  # EIO: the other end is closed, everything is read
            pass
        finally:
            os.close(main)
        assert process.wait(timeout=60) == 0
    return out


@pytest.mark.slow
def test_colour_on_a_terminal_and_none_with_no_color(logged) -> None:
    args = ["chart", "--as-of", "2026-11-25"]
    coloured = on_a_terminal(args)
    assert b"\x1b[" in coloured and b"quadriceps" in coloured
    plain = on_a_terminal(args, NO_COLOR="1")
    assert b"\x1b" not in plain
    assert b"quadriceps" in plain and b"leg day" in plain
