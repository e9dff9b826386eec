"""Help is complete, and the fast paths stay fast."""

import os
import subprocess
import sys

import pytest
from typer.main import get_command

from sorelog.cli import app

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic")
# Drawing libraries: only the commands that draw may load them (plotext for `chart`).
CHARTING = ("plotext", "jinja2", "pygal")
# The date library: only an --at in words the built-in forms do not read loads it.
DATES = ("dateparser",)


def commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from commands(command, (*prefix, name))


def test_every_command_and_option_has_help() -> None:
    root = get_command(app)
    for path, command in commands(root):
        assert command.help, path
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, (path, param.name)
            else:
                assert getattr(param, "help", None), (path, param.name)


def heavy_imports(
    args: list[str],
    env: dict[str, str] | None = None,
    heavy: tuple[str, ...] = HEAVY + CHARTING + DATES,
) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sorelog", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    return {name for name in loaded if name.split(".")[0] in heavy}


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["add", "--help"],
        ["report", "-h"],
        ["chart", "--help"],
        ["workout", "--help"],
        ["workout", "import", "--help"],
    ],
)
def test_help_and_version_stay_light(args: list[str]) -> None:
    assert heavy_imports(args) == set()


@pytest.mark.slow
def test_add_and_report_load_no_drawing_library(journal) -> None:
    # They load the journal's libraries (add writes through SQLModel), never a chart's.
    assert heavy_imports(["add", "quads", "4", "--at", "2026-11-20"], heavy=CHARTING) == set()
    workout = ["workout", "legs", "--part", "quads", "--at", "2026-11-19"]
    assert heavy_imports(workout, heavy=CHARTING) == set()
    assert heavy_imports(["report", "--as-of", "2026-11-24"], heavy=CHARTING) == set()
    assert heavy_imports(["report", "--as-of", "2026-11-24", "--json"], heavy=CHARTING) == set()
    # The check would see it: chart, drawing, loads plotext (and nothing else of the kind).
    loaded = heavy_imports(["chart", "--as-of", "2026-11-24"], heavy=CHARTING)
    assert {name.split(".")[0] for name in loaded} == {"plotext"}


@pytest.mark.slow
def test_completion_stays_light_and_completes_parts() -> None:
    env = {"_SORELOG_COMPLETE": "complete_bash", "COMP_WORDS": "sorelog add ham", "COMP_CWORD": "2"}
    assert heavy_imports([], env) == set()
    out = subprocess.run(
        [sys.executable, "-m", "sorelog"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    ).stdout.split()
    assert "hamstrings" in out and "hammies" in out


@pytest.mark.slow
def test_only_an_at_in_words_loads_the_date_library(journal) -> None:
    assert heavy_imports(["add", "quads", "4", "--at", "2026-11-20"], heavy=DATES) == set()
    assert heavy_imports(["add", "quads", "4", "--at", "yesterday 18:30"], heavy=DATES) == set()
    assert heavy_imports(["report", "--as-of", "2026-11-24"], heavy=DATES) == set()
    # The check would see it: words the built-in forms do not read load it (always past:
    # this runs at the machine's own time).
    loaded = heavy_imports(["add", "quads", "4", "--at", "yesterday 8pm"], heavy=DATES)
    assert "dateparser" in loaded
