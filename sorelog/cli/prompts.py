"""Asking on a terminal for what was left out of a command line."""

from __future__ import annotations

import sys

import typer

from sorelog.domain.parts import parse_severity, resolve_part
from sorelog.domain.safe_text import printable


def interactive() -> bool:
    """Whether someone is there to answer: a prompt without a terminal would hang."""
    return sys.stdin.isatty()


def ask_part() -> tuple[str, str | None]:
    """A body part (and side), asked until it is one sorelog knows."""
    while True:
        try:
            return resolve_part(typer.prompt("Body part"))
        except ValueError as exc:
            typer.echo(printable(str(exc)), err=True)


def ask_severity() -> int:
    """A severity 0-10, asked until it is one."""
    while True:
        try:
            return parse_severity(typer.prompt("Severity, 0 (none) to 10 (worst imaginable)"))
        except ValueError as exc:
            typer.echo(printable(str(exc)), err=True)
