"""The day rollup: each body part and side's soreness by local day, kept by the database.

A report's rules read a part's history as days (domain DayValue): the day's highest and
lowest severity, the severity of its last entry, the time of its first sore entry. The
`day_rollup` table holds one row of those per (body part, side, day), so a report reads
years of a part as a few thousand rows instead of grouping every entry (store/history.py).

It is derived data, and must always equal a grouping of the soreness rows, whatever
wrote them. So the database keeps it, with triggers, not sorelog's write paths: sorelog's
writes, another program's SQL, SQLite's `INSERT OR REPLACE` and `UPDATE OR REPLACE`, a
change of time zone that rewrites days. Every trigger does the same two things: note the
(part, side, day) the write touched, then work those rows out again from that day's
soreness rows. No rule and no setting is applied here, so no setting can make it wrong.

A side is kept as `side_key`: '' for none, '.' and the side otherwise, so that a missing
side and an empty one (which a full read groups apart) stay apart in the key too.

This module owns the rollup in both dialects: its tables, its triggers, and how an
import sets the triggers aside for its rows and rebuilds the days it wrote in one
statement. A change to any of them is a new migration step that calls new code here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, ClassVar


def side_key(row: str) -> str:
    """SQL for the key of `row`'s side: '' for none, '.' and the side otherwise."""
    return f"(CASE WHEN {row}.side IS NULL THEN '' ELSE '.' || {row}.side END)"


def as_side(key: str) -> str | None:
    """The side a `side_key` stands for."""
    return key[1:] if key else None


COLUMNS = "body_part, side_key, day, highest, lowest, latest, first_sore"


def _grouped(last: str, where: str, owner: str = "") -> str:
    """A SELECT of rollup rows worked out from the soreness rows `s` that `where` picks:
    the same grouping a full read of the rows makes (store/reads.py did it per report)."""
    return (
        f"SELECT {owner}s.body_part, {side_key('s')}, s.day, MAX(s.severity), "
        f"MIN(s.severity), {last}, MIN(CASE WHEN s.severity > 0 THEN s.at END) "
        f"FROM soreness s WHERE {where} GROUP BY {owner}s.body_part, s.side, s.day"
    )


class SqliteRollup:
    """The rollup in a journal file."""

    # The day's last entry: instants are fixed-width UTC text, so the greatest `at` with
    # the severity appended is the last entry's (the higher severity for a tie).
    LAST = "CAST(substr(MAX(s.at || printf('%02d', s.severity)), -2) AS INTEGER)"
    PREFIX = "day_rollup_"  # the triggers' names: an import finds them by it

    @staticmethod
    def day_plus(day: str, days: int) -> str:
        """SQL for the day `days` after `day`."""
        return f"date({day}, '{days:+d} days')"

    def install(self, db: Any) -> None:
        """The tables, filled from the journal's soreness rows, and the triggers."""
        db.execute(
            """
            CREATE TABLE day_rollup (
                body_part VARCHAR NOT NULL,
                side_key VARCHAR NOT NULL,
                day DATE NOT NULL,
                highest INTEGER NOT NULL,
                lowest INTEGER NOT NULL,
                latest INTEGER NOT NULL,
                first_sore DATETIME,
                PRIMARY KEY (body_part, side_key, day)
            ) WITHOUT ROWID
            """
        )
        db.execute("CREATE INDEX ix_day_rollup_day ON day_rollup (day, highest)")
        # The (part, side, day) a write touched, until its trigger has worked them out.
        db.execute(
            "CREATE TABLE day_rollup_touched "
            "(body_part VARCHAR NOT NULL, side VARCHAR, day DATE NOT NULL)"
        )
        db.execute(f"INSERT INTO day_rollup ({COLUMNS}) {_grouped(self.LAST, '1 = 1')}")
        for trigger in self._triggers():
            db.execute(trigger)

    def _triggers(self) -> list[str]:
        def refresh(row: str) -> str:  # the day of the row written or removed, again
            return (
                f"DELETE FROM day_rollup WHERE body_part = {row}.body_part "
                f"AND side_key = {side_key(row)} AND day = {row}.day; "
                f"INSERT INTO day_rollup ({COLUMNS}) "
                + _grouped(
                    self.LAST,
                    f"s.body_part = {row}.body_part AND s.day = {row}.day AND s.side IS {row}.side",
                )
                + ";"
            )

        # INSERT OR REPLACE and UPDATE OR REPLACE delete the row whose id they take without
        # firing its DELETE trigger (unless the writer's connection turned recursive
        # triggers on). Before such a write, the row's day is noted; after it, noted days
        # are worked out again, without the row. A write that ends up ignored leaves a
        # note, worked out by a later write to the same values.
        note = (
            "INSERT INTO day_rollup_touched (body_part, side, day) "
            "SELECT body_part, side, day FROM soreness WHERE id = NEW.id;"
        )
        noted = (
            "DELETE FROM day_rollup WHERE (body_part, side_key, day) IN "
            f"(SELECT body_part, {side_key('t')}, day FROM day_rollup_touched t); "
            f"INSERT INTO day_rollup ({COLUMNS}) "
            + _grouped(
                self.LAST,
                "(s.body_part, s.day) IN (SELECT body_part, day FROM day_rollup_touched) "
                "AND EXISTS (SELECT 1 FROM day_rollup_touched t WHERE t.body_part = "
                "s.body_part AND t.day = s.day AND t.side IS s.side)",
            )
            + "; DELETE FROM day_rollup_touched;"
        )
        when_noted = "WHEN EXISTS (SELECT 1 FROM day_rollup_touched)"
        moved = (
            "OLD.body_part IS NOT NEW.body_part OR OLD.side IS NOT NEW.side "
            "OR OLD.day IS NOT NEW.day"
        )
        prefix = self.PREFIX
        return [
            f"CREATE TRIGGER {prefix}note_insert BEFORE INSERT ON soreness BEGIN {note} END",
            f"CREATE TRIGGER {prefix}note_update BEFORE UPDATE OF id ON soreness "
            f"WHEN NEW.id IS NOT OLD.id BEGIN {note} END",
            f"CREATE TRIGGER {prefix}insert AFTER INSERT ON soreness BEGIN {refresh('NEW')} END",
            f"CREATE TRIGGER {prefix}update AFTER UPDATE ON soreness BEGIN {refresh('NEW')} END",
            f"CREATE TRIGGER {prefix}update_moved AFTER UPDATE ON soreness WHEN {moved} "
            f"BEGIN {refresh('OLD')} END",
            f"CREATE TRIGGER {prefix}delete AFTER DELETE ON soreness BEGIN {refresh('OLD')} END",
            f"CREATE TRIGGER {prefix}noted_insert AFTER INSERT ON soreness {when_noted} "
            f"BEGIN {noted} END",
            f"CREATE TRIGGER {prefix}noted_update AFTER UPDATE ON soreness {when_noted} "
            f"BEGIN {noted} END",
        ]

    @contextmanager
    def set_aside(self, db: Any, first: date | None, last: date | None) -> Iterator[None]:
        """Inside a writing transaction about to insert many soreness rows on days `first`
        to `last` (an import): the triggers are dropped for those rows, made again, and
        the days rebuilt in one grouped INSERT before the commit; a rollback restores
        them with the rest. A trigger costs some microseconds a row; a million rows
        rebuilt at once cost a few seconds."""
        triggers = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
            (f"{self.PREFIX}%",),
        ).fetchall()
        for name, _ in triggers:
            db.execute(f"DROP TRIGGER {name}")
        yield
        for _, sql in triggers:
            db.execute(sql)
        if first is not None and last is not None:
            span = (first.isoformat(), last.isoformat())
            db.execute("DELETE FROM day_rollup WHERE day BETWEEN ? AND ?", span)
            db.execute(
                f"INSERT INTO day_rollup ({COLUMNS}) "
                + _grouped(self.LAST, "s.day BETWEEN ? AND ?"),
                span,
            )


class PostgresRollup:
    """The rollup on a PostgreSQL server: each person's rows, under row security."""

    LAST = "(array_agg(s.severity ORDER BY s.at DESC, s.severity DESC))[1]"
    # An import says so for the rest of its transaction; the triggers then stop at once.
    SET_ASIDE = "sorelog.day_rollup_set_aside"
    # The transition tables each trigger reads: the rows a statement wrote or removed.
    TOUCHED: ClassVar[dict[str, str]] = {
        "insert": "SELECT owner, body_part, side, day FROM new_rows",
        "update": (
            "SELECT owner, body_part, side, day FROM old_rows "
            "UNION SELECT owner, body_part, side, day FROM new_rows"
        ),
        "delete": "SELECT owner, body_part, side, day FROM old_rows",
    }

    @staticmethod
    def day_plus(day: str, days: int) -> str:
        return f"({day} + ({days:d}))"

    def install(self, db: Any) -> None:
        """The table, filled from every person's soreness rows, and the triggers. Run by
        the tables' owner, in the schema step's transaction; row security on the table
        is the step's to set, as for every table."""
        db.execute(
            """
            CREATE TABLE day_rollup (
                owner text NOT NULL DEFAULT current_user,
                body_part varchar NOT NULL, side_key varchar NOT NULL, day date NOT NULL,
                highest integer NOT NULL, lowest integer NOT NULL, latest integer NOT NULL,
                first_sore timestamptz,
                PRIMARY KEY (owner, body_part, side_key, day))
            """
        )
        db.execute("CREATE INDEX ix_day_rollup_day ON day_rollup (owner, day, highest)")
        # The owner reads every person's rows only while row security is not forced on it.
        db.execute("ALTER TABLE soreness NO FORCE ROW LEVEL SECURITY")
        db.execute(
            f"INSERT INTO day_rollup (owner, {COLUMNS}) "
            + _grouped(self.LAST, "true", owner="s.owner, ")
        )
        db.execute("ALTER TABLE soreness FORCE ROW LEVEL SECURITY")
        for event, touched in self.TOUCHED.items():
            db.execute(self._function(event, touched))
            referencing = " ".join(
                f"{'NEW' if name == 'new_rows' else 'OLD'} TABLE AS {name}"
                for name in ("old_rows", "new_rows")
                if name in touched
            )
            db.execute(
                f"CREATE TRIGGER day_rollup_{event} AFTER {event.upper()} ON soreness "
                f"REFERENCING {referencing} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION sorelog_day_rollup_{event}()"
            )

    def _function(self, event: str, touched: str) -> str:
        """The trigger's function. It runs as the writer, whose own rows it changes. It
        first takes the person's write lock (the one sorelog's writers hold already), so
        two writers of one person work a day out in turn, each from what the other
        committed; the primary key refuses a row worked out twice anyway."""
        rows = f"SELECT DISTINCT owner, body_part, side, day FROM ({touched}) t0"
        days = (
            f"(s.owner, s.body_part, s.day) IN (SELECT owner, body_part, day FROM ({rows}) t1) "
            f"AND EXISTS (SELECT 1 FROM ({rows}) t WHERE t.owner = s.owner AND "
            "t.body_part = s.body_part AND t.day = s.day AND t.side IS NOT DISTINCT FROM s.side)"
        )
        return f"""
            CREATE FUNCTION sorelog_day_rollup_{event}() RETURNS trigger
            LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
            BEGIN
                IF coalesce(current_setting('{self.SET_ASIDE}', true), '') = 'yes' THEN
                    RETURN NULL;
                END IF;
                PERFORM pg_advisory_xact_lock(hashtext('sorelog write ' || owner))
                    FROM (SELECT DISTINCT owner FROM ({touched}) t0 ORDER BY owner) o;
                DELETE FROM day_rollup r USING ({rows}) t
                    WHERE r.owner = t.owner AND r.body_part = t.body_part
                    AND r.side_key = {side_key("t")} AND r.day = t.day;
                INSERT INTO day_rollup (owner, {COLUMNS})
                    {_grouped(self.LAST, days, owner="s.owner, ")};
                RETURN NULL;
            END $$
            """

    @contextmanager
    def set_aside(self, db: Any, first: date | None, last: date | None) -> Iterator[None]:
        """As SqliteRollup.set_aside; here the triggers (which belong to the tables' owner)
        are told to stop early for the rest of the transaction, then the person's days
        from `first` to `last` are rebuilt."""
        db.execute(f"SELECT set_config('{self.SET_ASIDE}', 'yes', true)")
        yield
        db.execute(f"SELECT set_config('{self.SET_ASIDE}', '', true)")
        if first is not None and last is not None:
            span = (first.isoformat(), last.isoformat())
            db.execute(
                "DELETE FROM day_rollup WHERE owner = current_user AND day BETWEEN ? AND ?", span
            )
            db.execute(
                f"INSERT INTO day_rollup (owner, {COLUMNS}) "
                + _grouped(
                    self.LAST,
                    "s.owner = current_user AND s.day BETWEEN ? AND ?",
                    owner="s.owner, ",
                ),
                span,
            )


SQLITE = SqliteRollup()
POSTGRES = PostgresRollup()
Rollup = SqliteRollup | PostgresRollup  # a journal class names its own (store/journal.py)
