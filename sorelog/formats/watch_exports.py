"""Telling a watch or phone export by its first bytes, when it is given to `sorelog import`.

`sorelog import` reads sorelog's own CSV and JSON; the files a watch or phone hands over
are read by `sorelog workout import`. Given one of those, the reader would say only that
it is a binary file, or list the ninety columns of a Strava activities.csv as unknown: a
person could not tell from either that another command reads it. Seen here first, it is
refused in one line naming that command. What is looked at is the content (a FIT file's
header, a zip's or gzip's signature, an XML root, Strava's columns), not the name, so a
renamed file is told too, with the name `workout import` knows such a file by.
"""

from __future__ import annotations

import csv
import zlib
from typing import NamedTuple


class WatchExport(NamedTuple):
    """What kind of export a file is ("a FIT file"), and how `workout import` knows one
    by its name: an ending (".fit") or a whole name ("export.xml")."""

    kind: str
    named: str

    def fits(self, name: str) -> bool:
        """Whether a file of this name is read as this kind by `workout import`."""
        base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
        return base.endswith(self.named) if self.named.startswith(".") else base == self.named


_XML_ROOTS = (
    (b"<TrainingCenterDatabase", WatchExport("a TCX file", ".tcx")),
    (b"<gpx", WatchExport("a GPX file", ".gpx")),
    # The DOCTYPE's name, which comes before a DTD of several kilobytes.
    (b"HealthData", WatchExport("an Apple Health export.xml", "export.xml")),
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # an archive's first member, or an empty archive
_GZIP = b"\x1f\x8b"


def watch_export(head: bytes) -> WatchExport | None:
    """What kind of watch or phone export a file starting with `head` is, or None when it
    is not one `sorelog workout import` reads."""
    if head.startswith(_ZIP):
        return WatchExport("a zip archive", ".zip")
    if head.startswith(_GZIP):
        inner = _gunzipped(head)
        found = watch_export(inner) if inner else None
        if found is None or found.named in (".zip", "export.xml", "activities.csv"):
            return None  # `workout import` reads only FIT, TCX and GPX files gzipped
        return WatchExport(f"{found.kind}, gzipped", found.named + ".gz")
    if len(head) >= 12 and head[8:12] == b".FIT":  # the FIT header's data type
        return WatchExport("a FIT file", ".fit")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<"):
        return next((kind for root, kind in _XML_ROOTS if root in start), None)
    first_line = start.split(b"\n", 1)[0].decode("utf-8", "replace")
    try:
        names = {name.strip() for name in next(csv.reader([first_line]), [])}
    except csv.Error:  # not CSV: the reader says what is wrong with it
        return None
    if {"Activity Date", "Activity Type"} <= names:  # as strava.py knows its header
        return WatchExport("a Strava activities.csv", "activities.csv")
    return None


def _gunzipped(head: bytes) -> bytes | None:
    """The first bytes of what a gzip stream holds, from its first bytes; None when they
    cannot be read."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 4096)
    except zlib.error:
        return None
