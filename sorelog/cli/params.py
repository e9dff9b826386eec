"""Options shared by commands.

Values are checked in the command bodies (domain.inputs names the option in the error),
not by Typer `parser=` adapters: Click runs those before it checks for extra arguments,
so an unquoted '--dose 400 mg' would lose its "quote values that contain spaces" hint.
"""

from __future__ import annotations

from typing import Annotated

import typer

AtOption = Annotated[
    str | None,
    typer.Option(
        help="When: 2026-11-20, 2026-11-20T08:30, yesterday, '2 days ago', 07:30, "
        "'yesterday 18:30' (a day, then a time), 'yesterday 8pm', 'last tuesday', 'Nov 20'. "
        "Default: now."
    ),
]
NoteOption = Annotated[str | None, typer.Option(help="Anything else worth remembering.")]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Evaluate as if today were this day: 2026-11-20, yesterday, '3 days ago', "
        "'last tuesday', 'Nov 20'. "
        "Later entries are ignored.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
PersonOption = Annotated[
    str | None,
    typer.Option(
        "--person",
        metavar="ROLE",
        help="Read the journal ROLE shared with you ('sorelog share'; a PostgreSQL journal).",
    ),
]
