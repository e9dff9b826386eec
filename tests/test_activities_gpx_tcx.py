"""The GPX and TCX readers, on files recorded by real devices (tests/fixtures/activities,
see its README for where each came from) and on hostile or broken XML written here.

The expected values were read from the files by hand: the first and last `<time>` of a
track, a TCX's `<Id>` and its laps' totals, and a track's length summed point to point
with the haversine formula.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hostile_xml import billion_laughs

from sorelog.formats.activities import Activity, Unreadable
from sorelog.formats.activities.gpx import read_gpx
from sorelog.formats.activities.tcx import read_tcx

FIXTURES = Path(__file__).parent / "fixtures" / "activities"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- GPX from devices --------------------------------------------------------------------


def test_a_garmin_etrex_track_is_one_activity() -> None:
    (activity,) = read_gpx(fixture("around-visnjan-with-car.gpx"), "visnjan.gpx")
    assert activity.sport == "unknown"  # the track has no <type>
    assert activity.start == at("2020-12-18T06:15:50")
    assert activity.start.tzinfo is UTC
    assert activity.seconds == 8 * 60 + 34  # to 06:24:24
    assert activity.metres == pytest.approx(2733, rel=0.01)
    assert activity.source == "visnjan.gpx"


def test_each_timed_track_of_a_gpsbabel_file_is_an_activity() -> None:
    # Four tracks: one empty and one without times (both carry a <type>) are left out.
    first, second = read_gpx(fixture("korita-zbevnica.gpx"), "korita.gpx")
    assert (first.start, first.seconds) == (at("2010-10-03T09:36:30"), 4552)  # to 10:52:22
    assert first.metres == pytest.approx(2282, rel=0.01)
    assert (second.start, second.seconds) == (at("2010-10-03T10:57:10"), 8541)  # to 13:19:31
    assert second.metres == pytest.approx(3979, rel=0.01)
    assert {first.sport, second.sport} == {"unknown"}


def test_only_the_track_with_times_is_read() -> None:
    # Eight tracks, seven without a single time; the last has five timed points of 21.
    (activity,) = read_gpx(fixture("cerknicko-without-times.gpx"), "c.gpx")
    assert (activity.start, activity.seconds) == (at("2010-08-05T16:22:52"), 57)


# --- GPX written here ----------------------------------------------------------------------

GPX_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">'


def gpx_track(kind: str | None, *times: str) -> bytes:
    kind_element = f"<type>{kind}</type>" if kind is not None else ""
    points = "".join(
        f'<trkpt lat="46.0{i}" lon="14.0"><time>{time}</time></trkpt>'
        for i, time in enumerate(times)
    )
    return f"<trk>{kind_element}<trkseg>{points}</trkseg></trk>".encode()


@pytest.mark.parametrize(
    ("kind", "sport"),
    [("running", "running"), ("Trail_Running", "trail running"), ("9", "9"), (None, "unknown")],
)
def test_a_tracks_type_is_its_sport(kind: str | None, sport: str) -> None:
    data = GPX_HEAD + gpx_track(kind, "2024-05-01T07:00:00Z", "2024-05-01T07:10:00Z") + b"</gpx>"
    (activity,) = read_gpx(data, "t.gpx")
    assert activity.sport == sport
    assert activity.seconds == 600
    assert activity.metres == pytest.approx(1_112, rel=0.002)  # 0.01° of latitude


def test_gpx_times_with_an_offset_or_none_are_utc() -> None:
    offset = GPX_HEAD + gpx_track("running", "2024-05-01T09:00:00+02:00") + b"</gpx>"
    naive = GPX_HEAD + gpx_track("running", "2024-05-01T07:00:00") + b"</gpx>"
    for data in (offset, naive):
        (activity,) = read_gpx(data, "t.gpx")
        assert activity.start == at("2024-05-01T07:00:00")
        assert activity.start.tzinfo is UTC


def test_a_gpx_without_times_is_refused() -> None:
    data = GPX_HEAD + b'<trk><trkseg><trkpt lat="1" lon="2"/><trkpt lat="1" lon="3"/>'
    with pytest.raises(Unreadable, match=r"^GPX without times$"):
        read_gpx(data + b"</trkseg></trk></gpx>", "t.gpx")


def test_a_gpx_without_tracks_is_refused() -> None:
    route = GPX_HEAD + b'<rte><rtept lat="1" lon="2"><time>2024-05-01T07:00:00Z</time>'
    for data in (GPX_HEAD + b"</gpx>", route + b"</rtept></rte></gpx>"):
        with pytest.raises(Unreadable, match=r"^no activities in it$"):
            read_gpx(data, "t.gpx")


def test_xml_that_is_not_gpx_is_refused() -> None:
    with pytest.raises(Unreadable, match=r"^not a GPX file"):
        read_gpx(b"<html><body>hello</body></html>", "t.gpx")


# --- TCX from devices ----------------------------------------------------------------------


def test_a_three_lap_run_is_one_activity() -> None:
    (activity,) = read_tcx(fixture("tcxparser-test.tcx"), "run.tcx")
    assert (activity.sport, activity.start, activity.source) == (
        "running",
        at("2012-12-26T21:29:53"),
        "run.tcx",
    )
    assert activity.seconds == pytest.approx(608.47 + 714.80 + 669.51)
    assert activity.metres == pytest.approx(1609.34399414 * 2 + 1470.5546875)


def test_a_paddle_recorded_as_other_sums_its_two_laps() -> None:
    (activity,) = read_tcx(fixture("sup_activity_1.tcx"), "sup.tcx")
    assert activity.sport == "other"
    assert activity.start == at("2022-07-16T16:08:25")
    assert activity.start.tzinfo is UTC
    assert activity.seconds == pytest.approx(966.796 + 145.539)
    assert activity.metres == pytest.approx(1000.0 + 157.51)


# --- TCX written here ----------------------------------------------------------------------

TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def tcx(*activities: str) -> bytes:
    body = "".join(activities)
    return (
        f'<?xml version="1.0"?><TrainingCenterDatabase xmlns="{TCX_NS}">'
        f"<Activities>{body}</Activities></TrainingCenterDatabase>"
    ).encode()


def test_each_tcx_activity_is_read_and_laps_without_a_distance_give_none() -> None:
    ride = (
        '<Activity Sport="Biking"><Id>2024-05-01T09:00:00+02:00</Id>'
        "<Lap><TotalTimeSeconds>60</TotalTimeSeconds></Lap>"
        "<Lap><TotalTimeSeconds>30.5</TotalTimeSeconds></Lap></Activity>"
    )
    bare = '<Activity Sport="Other"><Id>2024-05-02T06:00:00</Id></Activity>'
    first, second = read_tcx(tcx(ride, bare), "t.tcx")
    assert (first.sport, first.start, first.seconds, first.metres) == (
        "biking",
        at("2024-05-01T07:00:00"),
        90.5,
        None,
    )
    assert (second.sport, second.start, second.seconds, second.metres) == (
        "other",
        at("2024-05-02T06:00:00"),  # no zone: read as UTC
        None,
        None,
    )


def test_a_tcx_without_activities_is_refused() -> None:
    with pytest.raises(Unreadable, match=r"^no activities in it$"):
        read_tcx(tcx(), "t.tcx")


@pytest.mark.parametrize(
    ("activity", "reason"),
    [
        ('<Activity Sport="Running"><Id>yesterday</Id></Activity>', "without a start time"),
        (
            '<Activity Sport="Running"><Id>2024-05-01T07:00:00Z</Id>'
            "<Lap><DistanceMeters>far</DistanceMeters></Lap></Activity>",
            "DistanceMeters is not a number",
        ),
        (
            '<Activity Sport="Running"><Id>2024-05-01T07:00:00Z</Id>'
            "<Lap><TotalTimeSeconds>nan</TotalTimeSeconds></Lap></Activity>",
            "TotalTimeSeconds is out of range",
        ),
    ],
)
def test_a_tcx_activity_it_cannot_place_or_measure_is_refused(activity: str, reason: str) -> None:
    with pytest.raises(Unreadable, match=reason):
        read_tcx(tcx(activity), "t.tcx")


def test_xml_that_is_not_tcx_is_refused() -> None:
    with pytest.raises(Unreadable, match=r"^not a TCX file"):
        read_tcx(GPX_HEAD + b"</gpx>", "t.tcx")


# --- Hostile and broken XML, for both ------------------------------------------------------

BOMB = billion_laughs(
    "lolz", '<gpx version="1.1" creator="t"><trk><name>&lol9;</name><type>&lol9;</type></trk></gpx>'
).encode()

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<TrainingCenterDatabase><Activities><Activity Sport="&x;"><Id>2024-05-01T07:00:00Z</Id>
</Activity></Activities></TrainingCenterDatabase>"""

DTD_ONLY = b"""<?xml version="1.0"?>
<!DOCTYPE gpx SYSTEM "http://example.invalid/gpx.dtd">
<gpx version="1.1" creator="t"></gpx>"""

Reader = Callable[[bytes, str], list[Activity]]
READERS: list[Reader] = [read_gpx, read_tcx]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("data", [BOMB, EXTERNAL, DTD_ONLY], ids=["bomb", "external", "dtd"])
def test_entities_and_dtds_are_refused(reader: Reader, data: bytes) -> None:
    with pytest.raises(Unreadable, match=r"^XML entities and DTDs are not allowed$"):
        reader(data, "evil.xml")


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "data",
    [b"", b"<gpx><trk>", b"\x00\x01 not xml", b"<a></b>", GPX_HEAD[:-20]],
    ids=["empty", "unclosed", "binary", "mismatched", "cut"],
)
def test_malformed_xml_is_refused(reader: Reader, data: bytes) -> None:
    with pytest.raises(Unreadable, match=r"^not valid XML: "):
        reader(data, "broken.xml")


@pytest.mark.parametrize("name", ["around-visnjan-with-car.gpx", "sup_activity_1.tcx"])
def test_a_file_of_the_other_format_is_refused_not_crashed(name: str) -> None:
    reader = read_tcx if name.endswith(".gpx") else read_gpx
    with pytest.raises(Unreadable):
        reader(fixture(name), name)
