"""Checking one value a person gave, as typed into an option or read from a file's cell.

Each function takes the value as it came (text, or a JSON number or list from a file)
and returns what the journal keeps, or raises ValueError saying what is wrong. The
message names no option or column: the caller names the one it came from
(domain/record_checks.py), so a value is refused in the same words wherever it was given.

A check may set a neighbouring field too, by returning `Several`: a part typed with its
side ('left calf'), a dose typed with its unit ('400mg').
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from sorelog.domain.doses import (
    canonical_unit,
    check_decimals,
    parse_amount,
    parse_dose,
    read_number,
)
from sorelog.domain.names import normalise_effect, normalise_remedy, workout_name
from sorelog.domain.parts import (
    Quality,
    parse_severity,
    parse_side,
    parse_symptom,
    resolve_part,
)
from sorelog.domain.parts import workout_parts as _workout_parts
from sorelog.domain.peg import parse_answer

MAX_TEXT = 1_000_000  # characters of a note or cause: pages of text, and a bound on a file's
Check = Callable[[Any], Any]


class Several(dict[str, Any]):
    """Values for more than one field from one given value: {'body_part': 'calves', 'side':
    'left'} from 'left calf'. The first field is the one checked."""


def as_text(value: Any) -> str:
    """A JSON number or a cell as the text an option would have been given."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        return json.dumps(value)
    return str(value)


def text(value: Any) -> str:
    """Words kept exactly as given (spaces, tabs and line ends too), valid Unicode, no NUL,
    at most MAX_TEXT characters: a note, a cause, a workout's name."""
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {json.dumps(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("holds characters that are not valid Unicode (UTF-8)") from None
    if "\x00" in value:  # no journal keeps one: PostgreSQL's text cannot hold it
        raise ValueError("holds a NUL character (\\u0000); take it out")
    if len(value) > MAX_TEXT:
        raise ValueError(f"is longer than {MAX_TEXT:,} characters")
    return value


def word(value: Any) -> str:
    """Text with the spaces around it taken off, for names and choices."""
    return text(value).strip()


def whole_number(low: int, high: int) -> Check:
    """A check for a whole number from `low` to `high`."""

    def check(value: Any) -> int:
        given = as_text(value).strip()
        if not (given.isascii() and given.isdigit() and low <= int(given) <= high):
            raise ValueError(f"must be a whole number from {low} to {high}, not '{as_text(value)}'")
        return int(given)

    return check


def number(low: float, high: float) -> Check:
    """A check for a measured number from `low` to `high` (an imported activity's duration
    or distance), kept with all its decimals: not a dose, so the six-decimal rule for
    amounts does not apply. A journal filled before imports were rounded holds values such
    as 4689.24267578 m, and its export must import as it is, to the same floats."""

    def check(value: Any) -> float:
        try:
            found = float(value) if isinstance(value, int | float) else read_number(as_text(value))
        except ValueError:
            raise ValueError(f"must be a number, like 1.5, not '{as_text(value)}'") from None
        if isinstance(value, bool) or not math.isfinite(found) or not low <= found <= high:
            raise ValueError(f"must be a number from {low:g} to {high:g}, not '{as_text(value)}'")
        return found

    return check


def choice(allowed: tuple[str, ...]) -> Check:
    """A check for one of `allowed`, in any case."""

    def check(value: Any) -> str:
        chosen = word(value).lower()
        if chosen not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}, not '{word(value)}'")
        return chosen

    return check


def severity(value: Any) -> int:
    """0 (none) to 10 (worst imaginable)."""
    try:
        return parse_severity(as_text(value))
    except ValueError as exc:
        raise ValueError(str(exc).removeprefix("severity ")) from None


def peg_answer(value: Any) -> int:
    """A PEG answer, 0 to 10."""
    try:
        return parse_answer(as_text(value), "it")
    except ValueError as exc:
        raise ValueError(str(exc).removeprefix("it ")) from None


def part_and_side(value: Any) -> Several:
    """'left calf' -> calves on the left side; 'quads' -> quadriceps, no side said."""
    body_part, side = resolve_part(word(value))
    return Several(body_part=body_part, side=side) if side else Several(body_part=body_part)


def side(value: Any) -> str:
    """left, right or both, in any case, or their first letters."""
    return parse_side(word(value))


quality_names = tuple(q.value for q in Quality)
quality = choice(quality_names)


def symptoms(value: Any) -> str:
    """Symptom names, checked and without repeats, joined by ';' as the journal keeps them:
    from a list, a ';'-joined cell, or one name."""
    found: list[str] = []
    for name in value.split(";") if isinstance(value, str) else value:
        if not isinstance(name, str):
            raise ValueError("must be names, like swelling or headache")
        key = parse_symptom(name) if name.strip() else ""
        if key and key not in found:
            found.append(key)
    return ";".join(found)


def remedy(value: Any) -> str:
    return normalise_remedy(word(value))


def effect(value: Any) -> str:
    return normalise_effect(word(value))


def workout_title(value: Any) -> str:
    return workout_name(text(value))


def workout_parts(value: Any) -> str:
    """The parts a workout loaded, ';'-joined: from --part values, a list, or a cell."""
    given = [value] if isinstance(value, str) else list(value)
    if not all(isinstance(piece, str) for piece in given):
        raise ValueError("must be part names, like quads;hamstrings")
    return ";".join(_workout_parts(given))


def amount(value: Any) -> float | Several:
    """A dose's amount: '400mg' or '1.5 g' gives its unit too; a bare number needs a unit
    given beside it (a file's unit column)."""
    if isinstance(value, str) and any(ch.isalpha() or ch in "µμ" for ch in value):
        dose = parse_dose(value)
        return Several(amount=dose.amount, unit=dose.unit)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"must be a number, not {json.dumps(value)}")
    try:
        found = parse_amount(value) if isinstance(value, str) else float(value)
    except ValueError as exc:
        if "ambiguous" in str(exc) or "decimal places" in str(exc):
            raise
        raise ValueError(f"must be a number, like 400 or 1.5, not '{value}'") from None
    if not math.isfinite(found) or found <= 0:
        raise ValueError(f"{as_text(value).strip()} must be a number more than zero")
    check_decimals(found, as_text(value))
    if found > 1e9:
        raise ValueError(f"{as_text(value).strip()} is too large")
    return found


def unit(value: Any) -> str:
    return canonical_unit(word(value))
