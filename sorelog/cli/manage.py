"""Commands that correct the journal: list, edit, delete."""

from sorelog.cli.app import app  # noqa: F401  (commands register on it)
