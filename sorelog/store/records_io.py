"""Every record in the journal as plain dicts, in the export shape (one key per CSV column)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sorelog.import_rows import HEADER, RECORD_TYPES
from sorelog.store.journal import Journal
from sorelog.when import LocalZone

COLUMNS = HEADER  # the export's keys, in the CSV header's order

# One SELECT per record type, each giving the columns above in order.
_SELECTS = {
    "soreness": "SELECT 'soreness', id, at, body_part, side, severity, kind, cause, symptoms, "
    "NULL, NULL, NULL, NULL, note, day FROM soreness",
    "remedy": "SELECT 'remedy', id, at, body_part, side, NULL, NULL, NULL, NULL, remedy, "
    "amount, unit, NULL, note, day FROM remedy_use",
    "side_effect": "SELECT 'side_effect', id, at, NULL, NULL, severity, NULL, NULL, NULL, "
    "remedy, NULL, NULL, effect, note, day FROM side_effect",
}


def stored_instant(text: str) -> datetime:
    """The journal keeps UTC instants as naive text; give them back their zone."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def read_records(
    journal: Journal,
    zone: LocalZone,
    *,
    since: date | None = None,
    part: str | None = None,
    newest_first: bool = False,
    kinds: tuple[str, ...] = RECORD_TYPES,
    ids: tuple[int, ...] = (),
) -> list[dict[str, Any]]:
    """Records of the given kinds, `at` in local time with its UTC offset, symptoms as a list.

    `since` keeps local days from that day on; `part` keeps records for that body part;
    `ids` keeps those records only.
    """
    where, params = [], []
    if ids:
        where.append(f"id IN ({', '.join('?' * len(ids))})")
        params.extend(ids)
    if since is not None:
        where.append("day >= ?")
        params.append(since.isoformat())
    if part is not None:
        where.append("body_part = ?")
        params.append(part)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    selects = [
        _SELECTS[kind] + clause
        for kind in kinds
        if not (part is not None and kind == "side_effect")
    ]
    order = "DESC" if newest_first else "ASC"
    sql = " UNION ALL ".join(selects) + f" ORDER BY 3 {order}, 1 {order}, 2 {order}"
    records = []
    for row in journal.db.execute(sql, params * len(selects)):
        record = dict(zip(COLUMNS, row[:-1], strict=True))
        record["at"] = zone.to_local(stored_instant(record["at"])).isoformat()
        record["symptoms"] = record["symptoms"].split(";") if record["symptoms"] else []
        if isinstance(record["amount"], float) and record["amount"].is_integer():
            record["amount"] = int(record["amount"])
        records.append(record)
    return records


def read_limits(journal: Journal) -> list[dict[str, Any]]:
    """The person's remedy limits, in the export's JSON shape."""
    rows = journal.db.execute(
        "SELECT remedy, max_daily_amount, max_daily_unit, max_days FROM remedy_limit ORDER BY 1"
    )
    return [
        {
            "remedy": remedy,
            "max_daily": None
            if amount is None
            else {"amount": int(amount) if float(amount).is_integer() else amount, "unit": unit},
            "max_days": max_days,
        }
        for remedy, amount, unit, max_days in rows
    ]
