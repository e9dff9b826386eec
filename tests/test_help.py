"""Help that reads: commands in panels by use, usage lines that name their arguments, and
descriptions at a width that reads, at 80 columns and at 40."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from sorelog.cli import app
from sorelog.cli.main import (
    COMMANDS,
    DAILY,
    FIRST,
    JOURNAL,
    PAIRS,
    REMEDIES,
    SHARING,
    load_command,
)


def help_text(args: list[str], columns: int) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def every_command() -> Iterator[tuple[list[str], Any]]:
    yield [], get_command(app)
    for name in COMMANDS:
        command = load_command(name)
        yield [name], command
        for sub, subcommand in getattr(command, "commands", {}).items():
            yield [name, sub], subcommand


PATHS = [path for path, _ in every_command()]
IDS = [" ".join(path) or "sorelog" for path in PATHS]


def panels(text: str) -> dict[str, list[str]]:
    """The names listed in each titled panel of a help screen."""
    found: dict[str, list[str]] = {}
    title = None
    for line in text.splitlines():
        if heading := re.match(r"^╭─ (.+?) ─", line):
            title = heading.group(1)
            found[title] = []
        elif title and (row := re.match(r"^│ (\S+(?: \S+)?)", line)):  # `workout import`
            found[title].append(row.group(1))
    return found


def test_the_commands_are_listed_in_panels_by_what_they_are_for() -> None:
    shown = panels(help_text([], 80))
    assert list(shown)[1:] == [FIRST, DAILY, REMEDIES, JOURNAL, SHARING]  # after the options
    assert shown[FIRST] == ["demo"]
    assert shown[DAILY] == [
        "add", "workout", "workout import", "checkin", "report", "chart", "summary", "list",
    ]  # fmt: skip
    assert shown[REMEDIES] == ["remedy", "side-effect"]
    assert shown[SHARING] == ["setup", "share", "unshare"]
    assert {"edit", "delete", "export", "import", "backup", "config", "parts"} <= set(
        shown[JOURNAL]
    )
    listed = [name for title, names in shown.items() if title != "Options" for name in names]
    pairs = [" ".join(pair) for pair in PAIRS]
    assert sorted(listed) == sorted([*COMMANDS, *pairs])  # every command, once


@pytest.mark.parametrize("columns", [80, 40])
def test_workout_import_is_found_from_the_help(columns: int) -> None:
    """A command named by two words is no command of the root's: both helps a person
    would read on the way there name it."""
    root = " ".join(help_text([], columns).replace("│", " ").split())
    assert "workout import Add the sessions in watch and phone exports as workouts." in root
    workout = " ".join(help_text(["workout"], columns).split())
    assert "are added by: sorelog workout import PATH..." in workout
    usage = " ".join(help_text(["workout", "import"], columns).split())
    assert usage.startswith("Usage: sorelog workout import [OPTIONS] PATH...")


@pytest.mark.parametrize("columns", [80, 40])
@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (["workout"], "Usage: sorelog workout [OPTIONS] NAME"),
        (["remedy", "limit"], "Usage: sorelog remedy limit [OPTIONS] NAME"),
        (["config", "set"], "Usage: sorelog config set [OPTIONS] KEY VALUE"),
        (["delete"], "Usage: sorelog delete [OPTIONS] ID"),
        (["backup"], "Usage: sorelog backup [OPTIONS] [PATH]"),
        (["add"], "Usage: sorelog add [OPTIONS] [PART SEVERITY ...]"),
        (["side-effect"], "Usage: sorelog side-effect [OPTIONS] EFFECT"),
    ],
)
def test_usage_lines_name_the_arguments(args: list[str], usage: str, columns: int) -> None:
    text = help_text(args, columns).strip()
    first = " ".join(text.split("\n\n")[0].split())  # wrapped at 40 columns
    assert first == usage
    assert max(len(line) for line in text.splitlines()) <= columns


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_no_usage_line_shows_a_parser_placeholder(path: list[str]) -> None:
    usage = help_text(path, 80).strip().splitlines()[0]
    assert "{" not in usage and "<" not in usage, usage


def description_widths(text: str, command: Any) -> dict[str, int]:
    """For each parameter with help: how many columns its description's first line has,
    from where it starts to the panel's right edge."""
    widths = {}
    for param in command.params:
        if not param.help:
            continue
        start = " ".join(param.help.split()[:2])
        line = next(line for line in text.splitlines() if start in line and "│" in line)
        widths[param.name] = line.rindex("│") - line.index(start) - 1
    return widths


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_descriptions_read_at_80_columns(path: list[str]) -> None:
    command = dict((tuple(p), c) for p, c in every_command())[tuple(path)]
    widths = description_widths(help_text(path, 80), command)
    narrow = {name: width for name, width in widths.items() if width < 30}
    assert not narrow, narrow


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_help_fits_40_columns(path: list[str]) -> None:
    text = help_text(path, 40)
    assert max(len(line) for line in text.splitlines()) <= 40, text
    assert all(line == line.rstrip() for line in text.splitlines()), text
    # Nothing cut short to fit: every option is there whole, and no text ends in "…".
    assert "…" not in text
    (command,) = [c for p, c in every_command() if p == path]
    for option in (o for q in command.params if q.param_type_name == "option" for o in q.opts):
        assert option in text
