"""The settings: flag thresholds and time zone, their defaults and allowed values.

Pure: reading and writing the config file is `store.config_file`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# key -> (default, smallest allowed, largest allowed, what it means): the one place defaults live
THRESHOLDS: dict[str, tuple[int, int, int, str]] = {
    "gap_days": (3, 1, 60, "days without an entry that end an episode"),
    "prolonged_days": (7, 1, 365, "day of an episode beyond which soreness is prolonged"),
    "prolonged_level": (3, 1, 10, "severity that counts as prolonged beyond prolonged_days"),
    "severe_level": (8, 1, 10, "severity counted as severe"),
    "severe_days": (2, 1, 365, "days at severe_level in one episode that make a severe flag"),
    "streak_days": (7, 1, 365, "days in a row a remedy may be used (sorelog's default)"),
    "frequent_days": (14, 1, 30, "days of any 30 a remedy may be used (sorelog's default)"),
    "persistent_days": (28, 1, 365, "span of an episode carried into later workouts"),
}
KEYS = (*THRESHOLDS, "timezone", "emergency_number")
EMERGENCY_NUMBER_MEANING = "the number triage messages tell you to call; unset = none named"
TIMEZONE_MEANING = "IANA time zone for calendar days, like Europe/Paris; unset = the system's"


def default(key: str) -> Any:
    """The built-in value of a setting (None for timezone and emergency_number)."""
    return THRESHOLDS[key][0] if key in THRESHOLDS else None


@dataclass(frozen=True)
class Config:
    """Effective settings and where each came from ("default" or the file path)."""

    gap_days: int = default("gap_days")
    prolonged_days: int = default("prolonged_days")
    prolonged_level: int = default("prolonged_level")
    severe_level: int = default("severe_level")
    severe_days: int = default("severe_days")
    streak_days: int = default("streak_days")
    frequent_days: int = default("frequent_days")
    persistent_days: int = default("persistent_days")
    timezone: str | None = None
    emergency_number: str | None = None
    # The config file's [activity_parts] table: sport -> the parts an activity of it
    # loads, before the default table (domain/activity_parts.py).
    activity_parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict, compare=False)


def validate(key: str, value: Any) -> Any:
    """Return the checked value for `key`; ValueError explains what is allowed."""
    if key == "timezone":
        if value in (None, ""):
            return None
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(str(value))
        except (ValueError, OSError, KeyError):
            raise ValueError(f"timezone '{value}' is not an IANA zone like Europe/Paris") from None
        return str(value)
    if key == "emergency_number":
        number = str(value).strip() if value is not None else ""
        if not number:
            return None
        dialled = all(ch.isascii() and (ch.isdigit() or ch in " +-()") for ch in number)
        if len(number) > 20 or not dialled or not any(ch.isdigit() for ch in number):
            raise ValueError(
                f"emergency_number '{number}' must be digits (spaces, +, - and brackets "
                "allowed), like the number you would dial"
            )
        return number
    if key not in THRESHOLDS:
        raise ValueError(f"unknown setting '{key}'; settings are: {', '.join(KEYS)}")
    _, low, high, _ = THRESHOLDS[key]
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value))
        except ValueError:
            raise ValueError(f"{key} must be a whole number from {low} to {high}") from None
    if not low <= value <= high:
        raise ValueError(f"{key} must be a whole number from {low} to {high}, not {value}")
    return value


def meaning(key: str) -> str:
    """What a setting does, in the words `config show` prints."""
    if key == "emergency_number":
        return EMERGENCY_NUMBER_MEANING
    return TIMEZONE_MEANING if key == "timezone" else THRESHOLDS[key][3]


def shown(key: str, value: Any) -> str:
    """A setting's value as people read it: an unset time zone is the system's."""
    if value is None:
        return {"timezone": "system time zone", "emergency_number": "none"}.get(key, "unset")
    return str(value)
