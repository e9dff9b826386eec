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


def write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """The spec's CSV: the header, then one row per record, empty cells where nothing applies.

    A text cell a spreadsheet would run as a formula is neutralised (formats.formulas);
    import restores it, so the round trip is exact.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(_row(record) for record in records)


def write_json(
    records: Iterable[dict[str, Any]], limits: list[dict[str, Any]], out: IO[str]
) -> None:
    """`{"records": [...], "limits": [...]}`, one record a line so the file diffs well."""

    def items(values: Iterable[dict[str, Any]]) -> str:
        lines = [json.dumps(value, ensure_ascii=False) for value in values]
        return "[\n    " + ",\n    ".join(lines) + "\n  ]" if lines else "[]"

    out.write(f'{{\n  "records": {items(records)},\n  "limits": {items(limits)}\n}}\n')
