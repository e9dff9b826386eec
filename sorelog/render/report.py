"""The report as Rich tables and as the spec's JSON document, from the same Report."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text

from sorelog.analysis.flag import Flag
from sorelog.analysis.part_summary import PartSummary
from sorelog.analysis.remedy_stats import Association, RemedySummary
from sorelog.analysis.report import Report
from sorelog.domain.doses import Dose
from sorelog.domain.parts import part_label
from sorelog.domain.safe_text import printable
from sorelog.render.console import fits, indented, literal, natural_width
from sorelog.render.levels import LEVEL_NAME, LEVEL_STYLE, NO_FLAGS

FOOTER = "A journal, not medical advice: bring flags to a clinician."
EMPTY_HINT = (
    "Your journal is empty. Log how sore something is, for example:\n"
    "  sorelog add quads 6 --cause squats"
)
SPARK = "▁▂▃▄▅▆▇█"
SPARK_DAYS_WIDE = 28  # the last four weeks on a terminal of 100 columns or more
SPARK_DAYS_NARROW = 14  # the last two weeks on a narrower one
TREND_STYLE = {"improving": "green", "worsening": "red", "steady": "yellow", "resolved": "dim"}
COMPARISON_TITLE = "Next-day soreness after days with and without each remedy"
COMPARISON_CAPTION = "An association in your own journal, not proof that a remedy works."


def report_document(report: Report) -> dict[str, Any]:
    """The report as the spec's JSON document."""
    return {
        "as_of": report.as_of.isoformat(),
        "window": {"start": report.window_start.isoformat(), "end": report.as_of.isoformat()},
        "parts": [_part_document(p) for p in report.parts],
        "flags": [flag_document(f) for f in report.flags],
        "remedies": [_remedy_document(r) for r in report.remedies],
    }


def dose_document(dose: Dose | None) -> dict[str, Any] | None:
    if dose is None:
        return None
    amount: float | int = int(dose.amount) if dose.amount.is_integer() else dose.amount
    return {"amount": amount, "unit": dose.unit}


def _remedy_document(remedy: RemedySummary) -> dict[str, Any]:
    return {
        "remedy": remedy.remedy,
        "days_used": remedy.days_used,
        "longest_streak": remedy.longest_streak,
        "total": dose_document(remedy.total),
        "totals": [dose_document(total) for total in remedy.totals],
        "side_effects": remedy.side_effects,
        "associations": [
            {
                "body_part": a.body_part,
                "days_taken": a.days_taken,
                "mean_next_day_after_taken": a.mean_after_taken,
                "days_not_taken": a.days_not,
                "mean_next_day_after_not": a.mean_after_not,
            }
            for a in remedy.associations
        ],
    }


def _part_document(part: PartSummary) -> dict[str, Any]:
    return {
        "body_part": part.body_part,
        "side": part.side,
        "latest": part.latest,
        "peak": part.peak,
        "peak_date": part.peak_date.isoformat(),
        "episode_start": part.episode_start.isoformat() if part.episode_start else None,
        "episode_days": part.episode_days,
        "origin": (
            {"workout": part.origin.name, "at": part.origin.at.isoformat()} if part.origin else None
        ),
        "trend": str(part.trend),
        "daily": [{"date": d.day.isoformat(), "severity": d.severity} for d in part.daily],
    }


def flag_document(flag: Flag) -> dict[str, Any]:
    return {
        "level": flag.level,
        "code": flag.code,
        "body_part": flag.body_part,
        "side": flag.side,
        "remedy": flag.remedy,
        "since": flag.since.isoformat(),
        "message": flag.message,
    }


def sparkline(part: PartSummary, window_start: date, as_of: date, days: int) -> str:
    """One character per day: a bar for the day's highest severity, '_' for 0, '·' for no entry."""
    by_day = {d.day: d.severity for d in part.daily}
    first = max(window_start, as_of - timedelta(days=days - 1))
    chars = []
    for offset in range((as_of - first).days + 1):
        severity = by_day.get(first + timedelta(days=offset))
        if severity is None:
            chars.append("·")
        elif severity == 0:
            chars.append("_")
        else:
            chars.append(SPARK[min(len(SPARK) - 1, (severity - 1) * len(SPARK) // 10)])
    return "".join(chars)


def report_renderable(report: Report, width: int) -> Group:
    """Parts, flags, remedies and the footer, ready to print once.

    Tables where they fit; on a narrow terminal each row becomes a few wrapped lines, so
    the current severity, part and remedy names and dates always show in full, and the
    sparkline keeps the newest days.
    """
    if report.empty_journal:
        return Group(Text(EMPTY_HINT), Text(FOOTER, style="dim"))
    items: list[Any] = []
    if report.parts:
        items.append(_parts(report, width))
    else:
        items.append(Text(f"No soreness logged from {report.window_start} to {report.as_of}."))
    if report.flags:
        table = flags_table(report.flags)
        items.append(table if width >= NARROW else _flag_lines(report.flags))
    else:
        items.append(Text(NO_FLAGS))
    if report.remedies:
        table = _remedies_table(report.remedies)
        items.append(table if fits(table, width) else _remedy_lines(report.remedies))
        associations = [a for r in report.remedies for a in r.associations]
        if associations:
            table = _associations_table(associations)
            items.append(table if fits(table, width) else _association_lines(associations))
    items.append(Text(FOOTER, style="dim"))
    return Group(*items)


NARROW = 72  # below this, a flag's message column would be a few words wide
MIN_SPARK_DAYS = 7  # fewer days than a week in a table row says too little: lines instead
# What gives way, in turn, when the parts table is too wide: (workout names, sparkline days)
# each cut down to at most this. A name cut shorter than 12 cells no longer says which one.
GIVING_WAY = ((20, SPARK_DAYS_WIDE), (20, SPARK_DAYS_NARROW), (12, SPARK_DAYS_NARROW), (12, 7))


def _parts(report: Report, width: int) -> Table | Group:
    """The parts table in `width` columns, else lines: never wrapped, whatever the names.

    Long workout names are cut with an ellipsis (their day kept) and the sparkline loses
    its oldest days, in the turns GIVING_WAY sets; if that is not enough, the columns close
    up to two spaces apart and the turns are taken again; then a few lines a part."""
    days = SPARK_DAYS_WIDE if width >= 100 else SPARK_DAYS_NARROW
    titles = [cell_len(printable(p.origin.title)) for p in report.parts if p.origin]
    longest = max(titles, default=0)
    for compact in (False, True):
        follows, spark = longest, days
        for most_follows, most_spark in ((longest, days), *GIVING_WAY):
            follows, spark = min(follows, most_follows), min(spark, most_spark)
            table = _parts_table(report, spark, follows, compact)
            if natural_width(table) <= width:  # every column is no-wrap: this is exact
                return table
    return _part_lines(report, width)


def _part_lines(report: Report, width: int) -> Group:
    """A few lines a part for a narrow terminal: the facts wrap under their part, and what
    the episode follows takes a line of its own, cut with an ellipsis to the width."""
    lines: list[Any] = [Text(f"Soreness {report.window_start} to {report.as_of}", style="bold")]
    days = max(1, min(SPARK_DAYS_NARROW, width - 4))
    for part in report.parts:
        label = printable(part_label(part.body_part, part.side))
        trend = Text(str(part.trend), style=TREND_STYLE[str(part.trend)])
        lines.append(Text.assemble(Text(label, style="bold"), f"  now {part.latest}, ", trend))
        details = f"peak {part.peak} on {_short_day(part.peak_date, report.as_of)}"
        if part.episode_start:
            start = _short_day(part.episode_start, report.as_of)
            details += f"; since {start}, {part.episode_days}\N{NO-BREAK SPACE}d"
        lines.append(indented(Text(details)))
        if part.origin:
            name = max(1, width - len("  follows  MM-DD"))
            follows = Text("follows ").append(_follows(part, report.as_of, name))
            lines.append(indented(follows))
        spark = sparkline(part, report.window_start, report.as_of, days)
        lines.append(indented(Text(f"{spark}  last {len(spark)} days")))
    return Group(*lines, Text(""))


def _flag_lines(flags: list[Flag]) -> Group:
    lines: list[Any] = [Text("Flags", style="bold")]
    for flag in flags:
        lines.append(Text(f"{LEVEL_NAME[flag.level]} ({flag.code})", style=LEVEL_STYLE[flag.level]))
        lines.append(indented(literal(flag.message)))
    return Group(*lines, Text(""))


def _remedy_lines(remedies: list[RemedySummary]) -> Group:
    lines: list[Any] = [Text("Remedies and side effects", style="bold")]
    for remedy in remedies:
        total = " + ".join(str(total) for total in remedy.totals) or "no doses"
        lines.append(literal(remedy.remedy, style="bold"))
        used = "1 day" if remedy.days_used == 1 else f"{remedy.days_used} days"
        lines.append(
            indented(
                Text(
                    f"used on {used}, longest run {remedy.longest_streak} d, total {total}, "
                    f"side effects {remedy.side_effects}"
                )
            )
        )
    return Group(*lines, Text(""))


def _association_lines(associations: list[Association]) -> Group:
    lines: list[Any] = []
    for item in associations:
        lines.append(
            Text.assemble(
                "Next-day soreness after days with and without ",
                literal(item.remedy, style="bold"),
                f", for {printable(item.body_part)}",
                style="bold",
            )
        )
        lines.append(
            indented(
                Text(
                    f"after taking it {item.mean_after_taken:.1f} ({item.days_taken} days), "
                    f"after not {item.mean_after_not:.1f} ({item.days_not} days)"
                )
            )
        )
    lines.append(Text(COMPARISON_CAPTION))
    return Group(*lines, Text(""))


def _short_day(day: date, as_of: date) -> str:
    """MM-DD within the report's year (the title carries it), else the full date."""
    return day.strftime("%m-%d") if day.year == as_of.year else day.isoformat()


def _parts_table(report: Report, spark_days: int, follows: int, compact: bool) -> Table:
    """The parts table, each workout name cut to `follows` cells; `compact`: two spaces
    between columns, none at the edges, and a shorter sparkline heading."""
    title = f"Soreness {report.window_start} to {report.as_of}"
    table = Table(title=title, box=box.SIMPLE_HEAD)
    if compact:
        table = Table(
            title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True
        )
    table.add_column("Part", no_wrap=True)
    table.add_column("Now", justify="right", no_wrap=True)
    table.add_column("Peak", no_wrap=True)
    table.add_column("Episode", no_wrap=True)
    table.add_column("Follows", no_wrap=True)
    table.add_column("Trend", no_wrap=True)
    shown = min(spark_days, report.days)
    table.add_column(f"{shown} days" if compact else f"Last {shown} days", no_wrap=True)
    for part in report.parts:
        episode = "-"
        if part.episode_start:
            episode = f"{_short_day(part.episode_start, report.as_of)}, {part.episode_days} d"
        table.add_row(
            literal(part_label(part.body_part, part.side)),
            str(part.latest),
            f"{part.peak} on {_short_day(part.peak_date, report.as_of)}",
            episode,
            _follows(part, report.as_of, follows),
            Text(str(part.trend), style=TREND_STYLE[str(part.trend)]),
            *(
                [sparkline(part, report.window_start, report.as_of, spark_days)]
                if spark_days
                else []
            ),
        )
    return table


def _follows(part: PartSummary, as_of: date, width: int) -> Text:
    """What the current episode follows: the workout with how long and how far when that
    fits `width`, else its name cut to `width` with an ellipsis; and its day (always
    whole); '-' if unexplained."""
    if part.origin is None:
        return Text("-")
    title = part.origin.title
    name = literal(title if cell_len(printable(title)) <= width else part.origin.name)
    name.truncate(width, overflow="ellipsis")
    return name.append(f" {_short_day(part.origin.day, as_of)}")


def flags_table(flags: list[Flag]) -> Table:
    table = Table(title="Flags", box=box.SIMPLE_HEAD, show_lines=False)
    table.add_column("Level", no_wrap=True)
    table.add_column("What was observed, and why it matters", overflow="fold")
    table.add_column("Rule", no_wrap=True)
    for flag in flags:
        table.add_row(
            Text(LEVEL_NAME[flag.level], style=LEVEL_STYLE[flag.level]),
            literal(flag.message),
            flag.code,
        )
    return table


def _remedies_table(remedies: list[RemedySummary]) -> Table:
    table = Table(title="Remedies and side effects", box=box.SIMPLE_HEAD)
    table.add_column("Remedy", no_wrap=True)
    for name in ("Days used", "Longest run", "Total", "Side effects"):
        table.add_column(name, justify="right")
    for remedy in remedies:
        table.add_row(
            literal(remedy.remedy),
            str(remedy.days_used),
            f"{remedy.longest_streak} d",
            " + ".join(str(total) for total in remedy.totals) or "-",
            str(remedy.side_effects),
        )
    return table


def _associations_table(associations: list[Association]) -> Table:
    table = Table(
        title=COMPARISON_TITLE,
        caption=COMPARISON_CAPTION,
        box=box.SIMPLE_HEAD,
    )
    for name in ("Remedy", "For", "After taking it", "After not"):
        table.add_column(name)
    for item in associations:
        table.add_row(
            literal(item.remedy),
            literal(item.body_part),
            f"{item.mean_after_taken:.1f} ({item.days_taken} days)",
            f"{item.mean_after_not:.1f} ({item.days_not} days)",
        )
    return table
