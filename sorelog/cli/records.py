"""Commands that correct the journal: list, edit, delete."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from sorelog.cli.alerts import alerts_for, say
from sorelog.cli.completion import complete_part, complete_symptom
from sorelog.cli.context import now, reading, settings, today
from sorelog.cli.params import AtOption, JsonOption, NoteOption, PersonOption
from sorelog.cli.prompts import interactive
from sorelog.domain.errors import InputError
from sorelog.domain.inputs import part_option
from sorelog.domain.parts import Quality
from sorelog.render.records import describe

if TYPE_CHECKING:
    from sorelog.store import Journal

app = typer.Typer()

IdArgument = Annotated[
    int,
    typer.Argument(
        help="The record's id, as 'sorelog list' shows it.", metavar="ID", min=1, max=2**63 - 1
    ),
]


@app.command("list")
def list_records(
    ctx: typer.Context,
    days: Annotated[
        int, typer.Option(min=1, max=36500, help="How many days up to today to list.")
    ] = 28,
    part: Annotated[
        str | None,
        typer.Option(help="Only records for this body part.", autocompletion=complete_part),
    ] = None,
    as_json: JsonOption = False,
    person: PersonOption = None,
) -> None:
    """Soreness, workouts, check-ins, remedies and side effects with their ids, newest first."""
    _, zone = settings(ctx)
    body_part = part_option(part, "--part").body_part if part is not None else None
    since = today(ctx) - timedelta(days=days - 1)
    from sorelog.render.console import print_json_list
    from sorelog.render.records import print_records
    from sorelog.store.records import iter_records

    with reading(ctx, person) as journal:
        # streamed from the journal: every record of a big one is never held
        found = (
            iter(())
            if journal is None
            else iter_records(journal, zone, since=since, part=body_part, newest_first=True)
        )
        if as_json:
            print_json_list("records", found)
        else:
            print_records(found, since)


@contextmanager
def _existing(ctx: typer.Context, record_id: int) -> Iterator[Journal]:
    """The journal holding the record; a missing journal creates nothing."""
    with reading(ctx) as journal:
        if journal is None:
            raise InputError(f"no record #{record_id}; the journal is empty")
        yield journal


@app.command()
def edit(
    ctx: typer.Context,
    record_id: IdArgument,
    part: Annotated[
        str | None,
        typer.Option(help="Soreness: the body part ('left calf').", autocompletion=complete_part),
    ] = None,
    side: Annotated[
        str | None,
        typer.Option(help="Soreness or remedy: left, right or both ('' removes it)."),
    ] = None,
    severity: Annotated[
        str | None, typer.Option(help="Soreness or side effect: 0 to 10.", metavar="0-10")
    ] = None,
    at: AtOption = None,
    cause: Annotated[str | None, typer.Option(help="Soreness: what caused it.")] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="Soreness: " + ", ".join(q.value for q in Quality) + " ('' removes it)."),
    ] = None,
    symptom: Annotated[
        list[str] | None,
        typer.Option(
            help="Soreness: the symptoms (replaces them all).", autocompletion=complete_symptom
        ),
    ] = None,
    no_symptoms: Annotated[
        bool, typer.Option("--no-symptoms", help="Soreness: remove all symptoms.")
    ] = False,
    remedy: Annotated[
        str | None, typer.Option(help="Remedy: its name. Side effect: the remedy blamed.")
    ] = None,
    dose: Annotated[
        str | None, typer.Option(help="Remedy: amount with a unit ('' removes it).")
    ] = None,
    for_part: Annotated[
        str | None,
        typer.Option(
            "--for",
            help="Remedy: the body part it was for ('' removes it).",
            autocompletion=complete_part,
        ),
    ] = None,
    effect: Annotated[str | None, typer.Option(help="Side effect: what was felt.")] = None,
    name: Annotated[str | None, typer.Option(help="Workout: its name.")] = None,
    pain: Annotated[
        str | None, typer.Option(help="Check-in: average pain, 0 to 10.", metavar="0-10")
    ] = None,
    enjoyment: Annotated[
        str | None,
        typer.Option(help="Check-in: how much pain got in the way of enjoyment.", metavar="0-10"),
    ] = None,
    activity: Annotated[
        str | None,
        typer.Option(help="Check-in: how much pain got in the way of activity.", metavar="0-10"),
    ] = None,
    note: NoteOption = None,
) -> None:
    """Correct a record: give only what changes ('' clears a text)."""
    _, zone = settings(ctx)
    given = {
        "--part": part, "--side": side, "--severity": severity, "--at": at, "--cause": cause,
        "--kind": kind, "--symptom": symptom or None, "--no-symptoms": no_symptoms or None,
        "--remedy": remedy, "--dose": dose, "--for": for_part, "--effect": effect,
        "--name": name, "--pain": pain, "--enjoyment": enjoyment, "--activity": activity,
        "--note": note,
    }  # fmt: skip
    given = {option: value for option, value in given.items() if value is not None}
    if not given:
        raise InputError("nothing to change; give an option such as --severity 4 or --note ''")
    from sorelog.services.corrections import edit_record

    with _existing(ctx, record_id) as journal:
        after = edit_record(journal, record_id, given, zone, now(ctx))
        alerts = alerts_for(ctx, journal, [record_id])
    typer.echo(f"Updated {describe(after)}")
    say(alerts)


@app.command()
def delete(
    ctx: typer.Context,
    record_id: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
) -> None:
    """Delete one record (asks first)."""
    _, zone = settings(ctx)
    if not yes and not interactive():
        raise InputError("delete asks for confirmation; without a terminal, add --yes")
    from sorelog.store.records import delete_record, find_record

    with _existing(ctx, record_id) as journal:
        record = find_record(journal, zone, record_id)
        if not yes and not typer.confirm(f"Delete {describe(record)}?", default=False):
            typer.echo("Nothing deleted.")
            return
        delete_record(journal, record["record"], record_id)
    typer.echo(f"Deleted {describe(record)}")
