"""`sorelog demo`: the sample month shown from a journal of its own, which is gone
afterwards; the person's journal is never created, opened or changed."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import assert_refused

SUMMARY = "sorelog-demo-summary.html"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current directory the demo runs in."""
    place = tmp_path / "work"
    place.mkdir()
    monkeypatch.chdir(place)
    # Temporary files in a place of this test's own: other tests running at the same time
    # make and delete demo journals of theirs in the system's.
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    return place


def demo_journals() -> set[str]:
    return {name for name in os.listdir(tempfile.gettempdir()) if name.startswith("sorelog-demo-")}


def test_demo_shows_the_report_with_flags_and_writes_a_private_summary(journal, workdir) -> None:
    before = demo_journals()
    result = journal.run("demo")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Demo journal: a made-up month in a temporary file")
    assert "Soreness 2026-10-27 to 2026-11-25" in result.stdout  # the month ending today
    for rule in ("red_flag", "prolonged", "side_effect", "remedy_streak"):
        assert rule in result.stdout, rule
    assert "left knee " in result.stdout and "leg day" in result.stdout
    assert f"Wrote the demo's visit summary to {SUMMARY}" in result.stdout
    page = workdir / SUMMARY
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "ibuprofen" in html and "swelling" in html
    assert "from its demo's made-up month: not a person's journal." in html
    assert demo_journals() == before  # its journal is deleted
    assert result.stderr == ""


def test_demo_creates_no_journal_where_none_was(journal, workdir, monkeypatch) -> None:
    assert journal.run("demo").exit_code == 0
    assert not journal.path.exists() and not journal.path.parent.exists()
    # Nor at the default path, when no journal is named.
    monkeypatch.delenv("SORELOG_DB")
    data = Path(os.environ["XDG_DATA_HOME"])
    assert journal.run("demo", "-o", "again.html").exit_code == 0
    assert (workdir / "again.html").exists()
    assert not data.exists()


def test_demo_leaves_an_existing_journal_as_it_was(journal, workdir) -> None:
    journal.ok("add", "quads", "4", "--at", "2026-11-20")
    before = journal.snapshot()
    assert journal.run("demo").exit_code == 0
    assert journal.run("--db", str(journal.path), "demo").exit_code == 0
    assert journal.snapshot() == before
    assert [row["severity"] for row in journal.rows()] == [4]
    assert journal.ok("report", "--json").count("quadriceps") == 1


def test_demo_never_writes_its_page_over_the_journal(journal, workdir) -> None:
    journal.ok("add", "quads", "4", "--at", "2026-11-20")
    before = journal.snapshot()
    assert_refused(journal.run("demo", "-o", str(journal.path)), 2, "is the journal")
    assert journal.snapshot() == before


def test_demo_to_stdout_writes_the_page_alone(journal, workdir) -> None:
    result = journal.run("demo", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.rstrip().endswith("</html>")
    assert "Demo journal: a made-up month" in result.stderr  # said where the page is not
    assert list(workdir.iterdir()) == []
    assert not journal.path.exists()


@pytest.mark.parametrize("hour", [0, 7, 23])
def test_demo_runs_with_no_config_at_any_hour(journal, workdir, frozen_clock, hour) -> None:
    # The sample's last morning is 08:00 today: before then it is still to come.
    frozen_clock.move_to(f"2026-11-25T{hour:02}:30:00+00:00")
    assert not Path(os.environ["SORELOG_CONFIG"]).exists()
    result = journal.run("demo")
    assert result.exit_code == 0, result.stderr
    assert "Soreness 2026-10-27 to 2026-11-25" in result.stdout


def make_read_only(path: Path) -> None:
    """chmod for ordinary users; root ignores modes, so use the immutable attribute."""
    if os.geteuid() != 0:
        path.chmod(0o555)
        return
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(path)]).returncode:
        pytest.skip("cannot make a directory read-only for root here")


def undo_read_only(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], check=False)
    path.chmod(0o700)


def test_demo_in_a_read_only_directory_says_so_in_one_line(journal, workdir) -> None:
    make_read_only(workdir)
    try:
        result = journal.run("demo")
    finally:
        undo_read_only(workdir)
    assert_refused(result, 1, f"cannot write {SUMMARY}")
    assert "-o FILE" in result.stderr
    assert list(workdir.iterdir()) == []
    assert not journal.path.exists()
