"""`sorelog remedy list` as a Rich table and as JSON."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from sorelog.analysis.remedy_stats import RemedyStatus
from sorelog.render.console import fits, indented, literal
from sorelog.render.report import dose_document


def remedy_list_document(statuses: list[RemedyStatus]) -> dict[str, Any]:
    return {
        "remedies": [
            {
                "remedy": s.remedy,
                "max_daily": dose_document(s.limit.max_daily if s.limit else None),
                "max_days": s.limit.max_days if s.limit else None,
                "max_days_in_30": s.limit.max_days_in_30 if s.limit else None,
                "days_used_30": s.days_used_30,
                "current_streak": s.current_streak,
                "last_used": s.last_used.isoformat() if s.last_used else None,
            }
            for s in statuses
        ]
    }


def remedy_list_renderable(statuses: list[RemedyStatus], width: int) -> Table | Text | Group:
    """The table where it fits; on a narrow terminal a few wrapped lines per remedy, so
    names and dates always show in full."""
    table = _remedy_list(statuses)
    if isinstance(table, Text) or fits(table, width):
        return table
    lines: list[Any] = [Text("Remedies", style="bold")]
    for s in statuses:
        limit = s.limit
        lines.append(literal(s.remedy, style="bold"))
        facts = [
            f"daily limit {limit.max_daily}" if limit and limit.max_daily else "no daily limit",
            f"most {limit.max_days} days in a row"
            if limit and limit.max_days
            else "no days-in-a-row limit",
            f"most {limit.max_days_in_30} days in 30"
            if limit and limit.max_days_in_30
            else "no days-in-30 limit",
            f"used on {s.days_used_30} of the last 30 days",
            f"current run {s.current_streak} d" if s.current_streak else "no current run",
            f"last used {s.last_used}" if s.last_used else "never used",
        ]
        lines.append(indented(Text(", ".join(facts))))
    return Group(*lines)


def _remedy_list(statuses: list[RemedyStatus]) -> Table | Text:
    if not statuses:
        return Text("No remedies yet. Log one with: sorelog remedy add NAME --dose AMOUNT")
    table = Table(title="Remedies", box=box.SIMPLE_HEAD)
    for name in (
        "Remedy",
        "Your daily limit",
        "Your most days in a row",
        "Your most days in 30",
        "Days used (30)",
        "Current run",
        "Last used",
    ):
        table.add_column(name, no_wrap=name == "Remedy")
    for s in statuses:
        limit = s.limit
        table.add_row(
            literal(s.remedy),
            str(limit.max_daily) if limit and limit.max_daily else "-",
            f"{limit.max_days} days" if limit and limit.max_days else "-",
            f"{limit.max_days_in_30} days" if limit and limit.max_days_in_30 else "-",
            str(s.days_used_30),
            f"{s.current_streak} d" if s.current_streak else "-",
            str(s.last_used or "-"),
        )
    return table
