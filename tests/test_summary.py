"""`sorelog summary`: the page's contents against the report, and the page in a real browser."""

from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from browser import chromium, page_requests
from conftest import assert_refused

HOSTILE = "<script>alert(1)</script></style><b>bold</b> & more"


def typical_90_days(journal) -> None:
    """Three months of a person who trains: leg day twice a week, soreness after it, a
    lower back that lingers with a flag, remedies under a limit, weekly check-ins."""
    start = date(2026, 8, 28)
    for week in range(13):
        monday = start + timedelta(days=7 * week)
        for offset in (0, 3):
            session = monday + timedelta(days=offset)
            if session >= date(2026, 11, 25):  # 18:00 today is still ahead
                continue
            journal.ok("workout", "leg day", "--part", "quads,hams", "--at", f"{session}T18:00")
            for after, level in ((1, 4), (2, 2)):
                when = session + timedelta(days=after)
                if when <= date(2026, 11, 25):
                    journal.ok("add", "quads", str(level), "--at", f"{when}T09:00")
        when = monday + timedelta(days=5)
        if when < date(2026, 11, 25):
            journal.ok("checkin", "--pain", str(3 + week % 3), "--enjoyment", "3",
                       "--activity", "4", "--at", f"{when}T20:00")  # fmt: skip
    for n in range(12):
        day = date(2026, 11, 10) + timedelta(days=n)
        journal.ok("add", "lower back", "5", "--at", f"{day}T08:00")
    journal.ok("add", "lower back", "6", "--symptom", "numbness", "--note", HOSTILE,
               "--at", "2026-11-20T08:30")  # fmt: skip
    journal.ok("remedy", "limit", "pain pills", "--max-daily", "1000mg")
    for n in range(5):
        day = date(2026, 11, 12) + timedelta(days=n)
        journal.ok("remedy", "add", "pain pills", "--dose", "500mg", "--for", "lower back",
                   "--at", f"{day}T09:00")  # fmt: skip
    journal.ok("remedy", "add", "pain pills", "--dose", "700mg", "--at", "2026-11-16T20:00")
    journal.ok("side-effect", "heartburn", "--remedy", "pain pills", "--at", "2026-11-16")


@pytest.fixture
def page(journal, tmp_path) -> str:
    typical_90_days(journal)
    out = tmp_path / "summary.html"
    journal.ok("summary", "-o", str(out))
    return out.read_text(encoding="utf-8")


def test_the_page_shows_every_flag_and_part_of_the_report(journal, page) -> None:
    report = journal.json("report", "--days", "90")
    assert report["flags"], "the diary is meant to raise flags"
    for flag in report["flags"]:
        assert _html(flag["message"]) in page
    for part in report["parts"]:
        assert part["body_part"] in page
    assert "leg day" in page  # what the quads' soreness follows
    assert "pain pills" in page and "1000 mg" in page and "1200 mg on 2026-11-16" in page
    assert "heartburn" in page
    assert "PEG check-ins" in page


def test_what_the_person_typed_stays_visible_text(page) -> None:
    assert _html(HOSTILE) in page
    assert "<script>" not in page  # not the note's, nor pygal's
    assert "<b>bold</b>" not in page


def test_the_page_is_self_contained(page) -> None:
    assert not re.search(r"""(src|href)\s*=\s*["'](?!#|data:)""", page)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")


def test_written_private_and_to_stdout(journal, tmp_path, monkeypatch) -> None:
    journal.ok("add", "quads", "4", "--at", "2026-11-20")
    monkeypatch.chdir(tmp_path)
    out = journal.ok("summary")
    made = tmp_path / "sorelog-summary-2026-11-25.html"
    assert str(made.name) in out and made.stat().st_mode & 0o777 == 0o600
    assert journal.ok("summary", "-o", "-").startswith("<!DOCTYPE html>")


def test_an_empty_journal_gets_a_page_not_an_error(journal, tmp_path) -> None:
    out = tmp_path / "empty.html"
    journal.ok("summary", "-o", str(out))
    assert "nothing to summarise yet" in out.read_text()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["summary", "--days", "0"], "--days"),
        (["summary", "--days", "3651"], "--days"),
        (["summary", "-o", "/nonexistent/dir/x.html"], "does not exist"),
        (["summary", "--as-of", "tomorrow"], "--as-of"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(journal, tmp_path, args, says) -> None:
    assert_refused(journal.run(*args), 2, says)
    assert_refused(journal.run("summary", "-o", str(tmp_path)), 2, "is a directory")
    assert list(tmp_path.glob("*.html")) == []


def _html(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


# -- in a real browser ---------------------------------------------------------------------


@pytest.fixture
def page_file(page, tmp_path) -> Path:
    path = tmp_path / "summary.html"
    assert path.exists()
    return path


@pytest.mark.slow
def test_the_page_is_drawn_in_a_browser(page_file, tmp_path) -> None:
    shot = tmp_path / "shot.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=900,1400", page_file.as_uri())
    assert shot.exists() and shot.stat().st_size > 40_000  # a blank page is a few kB


@pytest.mark.slow
@pytest.mark.parametrize(("paper", "size"), [("A4", "(A4)"), ("letter", "(letter)")])
def test_it_prints_on_two_pages_at_most(page_file, tmp_path, paper: str, size: str) -> None:
    sized = tmp_path / f"summary-{paper}.html"
    text = page_file.read_text(encoding="utf-8")
    sized.write_text(text.replace("</style>", f"@page {{ size: {paper}; }}</style>", 1))
    pdf = tmp_path / f"summary-{paper}.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", sized.as_uri())
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 2, info.stdout
    assert size in info.stdout


@pytest.mark.slow
def test_loading_it_asks_nothing_of_the_network(page_file, tmp_path) -> None:
    assert page_requests(tmp_path, page_file) == set()
    # the check itself: a page with one outside image is caught
    control = tmp_path / "control.html"
    control.write_text('<html><body><img src="http://example.invalid/x.png"></body></html>')
    assert page_requests(tmp_path, control) == {"http://example.invalid/x.png"}


@pytest.mark.sqlite_only  # the file itself
def test_the_journal_itself_is_never_overwritten(journal) -> None:
    journal.ok("add", "quads", "4")
    before = journal.path.read_bytes()
    assert_refused(journal.run("summary", "-o", str(journal.path)), 2, "is the journal or a file")
    assert journal.path.read_bytes() == before


def test_notes_are_those_of_flagged_episodes_up_to_the_report_date(journal, tmp_path) -> None:
    journal.ok("add", "calves", "3", "--note", "an old bout", "--at", "2026-09-01")
    for day in range(10, 20):
        journal.ok("add", "calves", "4", "--note", f"day {day}", "--at", f"2026-11-{day}")
    journal.ok("add", "calves", "4", "--note", "after the report date", "--at", "2026-11-22")
    out = tmp_path / "s.html"
    journal.ok("summary", "--as-of", "2026-11-20", "-o", str(out))
    page = out.read_text()
    # the whole flagged episode (11-10 on), not only since prolonged held (11-17), newest first
    shown = [page.index(f"day {day}<") for day in range(19, 9, -1)]
    assert shown == sorted(shown)
    assert "an old bout" not in page  # an earlier episode's
    assert "after the report date" not in page


def test_the_outline_shades_the_side_logged(journal, tmp_path) -> None:
    journal.ok("add", "left quads", "6", "--at", "2026-11-20")
    out = tmp_path / "s.html"
    journal.ok("summary", "-o", str(out))
    page = out.read_text()
    assert ".body #front-quadriceps-r, .body #back-quadriceps-l" in page
    assert ".body .part-quadriceps {" not in page
