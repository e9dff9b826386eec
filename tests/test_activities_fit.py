"""The FIT reader on real device files (tests/fixtures/activities/README-fit.md says
where each came from) and on broken copies of them.

The expected values were read from each file with fitdecode on its own and checked
against the session's end `timestamp` (start plus elapsed time)."""

from __future__ import annotations

import os
import struct
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fitdecode.utils import compute_crc

from sorelog.formats.activities import Activity, Unreadable, fit
from sorelog.formats.activities.fit import read_fit, sport_name

FIXTURES = Path(__file__).parent / "fixtures" / "activities"
FENIX_RUN = "garmin-fenix-5-run.fit"
WAHOO_RIDE = "elemnt-bolt-no-application-id-inside-developer-data-id.fit"
VIVOACTIVE_ROW = "20170518-191602-1740899583.fit"
NO_TIMES = "DeveloperData.fit"
RUN_START = datetime(2017, 6, 11, 14, 34, 9, tzinfo=UTC)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            FENIX_RUN,
            Activity("running", datetime(2017, 6, 11, 14, 34, 9, tzinfo=UTC), 56.887, 157.56, ""),
        ),
        (  # the timer time (132 s), not the elapsed time (140 s) with its pause
            WAHOO_RIDE,
            Activity("cycling", datetime(2017, 8, 21, 8, 18, tzinfo=UTC), 132.0, 963.65, ""),
        ),
        (  # sport fitness_equipment, sub-sport indoor_rowing; no distance measured
            VIVOACTIVE_ROW,
            Activity(
                "indoor rowing", datetime(2017, 5, 18, 16, 37, 30, tzinfo=UTC), 1707.308, 0.0, ""
            ),
        ),
    ],
)
def test_a_device_file_gives_its_session(name: str, expected: Activity) -> None:
    (activity,) = read_fit(fixture(name), name)
    assert activity.sport == expected.sport
    assert activity.start == expected.start
    assert activity.start.utcoffset() == timedelta(0)
    assert activity.seconds == pytest.approx(expected.seconds)
    assert activity.metres == pytest.approx(expected.metres)
    assert activity.source == name


def without_sessions(data: bytes) -> bytes:
    """The real fēnix run cut just before its session message (at byte 5241, found with
    fitdecode's raw chunks), re-framed as a whole FIT file: its records, no session."""
    header_size = data[0]
    body = data[header_size:5241]
    header = bytearray(data[:header_size])
    header[4:8] = struct.pack("<I", len(body))
    header[12:14] = struct.pack("<H", compute_crc(bytes(header[:12])))
    framed = bytes(header) + body
    return framed + struct.pack("<H", compute_crc(framed))


def test_records_without_a_session_give_one_activity() -> None:
    (activity,) = read_fit(without_sessions(fixture(FENIX_RUN)), "cut.fit")
    assert activity == Activity(
        "running", datetime(2017, 6, 11, 14, 34, 9, tzinfo=UTC), 57.0, 157.56, "cut.fit"
    )


def test_records_without_times_are_no_activity() -> None:
    with pytest.raises(Unreadable, match=r"^no activity in it$"):
        read_fit(fixture(NO_TIMES), NO_TIMES)


@pytest.mark.parametrize("name", [FENIX_RUN, WAHOO_RIDE, VIVOACTIVE_ROW])
@pytest.mark.parametrize("where", [0.5, 0.9])
def test_a_cut_file_is_truncated(name: str, where: float) -> None:
    data = fixture(name)
    with pytest.raises(Unreadable, match=r"^truncated FIT file$"):
        read_fit(data[: int(len(data) * where)], name)


@pytest.mark.parametrize("name", [FENIX_RUN, WAHOO_RIDE, VIVOACTIVE_ROW])
def test_any_flipped_byte_fails_the_checksum(name: str) -> None:
    data = fixture(name)
    # Past the 14-byte header: its size and ".FIT" tag make it not a FIT file at all.
    for position in range(14, len(data), max(1, len(data) // 97)):
        damaged = bytearray(data)
        damaged[position] ^= 0xFF
        with pytest.raises(Unreadable, match=r"^FIT file fails its checksum \(CRC\)$"):
            read_fit(bytes(damaged), name)


@pytest.mark.parametrize(
    "data",
    [b"", os.urandom(4096), b"<?xml version='1.0'?><gpx></gpx>", fixture(FENIX_RUN)[:11]],
    ids=["empty", "random", "xml", "header-cut"],
)
def test_what_is_not_fit_is_refused(data: bytes) -> None:
    with pytest.raises(Unreadable, match=r"^not a FIT file$"):
        read_fit(data, "x.fit")


def test_noise_in_a_well_framed_file_is_refused_not_raised() -> None:
    """Random bodies behind a good header and a good checksum reach the decoder itself."""
    reasons = set()
    for size in range(300, 500):
        header = bytearray(b"\x0e\x20\x00\x00") + struct.pack("<I", size) + b".FIT\x00\x00"
        framed = bytes(header) + os.urandom(size)
        with pytest.raises(Unreadable) as refused:
            read_fit(framed + struct.pack("<H", compute_crc(framed)), "noise.fit")
        reasons.add(str(refused.value))
    assert reasons <= {"damaged FIT file", "truncated FIT file", "no activity in it"}


@pytest.mark.parametrize(
    ("sport", "sub_sport", "expected"),
    [
        ("running", "generic", "running"),
        ("running", None, "running"),
        ("running", "trail", "trail running"),
        ("running", "treadmill", "treadmill running"),
        ("swimming", "lap_swimming", "lap swimming"),
        ("swimming", "open_water", "open water swimming"),
        ("cycling", "indoor_cycling", "indoor cycling"),
        ("cycling", "commuting", "cycling"),
        ("fitness_equipment", "indoor_rowing", "indoor rowing"),
        ("training", "strength_training", "strength training"),
        ("training", "yoga", "yoga"),
        ("cross_country_skiing", 77, "cross country skiing"),
        (254, None, "unknown"),
    ],
)
def test_sport_names(sport: object, sub_sport: object, expected: str) -> None:
    assert sport_name(sport, sub_sport) == expected


@pytest.mark.parametrize("name", [FENIX_RUN, WAHOO_RIDE, VIVOACTIVE_ROW, NO_TIMES])
def test_the_checksum_is_fits_own(name: str) -> None:
    data = fixture(name)
    assert fit.crc(data, len(data) - 2) == compute_crc(data, start=0, end=len(data) - 2)


@pytest.mark.parametrize("name", [FENIX_RUN, WAHOO_RIDE, VIVOACTIVE_ROW])
def test_the_quick_walk_reads_the_sessions_as_fitdecode_does(name: str) -> None:
    data = fixture(name)
    walked, decoded = fit._scan(data), fit._decode(data)
    assert walked is not None
    for kind in ("session", "sport"):
        assert len(walked[kind]) == len(decoded[kind])
        for quick, full in zip(walked[kind], decoded[kind], strict=True):
            assert quick == {key: full.get(key) for key in quick}, kind


def test_what_the_quick_walk_does_not_read_goes_to_fitdecode() -> None:
    run = fixture(FENIX_RUN)
    assert fit._scan(without_sessions(run)) is None  # the records are read instead
    assert fit._scan(run + run) is None  # two FIT files, one after the other
    assert [a.start for a in read_fit(run + run, "twice.fit")] == [RUN_START, RUN_START]
