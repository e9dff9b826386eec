"""The manual's ```console examples, run as written: it cannot drift from the program.

The manual is README.md and the pages in docs/. Each ```console block is one test, named
after the heading above it (and, in docs/, its page), run in order against a fresh, empty
journal, in an empty current directory, with the clock frozen at conftest's FROZEN_NOW. In a block,
a line `$ sorelog ARGS` is a command (split as a shell would); the lines after it, up to
the next `$` line or the end of the block, are what it prints on stdout, compared exactly
after trailing spaces are stripped from each line. Two conventions, and no others:

- a line `  ...` stands for any number of lines (to elide a long table);
- expected output starting with `sorelog:` is an error: it is compared with stdout and
  stderr together, and the command must fail.

A command with no lines after it must print nothing on stdout. A prompt answered in the
manual (a line ending `[y/N]: y`) is answered `y` on a simulated terminal; the runner
echoes the answer, as a terminal would show it.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# The manual: the README first, then every page in docs/.
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
ELLIPSIS = "  ..."
YES_PROMPT = "[y/N]: y"


@dataclass(frozen=True)
class Command:
    line: int  # 1-based line of the `$` in its page
    args: list[str]
    expected: list[str]
    text: str = ""  # the `$ sorelog ...` line as written

    @property
    def is_error(self) -> bool:
        return bool(self.expected) and self.expected[0].startswith("sorelog:")

    @property
    def answers_yes(self) -> bool:
        return any(line.endswith(YES_PROMPT) for line in self.expected)


@dataclass(frozen=True)
class Block:
    heading: str
    line: int  # 1-based line of the opening fence
    commands: list[Command]
    page: Path = README
    index: int = 0  # which ```console block of its page it is

    @property
    def name(self) -> str:
        """The page as the messages name it: README.md, docs/remedies.md."""
        return self.page.relative_to(ROOT).as_posix()


def console_blocks(text: str, page: Path = README) -> Iterator[Block]:
    """Every ```console block of a page, with the heading above it and its commands."""
    name = page.relative_to(ROOT).as_posix()
    index = 0
    heading = "(before any heading)"
    fence: str | None = None  # the info string of the fenced block we are in
    start = 0
    body: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if fence is None:
            if line.startswith("```"):
                fence, start, body = line[3:].strip(), number, []
            elif line.startswith("#"):
                heading = line.lstrip("#").strip()
        elif line.startswith("```"):
            if fence == "console":
                yield Block(heading, start, parse_commands(body, name), page, index)
                index += 1
            fence = None
        else:
            body.append((number, line))
    assert fence is None, f"{name}: the block opened on line {start} is never closed"


def parse_commands(body: Sequence[tuple[int, str]], name: str = "README.md") -> list[Command]:
    commands: list[Command] = []
    for number, line in body:
        if line.startswith("$"):
            words = shlex.split(line[1:])
            assert words[:1] == ["sorelog"], f"{name}:{number}: not a sorelog command"
            commands.append(Command(number, words[1:], [], line))
        else:
            assert commands, f"{name}:{number}: output before any `$ sorelog` command"
            commands[-1].expected.append(line)
    return commands


def matches(expected: Sequence[str], actual: Sequence[str]) -> bool:
    """Line for line, where an ELLIPSIS line matches any number of lines."""
    if not expected:
        return not actual
    if expected[0] == ELLIPSIS:
        return any(matches(expected[1:], actual[skip:]) for skip in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def stripped(output: str) -> list[str]:
    return [line.rstrip() for line in output.splitlines()]


BLOCKS = [
    block for page in PAGES for block in console_blocks(page.read_text(encoding="utf-8"), page)
]


def _ids(blocks: Sequence[Block]) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for block in blocks:
        named = block.heading if block.page == README else f"{block.name}: {block.heading}"
        seen[named] = seen.get(named, 0) + 1
        count = seen[named]
        ids.append(named if count == 1 else f"{named} ({count})")
    return ids


def test_the_readme_has_console_examples() -> None:
    assert len([block for block in BLOCKS if block.page == README]) >= 3
    assert all(block.commands for block in BLOCKS)


def test_the_docs_examples_are_run_too() -> None:
    # A page moved to docs/ keeps its examples tested: each is found, named by its page.
    pages = {block.name for block in BLOCKS}
    assert "README.md" in pages and any(name.startswith("docs/") for name in pages)
    text = "# Page\n\n## Part\n\n```console\n$ sorelog parts\n```\n"
    (found,) = console_blocks(text, ROOT / "docs" / "x.md")
    assert (found.name, found.heading, found.line, found.index) == ("docs/x.md", "Part", 5, 0)


def test_an_ellipsis_line_stands_for_any_lines() -> None:
    assert matches(["a", ELLIPSIS, "z"], ["a", "z"])
    assert matches(["a", ELLIPSIS, "z"], ["a", "b", "c", "z"])
    assert matches([ELLIPSIS], [])
    assert not matches(["a", ELLIPSIS, "z"], ["a", "b"])
    assert not matches(["a"], ["a", ""])
    assert not matches([], [""])


def _simulate_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands that ask only on a terminal (stdin is never one under CliRunner)."""
    from sorelog.cli import prompts

    real = prompts.interactive
    for name, module in list(sys.modules.items()):
        if name.startswith("sorelog.") and getattr(module, "interactive", None) is real:
            monkeypatch.setattr(module, "interactive", lambda: True)


@pytest.mark.parametrize("block", BLOCKS, ids=_ids(BLOCKS))
def test_readme_example(
    block: Block, journal, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each command's output as shown. SORELOG_README_WRITE=1 writes what sorelog prints
    into the page instead (then read the diff: it is the change people will see)."""
    here = tmp_path / "current"  # files a command writes by default (a summary) go here
    here.mkdir()
    monkeypatch.chdir(here)
    rewritten: list[str] = []
    for command in block.commands:
        shown = f"{block.name}:{command.line}: $ sorelog {shlex.join(command.args)}"
        with monkeypatch.context() as patch:
            if command.answers_yes:
                _simulate_a_terminal(patch)
            result = journal.run(*command.args, input="y\n" if command.answers_yes else None)
        actual = stripped(result.stdout)
        if command.is_error:
            actual += stripped(result.stderr)
            assert result.exit_code != 0, f"{shown}\nexpected a failure, got exit 0"
        else:
            assert result.exit_code == 0, (
                f"{shown}\nexit {result.exit_code}\nstdout:\n{result.stdout}\n"
                f"stderr:\n{result.stderr}"
            )
        rewritten += [_command_line(command), *actual]
        if os.environ.get("SORELOG_README_WRITE") == "1":
            continue
        if not matches(command.expected, actual):
            stderr = ["--- stderr", result.stderr] if result.stderr and not command.is_error else []
            lines = [shown, "--- expected", *command.expected, "--- actual", *actual, *stderr]
            pytest.fail("\n".join(lines), pytrace=False)
    if os.environ.get("SORELOG_README_WRITE") == "1":
        _rewrite_block(block.page, block.index, rewritten)


def _command_line(command: Command) -> str:
    return command.text  # as written: an earlier block rewritten may have moved it


def _rewrite_block(page: Path, index: int, body: list[str]) -> None:
    """Put `body` inside the index-th console block of `page` (found afresh, since an
    earlier block may have changed length)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    seen, start, fence = -1, 0, None
    for number, line in enumerate(lines):
        if fence is None and line.startswith("```"):
            fence, start = line[3:].strip(), number
            seen += fence == "console"
        elif fence is not None and line.startswith("```"):
            if fence == "console" and seen == index:
                lines[start + 1 : number] = body
                page.write_text("\n".join(lines) + "\n", encoding="utf-8")
                return
            fence = None


# -- the README as a first read ---------------------------------------------------------

LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
FIRST_SCREEN = 60  # lines: install, then the demo


def test_every_page_is_linked_and_every_link_leads_somewhere() -> None:
    readme = README.read_text(encoding="utf-8")
    for page in PAGES[1:]:
        assert f"](docs/{page.name})" in readme, f"README.md does not link {page.name}"
    assert "](docs/summary.png)" in readme
    for page in PAGES:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if "://" not in target:
                assert (page.parent / target).exists(), f"{page.name}: {target} is missing"


def test_the_first_screen_installs_and_shows_the_demo() -> None:
    first = "\n".join(README.read_text(encoding="utf-8").splitlines()[:FIRST_SCREEN])
    assert "pipx install ." in first and "pipx ensurepath" in first
    assert ". .venv/bin/activate" in first  # how `sorelog` gets on the PATH
    assert "$ sorelog demo" in first


def test_the_setup_line_leaves_no_made_up_entries() -> None:
    # The one line that installs sorelog and runs it on the default journal only reads it.
    lines = README.read_text(encoding="utf-8").splitlines()
    at = lines.index("# install sorelog and use it on your default journal")
    runs = [step.split() for step in lines[at + 1].split("&&") if "bin/sorelog" in step]
    assert runs and {run[1] for run in runs} <= {"demo", "report"}, lines[at + 1]
    assert lines[lines.index("# install the test extra (and the browser and database server "
                             "the tests use) and run them") + 1] == "bash .ci/run"  # fmt: skip


def test_using_it_names_every_command_a_first_entry_needs() -> None:
    text = README.read_text(encoding="utf-8")
    using = text[text.index("## Using it") :]
    for command in ("add", "workout", "checkin", "report", "chart", "summary"):
        assert f"`sorelog {command} " in using, command
