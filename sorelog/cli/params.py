"""Options and arguments shared by commands, and the adapters that check their values.

An adapter given as `parser=` raises `ValueProblem`; the exit point prints it as
"--option: what is wrong", so no command translates these errors by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import typer

from sorelog.domain.doses import parse_dose
from sorelog.domain.inputs import PartSide
from sorelog.domain.parts import resolve_part

T = TypeVar("T")


class ValueProblem(typer.BadParameter):
    """A value an adapter refused; the exit point names the option it was given to."""


def _checked(parse: Callable[[str], T]) -> Callable[[str], T]:
    """Turn a domain parser's ValueError into a ValueProblem for the option it checks."""

    def adapter(text: str) -> T:
        try:
            return parse(text)
        except ValueError as exc:
            raise ValueProblem(str(exc)) from None

    return adapter


__all__ = ["PartSide", "ValueProblem", "dose_value", "part_value"]

part_value = _checked(lambda text: PartSide(*resolve_part(text)))
dose_value = _checked(parse_dose)


AtOption = Annotated[
    str | None,
    typer.Option(
        help="When: 2026-11-20, 2026-11-20T08:30, yesterday, '2 days ago', 07:30, "
        "'yesterday 18:30' (a day, then a time). Default: now."
    ),
]
NoteOption = Annotated[str | None, typer.Option(help="Anything else worth remembering.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
