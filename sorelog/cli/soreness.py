"""Soreness commands: add, report, parts."""

from __future__ import annotations

from typing import Annotated, NamedTuple

import typer

from sorelog.cli.completion import (
    complete_part,
    complete_part_or_severity,
    complete_side,
    complete_symptom,
)
from sorelog.cli.context import as_of_day, now, reading, settings
from sorelog.cli.params import AsOfOption, JsonOption, PersonOption
from sorelog.cli.prompts import ask_part, ask_severity, interactive
from sorelog.cli.recording import checked, log, record
from sorelog.cli.usage import ARGV_KEY, quoting_hint
from sorelog.domain.alerting import soreness_may_alert
from sorelog.domain.errors import InputError
from sorelog.domain.inputs import part_option, when_or_now
from sorelog.domain.kinds import SORENESS
from sorelog.domain.parts import (
    SIDE_WORDS,
    Quality,
    parse_severity,
    parse_side,
    part_label,
    suggest_part,
)
from sorelog.domain.symptoms import SYMPTOMS, Tier

app = typer.Typer()


@app.command()
def add(
    ctx: typer.Context,
    given: Annotated[
        list[str] | None,
        typer.Argument(
            help="A body part or alias, optionally with a side ('quads', 'left calf'), then its "
            "severity: 0 = no soreness (recovery), 10 = worst imaginable. Several parts: "
            "quads 6 hams 4 'left calf' 3.",
            autocompletion=complete_part_or_severity,
            show_default=False,
            metavar="PART SEVERITY ...",
        ),
    ] = None,
    side: Annotated[
        str | None,
        typer.Option(
            metavar="SIDE",
            help="Which side of every part: left, right or both (or l, r, b).",
            autocompletion=complete_side,
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            help="When it was felt: 2026-11-20, 2026-11-20T08:30, today, yesterday, "
            "'3 days ago', '3d ago', monday, 07:30, 'yesterday 18:30' (a day, then a time), "
            "'yesterday 8pm', 'last tuesday', 'Nov 20 18:30'. "
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
    """Log how sore a body part is; several parts at once: add quads 6 hams 4.

    The options apply to every part; all the entries are written, or none.
    """
    _, zone = settings(ctx)
    words = given or []
    side = _side_option(side)
    options = {
        "kind": kind.value if kind else None,
        "cause": cause,
        "symptoms": symptom,
        "note": note,
    }
    options = {name: value for name, value in options.items() if value is not None}
    # Before asking anything: nobody should answer two questions only to be refused.
    prompting = (not words or len(words) % 2 == 1) and interactive()
    moment = when_or_now(at, now(ctx), zone) if prompting else None
    if prompting:
        checked(SORENESS, options, partial=True)
    if not words:
        if not interactive():
            raise InputError("missing PART and SEVERITY; for example: sorelog add quads 6")
        body_part, prefix_side = ask_part()
        parts = [_Part("", body_part, _side(prefix_side, side, ""), ask_severity())]
    else:
        parts = _given_parts(ctx, words, side)
    if parts[-1].severity is None:
        label = part_label(parts[-1].body_part, parts[-1].side)
        parts[-1] = parts[-1]._replace(severity=ask_severity(label if len(parts) > 1 else None))
    if moment is None:
        moment = when_or_now(at, now(ctx), zone)
    entries = [  # each checked whole: its part and severity with the options
        record(
            ctx,
            SORENESS,
            moment,
            checked(
                SORENESS,
                {
                    **options,
                    "body_part": part.body_part,
                    "side": part.side,
                    "severity": str(part.severity),
                },
            ),
        )
        for part in parts
    ]
    config, _ = settings(ctx)
    speak = any(
        soreness_may_alert(
            e.values["body_part"],
            e.values["severity"],
            tuple(filter(None, e.values["symptoms"].split(";"))),
            config.severe_level,
        )
        for e in entries
    )
    log(ctx, entries, None if speak else lambda journal, ids: [])


class _Part(NamedTuple):
    """One PART from the command line, checked, with its SEVERITY (None: still to ask)."""

    text: str  # as typed
    body_part: str
    side: str | None  # from its prefix or --side
    severity: int | None


def _side_option(text: str | None) -> str | None:
    """--side as given (left, right, both or l, r, b, any case), as the journal keeps it."""
    try:
        return parse_side(text) if text is not None else None
    except ValueError as exc:
        raise InputError(f"--side {exc}") from None


def _given_parts(ctx: typer.Context, words: list[str], side: str | None) -> list[_Part]:
    """Each PART SEVERITY pair, checked in order; the first mistake is refused, so nothing
    is written. A last PART without its SEVERITY is asked for on a terminal only."""
    parts: list[_Part] = []
    for index in range(0, len(words), 2):
        text = words[index]
        body_part, prefix_side = _part(ctx, words, index)
        if index + 1 < len(words):
            level: int | None = _severity(words[index + 1])
        elif not interactive():
            if index == 0:
                raise InputError(f"missing SEVERITY (0-10); for example: sorelog add {body_part} 6")
            raise InputError(
                f"missing SEVERITY (0-10) for '{text}', the last PART; every PART needs one, "
                "as in: sorelog add quads 6 hams 4"
            )
        else:
            level = None
        part = _Part(text, body_part, _side(prefix_side, side, text if words[2:] else ""), level)
        for earlier in parts:
            if (earlier.body_part, earlier.side) == (part.body_part, part.side):
                raise InputError(
                    f"{part_label(part.body_part, part.side)} is given twice ('{earlier.text}' "
                    f"and '{text}'); give each part and side once"
                )
        parts.append(part)
    return parts


def _part(ctx: typer.Context, words: list[str], index: int) -> tuple[str, str | None]:
    """The PART at `index`; a side followed by a part was meant as one, and a later PART
    that is no body part at all may be a stray word of an unquoted value."""
    text, after = words[index], words[index + 1 : index + 2]
    try:
        return part_option(text)
    except InputError as exc:
        if (word := text.strip().lower()) in SIDE_WORDS and _is_part(after):
            raise InputError(
                f"{exc.message} (a side goes in quotes with its part, as in "
                f"'{word} {after[0].strip()}', or as --side {SIDE_WORDS[word]})"
            ) from None
        if index > 0:
            # A later PART that is no part may be a word cut off an unquoted option value.
            hint = quoting_hint(words[index:], ctx.meta.get(ARGV_KEY, ()), ctx.command)
            if hint is not None and hint.startswith("-"):
                raise InputError(
                    f"{exc.message} (and quote values that contain spaces, as in {hint})"
                ) from None
            if suggest_part(text) is None:
                raise InputError(f"{exc.message} (and quote values that contain spaces)") from None
        raise


def _is_part(words: list[str]) -> bool:
    if not words:
        return False
    try:
        part_option(words[0])
    except InputError:
        return False
    return True


def _severity(text: str) -> int:
    try:
        return parse_severity(text)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _side(prefix_side: str | None, side: str | None, text: str) -> str | None:
    """The side of a PART: its prefix, else --side; the two must agree."""
    if prefix_side and side and prefix_side != side:
        where = f"PART '{text}'" if text else "PART"
        raise InputError(f"two different sides given: '{prefix_side}' in {where} and --side {side}")
    return prefix_side or side


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
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    person: PersonOption = None,
) -> None:
    """Show how each body part is doing, and the flags worth a clinician's look."""
    config, _ = settings(ctx)
    body_part = part_option(part, "--part").body_part if part is not None else None
    day = as_of_day(ctx, as_of)
    from sorelog.render.console import console, print_json
    from sorelog.render.report import report_document, report_renderable
    from sorelog.services.report import build_report

    with reading(ctx, person) as journal:
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
