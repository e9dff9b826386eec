"""The command line: parse, call one store or analysis function, render, map errors."""

from sorelog.cli import manage, remedies, settings, soreness, transfer
from sorelog.cli.app import app

__all__ = ["app", "main", "manage", "remedies", "settings", "soreness", "transfer"]


def main() -> None:
    """Console-script entry point."""
    app(prog_name="sorelog")
