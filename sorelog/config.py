"""Flag thresholds and time zone: defaults in one place, overridden by config.toml."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sorelog.errors import SorelogError

# key -> (default, smallest allowed, largest allowed, what it means)
THRESHOLDS: dict[str, tuple[int, int, int, str]] = {
    "gap_days": (3, 1, 60, "days without an entry that end an episode"),
    "prolonged_days": (7, 1, 365, "episode length (days) beyond which soreness is prolonged"),
    "severe_level": (8, 1, 10, "severity counted as severe"),
    "severe_days": (2, 1, 365, "days at severe_level in one episode that make a severe flag"),
    "streak_days": (7, 1, 365, "consecutive days of a remedy before a break is advised"),
}
KEYS = (*THRESHOLDS, "timezone")


@dataclass(frozen=True)
class Config:
    """Effective settings and where each came from ("default" or the file path)."""

    gap_days: int = 3
    prolonged_days: int = 7
    severe_level: int = 8
    severe_days: int = 2
    streak_days: int = 7
    timezone: str | None = None
    sources: dict[str, str] = field(default_factory=dict, compare=False)


def config_path() -> Path:
    """SORELOG_CONFIG, else config.toml in the platform's user config directory."""
    if env := os.environ.get("SORELOG_CONFIG"):
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("sorelog")) / "config.toml"


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


def load_config(path: Path | None = None) -> Config:
    """Read the config file if there is one; a missing file means the defaults."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(sources=dict.fromkeys(KEYS, "default"))
    except OSError as exc:
        raise SorelogError(f"cannot read config file {path}: {exc.strerror}") from None
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SorelogError(f"config file {path} is not valid TOML: {exc}") from None
    values: dict[str, Any] = {}
    for key, value in data.items():
        try:
            values[key] = validate(key, value)
        except ValueError as exc:
            raise SorelogError(f"config file {path}: {exc}") from None
    sources = {key: (str(path) if key in values else "default") for key in KEYS}
    return Config(**values, sources=sources)
