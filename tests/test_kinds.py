"""Every record kind is one statement in domain/kinds.py, and each layer's map is derived
from it: the table (as the migrations made it, on SQLite here and on PostgreSQL in
test_postgres), the export columns, the checks, the edit options and the describe line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import typer

from sorelog.cli import app
from sorelog.domain.kinds import KIND_NAMES, KINDS, RECORD_KEYS, SPEC_KEYS, RecordKind, kind_named
from sorelog.formats.columns import HEADER
from sorelog.store import open_journal
from sorelog.store.days import DAY_TABLES
from sorelog.store.tables import table_of


@pytest.mark.parametrize("kind", KINDS, ids=KIND_NAMES)
def test_each_kind_is_derived_from_its_statement(kind: RecordKind, tmp_path) -> None:
    assert kind_named(kind.name) is kind
    assert set(kind.export_columns) <= set(HEADER)
    assert "note" in kind.columns
    # store: the migrated table has exactly the columns the statement derives, in order
    journal = open_journal(tmp_path / "j.db", create=True, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert journal is not None
    with journal:
        migrated = [row[1] for row in journal.db.execute(f"PRAGMA table_info({kind.table})")]
    assert migrated == [column.name for column in table_of(kind.name).columns]
    assert migrated == ["id", "at", "day", *kind.columns]
    assert kind.table in DAY_TABLES
    # cli: the command that logs it, and every edit option it takes
    command = typer.main.get_command(app)
    for word in kind.command.split():
        command = command.commands[word]  # type: ignore[attr-defined]
    edit = typer.main.get_command(app).commands["edit"]  # type: ignore[attr-defined]
    options = {opt for param in edit.params for opt in param.opts}
    assert set(kind.edit_options) <= options


def test_the_kinds_are_the_ones_the_spec_names() -> None:
    # Literal expectations, so a slip in a statement fails here (SPEC "Managing", "export").
    assert [(k.name, k.label, k.table, k.command) for k in KINDS] == [
        ("soreness", "soreness", "soreness", "add"),
        ("remedy", "remedy", "remedy_use", "remedy add"),
        ("side_effect", "side effect", "side_effect", "side-effect"),
        ("workout", "workout", "workout", "workout"),
        ("checkin", "check-in", "checkin", "checkin"),
    ]
    assert RECORD_KEYS == SPEC_KEYS == (
        "record", "id", "at", "body_part", "side", "severity", "kind", "cause", "symptoms",
        "remedy", "amount", "unit", "effect", "note", "enjoyment", "activity",
        "sport", "duration", "distance", "source",
    )  # fmt: skip
    # Each field fills the export column the spec gives it; a kind's own names stay its own.
    assert {k.name: tuple((f.name, f.export) for f in k.fields) for k in KINDS} == {
        "soreness": (("body_part", "body_part"), ("side", "side"), ("severity", "severity"),
                     ("kind", "kind"), ("cause", "cause"), ("symptoms", "symptoms"),
                     ("note", "note")),
        "remedy": (("remedy", "remedy"), ("amount", "amount"), ("unit", "unit"),
                   ("base_amount", None), ("base_unit", None), ("body_part", "body_part"),
                   ("side", "side"), ("note", "note")),
        "side_effect": (("effect", "effect"), ("remedy", "remedy"), ("severity", "severity"),
                        ("note", "note")),
        "workout": (("name", "cause"), ("parts", "body_part"), ("note", "note"),
                    ("sport", "sport"), ("seconds", "duration"), ("metres", "distance"),
                    ("source", "source")),
        "checkin": (("pain", "severity"), ("enjoyment", "enjoyment"),
                    ("activity", "activity"), ("note", "note")),
    }  # fmt: skip
    assert kind_named("soreness").edit_options == (
        "--part", "--side", "--severity", "--kind", "--cause", "--symptom", "--no-symptoms",
        "--at", "--note",
    )  # fmt: skip


def test_the_export_selects_follow_the_kinds() -> None:
    # A record of each kind comes back with exactly its own fields filled in.
    from sorelog.store.records import _select_of

    for kind in KINDS:
        sql = _select_of(kind.name)
        assert f"FROM {kind.table}" in sql
        assert sql.count("NULL") == len(RECORD_KEYS) - 3 - len(kind.export_columns)
