"""The v3 clinical rules: scenarios as data with their source, each rule on both sides of
its boundary, what a workout may never change, and what is said at once.

Scenarios run through the CLI against a real journal (both backends); the boundaries of the
pure rules are checked on the functions themselves, so a failure points at the rule.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import assert_refused
from sorelog.analysis.bouts import bouts, loading_workouts
from sorelog.analysis.part_summary import summarize_part
from sorelog.analysis.red_flags import flag_red
from sorelog.analysis.soreness_flags import flag_soreness
from sorelog.domain.parts import JOINT_TENDON_BONE, PARTS, is_muscle
from sorelog.domain.settings import Config
from sorelog.domain.values import DayValue, SymptomDay, Workout

ACSM = "ACSM: exercise soreness peaks 24-72 h after the session and clears within 5-7 days"
NHS_TWO_WEEKS = "NHS: see a GP about pain that has not improved after 2 weeks"
FARRAR = "Farrar 2001: 2 points on 0-10 is the smallest clinically important change"
REPEATED_BOUT = "ACSM: training soreness settles between sessions and lessens (repeated bout)"
CDC_NIOSH = "CDC/NIOSH: dark urine after strenuous exercise needs immediate care"
COMPARTMENT = "NHS, Mayo Clinic: severe limb pain with swelling and numbness: compartment syndrome"
CHEST = "NHS, Mayo Clinic: chest pain that is tight or spreads needs emergency care"
TISSUE = "ACSM: delayed-onset soreness is a muscle response; a joint is not explained by it"


def at(day: date, hour: int = 9, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute).isoformat(timespec="minutes")


def entries(part: str, first: date, values: list[int | None], hour: int = 9) -> list[list[str]]:
    """One `add` a day from `first`; None is a day with no entry."""
    return [
        ["add", part, str(v), "--at", at(first + timedelta(days=n), hour)]
        for n, v in enumerate(values)
        if v is not None
    ]


def workout(name: str, parts: str, day: date, hour: int = 18) -> list[str]:
    return ["workout", name, "--part", parts, "--at", at(day, hour)]


HEADER = "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note"
S = date(2026, 10, 1)  # a Thursday; every diary below is in the past of the frozen clock


def carried(first_fortnight: int, cycle: list[int], days: int) -> list[list[str]]:
    """Quads sore every day for `days` days: `first_fortnight` for 14 days, then `cycle`
    repeated; a leg session every third evening on sore legs carries the episode on."""
    diary = [workout("legs", "quads", S - timedelta(days=1))]
    for n in range(days):
        value = first_fortnight if n < 14 else cycle[(n - 14) % len(cycle)]
        diary.append(["add", "quads", str(value), "--at", at(S + timedelta(days=n))])
        if n % 3 == 2:
            diary.append(workout("legs", "quads", S + timedelta(days=n)))
    return diary


def twice_weekly_settling(weeks: int) -> list[list[str]]:
    """Leg day Monday and Thursday; quads at 4 the day after falling to 1 before the next
    session, a little less sore each week, never a day without an entry."""
    monday = date(2026, 8, 3)
    diary: list[list[str]] = []
    for week in range(weeks):
        peak = max(2, 4 - week // 3)
        for offset, values in ((0, [peak, 2, 1]), (3, [peak, 2, 1, 1])):
            session = monday + timedelta(days=7 * week + offset)
            diary.append(workout("leg day", "quads", session))
            diary += entries("quads", session + timedelta(days=1), values)
    return diary


def nagging_knee() -> list[list[str]]:
    """A left knee at 2-5 on 19 days over four weeks, leg day twice a week loading the
    knees, and days without a knee entry before most leg days."""
    first = date(2026, 10, 26)  # a Monday
    values = [3, 4, None, 3, 2, None, 4, 5, 4, None, 3, 2, None, None,
              3, 4, 3, None, 2, 3, None, 4, 3, None, 2, None, 3, 4]  # fmt: skip
    diary = []
    for week in range(4):
        for offset in (0, 3):
            diary.append(workout("leg day", "quads,knees", first + timedelta(7 * week + offset)))
    diary += entries("left knee", first, values, hour=21)
    assert sum(v is not None for v in values) == 19
    return diary


# (name, diary, report date, {code: level}, source)
SCENARIOS = [
    (
        "a fading 2/10 on day 8 after a session is the tail of DOMS",
        [workout("legs", "quads", S), *entries("quads", S + timedelta(1), [5, 4, 3, 3, 3, 2, 2])],
        S + timedelta(7),
        {},
        ACSM,
    ),
    (
        "3/10 on day 8 after a session is prolonged",
        [workout("legs", "quads", S), *entries("quads", S + timedelta(1), [5, 4, 3, 3, 3, 3, 3])],
        S + timedelta(7),
        {"prolonged": "follow_up"},
        ACSM,
    ),
    (
        "a fading 1-2/10 still there on day 14",
        [
            workout("legs", "quads", S),
            *entries("quads", S + timedelta(1), [4, 3] + [2] * 9 + [1] * 2),
        ],
        S + timedelta(13),
        {},
        NHS_TWO_WEEKS,
    ),
    (
        "a fading 1/10 still there on day 15",
        [
            workout("legs", "quads", S),
            *entries("quads", S + timedelta(1), [4, 3] + [2] * 9 + [1] * 3),
        ],
        S + timedelta(14),
        {"prolonged": "follow_up"},
        NHS_TWO_WEEKS,
    ),
    (
        "a 1-point rise after 72 h",
        [workout("legs", "quads", S, 8), *entries("quads", S, [3, 4, 4, 5, 5])],
        S + timedelta(4),
        {},
        FARRAR,
    ),
    (
        "a 2-point rise after 72 h",
        [workout("legs", "quads", S, 8), *entries("quads", S, [3, 4, 4, 5, 6])],
        S + timedelta(4),
        {"not_improving": "follow_up"},
        FARRAR,
    ),
    (
        "carried for five weeks, settling to 2 between sessions",
        carried(4, [4, 3, 2], 35),
        S + timedelta(34),
        {},
        REPEATED_BOUT,
    ),
    (
        "carried for five weeks, never below 3",
        carried(4, [4, 3, 3], 35),
        S + timedelta(34),
        {"persistent": "follow_up"},
        REPEATED_BOUT,
    ),
    (
        "carried for five weeks, settling but peaking higher than at first",
        carried(4, [5, 3, 2], 35),
        S + timedelta(34),
        {"persistent": "follow_up"},
        REPEATED_BOUT,
    ),
    (
        "ten weeks of twice-weekly training soreness that settles and lessens",
        twice_weekly_settling(10),
        date(2026, 10, 12),
        {},
        REPEATED_BOUT,
    ),
    (
        "dark urine 71 h after a session",
        [
            workout("run", "calves", S, 10),
            ["add", "calves", "3", "--symptom", "dark urine", "--at", at(S + timedelta(2), 9)],
        ],
        S + timedelta(3),
        {"red_flag": "emergency"},
        CDC_NIOSH,
    ),
    (
        "dark urine 73 h after a session",
        [
            workout("run", "calves", S, 8),
            ["add", "calves", "3", "--symptom", "dark urine", "--at", at(S + timedelta(3), 9)],
        ],
        S + timedelta(3),
        {"red_flag": "urgent"},
        CDC_NIOSH,
    ),
    (
        "a shin at 8 with swelling and numbness",
        [["add", "shin", "8", "--symptom", "swelling", "--symptom", "numbness", "--at", at(S)]],
        S,
        {"red_flag": "emergency"},
        COMPARTMENT,
    ),
    (
        "a shin at 7 with swelling and numbness",
        [["add", "shin", "7", "--symptom", "swelling", "--symptom", "numbness", "--at", at(S)]],
        S,
        {"red_flag": "urgent"},
        COMPARTMENT,
    ),
    (
        "a calf at 9 with swelling, pins and needles logged later that day",
        [
            ["add", "calf", "9", "--at", at(S, 8)],
            [
                "add",
                "calf",
                "4",
                "--symptom",
                "swelling",
                "--symptom",
                "pins and needles",
                "--at",
                at(S, 20),
            ],
        ],
        S,
        {"red_flag": "emergency"},
        COMPARTMENT,
    ),
    (
        "chest soreness with no workout before it",
        [["add", "chest", "9", "--note", "tight, spreads to left arm", "--at", at(S)]],
        S,
        {"chest": "caution"},
        CHEST,
    ),
    (
        "chest soreness the day after bench press",
        [workout("bench", "chest", S - timedelta(1)), ["add", "chest", "5", "--at", at(S)]],
        S,
        {},
        CHEST,
    ),
    (
        "a nagging knee for a month with leg day twice a week",
        nagging_knee(),
        date(2026, 11, 22),
        {"prolonged": "follow_up"},
        TISSUE,
    ),
]


@pytest.mark.parametrize(
    ("diary", "as_of", "expected"),
    [pytest.param(d, a, e, id=name) for name, d, a, e, _source in SCENARIOS],
)
def test_clinical_scenario(journal, diary, as_of, expected) -> None:
    for command in diary:
        journal.ok(*command)
    flags = journal.json("report", "--as-of", as_of.isoformat())["flags"]
    assert {f["code"]: f["level"] for f in flags} == expected, flags


def test_every_scenario_names_its_source() -> None:
    assert all(source and ":" in source for *_, source in SCENARIOS)


def test_the_nagging_knee_is_one_month_long_episode_in_report_and_summary(journal) -> None:
    for command in nagging_knee():
        journal.ok(*command)
    (knee,) = journal.json("report", "--as-of", "2026-11-22", "--part", "knee")["parts"]
    assert (knee["episode_start"], knee["episode_days"]) == ("2026-10-26", 28)
    assert knee["origin"] is None  # a joint follows no workout
    table = journal.ok("report", "--as-of", "2026-11-22")
    assert "10-26, 28 d" in table
    page = journal.ok("summary", "--as-of", "2026-11-22", "-o", "-")
    assert "28" in page and "2026-10-26" in page
    (flag,) = journal.json("report", "--as-of", "2026-11-22")["flags"]
    assert "joint, tendon or bone" in flag["message"]


# -- boundaries of the pure rules ---------------------------------------------------------

D0 = date(2026, 11, 1)
NOON = 12
KEY = ("quadriceps", None)


def days(*values: int | None, start: date = D0) -> list[DayValue]:
    return [DayValue(start + timedelta(days=i), v) for i, v in enumerate(values) if v is not None]


def session(day: date, part: str = "quadriceps", hour: int = NOON) -> Workout:
    moment = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return Workout(moment, day, "legs", frozenset({part}))


def codes(values: list[DayValue], workouts: list[Workout] = (), key=KEY) -> dict[str, str]:
    found = flag_soreness({key: values}, D0, Config(), workouts)
    return {f.code: f.level.value for f in found}


def test_prolonged_two_vs_three_on_day_eight() -> None:
    legs = [session(D0 - timedelta(days=1))]
    assert "prolonged" not in codes(days(5, 4, 3, 3, 3, 3, 2), legs)  # day 8 at 2
    assert codes(days(5, 4, 3, 3, 3, 3, 3), legs)["prolonged"] == "follow_up"  # day 8 at 3


def test_prolonged_level_comes_from_config() -> None:
    legs = [session(D0 - timedelta(days=1))]
    found = flag_soreness({KEY: days(5, 4, 3, 3, 3, 3, 2)}, D0, Config(prolonged_level=2), legs)
    assert "prolonged" in {f.code for f in found}


def test_prolonged_day_fourteen_vs_fifteen() -> None:
    legs = [session(D0 - timedelta(days=1))]
    assert "prolonged" not in codes(days(*[2] * 13), legs)  # days 2-14
    found = flag_soreness({KEY: days(*[2] * 14)}, D0, Config(), legs)
    (prolonged,) = [f for f in found if f.code == "prolonged"]
    assert prolonged.since == D0 + timedelta(days=13)  # day 15
    assert "on day 15 counting legs" in prolonged.message


def test_not_improving_one_vs_two_point_rise() -> None:
    assert "not_improving" not in codes(days(3, 3, 3, 3, 4))
    assert codes(days(3, 3, 3, 3, 5))["not_improving"] == "follow_up"


def test_persistent_trough_of_two_vs_three() -> None:
    def diary(trough: int) -> tuple[list[DayValue], list[Workout]]:
        values = [4] * 14 + [4, 3, trough] * 7
        return days(*values), [session(D0 + timedelta(days=n)) for n in range(2, 35, 3)]

    settled, legs = diary(2)
    assert "persistent" not in codes(settled, legs)
    unsettled, legs = diary(3)
    assert codes(unsettled, legs)["persistent"] == "follow_up"


def test_dark_urine_71_vs_73_hours_after_a_workout() -> None:
    run = session(D0, "calves", 10)

    def level(hours: int) -> str:
        moment = run.at + timedelta(hours=hours)
        sign = SymptomDay("calves", None, moment.date(), ("dark-urine",), 3, moment)
        (flag,) = flag_red([sign], [], [run])
        return flag.level.value

    assert level(71) == "emergency"
    assert level(72) == "emergency"
    assert level(73) == "urgent"


def test_compartment_pattern_at_seven_vs_eight() -> None:
    def level(severity: int, part: str = "shins", names=("swelling", "numbness")) -> str:
        (flag,) = flag_red([SymptomDay(part, "left", D0, names, severity)], [], [], 8)
        return flag.level.value

    assert level(7) == "urgent"
    assert level(8) == "emergency"
    assert level(8, names=("swelling", "tingling")) == "emergency"
    assert level(8, names=("swelling",)) == "urgent"
    assert level(9, part="lower-back") == "urgent"  # not a limb


def test_chest_caution_with_and_without_a_workout_in_72_hours() -> None:
    key = ("chest", None)
    sore = days(6, start=D0 + timedelta(days=3))  # noon on the 4th
    assert codes(sore, [session(D0 + timedelta(days=1), "chest")], key) == {}
    assert codes(sore, [session(D0, "chest", 11)], key) == {"chest": "caution"}  # 73 h


# -- what a workout never changes --------------------------------------------------------

severities = st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=1, max_size=60)
offsets = st.lists(st.tuples(st.integers(-5, 60), st.integers(0, 23)), max_size=12)


@settings(max_examples=200, deadline=None)
@given(severities, offsets, st.sampled_from(sorted(JOINT_TENDON_BONE)))
def test_a_workout_never_changes_anything_for_a_joint(values, sessions, part) -> None:
    series = days(*values)
    if not series:
        return
    key = (part, "left")
    trained = [session(D0 + timedelta(days=d), part, h) for d, h in sessions]
    config = Config()
    assert flag_soreness({key: series}, D0, config, trained) == flag_soreness(
        {key: series}, D0, config, []
    )
    assert summarize_part(key, series, D0, 3, trained) == summarize_part(key, series, D0, 3)
    assert [b.origin for b in bouts(series, loading_workouts(part, trained), 3)] == [None] * len(
        bouts(series, [], 3)
    )


def test_tissue_follows_the_spec() -> None:
    assert set(JOINT_TENDON_BONE) == {"wrists", "hands", "knees", "ankles", "feet", "elbows",
                                      "shins"}  # fmt: skip
    assert [p for p in PARTS if is_muscle(p)] == [p for p in PARTS if p not in JOINT_TENDON_BONE]


# -- words people use ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("short of breath", "breathless"),
        ("Shortness of breath", "breathless"),
        ("breathlessness", "breathless"),
        ("pins and needles", "tingling"),
        ("dizzy", "dizziness"),
        ("lightheaded", "dizziness"),
        ("incontinence", "bladder-bowel"),
        ("brown urine", "dark-urine"),
        ("cola urine", "dark-urine"),
        ("tea-coloured urine", "dark-urine"),
        ("passed out", "fainting"),
        ("blackout", "fainting"),
        ("dizziness", "dizziness"),
    ],
)
def test_symptom_words_are_stored_by_name(journal, typed: str, stored: str) -> None:
    journal.ok("add", "quads", "3", "--symptom", typed)
    assert journal.rows()[0]["symptoms"] == stored


def test_side_effect_words_are_stored_by_name(journal) -> None:
    out = journal.ok("side-effect", "Passed out")
    assert "fainting" in out and "EMERGENCY" in out


@pytest.mark.parametrize(
    ("typed", "hint"),
    [("brown pee", "'dark-urine'"), ("dizy", "'dizziness'"), ("sweling", "'swelling'")],
)
def test_an_unknown_symptom_names_the_closest_and_writes_nothing(journal, typed, hint) -> None:
    journal.ok("add", "calves", "2")
    before = journal.snapshot()
    result = journal.run("add", "quads", "3", "hams", "2", "--symptom", typed)
    assert_refused(result, 2, f"did you mean {hint}")
    assert journal.snapshot() == before


def test_a_symptom_with_nothing_close_lists_them_all(journal) -> None:
    result = journal.run("add", "quads", "3", "--symptom", "qqqqqqqqqq")
    assert_refused(result, 2, "symptoms are: chest-pain, breathless")


# -- said at once --------------------------------------------------------------------------


def test_a_side_effect_at_ten_is_said_at_once(journal) -> None:
    out = journal.ok("side-effect", "nausea", "--severity", "10")
    assert "FOLLOW UP: nausea on 1 day (worst 10/10)" in out
    assert "FOLLOW UP" not in journal.ok("side-effect", "itching", "--severity", "9")


def test_going_over_ones_own_daily_limit_is_said_at_once(journal) -> None:
    journal.ok("remedy", "limit", "pills", "--max-daily", "2 tablets")
    assert "FOLLOW UP" not in journal.ok("remedy", "add", "pills", "--dose", "2 tablets")
    out = journal.ok("remedy", "add", "pills", "--dose", "1 tablet")
    assert "FOLLOW UP: pills: 3 tablets on 2026-11-25, above your own daily limit" in out


def test_going_over_ones_own_run_of_days_is_said_at_once(journal) -> None:
    journal.ok("remedy", "limit", "pills", "--max-days", "2")
    for day in ("2026-11-23", "2026-11-24"):
        assert "CAUTION" not in journal.ok("remedy", "add", "pills", "--at", day)
    out = journal.ok("remedy", "add", "pills")
    assert "CAUTION: pills used 3 days in a row since 2026-11-23" in out


def test_no_limit_of_ones_own_says_nothing_at_once(journal) -> None:
    for day in range(10):
        out = journal.ok(
            "remedy", "add", "pills", "--dose", "9 tablets", "--at", f"2026-11-{day + 10}"
        )
        assert "FOLLOW UP" not in out and "CAUTION" not in out


def test_unexplained_chest_soreness_is_said_at_once_and_explained_is_not(journal) -> None:
    out = journal.ok("add", "chest", "4")
    assert "CAUTION: chest sore at 4/10" in out and "--symptom chest-pain" in out
    journal.ok("workout", "bench", "--part", "chest", "--at", "2026-11-25 09:00")
    assert "CAUTION" not in journal.ok("add", "chest", "4")


def test_dark_urine_after_a_session_is_an_emergency_at_once(journal) -> None:
    journal.ok("workout", "run", "--part", "calves", "--at", "2026-11-23 18:00")
    out = journal.ok("add", "calves", "3", "--symptom", "dark-urine")
    assert out.count("EMERGENCY") == 1 and "exertional rhabdomyolysis" in out


def test_a_workout_logged_after_dark_urine_completes_it_at_once(journal) -> None:
    assert "URGENT" in journal.ok("add", "calves", "3", "--symptom", "dark-urine")
    out = journal.ok("workout", "run", "--part", "calves", "--at", "2026-11-24 18:00")
    assert "EMERGENCY" in out and "exertional rhabdomyolysis" in out


def test_a_severe_limb_completes_the_compartment_pattern_at_once(journal) -> None:
    assert "URGENT" in journal.ok(
        "add", "shin", "3", "--symptom", "swelling", "--symptom", "numbness"
    )
    out = journal.ok("add", "shin", "9")
    assert "EMERGENCY" in out and "compartment syndrome" in out
    out = journal.ok("add", "quads", "3", "--symptom", "dizzy")  # the shin is not said again
    assert out.count("EMERGENCY") == 1 and "dizziness" in out


def test_an_import_says_each_new_emergency_once(journal, tmp_path) -> None:
    rows = [
        "workout,,2026-11-20T18:00:00+00:00,calves,,,,run,,,,,,",
        *(f"soreness,,2026-11-21T0{h}:00:00+00:00,calves,,3,,,dark-urine,,,,," for h in range(5)),
        "soreness,,2026-11-21T09:00:00+00:00,chest,,5,,,,,,,,",
        "side_effect,,2026-11-21T09:00:00+00:00,,,10,,,,,,,nausea,",
    ]
    path = tmp_path / "in.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    out = journal.ok("import", str(path))
    said = [line for line in out.splitlines() if line.split(":")[0].isupper()]
    assert [line.split(":")[0] for line in said] == ["EMERGENCY", "FOLLOW UP", "CAUTION"], out


@pytest.mark.sqlite_only
def test_an_import_of_many_flagged_rows_says_them_and_succeeds(journal, tmp_path) -> None:
    # Each kind's SELECT repeats the ids asked for: more flagged rows than a fifth of
    # SQLite's parameter limit (32,766 by default; this build's may be higher) would pass
    # it in one statement, after the import had committed.
    import sqlite3

    limit = sqlite3.connect(":memory:").getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    count = limit // 5 + 1
    start = datetime(2000, 1, 1, 9, tzinfo=UTC)
    path = tmp_path / "many.csv"
    with path.open("w") as out:
        out.write(HEADER + "\n")
        for n in range(count):
            out.write(
                f"soreness,,{(start + timedelta(hours=3 * n)).isoformat()},quads,,10,,,,,,,,\n"
            )
    result = journal.run("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "URGENT: quadriceps at 10/10" in result.stdout
    assert len(journal.rows()) == count


# -- found in review: each of these once went wrong -----------------------------------------


def test_a_side_effect_sign_at_ten_is_said_even_alone(journal) -> None:
    out = journal.ok("side-effect", "weakness", "--severity", "10")
    assert "FOLLOW UP: weakness on 1 day (worst 10/10)" in out


def test_a_low_entry_before_a_high_one_settles_the_day() -> None:
    legs = [session(D0 + timedelta(days=n)) for n in range(2, 35, 3)]
    dawn = datetime(2026, 11, 1, 6, tzinfo=UTC)
    values = [
        DayValue(D0 + timedelta(days=n), 4, None, None, 1 if n % 5 == 4 else None)
        for n in range(35)
    ]  # 4/10 every day, and on every fifth a 1/10 at dawn before it
    assert dawn.tzinfo is not None
    assert "persistent" not in codes(values, legs)
    assert "persistent" in codes([DayValue(v.day, 4) for v in values], legs)


def test_an_evening_workout_does_not_renumber_that_mornings_entry() -> None:
    morning = datetime(2026, 11, 9, 8, tzinfo=UTC)
    values = [*days(6, 5, 4, 3, 2, 2, 2, start=D0 + timedelta(days=1)),
              DayValue(D0 + timedelta(days=8), 4, None, morning)]  # fmt: skip
    first = [session(D0, hour=18)]
    evening = [*first, session(D0 + timedelta(days=8), hour=18)]
    assert codes(values, first)["prolonged"] == "follow_up"  # 4/10 on day 9
    assert codes(values, evening)["prolonged"] == "follow_up"  # still day 9 that morning


def test_a_workout_later_on_the_first_sore_day_becomes_the_origin(journal) -> None:
    journal.ok("add", "quads", "5", "--at", "2026-11-10 08:00")
    journal.ok("workout", "legs", "--part", "quads", "--at", "2026-11-10 18:00")
    for day in range(11, 14):
        journal.ok("add", "quads", "3", "--at", f"2026-11-{day} 08:00")
    (part,) = journal.json("report", "--as-of", "2026-11-13")["parts"]
    assert part["origin"] == {"workout": "legs", "at": "2026-11-10T18:00:00+00:00"}


def test_an_old_use_speaks_only_of_its_own_run(journal) -> None:
    journal.ok("remedy", "limit", "pills", "--max-days", "3")
    for day in range(20, 26):
        journal.ok("remedy", "add", "pills", "--at", f"2026-11-{day}")
    assert "CAUTION" not in journal.ok("remedy", "add", "pills", "--at", "2026-11-10")
    assert "CAUTION" not in journal.ok("remedy", "add", "pills", "--at", "2026-11-25 14:00")


def test_chest_pain_says_the_emergency_without_the_chest_caution(journal) -> None:
    out = journal.ok("add", "chest", "6", "--symptom", "chest-pain")
    assert out.count("EMERGENCY") == 1 and "CAUTION" not in out


def test_a_second_chest_entry_does_not_repeat_the_caution(journal) -> None:
    assert "CAUTION" in journal.ok("add", "chest", "4", "--at", "2026-11-25 08:00")
    assert "CAUTION" not in journal.ok("add", "chest", "5", "--at", "2026-11-25 12:00")


def test_a_workout_does_not_repeat_an_emergency_already_given(journal) -> None:
    journal.ok("workout", "run", "--part", "calves", "--at", "2026-11-23 08:00")
    assert "EMERGENCY" in journal.ok("add", "calves", "3", "--symptom", "dark-urine")
    assert "EMERGENCY" not in journal.ok("workout", "stretch", "--part", "calves")


def test_chest_since_is_the_episodes_first_day(journal) -> None:
    for day in range(15, 26):
        journal.ok("add", "chest", "3", "--at", f"2026-11-{day}")
    doc = journal.json("report", "--days", "7", "--as-of", "2026-11-25")
    (flag,) = [f for f in doc["flags"] if f["code"] == "chest"]
    assert flag["since"] == "2026-11-15"


def test_an_import_names_every_sign_of_a_part(journal, tmp_path) -> None:
    rows = [
        "soreness,,2026-11-20T09:00:00+00:00,calves,,3,,,swelling,,,,,",
        "soreness,,2026-11-21T09:00:00+00:00,calves,,3,,,dark-urine;weakness,,,,,",
    ]
    path = tmp_path / "in.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    out = journal.ok("import", str(path))
    (line,) = [line for line in out.splitlines() if line.startswith("EMERGENCY")]
    assert "swelling" in line and "dark-urine" in line and "weakness" in line
