"""What shell completion offers from the journal: its remedy names.

This runs on every Tab press, so importing it loads nothing: the light read-only store
modules are imported when names are wanted, and never SQLModel, SQLAlchemy or pydantic.
"""

from __future__ import annotations


def remedy_names(given: str | None) -> list[str]:
    """Every remedy name used or limited in the journal file `given` names (else the default
    one), sorted; nothing when its path cannot be worked out or it cannot be read at once
    (missing, locked, not SQLite, an older schema): completion never gets in the way."""
    from sorelog.store.paths import journal_path
    from sorelog.store.quick_reads import remedy_names as names_in

    try:
        return names_in(journal_path(given))
    except (OSError, ValueError):  # the default path's directory cannot be worked out
        return []
