"""Clinical scenarios as data: a diary, the report date, the flags it must give, and the
guidance the rule follows. Each runs through the CLI against a real journal."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

DOMS = "DOMS peaks 24-72 h after the session and clears within about 5-7 days"
TRAINING = "each workout on settled muscles starts a new, ordinary bout"
PERSISTENT = "training soreness settles between sessions and lessens as training goes on"
IASP = "IASP/ICD-11: soreness recurring for over 3 months is worth a review"


def at(day: date, hour: int, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute).isoformat(timespec="minutes")


def leg_days_twice_a_week(weeks: int) -> list[list[str]]:
    """Leg day Monday and Thursday evening; quads sore the next two days, never a 0."""
    diary: list[list[str]] = []
    monday = date(2026, 7, 6)
    for week in range(weeks):
        for offset in (0, 3):
            session = monday + timedelta(days=7 * week + offset)
            diary.append(["workout", "leg day", "--part", "quads", "--at", at(session, 18)])
            diary.append(["add", "quads", "4", "--at", at(session + timedelta(days=1), 9)])
            diary.append(["add", "quads", "3", "--at", at(session + timedelta(days=2), 9)])
    return diary


def carried_every_third_day(days: int) -> list[list[str]]:
    """Sore every day for `days` days, with a workout every third day on sore legs."""
    start = date(2026, 10, 1)
    diary = [["workout", "legs", "--part", "quads", "--at", at(start - timedelta(days=1), 18)]]
    for n in range(days):
        day = start + timedelta(days=n)
        diary.append(["add", "quads", "3", "--at", at(day, 9)])
        if n % 3 == 2:
            diary.append(["workout", "legs", "--part", "quads", "--at", at(day, 18)])
    return diary


def daily(first: date, values: list[int], hour: int = 9) -> list[list[str]]:
    return [
        ["add", "quads", str(v), "--at", at(first + timedelta(days=n), hour)]
        for n, v in enumerate(values)
    ]


def sore_days_after_workout(days: int) -> list[list[str]]:
    workout = date(2026, 11, 1)
    return [
        ["workout", "legs", "--part", "quads", "--at", at(workout, 18)],
        *daily(workout + timedelta(days=1), [3] * (days - 1)),
    ]


SESSION = date(2026, 11, 2)
SCENARIOS = [
    (
        "a textbook peak 71 h after an evening session",
        [
            ["workout", "leg day", "--part", "quads", "--at", at(SESSION, 22)],
            ["add", "quads", "2", "--at", at(SESSION, 23)],
            *daily(SESSION + timedelta(days=1), [4, 5]),
            ["add", "quads", "6", "--at", at(SESSION + timedelta(days=3), 21)],
            *daily(SESSION + timedelta(days=4), [4, 2, 1, 0]),
        ],
        "2026-11-09",
        set(),
        DOMS,
    ),
    (
        "a rise 73 h after the session, above the early peak",
        [
            ["workout", "leg day", "--part", "quads", "--at", at(SESSION, 20)],
            *daily(SESSION + timedelta(days=1), [3, 5]),
            ["add", "quads", "7", "--at", at(SESSION + timedelta(days=3), 21)],
        ],
        "2026-11-06",
        {"not_improving"},
        DOMS,
    ),
    (
        "the same diary without the workout: 72 h counted from the first entry",
        [
            *daily(SESSION + timedelta(days=1), [3, 5]),
            ["add", "quads", "6", "--at", at(SESSION + timedelta(days=3), 21)],
        ],
        "2026-11-06",
        set(),
        DOMS,
    ),
    (
        "leg day twice a week for four months, never a 0",
        leg_days_twice_a_week(17),
        "2026-11-01",
        set(),
        TRAINING,
    ),
    (
        "the same soreness without workouts logged: prolonged and chronic as before",
        [c for c in leg_days_twice_a_week(17) if c[0] == "add"],
        "2026-11-01",
        {"prolonged", "chronic"},
        IASP,
    ),
    ("sore on day 7 from the workout", sore_days_after_workout(7), "2026-11-07", set(), DOMS),
    (
        "sore on day 8 from the workout",
        sore_days_after_workout(8),
        "2026-11-08",
        {"prolonged"},
        DOMS,
    ),
    (
        "carried into later workouts for 28 days",
        carried_every_third_day(28),
        "2026-10-28",
        set(),
        PERSISTENT,
    ),
    (
        "carried into later workouts for 29 days",
        carried_every_third_day(29),
        "2026-10-29",
        {"persistent"},
        PERSISTENT,
    ),
]


@pytest.mark.parametrize(
    ("diary", "as_of", "expected"),
    [pytest.param(d, a, e, id=name) for name, d, a, e, _source in SCENARIOS],
)
def test_clinical_scenario(journal, diary, as_of, expected) -> None:
    for command in diary:
        journal.ok(*command)
    flags = journal.json("report", "--as-of", as_of, "--days", "28")["flags"]
    assert {f["code"] for f in flags} == expected, [f["message"] for f in flags]


def test_the_report_says_what_each_episode_follows(journal) -> None:
    journal.ok("workout", "leg day", "--part", "quads,hams", "--at", "2026-11-20T18:00")
    journal.ok("add", "quads", "4", "--at", "2026-11-21T09:00")
    journal.ok("add", "calves", "3", "--at", "2026-11-21T09:00")
    parts = {p["body_part"]: p for p in journal.json("report", "--as-of", "2026-11-21")["parts"]}
    assert parts["quadriceps"]["origin"] == {
        "workout": "leg day",
        "at": "2026-11-20T18:00:00+00:00",
    }
    assert parts["calves"]["origin"] is None
    table = journal.ok("report", "--as-of", "2026-11-21")
    assert "Follows" in table and "leg day 11-20" in table


def test_prolonged_names_the_workout_counted_as_day_one(journal) -> None:
    for command in sore_days_after_workout(9):
        journal.ok(*command)
    (flag,) = journal.json("report", "--as-of", "2026-11-09")["flags"]
    assert flag["message"].startswith(
        "quadriceps at 3/10 on day 8 counting legs on 2026-11-01 as day 1"
    )
    assert flag["since"] == "2026-11-08"


# -- properties -------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sorelog.analysis.soreness_flags import flag_soreness  # noqa: E402
from sorelog.domain.settings import Config  # noqa: E402
from sorelog.domain.values import DayValue, Workout  # noqa: E402

D0 = date(2026, 1, 1)
KEY = ("quadriceps", None)


@st.composite
def diaries(draw: st.DrawFn) -> tuple[list[DayValue], list[Workout]]:
    """A part's daily series over up to 200 days, and workouts loading it on some days."""
    days = draw(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 10)), max_size=60))
    series = sorted({d: DayValue(D0 + timedelta(days=d), s) for d, s in days}.values(),
                    key=lambda v: v.day)  # fmt: skip
    sessions = draw(st.lists(st.integers(0, 200), max_size=20))
    workouts = [
        Workout(_at(n), D0 + timedelta(days=n), "legs", frozenset({"quadriceps"}))
        for n in sorted(set(sessions))
    ]
    return series, workouts


def _at(n: int) -> datetime:
    from datetime import UTC

    return datetime(2026, 1, 1, 18, tzinfo=UTC) + timedelta(days=n)


@settings(max_examples=150, deadline=None)
@given(diaries())
def test_a_workout_never_adds_chronic(diary) -> None:
    # (prolonged can be added: the spec counts day 1 from the workout's day, up to 72 h
    # before the first sore entry; see the example below.)
    series, workouts = diary
    if not series:
        return
    window = series[-1].day - timedelta(days=27)
    without = {f.code for f in flag_soreness({KEY: series}, window, Config())}
    with_workouts = {f.code for f in flag_soreness({KEY: series}, window, Config(), workouts)}
    assert "chronic" not in with_workouts - without


def test_a_workout_before_the_first_sore_day_counts_as_day_one(journal) -> None:
    # SPEC: day numbers count from the current origin's calendar day, so five sore days
    # that began three days after the session are days 4 to 8 of it.
    for command in daily(date(2026, 11, 4), [3, 3, 3, 3, 3]):
        journal.ok(*command)
    assert journal.json("report", "--as-of", "2026-11-08")["flags"] == []
    journal.ok("workout", "leg day", "--part", "quads", "--at", "2026-11-01T18:00")
    (flag,) = journal.json("report", "--as-of", "2026-11-08")["flags"]
    assert (flag["code"], flag["since"]) == ("prolonged", "2026-11-08")


def test_entries_after_the_report_date_change_nothing(journal, tmp_path) -> None:
    diary = leg_days_twice_a_week(6)
    for command in diary[: len(diary) // 2]:
        journal.ok(*command)
    as_of = "2026-07-26"
    before = journal.json("report", "--as-of", as_of)
    for command in diary[len(diary) // 2 :]:  # all later than the report date
        journal.ok(*command)
    journal.ok("add", "quads", "9", "--symptom", "chest-pain", "--at", "2026-08-10")
    assert journal.json("report", "--as-of", as_of) == before


def _before_workouts(days: list[DayValue], window: date) -> dict[str, date]:
    """prolonged, severe and chronic as the rules stand without workouts: calendar
    episodes, day 1 their first sore day (the reference the spec keeps them to)."""
    from sorelog.analysis.episodes import split_episodes

    found: dict[str, date] = {}
    config = Config()
    for episode in (e for e in split_episodes(days, 3) if e.last_day >= window):
        sore = [d for d in episode.days if d.severity > 0]
        # SPEC v3: an entry at prolonged_level or more past day prolonged_days, or any
        # soreness past day 14.
        late = [
            d.day
            for d in sore
            if (day := episode.day_number(d.day)) > 14
            or (day > config.prolonged_days and d.severity >= config.prolonged_level)
        ]
        if late and "prolonged" not in found:
            found["prolonged"] = late[0]
        tens = [d.day for d in sore if d.severity == 10]
        high = [d.day for d in sore if d.severity >= config.severe_level]
        since = tens[0] if tens else high[1] if len(high) >= 2 else None
        if since is not None and ("severe" not in found or (tens and since < found["severe"])):
            found.setdefault("severe", since)
    runs: list[list[date]] = []  # sore days no more than 30 days apart, written out here
    for day in (d.day for d in days if d.severity > 0):
        if runs and (day - runs[-1][-1]).days - 1 <= 30:
            runs[-1].append(day)
        else:
            runs.append([day])
    for first, last in ((run[0], run[-1]) for run in runs):
        if last >= window and (last - first).days + 1 > 90:
            found["chronic"] = next(
                d.day for d in days if d.severity > 0 and first <= d.day <= last
                and (d.day - first).days + 1 > 90
            )  # fmt: skip
            break
    return found


@settings(max_examples=200, deadline=None)
@given(diaries())
def test_without_workouts_prolonged_severe_and_chronic_are_as_before(diary) -> None:
    series, _workouts = diary
    if not series:
        return
    window = series[-1].day - timedelta(days=27)
    flags = flag_soreness({KEY: series}, window, Config())
    now = {f.code: f.since for f in flags if f.code in ("prolonged", "severe", "chronic")}
    assert now == _before_workouts(series, window)


def test_persistent_holds_from_the_first_carry_on(journal) -> None:
    journal.ok("workout", "legs", "--part", "quads", "--at", "2026-09-01T18:00")
    for command in daily(date(2026, 9, 2), [3] * 34):  # sore 09-02 .. 10-05
        journal.ok(*command)
    journal.ok("workout", "legs", "--part", "quads", "--at", "2026-10-03T18:00")  # the carry
    flags = {f["code"]: f for f in journal.json("report", "--as-of", "2026-10-06")["flags"]}
    assert flags["persistent"]["since"] == "2026-10-03"


def test_not_improving_needs_something_to_rise_above(journal) -> None:
    journal.ok("workout", "a", "--part", "quads", "--at", "2026-11-01T18:00")
    journal.ok("add", "quads", "7", "--at", "2026-11-02T09:00")
    journal.ok("add", "quads", "6", "--at", "2026-11-03T09:00")
    journal.ok("workout", "b", "--part", "quads", "--at", "2026-11-03T18:00")  # carried
    journal.ok("add", "quads", "4", "--at", "2026-11-07T09:00")  # going down
    codes = {f["code"] for f in journal.json("report", "--as-of", "2026-11-07")["flags"]}
    assert "not_improving" not in codes
