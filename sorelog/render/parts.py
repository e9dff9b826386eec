"""`sorelog parts`: the body parts and their aliases, as a table and as JSON."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.table import Table

from sorelog.domain.parts import PARTS


def parts_document() -> dict[str, Any]:
    return {"parts": [{"name": name, "aliases": list(aliases)} for name, aliases in PARTS.items()]}


def parts_table() -> Table:
    table = Table(title="Body parts", box=box.SIMPLE_HEAD)
    table.add_column("Name", no_wrap=True)
    table.add_column("Also accepted")
    for name, aliases in PARTS.items():
        table.add_row(name, ", ".join(aliases))
    return table
