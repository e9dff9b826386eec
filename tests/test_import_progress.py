"""Progress on long imports: the activity reader says how much it has read (a file at a
time, a big export.xml as it streams), and the installed command draws a bar from it on
a terminal's stderr only: never on stdout, never in a pipe, never for a small import."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sorelog.formats.activities.files import STEP, read_paths

FIXTURES = Path(__file__).parent / "fixtures" / "activities"
RUN = FIXTURES / "garmin-fenix-5-run.fit"  # running, 2017-06-11 14:34:09 UTC
TCX = FIXTURES / "tcxparser-test.tcx"  # running, 2012-12-26

WORKOUT = (
    ' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" sourceName="Watch"'
    ' startDate="2026-11-20 18:30:00 +0100" endDate="2026-11-20 19:00:00 +0100"/>\n'
)
RECORD = (
    ' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min"'
    ' startDate="2026-11-20 18:30:07 +0100" endDate="2026-11-20 18:30:07 +0100"'
    ' value="71"/>\n'
)


def copies(tmp_path: Path, source: Path, count: int) -> Path:
    """A folder of `count` copies of one file (read each time, stored once)."""
    folder = tmp_path / "watch"
    folder.mkdir()
    for n in range(count):
        shutil.copy(source, folder / f"{n:03d}-{source.name}")
    return folder


class Told:
    """A progress callback that keeps what it is told."""

    def __init__(self) -> None:
        self.listed: tuple[int, int] | None = None
        self.ticks: list[int] = []

    def __call__(self, files: int, size: int) -> Told:
        self.listed = (files, size)
        return self

    def tick(self, count: int) -> None:
        self.ticks.append(count)


def test_reading_says_the_files_and_bytes_then_each_read(tmp_path: Path) -> None:
    folder = copies(tmp_path, RUN, 3)
    shutil.copy(TCX, folder / TCX.name)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8 not an activity")  # skipped, not counted
    (folder / "cut.fit").write_bytes(RUN.read_bytes()[:100])  # refused, still counted
    told = Told()
    found = read_paths([folder], lambda files, size: told(files, size).tick)
    size = 3 * RUN.stat().st_size + TCX.stat().st_size + 100
    assert told.listed == (5, size)
    assert told.ticks == [RUN.stat().st_size] * 3 + [100, TCX.stat().st_size]  # by name
    assert len(found.activities) == 2 and len(found.refused) == 1 and found.skipped == 1


def test_a_big_export_xml_moves_as_it_streams(tmp_path: Path) -> None:
    export = tmp_path / "export.xml"
    with export.open("w") as out:
        out.write('<HealthData locale="en_GB">\n' + WORKOUT)
        out.write(RECORD * (3 * STEP // len(RECORD)))  # about 3 MB of heart rate
        out.write("</HealthData>\n")
    told = Told()
    found = read_paths([export], lambda files, size: told(files, size).tick)
    assert told.listed == (1, export.stat().st_size)
    assert sum(told.ticks) == export.stat().st_size
    assert len(told.ticks) >= 3 and all(count >= STEP for count in told.ticks[:-1])
    assert [a.sport for a in found.activities] == ["running"]


def test_progress_may_decline(tmp_path: Path) -> None:
    found = read_paths([copies(tmp_path, RUN, 2)], lambda files, size: None)
    assert len(found.activities) == 1


def run_on_a_terminal(args: list[str]) -> tuple[bytes, bytes]:
    """The installed sorelog run with stderr on a pseudo-terminal and stdout in a pipe:
    what reached stdout, and what reached the terminal."""
    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm"}
    with subprocess.Popen(
        [sys.executable, "-m", "sorelog", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=child,
        env=env,  # SORELOG_DB, SORELOG_CONFIG and TZ=UTC from conftest's private_env
    ) as process:
        os.close(child)
        seen: list[bytes] = []

        def read_terminal() -> None:  # while it writes: a full terminal buffer would stop it
            try:
                while chunk := os.read(main, 65536):
                    seen.append(chunk)
            except OSError:  # EIO: the other end is closed, everything is read
                pass

        reader = threading.Thread(target=read_terminal)
        reader.start()
        out, _ = process.communicate(timeout=120)
        reader.join(timeout=30)
        os.close(main)
        assert process.returncode == 0, out
    return out, b"".join(seen)


@pytest.mark.slow
def test_a_long_workout_import_shows_a_bar_on_the_terminal_only(tmp_path: Path) -> None:
    out, terminal = run_on_a_terminal(["workout", "import", str(copies(tmp_path, RUN, 25))])
    assert out == b"Added 1 workout (0 already present).\n"  # no bar, no escapes on stdout
    assert b"Reading 25 files" in terminal and b"100%" in terminal
    assert b"\x1b[2K" in terminal[terminal.rindex(b"100%") :]  # then erased: transient


@pytest.mark.slow
def test_a_short_workout_import_shows_no_bar(tmp_path: Path) -> None:
    out, terminal = run_on_a_terminal(["workout", "import", str(copies(tmp_path, RUN, 2))])
    assert out == b"Added 1 workout (0 already present).\n"
    assert terminal == b""


@pytest.mark.slow
def test_in_a_pipe_a_long_workout_import_writes_no_bar(tmp_path: Path) -> None:
    folder = copies(tmp_path, RUN, 25)
    done = subprocess.run([sys.executable, "-m", "sorelog", "workout", "import", str(folder)],
                          capture_output=True, check=True, timeout=120)  # fmt: skip
    assert done.stdout == b"Added 1 workout (0 already present).\n"
    assert done.stderr == b""


@pytest.mark.slow
def test_a_long_import_shows_its_bar_on_the_terminal(tmp_path: Path) -> None:
    rows = [f"soreness,,2026-01-01T08:00:{n % 60:02d}+00:00,quadriceps,,3,,,,,,,,row {n}"
            for n in range(6000)]  # fmt: skip
    header = "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,"
    header += "effect,note"
    source = tmp_path / "rows.csv"
    source.write_text("\n".join([header, *rows]) + "\n")
    out, terminal = run_on_a_terminal(["import", str(source)])
    assert out.startswith(b"Imported ") and b"\x1b" not in out
    assert b"Checking" in terminal and b"Writing" in terminal
