"""`sorelog remedy list` as a Rich table and as JSON."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from sorelog.analysis.remedy_stats import RemedyStatus
from sorelog.render.console import literal
from sorelog.render.report import dose_document


def remedy_list_document(statuses: list[RemedyStatus]) -> dict[str, Any]:
    return {
        "remedies": [
            {
                "remedy": s.remedy,
                "max_daily": dose_document(s.limit.max_daily if s.limit else None),
                "max_days": s.limit.max_days if s.limit else None,
                "days_used_30": s.days_used_30,
                "current_streak": s.current_streak,
                "last_used": s.last_used.isoformat() if s.last_used else None,
            }
            for s in statuses
        ]
    }


def remedy_list_renderable(statuses: list[RemedyStatus]) -> Table | Text:
    if not statuses:
        return Text(
            "No remedies yet. Log one with, for example: sorelog remedy add ibuprofen --dose 400mg"
        )
    table = Table(title="Remedies", box=box.SIMPLE_HEAD)
    for name in (
        "Remedy",
        "Your daily limit",
        "Your break point",
        "Days used (30)",
        "Current run",
        "Last used",
    ):
        table.add_column(name)
    for s in statuses:
        limit = s.limit
        table.add_row(
            literal(s.remedy),
            str(limit.max_daily) if limit and limit.max_daily else "-",
            f"{limit.max_days} days" if limit and limit.max_days else "-",
            str(s.days_used_30),
            f"{s.current_streak} d" if s.current_streak else "-",
            str(s.last_used or "-"),
        )
    return table
