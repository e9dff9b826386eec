"""export, import and backup through the CLI, on real journal files."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import stat
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import assert_refused
from sorelog.domain.kinds import RECORD_KEYS as COLUMNS
from sorelog.formats.columns import HEADER
from sorelog.formats.formulas import TRIGGERS, neutralise, restore

TRICKY = 'comma, "quotes"\nand a new line; ünïcødé 🦵 [red]not markup[/red] [/bold]'
# Rows written out by hand below have a cell for each column up to `activity`: a file
# from before imported workouts, which imports unchanged (the header grows at its end).
HEADER_LINE = ",".join(HEADER[: HEADER.index("activity") + 1])


def fill(journal) -> None:
    """A bit of everything: every record type, every field, a limit, awkward text."""
    journal.ok(
        "add", "left quads", "6", "--at", "2025-03-01T08:30", "--cause", "squats, 5x5",
        "--kind", "ache", "--symptom", "swelling", "--symptom", "headache", "--note", TRICKY,
    )  # fmt: skip
    journal.ok("add", "lower back", "3", "--at", "2025-03-02")
    journal.ok("add", "lower back", "3", "--at", "2025-03-02")  # the same twice: both kept
    journal.ok("remedy", "limit", "ibuprofen", "--max-daily", "1.2 g", "--max-days", "5")
    journal.ok(
        "remedy", "add", "ibuprofen", "--dose", "400mg", "--for", "right calf",
        "--at", "2025-03-01T20:00", "--note", "with food, [b]really[/b]",
    )  # fmt: skip
    journal.ok("remedy", "add", "ice", "--dose", "1.5 min", "--at", "2025-03-02T09:15")
    journal.ok("remedy", "add", "massage", "--at", "2025-03-03")
    journal.ok(
        "side-effect", "Digestive upset", "--remedy", "ibuprofen", "--severity", "4",
        "--at", "2025-03-01T22:00", "--note", "ünïcødé",
    )  # fmt: skip


def tables(where: Any) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, each keyed by column name: of a journal file, or of the test's
    journal on either backend (PostgreSQL hands out ids from a sequence, not record_ids)."""
    names = ["soreness", "remedy_use", "side_effect", "remedy_limit"]
    if not isinstance(where, Path):
        if isinstance(where.path, Path):
            return tables(where.path)
        return {name: where.rows(name) for name in names}
    with sqlite3.connect(where) as db:
        db.row_factory = sqlite3.Row
        return {
            name: [dict(row) for row in db.execute(f"SELECT * FROM {name} ORDER BY 1")]
            for name in (*names, "record_ids")
        }


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def csv_text(*rows: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER[: len(rows[0])] if rows else HEADER)  # an older file: fewer columns
    writer.writerows(rows)
    return out.getvalue()


def test_header_is_the_spec_header() -> None:
    assert HEADER == COLUMNS
    assert ",".join(HEADER) == (
        "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note,"
        "enjoyment,activity,sport,duration,distance,source"
    )  # the spec's 14 columns first; the header only ever grows at its end


@pytest.mark.sqlite_only  # the file itself
@pytest.mark.parametrize("form", ["csv", "json"])
def test_round_trip_gives_back_the_same_records(journal, tmp_path, form) -> None:
    fill(journal)
    first = journal.ok("export", "--format", form)
    source = write(tmp_path / f"out.{form}", first)
    other = tmp_path / "other.db"
    out = journal.ok("--db", str(other), "import", str(source))
    assert out.splitlines()[0] == "Imported 7 records (0 already present)."
    assert journal.ok("--db", str(other), "export", "--format", form) == first
    theirs, ours = tables(journal), tables(other)
    for name in ("soreness", "remedy_use", "side_effect", "record_ids"):
        assert theirs[name] == ours[name], name  # ids, days, base amounts: all kept
    assert ours["remedy_limit"] == (theirs["remedy_limit"] if form == "json" else [])


def test_export_shapes(journal) -> None:
    fill(journal)
    text = journal.ok("export", "--format", "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(HEADER)
    first = dict(zip(HEADER, rows[1], strict=True))
    assert first["at"] == "2025-03-01T08:30:00+00:00"
    assert first["symptoms"] == "swelling;headache"
    assert first["note"] == TRICKY
    assert first["remedy"] == first["amount"] == first["effect"] == ""
    document = json.loads(journal.ok("export"))  # json unless told otherwise
    assert set(document) == {"records", "limits"}
    assert document["records"][0]["symptoms"] == ["swelling", "headache"]
    assert all(list(record) == list(HEADER) for record in document["records"])
    assert document["limits"] == [
        {
            "remedy": "ibuprofen",
            "max_daily": {"amount": 1.2, "unit": "g"},
            "max_days": 5,
            "max_days_in_30": None,
        }
    ]


# Text a spreadsheet would run: mostly quotes, formula characters and a little else.
FORMULA_LIKE = st.text(alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "a", " "]))


@given(st.text() | FORMULA_LIKE)
def test_neutralised_cells_restore_exactly_and_never_run(text: str) -> None:
    cell = neutralise(text)
    assert restore(cell) == text
    assert not cell.startswith(TRIGGERS)
    assert cell in (text, "'" + text)


@given(
    st.datetimes(min_value=datetime(1900, 1, 1), timezones=st.just(UTC)),
    st.dates(min_value=date(1, 1, 1)),
)
def test_an_import_writes_instants_and_days_as_the_orm_does(moment: datetime, day: date) -> None:
    """The import's own converters for the two forms every row has give the text the
    dialect's converters give (and what the add commands write), for any value."""
    from sqlalchemy import Date
    from sqlalchemy.dialects import sqlite

    from sorelog.store.bulk_import import _bind_processor
    from sorelog.store.tables import INSTANT

    dialect = sqlite.dialect()  # type: ignore[no-untyped-call]
    for kind, value in ((INSTANT, moment), (Date(), day)):
        own = _bind_processor(kind, dialect)
        assert own(value) == kind.dialect_impl(dialect).bind_processor(dialect)(value)


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-5 reps", "'-5 reps"),
        ("@sum", "'@sum"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=already quoted", "''=already quoted"),
        ("''-x", "'''-x"),
        ("'quoted", "'quoted"),  # no formula after the quote: left alone
        ("a=b", "a=b"),
        ("'", "'"),
        ("", ""),
    ],
)
def test_what_is_neutralised(text: str, cell: str) -> None:
    assert neutralise(text) == cell
    assert restore(cell) == text


def test_formula_cells_are_neutralised_on_export_and_restored_on_import(journal, tmp_path) -> None:
    journal.ok("add", "quads", "5", "--note", '=HYPERLINK("http://x","y")', "--at", "2026-11-20")
    journal.ok("add", "neck", "3", "--cause", "+1", "--note", "-5 reps", "--at", "2026-11-21")
    journal.ok("remedy", "add", "@sum", "--dose", "400mg", "--note", "'=already quoted")
    journal.ok("side-effect", "=nausea", "--remedy", "@sum", "--severity", "2")
    text = journal.ok("export", "--format", "csv")
    rows = [dict(zip(HEADER, row, strict=True)) for row in csv.reader(io.StringIO(text))][1:]
    assert rows[0]["note"] == '\'=HYPERLINK("http://x","y")'
    assert (rows[1]["cause"], rows[1]["note"]) == ("'+1", "'-5 reps")
    assert (rows[2]["remedy"], rows[2]["note"]) == ("'@sum", "''=already quoted")
    assert (rows[3]["effect"], rows[3]["remedy"]) == ("'=nausea", "'@sum")
    assert not any(cell.startswith(TRIGGERS) for row in rows for cell in row.values())
    # Numbers sorelog writes stay plain numbers.
    assert [(row["id"], row["severity"], row["amount"]) for row in rows] == [
        ("1", "5", ""),
        ("2", "3", ""),
        ("3", "", "400"),
        ("4", "2", ""),
    ]
    source = write(tmp_path / "out.csv", text)
    other = tmp_path / "other.db"
    out = journal.ok("--db", str(other), "import", str(source))
    assert out.splitlines()[0] == "Imported 4 records (0 already present)."
    before = journal.ok("export", "--format", "json")
    assert journal.ok("--db", str(other), "export", "--format", "json") == before
    assert '"note": "\'=already quoted"' in before  # as typed, with its one quote
    assert journal.ok("--db", str(other), "export", "--format", "csv") == text


def test_a_second_import_adds_nothing(journal, tmp_path) -> None:
    fill(journal)
    source = write(tmp_path / "all.json", journal.ok("export"))
    before = tables(journal)
    assert journal.ok("import", str(source)).strip() == "Imported 0 records (7 already present)."
    assert tables(journal) == before
    other = tmp_path / "other.db"
    journal.ok("--db", str(other), "import", str(source))
    out = journal.ok("--db", str(other), "import", str(source))
    assert out.strip() == "Imported 0 records (7 already present)."


def test_a_taken_id_with_other_content_gets_a_new_id(journal, tmp_path) -> None:
    journal.ok("add", "neck", "2", "--at", "2025-01-01")  # id 1
    source = write(
        tmp_path / "in.csv",
        csv_text(
            ["soreness", "1", "2025-01-01T12:00:00+00:00", "neck", "", "2"] + [""] * 10,  # present
            ["soreness", "1", "2025-01-02T12:00:00+00:00", "neck", "", "5"] + [""] * 10,  # clash
            ["soreness", "40", "2025-01-03T12:00:00+00:00", "neck", "", "1"] + [""] * 10,  # free
        ),
    )
    assert journal.ok("import", str(source)).strip() == "Imported 2 records (1 already present)."
    ids = [(row["id"], row["severity"]) for row in journal.rows()]
    assert ids == [(1, 2), (40, 1), (41, 5)]  # fresh ids follow the highest ever used
    assert journal.ok("add", "neck", "0", "--at", "2025-01-04").startswith("Logged #42:")


def test_spreadsheet_csv_with_bom_crlf_and_empty_ids(journal, tmp_path) -> None:
    text = (
        "\ufeff" + HEADER_LINE.upper() + ",,\r\n"
        'soreness,,2025-02-01 08:00,Left Calf,,4,Ache,,Swelling; headache,,,,,"two\r\nlines",,\r\n'
        "\r\n"
        "remedy,,2025-02-01,,,,,,,Ibuprofen,400,mg,,,,\r\n"
        "remedy,,2025-02-02T07:00:00+01:00,,,,,,,naproxen,220mg,,,,,\r\n"
        "side-effect,,2025-02-02,,,,,,,,,,Dry Mouth,,,\r\n"
    )
    source = write(tmp_path / "sheet.csv", text.encode("utf-8"))
    assert journal.ok("import", str(source)).splitlines() == [
        "Imported 4 records (0 already present).",
        "URGENT: swelling logged with left calf soreness for 2025-02-01. "
        "Is it still happening? If so, contact a clinician today.",
    ]
    records = {r["record"]: r for r in json.loads(journal.ok("export"))["records"]}
    assert records["soreness"] == {
        **records["soreness"],
        "at": "2025-02-01T08:00:00+00:00",  # no offset: local time (TZ=UTC here)
        "body_part": "calves",
        "side": "left",
        "kind": "ache",
        "symptoms": ["swelling", "headache"],
        "note": "two\r\nlines",
    }
    assert records["side_effect"]["effect"] == "dry-mouth"
    remedies = tables(journal)["remedy_use"]
    named = ("remedy", "amount", "unit", "base_amount", "base_unit")
    assert [tuple(r[name] for name in named) for r in remedies] == [
        ("ibuprofen", 400.0, "mg", 400.0, "mg"),
        ("naproxen", 220.0, "mg", 220.0, "mg"),
    ]
    assert remedies[0]["day"] == "2025-02-01"  # a day alone means noon, as for add --at
    assert remedies[1]["at"].startswith("2025-02-02T06:00:00")  # stored in UTC


def test_a_bad_last_row_leaves_the_journal_untouched(journal, tmp_path) -> None:
    fill(journal)
    text = journal.ok("export", "--format", "csv")
    last = len(text.splitlines()) + 1  # the note of the first record spans two lines
    bad = text + "soreness,,2025-03-04T10:00:00+00:00,quads,,15,,,,,,,,,,,,,,\n"
    source = write(tmp_path / "bad.csv", bad)
    other = tmp_path / "other.db"
    journal.ok("--db", str(other), "import", str(write(tmp_path / "good.csv", text)))
    before, snapshot = tables(other), other.read_bytes()
    result = journal.run("--db", str(other), "import", str(source))
    assert_refused(result, 2, f"line {last}: severity must be a whole number from 0")
    assert other.read_bytes() == snapshot
    assert tables(other) == before
    fresh = tmp_path / "fresh.db"
    assert_refused(journal.run("--db", str(fresh), "import", str(source)), 2, f"line {last}")
    assert not fresh.exists()  # a refused import does not even create the journal


def one(record: str, at: str = "2025-01-01", **cells: str) -> str:
    """A CSV file of one row: the named cells filled in, the others empty."""
    values = {"record": record, "at": at, **cells}
    return csv_text([values.get(name, "") for name in HEADER])


SORE = {"body_part": "quads", "severity": "3"}
BAD_FILES = [
    (
        "wrong header",
        "record,id,when\nsoreness,,2025-01-01\n",
        "line 1: missing columns at, body_part",
    ),
    (
        "broken quoting",
        one("soreness", **SORE) + 'soreness,,2025-01-02,quads,,3,,,,,,,,"never closed\n',
        "line 3: broken csv quoting",
    ),
    ("stray quote", HEADER_LINE + '\nsoreness,,"2025"x,quads,,3,,,,,,,,\n', "line 2: broken csv"),
    ("empty file", "", "is empty"),
    ("blank file", "\n \r\n", "is empty"),
    ("binary file", b"SQLite format 3\x00\x10\x00\x01\x01", "is a binary file"),
    ("not utf-8", HEADER_LINE.encode() + b"\nsoreness,,2025-01-01,caf\xe9,,3" + b"," * 8, "line 2"),
    ("invalid json", '{"records": [\n  {"record": "soreness",}\n]}', "line 2: not valid json"),
    ("json not an export", '{"entries": []}', 'line 1: a sorelog json export is {"records"'),
    ("unknown record", one("meal"), "line 2: unknown record type 'meal'"),
    ("json unknown record", '{"records": [{"record": "meal", "at": "2025-01-01"}]}', "record 1"),
    ("bad date", one("soreness", "2025-02-30", **SORE), "line 2: cannot read at '2025-02-30'"),
    ("future", one("soreness", "2999-01-01", **SORE), "line 2: at '2999-01-01' is in the future"),
    ("severity 15", one("soreness", body_part="quads", severity="15"), "line 2: severity must"),
    ("bad part", one("soreness", body_part="hamstrung", severity="3"), "did you mean 'hamstrings'"),
    ("bad kind", one("soreness", **SORE, kind="itchy"), "kind must be one of"),
    ("bad symptom", one("soreness", **SORE, symptoms="pain"), "unknown symptom 'pain'"),
    ("missing part", one("soreness", severity="3"), "body_part is missing"),
    ("bad unit", one("remedy", remedy="ice", amount="15", unit="parsecs"), "unknown unit"),
    ("unit alone", one("remedy", remedy="ice", unit="min"), "has no amount"),
    ("cell of another type", one("remedy", remedy="ice", severity="5"), "severity does not apply"),
    ("short row", HEADER_LINE + "\nsoreness,,2025-01-01,quads,,3\n", "line 2: 6 cells"),
    ("bad id", one("soreness", id="x1", **SORE), "id must be"),
]


@pytest.mark.parametrize(
    ("text", "says"), [case[1:] for case in BAD_FILES], ids=[c[0] for c in BAD_FILES]
)
def test_bad_files_are_refused_in_one_line(journal, tmp_path, text, says) -> None:
    journal.ok("add", "neck", "2", "--at", "2025-01-01")
    before, snapshot = tables(journal), journal.snapshot()
    name = "in.json" if says.startswith(("record", "line 1: a sorelog json")) else "in.csv"
    result = journal.run("import", str(write(tmp_path / name, text)))
    assert_refused(result, 2, says)
    assert journal.snapshot() == snapshot
    assert tables(journal) == before


def test_every_bad_row_is_counted_and_the_first_named(journal, tmp_path) -> None:
    row = ["soreness", "", "2025-01-01", "quads", "", "3"] + [""] * 10
    bad = ["soreness", "", "2025-01-01", "quads", "", "11"] + [""] * 10
    source = write(tmp_path / "in.csv", csv_text(row, bad, row, bad, bad))
    assert_refused(journal.run("import", str(source)), 2, "line 3: severity must be")
    assert "(and 2 more bad rows)" in journal.run("import", str(source)).stderr


def test_units_must_match_the_remedys_limit(journal, tmp_path) -> None:
    journal.ok("remedy", "limit", "ibuprofen", "--max-daily", "1200mg")
    row = ["remedy", "", "2025-01-01"] + [""] * 6 + ["ibuprofen", "2", "tablets"] + [""] * 4
    result = journal.run("import", str(write(tmp_path / "in.csv", csv_text(row))))
    assert_refused(result, 2, "line 2: tablets cannot be compared with the daily limit")


def test_dry_run_says_what_would_happen_and_writes_nothing(journal, tmp_path) -> None:
    fill(journal)
    source = write(tmp_path / "all.json", journal.ok("export"))
    fresh = tmp_path / "fresh.db"
    out = journal.ok("--db", str(fresh), "import", "--dry-run", str(source))
    assert not fresh.exists()
    assert "soreness: 3 new, 0 already present" in out
    assert "limits: 1 new" in out
    assert out.splitlines()[-1] == "Would import 7 records (0 already present)."
    snapshot = journal.snapshot()
    out = journal.ok("import", "--dry-run", str(source))
    assert out.splitlines()[-1] == "Would import 0 records (7 already present)."
    assert journal.snapshot() == snapshot


def test_limits_in_the_journal_are_kept(journal, tmp_path) -> None:
    document = {
        "records": [],
        "limits": [
            {"remedy": "Ibuprofen", "max_daily": {"amount": 800, "unit": "mg"}, "max_days": 3},
            {"remedy": "ice", "max_daily": None, "max_days": 4},
        ],
    }
    journal.ok("remedy", "limit", "ibuprofen", "--max-daily", "1200mg")
    out = journal.ok("import", str(write(tmp_path / "l.json", json.dumps(document))))
    assert "Set limits for ice." in out
    assert "Kept your own limits for ibuprofen" in out
    assert tables(journal)["remedy_limit"] == [
        {
            "remedy": "ibuprofen",
            "max_daily_amount": 1200.0,
            "max_daily_unit": "mg",
            "max_days": None,
            "max_days_in_30": None,
        },
        {
            "remedy": "ice",
            "max_daily_amount": None,
            "max_daily_unit": None,
            "max_days": 4,
            "max_days_in_30": None,
        },
    ]


@pytest.mark.sqlite_only  # the file itself
def test_export_to_a_file_is_private_and_complete(journal, tmp_path) -> None:
    fill(journal)
    target = tmp_path / "export.csv"
    target.write_text("old")
    target.chmod(0o644)
    out = journal.ok("export", "-o", str(target))
    assert out.strip() == f"Exported 7 records to {target} (csv)."  # format from the name
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == journal.ok("export", "--format", "csv")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export")] == []
    result = journal.run("export", "-o", str(journal.path))
    assert_refused(result, 2, "is the journal or a file SQLite keeps beside it")


def test_export_of_a_missing_journal_is_empty(journal) -> None:
    result = journal.run("export")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"records": [], "limits": []}
    assert not journal.path.exists()


@pytest.mark.sqlite_only  # the file itself
def test_backup_is_a_private_consistent_journal(journal, tmp_path) -> None:
    fill(journal)
    out = journal.ok("backup").strip()
    copy = Path(out)
    assert copy.parent == journal.path.parent
    assert copy.name.startswith("sorelog-backup-") and copy.suffix == ".db"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert tables(copy) == tables(journal)
    assert journal.ok("--db", str(copy), "export") == journal.ok("export")
    assert_refused(journal.run("backup", out), 2, "already exists")
    into = tmp_path / "backups"
    into.mkdir()
    assert Path(journal.ok("backup", str(into)).strip()).parent == into


@pytest.mark.sqlite_only  # a journal file that does not exist
def test_backup_of_a_missing_journal_fails(journal) -> None:
    assert_refused(journal.run("backup"), 1, "no journal at")


@pytest.mark.sqlite_only  # the file itself
def test_backup_while_another_connection_writes(journal, tmp_path) -> None:
    journal.ok("add", "neck", "1", "--at", "2025-01-01")
    stop = threading.Event()

    def keep_writing() -> None:
        db = sqlite3.connect(journal.path, timeout=5)
        while not stop.is_set():
            with db:
                db.execute("INSERT INTO record_ids DEFAULT VALUES")
                db.execute(
                    "INSERT INTO soreness (id, at, day, body_part, severity) VALUES "
                    "(last_insert_rowid(), '2025-01-01T12:00:00.000000+00:00', '2025-01-01', "
                    "'neck', 2)"
                )
        db.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        copies = [Path(journal.ok("backup", str(tmp_path / f"b{n}.db")).strip()) for n in range(3)]
    finally:
        stop.set()
        writer.join()
    for copy in copies:
        with sqlite3.connect(copy) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            ids = db.execute("SELECT COUNT(*) FROM record_ids").fetchone()[0]
            rows = db.execute("SELECT COUNT(*) FROM soreness").fetchone()[0]
            assert ids == rows >= 1  # each copy is one moment: no half-written record


def test_json_errors_name_the_line_a_record_starts_on(journal, tmp_path) -> None:
    source = tmp_path / "bad.json"
    good = '{"record": "soreness", "at": "2026-11-20T08:00:00+00:00", "body_part": "quads", '
    source.write_text(
        '{\n  "limits": [],\n  "records": [\n    ' + good + '"severity": 5},\n\n    '
        + good + '"severity": 15}\n  ]\n}\n'
    )  # fmt: skip
    assert_refused(journal.run("import", str(source)), 2, "line 6 (record 2): severity")
    assert not journal.path.exists()


def test_export_streams_records_from_the_journal(journal, monkeypatch, tmp_path) -> None:
    # The writer gets a generator, not a list: a big journal is never held whole.
    from sorelog.formats import write as formats_write

    seen: list[type] = []
    real = formats_write.write_csv

    def spy(records, out):
        seen.append(type(records))
        return real(records, out)

    monkeypatch.setattr(formats_write, "write_csv", spy)
    journal.ok("add", "quads", "4", "--at", "2026-11-20")
    journal.ok("add", "calves", "3", "--at", "2026-11-21")
    out = tmp_path / "x.csv"
    assert "Exported 2 records" in journal.ok("export", "-o", str(out))
    assert seen and seen[0].__name__ == "generator"
    assert len(out.read_text().splitlines()) == 3


def test_a_nul_character_is_refused_alike_on_both_backends(journal, tmp_path) -> None:
    """A JSON string may hold \\u0000; no journal keeps it (PostgreSQL's text cannot), so the
    file is refused with its line, and nothing is written, whichever the backend."""
    source = tmp_path / "nul.json"
    source.write_text(
        '{"records": [\n'
        '{"record": "soreness", "at": "2026-11-20T08:00:00+00:00", "body_part": "quadriceps",'
        ' "severity": 3},\n'
        '{"record": "soreness", "at": "2026-11-20T09:00:00+00:00", "body_part": "quadriceps",'
        ' "severity": 4, "note": "a\\u0000b"}\n'
        '], "limits": [{"remedy": "ibu\\u0000", "max_daily": null, "max_days": null}]}\n'
    )
    result = journal.run("import", str(source))
    assert_refused(result, 2, "NUL character")
    assert "line 3" in result.stderr
    assert journal.rows() == []
