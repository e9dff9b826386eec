"""`sorelog workout import PATH... [--dry-run]`: workouts from watch and phone exports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from sorelog.cli.alerts import say
from sorelog.cli.context import journal_location, now, settings
from sorelog.cli.progress import Task, Tick, progress_bars
from sorelog.domain import describing
from sorelog.domain.kinds import WORKOUT
from sorelog.domain.safe_text import printable

app = typer.Typer()

# Below both, reading takes about a second or less: no bar.
PROGRESS_FILES = 20
PROGRESS_BYTES = 4 << 20


@app.command(name="import")
def import_(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="FIT, TCX or GPX files (or .gz), folders of them, a Strava export folder, "
            "an Apple Health export.xml, or any of these as a .zip (export.zip).",
            show_default=False,
            metavar="PATH...",
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be added; write nothing.")
    ] = False,
) -> None:
    """Add the sessions in watch and phone exports as workouts, each once."""
    from sorelog.services.workout_import import import_workouts

    config, zone = settings(ctx)
    with progress_bars() as task:
        done = import_workouts(journal_location(ctx), paths, zone, now(ctx), config,
                               dry_run=dry_run, progress=_reading(task))  # fmt: skip
    verb = "Would add" if dry_run else "Added"
    count = len(done.added)
    typer.echo(f"{verb} {count} workout{'s' * (count != 1)} ({done.present} already present).")
    say(done.alerts)
    if dry_run:
        for workout in done.added:
            when = zone.to_local(workout.at).strftime("%Y-%m-%d %H:%M")
            row = {f.export or f.name: workout.values.get(f.name) for f in WORKOUT.fields}
            typer.echo(f"  {when}  {printable(describing.workout(row))}")
    for sport, times in sorted(done.unmapped.items()):
        typer.echo(_no_parts(sport, times))
    if done.skipped:
        typer.echo(f"Skipped {done.skipped} file{'s' * (done.skipped != 1)} in folders or archives "
                   "that are not activity files.")  # fmt: skip
    for left in done.left_out:  # the rest of its file was read: an outcome, not a refusal
        typer.echo(f"Left out {printable(left.path)}: {printable(left.reason)}.")
    for refused in done.refused:
        typer.echo(f"Refused {printable(refused.path)}: {printable(refused.reason)}", err=True)
    if done.refused:
        raise typer.Exit(1)


def _reading(task: Task) -> Callable[[int, int], Tick | None]:
    """A bar for reading the files once they are listed, when there are many or they are
    big (an Apple Health export.xml alone can be hundreds of MB). Shaped as read_paths'
    `Progress`, not importing it: this module loads nothing of the readers' package."""

    def start(files: int, size: int) -> Tick | None:
        if files <= PROGRESS_FILES and size <= PROGRESS_BYTES:
            return None
        return task(f"Reading {files} file{'s' * (files != 1)}", size)

    return start


def _no_parts(sport: str, times: int) -> str:
    """Say that a sport has no parts, and the line that maps it: valid TOML naming exactly
    this sport whatever it holds (pasted, a broken key would stop every command) and inert
    on a terminal, with a placeholder for the parts rather than muscles that would read as
    a guess for the sport."""
    from sorelog.domain.toml_keys import toml_key
    from sorelog.services.settings import settings_file

    return (
        f"No parts for sport '{printable(sport)}' ({times} activit{'ies' if times > 1 else 'y'}, "
        f"not added): name them under [activity_parts] in the config file "
        f"({printable(str(settings_file()))}), each PART as 'sorelog parts' lists it:\n"
        f'  {toml_key(sport)} = ["PART"]'
    )
