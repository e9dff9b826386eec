"""What every add command does once its values are parsed: check them with the kind's one
checker, write the records, print a "Logged" line for each and what needs saying at once."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import typer

from sorelog.cli.alerts import alerts_for, say
from sorelog.cli.context import open_for_writing, settings
from sorelog.domain.errors import InputError
from sorelog.domain.kinds import RecordKind
from sorelog.domain.record_checks import FieldError, check_record
from sorelog.domain.values import NewRecord

if TYPE_CHECKING:
    from sorelog.services.journal import Journal
    from sorelog.services.triage import Alert


def checked(
    kind: RecordKind,
    given: Mapping[str, Any],
    names: Mapping[str, str] | None = None,
    *,
    partial: bool = False,
) -> dict[str, Any]:
    """The kind's values for what was given (by field name), checked; a refusal names the
    value as the command calls it (`names`: field -> argument or option; else the field's
    option). `partial`: check only what was given, before asking for the rest."""
    try:
        return check_record(kind, given, partial=partial)
    except FieldError as exc:
        said = exc.said(lambda field: (names or {}).get(field.name, field.option))
        raise InputError(said) from None


def record(
    ctx: typer.Context, kind: RecordKind, moment: datetime, values: dict[str, Any]
) -> NewRecord:
    """A new record at `moment`, on its local day."""
    _, zone = settings(ctx)
    return NewRecord(kind, moment, zone.day_of(moment), values)


def log(
    ctx: typer.Context,
    records: Sequence[NewRecord],
    alerts: Callable[[Journal, list[int]], list[Alert]] | None = None,
) -> None:
    """Write the records (all or none), print a "Logged" line for each, then the alerts
    they raise (`alerts`: how to find them; default: triage of the records written)."""
    from sorelog.render.records import logged_line
    from sorelog.services.records import log_records

    _, zone = settings(ctx)
    with open_for_writing(ctx) as journal:
        ids = log_records(journal, records)
        found = alerts(journal, ids) if alerts is not None else alerts_for(ctx, journal, ids)
    for record_id, new in zip(ids, records, strict=True):
        typer.echo(logged_line(new.shown(record_id, zone.to_local(new.at))))
    say(found)
