"""The report: what `sorelog report` prints and `--json` writes, as one object."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sorelog.analysis.flag import Flag
from sorelog.analysis.part_summary import PartSummary
from sorelog.analysis.remedy_stats import RemedySummary


@dataclass(frozen=True)
class Report:
    """Rows per part and side, flags most serious first, remedies: built once, drawn anywhere."""

    as_of: date
    window_start: date
    parts: list[PartSummary] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    remedies: list[RemedySummary] = field(default_factory=list)
    empty_journal: bool = False

    @property
    def days(self) -> int:
        return (self.as_of - self.window_start).days + 1
