"""Every record kind in domain/kinds.py has each of its slots, in every layer.

Adding a kind is one entry in KINDS plus these slots; this test names the one missing.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import typer

from sorelog.cli import app
from sorelog.domain.kinds import KIND_NAMES, KINDS, RECORD_KEYS, RecordKind, kind_named
from sorelog.formats.check import CHECKERS
from sorelog.formats.columns import HEADER
from sorelog.render.records import DESCRIBERS
from sorelog.store import open_journal
from sorelog.store.days import DAY_TABLES
from sorelog.store.tables import TABLES, model_for


@pytest.mark.parametrize("kind", KINDS, ids=KIND_NAMES)
def test_every_kind_has_its_slots(kind: RecordKind, tmp_path) -> None:
    assert kind_named(kind.name) is kind
    assert set(kind.fields) <= set(HEADER) == set(RECORD_KEYS)
    assert kind.fields[-1] == "note"  # the import checkers add the note to every kind
    # store: a migration step made its table, with a column for each field, and a model
    journal = open_journal(tmp_path / "j.db", create=True, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert journal is not None
    with journal:
        columns = {row[1] for row in journal.db.execute(f"PRAGMA table_info({kind.table})")}
    assert {"id", "at", "day", *kind.fields} <= columns
    assert model_for(kind.name) is TABLES[kind.table]
    assert kind.table in DAY_TABLES
    # formats: a row checker; render: a describe line
    assert kind.name in CHECKERS
    assert kind.name in DESCRIBERS
    # cli: the command that logs it, and every edit option it takes
    command = typer.main.get_command(app)
    for word in kind.command.split():
        command = command.commands[word]  # type: ignore[attr-defined]
    edit = typer.main.get_command(app).commands["edit"]  # type: ignore[attr-defined]
    options = {opt for param in edit.params for opt in param.opts}
    assert set(kind.edit_options) <= options


def test_the_kinds_are_the_ones_the_spec_names() -> None:
    # Literal expectations, so a slip in the list itself fails here (SPEC "Managing").
    assert [(k.name, k.label, k.table) for k in KINDS] == [
        ("soreness", "soreness", "soreness"),
        ("remedy", "remedy", "remedy_use"),
        ("side_effect", "side effect", "side_effect"),
        ("workout", "workout", "workout"),
        ("checkin", "check-in", "checkin"),
    ]
    assert RECORD_KEYS == (
        "record", "id", "at", "body_part", "side", "severity", "kind", "cause", "symptoms",
        "remedy", "amount", "unit", "effect", "note", "enjoyment", "activity",
    )  # fmt: skip
    assert kind_named("checkin").fields == ("severity", "enjoyment", "activity", "note")
    assert kind_named("checkin").command == "checkin"
    assert {k: model_for(k).__tablename__ for k in KIND_NAMES} == {
        "soreness": "soreness",
        "remedy": "remedy_use",
        "side_effect": "side_effect",
        "workout": "workout",
        "checkin": "checkin",
    }


def test_no_slot_names_a_kind_that_does_not_exist() -> None:
    assert set(CHECKERS) == set(DESCRIBERS) == set(KIND_NAMES)
    assert len(set(KIND_NAMES)) == len(KINDS)


def test_the_export_selects_follow_the_kinds(tmp_path) -> None:
    # A record of each kind comes back with exactly its own fields filled in.
    from sorelog.store.records import _SELECTS

    for kind in KINDS:
        sql = _SELECTS[kind.name]
        assert f"FROM {kind.table}" in sql
        assert sql.count("NULL") == len(RECORD_KEYS) - 3 - len(kind.fields)
