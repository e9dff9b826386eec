"""Checking what a person typed into an option, with the option named in the error.

Shared by the commands and by the services that re-check an edit, so a value is
refused with the same words wherever it was typed.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sorelog.domain.doses import Dose, parse_dose
from sorelog.domain.errors import InputError
from sorelog.domain.names import normalise_remedy
from sorelog.domain.parts import resolve_part
from sorelog.domain.when import LocalZone, parse_when


class PartSide(NamedTuple):
    """A canonical body part and the side a prefix gave ('left calf'), or None."""

    body_part: str
    side: str | None


def part_option(text: str, option: str = "") -> PartSide:
    """A body part (and side prefix) given as text; InputError names the option."""
    try:
        return PartSide(*resolve_part(text))
    except ValueError as exc:
        raise InputError(f"{option}: {exc}" if option else str(exc)) from None


def remedy_name_arg(text: str) -> str:
    """A remedy's name, normalised; InputError for an empty or unprintable one."""
    try:
        return normalise_remedy(text)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def dose_option(text: str | None, option: str) -> Dose | None:
    """A dose given as text to `option` (None when not given); InputError names the option."""
    if text is None:
        return None
    try:
        return parse_dose(text)
    except ValueError as exc:
        raise InputError(f"{option}: {exc}") from None


def when_or_now(at: str | None, now: datetime, zone: LocalZone) -> datetime:
    """The moment `--at` names, or `now` when it is not given."""
    try:
        return parse_when(at, now, zone) if at is not None else now
    except ValueError as exc:
        raise InputError(f"--at: {exc}") from None
