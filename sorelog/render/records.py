"""Records as people read them: the "Logged #" line, one-line descriptions, the list table.

Rich loads only for the table: the add commands print their line without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from sorelog.domain.kinds import SORENESS, WORKOUT, kind_named
from sorelog.domain.safe_text import printable

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


def what(record: dict[str, Any]) -> str:
    """'left quadriceps 6/10, ache; symptoms: swelling' / 'ibuprofen 400 mg for quads'."""
    return printable(kind_named(record["record"]).describe(record))


def logged_line(record: dict[str, Any]) -> str:
    """'Logged #12: left calves 6/10 at 2026-11-20 12:00 (cause: squats)': the line every
    add prints, from the record in the export shape (its kind named, but for soreness)."""
    kind = kind_named(record["record"])
    label = "" if kind is SORENESS else f"{kind.label} "
    return printable(f"Logged #{record['id']}: {label}{what(record)} at {when(record)}") + _cause(
        record
    )


def _cause(record: dict[str, Any]) -> str:
    if record.get("cause") and record["record"] != WORKOUT.name:  # a workout's name is its cause
        return f" (cause: {printable(record['cause'])})"
    return ""


def when(record: dict[str, Any]) -> str:
    return datetime.fromisoformat(record["at"]).strftime("%Y-%m-%d %H:%M")


def describe(record: dict[str, Any]) -> str:
    """'#12 soreness 2026-11-20 12:00: left quadriceps 6/10 (cause: squats)'."""
    label = kind_named(record["record"]).label
    return f"#{record['id']} {label} {when(record)}: {what(record)}{_cause(record)}"


TABLE_ROWS = 500  # up to this many records Rich lays out the table; more stream as lines
HEADINGS = ("ID", "When", "Record", "What", "Cause / note")
TABLE_WIDTH = 64  # narrower than this, What would be a few letters: two lines a record
ELLIPSIS = "…"
MIN_EXTRA = 10  # Cause / note narrows to this before What gives up a column


def print_records(records: Iterable[dict[str, Any]], since: date) -> None:
    """Records newest first with their ids, on stdout, one line each (cut with an ellipsis
    to the width, never wrapped): Rich's table for up to TABLE_ROWS of them; a longer list
    is written a line at a time as the records come, in the same columns sized by its first
    TABLE_ROWS records, so a journal of a million records is neither held whole nor
    measured cell by cell. On a terminal too narrow for the columns, each record takes two
    lines instead: its id, time and kind, then what it was. Text is shown literally either
    way: no markup, no control characters."""
    import sys

    from sorelog.render.console import console

    out = console()
    stream = iter(records)
    first = list(islice(stream, TABLE_ROWS + 1))
    if not first:
        out.print(f"Nothing logged since {since}.")
    elif out.width < TABLE_WIDTH:
        out.file.writelines(_narrow_lines(chain(first, stream), since, out.width))
    elif len(first) <= TABLE_ROWS:
        out.print(records_renderable(first, since, out.width))
    else:
        sys.stdout.writelines(_lines(chain(first, stream), first, since, out.width))


def _cells(record: dict[str, Any]) -> tuple[str, str, str, str, str]:
    """A record's cells in the list's columns, each printable. A workout's name is its
    cause and is already in what it was, so it is not repeated: a name shows once."""
    cause = record.get("cause") if record["record"] != WORKOUT.name else None
    extra = " / ".join(t for t in (cause, record.get("note")) if t)
    label = kind_named(record["record"]).label
    return (str(record["id"]), when(record), label, what(record), printable(extra))


def cut(text: str, width: int) -> str:
    """`text` in at most `width` terminal cells, its end replaced by an ellipsis if cut, as
    Rich cuts a cell (a wide character split in two leaves a space)."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(0, width - 1)) + ELLIPSIS if width > 0 else ""


def _narrow_lines(records: Iterable[dict[str, Any]], since: date, width: int) -> Iterator[str]:
    """Two lines a record, each cut to the width: '#12 2026-11-20 08:00 soreness', then
    what it was, indented, with its cause or note."""
    yield cut(f"Journal since {since}", width) + "\n"
    for record in records:
        ident, moment, label, text, extra = _cells(record)
        yield cut(f"#{ident} {moment} {label}", width) + "\n"
        yield cut("  " + " / ".join(t for t in (text, extra) if t), width) + "\n"


def _fit(widths: list[int], width: int) -> list[int]:
    """The columns' widths narrowed to a table of `width` columns: Cause / note gives way
    first, down to MIN_EXTRA, then the wider of it and What a column at a time."""
    widths = list(widths)
    while sum(widths) + 3 * len(widths) + 1 > width and max(widths[3], widths[4]) > 1:
        extra_first = widths[4] > MIN_EXTRA or widths[4] > widths[3]
        widths[4 if extra_first else 3] -= 1
    return widths


def _widths(cells: Iterable[tuple[str, ...]]) -> list[int]:
    """Each column's natural width: its widest cell or heading."""
    from rich.cells import cell_len

    widths = [cell_len(heading) for heading in HEADINGS]
    for row in cells:
        widths = [max(w, cell_len(cell)) for w, cell in zip(widths, row, strict=True)]
    return widths


def _lines(
    records: Iterable[dict[str, Any]], sample: list[dict[str, Any]], since: date, size: int
) -> Iterator[str]:
    """The table's lines as Rich draws them (SIMPLE_HEAD: a space for each edge and between
    columns, one of padding each side of a cell), without trailing spaces, each cut to
    `size` columns."""
    from rich.cells import cell_len

    def width(text: str) -> int:
        return len(text) if text.isascii() else cell_len(text)

    def pad(text: str, size: int) -> str:
        return text + " " * (size - width(text))

    widths = _widths(map(_cells, sample))
    natural = sum(widths) + 3 * len(widths) + 1
    widths = _fit(widths, size)
    id_w, when_w, label_w, what_w, extra_w = widths
    narrowed = natural > size

    def line(ident: str, moment: str, label: str, text: str, extra: str) -> str:
        if narrowed:
            text, extra = cut(text, what_w), cut(extra, extra_w)
        cells = (ident.rjust(id_w), pad(moment, when_w), pad(label, label_w), pad(text, what_w))
        return cut(("  " + "   ".join((*cells, extra))).rstrip(), size) + "\n"

    total = min(natural, size)
    title = f"Journal since {since}"
    yield " " * ((total - width(title)) // 2) + title + "\n\n"
    yield line(*HEADINGS)
    yield " " + "─" * (total - 2) + "\n"
    for record in records:
        yield line(*_cells(record))
    yield "\n"


def records_renderable(records: list[dict[str, Any]], since: date, width: int) -> Table | Text:
    """Records newest first, with the ids that edit and delete take: one line each, What
    and Cause / note narrowed (the wider first) and cut with an ellipsis when the table
    is wider than the terminal."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from sorelog.render.console import literal

    if not records:
        return Text(f"Nothing logged since {since}.")
    rows = [_cells(record) for record in records]
    natural = _widths(rows)
    fitted = _fit(natural, width)
    table = Table(title=f"Journal since {since}", box=box.SIMPLE_HEAD)
    for name, wide, fit in zip(HEADINGS, natural, fitted, strict=True):
        table.add_column(
            name,
            justify="right" if name == "ID" else "left",
            width=fit if fit < wide else None,
            no_wrap=True,
            overflow="ellipsis",
        )
    for ident, moment, label, text, extra in rows:
        table.add_row(ident, moment, label, _one_line(literal(text)), _one_line(literal(extra)))
    return table


def _one_line(text: Text) -> Text:
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text
