"""What records just written need said at once: the triage rules over them, read back as
the journal now holds them (their days in the person's zone, their ids assigned)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sorelog.domain.settings import Config
from sorelog.domain.when import LocalZone
from sorelog.services.triage import Alert, triage
from sorelog.store.backend import Journal
from sorelog.store.records import read_records


def alerts_for_written(
    journal: Journal, ids: Iterable[int], zone: LocalZone, now: datetime, config: Config
) -> list[Alert]:
    """The alerts the records with these ids raise; none when no record was written."""
    wanted = tuple(ids)
    if not wanted:
        return []
    return triage(journal, read_records(journal, zone, ids=wanted), now, config)
