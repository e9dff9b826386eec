"""Correcting a record: the options given are checked as the add commands check them.

`sorelog edit` hands over the options it was given, by name; this module says which
apply to the record's kind (domain.kinds), turns them into column values, and writes
them in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sorelog.domain.errors import InputError
from sorelog.domain.inputs import (
    clean_text,
    dose_option,
    part_option,
    remedy_name_arg,
    symptom_names,
    when_or_now,
)
from sorelog.domain.kinds import CHECKIN, REMEDY, SIDE_EFFECT, WORKOUT, kind_named
from sorelog.domain.names import normalise_effect, workout_name
from sorelog.domain.parts import Quality, Side, parse_severity, workout_parts
from sorelog.domain.peg import parse_answer
from sorelog.domain.when import LocalZone
from sorelog.store import Journal
from sorelog.store.records import find_record, update_record

Changes = dict[str, Any]


def edit_record(
    journal: Journal, record_id: int, given: dict[str, Any], zone: LocalZone, now: datetime
) -> dict[str, Any]:
    """Apply the options `given` (by option name) to one record; returns it as it is now."""
    record = find_record(journal, zone, record_id)
    changes = changes_for(record, given, zone, now)
    after = {**record, **changes}
    check = None
    if record["record"] == REMEDY.name:
        if after["side"] and not after["body_part"]:
            raise InputError("a side needs a body part: give --for as well")
        if after["unit"] and ("unit" in changes or "remedy" in changes):
            from sorelog.store.writes import check_unit

            def check() -> None:
                check_unit(journal, after["remedy"], after["unit"], leaving_out=record_id)

    update_record(journal, record["record"], record_id, changes, check)
    return find_record(journal, zone, record_id)


def changes_for(
    record: dict[str, Any], given: dict[str, Any], zone: LocalZone, now: datetime
) -> Changes:
    """Validated column values for the options given, with the same rules as the add commands."""
    kind = kind_named(record["record"])
    wrong = sorted(set(given) - set(kind.edit_options))
    if wrong:
        raise InputError(
            f"{', '.join(wrong)} does not apply to a {kind.label} record, "
            f"which takes {', '.join(kind.edit_options)}"
        )
    changes: Changes = {}
    if kind is WORKOUT:  # its name and parts; --at and --note as for every kind
        given = dict(given)
        _workout(given.pop("--name", None), given.pop("--part", None), changes)
    if kind is CHECKIN:  # its three answers; --at and --note as for every kind
        given = dict(given)
        _checkin({option: given.pop(option, None) for option in _PEG_OPTIONS}, changes)
    clears_blank = kind is SIDE_EFFECT  # a side effect's severity and remedy may be left out
    for step in _STEPS:
        step(given, changes, clears_blank, zone, now)
    return changes


def _workout(name: str | None, parts: str | None, changes: Changes) -> None:
    if name is not None:
        try:
            changes["cause"] = workout_name(clean_text(name) or "")
        except ValueError as exc:
            raise InputError(f"--name: {exc}") from None
    if parts is not None:
        try:
            changes["body_part"] = ";".join(workout_parts([parts]))
        except ValueError as exc:
            raise InputError(f"--part: {exc}") from None


# A check-in's edit options and the columns they set: the average pain is `severity`.
_PEG_OPTIONS = {"--pain": "severity", "--enjoyment": "enjoyment", "--activity": "activity"}


def _checkin(given: dict[str, str | None], changes: Changes) -> None:
    for option, text in given.items():
        if text is not None:
            try:
                changes[_PEG_OPTIONS[option]] = parse_answer(text, option)
            except ValueError as exc:
                raise InputError(str(exc)) from None


def _place(given: dict[str, Any], changes: Changes, *_: Any) -> None:
    if "--for" in given and not given["--for"].strip():
        changes.update(body_part=None, side=None)
    elif "--part" in given or "--for" in given:
        option = "--part" if "--part" in given else "--for"
        body_part, prefix_side = part_option(given[option], option)
        changes["body_part"] = body_part
        if prefix_side:
            changes["side"] = prefix_side
    if "--side" in given:
        side = _choice(given["--side"], "--side", [s.value for s in Side])
        if changes.get("side") and changes["side"] != side:
            raise InputError("two different sides given")
        changes["side"] = side


def _severity(given: dict[str, Any], changes: Changes, clears_blank: bool, *_: Any) -> None:
    if "--severity" not in given:
        return
    if clears_blank and not given["--severity"].strip():
        changes["severity"] = None
        return
    try:
        changes["severity"] = parse_severity(given["--severity"])
    except ValueError as exc:
        raise InputError(f"--severity: {exc}") from None


def _moment(
    given: dict[str, Any], changes: Changes, _clears: bool, zone: LocalZone, now: datetime
) -> None:
    if "--at" in given:
        moment = when_or_now(given["--at"], now, zone)
        changes["at"] = moment.astimezone(UTC)
        changes["day"] = zone.day_of(moment)


def _soreness_details(given: dict[str, Any], changes: Changes, *_: Any) -> None:
    if "--kind" in given:
        changes["kind"] = _choice(given["--kind"], "--kind", [q.value for q in Quality])
    if "--symptom" in given:
        changes["symptoms"] = ";".join(symptom_names(given["--symptom"]))
    if "--no-symptoms" in given:
        if "--symptom" in given:
            raise InputError("give --symptom or --no-symptoms, not both")
        changes["symptoms"] = ""


def _texts(given: dict[str, Any], changes: Changes, *_: Any) -> None:
    for option, column in (("--cause", "cause"), ("--note", "note")):
        if option in given:
            changes[column] = clean_text(given[option])


def _names(given: dict[str, Any], changes: Changes, clears_blank: bool, *_: Any) -> None:
    if "--remedy" in given:
        clearing = clears_blank and not given["--remedy"].strip()
        changes["remedy"] = None if clearing else remedy_name_arg(given["--remedy"])
    if "--effect" in given:
        try:
            changes["effect"] = normalise_effect(given["--effect"])
        except ValueError as exc:
            raise InputError(str(exc)) from None


def _dose(given: dict[str, Any], changes: Changes, *_: Any) -> None:
    if "--dose" not in given:
        return
    if not given["--dose"].strip():
        changes.update(amount=None, unit=None, base_amount=None, base_unit=None)
        return
    amount = dose_option(given["--dose"], "--dose")
    assert amount is not None
    base = amount.base
    changes.update(
        amount=amount.amount, unit=amount.unit, base_amount=base.amount, base_unit=base.unit
    )


# In the order the checks ran when they lived in one function, so errors come out alike.
_STEPS: tuple[Callable[..., None], ...] = (
    _place, _severity, _moment, _soreness_details, _texts, _names, _dose,
)  # fmt: skip


def _choice(value: str, option: str, allowed: list[str]) -> str | None:
    """One of `allowed` (any case), or None for '' (removes the value)."""
    chosen = value.strip().lower()
    if not chosen:
        return None
    if chosen not in allowed:
        raise InputError(f"{option}: '{value}' is not one of {', '.join(allowed)} (or '')")
    return chosen
