"""What a command needs from its run: settings, the clock, and the journal.

This is the one place sorelog reads the clock: `now(ctx)` reads it once per run and
everything below the CLI is handed that moment, so every rule can be tested at any
instant and a run sees one consistent "now".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from sorelog.domain.errors import InputError
from sorelog.domain.settings import Config
from sorelog.domain.when import LocalZone, parse_day

if TYPE_CHECKING:
    from sorelog.store import Journal


@dataclass
class RunState:
    """Per-run facts the root callback records and commands share."""

    db_option: str | None  # a path or a postgresql:// URL, as given
    loaded: tuple[Config, LocalZone] | None = None  # the config, read once per run
    now: datetime | None = None  # the clock, read once per run


def _state(ctx: typer.Context) -> RunState:
    state = ctx.find_root().obj
    if not isinstance(state, RunState):  # a command run without the root callback
        state = ctx.find_root().obj = RunState(db_option=None)
    return state


def settings(ctx: typer.Context) -> tuple[Config, LocalZone]:
    """The effective config and time zone, read from the config file once per run."""
    state = _state(ctx)
    if state.loaded is None:
        from sorelog.store.config_file import load_config

        config = load_config()
        zone = LocalZone()
        if config.timezone:
            from zoneinfo import ZoneInfo

            zone = LocalZone(ZoneInfo(config.timezone))
        state.loaded = (config, zone)
    return state.loaded


def now(ctx: typer.Context) -> datetime:
    """The current moment in the person's zone: the clock, read here and nowhere else."""
    state = _state(ctx)
    if state.now is None:
        _, zone = settings(ctx)
        state.now = zone.to_local(datetime.now(UTC))
    return state.now


def today(ctx: typer.Context) -> date:
    """The person's calendar day now."""
    return now(ctx).date()


def as_of_day(ctx: typer.Context, as_of: str | None) -> date:
    """The day `--as-of` names (any day form of --at), else today."""
    if as_of is None:
        return today(ctx)
    try:
        return parse_day(as_of, today(ctx))
    except ValueError as exc:
        raise InputError(f"--as-of: {exc}") from None


def journal_location(ctx: typer.Context) -> Path | str:
    """The journal this run names: --db (or SORELOG_DB) as a file path or a PostgreSQL URL,
    else the default path."""
    from sorelog.store.paths import journal_location as location

    return location(_state(ctx).db_option)


def journal_file(ctx: typer.Context) -> Path | None:
    """The journal file this run names; None for a journal on a PostgreSQL server."""
    location = journal_location(ctx)
    return location if isinstance(location, Path) else None


def shown(location: Path | str) -> str:
    """A journal's location as messages show it: a PostgreSQL URL without its password."""
    if isinstance(location, Path):
        return str(location)
    from sorelog.store.postgres import redact

    return redact(location)


def _open(ctx: typer.Context, *, create: bool, person: str | None = None) -> Journal | None:
    from sorelog.store import open_journal

    _, zone = settings(ctx)
    return open_journal(
        journal_location(ctx), create=create, now=now(ctx), zone=zone, person=person
    )


@contextmanager
def reading(ctx: typer.Context, person: str | None = None) -> Iterator[Journal | None]:
    """The journal to read, or None if there is none yet (reading never creates one);
    `person` reads the journal that role shared (PostgreSQL)."""
    journal = _open(ctx, create=False, person=person)
    if journal is None:
        yield None
        return
    with journal:
        yield journal


def open_for_writing(ctx: typer.Context) -> Journal:
    """The journal to write, created (privately) if it does not exist yet."""
    journal = _open(ctx, create=True)
    assert journal is not None
    return journal
