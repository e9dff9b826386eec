"""The kinds of record sorelog keeps, each stated once: its names, its table and its fields.

Everything else about a kind is derived from its statement here, by small functions in
the layer that needs it:
- its table, for SQLite and PostgreSQL (store/kind_tables.py: id, at, day, then a column
  per field, typed and bounded as the field says);
- its export columns (formats/columns.py and store/records.py: each field fills the
  export column it names);
- its checks (domain/record_checks.py: each field's check, then the kind's `complete`),
  the same for the add command, `sorelog edit` and `sorelog import`;
- its edit options (each field's `option`, then --at and --note);
- its describe line, in `sorelog list` and after every add (`describe`).

A new kind is one more statement, passed to `register`, plus its migration step
(store/kind_tables.create_table) and the command that logs it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sorelog.domain import describing
from sorelog.domain import field_checks as checks
from sorelog.domain.field_checks import Check

Values = dict[str, Any]


@dataclass(frozen=True)
class Field:
    """One value a kind keeps, in a column of its own."""

    name: str  # its column in the kind's table
    type: type  # int, float or str: the column's type
    export: str | None  # the export column it fills; None: derived, kept for sorelog alone
    option: str | None = None  # the option that sets it (`sorelog edit`, the add command)
    required: bool = False  # a record always has it
    check: Check = checks.text  # the value as given -> the value kept (domain/field_checks.py)
    low: float | None = None  # bounds the journal enforces too (a CHECK on the column)
    high: float | None = None
    example: str = ""  # for the message when it is missing: "like quads"
    clear_option: str | None = None  # an edit option that empties it: --no-symptoms
    empty: Any = None  # what the journal keeps when it is not given
    also_clears: tuple[str, ...] = ()  # fields emptied with it: a part's side, a dose's unit
    listed: bool = False  # kept ";"-joined, a list in JSON and in the export shape
    joined: bool = False  # kept ";"-joined, as text in JSON and in the export shape
    help: str = ""  # what `sorelog edit --help` says of its option for this kind

    @property
    def free(self) -> bool:
        """Words kept exactly as given (a note, a cause): only "" is empty, and a file's
        cells of it are checked one by one, not cached."""
        return self.check is checks.text


NOTE = Field("note", str, "note", "--note")


@dataclass(frozen=True)
class RecordKind:
    """One kind of record: its names, its table, its fields, and the rules across them."""

    name: str  # as exports, imports and the JSON name it: "side_effect"
    label: str  # as people read it: "side effect"
    table: str  # the journal table that holds it
    command: str  # the command that logs one: "side-effect"
    fields: tuple[Field, ...]  # besides id, at and day, in column order: the note last of
    # the first ones, and any added later after it, as ALTER TABLE adds their columns
    # The rules across fields, on the whole record once each field is checked: the values
    # derived from others (a dose in its base unit), or ValueError (a side without a part).
    complete: Callable[[Values], Values] = field(default=lambda values: {})
    # What the record is, in a few words, from a record in the export shape.
    describe: Callable[[Mapping[str, Any]], str] = describing.by_fields

    @property
    def columns(self) -> tuple[str, ...]:
        """Its own columns besides id, at and day, in order."""
        return tuple(f.name for f in self.fields)

    @property
    def exported(self) -> tuple[Field, ...]:
        """The fields an export carries (the derived ones are recomputed on import)."""
        return tuple(f for f in self.fields if f.export is not None)

    @property
    def export_columns(self) -> tuple[str, ...]:
        return tuple(f.export for f in self.fields if f.export is not None)

    @property
    def edit_options(self) -> tuple[str, ...]:
        """The `sorelog edit` options that apply, in help order: its fields', then --at and
        --note (every record has a moment and a note)."""
        found = [
            option
            for f in self.fields
            if f is not NOTE
            for option in (f.option, f.clear_option)
            if option is not None
        ]
        return (*found, "--at", "--note")

    def by_option(self, option: str) -> Field:
        """The field an option sets; KeyError if it sets none of this kind's."""
        for f in self.fields:
            if option in (f.option, f.clear_option):
                return f
        raise KeyError(option)

    def by_export(self, column: str) -> Field:
        for f in self.fields:
            if f.export == column:
                return f
        raise KeyError(column)


def _side_needs_part(values: Values) -> Values:
    if values.get("side") and not values.get("body_part"):
        raise ValueError("a side needs a body part")
    return {}


def _dose_in_base_units(values: Values) -> Values:
    """A remedy's dose also in its unit family's base unit (mg, ml, min), to add and compare."""
    from sorelog.domain.doses import Dose

    _side_needs_part(values)
    amount, unit = values.get("amount"), values.get("unit")
    if amount is None and unit is not None:
        raise ValueError(f"unit '{unit}' has no amount")
    if amount is not None and unit is None:
        raise ValueError(f"amount {checks.as_text(amount)} needs a unit, like mg or tablets")
    base = Dose(amount, unit).base if amount is not None and unit is not None else None
    return {"base_amount": base and base.amount, "base_unit": base and base.unit}


_SEVERITY = Field("severity", int, "severity", "--severity", True, checks.severity, 0, 10,
                  "0 to 10", help="0 to 10.")  # fmt: skip
_PART = Field("body_part", str, "body_part", "--part", True, checks.part_and_side,
              example="like quads", help="the body part ('left calf').")  # fmt: skip
_SIDE = Field("side", str, "side", "--side", check=checks.side,
              help="left, right or both ('' removes it).")  # fmt: skip


SORENESS = RecordKind(
    name="soreness",
    label="soreness",
    table="soreness",
    command="add",
    fields=(
        _PART,
        _SIDE,
        _SEVERITY,
        Field(
            "kind",
            str,
            "kind",
            "--kind",
            check=checks.quality,
            help=", ".join(checks.quality_names) + " ('' removes it).",
        ),
        Field("cause", str, "cause", "--cause", help="what caused it."),
        Field(
            "symptoms",
            str,
            "symptoms",
            "--symptom",
            check=checks.symptoms,
            clear_option="--no-symptoms",
            empty="",
            listed=True,
            help="the symptoms (replaces them all; --no-symptoms removes them).",
        ),
        NOTE,
    ),
    complete=_side_needs_part,
    describe=describing.soreness,
)
REMEDY = RecordKind(
    name="remedy",
    label="remedy",
    table="remedy_use",
    command="remedy add",
    fields=(
        Field(
            "remedy",
            str,
            "remedy",
            "--remedy",
            True,
            checks.remedy,
            example="the remedy's name",
            help="its name.",
        ),
        Field(
            "amount",
            float,
            "amount",
            "--dose",
            check=checks.amount,
            also_clears=("unit",),
            help="amount with a unit ('' removes it).",
        ),
        Field("unit", str, "unit", check=checks.unit),
        Field("base_amount", float, None),  # the dose in its family's base unit: mg, ml, min
        Field("base_unit", str, None),
        Field(
            "body_part",
            str,
            "body_part",
            "--for",
            check=checks.part_and_side,
            also_clears=("side",),
            help="the body part it was for ('' removes it).",
        ),
        _SIDE,
        NOTE,
    ),
    complete=_dose_in_base_units,
    describe=describing.remedy,
)
SIDE_EFFECT = RecordKind(
    name="side_effect",
    label="side effect",
    table="side_effect",
    command="side-effect",
    fields=(
        Field(
            "effect",
            str,
            "effect",
            "--effect",
            True,
            checks.effect,
            example="like nausea",
            help="what was felt.",
        ),
        Field(
            "remedy",
            str,
            "remedy",
            "--remedy",
            check=checks.remedy,
            help="the remedy blamed ('' removes it).",
        ),
        Field(
            "severity",
            int,
            "severity",
            "--severity",
            check=checks.severity,
            low=0,
            high=10,
            help="0 to 10 ('' removes it).",
        ),
        NOTE,
    ),
    describe=describing.side_effect,
)
MAX_SECONDS = 10 * 24 * 3600  # an imported activity's duration: ten days at most
MAX_METRES = 10_000_000  # and its distance: 10,000 km
WORKOUT = RecordKind(
    name="workout",
    label="workout",
    table="workout",
    command="workout",
    fields=(
        Field(
            "name",
            str,
            "cause",
            "--name",
            True,
            checks.workout_title,
            example="its name, like leg day",
            help="its name.",
        ),
        Field(
            "parts",
            str,
            "body_part",
            "--part",
            True,
            checks.workout_parts,
            example="its parts, like quads;hams",
            joined=True,
            help="the parts it loaded (replaces them all: quads,hamstrings).",
        ),
        NOTE,
        # What a workout imported from a watch or phone export also knows (None when typed
        # by hand): the sport as the file names it, how long, how far, and the file. Added
        # after the note, as their columns were added to the table (m013).
        Field("sport", str, "sport", check=checks.word),
        Field(
            "seconds",
            float,
            "duration",
            check=checks.number(0, MAX_SECONDS),
            low=0,
            high=MAX_SECONDS,
        ),
        Field(
            "metres", float, "distance", check=checks.number(0, MAX_METRES), low=0, high=MAX_METRES
        ),
        Field("source", str, "source"),
    ),
    describe=describing.workout,
)
# The PEG scale (Krebs 2009): three 0-10 answers about the past week.
CHECKIN = RecordKind(
    name="checkin",
    label="check-in",
    table="checkin",
    command="checkin",
    fields=(
        Field(
            "pain",
            int,
            "severity",
            "--pain",
            True,
            checks.peg_answer,
            0,
            10,
            "the average pain, 0 to 10",
            help="average pain, 0 to 10.",
        ),
        Field(
            "enjoyment",
            int,
            "enjoyment",
            "--enjoyment",
            True,
            checks.peg_answer,
            0,
            10,
            "how much pain interfered with enjoyment of life, 0 to 10",
            help="how much pain got in the way of enjoyment.",
        ),
        Field(
            "activity",
            int,
            "activity",
            "--activity",
            True,
            checks.peg_answer,
            0,
            10,
            "how much pain interfered with general activity, 0 to 10",
            help="how much pain got in the way of activity.",
        ),
        NOTE,
    ),
    describe=describing.checkin,
)

# A record as lists, JSON and exports show it: these keys, in this order (the CSV header).
# The order is fixed by the spec; new columns only ever go at the end.
SPEC_KEYS = (
    "record", "id", "at", "body_part", "side", "severity", "kind", "cause", "symptoms",
    "remedy", "amount", "unit", "effect", "note", "enjoyment", "activity",
    "sport", "duration", "distance", "source",
)  # fmt: skip

# Ids are shared by every kind and never reused. Every JSON reader keeps whole numbers up
# to 2^53 - 1 exact, so no id is ever above it: whatever sorelog exports, it imports.
MAX_ID = 2**53 - 1

KINDS: tuple[RecordKind, ...] = (SORENESS, REMEDY, SIDE_EFFECT, WORKOUT, CHECKIN)
RECORD_KEYS: tuple[str, ...] = SPEC_KEYS
KIND_NAMES: tuple[str, ...] = tuple(kind.name for kind in KINDS)
_BY_NAME = {kind.name: kind for kind in KINDS}


def register(kind: RecordKind) -> None:
    """Add a kind, before the layers above read the list (their maps are built on import).
    Its export columns not yet in RECORD_KEYS go at the end of the header."""
    global KINDS, RECORD_KEYS, KIND_NAMES
    if kind.name in _BY_NAME:
        raise ValueError(f"a kind named {kind.name} exists")
    KINDS = (*KINDS, kind)
    KIND_NAMES = (*KIND_NAMES, kind.name)
    RECORD_KEYS = (*RECORD_KEYS, *(c for c in kind.export_columns if c not in RECORD_KEYS))
    _BY_NAME[kind.name] = kind


def kind_named(name: str) -> RecordKind:
    """The kind a record names itself by ("soreness", "remedy", ...); KeyError if unknown."""
    return _BY_NAME[name]


def record_list(names: tuple[str, ...] | None = None) -> str:
    """'soreness, remedy or side_effect': the kinds a file may name, for messages."""
    names = KIND_NAMES if names is None else names
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
