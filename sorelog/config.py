"""Flag thresholds and time zone: defaults in one place, overridden by config.toml."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
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
TIMEZONE_MEANING = "IANA time zone for calendar days, like Europe/Paris; unset = the system's"
FILE_HEADER = "# sorelog settings: 'sorelog config show' explains each one.\n"


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


def meaning(key: str) -> str:
    """What a setting does, in the words `config show` prints."""
    return TIMEZONE_MEANING if key == "timezone" else THRESHOLDS[key][3]


def default(key: str) -> Any:
    """The built-in value of a setting (None for timezone: the system's zone)."""
    return None if key == "timezone" else THRESHOLDS[key][0]


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
    """Write the settings as TOML, atomically (temp file + rename), readable only by you.

    Missing directories are created 0700 and the file is 0600, like the journal:
    thresholds and time zone say something about the person. Comments are not kept.
    """
    import tempfile

    import tomli_w

    path = path or config_path()
    if path.is_symlink():  # keep dotfile-manager links: write where they point
        path = path.resolve()
    ordered = {key: values[key] for key in KEYS if values.get(key) is not None}
    data = (FILE_HEADER + tomli_w.dumps(ordered)).encode("utf-8")
    tmp: str | None = None
    try:
        _make_private_dirs(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise SorelogError(f"cannot write config file {path}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _make_private_dirs(directory: Path) -> None:
    missing = [p for p in (directory, *directory.parents) if not p.exists()]
    for each in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another sorelog made it a moment ago
            each.mkdir(mode=0o700)
            each.chmod(0o700)


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
            values[key] = validate(key, value)
        except ValueError as exc:
            raise SorelogError(f"config file {path}: {exc}") from None
    return {key: values[key] for key in KEYS if key in values}
