"""list, edit and delete through the CLI."""

import json

import pytest

from conftest import assert_refused, pick
from sorelog.cli import records as manage


@pytest.fixture
def filled(journal):
    journal.ok("add", "left calf", "6", "--cause", "run, 10 km", "--at", "2026-11-20T08:00")
    journal.ok("remedy", "add", "ibuprofen", "--dose", "400mg", "--at", "2026-11-20T09:00")
    journal.ok("side-effect", "nausea", "--remedy", "ibuprofen", "--at", "2026-11-20T10:00")
    journal.ok("add", "quads", "3", "--note", "[bold]sic[/bold]", "--at", "2026-11-21")
    return journal


def test_list_newest_first_with_ids(filled) -> None:
    doc = filled.json("list", "--days", "3650")
    assert [(r["id"], r["record"]) for r in doc["records"]] == [
        (4, "soreness"), (3, "side_effect"), (2, "remedy"), (1, "soreness"),
    ]  # fmt: skip
    first = doc["records"][-1]
    assert first == {
        "record": "soreness", "id": 1, "at": "2026-11-20T08:00:00+00:00",
        "body_part": "calves", "side": "left", "severity": 6, "kind": None,
        "cause": "run, 10 km", "symptoms": [], "remedy": None, "amount": None, "unit": None,
        "effect": None, "note": None, "enjoyment": None, "activity": None, "sport": None,
        "duration": None, "distance": None, "source": None,
    }  # fmt: skip
    assert doc["records"][2]["amount"] == 400 and doc["records"][2]["unit"] == "mg"
    table = filled.ok("list", "--days", "3650")
    assert "[bold]sic[/bold]" in table and "ibuprofen 400 mg" in table


def test_list_filters(filled) -> None:
    assert [
        r["id"] for r in filled.json("list", "--days", "3650", "--part", "calf")["records"]
    ] == [1]
    assert "Nothing logged" in filled.ok("list", "--days", "1")


def test_edit_each_kind(filled) -> None:
    out = filled.ok(
        "edit",
        "1",
        "--severity",
        "4",
        "--part",
        "right calf",
        "--at",
        "2026-11-19",
        "--cause",
        "",
        "--symptom",
        "swelling",
    )
    assert out.startswith("Updated #1 soreness 2026-11-19 12:00: right calf 4/10")
    row = filled.rows()[0]
    assert pick(row, "day", "body_part", "side", "severity", "kind", "cause", "symptoms") == (
        "2026-11-19",
        "calves",
        "right",
        4,
        None,
        None,
        "swelling",
    )
    filled.ok("edit", "2", "--dose", "1.2 g", "--for", "quads")
    use = filled.rows("remedy_use")[0]
    assert pick(use, "amount", "unit", "base_amount", "base_unit", "body_part", "side") == (
        1.2,
        "g",
        1200.0,
        "mg",
        "quadriceps",
        None,
    )
    filled.ok("edit", "3", "--effect", "Digestive upset", "--severity", "7")
    effect = filled.rows("side_effect")[0]
    assert (effect["effect"], effect["remedy"], effect["severity"]) == (
        "digestive-upset",
        "ibuprofen",
        7,
    )
    codes = {f["code"] for f in filled.json("report", "--as-of", "2026-11-21")["flags"]}
    assert {"red_flag", "side_effect"} <= codes


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["edit", "99", "--note", "x"], "no record #99"),
        (["edit", "1"], "nothing to change"),
        (["edit", "1", "--severity", "15"], "0 (none) to 10"),
        (["edit", "1", "--part", "hamstrng"], "did you mean"),
        (["edit", "1", "--at", "tomorrow"], "--at"),
        (["edit", "1", "--dose", "400mg"], "does not apply"),
        (["edit", "2", "--severity", "3"], "does not apply"),
        (["edit", "2", "--dose", "2 tablets"], "cannot be added"),
        (["edit", "2", "--dose", "0mg"], "more than zero"),
        (["edit", "3", "--kind", "ache"], "does not apply"),
        (["edit", "x", "--note", "y"], "ID must be a whole number"),
        (["delete", "1"], "--yes"),
        (["delete", "99", "--yes"], "no record #99"),
    ],
)
def test_refused_edits_change_nothing(filled, args, says) -> None:
    filled.ok("remedy", "add", "ibuprofen", "--dose", "200mg", "--at", "2026-11-21")
    before = filled.snapshot()
    assert_refused(filled.run(*args), 2, says)
    assert filled.snapshot() == before


def test_delete_asks_and_needs_a_yes(filled, monkeypatch) -> None:
    monkeypatch.setattr(manage, "interactive", lambda: True)
    result = filled.run("delete", "1", input="n\n")
    assert result.exit_code == 0 and "Nothing deleted" in result.stdout
    assert len(filled.rows()) == 2
    result = filled.run("delete", "1", input="y\n")
    assert "Deleted #1" in result.stdout
    assert [r["id"] for r in filled.rows()] == [4]
    filled.ok("delete", "2", "--yes")
    assert filled.rows("remedy_use") == []
    # ids are never reused
    assert "#5" in filled.ok("add", "quads", "2")


def test_edit_checks_units_against_the_remedy_it_moves_to(journal) -> None:
    journal.ok("remedy", "add", "ibu", "--dose", "400mg")
    journal.ok("remedy", "limit", "ibu", "--max-daily", "1000mg")
    journal.ok("remedy", "add", "other", "--dose", "2 tablets")
    before = journal.snapshot()
    assert_refused(journal.run("edit", "2", "--remedy", "ibu"), 2, "cannot be compared")
    assert journal.snapshot() == before


def test_edit_leaves_the_record_itself_out_of_the_unit_check(journal) -> None:
    journal.ok("remedy", "add", "ibu", "--dose", "400mg")
    assert "2 tablets" in journal.ok("edit", "1", "--dose", "2 tablets")


def test_optional_fields_can_be_cleared(journal) -> None:
    journal.ok("remedy", "add", "ice", "--dose", "15 min", "--for", "left knee")
    journal.ok("edit", "1", "--dose", "", "--for", "")
    use = journal.rows("remedy_use")[0]
    assert pick(use, "amount", "unit", "base_amount", "base_unit", "body_part", "side") == (
        None,
        None,
        None,
        None,
        None,
        None,
    )
    journal.ok("add", "quads", "4", "--side", "left", "--kind", "ache")
    journal.ok("edit", "2", "--side", "", "--kind", "")
    assert journal.rows()[0]["side"] is None and journal.rows()[0]["kind"] is None
    journal.ok("side-effect", "nausea", "--remedy", "ice", "--severity", "3")
    journal.ok("edit", "3", "--remedy", "", "--severity", "")
    effect = journal.rows("side_effect")[0]
    assert (effect["remedy"], effect["severity"]) == (None, None)


def test_a_side_needs_a_body_part_on_a_remedy(journal) -> None:
    journal.ok("remedy", "add", "ice")
    assert_refused(journal.run("edit", "1", "--side", "left"), 2, "needs a body part")


def test_failed_edits_create_no_journal(journal) -> None:
    for args in (["edit", "5", "--note", "x"], ["delete", "5", "--yes"]):
        assert_refused(journal.run(*args), 2, "no record #5")
    assert "had no limits" in journal.ok("remedy", "limit", "x", "--clear")
    assert not journal.path.parent.exists()


def test_huge_ids_are_refused_as_input(journal) -> None:
    journal.ok("add", "quads", "3")
    for args in (["edit", "99999999999999999999", "--note", "x"],
                 ["delete", "99999999999999999999", "--yes"]):  # fmt: skip
        assert_refused(journal.run(*args), 2, "ID must be from 1 to")


def test_json_output_escapes_controls_a_terminal_would_obey(journal) -> None:
    journal.ok("add", "quads", "5", "--note", "n\u009b31mX\u202eY")
    out = journal.run("list", "--json").stdout
    assert "\u009b" not in out and "\u202e" not in out
    assert json.loads(out)["records"][0]["note"] == "n\u009b31mX\u202eY"


def test_list_json_streams_the_same_document_print_json_writes(journal, capsys) -> None:
    import json

    from sorelog.render.console import print_json, print_json_list

    journal.ok("add", "quads", "4", "--note", "bidi \u202e and \u0085 stay escaped", "--at",
               "2026-11-20")  # fmt: skip
    journal.ok("remedy", "add", "ice", "--dose", "15 min", "--at", "2026-11-21")
    out = journal.ok("list", "--json")
    records = json.loads(out)["records"]
    assert len(records) == 2
    print_json({"records": records})
    whole = capsys.readouterr().out
    print_json_list("records", iter(records))
    assert capsys.readouterr().out == whole == out
    print_json({"records": []})
    empty = capsys.readouterr().out
    print_json_list("records", iter(()))
    assert capsys.readouterr().out == empty
