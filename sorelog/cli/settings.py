"""Commands for the config file: config show, config set."""

from sorelog.cli.app import app  # noqa: F401  (commands register on it)
