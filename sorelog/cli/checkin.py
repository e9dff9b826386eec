"""`sorelog checkin`: the PEG scale (Krebs 2009), three 0-10 answers about the past week."""

from __future__ import annotations

from typing import Annotated

import typer

from sorelog.cli.context import now, open_for_writing, settings
from sorelog.cli.params import AtOption, NoteOption
from sorelog.cli.prompts import ask_answer, interactive
from sorelog.domain.errors import InputError
from sorelog.domain.inputs import clean_text, when_or_now
from sorelog.domain.peg import parse_answer
from sorelog.domain.values import CheckinInput
from sorelog.render.records import logged_line, peg_answers

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
    given = {"pain": pain, "enjoyment": enjoyment, "activity": activity}
    answers: dict[str, int] = {}
    for name, text in given.items():
        if text is not None:
            try:
                answers[name] = parse_answer(text, f"--{name}")
            except ValueError as exc:
                raise InputError(str(exc)) from None
    # Before asking anything: nobody should answer three questions only to be refused.
    _, zone = settings(ctx)
    moment = when_or_now(at, now(ctx), zone)
    note_text = clean_text(note)
    missing = [name for name in given if name not in answers]
    if missing and not interactive():
        options = ", ".join(f"--{name}" for name in missing[:-1])
        options += f" and --{missing[-1]}" if options else f"--{missing[-1]}"
        raise InputError(f"missing {options} (0-10); without a terminal give all three: {_EXAMPLE}")
    for name in missing:
        answers[name] = ask_answer(name)
    entry = CheckinInput(
        moment, zone.day_of(moment), answers["pain"], answers["enjoyment"], answers["activity"],
        note_text,
    )  # fmt: skip
    from sorelog.store.writes import add_checkin

    with open_for_writing(ctx) as journal:
        entry_id = add_checkin(journal, entry)
    what = f"check-in {peg_answers(entry.pain, entry.enjoyment, entry.activity)}"
    typer.echo(logged_line(entry_id, what, zone.to_local(moment)))
