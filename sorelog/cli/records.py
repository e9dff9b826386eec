"""Commands that correct the journal: list, edit, delete."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sorelog.cli.alerts import alerts_for, say
from sorelog.cli.completion import complete_part, complete_symptom
from sorelog.cli.context import now, reading, settings, today
from sorelog.cli.params import AtOption, JsonOption, NoteOption, PersonOption
from sorelog.cli.prompts import interactive
from sorelog.domain.errors import InputError
from sorelog.domain.inputs import part_option
from sorelog.domain.kinds import KINDS, Field
from sorelog.render.records import describe

if TYPE_CHECKING:
    from sorelog.services.journal import Journal

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
    from sorelog.services.records import list_records as records_since

    with reading(ctx, person) as journal:
        found = records_since(journal, zone, since, body_part)
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


def _edit_options() -> list[inspect.Parameter]:
    """`sorelog edit`'s options, one per option any kind's fields take (domain/kinds.py),
    with what each does for each kind; then --at and --note, which every record has."""
    found: dict[str, list[tuple[str, Field]]] = {}
    for kind in KINDS:
        for field in kind.fields:
            for option in (field.option, field.clear_option):
                if option is not None and option != "--note":
                    found.setdefault(option, []).append((kind.label, field))
    params = []
    for option, uses in found.items():
        _, field = uses[0]
        if option == field.clear_option:
            what = " ".join(f"{label.capitalize()}: remove its {f.name}." for label, f in uses)
            kind_of: Any = Annotated[bool, typer.Option(option, help=what)]
            default: Any = False
        else:
            what = " ".join(f"{label.capitalize()}: {f.help}" for label, f in uses)
            shape: Any = list[str] | None if field.listed else str | None
            metavar = f"{field.low:g}-{field.high:g}" if field.low is not None else None
            complete = _COMPLETIONS.get(option)
            kind_of = Annotated[
                shape,
                typer.Option(option, help=what, metavar=metavar, autocompletion=complete),
            ]
            default = None
        name = "opt_" + option.lstrip("-").replace("-", "_")
        params.append(inspect.Parameter(name, _KEYWORD, default=default, annotation=kind_of))
    params.insert(min(3, len(params)), inspect.Parameter("at", _KEYWORD, default=None,
                                                        annotation=AtOption))  # fmt: skip
    params.append(inspect.Parameter("note", _KEYWORD, default=None, annotation=NoteOption))
    return params


_KEYWORD = inspect.Parameter.KEYWORD_ONLY
_COMPLETIONS: dict[str, Any] = {"--part": complete_part, "--for": complete_part,
                                "--symptom": complete_symptom}  # fmt: skip


def edit(ctx: typer.Context, record_id: int, **options: Any) -> None:
    """Correct a record: give only what changes ('' clears a text)."""
    _, zone = settings(ctx)
    given = {}
    for name, value in options.items():
        option = "--" + name.removeprefix("opt_").replace("_", "-")
        if value not in (None, False, []):
            given[option] = value
    if not given:
        raise InputError("nothing to change; give an option such as --severity 4 or --note ''")
    from sorelog.services.corrections import edit_record

    with _existing(ctx, record_id) as journal:
        after = edit_record(journal, record_id, given, zone, now(ctx))
        alerts = alerts_for(ctx, journal, [record_id])
    typer.echo(f"Updated {describe(after)}")
    say(alerts)


edit.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context),
        inspect.Parameter(
            "record_id", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=IdArgument
        ),
        *_edit_options(),
    ]
)
app.command()(edit)


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
    from sorelog.services.records import delete_record, find_record

    with _existing(ctx, record_id) as journal:
        record = find_record(journal, zone, record_id)
        if not yes and not typer.confirm(f"Delete {describe(record)}?", default=False):
            typer.echo("Nothing deleted.")
            return
        delete_record(journal, record)
    typer.echo(f"Deleted {describe(record)}")
