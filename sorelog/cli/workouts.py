"""`sorelog workout NAME --part ...`: a training session and the parts it loaded."""

from __future__ import annotations

from typing import Annotated

import typer

from sorelog.cli.alerts import alerts_for, say
from sorelog.cli.completion import complete_part
from sorelog.cli.context import now, open_for_writing, settings
from sorelog.cli.params import AtOption, NoteOption
from sorelog.domain.errors import InputError
from sorelog.domain.inputs import clean_text, when_or_now
from sorelog.domain.names import workout_name
from sorelog.domain.parts import workout_parts
from sorelog.domain.values import WorkoutInput
from sorelog.render.records import logged_line

app = typer.Typer()


@app.command()
def workout(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="What the session was: 'leg day', '10 km run'.", show_default=False),
    ],
    part: Annotated[
        list[str] | None,
        typer.Option(
            help="A part it loaded (repeatable, or comma-separated: quads,hamstrings).",
            autocompletion=complete_part,
        ),
    ] = None,
    at: AtOption = None,
    note: NoteOption = None,
) -> None:
    """Log a workout and the parts it loaded: what separates training soreness from the rest."""
    try:
        title = workout_name(clean_text(name) or "")
    except ValueError as exc:
        raise InputError(f"NAME: {exc}") from None
    try:
        parts = tuple(workout_parts(part or []))
    except ValueError as exc:
        raise InputError(f"--part: {exc}") from None
    _, zone = settings(ctx)
    moment = when_or_now(at, now(ctx), zone)
    entry = WorkoutInput(moment, zone.day_of(moment), title, parts, clean_text(note))
    from sorelog.store.writes import add_workout

    with open_for_writing(ctx) as journal:
        entry_id = add_workout(journal, entry)
        alerts = alerts_for(ctx, journal, [entry_id])  # a dark urine in the 72 h after it
    what = f"workout {title} ({', '.join(parts)})"
    typer.echo(logged_line(entry_id, what, zone.to_local(moment)))
    say(alerts)
