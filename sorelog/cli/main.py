"""The root command: global options, the one exit point, and every command, each loaded
only when it runs."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, MutableMapping
from functools import cache
from typing import Annotated, Any, NamedTuple, NoReturn

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info, get_command_name, get_group_from_info
from typer.models import TyperInfo

from sorelog import __version__
from sorelog.cli.context import RunState
from sorelog.cli.help import adopt, render_help
from sorelog.cli.usage import ARGV_KEY, explain
from sorelog.domain.errors import SorelogError
from sorelog.domain.safe_text import printable

# The panels `sorelog --help` lists the commands in (in the order of their first command).
FIRST = "Getting started"
DAILY = "Daily logging"
REMEDIES = "Remedies"
JOURNAL = "The journal"
SHARING = "Sharing and setup"


class Entry(NamedTuple):
    """Where a command is defined: the Typer app in `module` (a module of sorelog.cli by
    its name, or any module by its dotted name) named `attribute`, the one line
    `sorelog --help` shows for it, and the panel it is listed in."""

    module: str
    attribute: str
    help: str
    panel: str = JOURNAL


# Every command, in the order people use them (as `sorelog --help` lists them). `sorelog add`
# imports sorelog.cli.soreness alone; help and completion list these without importing any.
# The help is the first paragraph of the command's own (the group's, for remedy and config).
COMMANDS: dict[str, Entry] = {
    "demo": Entry(
        "demo",
        "app",
        "Try sorelog on a made-up month, in a journal of its own that is deleted afterwards.",
        panel=FIRST,
    ),
    "add": Entry(
        "soreness",
        "app",
        "Log how sore a body part is; several parts at once: add quads 6 hams 4.",
        panel=DAILY,
    ),
    "workout": Entry(
        "workouts",
        "app",
        "Log a workout and the parts it loaded: what separates training soreness from the rest.",
        panel=DAILY,
    ),
    "checkin": Entry(
        "checkin",
        "app",
        "Answer the PEG check-in: average pain, and how much it got in the way, this past week.",
        panel=DAILY,
    ),
    "report": Entry(
        "soreness",
        "app",
        "Show how each body part is doing, and the flags worth a clinician's look.",
        panel=DAILY,
    ),
    "chart": Entry(
        "chart",
        "app",
        "Draw each sore part's daily highest severity over time, with workouts marked.",
        panel=DAILY,
    ),
    "summary": Entry(
        "summary",
        "app",
        "A summary a clinician can read in a minute: flags, charts, remedies, check-ins.",
        panel=DAILY,
    ),
    "remedy": Entry(
        "remedies",
        "remedy_app",
        "Log remedies, set your own limits, and see your recent use.",
        panel=REMEDIES,
    ),
    "side-effect": Entry(
        "remedies", "app", "Log a side effect, perhaps of a remedy.", panel=REMEDIES
    ),
    "list": Entry(
        "records",
        "app",
        "Soreness, workouts, check-ins, remedies and side effects with their ids, newest first.",
        panel=DAILY,
    ),
    "edit": Entry("records", "app", "Correct a record: give only what changes ('' clears a text)."),
    "delete": Entry("records", "app", "Delete one record (asks first)."),
    "export": Entry(
        "exchange",
        "app",
        "Write out everything in the journal, in a form 'sorelog import' reads back.",
    ),
    "import": Entry(
        "exchange",
        "app",
        "Add the records in an export file; records already in the journal are skipped.",
    ),
    "backup": Entry(
        "exchange", "app", "Copy the journal safely, even while another sorelog is writing to it."
    ),
    "setup": Entry(
        "sharing",
        "app",
        "Create or upgrade sorelog's tables in a PostgreSQL database (run once, as their owner).",
        panel=SHARING,
    ),
    "share": Entry(
        "sharing",
        "app",
        "Let another role read your journal (never change it); a PostgreSQL journal.",
        panel=SHARING,
    ),
    "unshare": Entry("sharing", "app", "Stop another role reading your journal.", panel=SHARING),
    "config": Entry(
        "config", "app", "Show or change your flag thresholds and time zone (the config file)."
    ),
    "parts": Entry("soreness", "app", "List the body parts and the other names they answer to."),
}


# Commands named by two words, the first a command of its own: `sorelog workout import`
# (the root routes the pair; `workout NAME` stays one command).
PAIRS: dict[tuple[str, str], Entry] = {
    ("workout", "import"): Entry(
        "workout_import",
        "app",
        "Add the sessions in watch and phone exports as workouts.",
        panel=DAILY,
    ),
}


@cache
def load_command(name: str) -> Any:
    """The command `name`, built from its module (imported now) as the root would have built
    it; once per process. An app with a callback of its own is a group (remedy, config)."""
    first, _, second = name.partition(" ")
    entry = PAIRS[(first, second)] if second else COMMANDS[name]
    if second:  # the pair's command is named by its second word in its module
        name = second
    module = entry.module
    if "." not in module and module != "__main__":  # a module of sorelog.cli, by its name
        module = f"sorelog.cli.{module}"
    __import__(module)  # not importlib.import_module: `python -X importtime` sees this one
    commands: typer.Typer = getattr(sys.modules[module], entry.attribute)
    if commands.registered_callback is not None:
        return adopt(
            get_group_from_info(
                TyperInfo(commands, name=name),
                pretty_exceptions_short=app.pretty_exceptions_short,
                suggest_commands=app.suggest_commands,
                rich_markup_mode=app.rich_markup_mode,
            )
        )
    for info in commands.registered_commands:
        assert info.callback is not None
        if (info.name or get_command_name(info.callback.__name__)) == name:
            return adopt(
                get_command_from_info(
                    info,
                    pretty_exceptions_short=app.pretty_exceptions_short,
                    rich_markup_mode=app.rich_markup_mode,
                )
            )
    raise LookupError(f"sorelog.cli.{entry.module}.{entry.attribute} has no command {name!r}")


class Commands(MutableMapping[str, Any]):
    """The root's commands by name (COMMANDS), each loaded the first time it is looked up."""

    def __getitem__(self, name: str) -> Any:
        if name not in COMMANDS:
            raise KeyError(name)
        return load_command(name)

    def __setitem__(self, name: str, command: Any) -> None:
        raise TypeError(f"add {name!r} to COMMANDS in {__name__}")

    def __delitem__(self, name: str) -> None:
        raise TypeError(f"remove {name!r} from COMMANDS in {__name__}")

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class SorelogGroup(TyperGroup):
    """The one exit point: every failure becomes one line on stderr and an exit status."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = Commands()

    def list_commands(self, ctx: Any) -> list[str]:
        """Commands in the order people use them, not alphabetically."""
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """For help and completion: the command's name and one line, its module not loaded
        (the command that runs is loaded by resolve_command)."""
        if cmd_name not in COMMANDS:
            return None
        entry = COMMANDS[cmd_name]
        return TyperCommand(name=cmd_name, help=entry.help, rich_help_panel=entry.panel)

    def listed_commands(self, ctx: Any) -> list[tuple[str, Any]]:
        """What `sorelog --help` lists: each command, then the pairs it starts (`workout
        import` after `workout`). A pair is not a command of the root's, so without this
        no help would show that it exists."""
        listed: list[tuple[str, Any]] = []
        for name in self.list_commands(ctx):
            listed.append((name, self.get_command(ctx, name)))
            for (first, second), entry in PAIRS.items():
                if first == name:
                    pair = f"{first} {second}"
                    shown = TyperCommand(name=pair, help=entry.help, rich_help_panel=entry.panel)
                    listed.append((pair, shown))
        return listed

    def format_help(self, ctx: Any, formatter: Any) -> None:
        render_help(self, ctx)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        """The command to run, loaded now."""
        if tuple(args[:2]) in PAIRS:
            pair = " ".join(args[:2])
            return pair, load_command(pair), args[2:]
        name, command, rest = super().resolve_command(ctx, args)
        return name, (load_command(name) if name is not None else command), rest

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Keep the words typed, for hints that quote the value they came from."""
        ctx.meta[ARGV_KEY] = list(args)
        try:
            return super().parse_args(ctx, args)
        except UsageError as exc:
            if exc.ctx is None:  # a missing option value: the parser names no command
                exc.ctx = ctx
            raise

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            status = super().main(*args, **kwargs)
        except SorelogError as exc:
            _fail(exc.message, exc.exit_code)
        except UsageError as exc:  # the parser's: in sorelog's words
            try:
                message = explain(exc, _argv(args, kwargs))
            except Exception:  # a hint must never hide the error itself
                message = exc.format_message()
            _fail(message, exc.exit_code)
        except typer.TyperException as exc:
            _fail(getattr(exc, "format_message", exc.__str__)(), getattr(exc, "exit_code", 2))
        except typer.Abort:
            if sys.stdin.isatty():  # Ctrl-D at a prompt: end the prompt's line first
                sys.stdout.write("\n")
                sys.stdout.flush()
            _fail("aborted", 1)
        except Exception as exc:
            if os.environ.get("SORELOG_DEBUG") == "1":
                raise
            _fail(f"unexpected error: {type(exc).__name__}: {exc} (SORELOG_DEBUG=1 shows more)", 1)
        sys.exit(status if isinstance(status, int) else 0)


def _argv(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[str]:
    """The words given to main: its `args`, else the command line's."""
    given = kwargs.get("args", args[0] if args else None)
    return list(sys.argv[1:] if given is None else given)


def _fail(message: str, status: int) -> NoReturn:
    first_line = printable(message.strip().splitlines()[0] if message.strip() else "error")
    print(f"sorelog: {first_line}", file=sys.stderr)
    sys.exit(status)


app = typer.Typer(
    cls=SorelogGroup,
    help="A soreness journal: log how sore each body part is, follow the trend, "
    "and see what is worth a clinician's look.",
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sorelog {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="SORELOG_DB",
            metavar="PATH|URL",
            help="Journal file (default: sorelog.db in your user data directory; an empty "
            "value means the default too), or a postgresql://USER@HOST/DB URL.",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Global options come before the command."""
    # Empty means not given, for the option as for the variable (which Click already treats so).
    ctx.obj = RunState(db_option=db or None)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


def main() -> None:
    """Console-script entry point."""
    app(prog_name="sorelog")
