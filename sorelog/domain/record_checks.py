"""One checker for every kind: the values given for a record, checked field by field
with the checks its statement names (domain/kinds.py), then across fields.

The add commands, `sorelog edit` and `sorelog import` all call `check_record`; they
differ only in how they name where a value came from (an option, a column), which
`FieldError.said` puts in front of the message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sorelog.domain.field_checks import Several
from sorelog.domain.kinds import Field, RecordKind, Values

# A message that starts with one of these says what its value is, not what it is called:
# the caller's name for the value goes in front ("--hours must be a number ...").
_PREDICATES = ("must ", "is ", "holds ", "needs ")


class FieldError(ValueError):
    """A value refused, with the field it was given for (None: the record as a whole)."""

    def __init__(
        self, message: str, field: Field | None = None, clash: tuple[Field, Any, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.clash = clash  # another field that gave a different value, and the two values

    def said(self, names: Callable[[Field], str | None]) -> str:
        """The message, naming each value as the caller knows it (`names`: an option, a
        column) for the field it was given for."""
        name = names(self.field) if self.field is not None else None
        if self.clash is not None and self.field is not None:
            other, mine, theirs = self.clash
            plural = self.message
            return f"{plural}: '{theirs}' in {names(other)} and '{mine}' in {name}"
        if not name:
            return self.message
        if self.message.startswith(_PREDICATES):
            return f"{name} {self.message}"
        if not name.startswith("-") and self.message.startswith(name):
            return self.message  # it names its column already: "severity must be ..."
        return f"{name}: {self.message}"


def blank(value: Any) -> bool:
    """Nothing given: None, empty or only spaces, an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | tuple) and not value


def check_record(
    kind: RecordKind,
    given: Mapping[str, Any],
    before: Mapping[str, Any] | None = None,
    *,
    partial: bool = False,
) -> Values:
    """The values to keep for the fields `given` (by field name, as typed or as a file
    holds them), each checked, then the whole record checked across its fields.

    A new record (`before` None) gets every field: each one not given is empty, and a
    required one missing is refused. An edit (`before`, the record's values by field
    name) changes only the fields given; the result is checked as a whole with them.
    `partial`: only the fields given are checked (a command checks its options before it
    asks for the rest).
    """
    values: Values = {}
    said_by: dict[str, Field] = {}
    for field in kind.fields:
        if field.name not in given:
            continue
        value = given[field.name]
        if value is None or value == "" if field.free else blank(value):
            if field.required:
                raise FieldError(_missing(kind, field), field)
            found: Any = Several({field.name: field.empty})
            if before is not None:  # an edit that empties it empties those too
                found.update(dict.fromkeys(field.also_clears))
        else:
            try:
                found = field.check(value)
            except FieldError:
                raise
            except ValueError as exc:
                raise FieldError(str(exc), field) from None
            if not isinstance(found, Several):
                found = Several({field.name: found})
        for name, item in found.items():
            if item is None and name in values and said_by[name] is not field:
                continue  # left empty here, given with another field
            if name in values and said_by[name] is not field and values[name] != item:
                clash = (said_by[name], item, values[name])
                raise FieldError(f"two different {_plural(name)}", field, clash)
            if name not in values or said_by[name] is field or values[name] is None:
                values[name] = item
                said_by[name] = field
    if partial:
        return values
    if before is None:
        for field in kind.fields:
            if field.name not in values:
                if field.required and field.export is not None:
                    raise FieldError(_missing(kind, field), field)
                values[field.name] = field.empty
    whole = {**(before or {}), **values}
    try:
        values.update(kind.complete(whole))
    except ValueError as exc:
        raise FieldError(str(exc)) from None
    return values


def _missing(kind: RecordKind, field: Field) -> str:
    example = f", {field.example}" if field.example else ""
    return f"is missing; a {kind.label} record needs it{example}"


def _plural(name: str) -> str:
    return name.replace("_", " ") + ("" if name.endswith("s") else "s")
