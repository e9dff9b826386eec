"""What a record is, in a few words: the describe line of each kind (domain/kinds.py).

From a record in the export shape (keys as the CSV header names them); `sorelog list`
and the line every add prints both use it. Plain text: the renderer makes it inert.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sorelog.domain.doses import format_amount
from sorelog.domain.parts import part_label


def _part(record: Mapping[str, Any]) -> str:
    return part_label(record["body_part"], record.get("side"))


def soreness(record: Mapping[str, Any]) -> str:
    """'left quadriceps 6/10, ache; symptoms: swelling'."""
    text = f"{_part(record)} {record['severity']}/10"
    if record.get("kind"):
        text += f", {record['kind']}"
    if record.get("symptoms"):
        text += f"; symptoms: {', '.join(record['symptoms'])}"
    return text


def remedy(record: Mapping[str, Any]) -> str:
    """'ibuprofen 400 mg for quads'."""
    text = str(record["remedy"])
    if record.get("amount") is not None:
        text += f" {format_amount(float(record['amount']))} {record['unit']}"
    if record.get("body_part"):
        text += f" for {_part(record)}"
    return text


def side_effect(record: Mapping[str, Any]) -> str:
    """'nausea 3/10 (ibuprofen)'."""
    text = str(record["effect"])
    if record.get("severity") is not None:
        text += f" {record['severity']}/10"
    if record.get("remedy"):
        text += f" ({record['remedy']})"
    return text


def workout(record: Mapping[str, Any]) -> str:
    """'leg day (quadriceps, hamstrings)', and for a session imported from a watch how
    long and how far, before the parts a narrow column may cut: 'running, 45 min,
    10.2 km (quadriceps, calves)'. Its name is in the cause column."""
    parts = str(record["body_part"] or "").split(";")
    size = session_size(record.get("duration"), record.get("distance"))
    return f"{record['cause']}{f', {size}' if size else ''} ({', '.join(parts)})"


def session_size(seconds: float | None, metres: float | None) -> str:
    """'45 min, 10.2 km', '1 h 05 min', '800 m': how long and how far a session was, as
    far as it is known ('' when neither is). A distance of 0, as a watch records for an
    indoor session, says nothing and is left out."""
    said = []
    if seconds is not None:
        minutes = round(seconds / 60)
        if minutes >= 60:
            said.append(f"{minutes // 60} h {minutes % 60:02d} min")
        else:
            said.append(f"{minutes} min" if minutes else f"{round(seconds)} s")
    if metres:
        said.append(f"{metres / 1000:.1f} km" if metres >= 1000 else f"{round(metres)} m")
    return ", ".join(said)


def peg_answers(pain: int, enjoyment: int, activity: int) -> str:
    """'pain 5, enjoyment 4, activity 6': a check-in's three PEG answers, 0-10 each."""
    return f"pain {pain}, enjoyment {enjoyment}, activity {activity}"


def checkin(record: Mapping[str, Any]) -> str:
    return peg_answers(record["severity"], record["enjoyment"], record["activity"])


def by_fields(record: Mapping[str, Any]) -> str:
    """A kind without a describe line of its own: each value it has, by export column
    ('hours 7.5, quality 6'), the note left to its own column."""
    skip = {"record", "id", "at", "note"}
    return ", ".join(
        f"{key} {format_amount(value) if isinstance(value, float) else value}"
        for key, value in record.items()
        if key not in skip and value not in (None, "", [])
    )
