"""Asking on a terminal for what was left out of a command line."""

from __future__ import annotations

import sys

import typer

from sorelog.domain.parts import parse_severity, resolve_part
from sorelog.domain.peg import QUESTIONS, parse_answer
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


def ask_severity(of: str | None = None) -> int:
    """A severity 0-10 (of the part named, when there are several), asked until it is one."""
    question = f"Severity of {of}, 0" if of else "Severity, 0"
    while True:
        try:
            return parse_severity(typer.prompt(f"{question} (none) to 10 (worst imaginable)"))
        except ValueError as exc:
            typer.echo(printable(str(exc)), err=True)


def ask_answer(name: str) -> int:
    """One PEG answer ("pain", "enjoyment" or "activity"), 0-10, asked until it is one."""
    while True:
        try:
            return parse_answer(typer.prompt(QUESTIONS[name]), name)
        except ValueError as exc:
            typer.echo(printable(str(exc)), err=True)
