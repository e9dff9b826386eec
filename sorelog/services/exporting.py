"""Writing the whole journal out in a form `sorelog import` reads back.

Records stream from the journal to the output as they are read: an export of years of
entries never holds them all, and a CSV row goes from the cursor's tuple to the file
without a dict per record.
"""

from __future__ import annotations

from typing import IO

from sorelog.domain.when import LocalZone
from sorelog.store.backend import Journal


def export_journal(journal: Journal | None, zone: LocalZone, form: str, out: IO[str]) -> int:
    """Write every record (and, in JSON, every remedy limit) to `out` as `form` ('csv' or
    'json'); the number of records. No journal yet is an empty export."""
    from sorelog.formats.write import write_csv, write_json
    from sorelog.store.records import export_document, export_rows

    if form == "csv":
        return write_csv(export_rows(journal, zone), out)
    records, limits = export_document(journal, zone)
    return write_json(records, limits, out)
