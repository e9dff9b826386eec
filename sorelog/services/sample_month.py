"""A sample month of a person who lifts twice a week and has a nagging knee.

`sorelog demo` shows what sorelog does with it, in a journal of its own, and the tests
read every surface (report, list, chart, summary) from the same month. It is a JSON
export document, so it goes into a journal through the one import every file takes.

What it holds, in the 30 days ending on the day it is made for: leg and push sessions
twice a week with the training soreness that follows them in seven muscles; a left knee
(a joint, which training never explains) sore on and off and rising, with swelling on
one day and notes on its bad days; a remedy taken for the knee with the person's own
limits, run past its days in a row; another remedy taken for the thighs; a side effect;
weekly PEG check-ins. Times carry no offset: they are wall-clock times in the journal's
zone, so the days are the same wherever it is made.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

DAYS = 30
LEGS = ("leg day", "quadriceps;hamstrings;glutes;calves")
LIGHT_LEGS = ("leg day (light, knee strapped)", "quadriceps;hamstrings;glutes;calves")
PUSH = ("push day: bench, overhead press", "chest;triceps;shoulders")
# Soreness after a session, by days after it: (part, levels on day 1, 2, 3).
AFTER = {
    LEGS[1]: (("quadriceps", (6, 4, 2)), ("hamstrings", (4, 3, 0)), ("glutes", (3, 2, 0)),
              ("calves", (2, 0, 0))),
    PUSH[1]: (("chest", (4, 2, 0)), ("triceps", (3, 2, 0)), ("shoulders", (3, 1, 0))),
}  # fmt: skip
KNEE = (2, 3, 0, 3, 4, 0, 4, 5, 5, 6)  # the left knee, every third day, rising
KNEE_NOTES = {
    4: "hurts going down stairs",
    6: "stiff in the morning, easier after walking",
    8: "clicks when I squat",
    9: "swollen after the light leg day",
}


def _record(record: str, day: date, clock: str, **values: Any) -> dict[str, Any]:
    return {"record": record, "at": f"{day.isoformat()}T{clock}:00", **values}


def sample_month(last: date) -> dict[str, Any]:
    """The month ending on `last`, as a JSON export document (records and limits)."""
    first = last - timedelta(days=DAYS - 1)
    records: list[dict[str, Any]] = []
    sessions: list[tuple[date, str, str]] = []
    day = first + timedelta(days=1)
    while day <= last - timedelta(days=1):  # the last day's soreness would not show yet
        number = len(sessions)
        name, parts = PUSH if number % 2 else (LIGHT_LEGS if number == 6 else LEGS)
        sessions.append((day, name, parts))
        records.append(_record("workout", day, "18:00", cause=name, body_part=parts))
        day += timedelta(days=3 if number % 2 else 4)
    for held, _, parts in sessions:
        for part, levels in AFTER[LEGS[1] if parts == LIGHT_LEGS[1] else parts]:
            for after, level in enumerate(levels, 1):
                on = held + timedelta(days=after)
                if on <= last:
                    records.append(_record("soreness", on, "08:00", body_part=part, severity=level))
    for place, level in enumerate(KNEE):
        on = first + timedelta(days=3 * place)
        records.append(
            _record(
                "soreness", on, "07:30", body_part="knees", side="left", severity=level,
                kind="ache" if level else None,
                symptoms=["swelling"] if place == 9 else [],
                note=KNEE_NOTES.get(place),
            )
        )  # fmt: skip
    for offset in range(6):  # six days in a row against her own limit of five
        on = last - timedelta(days=8 - offset)
        for clock in ("08:30", "20:00"):
            records.append(
                _record("remedy", on, clock, remedy="ibuprofen", amount=400, unit="mg",
                        body_part="knees")
            )  # fmt: skip
    records.append(
        _record("side_effect", last - timedelta(days=4), "21:00", effect="upset-stomach",
                remedy="ibuprofen", severity=3, note="took it without food")
    )  # fmt: skip
    for held, _, parts in sessions[:3]:
        if "quadriceps" in parts:
            records.append(
                _record("remedy", held + timedelta(days=1), "19:00", remedy="ice", amount=15,
                        unit="min", body_part="quadriceps")
            )  # fmt: skip
    for week, (pain, enjoyment, activity) in enumerate(((3, 2, 3), (3, 3, 3), (4, 3, 4),
                                                         (5, 4, 5))):  # fmt: skip
        on = first + timedelta(days=6 + 7 * week)
        records.append(
            _record("checkin", on, "21:00", severity=pain, enjoyment=enjoyment,
                    activity=activity)
        )  # fmt: skip
    records.sort(key=lambda record: record["at"])
    limits = [
        {"remedy": "ibuprofen", "max_daily": {"amount": 1200, "unit": "mg"}, "max_days": 5,
         "max_days_in_30": None}
    ]  # fmt: skip
    return {"records": records, "limits": limits}
