"""Remedy commands (the `remedy` group) and side-effect."""

from __future__ import annotations

from typing import Annotated

import typer

from sorelog.cli.completion import complete_part, complete_remedy
from sorelog.cli.context import now, open_for_writing, reading, settings, today
from sorelog.cli.params import AtOption, JsonOption, NoteOption, PersonOption
from sorelog.cli.recording import checked, log, record
from sorelog.domain.errors import InputError
from sorelog.domain.inputs import dose_option, remedy_name_arg, when_or_now
from sorelog.domain.kinds import REMEDY, SIDE_EFFECT
from sorelog.domain.safe_text import printable
from sorelog.domain.values import Limit

app = typer.Typer()  # side-effect
remedy_app = typer.Typer(  # the `remedy` group
    help="Log remedies, set your own limits, and see your recent use.",
    invoke_without_command=True,
)


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
            help="What you took or did: its name, as you call it.", autocompletion=complete_remedy
        ),
    ],
    dose: Annotated[
        str | None,
        typer.Option(
            help="Amount with a unit: mg, g, mcg, ml, l, tablets (or another count), min, h."
        ),
    ] = None,
    at: AtOption = None,
    for_part: Annotated[
        str | None,
        typer.Option("--for", help="The body part it was for.", autocompletion=complete_part),
    ] = None,
    note: NoteOption = None,
) -> None:
    """Log a remedy you took or used."""
    given = {"remedy": name, "amount": dose, "body_part": for_part, "note": note}
    values = checked(REMEDY, {k: v for k, v in given.items() if v is not None}, {"remedy": "NAME"})
    _, zone = settings(ctx)
    moment = when_or_now(at, now(ctx), zone)
    new = record(ctx, REMEDY, moment, values)
    from sorelog.services.triage import remedy_alerts

    log(ctx, [new], lambda journal, ids: remedy_alerts(journal, new.values["remedy"], new.day,
                                                       today(ctx)))  # fmt: skip


@remedy_app.command("limit")
def remedy_limit(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="The remedy these limits are for.", autocompletion=complete_remedy),
    ],
    max_daily: Annotated[
        str | None,
        typer.Option(
            help="Your own most in one day, from the label or a clinician: an amount with "
            "a unit (mg, g, ml, tablets...).",
        ),
    ] = None,
    max_days: Annotated[
        int | None,
        typer.Option(min=1, max=365, help="Your own most days in a row."),
    ] = None,
    max_days_in_30: Annotated[
        int | None,
        typer.Option(
            "--max-days-in-30", min=1, max=30, help="Your own most days of use in any 30."
        ),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove your limits for it.")] = False,
) -> None:
    """Set your own limits for a remedy (sorelog ships none of its own)."""
    remedy = remedy_name_arg(name)
    ceiling = dose_option(max_daily, "--max-daily")
    if clear and (ceiling or max_days or max_days_in_30):
        raise InputError(
            "--clear removes the limits; give it without --max-daily, --max-days or "
            "--max-days-in-30"
        )
    if not clear and ceiling is None and max_days is None and max_days_in_30 is None:
        raise InputError("give --max-daily AMOUNT, --max-days N, --max-days-in-30 N, or --clear")
    from sorelog.services.limits import clear_limit, set_limit

    if clear:
        with reading(ctx) as journal:  # nothing to clear: create nothing
            removed = journal is not None and clear_limit(journal, remedy)
        typer.echo(printable(f"{remedy}: limits removed" if removed else f"{remedy} had no limits"))
        return
    with open_for_writing(ctx) as journal:
        limit = set_limit(journal, Limit(remedy, ceiling, max_days, max_days_in_30))
    parts = []
    if limit.max_daily:
        parts.append(f"at most {limit.max_daily} a day")
    if limit.max_days:
        parts.append(f"at most {_days(limit.max_days)} in a row")
    if limit.max_days_in_30:
        parts.append(f"at most {_days(limit.max_days_in_30)} in any 30")
    typer.echo(printable(f"{remedy}: your limits are {' and '.join(parts)}"))


@remedy_app.command("list")
def remedy_list(
    ctx: typer.Context,
    as_json: JsonOption = False,
    person: PersonOption = None,
) -> None:
    """Remedies with your limits, days used in the last 30, and the current run."""
    from sorelog.render.console import console, print_json
    from sorelog.render.remedies import remedy_list_document, remedy_list_renderable
    from sorelog.services.report import list_remedies

    with reading(ctx, person) as journal:
        statuses = list_remedies(journal, today(ctx))
    if as_json:
        print_json(remedy_list_document(statuses))
    else:
        out = console()
        out.print(remedy_list_renderable(statuses, out.width))


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
    given = {"effect": effect, "remedy": remedy, "severity": severity, "note": note}
    values = checked(SIDE_EFFECT, {k: v for k, v in given.items() if v is not None},
                     {"effect": "EFFECT"})  # fmt: skip
    _, zone = settings(ctx)
    moment = when_or_now(at, now(ctx), zone)
    log(ctx, [record(ctx, SIDE_EFFECT, moment, values)])


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
