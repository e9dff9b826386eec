"""Commands that move the journal: export, import, backup."""

from sorelog.cli.app import app  # noqa: F401  (commands register on it)
