"""Printing triage alerts straight after a command's logged lines (bold on a terminal)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import typer

from sorelog.cli.context import now, settings
from sorelog.domain.safe_text import printable

if TYPE_CHECKING:
    from sorelog.services.journal import Journal
    from sorelog.services.triage import Alert


def alerts_for(ctx: typer.Context, journal: Journal, ids: Iterable[int]) -> list[Alert]:
    """What the records with these ids, just written, need said at once."""
    from sorelog.services.alerts import alerts_for_written

    config, zone = settings(ctx)
    return alerts_for_written(journal, ids, zone, now(ctx), config)


def say(alerts: Iterable[Alert]) -> None:
    for alert in alerts:
        typer.secho(printable(alert.text), bold=True)
