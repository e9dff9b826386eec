"""`sorelog demo`: what sorelog does with a month of entries, without writing any of them
into the person's journal."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from sorelog.cli.context import journal_file, now, settings, today
from sorelog.cli.summary import _target
from sorelog.domain.errors import SorelogError
from sorelog.domain.safe_text import printable

DEFAULT_OUTPUT = "sorelog-demo-summary.html"
SAYS_DEMO = (
    "Demo journal: a made-up month in a temporary file, deleted when the demo ends; "
    "your own journal is not touched."
)

app = typer.Typer()


@app.command()
def demo(
    ctx: typer.Context,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            help=f"Where to write the demo's visit summary ('-' for stdout: the page alone). "
            f"Default: {DEFAULT_OUTPUT} in the current directory, readable only by you.",
        ),
    ] = None,
) -> None:
    """Try sorelog on a made-up month, in a journal of its own that is deleted afterwards.

    Prints the month's report and writes its visit summary. Nothing is written to your
    journal, and none is created.
    """
    config, zone = settings(ctx)
    day = today(ctx)
    # Never over the person's journal, whatever it is called (it is not opened).
    target = _target(output or DEFAULT_OUTPUT, day, journal_file(ctx))
    from sorelog.render.html_summary import render_summary
    from sorelog.services.demo import run_demo
    from sorelog.services.files import is_stream, write_private_bytes

    shown = run_demo(day, zone, now(ctx), config)
    page = render_summary(shown.summary)
    if target is None or is_stream(target):  # its reader wants the page alone
        typer.echo(SAYS_DEMO, err=True)
        if target is None:
            sys.stdout.write(page)
        else:
            write_private_bytes(target, page.encode("utf-8"))
        return
    try:  # before anything is printed: a file that cannot be written is the one line
        write_private_bytes(target, page.encode("utf-8"))
    except SorelogError as exc:
        raise SorelogError(
            f"{exc.message}; give a file elsewhere with -o FILE, or -o - to print the page"
        ) from None
    from sorelog.render.console import console
    from sorelog.render.report import report_renderable

    typer.echo(SAYS_DEMO)
    out = console()
    out.print(report_renderable(shown.report, out.width))
    typer.echo(printable(f"Wrote the demo's visit summary to {target}; open it in a browser."))
    typer.echo("Start your own journal with: sorelog add quads 6 --cause squats")
