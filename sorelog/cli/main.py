"""The root command: global options, the one exit point, and every command group composed."""

from __future__ import annotations

import os
import re
import sys
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from sorelog import __version__
from sorelog.cli import (
    chart,
    checkin,
    config,
    exchange,
    records,
    remedies,
    sharing,
    soreness,
    summary,
    workouts,
)
from sorelog.cli.context import RunState
from sorelog.domain.errors import SorelogError
from sorelog.domain.safe_text import printable

ORDER = ("add", "workout", "checkin", "report", "chart", "summary", "remedy", "side-effect",
         "list", "edit", "delete", "export", "import", "backup", "setup", "share", "unshare",
         "config", "parts")  # fmt: skip


class SorelogGroup(TyperGroup):
    """The one exit point: every failure becomes one line on stderr and an exit status."""

    def list_commands(self, ctx: Any) -> list[str]:
        """Commands in the order people use them, not alphabetically."""
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            status = super().main(*args, **kwargs)
        except SorelogError as exc:
            _fail(exc.message, exc.exit_code)
        except typer.TyperException as exc:  # usage errors from the parser
            message = exc.format_message()
            try:
                ctx = getattr(exc, "ctx", None)
                message = _explain_usage(message, ctx.command_path if ctx is not None else "")
            except Exception:  # a hint must never hide the error itself
                pass
            _fail(message, getattr(exc, "exit_code", 2))
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


def _explain_usage(message: str, command: str) -> str:
    """Add the fix to the parser's messages for the mistakes people make most."""
    if message.startswith("No such option: --db"):
        return "--db is a global option: put it before the command, as in sorelog --db PATH report"
    if negative := re.match(r"No such option: (-\d+)", message):
        if command.endswith(" add") and not command.endswith("remedy add"):
            return f"severity must be a whole number from 0 (none) to 10, not '{negative.group(1)}'"
        return (
            f"'{negative.group(1)}' is read as an option; negative values are not accepted "
            f"here (see 'sorelog {_subcommand(command)} --help')"
        )
    if message.startswith(("No such command", "No such option")):
        where = _subcommand(command)
        return f"{message.rstrip('.')}; see 'sorelog {where + ' ' if where else ''}--help'"
    if extra := re.match(r"Got unexpected extra argument.*\((.+)\)", message):
        first = (extra.group(1).split() or [""])[0]
        if not command.endswith("remedy add") or not re.match(r"^[\d.,]+\s*[a-zA-Zµμ]+$", first):
            return f"{message}; quote values that contain spaces, as in --at '3 days ago'"
        return f"{message}; give a dose with --dose, as in --dose {first}"
    return message


def _subcommand(command_path: str) -> str:
    """'sorelog remedy add' -> 'remedy add' (the program's own name may differ)."""
    return command_path.partition(" ")[2]


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


# Each group owns its Typer app; the root composes them (none imports the root).
groups = (soreness.app, workouts.app, checkin.app, summary.app, remedies.app, records.app,
          exchange.app, sharing.app)  # fmt: skip
for group in groups:
    app.add_typer(group)
app.add_typer(chart.app)
app.add_typer(remedies.remedy_app, name="remedy")
app.add_typer(config.app, name="config")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="sorelog")
