"""A long `list` streams its lines instead of laying out a Rich table: the same columns, and
the text a person typed still shown literally."""

from __future__ import annotations

import pytest

from conftest import Journal
from sorelog.render import records as render_records

HOSTILE = ("[red]x[/red]", "tab\there", "日本語のメモ", "=SUM(A1)", "\x1b[31mred\x1b[0m")


@pytest.fixture
def diary(journal: Journal) -> Journal:
    for n, note in enumerate(HOSTILE):
        journal.ok("add", "quads", str(n + 2), "--at", f"2026-11-{10 + n}T08:00", "--note", note)
    journal.ok("remedy", "add", "ibuprofen", "--dose", "400mg", "--at", "2026-11-20T09:00")
    journal.ok("side-effect", "nausea", "--remedy", "ibuprofen", "--at", "2026-11-20T10:00")
    return journal


@pytest.mark.parametrize("columns", ["120", "80", "64"])
def test_a_long_list_has_the_tables_lines(
    diary: Journal, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    """Wide enough for every cell, and narrow enough that the wider cells are cut."""
    monkeypatch.setenv("COLUMNS", columns)
    table = diary.ok("list")
    monkeypatch.setattr(render_records, "TABLE_ROWS", 3)
    streamed = diary.ok("list")
    # Columns sized by the first three records (the widest note is the newest soreness).
    assert streamed.splitlines() == [line.rstrip() for line in table.splitlines()]


def test_a_long_list_shows_typed_text_literally(
    diary: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_records, "TABLE_ROWS", 1)
    out = diary.ok("list")
    assert "[red]x[/red]" in out  # no markup
    assert "\x1b" not in out and "\\x1b[31mred\\x1b[0m" in out  # no control characters
    assert "tab here" in out
    assert "日本語のメモ" in out and "=SUM(A1)" in out  # a longer cell is never cut
    assert len(out.splitlines()) == 4 + 7 + 1
