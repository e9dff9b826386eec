"""Commands for the config file: config show, config set, config unset."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from sorelog import config as cfg
from sorelog.cli.app import InputError, JsonOption, app
from sorelog.errors import SorelogError
from sorelog.textsafe import printable

config_app = typer.Typer(
    help="Show or change your flag thresholds and time zone (the config file).",
    invoke_without_command=True,
)
app.add_typer(config_app, name="config")


def _complete_key(incomplete: str) -> list[str]:
    return [key for key in cfg.KEYS if key.startswith(incomplete.lower().replace("-", "_"))]


KeyArgument = Annotated[
    str,
    typer.Argument(
        help="One of: " + ", ".join(cfg.KEYS) + ".",
        autocompletion=_complete_key,
        show_default=False,
    ),
]


def _key(text: str) -> str:
    """Accept 'Gap-Days' for gap_days: people type hyphens on command lines."""
    key = text.strip().lower().replace("-", "_")
    if key not in cfg.KEYS:
        raise InputError(f"unknown setting '{text}'; settings are: {', '.join(cfg.KEYS)}")
    return key


def _shown(key: str, value: Any) -> str:
    if value is None:
        return "system time zone" if key == "timezone" else "unset"
    return str(value)


@config_app.callback()
def config_group(ctx: typer.Context) -> None:
    """Show or change your flag thresholds and time zone (the config file)."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


@config_app.command("show")
def config_show(
    as_json: JsonOption = False,
) -> None:
    """Every setting with its effective value and where it came from."""
    path = cfg.config_path()
    config = cfg.load_config(path)
    rows = [
        (key, getattr(config, key), config.sources.get(key, "default"), cfg.meaning(key))
        for key in cfg.KEYS
    ]
    from sorelog import render

    if as_json:
        render.print_json(
            {
                "path": str(path),
                "exists": path.exists(),
                "settings": {
                    key: {"value": value, "source": source, "default": cfg.default(key)}
                    for key, value, source, _ in rows
                },
            }
        )
        return
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("setting", no_wrap=True)
    table.add_column("value", no_wrap=True)
    table.add_column("from", overflow="fold")
    table.add_column("meaning")
    for key, value, source, what in rows:
        table.add_row(key, render.literal(_shown(key, value)), render.literal(source), what)
    out = render.console()
    out.print(table)
    state = "" if path.exists() else " (not created yet: all defaults)"
    out.print(render.literal(f"Config file: {path}{state}"))


@config_app.command("set")
def config_set(
    key: KeyArgument,
    value: Annotated[
        str,
        typer.Argument(
            help="The new value: a whole number for thresholds, an IANA zone such as "
            "Europe/Paris for timezone ('' for the system's).",
            show_default=False,
        ),
    ],
) -> None:
    """Check a setting and save it in the config file, keeping the others."""
    name = _key(key)
    path = cfg.config_path()
    try:
        old = _shown(name, getattr(cfg.load_config(path), name))
    except SorelogError:
        old = "not valid"  # setting it is how the file gets repaired
    if value.strip() == "" and name != "timezone":
        raise InputError(
            f"{name} needs a whole number; 'sorelog config unset {name}' returns it to "
            f"the default, {cfg.default(name)}"
        )
    try:
        after = cfg.set_value(name, value.strip(), path)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    new = _shown(name, getattr(after, name))
    typer.echo(printable(f"{name} = {new} (was {old}); saved in {path}"))


@config_app.command("unset")
def config_unset(key: KeyArgument) -> None:
    """Remove a setting from the config file so its default applies again."""
    name = _key(key)
    path = cfg.config_path()
    try:
        removed = cfg.unset_value(name, path)
    except ValueError as exc:  # pragma: no cover - _key already checked it
        raise InputError(str(exc)) from None
    shown = _shown(name, cfg.default(name))
    if removed:
        typer.echo(printable(f"{name} is back to its default, {shown}; saved in {path}"))
    else:
        typer.echo(printable(f"{name} was not set; it is the default, {shown}"))
