"""`sorelog checkin`: the PEG scale (Krebs 2009), three 0-10 answers about the past week."""

from __future__ import annotations

from typing import Annotated

import typer

from sorelog.cli.context import now, settings
from sorelog.cli.params import AtOption, NoteOption
from sorelog.cli.prompts import ask_answer, interactive
from sorelog.cli.recording import checked, log, record
from sorelog.domain.errors import InputError
from sorelog.domain.inputs import when_or_now
from sorelog.domain.kinds import CHECKIN

app = typer.Typer()

_EXAMPLE = "sorelog checkin --pain 5 --enjoyment 4 --activity 6"


@app.command()
def checkin(
    ctx: typer.Context,
    pain: Annotated[
        str | None,
        typer.Option(
            help="Your pain on average in the past week: 0 (no pain) to 10 (as bad as you "
            "can imagine).",
            metavar="0-10",
        ),
    ] = None,
    enjoyment: Annotated[
        str | None,
        typer.Option(
            help="How much pain interfered with your enjoyment of life in the past week: "
            "0 (not at all) to 10 (completely).",
            metavar="0-10",
        ),
    ] = None,
    activity: Annotated[
        str | None,
        typer.Option(
            help="How much pain interfered with your general activity in the past week: "
            "0 (not at all) to 10 (completely).",
            metavar="0-10",
        ),
    ] = None,
    at: AtOption = None,
    note: NoteOption = None,
) -> None:
    """Answer the PEG check-in: average pain, and how much it got in the way, this past week.

    On a terminal, the answers not given as options are asked for; without one, give all three.
    """
    given = {"pain": pain, "enjoyment": enjoyment, "activity": activity, "note": note}
    # Before asking anything: nobody should answer three questions only to be refused.
    checked(CHECKIN, {k: v for k, v in given.items() if v is not None}, partial=True)
    _, zone = settings(ctx)
    moment = when_or_now(at, now(ctx), zone)
    missing = [name for name in ("pain", "enjoyment", "activity") if given[name] is None]
    if missing and not interactive():
        options = ", ".join(f"--{name}" for name in missing[:-1])
        options += f" and --{missing[-1]}" if options else f"--{missing[-1]}"
        raise InputError(f"missing {options} (0-10); without a terminal give all three: {_EXAMPLE}")
    for name in missing:
        given[name] = str(ask_answer(name))
    values = checked(CHECKIN, given)
    log(ctx, [record(ctx, CHECKIN, moment, values)], alerts=lambda journal, ids: [])
