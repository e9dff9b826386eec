"""The journal on disk: opening, upgrading, reading (sqlite3) and writing (SQLModel)."""

from sorelog.store.journal import Journal, default_db_path, open_journal

__all__ = ["Journal", "default_db_path", "open_journal"]
