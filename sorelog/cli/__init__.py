"""The command line, the only package that knows Typer: parse, call a service, render."""

from sorelog.cli.main import app, main

__all__ = ["app", "main"]
