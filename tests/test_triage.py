"""Red flags by tier, said the moment they are logged (SPEC "Triage at once", "Symptoms",
"Remedies and side effects"), and the remedy rules' defaults and wording."""

from __future__ import annotations

import re

import pytest

from conftest import assert_refused

EMERGENCY = "Seek emergency care now: call your local emergency number."
URGENT = "Contact a clinician today."


@pytest.mark.parametrize(
    ("symptom", "level"),
    [
        ("chest-pain", "EMERGENCY"),
        ("breathless", "EMERGENCY"),
        ("confusion", "EMERGENCY"),
        ("fainting", "EMERGENCY"),
        ("saddle-numbness", "EMERGENCY"),
        ("bladder-bowel", "EMERGENCY"),
        ("dark-urine", "URGENT"),
        ("tingling", "URGENT"),
        ("warmth", "URGENT"),
        ("pop", "URGENT"),
        ("rash", "URGENT"),
    ],
)
def test_add_says_each_tier_at_once(journal, symptom: str, level: str) -> None:
    out = journal.ok("add", "quads", "5", "--symptom", symptom).splitlines()
    assert out[0].startswith("Logged #1: quadriceps 5/10")
    assert out[1].startswith(f"{level}: {symptom}")
    assert out[1].endswith(EMERGENCY if level == "EMERGENCY" else URGENT)
    flags = journal.json("report")["flags"]
    assert [(f["code"], f["level"]) for f in flags] == [("red_flag", level.lower())]


@pytest.mark.parametrize("symptom", ["stiffness", "bruising", "cramping", "headache"])
def test_recorded_symptoms_say_nothing_more(journal, symptom: str) -> None:
    assert len(journal.ok("add", "quads", "3", "--symptom", symptom).splitlines()) == 1
    assert journal.json("report")["flags"] == []


def test_dark_urine_with_weakness_the_same_day_is_an_emergency_whatever_the_parts(journal):
    first = journal.ok("add", "calves", "4", "--symptom", "dark-urine", "--at", "2026-11-25T08:00")
    assert first.splitlines()[1].startswith("URGENT: dark-urine")
    out = journal.ok("add", "quads", "4", "--symptom", "weakness", "--at", "2026-11-25T09:00")
    assert "rhabdomyolysis" in out and out.splitlines()[1].startswith("EMERGENCY:")
    flags = journal.json("report")["flags"]
    assert {(f["body_part"], f["level"]) for f in flags} == {
        ("calves", "emergency"),
        ("quadriceps", "emergency"),
    }
    assert all("rhabdomyolysis" in f["message"] for f in flags)


@pytest.mark.parametrize(
    ("effect", "level"),
    [
        ("Facial swelling", "emergency"),
        ("vomiting blood", "emergency"),
        ("seizure", "emergency"),
        ("black stools", "urgent"),
        ("yellow-skin", "urgent"),
        ("hives", "urgent"),
    ],
)
def test_side_effects_of_the_red_tiers_are_red_flags_not_cautions(journal, effect, level):
    out = journal.ok("side-effect", effect, "--remedy", "pain pills").splitlines()
    assert out[1].startswith(f"{level.upper()}: ")
    assert "as a side effect of pain pills" in out[1]
    (flag,) = journal.json("report")["flags"]
    assert (flag["code"], flag["level"], flag["remedy"]) == ("red_flag", level, "pain pills")


def test_an_ordinary_side_effect_is_still_a_caution(journal) -> None:
    assert len(journal.ok("side-effect", "dry mouth").splitlines()) == 1
    (flag,) = journal.json("report")["flags"]
    assert (flag["code"], flag["level"]) == ("side_effect", "caution")


def test_severity_ten_is_urgent_and_said_at_once(journal) -> None:
    out = journal.ok("add", "hams", "10").splitlines()
    assert out[1] == f"URGENT: hamstrings at 10/10; soreness this severe is not routine. {URGENT}"
    (flag,) = journal.json("report")["flags"]
    assert (flag["code"], flag["level"]) == ("severe", "urgent")


def test_an_old_entry_asks_whether_it_is_still_happening(journal) -> None:
    out = journal.ok("add", "quads", "4", "--symptom", "chest-pain", "--at", "2026-11-20")
    assert out.splitlines()[1] == (
        "EMERGENCY: chest-pain logged with quadriceps soreness for 2026-11-20. "
        "Is it still happening? If so, seek emergency care now: call your local emergency number."
    )
    # now is 2026-11-25 15:00 UTC: 71 h ago is recent, 73 h ago is not
    recent = journal.ok("add", "calves", "4", "--symptom", "chest-pain", "--at", "2026-11-22T16:00")
    assert "still happening" not in recent
    older = journal.ok("add", "hams", "4", "--symptom", "chest-pain", "--at", "2026-11-22T14:00")
    assert "for 2026-11-22. Is it still happening?" in older


def test_the_emergency_number_setting_is_named(journal) -> None:
    journal.ok("config", "set", "emergency_number", "112")
    out = journal.ok("add", "quads", "4", "--symptom", "fainting")
    assert out.splitlines()[1].endswith("Seek emergency care now: call 112.")
    assert_refused(journal.run("config", "set", "emergency_number", "nine-one-one"), 2, "digits")


def test_edit_and_import_say_it_too(journal, tmp_path) -> None:
    journal.ok("add", "quads", "4")
    out = journal.ok("edit", "1", "--symptom", "swelling")
    assert out.splitlines()[1] == (f"URGENT: swelling logged with quadriceps soreness. {URGENT}")
    source = tmp_path / "in.csv"
    source.write_text(
        "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note\n"
        "soreness,,2026-11-25T08:00:00+00:00,calves,,4,,,numbness,,,,,\n"
        "soreness,,2026-11-25T09:00:00+00:00,calves,,5,,,numbness,,,,,\n"
        "side_effect,,2026-11-25T10:00:00+00:00,,,,,,,x,,,hives,\n"
    )
    lines = journal.ok("import", str(source)).splitlines()
    assert lines[0] == "Imported 3 records (0 already present)."
    assert sorted(lines[1:]) == [  # one line per part or remedy, not per row
        f"URGENT: hives logged as a side effect of x. {URGENT}",
        f"URGENT: numbness logged with calves soreness. {URGENT}",
    ]


# -- remedy rules: limits of one's own, defaults only where they belong, wording --------------


def use(journal, remedy: str, dose: str, days: range) -> None:
    for day in days:
        journal.ok("remedy", "add", remedy, "--dose", dose, "--at", f"2026-11-{day:02d}")


def test_ice_dosed_in_minutes_gets_no_default_limits(journal) -> None:
    use(journal, "ice", "15 min", range(1, 26))
    assert journal.json("report")["flags"] == []
    journal.ok("remedy", "limit", "ice", "--max-days", "10")
    assert [f["code"] for f in journal.json("report")["flags"]] == ["remedy_streak"]


def test_days_in_30_uses_the_persons_limit_then_the_default(journal) -> None:
    use(journal, "pain pills", "1 tablet", range(1, 26, 2))  # 13 of the last 30 days
    assert journal.json("report")["flags"] == []  # sorelog's default: more than 14
    journal.ok("remedy", "limit", "pain pills", "--max-days-in-30", "12")
    (flag,) = journal.json("report")["flags"]
    assert flag["code"] == "frequent_use" and "your own limit of 12" in flag["message"]
    assert journal.json("remedy", "list")["remedies"][0]["max_days_in_30"] == 12
    assert_refused(journal.run("remedy", "limit", "pain pills", "--max-days-in-30", "31"), 2, "31")


def test_the_default_frequent_days_setting(journal) -> None:
    use(journal, "pain pills", "1 tablet", range(1, 26, 2))
    journal.ok("config", "set", "frequent_days", "12")
    (flag,) = journal.json("report")["flags"]
    assert "more than 12, sorelog's default" in flag["message"]
    assert "sorelog remedy limit NAME --max-days-in-30 N" in flag["message"]


REMEDY_WORDS = re.compile(r"ibuprofen|paracetamol|acetaminophen|aspirin|naproxen|\d+ ?mg")


@pytest.mark.parametrize(
    "args",
    [
        ["remedy", "add", "--help"],
        ["remedy", "limit", "--help"],
        ["remedy", "--help"],
        ["side-effect", "--help"],
        ["remedy", "list"],
        ["--help"],
    ],
)
def test_help_and_hints_name_no_remedy_and_no_dose(journal, args) -> None:
    out = journal.ok(*args)
    assert not REMEDY_WORDS.search(out.lower()), out


def test_messages_never_say_take_a_break_nor_diagnose(journal) -> None:
    use(journal, "pain pills", "1 tablet", range(1, 25))
    for day in range(1, 26):
        journal.ok("add", "lower back", "3", "--at", f"2026-{(day % 4) + 8:02d}-{day:02d}")
    text = journal.ok("report", "--days", "365").lower()
    for phrase in ("take a break", "breaks are advised", "chronic pain", "stop taking"):
        assert phrase not in text


def test_a_side_effect_that_completes_the_dark_urine_emergency_is_said_at_once(journal):
    journal.ok("add", "hams", "3", "--symptom", "dark-urine", "--at", "2026-11-25T12:00")
    out = journal.ok(
        "side-effect", "weakness", "--remedy", "pain pills", "--at", "2026-11-25T13:00"
    )
    alerts = out.splitlines()[1:]
    assert len(alerts) == 2 and all(a.startswith("EMERGENCY:") for a in alerts)
    assert any("hamstrings soreness" in a for a in alerts)
    assert any("as a side effect of pain pills" in a for a in alerts)
    codes = [(f["code"], f["level"]) for f in journal.json("report")["flags"]]
    assert ("side_effect", "caution") not in codes  # a red flag there, not a side effect
    assert codes.count(("red_flag", "emergency")) == 2


def test_a_part_at_ten_with_red_symptoms_gets_one_line_naming_both(journal) -> None:
    out = journal.ok("add", "quads", "10", "hams", "4", "--symptom", "swelling").splitlines()
    alerts = [line for line in out if not line.startswith("Logged")]
    assert alerts == [
        f"URGENT: swelling logged with quadriceps soreness, at 10/10. {URGENT}",
        f"URGENT: swelling logged with hamstrings soreness. {URGENT}",
    ]
