"""Remedies, limits and side effects through the CLI."""

import pytest

from conftest import assert_refused


def test_remedy_add_normalises_and_converts(journal) -> None:
    out = journal.ok(
        "remedy",
        "add",
        "  Ibuprofen ",
        "--dose",
        "1.5 g",
        "--for",
        "left calf",
        "--at",
        "2026-11-20",
    )
    assert out.strip() == "Logged #1: remedy ibuprofen 1.5 g for left calf at 2026-11-20 12:00"
    journal.ok("remedy", "add", "ibuprofen", "--dose", "400mg", "--at", "2026-11-20")
    rows = journal.rows("remedy_use")
    named = ("remedy", "amount", "unit", "base_amount", "base_unit", "body_part", "side")
    assert [tuple(r[name] for name in named) for r in rows] == [
        ("ibuprofen", 1.5, "g", 1500.0, "mg", "calves", "left"),
        ("ibuprofen", 400.0, "mg", 400.0, "mg", None, None),
    ]
    doc = journal.json("report", "--as-of", "2026-11-20")
    assert doc["remedies"] == [
        {
            "remedy": "ibuprofen",
            "days_used": 1,
            "longest_streak": 1,
            "total": {"amount": 1900, "unit": "mg"},
            "totals": [{"amount": 1900, "unit": "mg"}],
            "side_effects": 0,
            "associations": [],
        }
    ]


def test_a_fortnight_of_doses_gives_exactly_the_spec_flags(journal) -> None:
    journal.ok("remedy", "limit", "ibuprofen", "--max-daily", "1.2 g", "--max-days", "10")
    for day in range(1, 15):  # 14 days in a row
        journal.ok("remedy", "add", "ibuprofen", "--dose", "400mg", "--at", f"2026-11-{day:02d}")
    # exactly the limit on the 5th, just above it on the 9th (two doses each)
    journal.ok("remedy", "add", "ibuprofen", "--dose", "800 mg", "--at", "2026-11-05T20:00")
    journal.ok("remedy", "add", "ibuprofen", "--dose", "801mg", "--at", "2026-11-09T20:00")
    for day in (3, 10):
        journal.ok("remedy", "add", "ice", "--dose", "15 min", "--at", f"2026-11-{day:02d}")
    journal.ok(
        "side-effect",
        "digestive upset",
        "--remedy",
        "Ibuprofen",
        "--severity",
        "3",
        "--at",
        "2026-11-06",
    )
    journal.ok("side-effect", "insomnia", "--at", "2026-11-07", "--severity", "8")
    doc = journal.json("report", "--as-of", "2026-11-14")
    flags = sorted((f["code"], f["level"], f["remedy"], f["since"]) for f in doc["flags"])
    assert flags == [
        ("remedy_limit", "follow_up", "ibuprofen", "2026-11-09"),
        ("remedy_streak", "caution", "ibuprofen", "2026-11-11"),
        ("side_effect", "caution", "ibuprofen", "2026-11-06"),
        ("side_effect", "follow_up", None, "2026-11-07"),
    ]
    remedies = {r["remedy"]: r for r in doc["remedies"]}
    assert remedies["ibuprofen"]["days_used"] == 14
    assert remedies["ibuprofen"]["longest_streak"] == 14
    assert remedies["ibuprofen"]["total"] == {"amount": 14 * 400 + 800 + 801, "unit": "mg"}
    assert remedies["ibuprofen"]["side_effects"] == 1
    assert remedies["ice"]["total"] == {"amount": 30, "unit": "min"}
    # one more day makes 15 of 30: frequent use
    journal.ok("remedy", "add", "ibuprofen", "--dose", "200mg", "--at", "2026-11-15")
    codes = {f["code"] for f in journal.json("report", "--as-of", "2026-11-15")["flags"]}
    assert "frequent_use" in codes
    table = journal.ok("report", "--as-of", "2026-11-15")
    for text in ("Remedies and side effects", "ibuprofen", "remedy_streak", "frequent_use"):
        assert text in table


def test_remedy_list(journal) -> None:
    assert "No remedies yet" in journal.ok("remedy", "list")
    journal.ok("remedy", "limit", "paracetamol", "--max-daily", "3g")
    journal.ok("remedy", "add", "magnesium", "--dose", "2 tablets", "--at", "yesterday")
    journal.ok("remedy", "add", "magnesium", "--dose", "1 tablet")
    doc = journal.json("remedy", "list")
    assert doc["remedies"] == [
        {
            "remedy": "magnesium",
            "max_daily": None,
            "max_days": None,
            "max_days_in_30": None,
            "days_used_30": 2,
            "current_streak": 2,
            "last_used": doc["remedies"][0]["last_used"],
        },
        {
            "remedy": "paracetamol",
            "max_daily": {"amount": 3, "unit": "g"},
            "max_days": None,
            "max_days_in_30": None,
            "days_used_30": 0,
            "current_streak": 0,
            "last_used": None,
        },
    ]
    assert "paracetamol" in journal.ok("remedy", "list")


def test_limits_merge_and_clear(journal) -> None:
    journal.ok("remedy", "limit", "ibuprofen", "--max-daily", "1200mg")
    out = journal.ok("remedy", "limit", "ibuprofen", "--max-days", "5")
    assert "1200 mg a day" in out and "5 days in a row" in out
    assert "removed" in journal.ok("remedy", "limit", "ibuprofen", "--clear")
    assert journal.rows("remedy_limit") == []


def test_association_shows_only_with_enough_days(journal) -> None:
    for day, severity, took in [
        (1, 6, True),
        (2, 5, False),
        (3, 6, True),
        (4, 4, False),
        (5, 6, True),
        (6, 5, False),
        (7, 5, False),
        (8, 4, False),
    ]:
        journal.ok("add", "quads", str(severity), "--at", f"2026-11-{day:02d}")
        if took:
            journal.ok("remedy", "add", "ibuprofen", "--for", "quads", "--at", f"2026-11-{day:02d}")
    (remedy,) = journal.json("report", "--as-of", "2026-11-08")["remedies"]
    (assoc,) = remedy["associations"]
    assert assoc["body_part"] == "quadriceps"
    assert (assoc["days_taken"], assoc["days_not_taken"]) == (3, 4)
    assert "not proof" in journal.ok("report", "--as-of", "2026-11-08")
    (remedy,) = journal.json("report", "--as-of", "2026-11-06")["remedies"]
    assert remedy["associations"] == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["remedy", "add", "ibuprofen", "--dose", "lots"], "cannot read dose"),
        (["remedy", "add", "ibuprofen", "--dose", "400"], "needs a unit"),
        (["remedy", "add", "ibuprofen", "--dose", "0mg"], "more than zero"),
        (["remedy", "add", "ibuprofen", "--dose", "-200mg"], "more than zero"),
        (["remedy", "add", "ibuprofen", "--dose", "2 spoons"], "unknown unit"),
        (["remedy", "add", "ibuprofen", "--dose", "2 tablets"], "cannot be compared"),
        (["remedy", "add", "ibuprofen", "--dose", "5 ml"], "cannot be compared"),
        (["remedy", "add", "   "], "NAME is missing"),
        (["remedy", "add", "ibuprofen", "--for", "hamstrng"], "did you mean"),
        (["remedy", "add", "ibuprofen", "--at", "tomorrow"], "--at"),
        (["remedy", "limit", "ibuprofen"], "--max-daily"),
        (["remedy", "limit", "ibuprofen", "--max-days", "0"], "--max-days"),
        (["remedy", "limit", "ibuprofen", "--max-daily", "3 tablets"], "cannot be compared"),
        (["remedy", "limit", "ibuprofen", "--clear", "--max-days", "3"], "--clear"),
        (["side-effect", "nausea", "--severity", "11"], "--severity"),
        (["side-effect", "nausea", "--severity", "bad"], "--severity"),
        (["side-effect", " "], "EFFECT is missing"),
        (["side-effect", "nausea", "--at", "2099-01-01"], "future"),
        (["remedy", "frobnicate"], "No such command"),
    ],
)
def test_refused_remedy_input_writes_nothing(journal, args: list[str], says: str) -> None:
    journal.ok("remedy", "limit", "ibuprofen", "--max-daily", "1200mg")
    journal.ok("remedy", "add", "ibuprofen", "--dose", "400mg")
    before = journal.snapshot()
    assert_refused(journal.run(*args), 2, says)
    assert journal.snapshot() == before


def test_remedy_names_print_literally(journal) -> None:
    journal.ok("remedy", "add", "[bold]arnica[/bold]", "--dose", "5 ml")
    assert "[bold]arnica[/bold]" in journal.ok("report")
    assert "[bold]arnica[/bold]" in journal.ok("remedy", "list")


def test_newcomer_mistakes_get_the_fix(journal) -> None:
    assert_refused(journal.run("remedy", "add", "ibuprofen", "400mg"), 2, "--dose 400mg")
    journal.ok("remedy", "add", "paracetamol", "--dose", "2 pills")
    assert journal.rows("remedy_use")[0]["unit"] == "tablets"  # pills count as tablets
    journal.ok("remedy", "add", "ibuprofen", "--dose", "400mg")
    assert_refused(
        journal.run("remedy", "limit", "ibuprofen", "--max-daily", "6 tablets"), 2, "give it in mg"
    )
    out = journal.ok("add", "quads", "4", "--symptom", "Dark urine", "--symptom", "dark_urine")
    assert "; symptoms: dark-urine at 2026-11-25 15:00\nURGENT: dark-urine" in out
