"""`sorelog share` and `sorelog unshare`: read-only access to your journal for another role."""

from __future__ import annotations

from typing import Annotated

import typer

from sorelog.cli.context import journal_file, open_for_writing
from sorelog.domain.errors import InputError
from sorelog.domain.safe_text import printable

app = typer.Typer()

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
    from sorelog.store.sharing import NOT_SHARED_HERE, role_of, shares
    from sorelog.store.sharing import share as give

    if journal_file(ctx) is not None:  # refused before a journal file is created
        raise InputError(NOT_SHARED_HERE)
    with open_for_writing(ctx) as journal:
        if role is None:
            readers, owners = shares(journal)
            typer.echo(printable("Read by: " + (", ".join(readers) or "nobody")))
            typer.echo(printable("You may read: " + (", ".join(owners) or "nobody")))
            return
        added = give(journal, role)
        me = role_of(journal)
    if added:
        typer.echo(
            printable(f"{role} can now read your journal (with --person {me}), not change it.")
        )
    else:
        typer.echo(printable(f"{role} could already read your journal."))


@app.command()
def unshare(ctx: typer.Context, role: RoleArgument) -> None:
    """Stop another role reading your journal."""
    from sorelog.store.sharing import NOT_SHARED_HERE
    from sorelog.store.sharing import unshare as take

    if journal_file(ctx) is not None:
        raise InputError(NOT_SHARED_HERE)
    with open_for_writing(ctx) as journal:
        taken = take(journal, role)
    if taken:
        typer.echo(printable(f"{role} can no longer read your journal."))
    else:
        typer.echo(printable(f"Your journal was not shared with {role}."))
