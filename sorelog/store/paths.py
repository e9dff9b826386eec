"""Where the journal lives: --db or SORELOG_DB, else the platform's user data directory."""

from __future__ import annotations

from pathlib import Path


def default_db_path() -> Path:
    """<user data dir>/sorelog.db, e.g. ~/.local/share/sorelog/sorelog.db on Linux."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("sorelog")) / "sorelog.db"


def journal_path(given: str | Path | None) -> Path:
    """The journal a command line names (--db, else SORELOG_DB), else the default path."""
    if given is None or str(given) == "":
        return default_db_path()
    return Path(given).expanduser()


def journal_location(given: str | None) -> Path | str:
    """The journal a command line names: a PostgreSQL URL as given, else a file path."""
    from sorelog.store.postgres import is_postgres_url

    if given and is_postgres_url(given):
        return given
    return journal_path(given)
