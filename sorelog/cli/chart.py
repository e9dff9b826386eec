"""`sorelog chart [PART]`: severity over time in the terminal, with workouts marked."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from typing import Annotated, TextIO

import typer

from sorelog.cli.completion import complete_part
from sorelog.cli.context import as_of_day, reading, settings
from sorelog.cli.params import AsOfOption, PersonOption
from sorelog.domain.inputs import part_option

app = typer.Typer()

MAX_HEIGHT = 25  # rows of chart on a tall terminal: enough to tell 0-10 apart, not a wall


@app.command()
def chart(
    ctx: typer.Context,
    part: Annotated[
        str | None,
        typer.Argument(
            help="Only this body part or alias, all sides ('calves'), or one side ('left calf').",
            autocompletion=complete_part,
            show_default=False,
            metavar="PART",
        ),
    ] = None,
    days: Annotated[
        int, typer.Option(min=1, max=3650, help="How many days up to today to draw.")
    ] = 90,
    as_of: AsOfOption = None,
    person: PersonOption = None,
) -> None:
    """Draw each sore part's daily highest severity over time, with workouts marked."""
    config, _ = settings(ctx)
    chosen = part_option(part, "PART") if part is not None else None
    day = as_of_day(ctx, as_of)
    from sorelog.render.terminal_chart import chart_text
    from sorelog.services.chart import chart_of

    with reading(ctx, person) as journal:
        drawn = chart_of(
            journal,
            day,
            days,
            chosen.body_part if chosen else None,
            chosen.side if chosen else None,
            config,
        )
    size = shutil.get_terminal_size()  # COLUMNS and LINES first, then the terminal, else 80x24
    height = max(12, min(size.lines - 6, MAX_HEIGHT))
    sys.stdout.write(chart_text(drawn, size.columns, height, wants_colour(sys.stdout, os.environ)))
    sys.stdout.flush()


def wants_colour(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and not when NO_COLOR is set (to anything) or TERM is dumb."""
    return stream.isatty() and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"
