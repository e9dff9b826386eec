"""The visit summary of a realistic month, legible as printed (SPEC "Legible as printed").

The month is the sample month (7 sore muscles and a flagged knee) for a fixed day; the
page is made by the installed CLI and printed by headless Chromium on A4 and Letter,
and what is proven is read back from the PDF (page count, where words are, how tall
their glyphs are) or from the SVG the charting library wrote.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import pytest

from browser import pages, print_pdf, printed_words

AS_OF = date(2026, 11, 20)  # before the suite's frozen today (2026-11-25)
PAPERS = ("A4", "letter")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def month(journal, tmp_path) -> dict[str, Any]:
    """The sample month in the test's journal, its summary page and its report."""
    from sorelog.services.sample_month import sample_month

    source = tmp_path / "month.json"
    source.write_text(json.dumps(sample_month(AS_OF)), encoding="utf-8")
    journal.ok("import", str(source))
    page = tmp_path / "summary.html"
    window = ("--as-of", AS_OF.isoformat(), "--days", "30")
    journal.ok("summary", *window, "-o", str(page))
    report = journal.json("report", *window)
    assert len(report["parts"]) >= 7, "the month is meant to have 7 or more sore parts"
    return {"page": page, "html": page.read_text(encoding="utf-8"), "report": report}


# -- on paper --------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
def test_it_prints_on_two_pages_and_no_page_is_mostly_blank(month, tmp_path, paper) -> None:
    pdf = print_pdf(tmp_path, month["page"], paper)
    count = pages(pdf)
    assert 1 <= count <= 2
    words = printed_words(pdf)
    for number in range(1, count + 1):
        on_page = [w for w in words if w.page == number]
        assert len(on_page) > 100, f"page {number} has {len(on_page)} words"
        covered = max(w.bottom for w in on_page) - min(w.top for w in on_page)
        assert covered > 0.6 * on_page[0].page_height, f"page {number} is mostly blank"


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
def test_every_printed_text_is_at_least_8_pt(month, tmp_path, paper) -> None:
    """Glyph boxes are the font size times the font's ascent plus descent; the yardstick
    is the same fonts at exactly 8 pt, in HTML and in a scaled SVG, printed alike."""
    ruler = tmp_path / "ruler.html"
    ruler.write_text(
        "<!DOCTYPE html><style>body { font-family: sans-serif; }</style>"
        '<p style="font-size: 8pt">eight <b>bold</b></p>'
        '<svg viewBox="0 0 100 20" style="width: 200px"><text x="0" y="15" '
        'style="font-size: 5.333px; font-family: sans-serif">scaled</text></svg>'
    )  # 5.333 units drawn at twice their size: 10.67 px, 8 pt
    yardstick = min(w.height for w in printed_words(print_pdf(tmp_path, ruler, paper)))
    words = printed_words(print_pdf(tmp_path, month["page"], paper))
    assert {"calves", "11-20", "workout", "remedy", "front", "back", "pain"} <= {
        w.text for w in words
    }, "chart titles, axes, lanes, outline captions and the PEG legend are all printed"
    small = sorted({(round(w.height / yardstick * 8, 2), w.text) for w in words})[:5]
    assert all(w.height >= yardstick - 0.01 for w in words), f"below 8 pt: {small}"


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
def test_no_printed_cell_breaks_a_date(month, tmp_path, paper) -> None:
    body = month["html"].split("<body>", 1)[1]
    shown = re.sub(r"<svg.*?</svg>", " ", body, flags=re.S)
    dates = re.findall(r"\b\d{4}-\d\d-\d\d\b", re.sub(r"<[^>]+>", " ", shown))
    pdf = print_pdf(tmp_path, month["page"], paper)
    printed = re.findall(r"\b\d{4}-\d\d-\d\d\b", " ".join(w.text for w in printed_words(pdf)))
    assert sorted(printed) == sorted(dates)


# -- the charts, as the charting library wrote them ----------------------------------------


def _charts(html: str) -> dict[str, ET.Element]:
    """Each part chart's SVG by its title (pygal's plot title)."""
    found = {}
    for svg in re.findall(r'<svg xmlns="http://www.w3.org/2000/svg".*?</svg>', html, re.S):
        root = ET.fromstring(svg)
        title = root.find(f".//{SVG}text[@class='title plot_title']")
        if title is not None and title.text:
            found[title.text] = root
    return found


def _series(chart: ET.Element, number: int) -> dict[date, float]:
    """A series' points as pygal wrote them ("MM-DD: value"), by day."""
    from sorelog.render.svg_charts import SERIES

    assert number < len(SERIES)
    points = {}
    for group in chart.iter(f"{SVG}g"):
        if f"serie-{number} " in group.get("class", "") + " ":
            for desc in group.iter(f"{SVG}desc"):
                if desc.get("class") == "value" and desc.text:
                    day, value = desc.text.split(": ")
                    points[_day(day)] = float(value)
    return points


def _day(label: str) -> date:
    return date(AS_OF.year, *map(int, label.split("-")))


def _x_labels(chart: ET.Element) -> list[date]:
    axis = next(g for g in chart.iter(f"{SVG}g") if "axis x" in g.get("class", ""))
    return [
        _day(t.text) for t in axis.iter(f"{SVG}text") if t.text and re.match(r"\d\d-\d\d$", t.text)
    ]


def _by_label(month: dict[str, Any]) -> dict[str, tuple[dict[str, Any], ET.Element]]:
    from sorelog.domain.parts import part_label

    charts = _charts(month["html"])
    parts = {part_label(p["body_part"], p["side"]): p for p in month["report"]["parts"]}
    assert set(parts) <= set(charts), "every sore part has its chart"
    return {label: (part, charts[label]) for label, part in parts.items()}


def test_each_time_axis_spans_the_days_of_its_part(month) -> None:
    for label, (part, chart) in _by_label(month).items():
        days = [date.fromisoformat(d["date"]) for d in part["daily"]]
        ticks = _x_labels(chart)
        assert len(ticks) >= 3, label
        # the first tick may be a workout the evening before the first sore day
        assert 0 <= (min(days) - ticks[0]).days <= 1, (label, ticks, days)
        assert 0 <= (ticks[-1] - max(days)).days <= 1, (label, ticks, days)


def test_markers_stand_at_each_days_severity(month) -> None:
    red = 0
    for label, (part, chart) in _by_label(month).items():
        daily = {date.fromisoformat(d["date"]): d["severity"] for d in part["daily"]}
        assert _series(chart, 0) == daily, label
        for day, value in _series(chart, 1).items():  # red-flag symptoms
            red += 1
            assert value == daily[day] < 10, (label, day)
    assert red == 1, "the knee's swelling is drawn once, at its entry's severity"


def test_workouts_and_remedies_mark_only_their_parts(month) -> None:
    from sorelog.services.sample_month import sample_month

    records = sample_month(AS_OF)["records"]
    for label, (part, chart) in _by_label(month).items():
        name = part["body_part"]
        worked = {
            date.fromisoformat(r["at"][:10])
            for r in records
            if r["record"] == "workout" and name in r["body_part"].split(";")
        }
        taken = {
            date.fromisoformat(r["at"][:10])
            for r in records
            if r["record"] == "remedy" and r.get("body_part") == name
        }
        first, last = _x_labels(chart)[0], _x_labels(chart)[-1]
        assert set(_series(chart, 2)) == {d for d in worked if first <= d <= last}, label
        assert set(_series(chart, 3)) == taken, label
    assert _series(_by_label(month)["chest"][1], 3) == {}, "the knee's remedy is not the chest's"
    assert "Remedies not logged for a part" not in month["html"]  # every use named its part


# -- the table, the outline and the notes ----------------------------------------------------


def _rows(html: str) -> dict[str, list[str]]:
    table = re.search(r'<table class="parts">(.*?)</table>', html, re.S).group(1)  # type: ignore[union-attr]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = [
            " ".join(re.sub(r"<[^>]+>", "", cell).split())
            for cell in re.findall(r"<td.*?</td>", row, re.S)
        ]
        rows[cells[0]] = cells
    return rows


def test_each_table_row_is_one_episode(month) -> None:
    rows = _rows(month["html"])
    for label, (part, _) in _by_label(month).items():
        _, first, follows, peak, days, latest, _trend, highest = rows[label]
        start = date.fromisoformat(first)
        level, _, on = peak.split()
        assert 0 <= (date.fromisoformat(on) - start).days < int(days), (label, peak, first)
        episode = [d for d in part["daily"] if d["date"] >= first]
        assert int(level) == max(d["severity"] for d in episode), label
        assert highest == f"{part['peak']} on {part['peak_date']}", label
        assert latest == str(part["latest"])
        if part["origin"]:
            assert follows == f"{part['origin']['workout']} ({part['origin']['at'][:10]})"
    mixed = [r for r in rows.values() if r[3] != r[7]]
    assert mixed, "the month has a part whose period's highest was an earlier episode's"


def test_the_outline_has_a_legend_and_marks_the_red_flag_part(month) -> None:
    from sorelog.render.html_summary import SHADES

    html = month["html"]
    for low, high, fill in SHADES:
        assert f"peak {low}-{high}" in html and fill in html
    assert "red-flag sign logged" in html
    style = html.split("</style>", 1)[0]
    knee = ".body #front-knees-r, .body #back-knees-l"  # the left knee, as seen
    assert re.search(re.escape(knee) + r"[^{]*\{ stroke: #000; stroke-width: 4; \}", style)
    assert style.count("stroke-width: 4;") == 1, "only the red-flag part is outlined"
    fills = set(re.findall(r"\{ fill: (#[0-9a-f]{6}); \}", style))
    assert len(fills) >= 2, "peaks of 2 and 6 are shaded apart"


def test_the_notes_are_the_whole_flagged_episodes_newest_first(month) -> None:
    from sorelog.services.sample_month import KNEE_NOTES

    html = month["html"]
    notes = html[html.index("notes on flagged episodes") :]
    shown = [notes.index(KNEE_NOTES[place]) for place in (9, 8, 6)]
    assert shown == sorted(shown), "newest first"
    assert KNEE_NOTES[4] not in notes, "an earlier episode's note (a 0 closed it)"


def test_the_page_names_what_each_marker_means(month) -> None:
    html = month["html"]
    for words in ("a red-flag symptom", "a workout that loads the part", "a remedy logged for"):
        assert words in html


def test_a_row_keeps_the_current_episodes_peak_apart_from_the_periods(journal, tmp_path) -> None:
    for day, level in (("11-01", 7), ("11-02", 0), ("11-10", 3), ("11-11", 2)):
        journal.ok("add", "calves", str(level), "--at", f"2026-{day}T09:00")
    page = tmp_path / "s.html"
    journal.ok("summary", "--as-of", "2026-11-12", "--days", "30", "-o", str(page))
    row = _rows(page.read_text(encoding="utf-8"))["calves"]
    assert row[1] == "2026-11-10" and row[3] == "3 on 2026-11-10" and row[4] == "2"
    assert row[7] == "7 on 2026-11-01"


def test_a_remedy_for_no_part_goes_on_one_strip(journal, tmp_path) -> None:
    hostile = "<b>pills</b></style>"
    journal.ok("add", "quads", "4", "--at", "2026-11-20T09:00")
    journal.ok("add", "hams", "3", "--at", "2026-11-21T09:00")
    journal.ok("remedy", "add", hostile, "--at", "2026-11-20T10:00")
    journal.ok("remedy", "add", "ice", "--for", "quads", "--at", "2026-11-21T10:00")
    page = tmp_path / "s.html"
    journal.ok("summary", "--as-of", "2026-11-22", "--days", "30", "-o", str(page))
    charts = _charts(page.read_text(encoding="utf-8"))
    assert set(_series(charts["quadriceps"], 3)) == {date(2026, 11, 21)}
    assert _series(charts["hamstrings"], 3) == {}
    strip = charts["Remedies not logged for a part"]
    assert set(_series(strip, 0)) == {date(2026, 11, 20)}
    assert hostile in {t.text for t in strip.iter(f"{SVG}text")}  # as text, not markup
