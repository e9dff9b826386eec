"""`sorelog workout NAME --part ...`: a training session and the parts it loaded."""

from __future__ import annotations

from typing import Annotated

import typer

from sorelog.cli.completion import complete_part, complete_workout_name
from sorelog.cli.context import now, settings
from sorelog.cli.params import AtOption, NoteOption
from sorelog.cli.recording import checked, log, record
from sorelog.domain.inputs import when_or_now
from sorelog.domain.kinds import WORKOUT

app = typer.Typer()


@app.command()
def workout(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="What the session was: 'leg day', '10 km run'.",
            autocompletion=complete_workout_name,
            show_default=False,
        ),
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
    """Log a workout and the parts it loaded: what separates training soreness from the rest.

    The sessions a watch or phone recorded (FIT, TCX or GPX files, a Strava or Apple Health
    export) are added by: sorelog workout import PATH...
    """
    given = {"name": name, "parts": part or [], "note": note}
    values = checked(WORKOUT, given, {"name": "NAME"})
    _, zone = settings(ctx)
    moment = when_or_now(at, now(ctx), zone)
    log(ctx, [record(ctx, WORKOUT, moment, values)])  # a dark urine in the 72 h after it
