"""Every flag level on every surface: a matrix, so a new level or a new surface cannot be
added without being drawn.

Each level has a diary that raises a flag of that level (and of no more serious one); each
surface is a function that renders the report date's journal the way a person or a
clinician sees it and returns the text they would read. A crash, a missing level name or a
missing message in any cell fails that cell.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from browser import printed_text
from sorelog.analysis.flag import Level
from sorelog.render.levels import LEVEL_NAME

AS_OF = "2026-11-25"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# level -> (diary, the flag's code, words its message starts with)
DIARIES: dict[Level, tuple[list[list[str]], str, str]] = {
    Level.emergency: (
        [["add", "low back", "6", "--symptom", "saddle-numbness", "--at", "2026-11-25 09:00"]],
        "red_flag",
        "saddle-numbness",
    ),
    Level.urgent: ([["add", "quads", "10", "--at", "2026-11-25 09:00"]], "severe", "quadriceps"),
    Level.follow_up: (
        [
            ["add", "hams", "8", "--at", "2026-11-24 09:00"],
            ["add", "hams", "8", "--at", "2026-11-25 09:00"],
        ],
        "severe",
        "hamstrings",
    ),
    Level.caution: ([["add", "chest", "3", "--at", "2026-11-25 09:00"]], "chest", "chest sore"),
}


def terminal(width: int) -> Callable[..., str]:
    def render(journal, monkeypatch, tmp_path) -> str:
        monkeypatch.setenv("COLUMNS", str(width))
        monkeypatch.setenv("FORCE_COLOR", "1")  # Rich draws as on a terminal: styles on
        out = journal.ok("report", "--as-of", AS_OF)
        assert "\x1b[" in out  # styled, as a terminal shows it
        plain = ANSI.sub("", out)
        assert max(len(line.rstrip()) for line in plain.splitlines()) <= width
        return plain

    return render


def pipe(journal, monkeypatch, tmp_path) -> str:
    """A real process writing into a pipe, as `sorelog report | less` would."""
    monkeypatch.delenv("COLUMNS")
    exe = Path(sys.executable).with_name("sorelog")
    done = subprocess.run(
        [str(exe), "report", "--as-of", AS_OF], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    return done.stdout


def as_json(journal, monkeypatch, tmp_path) -> str:
    flags = journal.json("report", "--as-of", AS_OF)["flags"]
    return "\n".join(f"{LEVEL_NAME[Level(f['level'])]} {f['code']} {f['message']}" for f in flags)


def chart(journal, monkeypatch, tmp_path) -> str:
    return journal.ok("chart", "--as-of", AS_OF)


def printed_summary(journal, monkeypatch, tmp_path) -> str:
    """The visit summary printed to PDF by Chromium, read back as text."""
    page = tmp_path / "summary.html"
    journal.ok("summary", "--as-of", AS_OF, "-o", str(page))
    return printed_text(tmp_path, page)


SURFACES: dict[str, Callable[..., str]] = {
    "terminal-wide": terminal(120),
    "terminal-80": terminal(80),
    "terminal-40": terminal(40),
    "pipe": pipe,
    "json": as_json,
    "chart": chart,
    "printed-summary": printed_summary,
}
SLOW = {"pipe", "printed-summary"}


def test_every_level_has_a_diary_and_a_name() -> None:
    assert set(DIARIES) == set(Level)
    assert set(LEVEL_NAME) == set(Level)


@pytest.mark.parametrize(
    "surface",
    [pytest.param(s, marks=[pytest.mark.slow] if s in SLOW else []) for s in SURFACES],
)
@pytest.mark.parametrize("level", list(Level), ids=str)
def test_every_level_on_every_surface(
    journal, monkeypatch, tmp_path, level: Level, surface: str
) -> None:
    diary, code, opening = DIARIES[level]
    for command in diary:
        journal.ok(*command)
    levels = {f["level"] for f in journal.json("report", "--as-of", AS_OF)["flags"]}
    assert min(levels, key=list(Level).index) == level  # the diary's most serious flag
    shown = SURFACES[surface](journal, monkeypatch, tmp_path)
    flat = " ".join(shown.split())
    assert LEVEL_NAME[level] in flat, shown
    assert code in flat, shown
    assert opening in flat, shown
    assert "No flags from sorelog's rules." not in flat


@pytest.mark.parametrize("surface", [s for s in SURFACES if s not in SLOW])
def test_no_flags_is_said_plainly(journal, monkeypatch, tmp_path, surface: str) -> None:
    journal.ok("workout", "legs", "--part", "quads", "--at", "2026-11-24 08:00")
    journal.ok("add", "quads", "3", "--at", "2026-11-25 09:00")
    if surface == "json":
        assert journal.json("report", "--as-of", AS_OF)["flags"] == []
        return
    shown = SURFACES[surface](journal, monkeypatch, tmp_path)
    assert "No flags from sorelog's rules." in " ".join(shown.split())


def test_no_flags_is_not_green(journal, monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    journal.ok("add", "quads", "3", "--at", "2026-11-25 09:00")
    out = journal.ok("report", "--as-of", AS_OF)
    line = next(line for line in out.splitlines() if "No flags" in line)
    assert not ANSI.search(line), repr(line)
    assert os.environ["FORCE_COLOR"] == "1"
