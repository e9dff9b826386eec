"""The demo: a sample month in a journal of its own, read as the report and the visit
summary read the person's; the journal is deleted before the demo ends.

The demo's journal is a temporary file, never the person's: whatever --db, SORELOG_DB
or the default path name is neither created nor opened, so a first run leaves no
made-up entries behind.
"""

from __future__ import annotations

import io
import json
import tempfile
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

from sorelog.analysis.report import Report
from sorelog.analysis.visit_summary import Summary
from sorelog.domain.settings import Config
from sorelog.domain.when import LocalZone
from sorelog.services.importing import check_file, import_records
from sorelog.services.report import build_report
from sorelog.services.sample_month import DAYS, sample_month
from sorelog.services.summary import build_summary
from sorelog.store import open_journal

# The sample's last day has entries up to this wall-clock time (its morning soreness): the
# demo's journal is filled as if the day were over, so it runs the same at any hour.
END_OF_DAY = time(23, 59)


@dataclass(frozen=True)
class Demo:
    """What the demo shows: the sample month's report and visit summary."""

    report: Report
    summary: Summary
    days: int


def run_demo(today: date, zone: LocalZone, now: datetime, config: Config) -> Demo:
    """The month ending on `today`, put through the import every file takes into a
    temporary journal, and read back as `sorelog report` and `sorelog summary` read."""
    document = json.dumps(sample_month(today)).encode("utf-8")
    filled = max(now, zone.localize(datetime.combine(today, END_OF_DAY)))
    with tempfile.TemporaryDirectory(prefix="sorelog-demo-") as place:
        path = Path(place) / "demo.db"
        source = io.BytesIO(document)
        with closing(check_file(source, "the sample month", zone, filled)) as parsed:
            import_records(path, parsed, zone, filled, config)
        journal = open_journal(path, create=False, now=filled, zone=zone)
        assert journal is not None  # the import has just made it
        with journal:
            report = build_report(journal, today, DAYS, None, config)
            summary = replace(build_summary(journal, today, DAYS, config, zone, now), demo=True)
    return Demo(report, summary, DAYS)
