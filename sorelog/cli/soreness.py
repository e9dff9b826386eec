"""Soreness commands: add, report, parts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer

from sorelog.cli.alerts import alerts_for, say
from sorelog.cli.completion import complete_part, complete_symptom
from sorelog.cli.context import now, open_for_writing, reading, settings, today
from sorelog.cli.params import JsonOption
from sorelog.cli.prompts import ask_part, ask_severity, interactive
from sorelog.domain.errors import InputError
from sorelog.domain.inputs import clean_text, part_option, symptom_names, when_or_now
from sorelog.domain.parts import Quality, Side, parse_severity, part_label
from sorelog.domain.symptoms import SYMPTOMS, Tier
from sorelog.domain.values import SorenessInput
from sorelog.domain.when import LocalZone, parse_day

app = typer.Typer()


@app.command()
def add(
    ctx: typer.Context,
    part: Annotated[
        str | None,
        typer.Argument(
            help="Body part or alias, optionally with a side: 'quads', 'left calf'.",
            autocompletion=complete_part,
            show_default=False,
        ),
    ] = None,
    severity: Annotated[
        str | None,
        typer.Argument(
            help="0 = no soreness (recovery), 10 = worst imaginable.",
            show_default=False,
            metavar="SEVERITY",
        ),
    ] = None,
    side: Annotated[Side | None, typer.Option(case_sensitive=False, help="Which side.")] = None,
    at: Annotated[
        str | None,
        typer.Option(
            help="When it was felt: 2026-11-20, 2026-11-20T08:30, today, yesterday, "
            "'3 days ago', '3d ago', monday, 07:30, 'yesterday 18:30' (a day, then a time). "
            "Default: now.",
        ),
    ] = None,
    cause: Annotated[str | None, typer.Option(help="What caused it: 'squats 5x5'.")] = None,
    kind: Annotated[
        Quality | None, typer.Option(case_sensitive=False, help="What it feels like.")
    ] = None,
    symptom: Annotated[
        list[str] | None,
        typer.Option(
            autocompletion=complete_symptom,
            help="A symptom felt with it (repeatable). Emergency: "
            + ", ".join(n for n, (t, _) in SYMPTOMS.items() if t is Tier.emergency)
            + ". Urgent: "
            + ", ".join(n for n, (t, _) in SYMPTOMS.items() if t is Tier.urgent)
            + ". Also: "
            + ", ".join(n for n, (t, _) in SYMPTOMS.items() if t is Tier.recorded)
            + ".",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(help="Anything else worth remembering.")] = None,
) -> None:
    """Log how sore a body part is."""
    _, zone = settings(ctx)

    def checked_options() -> tuple[datetime, tuple[str, ...], str | None, str | None]:
        return (
            when_or_now(at, now(ctx), zone),
            symptom_names(symptom),
            clean_text(cause),
            clean_text(note),
        )

    # Before asking anything: nobody should answer two questions only to be refused.
    prompting = (part is None or severity is None) and interactive()
    options = checked_options() if prompting else None
    if part is None:
        if not interactive():
            raise InputError("missing PART and SEVERITY; for example: sorelog add quads 6")
        body_part, prefix_side = ask_part()
    else:
        body_part, prefix_side = part_option(part)
    if severity is None:
        if not interactive():
            raise InputError(f"missing SEVERITY (0-10); for example: sorelog add {body_part} 6")
        level = ask_severity()
    else:
        try:
            level = parse_severity(severity)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    if prefix_side and side and prefix_side != side.value:
        raise InputError(f"two different sides given: '{prefix_side}' in PART and --side {side}")
    chosen_side = prefix_side or (side.value if side else None)
    moment, symptoms, cause_text, note_text = options or checked_options()
    entry = SorenessInput(
        at=moment,
        day=zone.day_of(moment),
        body_part=body_part,
        side=chosen_side,
        severity=level,
        kind=kind.value if kind else None,
        cause=cause_text,
        symptoms=symptoms,
        note=note_text,
    )
    from sorelog.store.writes import add_soreness

    with open_for_writing(ctx) as journal:
        entry_id = add_soreness(journal, entry)
        alerts = alerts_for(ctx, journal, [entry_id]) if symptoms or level == 10 else []
    typer.echo(_logged_line(entry_id, entry, zone))
    say(alerts)


def _logged_line(entry_id: int, entry: SorenessInput, zone: LocalZone) -> str:
    from sorelog.render.records import logged_line

    details = f", {entry.kind}" if entry.kind else ""
    if entry.cause:
        details += f" (cause: {entry.cause})"
    if entry.symptoms:
        details += f"; symptoms: {', '.join(entry.symptoms)}"
    what = f"{part_label(entry.body_part, entry.side)} {entry.severity}/10"
    return logged_line(entry_id, what, zone.to_local(entry.at), details)


@app.command()
def report(
    ctx: typer.Context,
    days: Annotated[
        int, typer.Option(min=1, max=3650, help="How many days up to today to look at.")
    ] = 28,
    part: Annotated[
        str | None,
        typer.Option(help="Only this body part (all sides).", autocompletion=complete_part),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Evaluate as if today were this day: 2026-11-20, yesterday, '3 days ago'. "
            "Later entries are ignored.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show how each body part is doing, and the flags worth a clinician's look."""
    config, _ = settings(ctx)
    body_part = part_option(part, "--part").body_part if part is not None else None
    try:
        day: date = parse_day(as_of, today(ctx)) if as_of is not None else today(ctx)
    except ValueError as exc:
        raise InputError(f"--as-of: {exc}") from None
    from sorelog.render.console import console, print_json
    from sorelog.render.report import report_document, report_renderable
    from sorelog.services.report import build_report

    with reading(ctx) as journal:
        result = build_report(journal, day, days, body_part, config)
    if as_json:
        print_json(report_document(result))
    else:
        out = console()
        out.print(report_renderable(result, out.width))


@app.command()
def parts(
    as_json: JsonOption = False,
) -> None:
    """List the body parts and the other names they answer to."""
    from sorelog.render.console import console, print_json
    from sorelog.render.parts import parts_document, parts_table

    if as_json:
        print_json(parts_document())
    else:
        console().print(parts_table())
