"""Commands that correct the journal: list, edit, delete."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sorelog.cli.app import (
    AtOption,
    InputError,
    JsonOption,
    NoteOption,
    app,
    clean_text,
    complete_part,
    complete_symptom,
    dose_option,
    interactive,
    part_option,
    reading,
    remedy_name_arg,
    settings,
    symptom_names,
    when_or_now,
)
from sorelog.describe import describe
from sorelog.names import normalise_effect
from sorelog.parts import Kind, Side, parse_severity
from sorelog.when import LocalZone

if TYPE_CHECKING:
    from sorelog.store import Journal

IdArgument = Annotated[
    int,
    typer.Argument(
        help="The record's id, as 'sorelog list' shows it.", metavar="ID", min=1, max=2**63 - 1
    ),
]


@app.command("list")
def list_records(
    ctx: typer.Context,
    days: Annotated[
        int, typer.Option(min=1, max=36500, help="How many days up to today to list.")
    ] = 28,
    part: Annotated[
        str | None,
        typer.Option(help="Only records for this body part.", autocompletion=complete_part),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Soreness, remedies and side effects with their ids, newest first."""
    _, zone = settings(ctx)
    body_part = part_option(part, "--part")[0] if part is not None else None
    since = zone.now().date() - timedelta(days=days - 1)
    from sorelog import render
    from sorelog.store.records_io import read_records

    records: list[dict[str, Any]] = []
    with reading(ctx) as journal:
        if journal is not None:
            records = read_records(journal, zone, since=since, part=body_part, newest_first=True)
    if as_json:
        render.print_json({"records": records})
    else:
        render.console().print(render.records_renderable(records, since))


@contextmanager
def _record(
    ctx: typer.Context, zone: LocalZone, record_id: int
) -> Iterator[tuple[Journal, dict[str, Any]]]:
    """The journal and the record with this id; a missing journal creates nothing."""
    from sorelog.store.edits import find_record

    with reading(ctx) as journal:
        if journal is None:
            raise InputError(f"no record #{record_id}; the journal is empty")
        yield journal, find_record(journal, zone, record_id)


@app.command()
def edit(
    ctx: typer.Context,
    record_id: IdArgument,
    part: Annotated[
        str | None,
        typer.Option(help="Soreness: the body part ('left calf').", autocompletion=complete_part),
    ] = None,
    side: Annotated[
        str | None,
        typer.Option(help="Soreness or remedy: left, right or both ('' removes it)."),
    ] = None,
    severity: Annotated[
        str | None, typer.Option(help="Soreness or side effect: 0 to 10.", metavar="0-10")
    ] = None,
    at: AtOption = None,
    cause: Annotated[str | None, typer.Option(help="Soreness: what caused it.")] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="Soreness: " + ", ".join(k.value for k in Kind) + " ('' removes it)."),
    ] = None,
    symptom: Annotated[
        list[str] | None,
        typer.Option(
            help="Soreness: the symptoms (replaces them all).", autocompletion=complete_symptom
        ),
    ] = None,
    no_symptoms: Annotated[
        bool, typer.Option("--no-symptoms", help="Soreness: remove all symptoms.")
    ] = False,
    remedy: Annotated[
        str | None, typer.Option(help="Remedy: its name. Side effect: the remedy blamed.")
    ] = None,
    dose: Annotated[
        str | None, typer.Option(help="Remedy: amount with a unit ('' removes it).")
    ] = None,
    for_part: Annotated[
        str | None,
        typer.Option(
            "--for",
            help="Remedy: the body part it was for ('' removes it).",
            autocompletion=complete_part,
        ),
    ] = None,
    effect: Annotated[str | None, typer.Option(help="Side effect: what was felt.")] = None,
    note: NoteOption = None,
) -> None:
    """Correct a record: give only what changes ('' clears a text)."""
    _, zone = settings(ctx)
    given = {
        "--part": part, "--side": side, "--severity": severity, "--at": at, "--cause": cause,
        "--kind": kind, "--symptom": symptom or None, "--no-symptoms": no_symptoms or None,
        "--remedy": remedy, "--dose": dose, "--for": for_part, "--effect": effect,
        "--note": note,
    }  # fmt: skip
    given = {option: value for option, value in given.items() if value is not None}
    if not given:
        raise InputError("nothing to change; give an option such as --severity 4 or --note ''")
    from sorelog.store.edits import find_record, update_record

    with _record(ctx, zone, record_id) as (journal, record):
        changes = _changes(record, given, zone)
        after = {**record, **changes}
        if record["record"] == "remedy":
            if after["side"] and not after["body_part"]:
                raise InputError("a side needs a body part: give --for as well")
            if after["unit"] and ("unit" in changes or "remedy" in changes):
                from sorelog.store.writes import check_unit

                check_unit(journal, after["remedy"], after["unit"], leaving_out=record_id)
        update_record(journal, record["record"], record_id, changes)
        typer.echo(f"Updated {describe(find_record(journal, zone, record_id))}")


APPLIES = {
    "soreness": {"--part", "--side", "--severity", "--at", "--cause", "--kind", "--symptom",
                 "--no-symptoms", "--note"},
    "remedy": {"--remedy", "--dose", "--for", "--side", "--at", "--note"},
    "side_effect": {"--effect", "--remedy", "--severity", "--at", "--note"},
}  # fmt: skip


OPTION_ORDER = ("--part", "--remedy", "--effect", "--dose", "--for", "--side", "--severity",
                "--at", "--cause", "--kind", "--symptom", "--no-symptoms", "--note")  # fmt: skip


def _changes(record: dict[str, Any], given: dict[str, Any], zone: LocalZone) -> dict[str, Any]:
    """Validated column values for the options given, with the same rules as the add commands."""
    kind = record["record"]
    wrong = sorted(set(given) - APPLIES[kind])
    if wrong:
        takes = ", ".join(o for o in OPTION_ORDER if o in APPLIES[kind])
        raise InputError(
            f"{', '.join(wrong)} does not apply to a {kind.replace('_', ' ')} record, "
            f"which takes {takes}"
        )
    changes: dict[str, Any] = {}
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
    if "--severity" in given:
        if kind == "side_effect" and not given["--severity"].strip():
            changes["severity"] = None
        else:
            try:
                changes["severity"] = parse_severity(given["--severity"])
            except ValueError as exc:
                raise InputError(f"--severity: {exc}") from None
    if "--at" in given:
        moment = when_or_now(given["--at"], zone)
        changes["at"] = moment.astimezone(UTC)
        changes["day"] = zone.day_of(moment)
    if "--kind" in given:
        changes["kind"] = _choice(given["--kind"], "--kind", [k.value for k in Kind])
    if "--symptom" in given:
        changes["symptoms"] = ";".join(symptom_names(given["--symptom"]))
    if "--no-symptoms" in given:
        if "--symptom" in given:
            raise InputError("give --symptom or --no-symptoms, not both")
        changes["symptoms"] = ""
    for option, column in (("--cause", "cause"), ("--note", "note")):
        if option in given:
            changes[column] = clean_text(given[option])
    if "--remedy" in given:
        clearing = kind == "side_effect" and not given["--remedy"].strip()
        changes["remedy"] = None if clearing else remedy_name_arg(given["--remedy"])
    if "--effect" in given:
        try:
            changes["effect"] = normalise_effect(given["--effect"])
        except ValueError as exc:
            raise InputError(str(exc)) from None
    if "--dose" in given and not given["--dose"].strip():
        changes.update(amount=None, unit=None, base_amount=None, base_unit=None)
    elif "--dose" in given:
        amount = dose_option(given["--dose"], "--dose")
        assert amount is not None
        base = amount.base
        changes.update(amount=amount.amount, unit=amount.unit, base_amount=base.amount,
                       base_unit=base.unit)  # fmt: skip
    return changes


def _choice(value: str, option: str, allowed: list[str]) -> str | None:
    """One of `allowed` (any case), or None for '' (removes the value)."""
    chosen = value.strip().lower()
    if not chosen:
        return None
    if chosen not in allowed:
        raise InputError(f"{option}: '{value}' is not one of {', '.join(allowed)} (or '')")
    return chosen


@app.command()
def delete(
    ctx: typer.Context,
    record_id: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
) -> None:
    """Delete one record (asks first)."""
    _, zone = settings(ctx)
    if not yes and not interactive():
        raise InputError("delete asks for confirmation; without a terminal, add --yes")
    from sorelog.store.edits import delete_record

    with _record(ctx, zone, record_id) as (journal, record):
        if not yes and not typer.confirm(f"Delete {describe(record)}?", default=False):
            typer.echo("Nothing deleted.")
            return
        delete_record(journal, record["record"], record_id)
    typer.echo(f"Deleted {describe(record)}")
