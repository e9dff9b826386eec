"""`sorelog summary`: the visit summary, one self-contained HTML page to print or send."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from sorelog.cli.context import journal_file, now, reading, settings, today
from sorelog.cli.params import PersonOption
from sorelog.domain.errors import InputError
from sorelog.domain.safe_text import printable
from sorelog.domain.when import parse_day

app = typer.Typer()


@app.command()
def summary(
    ctx: typer.Context,
    days: Annotated[
        int, typer.Option(min=1, max=3650, help="How many days up to today it covers.")
    ] = 90,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Make it as if today were this day: 2026-11-20, yesterday."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            help="Where to write it ('-' for stdout). Default: sorelog-summary-YYYY-MM-DD.html "
            "in the current directory, readable only by you.",
        ),
    ] = None,
    person: PersonOption = None,
) -> None:
    """A summary a clinician can read in a minute: flags, charts, remedies, check-ins."""
    config, zone = settings(ctx)
    try:
        day: date = parse_day(as_of, today(ctx)) if as_of is not None else today(ctx)
    except ValueError as exc:
        raise InputError(f"--as-of: {exc}") from None
    target = _target(output, today(ctx), journal_file(ctx))
    from sorelog.render.html_summary import render_summary
    from sorelog.services.summary import build_summary

    with reading(ctx, person) as journal:
        page = render_summary(build_summary(journal, day, days, config, zone, now(ctx)))
    if target is None:
        sys.stdout.write(page)
        return
    from sorelog.services.files import is_stream, write_private_bytes

    write_private_bytes(target, page.encode("utf-8"))
    said = f"Wrote the summary to {target}; open it in a browser, or print it."
    typer.echo(printable(said), err=is_stream(target))  # a stream's reader gets the page only


def _target(output: str | None, made: date, journal: Path | None) -> Path | None:
    """The file to write (None: stdout); refuses a directory, a missing directory, and the
    journal itself or a file SQLite keeps beside it."""
    if output == "-":
        return None
    path = Path(output).expanduser() if output else Path(f"sorelog-summary-{made}.html")
    if path.is_dir():
        raise InputError(f"-o {output} is a directory; give a file name, like summary.html")
    if not path.parent.is_dir():
        raise InputError(f"-o {output}: the directory {path.parent} does not exist")
    from sorelog.services.files import names_journal

    if names_journal(path, journal):
        raise InputError(
            f"-o {output} is the journal or a file SQLite keeps beside it; give another file, "
            "like summary.html"
        )
    return path
