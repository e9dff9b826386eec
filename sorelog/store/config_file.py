"""The config file: reading it, and changing one setting at a time without losing others."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sorelog.domain.activity_parts import check_activity_parts, sport_key
from sorelog.domain.errors import SorelogError
from sorelog.domain.settings import KEYS, Config, validate
from sorelog.store.private_files import write_private

ACTIVITY_PARTS = "activity_parts"  # the one table in the file: sport = [parts]
FILE_HEADER = "# sorelog settings: 'sorelog config show' explains each one.\n"


def config_path() -> Path:
    """SORELOG_CONFIG, else config.toml in the platform's user config directory."""
    if env := os.environ.get("SORELOG_CONFIG"):
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("sorelog")) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read the config file if there is one; a missing file means the defaults."""
    path = path or config_path()
    values = _read_file(path)
    sources = {key: (str(path) if key in values else "default") for key in KEYS}
    return Config(**values, sources=sources)


def set_value(key: str, value: Any, path: Path | None = None) -> Config:
    """Validate one setting and save it, keeping the others; returns the new config.

    An empty timezone means the system's zone, so it is removed rather than written.
    ValueError (bad key or value) leaves the file as it was.
    """
    path = path or config_path()
    checked = validate(key, value)
    with _changing(path):
        values = _read_file(path, replacing=key)
        if checked is None:
            values.pop(key, None)
        else:
            values[key] = checked
        save_config(values, path)
    return load_config(path)


def unset_value(key: str, path: Path | None = None) -> bool:
    """Remove a setting so its default applies; False (and no write) if it was not set."""
    if key not in KEYS:
        raise ValueError(f"unknown setting '{key}'; settings are: {', '.join(KEYS)}")
    path = path or config_path()
    with _changing(path):
        values = _read_file(path, replacing=key)
        if not _raw_has(path, key):
            return False
        values.pop(key, None)
        save_config(values, path)
    return True


def save_config(values: dict[str, Any], path: Path | None = None) -> None:
    """Write the settings as TOML, atomically, readable only by you.

    Missing directories are created 0700 and the file is 0600, like the journal:
    thresholds and time zone say something about the person. Comments are not kept.
    """
    import tomli_w

    path = path or config_path()
    if path.is_symlink():  # keep dotfile-manager links: write where they point
        path = path.resolve()
    ordered: dict[str, Any] = {key: values[key] for key in KEYS if values.get(key) is not None}
    if own := values.get(ACTIVITY_PARTS):  # a table, so after the plain settings
        ordered[ACTIVITY_PARTS] = {sport: list(parts) for sport, parts in own.items()}
    data = (FILE_HEADER + tomli_w.dumps(ordered)).encode("utf-8")
    try:
        write_private(path, data, make_dirs=True)
    except OSError as exc:
        raise SorelogError(f"cannot write config file {path}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _changing(path: Path) -> Iterator[None]:
    """Lock the config file's directory while the file is read, changed and written, so two
    `config set` runs at once cannot lose a change (POSIX; no lock elsewhere or before the
    directory exists)."""
    try:
        import fcntl

        handle = os.open(path.parent, os.O_RDONLY)
    except (ImportError, OSError):
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _raw_has(path: Path, key: str) -> bool:
    """Whether the file sets `key` at all (valid or not)."""
    import tomllib

    try:
        return key in tomllib.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return False


def _read_file(path: Path, replacing: str | None = None) -> dict[str, Any]:
    """The checked settings in the file, in KEYS order; {} if there is no file.

    The value of `replacing` is not checked, so `config set`/`unset` can repair it.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise SorelogError(f"cannot read config file {path}: {exc.strerror}") from None
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SorelogError(f"config file {path} is not valid TOML: {exc}") from None
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == replacing:
            continue
        try:
            values[key] = _activity_parts(value) if key == ACTIVITY_PARTS else validate(key, value)
        except ValueError as exc:
            raise SorelogError(f"config file {path}: {exc}") from None
    found = {key: values[key] for key in KEYS if key in values}
    if ACTIVITY_PARTS in values:
        found[ACTIVITY_PARTS] = values[ACTIVITY_PARTS]
    return found


def _activity_parts(value: Any) -> dict[str, tuple[str, ...]]:
    """The [activity_parts] table: each sport (as the readers name it: lower case, single
    spaces) with its checked parts."""
    if not isinstance(value, dict):
        raise ValueError('activity_parts must be a table, like [activity_parts] running = '
                         '["quadriceps", "calves"]')  # fmt: skip
    table: dict[str, tuple[str, ...]] = {}
    named: dict[str, str] = {}
    for sport, parts in value.items():
        key = sport_key(sport)
        if key in named:  # one would silently replace the other
            raise ValueError(f"activity_parts: '{named[key]}' and '{sport}' name the same sport")
        named[key] = sport
        table[key] = check_activity_parts(sport, parts)
    return table
