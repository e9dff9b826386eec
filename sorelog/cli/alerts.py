"""Printing triage alerts straight after a command's logged lines (bold on a terminal)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import typer

from sorelog.cli.context import now, settings
from sorelog.domain.safe_text import printable

if TYPE_CHECKING:
    from sorelog.services.triage import Alert
    from sorelog.store import Journal


def alerts_for(ctx: typer.Context, journal: Journal, ids: Iterable[int]) -> list[Alert]:
    """What the records with these ids, just written, need said at once."""
    from sorelog.services.triage import triage
    from sorelog.store.records import read_records

    wanted = tuple(ids)
    if not wanted:
        return []
    config, zone = settings(ctx)
    return triage(journal, read_records(journal, zone, ids=wanted), now(ctx), config)


def say(alerts: Iterable[Alert]) -> None:
    for alert in alerts:
        typer.secho(printable(alert.text), bold=True)
