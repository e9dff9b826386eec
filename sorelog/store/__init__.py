"""The journal on disk: the only package that knows sqlite3, SQLModel and SQL.

Every backend implements one interface, `Journal` (backend): a SQLite file (journal)
or a PostgreSQL server (postgres). Opening and upgrading (opening, migrations, days),
reads aggregated in SQL (reads, records), writes through SQLModel (writes,
bulk_import), copies (backup) and the config file (config_file).
"""

from sorelog.store.backend import Journal
from sorelog.store.opening import open_journal
from sorelog.store.paths import default_db_path, journal_path

__all__ = ["Journal", "default_db_path", "journal_path", "open_journal"]
