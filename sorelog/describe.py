"""One-line descriptions of records in the export shape, for lists and confirmations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sorelog.doses import format_amount
from sorelog.parts import part_label
from sorelog.textsafe import printable

KIND_NAMES = {"soreness": "soreness", "remedy": "remedy", "side_effect": "side effect"}


def what(record: dict[str, Any]) -> str:
    """'left quadriceps 6/10, ache; symptoms: swelling' / 'ibuprofen 400 mg for quads'."""
    kind = record["record"]
    if kind == "soreness":
        text = f"{_part(record)} {record['severity']}/10"
        if record.get("kind"):
            text += f", {record['kind']}"
        if record.get("symptoms"):
            text += f"; symptoms: {', '.join(record['symptoms'])}"
    elif kind == "remedy":
        text = record["remedy"]
        if record.get("amount") is not None:
            text += f" {format_amount(float(record['amount']))} {record['unit']}"
        if record.get("body_part"):
            text += f" for {_part(record)}"
    else:
        text = record["effect"]
        if record.get("severity") is not None:
            text += f" {record['severity']}/10"
        if record.get("remedy"):
            text += f" ({record['remedy']})"
    return printable(text)


def when(record: dict[str, Any]) -> str:
    return datetime.fromisoformat(record["at"]).strftime("%Y-%m-%d %H:%M")


def describe(record: dict[str, Any]) -> str:
    """'#12 soreness 2026-11-20 12:00: left quadriceps 6/10 (cause: squats)'."""
    text = f"#{record['id']} {KIND_NAMES[record['record']]} {when(record)}: {what(record)}"
    if record.get("cause"):
        text += f" (cause: {printable(record['cause'])})"
    return text


def _part(record: dict[str, Any]) -> str:
    return part_label(record["body_part"], record.get("side"))
