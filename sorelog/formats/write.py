"""Writing the export formats: the spec's CSV, and JSON with the person's remedy limits."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from sorelog.formats.columns import HEADER
from sorelog.formats.formulas import MAY_RUN, TEXT_PLACES, neutralise

# The text cells that hold what a person typed: `record` is a kind's name and `at` an ISO
# date, never the start of a formula, so the quick test per row can leave them out.
TYPED_PLACES = tuple(place for place in TEXT_PLACES if HEADER[place] not in ("record", "at"))


def write_csv(rows: Iterable[Sequence[Any]], out: IO[str]) -> int:
    """The spec's CSV: the header, then one row per record, empty cells where nothing applies.

    `rows` hold the cells in HEADER order (symptoms ";"-joined, whole amounts as int), as
    store.records.iter_record_rows reads them; the csv module writes None as an empty
    cell and a float as repr() gives it.

    A text cell a spreadsheet would run as a formula is neutralised (formats.formulas);
    import restores it, so the round trip is exact.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    count = 0

    def guarded() -> Iterator[Sequence[Any]]:
        nonlocal count
        for row in rows:  # one row at a time: the rows may be streamed
            count += 1
            for place in TYPED_PLACES:
                cell = row[place]
                if cell and cell[0] in MAY_RUN:  # only these can need a quote
                    break
            else:
                yield row
                continue
            cells = list(row)
            for place in TEXT_PLACES:  # no text cell a spreadsheet would run as a formula
                if cells[place]:
                    cells[place] = neutralise(cells[place])
            yield cells

    writer.writerows(guarded())
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
