"""The kinds of record sorelog keeps: the one list every layer derives its maps from.

A new kind is one entry in KINDS plus its own slots, each in its layer (the
README's design notes list them); the table maps, export columns, describe
labels, edit options, completion and dry-run counts are all read from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordKind:
    """One kind of record: its names, its table, and the fields people can give it."""

    name: str  # as exports, imports and the JSON name it: "side_effect"
    label: str  # as people read it: "side effect"
    table: str  # the journal table that holds it
    fields: tuple[str, ...]  # kept besides id, at and day, by export column, in this order
    edit_options: tuple[str, ...]  # the `sorelog edit` options that apply, in help order
    command: str  # the command that logs one: "side-effect"


SORENESS = RecordKind(
    name="soreness",
    label="soreness",
    table="soreness",
    fields=("body_part", "side", "severity", "kind", "cause", "symptoms", "note"),
    edit_options=(
        "--part",
        "--side",
        "--severity",
        "--at",
        "--cause",
        "--kind",
        "--symptom",
        "--no-symptoms",
        "--note",
    ),
    command="add",
)
REMEDY = RecordKind(
    name="remedy",
    label="remedy",
    table="remedy_use",
    fields=("remedy", "amount", "unit", "body_part", "side", "note"),
    edit_options=("--remedy", "--dose", "--for", "--side", "--at", "--note"),
    command="remedy add",
)
SIDE_EFFECT = RecordKind(
    name="side_effect",
    label="side effect",
    table="side_effect",
    fields=("effect", "remedy", "severity", "note"),
    edit_options=("--remedy", "--effect", "--severity", "--at", "--note"),
    command="side-effect",
)

WORKOUT = RecordKind(
    name="workout",
    label="workout",
    table="workout",  # columns named as the export columns they fill: the name is `cause`
    fields=("cause", "body_part", "note"),  # the name, the parts ";"-joined, a note
    edit_options=("--name", "--part", "--at", "--note"),
    command="workout",
)
CHECKIN = RecordKind(
    name="checkin",
    label="check-in",
    table="checkin",  # the PEG scale (Krebs 2009): three 0-10 answers about the past week
    fields=("severity", "enjoyment", "activity", "note"),  # average pain is `severity`
    edit_options=("--pain", "--enjoyment", "--activity", "--at", "--note"),
    command="checkin",
)

# A record as lists, JSON and exports show it: these keys, in this order (the CSV header).
# The order is fixed by the spec; new columns only ever go at the end.
RECORD_KEYS = (
    "record", "id", "at", "body_part", "side", "severity", "kind", "cause", "symptoms",
    "remedy", "amount", "unit", "effect", "note", "enjoyment", "activity",
)  # fmt: skip

# Ids are shared by every kind and never reused. Every JSON reader keeps whole numbers up
# to 2^53 - 1 exact, so no id is ever above it: whatever sorelog exports, it imports.
MAX_ID = 2**53 - 1

KINDS: tuple[RecordKind, ...] = (SORENESS, REMEDY, SIDE_EFFECT, WORKOUT, CHECKIN)
KIND_NAMES: tuple[str, ...] = tuple(kind.name for kind in KINDS)
_BY_NAME = {kind.name: kind for kind in KINDS}


def kind_named(name: str) -> RecordKind:
    """The kind a record names itself by ("soreness", "remedy", ...); KeyError if unknown."""
    return _BY_NAME[name]


def record_list(names: tuple[str, ...] = KIND_NAMES) -> str:
    """'soreness, remedy or side_effect': the kinds a file may name, for messages."""
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
