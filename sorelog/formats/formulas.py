"""Keeping a spreadsheet from running a CSV text cell as a formula, and undoing it on import.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and one
that starts with a tab or a carriage return may be read the same way once trimmed
(OWASP, "CSV injection"). Export puts a single quote before such a text cell, which a
spreadsheet shows as text and never runs; import takes it off again.

So that the quote import takes off is always one export put there, a cell that already
starts with quotes before one of those characters (`'=already quoted`) gets one more
(`''=already quoted`). Export then import gives back every string exactly.
"""

from __future__ import annotations

from sorelog.domain.kinds import KINDS
from sorelog.formats.columns import HEADER

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# The first characters of the only cells `neutralise` changes: a quick test for the rest.
MAY_RUN = frozenset((*TRIGGERS, QUOTE))

# Numbers sorelog writes stay plain numbers; every other column is text and is guarded.
# (The columns that the kinds' number fields fill: domain/kinds.py.)
NUMBER_COLUMNS = frozenset(
    {"id"} | {f.export for k in KINDS for f in k.exported if f.type in (int, float)}
)
TEXT_PLACES = tuple(place for place, name in enumerate(HEADER) if name not in NUMBER_COLUMNS)


def _guarded(text: str) -> bool:
    """Whether `text`, past any quotes it starts with, starts as a formula would."""
    return text.lstrip(QUOTE).startswith(TRIGGERS)


def neutralise(text: str) -> str:
    """A text cell as export writes it: one more leading quote where it could run."""
    return QUOTE + text if _guarded(text) else text


def restore(text: str) -> str:
    """A text cell as export wrote it, back as it was: `restore(neutralise(s)) == s`."""
    return text[1:] if text.startswith(QUOTE) and _guarded(text) else text
