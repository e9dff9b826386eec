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


def print_records(records: Iterable[dict[str, Any]], since: date) -> None:
    """Records newest first with their ids, on stdout: Rich's table for up to TABLE_ROWS
    of them; a longer list is written a line at a time as the records come, in the same
    columns sized by its first TABLE_ROWS records, so a journal of a million records is
    neither held whole nor measured cell by cell (a longer cell pushes the rest of its line
    right, nothing is cut). Text is shown literally either way: no markup, no control
    characters."""
    import sys

    from sorelog.render.console import console

    stream = iter(records)
    first = list(islice(stream, TABLE_ROWS + 1))
    if len(first) <= TABLE_ROWS:
        console().print(records_renderable(first, since))
        return
    sys.stdout.writelines(_lines(chain(first, stream), first, since))


def _cells(record: dict[str, Any]) -> tuple[str, str, str, str, str]:
    """A record's cells in the list's columns, each printable."""
    extra = " / ".join(t for t in (record.get("cause"), record.get("note")) if t)
    label = kind_named(record["record"]).label
    return (str(record["id"]), when(record), label, what(record), printable(extra))


def _lines(
    records: Iterable[dict[str, Any]], sample: list[dict[str, Any]], since: date
) -> Iterator[str]:
    """The table's lines as Rich draws them (SIMPLE_HEAD: a space for each edge and between
    columns, one of padding each side of a cell), without trailing spaces."""
    from rich.cells import cell_len

    def width(text: str) -> int:
        return len(text) if text.isascii() else cell_len(text)

    def pad(text: str, size: int) -> str:
        return text + " " * (size - width(text))

    widths = [width(heading) for heading in HEADINGS]
    for cells in map(_cells, sample):
        widths = [max(w, width(cell)) for w, cell in zip(widths, cells, strict=True)]
    id_w, when_w, label_w, what_w, _ = widths

    def line(ident: str, moment: str, label: str, text: str, extra: str) -> str:
        cells = (ident.rjust(id_w), pad(moment, when_w), pad(label, label_w), pad(text, what_w))
        return ("  " + "   ".join((*cells, extra))).rstrip() + "\n"

    total = sum(widths) + 3 * len(widths) + 1
    title = f"Journal since {since}"
    yield " " * ((total - width(title)) // 2) + title + "\n\n"
    yield line(*HEADINGS)
    yield " " + "─" * (total - 2) + "\n"
    for record in records:
        yield line(*_cells(record))
    yield "\n"


def records_renderable(records: list[dict[str, Any]], since: date) -> Table | Text:
    """Records newest first, with the ids that edit and delete take."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from sorelog.render.console import literal

    if not records:
        return Text(f"Nothing logged since {since}.")
    table = Table(title=f"Journal since {since}", box=box.SIMPLE_HEAD)
    for name in HEADINGS:
        table.add_column(name, justify="right" if name == "ID" else "left")
    for record in records:
        extra = " / ".join(t for t in (record.get("cause"), record.get("note")) if t)
        table.add_row(
            str(record["id"]),
            when(record),
            kind_named(record["record"]).label,
            literal(what(record)),
            literal(extra),
        )
    return table
