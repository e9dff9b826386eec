"""Showing and changing the person's settings: the config file, one setting at a time.

Each change reads the file, checks the value and writes it back with the others kept,
so a bad value leaves the file as it was, and a file that no longer reads can be
repaired by setting the value that broke it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sorelog.domain.errors import InputError, SorelogError
from sorelog.domain.settings import Config, shown
from sorelog.store import config_file


@dataclass(frozen=True)
class Changed:
    """A setting as it was and as it is now, shown as `config show` shows them."""

    path: Path
    old: str
    new: str


def current_settings() -> tuple[Config, Path]:
    """The effective settings and the file they are read from (which may not exist)."""
    path = config_file.config_path()
    return config_file.load_config(path), path


def settings_file() -> Path:
    """Where the settings are read from (the file may not exist yet), for a hint that
    asks the person to write in it."""
    return config_file.config_path()


def set_setting(name: str, value: str) -> Changed:
    """Check one setting's new value and save it, keeping the others; an invalid value is
    an InputError and the file is left as it was. The old value of a file that does not
    read is 'not valid': setting it is how the file gets repaired."""
    path = config_file.config_path()
    try:
        old = shown(name, getattr(config_file.load_config(path), name))
    except SorelogError:
        old = "not valid"
    try:
        after = config_file.set_value(name, value, path)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return Changed(path, old, shown(name, getattr(after, name)))


def unset_setting(name: str) -> tuple[bool, Path]:
    """Remove a setting from the file so its default applies; False when it was not set
    (and the file is not written)."""
    path = config_file.config_path()
    try:
        return config_file.unset_value(name, path), path
    except ValueError as exc:  # pragma: no cover - the command checked the name
        raise InputError(str(exc)) from None
