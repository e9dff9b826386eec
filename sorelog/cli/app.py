"""The Typer app, its one exit point, and the helpers every command shares."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from sorelog import __version__
from sorelog.config import Config, load_config
from sorelog.doses import Dose, parse_dose
from sorelog.errors import InputError, SorelogError
from sorelog.names import normalise_remedy
from sorelog.parts import (
    OTHER_SYMPTOMS,
    RED_FLAGS,
    parse_severity,
    parse_symptom,
    part_names,
    resolve_part,
)
from sorelog.textsafe import printable
from sorelog.when import LocalZone, parse_when

if TYPE_CHECKING:
    from sorelog.store import Journal


ORDER = ("add", "report", "remedy", "side-effect", "list", "edit", "delete", "export",
         "import", "backup", "config", "parts")  # fmt: skip


class SorelogGroup(TyperGroup):
    """The one exit point: every failure becomes one line on stderr and an exit status."""

    def list_commands(self, ctx: Any) -> list[str]:
        """Commands in the order people use them, not alphabetically."""
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
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


@dataclass
class State:
    db_option: Path | None
    loaded: tuple[Config, LocalZone] | None = None  # the config, read once per run


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sorelog {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="SORELOG_DB",
            help="Journal file (default: sorelog.db in your user data directory).",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Global options come before the command."""
    ctx.obj = State(db_option=db)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


# -- helpers ----------------------------------------------------------------


def settings(ctx: typer.Context) -> tuple[Config, LocalZone]:
    """The effective config and time zone, read from the config file once per run."""
    state: State = ctx.find_root().obj
    if state.loaded is None:
        config = load_config()
        zone = LocalZone()
        if config.timezone:
            from zoneinfo import ZoneInfo

            zone = LocalZone(ZoneInfo(config.timezone))
        state.loaded = (config, zone)
    return state.loaded


def journal_at(ctx: typer.Context, *, create: bool) -> Journal | None:
    from sorelog.store import default_db_path, open_journal

    state: State = ctx.find_root().obj
    _, zone = settings(ctx)
    return open_journal(state.db_option or default_db_path(), create=create, zone=zone)


@contextmanager
def reading(ctx: typer.Context) -> Iterator[Journal | None]:
    """The journal to read, or None if there is none yet (reading never creates one)."""
    journal = journal_at(ctx, create=False)
    try:
        yield journal
    finally:
        if journal is not None:
            journal.close()


def open_for_writing(ctx: typer.Context) -> Journal:
    journal = journal_at(ctx, create=True)
    assert journal is not None
    return journal


def interactive() -> bool:
    return sys.stdin.isatty()


def ask_part() -> tuple[str, str | None]:
    while True:
        try:
            return resolve_part(typer.prompt("Body part"))
        except ValueError as exc:
            typer.echo(printable(str(exc)), err=True)


def ask_severity() -> int:
    while True:
        try:
            return parse_severity(typer.prompt("Severity, 0 (none) to 10 (worst imaginable)"))
        except ValueError as exc:
            typer.echo(printable(str(exc)), err=True)


def clean_text(value: str | None) -> str | None:
    """Stripped text, None when empty; text that is not valid Unicode is refused."""
    value = (value or "").strip()
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("text contains bytes that are not valid UTF-8") from None
    return value or None


def complete_part(incomplete: str) -> list[str]:
    return [name for name in part_names() if name.startswith(incomplete.lower())]


def complete_symptom(incomplete: str) -> list[str]:
    return [name for name in (*RED_FLAGS, *OTHER_SYMPTOMS) if name.startswith(incomplete.lower())]


def symptom_names(given: list[str] | None) -> tuple[str, ...]:
    """Checked symptom names, without repeats ('dark urine' is 'dark-urine')."""
    try:
        return tuple(dict.fromkeys(parse_symptom(name) for name in given or ()))
    except ValueError as exc:
        raise InputError(f"--symptom: {exc}") from None


def part_option(text: str, option: str = "") -> tuple[str, str | None]:
    """A body part (and side prefix) from an argument or option; InputError names the option."""
    try:
        return resolve_part(text)
    except ValueError as exc:
        raise InputError(f"{option}: {exc}" if option else str(exc)) from None


def remedy_name_arg(text: str) -> str:
    try:
        return normalise_remedy(text)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def dose_option(text: str | None, option: str) -> Dose | None:
    if text is None:
        return None
    try:
        return parse_dose(text)
    except ValueError as exc:
        raise InputError(f"{option}: {exc}") from None


def when_or_now(at: str | None, zone: LocalZone) -> datetime:
    now = zone.now()
    try:
        return parse_when(at, now, zone) if at is not None else now
    except ValueError as exc:
        raise InputError(f"--at: {exc}") from None


AtOption = Annotated[
    str | None,
    typer.Option(
        help="When: 2026-11-20, 2026-11-20T08:30, yesterday, '2 days ago', 07:30. Default: now."
    ),
]
NoteOption = Annotated[str | None, typer.Option(help="Anything else worth remembering.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
