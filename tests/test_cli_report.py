"""`sorelog report`, `parts` and `--version` through the CLI."""

import json

from conftest import assert_refused
from sorelog import __version__


def log(journal, *entries: tuple[str, str, str]) -> None:
    for part, severity, when in entries:
        journal.ok("add", part, severity, "--at", when)


def test_empty_journal_gives_a_hint_and_creates_nothing(journal) -> None:
    out = journal.ok("report")
    assert "sorelog add quads 6 --cause squats" in out
    assert (
        out.strip().splitlines()[-1] == "A journal, not medical advice: bring flags to a clinician."
    )
    assert not journal.path.exists()
    doc = journal.json("report", "--as-of", "2026-11-20")
    assert doc == {
        "as_of": "2026-11-20",
        "window": {"start": "2026-10-24", "end": "2026-11-20"},
        "parts": [],
        "flags": [],
        "remedies": [],
    }


def test_a_week_of_soreness(journal) -> None:
    days = [
        "2026-11-10",
        "2026-11-11",
        "2026-11-12",
        "2026-11-13",
        "2026-11-14",
        "2026-11-15",
        "2026-11-16",
        "2026-11-17",
        "2026-11-18",
    ]
    for day, severity in zip(days, ["3", "5", "4", "4", "5", "6", "6", "5", "5"], strict=True):
        journal.ok("add", "lower back", severity, "--at", day)
    journal.ok("add", "left calf", "4", "--at", "2026-11-16", "--symptom", "swelling")
    journal.ok("add", "left calf", "0", "--at", "2026-11-18")
    doc = journal.json("report", "--as-of", "2026-11-18")
    assert doc["as_of"] == "2026-11-18"
    assert doc["window"] == {"start": "2026-10-22", "end": "2026-11-18"}
    calf, back = doc["parts"]
    assert back == {
        "body_part": "lower-back",
        "side": None,
        "latest": 5,
        "peak": 6,
        "peak_date": "2026-11-15",
        "episode_start": "2026-11-10",
        "episode_days": 9,
        "origin": None,
        "trend": "steady",
        "daily": [
            {"date": d, "severity": int(s)}
            for d, s in zip(days, ["3", "5", "4", "4", "5", "6", "6", "5", "5"], strict=True)
        ],
    }
    assert calf["side"] == "left"
    assert calf["trend"] == "resolved"
    assert (calf["episode_start"], calf["episode_days"]) == ("2026-11-16", 1)
    flags = [(f["level"], f["code"], f["body_part"], f["side"], f["since"]) for f in doc["flags"]]
    assert flags == [
        ("urgent", "red_flag", "calves", "left", "2026-11-16"),
        ("follow_up", "prolonged", "lower-back", None, "2026-11-17"),
    ]  # a 1-point rise (6 after an early peak of 5) is under the 2 that matter: no not_improving
    assert all(
        set(f) == {"level", "code", "body_part", "side", "remedy", "since", "message"}
        for f in doc["flags"]
    )
    assert "lower-back at 5/10 on day 8 since 2026-11-10" in doc["flags"][1]["message"]
    table = journal.ok("report", "--as-of", "2026-11-18")
    for text in (
        "lower-back",
        "left calf",
        "prolonged",
        "red_flag",
        "URGENT",
        "not medical advice",
    ):
        assert text in table


def test_as_of_ignores_later_entries(journal) -> None:
    log(journal, *[("quads", "4", f"2026-11-{d:02d}") for d in range(1, 8)])
    before = journal.json("report", "--as-of", "2026-11-07")
    log(journal, ("quads", "9", "2026-11-08"), ("quads", "10", "2026-11-09"))
    assert journal.json("report", "--as-of", "2026-11-07") == before
    assert "prolonged" not in {f["code"] for f in before["flags"]}
    later = journal.json("report", "--as-of", "2026-11-09")
    assert {"prolonged", "severe", "not_improving"} <= {f["code"] for f in later["flags"]}


def test_episode_older_than_window_is_counted_whole(journal) -> None:
    # sore every other day for 150 days: one chronic stretch, one long episode
    for d in range(0, 150, 2):
        journal.ok("add", "knees", "3", "--at", f"{d} days ago")
    doc = journal.json("report", "--days", "7")
    (knees,) = doc["parts"]
    assert knees["episode_days"] == 149
    codes = {f["code"] for f in doc["flags"]}
    assert {"chronic", "prolonged"} <= codes


def test_days_and_part_filters(journal) -> None:
    log(journal, ("quads", "4", "2026-11-01"), ("calves", "5", "2026-11-10"))
    doc = journal.json("report", "--as-of", "2026-11-10", "--days", "5")
    assert [p["body_part"] for p in doc["parts"]] == ["calves"]
    doc = journal.json("report", "--as-of", "2026-11-10", "--part", "quad")
    assert [p["body_part"] for p in doc["parts"]] == ["quadriceps"]
    assert "No soreness logged" in journal.ok("report", "--as-of", "2026-11-10", "--part", "neck")


def test_report_refuses_bad_options(journal) -> None:
    journal.ok("add", "quads", "3")
    assert_refused(journal.run("report", "--days", "0"), 2, "--days")
    assert_refused(journal.run("report", "--days", "x"), 2, "--days")
    assert_refused(journal.run("report", "--part", "hamstrng"), 2, "did you mean")
    assert_refused(journal.run("report", "--as-of", "2099-01-01"), 2, "future")
    assert_refused(journal.run("report", "--as-of", "soon"), 2, "as a day; use YYYY-MM-DD")
    assert_refused(journal.run("report", "--as-of", "0001-01-01"), 2, "too far in the past")


def test_json_is_the_only_thing_on_stdout(journal) -> None:
    journal.ok("add", "quads", "3", "--note", "[red]x[/red] \x1b[2J")
    result = journal.run("report", "--json")
    json.loads(result.stdout)


def test_parts_lists_every_part(journal) -> None:
    out = journal.ok("parts")
    assert "hamstrings" in out and "hammies" in out
    doc = journal.json("parts")
    assert len(doc["parts"]) == 24
    assert {"name": "calves", "aliases": ["calf"]} in doc["parts"]


def test_version(journal) -> None:
    assert journal.ok("--version").strip() == f"sorelog {__version__}"
