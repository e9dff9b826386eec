"""The command line: parse, call one store or analysis function, render, map errors."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from sorelog import __version__
from sorelog.config import Config, load_config
from sorelog.errors import InputError, SorelogError
from sorelog.parts import (
    RED_FLAGS,
    Kind,
    Side,
    Symptom,
    parse_severity,
    part_names,
    resolve_part,
)
from sorelog.records import SorenessInput
from sorelog.textsafe import printable
from sorelog.when import LocalZone, parse_day, parse_when

if TYPE_CHECKING:
    from sorelog.store import Journal


class SorelogGroup(TyperGroup):
    """The one exit point: every failure becomes one line on stderr and an exit status."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs["standalone_mode"] = False
        try:
            status = super().main(*args, **kwargs)
        except SorelogError as exc:
            _fail(exc.message, exc.exit_code)
        except typer.TyperException as exc:  # usage errors from the parser
            _fail(_explain_usage(exc.format_message()), getattr(exc, "exit_code", 2))
        except typer.Abort:
            _fail("aborted", 1)
        except Exception as exc:
            if os.environ.get("SORELOG_DEBUG") == "1":
                raise
            _fail(f"unexpected error: {type(exc).__name__}: {exc} (SORELOG_DEBUG=1 shows more)", 1)
        sys.exit(status if isinstance(status, int) else 0)


def _explain_usage(message: str) -> str:
    """Add the fix to the parser's messages for the mistakes people make most."""
    if message.startswith("No such option: --db"):
        return "--db is a global option: put it before the command, as in sorelog --db PATH report"
    if negative := re.match(r"No such option: (-\d+)", message):
        return f"severity must be a whole number from 0 (none) to 10, not '{negative.group(1)}'"
    if message.startswith("Got unexpected extra argument"):
        return f"{message}; quote values that contain spaces, as in --at '3 days ago'"
    return message


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


def _settings() -> tuple[Config, LocalZone]:
    config = load_config()
    if config.timezone:
        from zoneinfo import ZoneInfo

        return config, LocalZone(ZoneInfo(config.timezone))
    return config, LocalZone()


def _journal(ctx: typer.Context, *, create: bool) -> Journal | None:
    from sorelog.store import default_db_path, open_journal

    state: State = ctx.find_root().obj
    return open_journal(state.db_option or default_db_path(), create=create)


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask_part() -> tuple[str, str | None]:
    while True:
        try:
            return resolve_part(typer.prompt("Body part"))
        except ValueError as exc:
            typer.echo(printable(str(exc)), err=True)


def _ask_severity() -> int:
    while True:
        try:
            return parse_severity(typer.prompt("Severity, 0 (none) to 10 (worst imaginable)"))
        except ValueError as exc:
            typer.echo(printable(str(exc)), err=True)


def _clean_text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _complete_part(incomplete: str) -> list[str]:
    return [name for name in part_names() if name.startswith(incomplete.lower())]


# -- commands ---------------------------------------------------------------


@app.command()
def add(
    ctx: typer.Context,
    part: Annotated[
        str | None,
        typer.Argument(
            help="Body part or alias, optionally with a side: 'quads', 'left calf'.",
            autocompletion=_complete_part,
            show_default=False,
        ),
    ] = None,
    severity: Annotated[
        str | None,
        typer.Argument(
            help="0 = no soreness (recovery), 10 = worst imaginable.",
            show_default=False,
            metavar="SEVERITY",
        ),
    ] = None,
    side: Annotated[Side | None, typer.Option(case_sensitive=False, help="Which side.")] = None,
    at: Annotated[
        str | None,
        typer.Option(
            help="When it was felt: 2026-11-20, 2026-11-20T08:30, today, yesterday, "
            "'3 days ago', '3d ago', monday, 07:30. Default: now.",
        ),
    ] = None,
    cause: Annotated[str | None, typer.Option(help="What caused it: 'squats 5x5'.")] = None,
    kind: Annotated[
        Kind | None, typer.Option(case_sensitive=False, help="What it feels like.")
    ] = None,
    symptom: Annotated[
        list[Symptom] | None,
        typer.Option(
            case_sensitive=False,
            help="A symptom felt with it (repeatable). Red flags: " + ", ".join(RED_FLAGS) + ".",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(help="Anything else worth remembering.")] = None,
) -> None:
    """Log how sore a body part is."""
    if part is None:
        if not _interactive():
            raise InputError("missing PART and SEVERITY; for example: sorelog add quads 6")
        body_part, prefix_side = _ask_part()
    else:
        try:
            body_part, prefix_side = resolve_part(part)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    if severity is None:
        if not _interactive():
            raise InputError(f"missing SEVERITY (0-10); for example: sorelog add {body_part} 6")
        level = _ask_severity()
    else:
        try:
            level = parse_severity(severity)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    if prefix_side and side and prefix_side != side.value:
        raise InputError(f"two different sides given: '{prefix_side}' in PART and --side {side}")
    chosen_side = prefix_side or (side.value if side else None)
    _, zone = _settings()
    now = zone.now()
    try:
        moment = parse_when(at, now, zone) if at is not None else now
    except ValueError as exc:
        raise InputError(f"--at: {exc}") from None
    symptoms = tuple(dict.fromkeys(s.value for s in symptom or ()))
    entry = SorenessInput(
        at=moment,
        day=zone.day_of(moment),
        body_part=body_part,
        side=chosen_side,
        severity=level,
        kind=kind.value if kind else None,
        cause=_clean_text(cause),
        symptoms=symptoms,
        note=_clean_text(note),
    )
    from sorelog.store.writes import add_soreness

    journal = _journal(ctx, create=True)
    assert journal is not None
    with journal:
        entry_id = add_soreness(journal, entry)
    typer.echo(_logged_line(entry_id, entry, zone))


def _logged_line(entry_id: int, entry: SorenessInput, zone: LocalZone) -> str:
    label = f"{entry.side} {entry.body_part}" if entry.side else entry.body_part
    line = f"Logged #{entry_id}: {label} {entry.severity}/10"
    line += f" at {zone.to_local(entry.at):%Y-%m-%d %H:%M}"
    if entry.kind:
        line += f", {entry.kind}"
    if entry.cause:
        line += f" (cause: {entry.cause})"
    if entry.symptoms:
        line += f"; symptoms: {', '.join(entry.symptoms)}"
        if any(s in RED_FLAGS for s in entry.symptoms):
            line += " - a red-flag symptom: see 'sorelog report'"
    return printable(line)


@app.command()
def report(
    ctx: typer.Context,
    days: Annotated[
        int, typer.Option(min=1, max=3650, help="How many days up to today to look at.")
    ] = 28,
    part: Annotated[
        str | None,
        typer.Option(help="Only this body part (all sides).", autocompletion=_complete_part),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Evaluate as if today were this day: 2026-11-20, yesterday, '3 days ago'. "
            "Later entries are ignored.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """Show how each body part is doing, and the flags worth a clinician's look."""
    config, zone = _settings()
    today = zone.now().date()
    body_part = None
    if part is not None:
        try:
            body_part, _ = resolve_part(part)
        except ValueError as exc:
            raise InputError(f"--part: {exc}") from None
    try:
        day: date = parse_day(as_of, today) if as_of is not None else today
    except ValueError as exc:
        raise InputError(f"--as-of: {exc}") from None
    from sorelog import render
    from sorelog.reporting import build_report

    journal = _journal(ctx, create=False)
    try:
        result = build_report(journal, day, days, body_part, config)
    finally:
        if journal is not None:
            journal.close()
    if as_json:
        render.print_json(render.report_document(result))
    else:
        out = render.console()
        out.print(render.report_renderable(result, out.width))


@app.command()
def parts(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """List the body parts and the other names they answer to."""
    from sorelog import render

    if as_json:
        render.print_json(render.parts_document())
    else:
        render.console().print(render.parts_table())


def main() -> None:
    """Console-script entry point."""
    app(prog_name="sorelog")
