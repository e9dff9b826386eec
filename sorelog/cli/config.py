"""The `config` group: config show, config set, config unset."""

from __future__ import annotations

from typing import Annotated

import typer

from sorelog.cli.completion import complete_key
from sorelog.cli.params import JsonOption
from sorelog.domain.errors import InputError
from sorelog.domain.safe_text import printable
from sorelog.domain.settings import KEYS, default, shown

app = typer.Typer(
    help="Show or change your flag thresholds and time zone (the config file).",
    invoke_without_command=True,
)

KeyArgument = Annotated[
    str,
    typer.Argument(
        help="One of: " + ", ".join(KEYS) + ".",
        autocompletion=complete_key,
        show_default=False,
    ),
]


def _key(text: str) -> str:
    """Accept 'Gap-Days' for gap_days: people type hyphens on command lines."""
    key = text.strip().lower().replace("-", "_")
    if key not in KEYS:
        raise InputError(f"unknown setting '{text}'; settings are: {', '.join(KEYS)}")
    return key


@app.callback()
def config_group(ctx: typer.Context) -> None:
    """Show or change your flag thresholds and time zone (the config file)."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


@app.command("show")
def config_show(
    as_json: JsonOption = False,
) -> None:
    """Every setting with its effective value and where it came from."""
    from sorelog.services.settings import current_settings

    config, path = current_settings()
    from sorelog.render.console import console, print_json
    from sorelog.render.settings import settings_document, settings_renderable

    if as_json:
        print_json(settings_document(config, path))
    else:
        console().print(settings_renderable(config, path))


@app.command("set")
def config_set(
    key: KeyArgument,
    value: Annotated[
        str,
        typer.Argument(
            help="The new value: a whole number for thresholds, an IANA zone such as "
            "Europe/Paris for timezone ('' for the system's), the number to call for "
            "emergency_number.",
            show_default=False,
        ),
    ],
) -> None:
    """Check a setting and save it in the config file, keeping the others."""
    name = _key(key)
    if value.strip() == "" and name not in ("timezone", "emergency_number"):
        raise InputError(
            f"{name} needs a whole number; 'sorelog config unset {name}' returns it to "
            f"the default, {default(name)}"
        )
    from sorelog.services.settings import set_setting

    changed = set_setting(name, value.strip())
    typer.echo(printable(f"{name} = {changed.new} (was {changed.old}); saved in {changed.path}"))


@app.command("unset")
def config_unset(key: KeyArgument) -> None:
    """Remove a setting from the config file so its default applies again."""
    name = _key(key)
    from sorelog.services.settings import unset_setting

    removed, path = unset_setting(name)
    value = shown(name, default(name))
    if removed:
        typer.echo(printable(f"{name} is back to its default, {value}; saved in {path}"))
    else:
        typer.echo(printable(f"{name} was not set; it is the default, {value}"))
