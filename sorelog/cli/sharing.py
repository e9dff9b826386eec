"""The commands only a PostgreSQL journal has: `setup` (its tables, made by a role that keeps
no journal in them), and `share` / `unshare` (read-only access for another role)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from sorelog.cli.context import journal_file, journal_location, now, open_for_writing, shown
from sorelog.domain.errors import InputError
from sorelog.domain.safe_text import printable

if TYPE_CHECKING:
    from sorelog.services.journal import Journal

app = typer.Typer()


@contextmanager
def _journal_to_share(ctx: typer.Context) -> Iterator[Journal]:
    """The PostgreSQL journal; a journal file is refused before one is created."""
    from sorelog.services.sharing import refuse_a_file

    refuse_a_file(journal_file(ctx))
    with open_for_writing(ctx) as journal:
        yield journal


RoleArgument = Annotated[
    str,
    typer.Argument(help="A role on the PostgreSQL server: a clinician, a coach.", metavar="ROLE"),
]


@app.command()
def share(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        typer.Argument(
            help="A role on the PostgreSQL server (a clinician, a coach). Without it: who "
            "reads your journal, and whose you may read.",
            metavar="ROLE",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Let another role read your journal (never change it); a PostgreSQL journal."""
    from sorelog.services import sharing

    with _journal_to_share(ctx) as journal:
        if role is None:
            readers, owners = sharing.shares(journal)
            typer.echo(printable("Read by: " + (", ".join(readers) or "nobody")))
            typer.echo(printable("You may read: " + (", ".join(owners) or "nobody")))
            return
        added, me = sharing.share(journal, role)
    if added:
        typer.echo(
            printable(f"{role} can now read your journal (with --person {me}), not change it.")
        )
    else:
        typer.echo(printable(f"{role} could already read your journal."))


@app.command()
def unshare(ctx: typer.Context, role: RoleArgument) -> None:
    """Stop another role reading your journal."""
    from sorelog.services import sharing

    with _journal_to_share(ctx) as journal:
        taken = sharing.unshare(journal, role)
    if taken:
        typer.echo(printable(f"{role} can no longer read your journal."))
    else:
        typer.echo(printable(f"Your journal was not shared with {role}."))


@app.command()
def setup(ctx: typer.Context) -> None:
    """Create or upgrade sorelog's tables in a PostgreSQL database (run once, as their owner)."""
    location = journal_location(ctx)
    if not isinstance(location, str):
        raise InputError(
            "setup is for a PostgreSQL journal (--db postgresql://USER@HOST/DB); a journal "
            "file is set up by its first write"
        )
    from sorelog.services.sharing import set_up_server

    owner, before, after = set_up_server(location, now(ctx))
    where = shown(location)
    if before == after:
        typer.echo(printable(f"sorelog's tables in {where} are up to date."))
    else:
        typer.echo(printable(f"sorelog's tables in {where} are ready (schema {after})."))
    typer.echo(
        printable(
            f"{owner} owns them, and row security cannot bind a table's owner: people keep "
            "their journals there under other roles."
        )
    )
