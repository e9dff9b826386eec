"""`sorelog workout import PATH... [--dry-run]`: workouts from watch and phone exports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sorelog.cli.alerts import say
from sorelog.cli.context import journal_location, now, settings
from sorelog.domain import describing
from sorelog.domain.safe_text import printable

app = typer.Typer()


@app.command(name="import")
def import_(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="FIT, TCX or GPX files (or .gz), folders of them, a Strava export folder, "
            "or an Apple Health export.xml.",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be added; write nothing.")
    ] = False,
) -> None:
    """Add the sessions in watch and phone exports as workouts, each once."""
    from sorelog.services.workout_import import import_workouts

    config, zone = settings(ctx)
    done = import_workouts(journal_location(ctx), paths, zone, now(ctx), config, dry_run=dry_run)
    verb = "Would add" if dry_run else "Added"
    count = len(done.added)
    typer.echo(f"{verb} {count} workout{'s' * (count != 1)} ({done.present} already present).")
    say(done.alerts)
    if dry_run:
        for workout in done.added:
            values = workout.values
            when = zone.to_local(workout.at).strftime("%Y-%m-%d %H:%M")
            row = {"cause": values["sport"], "body_part": values["parts"],
                     "duration": values["seconds"], "distance": values["metres"]}  # fmt: skip
            typer.echo(f"  {when}  {printable(describing.workout(row))}")
    for sport, times in sorted(done.unmapped.items()):
        shown = printable(sport)
        typer.echo(
            f"No parts for sport '{shown}' ({times} activit{'ies' if times > 1 else 'y'}, "
            f'not added): name them in the config file, as [activity_parts] "{shown}" = '
            '["quadriceps", "calves"].'
        )
    if done.skipped:
        typer.echo(f"Skipped {done.skipped} file{'s' * (done.skipped != 1)} in folders that "
                   "are not activity files.")  # fmt: skip
    for refused in done.refused:
        typer.echo(f"Refused {printable(refused.path)}: {printable(refused.reason)}", err=True)
    if done.refused:
        raise typer.Exit(1)
