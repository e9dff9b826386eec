"""Checked import rows kept in a private temporary file between checking and writing.

A million checked rows held as Python objects take several hundred MB; written out in
marshal chunks as they are checked, they cost one chunk of memory at a time, and the
import file itself is read only once (stdin included). The file is unnamed and removed
when closed, so the health data in it never outlives the import.
"""

from __future__ import annotations

import marshal
import struct
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from sorelog.domain.values import ImportRow

CHUNK = 5000  # rows per marshal block: large enough to be fast, small enough to stay light
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_LENGTH = struct.Struct("<Q")


class RowSpool:
    """Rows appended in order, read back in order as often as needed."""

    def __init__(self) -> None:
        # 0600, and unlinked at once where the system allows; open until close()
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._pending: list[tuple[object, ...]] = []

    def add(self, row: ImportRow) -> None:
        # marshal takes only plain values: the instant as microseconds, the day as an ordinal
        at = (row.at - _EPOCH) // _MICROSECOND
        self._pending.append((row.number, row.record, row.id, at, row.day.toordinal(), row.values))
        if len(self._pending) >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            block = marshal.dumps(self._pending)
            self._file.seek(0, 2)
            self._file.write(_LENGTH.pack(len(block)) + block)
            self._pending = []

    def rows(self) -> Iterator[ImportRow]:
        """Every row added, in order; one chunk in memory at a time."""
        self._flush()
        offset = 0
        while True:
            self._file.seek(offset)
            head = self._file.read(_LENGTH.size)
            if not head:
                return
            (length,) = _LENGTH.unpack(head)
            block = marshal.loads(self._file.read(length))
            offset += _LENGTH.size + length
            for number, record, ident, at, day, values in block:
                yield ImportRow(
                    number,
                    record,
                    ident,
                    _EPOCH + timedelta(microseconds=at),
                    date.fromordinal(day),
                    values,
                )

    def close(self) -> None:
        self._file.close()
