"""Plain values passed between the layers: what is logged, read back and imported."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from sorelog.domain.describing import session_size
from sorelog.domain.doses import Dose

if TYPE_CHECKING:
    from sorelog.domain.kinds import RecordKind


@dataclass(frozen=True)
class NewRecord:
    """A record about to be written, of any kind: its moment and its checked values by
    field name (domain/record_checks.check_record gives them)."""

    kind: RecordKind
    at: datetime  # timezone-aware
    day: date  # local calendar day of `at`
    values: dict[str, Any]

    def shown(self, record_id: int, local_at: datetime) -> dict[str, Any]:
        """The record in the export shape (keys as the CSV header names them), as `list`
        and the describe line read it."""
        record: dict[str, Any] = {"record": self.kind.name, "id": record_id,
                                  "at": local_at.isoformat()}  # fmt: skip
        for kept in self.kind.exported:
            value = self.values.get(kept.name)
            if kept.listed:
                value = value.split(";") if value else []
            record[kept.export] = value  # type: ignore[index]
        return record


class DayValue(NamedTuple):
    """One body part and side on one local day: the highest severity logged, and the
    severity of the day's last entry (a 0 logged in the evening after a 5 that morning).
    A tuple: a report reads tens of thousands of them, and a tuple is made fastest."""

    day: date
    severity: int  # the day's highest
    last: int | None = None  # the day's last entry; None: the same as the highest
    first_sore: datetime | None = None  # when the day's first sore entry was logged
    least: int | None = None  # the day's lowest entry; None: the same as the highest

    @property
    def lowest(self) -> int:
        """The severity of the day's lowest entry (a 1 at dawn before a 4 after training)."""
        return self.severity if self.least is None else self.least

    @property
    def latest(self) -> int:
        """The severity of the day's most recent entry."""
        return self.severity if self.last is None else self.last

    @property
    def recovered(self) -> bool:
        """The day ended with a logged 0: recovery, even after sore entries earlier that day."""
        return self.latest == 0


@dataclass(frozen=True)
class Workout:
    """A training session and the parts it loaded (on every side); how long and how far,
    when it was imported from a watch or phone export that says."""

    at: datetime  # aware
    day: date  # local calendar day of `at`
    name: str
    parts: frozenset[str]
    seconds: float | None = None
    metres: float | None = None

    @property
    def title(self) -> str:
        """'leg day', 'running, 45 min, 10.2 km': the session as the report names it."""
        size = session_size(self.seconds, self.metres)
        return f"{self.name}, {size}" if size else self.name


@dataclass(frozen=True)
class Checkin:
    """A PEG check-in as read back: the three 0-10 answers about the week before `at`."""

    at: datetime  # aware
    day: date  # local calendar day of `at`
    pain: int
    enjoyment: int
    activity: int


@dataclass(frozen=True)
class Entry:
    """One soreness entry of a part and side, for rules counted in hours."""

    at: datetime  # aware
    day: date
    severity: int


@dataclass(frozen=True)
class SymptomDay:
    """Symptoms logged with a soreness entry on one local day."""

    body_part: str
    side: str | None
    day: date
    symptoms: tuple[str, ...]
    severity: int = 0  # the day's highest severity of this part and side
    at: datetime | None = None  # when the entry was logged (None: only the day is known)


SeriesKey = tuple[str, str | None]  # (body part, side)


@dataclass(frozen=True)
class Limit:
    """The person's own limits for one remedy."""

    remedy: str
    max_daily: Dose | None = None
    max_days: int | None = None
    max_days_in_30: int | None = None


@dataclass(frozen=True)
class RemedyDay:
    """One remedy on one local day: how many uses, and the total in the base unit."""

    remedy: str
    day: date
    uses: int
    total: float | None  # None when no use that day had a dose
    unit: str | None


@dataclass(frozen=True)
class RemedyPartDay:
    """A remedy taken for a body part on a local day."""

    remedy: str
    body_part: str
    day: date


@dataclass(frozen=True)
class SideEffectDay:
    """A side effect logged on a local day."""

    effect: str
    remedy: str | None
    day: date
    severity: int | None
    at: datetime | None = None  # when it was logged (None: only the day is known)


class ImportRow(NamedTuple):
    """One checked record from a file (a tuple: 100,000 of them stay small)."""

    number: int  # its line (CSV) or its place in "records" (JSON), for messages
    record: str
    id: int | None
    at: datetime  # aware, UTC
    day: date  # local calendar day of `at`
    values: tuple[Any, ...]  # the kind's fields (domain.kinds), in order; symptoms ";"-joined


class ImportLimit(NamedTuple):
    """A remedy limit from a JSON file."""

    remedy: str
    max_daily: Dose | None
    max_days: int | None
    max_days_in_30: int | None = None


@dataclass
class ImportFile:
    """A checked export file: what is known of its records, and how to read them again.

    The rows themselves are not held here: a big file's checked rows are read back in
    file order, as often as needed, from wherever the reader kept them.
    """

    locate: Callable[[str, int], str]  # ("record"/"limit", number) -> "line 7 (record 3)"
    read_rows: Callable[[], Iterator[ImportRow]]  # the checked rows, in file order
    limits: list[ImportLimit]
    count: int = 0  # rows
    by_type: Counter[str] = field(default_factory=Counter)
    first_day: date | None = None  # the earliest and latest local day of a row
    last_day: date | None = None
    has_ids: bool = False  # some row carries an id
    highest_id: int = 0  # the highest id a row carries
    dosed: bool = False  # some remedy row has a dose, so units must agree
    close: Callable[[], None] = lambda: None  # let go of the kept rows

    def rows(self) -> Iterator[ImportRow]:
        return self.read_rows()

    def where(self, row: ImportRow) -> str:
        return self.locate("record", row.number)


@dataclass(frozen=True)
class Stretch:
    """Sore days of one part no more than 30 days apart (the `chronic` rule): the first,
    the last, and the first on which it had lasted more than 90 days (None until then)."""

    first: date
    last: date
    held: date | None = None

    @property
    def span(self) -> int:
        """Calendar days from the first sore day to the last, both counted."""
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class PartHistory:
    """One part and side as a report reads it (store/history.py).

    `days` run from far enough back that every episode reaching the window is whole;
    `entries` are its entries from the first of those episodes on, for the rules counted
    in hours. `before` is the `chronic` stretch of the sore days before `days` that may
    still reach the window (None: none can, or `days` hold all of it); it is given only
    for parts no workout names, whose every sore day counts.
    """

    days: tuple[DayValue, ...]
    entries: tuple[Entry, ...] = ()
    before: Stretch | None = None


@dataclass(frozen=True)
class History:
    """Everything the report's rules need of the journal, read in one step: the parts
    with days in the window, every workout, the window's symptoms, side effects and
    remedies taken for a part, the remedy days that runs and counts reaching the window
    need, and the person's limits."""

    window_start: date
    as_of: date
    empty: bool = False  # nothing logged at all
    parts: dict[SeriesKey, PartHistory] = field(default_factory=dict)
    workouts: tuple[Workout, ...] = ()
    symptoms: tuple[SymptomDay, ...] = ()
    side_effects: tuple[SideEffectDay, ...] = ()
    remedy_days: tuple[RemedyDay, ...] = ()
    remedy_part_days: tuple[RemedyPartDay, ...] = ()
    limits: dict[str, Limit] = field(default_factory=dict)
