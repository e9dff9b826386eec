"""Sides and parts as people write them, in and out: "L knee", --side r, "left knee"."""

from __future__ import annotations

from datetime import datetime

import pytest

from conftest import assert_refused
from sorelog.domain.parts import PARTS, SINGULAR, parse_side, part_label, resolve_part


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L knee", ("knees", "left")),
        ("R calf", ("calves", "right")),
        ("b quads", ("quadriceps", "both")),
        ("l-hamstring", ("hamstrings", "left")),
    ],
)
def test_one_letter_side_prefixes(text: str, expected: tuple[str, str]) -> None:
    assert resolve_part(text) == expected


@pytest.mark.parametrize(
    ("text", "side"),
    [("l", "left"), ("R", "right"), ("B", "both"), ("Left", "left"), (" both ", "both")],
)
def test_side_words(text: str, side: str) -> None:
    assert parse_side(text) == side
    assert type(parse_side(text)) is str  # kept as plain text, as the journal stores it


@pytest.mark.parametrize("text", ["", "middle", "lr", "x"])
def test_side_words_refused(text: str) -> None:
    with pytest.raises(ValueError, match="left, right or both"):
        parse_side(text)


def test_the_label_rule() -> None:
    # One side: the singular; both sides or none: the plural the part is named by.
    assert part_label("knees", "left") == "left knee"
    assert part_label("feet", "right") == "right foot"
    assert part_label("quadriceps", "left") == "left quadriceps"
    assert part_label("knees", "both") == "both knees"
    assert part_label("knees", None) == "knees"
    assert part_label("spleen", "left") == "left spleen"  # a planted row: shown as it is


def test_every_singular_reads_back_as_its_part() -> None:
    assert set(SINGULAR) <= set(PARTS)
    for canonical, one in SINGULAR.items():
        assert resolve_part(f"left {one}") == (canonical, "left")


def test_add_takes_a_letter_for_a_side_and_prints_the_singular(journal) -> None:
    out = journal.ok("add", "L knee", "4", "--at", "2026-11-20")
    assert out.startswith("Logged #1: left knee 4/10 at 2026-11-20 12:00"), out
    out = journal.ok("add", "calf", "3", "--side", "R", "--at", "2026-11-20")
    assert out.startswith("Logged #2: right calf 3/10"), out
    journal.ok("add", "knee", "2", "--side", "b", "--at", "2026-11-21")
    assert [(r["body_part"], r["side"]) for r in journal.rows()] == [
        ("knees", "left"),
        ("calves", "right"),
        ("knees", "both"),
    ]
    assert "left knee " in journal.ok("list")


def test_edit_takes_a_letter_for_a_side(journal) -> None:
    journal.ok("add", "calf", "3", "--at", "2026-11-20")
    assert "left calf" in journal.ok("edit", "1", "--side", "L")
    assert journal.rows()[0]["side"] == "left"


def test_a_side_that_is_none_is_refused_in_sorelog_words(journal) -> None:
    assert_refused(journal.run("add", "quads", "4", "--side", "middle"), 2, "--side must be")
    assert not journal.path.exists()


# The clock is frozen at conftest's FROZEN_NOW (Wednesday 2026-11-25 15:00 UTC), TZ=UTC.
@pytest.mark.parametrize(
    ("when", "stored"),
    [
        ("yesterday 8pm", "2026-11-24T20:00:00+00:00"),
        ("last tuesday", "2026-11-24T12:00:00+00:00"),
        ("Nov 20", "2026-11-20T12:00:00+00:00"),
        ("20 Nov 18:30", "2026-11-20T18:30:00+00:00"),
    ],
)
def test_add_at_in_words(journal, when: str, stored: str) -> None:
    journal.ok("add", "quads", "4", "--at", when)
    (row,) = journal.rows()
    assert datetime.fromisoformat(row["at"]) == datetime.fromisoformat(stored), row


@pytest.mark.parametrize(
    ("when", "says"),
    [
        ("tonight", "--at: 'tonight' is in the future"),
        ("next friday", "--at: 'next friday' is in the future"),
        ("yesterday 7", "--at: cannot read 'yesterday 7'"),
        ("last month", "--at: cannot read 'last month'"),
    ],
)
def test_add_at_in_words_refused(journal, when: str, says: str) -> None:
    assert_refused(journal.run("add", "quads", "4", "--at", when), 2, says)
    assert not journal.path.exists()
