"""Shell completion: body parts, symptoms, setting names and the journal's remedy names.

Completion runs on every Tab press, so it imports no SQLModel, SQLAlchemy or pydantic,
and any failure (no journal yet, locked, not SQLite, an older schema) offers nothing.
"""

from __future__ import annotations

import os

import typer

from sorelog.domain.parts import Side, part_names
from sorelog.domain.settings import KEYS
from sorelog.domain.symptoms import SYMPTOMS


def complete_part(incomplete: str) -> list[str]:
    return [name for name in part_names() if name.startswith(incomplete.lower())]


def complete_part_or_severity(ctx: typer.Context, incomplete: str) -> list[str]:
    """Body parts where a PART of `add PART SEVERITY ...` goes; nothing where a SEVERITY does."""
    given = ctx.params.get("given") or ()
    return [] if len(given) % 2 else complete_part(incomplete)


def complete_workout_name(incomplete: str) -> list[str]:
    """`import` where a workout's NAME goes: `sorelog workout import PATH...` reads watch
    and phone exports. Any other name is the person's own, with nothing to offer."""
    return ["import"] if "import".startswith(incomplete.lower()) else []


def complete_side(incomplete: str) -> list[str]:
    return [side.value for side in Side if side.value.startswith(incomplete.lower())]


def complete_symptom(incomplete: str) -> list[str]:
    return [name for name in SYMPTOMS if name.startswith(incomplete.lower())]


def complete_key(incomplete: str) -> list[str]:
    return [key for key in KEYS if key.startswith(incomplete.lower().replace("-", "_"))]


def complete_remedy(incomplete: str, ctx: typer.Context | None = None) -> list[str]:
    """Remedy names used or limited in the journal that start with what was typed.

    Names are stored lower-case; Typer keeps only exact-prefix matches, so 'IB'
    offers nothing rather than a word the shell could not substitute.
    """
    from sorelog.services.completion import remedy_names

    return [name for name in remedy_names(named_journal(ctx)) if name.startswith(incomplete)]


def named_journal(ctx: typer.Context | None = None) -> str | None:
    """The journal the command line being completed names: --db, else SORELOG_DB.

    While completing, the root callback has not run, so the option is read from the
    parsed parameters and the variable from the environment.
    """
    given = ctx.find_root().params.get("db") if ctx is not None else None
    return given or os.environ.get("SORELOG_DB")
