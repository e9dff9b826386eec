"""Every table-printing command on the sample month at 80 and 40 columns and in a pipe: no
line wider than the width, no trailing spaces off a terminal, tables cut rather than
wrapped, one line per record in `list`, and chart panels that can be read.

The month is made for a fixed day before the tests' frozen clock, so nothing depends on
the hour, date or zone the tests run in. Commands run through the installed CLI against a
real SQLite file; "pipe" is a real process writing into a pipe.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import Journal
from sorelog.domain.parts import part_label
from sorelog.services.sample_month import PUSH, sample_month

LAST = date(2026, 11, 24)  # the month's last day: the tests' clock stands at 2026-11-25
AS_OF = LAST.isoformat()
LONG_NAME = "leg day (light, knee strapped)"  # the month's longest workout name
COMMANDS = {
    "report": ["report", "--as-of", AS_OF],
    "list": ["list", "--days", "60"],
    "chart": ["chart", "--as-of", AS_OF, "--days", "90"],
    "chart-part": ["chart", "quads", "--as-of", AS_OF, "--days", "90"],
    "remedy-list": ["remedy", "list"],
}
SURFACES = {"80": 80, "40": 40, "pipe": 80}  # a pipe: no COLUMNS, and Rich's default of 80
SORELOG = str(Path(sys.executable).with_name("sorelog"))


@pytest.fixture
def month(journal: Journal, tmp_path: Path) -> Journal:
    path = tmp_path / "month.json"
    path.write_text(json.dumps(sample_month(LAST)))
    journal.ok("import", str(path))
    return journal


def shown(journal: Journal, surface: str, args: list[str], monkeypatch) -> str:
    """What the command prints on this surface."""
    if surface != "pipe":
        monkeypatch.setenv("COLUMNS", surface)
        return journal.ok(*args)
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR")}
    done = subprocess.run([SORELOG, *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_line_fits_and_carries_no_trailing_space(
    month: Journal, monkeypatch, command: str, surface: str
) -> None:
    out = shown(month, surface, COMMANDS[command], monkeypatch)
    lines = out.splitlines()
    assert len(lines) > 3, out
    assert "\x1b" not in out  # not a terminal: no colour codes
    width = SURFACES[surface]
    too_wide = [line for line in lines if cell_len(line) > width]
    assert not too_wide, "\n".join(too_wide)
    padded = [line for line in lines if line != line.rstrip()]
    assert not padded, "\n".join(repr(line) for line in padded)


def test_report_keeps_its_table_at_80_and_cuts_a_long_name(month: Journal, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = month.ok("report", "--as-of", AS_OF).splitlines()
    header = next(line for line in lines if line.startswith("Part"))
    for column in ("Now", "Peak", "Episode", "Follows", "Trend", "days"):
        assert column in header
    quads = next(line for line in lines if line.startswith("quadriceps"))
    assert re.search(r"leg day \(.*… \d\d-\d\d ", quads), quads  # cut, its day kept
    assert LONG_NAME not in "\n".join(lines)
    rows = [line for line in lines if "resolved" in line or "improving" in line]
    assert all("…" in row for row in rows if "leg day" in row or "push day" in row)


def test_report_at_40_is_a_few_lines_a_part(month: Journal, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = month.ok("report", "--as-of", AS_OF)
    assert "Follows" not in out  # no table squeezed to slivers
    knee = part_label("knees", "left")
    lines = out.splitlines()
    at = lines.index(next(line for line in lines if line.startswith(f"{knee}  now")))
    assert lines[at + 1].startswith("  peak 6 on 11-22; since ")
    follows = [line for line in lines if line.startswith("  follows ")]
    assert follows and all(re.search(r" \d\d-\d\d$", line) for line in follows)


def records(journal: Journal) -> list[dict[str, object]]:
    return journal.json("list", "--days", "60")["records"]


def test_list_is_one_line_a_record_at_80_and_a_name_once(month: Journal, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    listed = records(month)
    lines = month.ok("list", "--days", "60").splitlines()
    rows = [line for line in lines if re.match(r"\s*\d+\s{3}2026-", line)]
    assert len(rows) == len(listed) == len(lines) - 5  # title, blank, header, rule, blank
    workouts = [row for row in rows if "  workout  " in row]
    assert len(workouts) == sum(r["record"] == "workout" for r in listed) > 0
    for row in workouts:
        name = "push day" if "push day" in row else "leg day"
        assert row.count(name) == 1, row
    assert any(row.rstrip().endswith("…") for row in rows)  # long text cut, not wrapped


def test_list_at_40_is_two_lines_a_record(month: Journal, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    listed = records(month)
    lines = month.ok("list", "--days", "60").splitlines()
    heads = [line for line in lines if line.startswith("#")]
    assert len(heads) == len(listed) and len(lines) == 1 + 2 * len(listed)
    assert all(line.startswith("  ") for line in lines[2::2])
    assert sum(PUSH[0][:8] in line for line in lines) == sum(
        r["record"] == "workout" and r["cause"] == PUSH[0] for r in listed
    )


def panels(out: str) -> list[list[str]]:
    """Each panel's lines, from its title to its axis labels."""
    lines = out.splitlines()
    tops = [i for i, line in enumerate(lines) if "┌" in line]
    bottoms = [i for i, line in enumerate(lines) if "└" in line]
    return [lines[top - 1 : bottom + 2] for top, bottom in zip(tops, bottoms, strict=True)]


@pytest.mark.parametrize("width", [80, 40])
def test_chart_panels_most_serious_first_on_the_days_logged(
    month: Journal, monkeypatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    out = month.ok("chart", "--as-of", AS_OF, "--days", "90")
    drawn = panels(out)
    assert 1 < len(drawn) <= 4
    titles = [panel[0].strip() for panel in drawn]
    assert titles[0].startswith(f"{part_label('knees', 'left')}: URGENT flag, peak 6")
    peaks = [int(title.rsplit("peak ", 1)[1]) for title in titles[1:]]
    assert peaks == sorted(peaks, reverse=True)
    assert "Also sore, not drawn: " in " ".join(out.split())
    # the axis spans the days with entries (10-26 to 11-24), not the 90 days asked for
    assert "2026-10-26 to 2026-11-24" in " ".join(out.split())
    for panel in drawn:
        labels = re.findall(r"\d\d-\d\d", panel[-1])
        assert labels[0] == "10-26" and labels[-1] == "11-24", panel[-1]
    # workouts sit on the time axis: only on the 0 row, and nothing spikes up the chart
    for panel in drawn:
        for row in panel:
            if "┤" in row or row.lstrip().startswith("│"):
                inside = row.split("┤" if "┤" in row else "│", 1)[1].rstrip("│")
                assert "│" not in inside, row
                assert "▲" not in inside or row.startswith(" 0┤"), row
    assert any("▲" in row for panel in drawn[1:] for row in panel)


def test_chart_of_one_part_is_one_panel_on_its_days(month: Journal, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = month.ok("chart", "quads", "--as-of", AS_OF, "--days", "90")
    (panel,) = panels(out)
    assert "quadriceps: highest severity (0-10) each day, 2026-10-27 to 2026-11-20" in out
    labels = re.findall(r"\d\d-\d\d", panel[-1])
    assert labels[0] == "10-27" and labels[-1] == "11-20", panel[-1]
    assert not any("▲" in row for row in panel if not row.startswith(" 0┤"))
