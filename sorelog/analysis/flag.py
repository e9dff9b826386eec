"""The one shape of a flag, whatever rule raised it, and the order flags are shown in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Level(StrEnum):
    """How soon a flag is worth acting on; declared most serious first."""

    emergency = "emergency"
    urgent = "urgent"
    follow_up = "follow_up"
    caution = "caution"


LEVELS = tuple(Level)  # most serious first

Finding = tuple[Level, str, date, str] | None  # a rule's (level, code, since, message)


@dataclass(frozen=True)
class Flag:
    """Something observed in the journal that is worth a professional look."""

    level: Level
    code: str
    since: date
    message: str
    body_part: str | None = None
    side: str | None = None
    remedy: str | None = None


def sort_flags(flags: Iterable[Flag]) -> list[Flag]:
    """Most serious first, then oldest first."""
    return sorted(flags, key=lambda f: (LEVELS.index(f.level), f.since, f.code, f.body_part or ""))
