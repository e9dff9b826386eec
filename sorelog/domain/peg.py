"""The PEG scale (Krebs et al. 2009): three 0-10 answers about the past week.

P: average pain; E: how much pain interfered with enjoyment of life; G: with general
activity. sorelog keeps the answers as a check-in record (the average pain in `severity`).
"""

from __future__ import annotations

# The three questions, by the name of the answer, as a prompt asks them (Krebs 2009's
# wording, shortened to one line each, with its anchors).
QUESTIONS = {
    "pain": "Your pain on average in the past week, 0 (no pain) to 10 (as bad as you can imagine)",
    "enjoyment": "How much pain interfered with your enjoyment of life in the past week, "
    "0 (not at all) to 10 (completely)",
    "activity": "How much pain interfered with your general activity in the past week, "
    "0 (not at all) to 10 (completely)",
}


def parse_answer(text: str, name: str) -> int:
    """A whole number 0-10; ValueError names the answer (`name`) and what is allowed."""
    value = text.strip()
    if not (value.isascii() and value.isdigit() and int(value) <= 10):
        raise ValueError(f"{name} must be a whole number from 0 to 10, not '{text}'")
    return int(value)
