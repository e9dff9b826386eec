"""Commands for remedies and side effects."""

from __future__ import annotations

from typing import Annotated

import typer

from sorelog.cli.app import (
    AtOption,
    InputError,
    JsonOption,
    NoteOption,
    app,
    clean_text,
    complete_part,
    dose_option,
    open_for_writing,
    part_option,
    reading,
    remedy_name_arg,
    settings,
    when_or_now,
)
from sorelog.completion import complete_remedy
from sorelog.names import normalise_effect
from sorelog.parts import parse_severity, part_label
from sorelog.records import Limit, RemedyInput, SideEffectInput
from sorelog.textsafe import printable

# -- remedies and side effects ------------------------------------------------

remedy_app = typer.Typer(
    help="Log remedies, set your own limits, and see your recent use.",
    invoke_without_command=True,
)
app.add_typer(remedy_app, name="remedy")


@remedy_app.callback()
def remedy_group(ctx: typer.Context) -> None:
    """Log remedies, set your own limits, and see your recent use."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


@remedy_app.command("add")
def remedy_add(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="What you took or did: ibuprofen, ice, massage.", autocompletion=complete_remedy
        ),
    ],
    dose: Annotated[
        str | None,
        typer.Option(help="Amount with a unit: 400mg, '1.5 g', '2 tablets', '15 min', 5ml."),
    ] = None,
    at: AtOption = None,
    for_part: Annotated[
        str | None,
        typer.Option("--for", help="The body part it was for.", autocompletion=complete_part),
    ] = None,
    note: NoteOption = None,
) -> None:
    """Log a remedy you took or used."""
    remedy = remedy_name_arg(name)
    amount = dose_option(dose, "--dose")
    body_part = side = None
    if for_part is not None:
        body_part, side = part_option(for_part, "--for")
    _, zone = settings(ctx)
    moment = when_or_now(at, zone)
    entry = RemedyInput(
        moment, zone.day_of(moment), remedy, amount, body_part, side, clean_text(note)
    )
    from sorelog.store.writes import add_remedy_use

    with open_for_writing(ctx) as journal:
        entry_id = add_remedy_use(journal, entry)
    line = f"Logged #{entry_id}: {remedy}"
    if amount:
        line += f" {amount}"
    if body_part:
        line += f" for {part_label(body_part, side)}"
    typer.echo(printable(line + f" at {zone.to_local(moment):%Y-%m-%d %H:%M}"))


@remedy_app.command("limit")
def remedy_limit(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="The remedy these limits are for.", autocompletion=complete_remedy),
    ],
    max_daily: Annotated[
        str | None,
        typer.Option(help="Your own most in one day, from the label or a clinician: 1200mg."),
    ] = None,
    max_days: Annotated[
        int | None,
        typer.Option(min=1, max=365, help="Your own most days in a row before a break."),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove your limits for it.")] = False,
) -> None:
    """Set your own limits for a remedy (sorelog ships none of its own)."""
    remedy = remedy_name_arg(name)
    ceiling = dose_option(max_daily, "--max-daily")
    if clear and (ceiling or max_days):
        raise InputError("--clear removes the limits; give it without --max-daily or --max-days")
    if not clear and ceiling is None and max_days is None:
        raise InputError("give --max-daily DOSE, --max-days N, or --clear")
    from sorelog.store.writes import clear_limit, set_limit

    if clear:
        with reading(ctx) as journal:  # nothing to clear: create nothing
            removed = journal is not None and clear_limit(journal, remedy)
        typer.echo(printable(f"{remedy}: limits removed" if removed else f"{remedy} had no limits"))
        return
    with open_for_writing(ctx) as journal:
        limit = set_limit(journal, Limit(remedy, ceiling, max_days))
    parts = []
    if limit.max_daily:
        parts.append(f"at most {limit.max_daily} a day")
    if limit.max_days:
        parts.append(f"at most {limit.max_days} days in a row")
    typer.echo(printable(f"{remedy}: your limits are {' and '.join(parts)}"))


@remedy_app.command("list")
def remedy_list(
    ctx: typer.Context,
    as_json: JsonOption = False,
) -> None:
    """Remedies with your limits, days used in the last 30, and the current run."""
    _, zone = settings(ctx)
    from sorelog import render
    from sorelog.reporting import list_remedies

    with reading(ctx) as journal:
        statuses = list_remedies(journal, zone.now().date())
    if as_json:
        render.print_json(render.remedy_list_document(statuses))
    else:
        render.console().print(render.remedy_list_renderable(statuses))


@app.command("side-effect")
def side_effect(
    ctx: typer.Context,
    effect: Annotated[
        str,
        typer.Argument(
            help="What you felt: nausea, constipation, digestive-upset, insomnia, "
            "anxiety, dizziness, drowsiness, headache, itching, or your own words."
        ),
    ],
    remedy: Annotated[
        str | None,
        typer.Option(help="The remedy you think caused it.", autocompletion=complete_remedy),
    ] = None,
    severity: Annotated[str | None, typer.Option(help="How bad, 0 to 10.", metavar="0-10")] = None,
    at: AtOption = None,
    note: NoteOption = None,
) -> None:
    """Log a side effect, perhaps of a remedy."""
    try:
        name = normalise_effect(effect)
        level = parse_severity(severity) if severity is not None else None
    except ValueError as exc:
        raise InputError(str(exc).replace("severity must", "--severity must")) from None
    remedy_name = remedy_name_arg(remedy) if remedy is not None else None
    _, zone = settings(ctx)
    moment = when_or_now(at, zone)
    entry = SideEffectInput(moment, zone.day_of(moment), name, remedy_name, level, clean_text(note))
    from sorelog.store.writes import add_side_effect

    with open_for_writing(ctx) as journal:
        entry_id = add_side_effect(journal, entry)
    line = f"Logged #{entry_id}: side effect {name}"
    if level is not None:
        line += f" {level}/10"
    if remedy_name:
        line += f" ({remedy_name})"
    typer.echo(printable(line + f" at {zone.to_local(moment):%Y-%m-%d %H:%M}"))
