"""Where an import's bytes come from: files on disk, in folders, and in `.zip` archives.

Exports often arrive zipped: Apple Health's `export.zip`, Strava's and Garmin's bulk
exports. A `.zip` is read where it lies, as a folder would be, without unpacking it to
disk: each member is opened as a stream when its turn comes. A `.zip` inside a `.zip`
is not opened (a nest of archives is how a small file becomes an enormous one).

A file is read whole to at most MAX_BYTES, unpacked when it ends in `.gz`; a big
`export.xml` is streamed instead. Either way each block read is counted for a progress
bar. Nothing here knows an activity format: files.py decides which files to read.
"""

from __future__ import annotations

import gzip
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO, cast

from sorelog.formats.activities import Unreadable

# One activity file, unpacked: a day-long track at a point a second is a few tens of MB.
# A .gz is held packed and unpacked at once while it is read, so this bounds the import's
# memory too (a 300 KB .gz that unpacks to gigabytes stops here).
MAX_BYTES = 64 << 20
STEP = 1 << 20  # bytes of one file read between two words of progress
ARCHIVE = ".zip"

Tick = Callable[[int], None]


@dataclass(frozen=True)
class Source:
    """A file to read: how messages and workouts name it (its whole path; in an archive,
    the archive's path then the member's), its place in the folder or archive it was found
    in, its size unpacked, how to open it, and where it is on disk (None in an archive)."""

    shown: str
    place: PurePosixPath  # relative to the folder or archive ("." for a file named alone)
    size: int
    opener: Callable[[], IO[bytes]]
    disk: Path | None = None

    @property
    def name(self) -> str:
        return self.place.name or PurePosixPath(self.shown).name

    @classmethod
    def on_disk(cls, path: Path, place: PurePosixPath | None = None) -> Source:
        place = place or PurePosixPath(shown_path(Path(path.name)))
        return cls(shown_path(path), place, _size(path), lambda: path.open("rb"), path)


def shown_path(path: Path) -> str:
    """A path as text that can be shown and stored: a name that is not UTF-8 (bytes the
    system keeps as they are) has those bytes as escapes ('latin\\xe9.fit'), not as
    characters that are not valid Unicode."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # refused with its reason when it is read


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE)


def in_folder(folder: Path) -> list[Source]:
    """Every file under a folder, by path (the whole path, to name where it came from)."""
    folder = folder.absolute()
    return [
        Source.on_disk(path, PurePosixPath(shown_path(path.relative_to(folder))))
        for path in sorted(p for p in folder.rglob("*") if p.is_file())
    ]


class Archives:
    """The `.zip` archives an import has open: their members are read after they are
    listed, so each stays open until the import has read them all (`close`)."""

    def __init__(self) -> None:
        self._open: list[zipfile.ZipFile] = []

    def members(self, path: Path) -> list[Source]:
        """The files in an archive, by their place in it; Unreadable when it is not a
        readable .zip."""
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise Unreadable(f"not a readable .zip file ({exc})") from None
        self._open.append(archive)
        return [
            Source(
                f"{path}/{info.filename}",
                PurePosixPath(info.filename),
                info.file_size,
                _member_opener(archive, info),
            )
            for info in sorted(archive.infolist(), key=lambda i: i.filename)
            if not info.is_dir()
        ]

    def close(self) -> None:
        for archive in self._open:
            archive.close()
        self._open.clear()


def _member_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    def opener() -> IO[bytes]:
        try:
            return archive.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, zlib.error) as exc:
            # RuntimeError: a member that needs a password; NotImplementedError: a
            # compression method Python does not read
            raise Unreadable(f"cannot be read from its archive ({exc})") from None

    return opener


class Meter:
    """Bytes read from one source, told to `tick` a STEP at a time and in full when the
    source is done (read or refused), so the bar ends where its total said."""

    def __init__(self, tick: Tick | None, size: int) -> None:
        self._tick = tick
        self._size = size
        self._told = 0
        self._untold = 0

    def read(self, count: int) -> None:
        self._untold += count
        if self._untold >= STEP:
            self._say(self._untold)

    def finish(self) -> None:
        self._say(self._size - self._told)

    def _say(self, count: int) -> None:
        count = min(count, self._size - self._told)  # a file that grew while it was read
        self._untold = 0
        if self._tick is not None and count > 0:
            self._told += count
            self._tick(count)


class _Metered:
    """A stream that tells a meter of each block read from it: a streamed export.xml,
    hundreds of MB in one file, moves the bar as it is read."""

    def __init__(self, stream: IO[bytes], meter: Meter) -> None:
        self._stream = stream
        self._meter = meter

    def read(self, size: int = -1, /) -> bytes:
        data = self._stream.read(size)
        self._meter.read(len(data))
        return data


@contextmanager
def streamed(source: Source, meter: Meter) -> Iterator[BinaryIO]:
    """The source open for reading as a stream, each block counted by the meter."""
    with source.opener() as stream:
        yield cast(BinaryIO, _Metered(stream, meter))  # read() is all a parser asks of it


def contents(source: Source) -> bytes:
    """The source's bytes, unpacked when it ends in .gz; Unreadable past MAX_BYTES, or
    when its archive's copy or its own packing is damaged (each said as such)."""
    gz = source.name.lower().endswith(".gz")
    if not gz and source.size > MAX_BYTES:
        raise Unreadable(f"larger than {MAX_BYTES >> 20} MB")
    try:
        with source.opener() as stream:
            data = stream.read(MAX_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # only a member raises these
        raise Unreadable(f"damaged in its archive ({exc})") from None
    if gz and len(data) <= MAX_BYTES:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as unpacked:
                data = unpacked.read(MAX_BYTES + 1)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise Unreadable(f"not a readable .gz file ({exc})") from None
    if len(data) > MAX_BYTES:
        raise Unreadable(f"larger than {MAX_BYTES >> 20} MB" + " when unpacked" * gz)
    if not data:
        raise Unreadable("empty file")
    return data
