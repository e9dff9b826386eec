"""Writing the export formats: the spec's CSV, and JSON with the person's remedy limits."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from sorelog.formats.columns import HEADER
from sorelog.formats.formulas import TEXT_PLACES, neutralise


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return repr(value) if isinstance(value, float) else str(value)


def _row(record: dict[str, Any]) -> list[str]:
    cells = [_cell(record[name]) for name in HEADER]
    for place in TEXT_PLACES:  # no text cell a spreadsheet would run as a formula
        cells[place] = neutralise(cells[place])
    return cells


def write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """The spec's CSV: the header, then one row per record, empty cells where nothing applies.

    A text cell a spreadsheet would run as a formula is neutralised (formats.formulas);
    import restores it, so the round trip is exact.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    count = 0
    for record in records:  # one row at a time: the records may be streamed
        writer.writerow(_row(record))
        count += 1
    return count


def write_json(
    records: Iterable[dict[str, Any]], limits: list[dict[str, Any]], out: IO[str]
) -> int:
    """`{"records": [...], "limits": [...]}`, one record a line so the file diffs well,
    written as the records come (they may be streamed); returns how many records."""

    def items(values: Iterable[dict[str, Any]]) -> int:
        count = 0
        for value in values:
            out.write(
                ("[\n    " if count == 0 else ",\n    ") + json.dumps(value, ensure_ascii=False)
            )
            count += 1
        out.write("\n  ]" if count else "[]")
        return count

    out.write('{\n  "records": ')
    count = items(records)
    out.write(',\n  "limits": ')
    items(limits)
    out.write("\n}\n")
    return count
