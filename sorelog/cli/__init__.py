"""The command line: parse, call one store or analysis function, render, map errors."""

from sorelog.cli import remedies, soreness
from sorelog.cli.app import app

__all__ = ["app", "main", "remedies", "soreness"]


def main() -> None:
    """Console-script entry point."""
    app(prog_name="sorelog")
