"""How a command's help reads: a usage line that names its arguments (`sorelog workout
[OPTIONS] NAME`), and its options in two columns, each description at a width that reads
(Typer's own layout gives a column to each of an option's names, type and range, and at
80 columns leaves the description three or four words); a group's commands in panels.

The commands that sorelog.cli.main loads are made instances of `Command` and `Group`
(`adopt`): the classes Typer built them with, plus these. Nothing here is imported by a
command module, and nothing heavy is imported here: `--help` stays light.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from typer._click.exceptions import UsageError
from typer._click.types import _NumberParamTypeBase
from typer.core import TyperArgument, TyperCommand, TyperGroup

# How a value is called in the first column, by the parameter's name, where no metavar
# was given; any other value is TEXT, a number N.
VALUE_NAMES = {
    "at": "WHEN",
    "as_of": "DAY",
    "part": "PART",
    "for_": "PART",
    "dose": "DOSE",
    "max_daily": "DOSE",
    "remedy": "NAME",
    "symptom": "NAME",
    "output": "FILE",
}
# The first column takes at most this share of the width; a longer entry puts its
# description on the line below rather than squeeze it.
FIRST_COLUMN_SHARE = 0.4
_CHOICES_IN_COLUMN = 24  # choices longer than this are listed in the description


def usage_pieces(command: Any, ctx: Any) -> list[str]:
    """`[OPTIONS] NAME [PATH]`: each argument by its METAVAR or its name in capitals,
    in brackets when it may be left out."""
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = param.metavar or (param.name or "").upper()
            if param.nargs != 1 and not name.endswith("..."):
                name += "..."
            pieces.append(name if param.required else f"[{name}]")
    return pieces


def _value_name(param: Any) -> str:
    if param.metavar:
        return str(param.metavar)
    choices = getattr(param.type, "choices", None)
    if choices:
        joined = "|".join(str(getattr(c, "value", c)) for c in choices)
        if len(joined) <= _CHOICES_IN_COLUMN:
            return joined
    if isinstance(param.type, _NumberParamTypeBase):
        return "N"
    return VALUE_NAMES.get(param.name or "", (param.name or "TEXT").upper().rstrip("_"))


def _notes(param: Any, ctx: Any) -> list[str]:
    """What follows a parameter's help: its choices when the first column left them out,
    its range, default, environment variable, and whether it is required."""
    notes = []
    choices = getattr(param.type, "choices", None)
    if choices and not param.metavar and "|" not in _value_name(param):
        notes.append("one of " + ", ".join(str(getattr(c, "value", c)) for c in choices))
    low, high = getattr(param.type, "min", None), getattr(param.type, "max", None)
    if low is not None and high is not None and high < 2**31:
        notes.append(f"{low} to {high}")
    elif low is not None and high is None:
        notes.append(f"{low} or more")
    default = param.default
    shown = getattr(param, "show_default", None)
    if (
        shown is not False
        and default not in (None, False, "", ())
        and not getattr(param, "is_flag", False)
        and not callable(default)
    ):
        notes.append(f"default: {getattr(default, 'value', default)}")
    if getattr(param, "show_envvar", False) and param.envvar:
        notes.append(f"env var: {param.envvar}")
    if param.required:
        notes.append("required")
    return notes


def _rows(command: Any, ctx: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(arguments, options), each as (first column, description)."""
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        notes = _notes(param, ctx)
        text = (param.help or "").strip()
        if notes:
            text = f"{text} [{'; '.join(notes)}]".strip()
        if isinstance(param, TyperArgument):
            arguments.append((param.metavar or (param.name or "").upper(), text))
            continue
        names = ", ".join(sorted(param.opts, key=lambda o: (not o.startswith("--"), o)))
        if param.secondary_opts:
            names += " / " + ", ".join(param.secondary_opts)
        if not getattr(param, "is_flag", False) and not getattr(param, "count", False):
            names += f" {_value_name(param)}"
        options.append((names, text))
    return arguments, options


def render_help(command: Any, ctx: Any) -> None:
    """The help of a command or a group, on stdout, at the terminal's width."""
    from rich.console import Console
    from rich.text import Text

    out = Console(highlight=False)
    width = max(out.width - 1, 20)
    usage = " ".join([shown_path(ctx.command_path), *command.collect_usage_pieces(ctx)])
    lines = textwrap.wrap(f"Usage: {usage}", width=width, subsequent_indent="  ")
    out.print(Text("\n".join(lines), style="bold"), soft_wrap=True)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", command.help or "")]
    for number, paragraph in enumerate(p for p in paragraphs if p):
        out.print()
        wrapped = textwrap.fill(paragraph, width=width, break_on_hyphens=False)
        out.print(Text(wrapped, style="" if number == 0 else "dim"), soft_wrap=True)
    out.print()
    arguments, options = _rows(command, ctx)
    first_width = max(12, int((out.width - 4) * FIRST_COLUMN_SHARE))
    for title, rows in (("Arguments", arguments), ("Options", options)):
        if rows:
            out.print(_panel(title, rows, first_width))
    panels = _commands(command, ctx)
    names = max((len(name) for _, rows in panels for name, _ in rows), default=0)
    for title, rows in panels:  # one column width for every panel of commands
        out.print(_panel(title, rows, min(names, first_width), fixed=True))


def _commands(command: Any, ctx: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """A group's commands, in panels by their `rich_help_panel` (else "Commands"), each
    with the first paragraph of its help; a group that lists more than it can be asked
    for by one name (the root's `workout import`) says so by `listed_commands`."""
    panels: dict[str, list[tuple[str, str]]] = {}
    if hasattr(command, "listed_commands"):
        found = command.listed_commands(ctx)
    else:
        names: list[str] = getattr(command, "list_commands", lambda ctx: [])(ctx)
        found = [(name, command.get_command(ctx, name)) for name in names]
    for name, sub in found:
        if sub is None or getattr(sub, "hidden", False):
            continue
        first = re.split(r"\n\s*\n", (sub.short_help or sub.help or "").strip())[0]
        title = getattr(sub, "rich_help_panel", None) or "Commands"
        panels.setdefault(title, []).append((name, " ".join(first.split())))
    return list(panels.items())


def _panel(title: str, rows: list[tuple[str, str]], first_width: int, fixed: bool = False) -> Any:
    """A titled box of (name, description) rows: the names in a column as wide as the
    longest (at most `first_width`, or just that when `fixed`; a longer name has its
    description on the next line), the descriptions in the rest of the width."""
    from rich import box
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    column = first_width if fixed else min(max(len(first) for first, _ in rows), first_width)

    def table() -> Table:
        made = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
        made.add_column(style="bold cyan", no_wrap=True, width=column)
        made.add_column(ratio=1, overflow="fold")
        return made

    parts: list[Any] = []
    current = table()
    for first, text in rows:
        if len(first) > column:
            if current.row_count:
                parts.append(current)
                current = table()
            parts.append(Text(first, style="bold cyan", overflow="fold"))
            current.add_row("", Text(text))
        else:
            current.add_row(Text(first), Text(text))
    parts.append(current)
    return Panel(
        Group(*parts),
        title=title,
        title_align="left",
        border_style="dim",
        box=box.ROUNDED,
        padding=(0, 1),
    )


def shown_path(command_path: str) -> str:
    """'sorelog remedy add' for the command path 'PROG remedy add' (the program's own name
    may differ: python -m sorelog, a test runner)."""
    return " ".join(["sorelog", *command_path.split(" ")[1:]])


def _with_context(run: Any, ctx: Any, args: list[str]) -> list[str]:
    """Parse, naming the command in any usage error the parser left without one (a missing
    option value), so that the error's line can say which command's help to see."""
    try:
        return list(run(ctx, args))
    except UsageError as exc:
        if exc.ctx is None:
            exc.ctx = ctx
        raise


class Command(TyperCommand):
    """A command with sorelog's usage line and help layout."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return usage_pieces(self, ctx)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        render_help(self, ctx)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return _with_context(super().parse_args, ctx, args)


class Group(TyperGroup):
    """A group of commands (remedy, config): its commands made `Command`s too."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        render_help(self, ctx)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return _with_context(super().parse_args, ctx, args)


def adopt(command: Any) -> Any:
    """`command` (and a group's commands) as a `Command` or `Group`: the same object, its
    class the subclass of the one Typer built it with."""
    if type(command) is TyperCommand:
        command.__class__ = Command
    elif type(command) is TyperGroup:
        command.__class__ = Group
        for sub in command.commands.values():
            adopt(sub)
    return command
