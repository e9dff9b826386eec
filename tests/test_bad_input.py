"""Malformed input across every command and import format: exit status, one line, no trace,
and an unchanged journal."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import assert_refused

HEADER = "record,id,at,body_part,side,severity,kind,cause,symptoms,remedy,amount,unit,effect,note"
GOOD_ROW = "soreness,,2026-11-20T12:00:00+00:00,quadriceps,,4,,,,,,,,"

# (arguments, words the one line must contain)
COMMANDS: list[tuple[list[str], str]] = [
    (["add", "quads", "11"], "0 (none) to 10"),
    (["add", "quads", "-3"], "0 (none) to 10"),
    (["add", "quads", "4.5"], "whole number"),
    (["add", "quads", "ten"], "whole number"),
    (["add", "quadz", "4"], "did you mean"),
    (["add", "", "4"], "empty"),
    (["add", "left", "4"], "unknown body part"),
    (["add", "right quads", "4", "--side", "left"], "two different sides"),
    (["add", "quads", "4", "--side", "middle"], "--side"),
    (["add", "quads", "4", "--kind", "tickly"], "--kind"),
    (["add", "quads", "4", "--symptom", "dark pee"], "unknown symptom"),
    (["add", "quads", "4", "--at", "next week"], "future"),
    (["add", "quads", "4", "--at", "last month"], "cannot read"),
    (["add", "quads", "4", "--at", "2026-13-40"], "calendar date"),
    (["add", "quads", "4", "--at", "2100-01-01T00:00"], "future"),
    (["add", "quads", "4", "--at", "24:00"], "time of day"),
    (["add", "quads", "4", "--at", "20261120"], "cannot read"),
    (["add", "quads", "4", "--note", "\udcff"], "UTF-8"),
    (["add", "quads", "4", "--frobnicate"], "No such option"),
    (["add", "quads", "4", "extra"], "unknown body part 'extra'"),
    (["report", "--days", "0"], "--days"),
    (["report", "--days", "-5"], ""),
    (["report", "--days", "many"], "--days"),
    (["report", "--as-of", "2999-01-01"], "future"),
    (["report", "--as-of", "1066-10-14"], "too far in the past"),
    (["report", "--part", "spleen"], "unknown body part"),
    (["remedy", "add", "ibuprofen", "--dose", "a lot"], "cannot read dose"),
    (["remedy", "add", "ibuprofen", "--dose", "200"], "needs a unit"),
    (["remedy", "add", "ibuprofen", "--dose", "0 g"], "more than zero"),
    (["remedy", "add", "ibuprofen", "--dose", "1,000mg"], "ambiguous"),
    (["remedy", "limit", "ibuprofen", "--max-daily", "1,200mg"], "ambiguous"),
    (["remedy", "add", "ibuprofen", "--dose", "2 buckets"], "unknown unit"),
    (["remedy", "add", "ibuprofen", "--dose", "1 tablet"], "cannot be added"),
    (["remedy", "add", "", "--dose", "200mg"], "NAME is missing"),
    (["remedy", "add", "x" * 200], "longer than"),
    (["remedy", "add", "ibuprofen", "--for", "elbw"], "did you mean"),
    (["remedy", "limit", "ibuprofen"], "--max-daily"),
    (["remedy", "limit", "ibuprofen", "--max-daily", "1 tablet"], "cannot be compared"),
    (["remedy", "limit", "ibuprofen", "--max-days", "0"], "--max-days"),
    (["side-effect", "nausea", "--severity", "12"], "--severity"),
    (["side-effect", "", "--severity", "2"], "EFFECT is missing"),
    (["side-effect", "nausea", "--at", "tomorrow"], "--at"),
    (["checkin", "--pain", "11", "--enjoyment", "4", "--activity", "6"], "--pain must be"),
    (["checkin", "--pain", "5", "--enjoyment", "4"], "missing --activity"),
    (["checkin", "--pain", "5", "--enjoyment", "4", "--activity", "6", "--at", "x"], "--at"),
    (["edit", "1", "--pain", "5"], "--pain does not apply to a soreness record"),
    (["edit", "999", "--severity", "2"], "no record #999"),
    (["edit", "1", "--severity", "99"], "0 (none) to 10"),
    (["edit", "1", "--dose", "200mg"], "does not apply"),
    (["edit", "1"], "nothing to change"),
    (["delete", "1"], "--yes"),
    (["delete", "abc", "--yes"], "ID must be a whole number"),
    (["delete", "-5", "--yes"], "negative values are not accepted"),
    (["config", "set", "gap_days", "0"], "gap_days"),
    (["config", "set", "gap_days", "three"], "gap_days"),
    (["config", "set", "colour", "blue"], "unknown setting"),
    (["config", "set", "timezone", "Mars/Olympus"], "timezone"),
    (["backup", "EXISTING"], "exists"),
    (["export", "--format", "xml"], "--format"),
    (["frobnicate"], "see 'sorelog --help'"),
    (["report", "--bogus"], "see 'sorelog report --help'"),
    (["add", "quads", "3", "--at", "0001-01-01T00:00+05:00"], "too far in the past"),
    (["edit", "1", "--symptom", "fever", "--no-symptoms"], "not both"),
    (["add", "add", "add", "", ""], "unknown body part 'add'"),
]


@pytest.fixture
def used(journal, tmp_path):
    journal.ok("add", "quads", "4", "--at", "2026-11-20")
    journal.ok("remedy", "add", "ibuprofen", "--dose", "200mg", "--at", "2026-11-20")
    (tmp_path / "existing.db").write_bytes(b"already here")
    return journal


@pytest.mark.parametrize(("args", "says"), COMMANDS, ids=[" ".join(a)[:40] for a, _ in COMMANDS])
def test_bad_command_input(used, tmp_path, args: list[str], says: str) -> None:
    args = [str(tmp_path / "existing.db") if a == "EXISTING" else a for a in args]
    before = used.snapshot()
    config_before = (tmp_path / "config.toml").exists()
    assert_refused(used.run(*args), 2, says)
    assert used.snapshot() == before
    assert (tmp_path / "config.toml").exists() == config_before


# (file name, file bytes, words the one line must contain)
FILES: list[tuple[str, bytes, str]] = [
    ("empty.csv", b"", "empty"),
    ("binary.csv", bytes(range(256)) * 4, ""),
    ("header.csv", b"when,part,how\n2026-11-20,quads,4\n", "header"),
    ("quoting.csv", f'{HEADER}\nsoreness,,"2026-11-20T12:00:00+00:00,quads\n'.encode(), "line"),
    ("severity.csv", f"{HEADER}\n{GOOD_ROW.replace(',4,', ',15,')}\n".encode(), "line 2"),
    ("part.csv", f"{HEADER}\n{GOOD_ROW.replace('quadriceps', 'spleen')}\n".encode(), "line 2"),
    (
        "date.csv",
        f"{HEADER}\n{GOOD_ROW.replace('2026-11-20T', '2026-02-30T')}\n".encode(),
        "line 2",
    ),
    (
        "future.csv",
        f"{HEADER}\n{GOOD_ROW.replace('2026-11-20', '2099-11-20')}\n".encode(),
        "line 2",
    ),
    ("kind.csv", f"{HEADER}\n{GOOD_ROW.replace('soreness', 'mood')}\n".encode(), "line 2"),
    (
        "last.csv",
        f"{HEADER}\n{GOOD_ROW}\n{GOOD_ROW}\n{GOOD_ROW.replace(',4,', ',x,')}\n".encode(),
        "line 4",
    ),
    (
        "dose.csv",
        f"{HEADER}\nremedy,,2026-11-20T12:00:00+00:00,,,,,,,ice,-2,min,,\n".encode(),
        "line 2",
    ),
    ("bad.json", b'{"records": [', "JSON"),
    (
        "thousands.csv",
        f'{HEADER}\nremedy,,2026-11-20T12:00:00+00:00,,,,,,,ibu,"1,000",mg,,\n'.encode(),
        "ambiguous",
    ),
    (
        "surrogate.json",
        b'{"records": [{"record": "soreness", "at": "2026-11-20T08:00:00+00:00",'
        b' "body_part": "quads", "severity": 5, "note": "\\ud800"}]}',
        "not valid Unicode",
    ),
    (
        "compact.csv",
        f"{HEADER}\n{GOOD_ROW.replace('2026-11-20T12:00:00', '20261120T120000')}\n".encode(),
        "line 2",
    ),
    ("shape.json", b'{"rows": []}', "records"),
    ("types.json", b'{"records": [{"record": "soreness", "severity": "high"}]}', ""),
]


@pytest.mark.parametrize(("name", "content", "says"), FILES, ids=[f[0] for f in FILES])
def test_bad_import_files(used, tmp_path: Path, name: str, content: bytes, says: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    before = used.snapshot()
    assert_refused(used.run("import", str(source)), 2, says)
    assert used.snapshot() == before


def test_the_suite_is_large() -> None:
    assert len(COMMANDS) + len(FILES) >= 40


tokens = st.one_of(
    st.sampled_from(["add", "report", "chart", "remedy", "side-effect", "list", "edit", "delete",
                     "config", "parts", "--at", "--days", "--dose", "--json", "quads", "11",
                     "-1", "--side", "yesterday", "400mg", "set", "limit", "--as-of",
                     "checkin", "--pain"]),
    st.text(alphabet=string.printable, max_size=8),
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(tokens, min_size=1, max_size=5))
def test_random_command_lines_never_crash(used, argv: list[str]) -> None:
    if "--install-completion" in argv or "--show-completion" in argv:
        return
    result = used.run(*argv)
    assert "Traceback" not in result.stderr
    assert result.exit_code in (0, 1, 2), (argv, result.stderr)
    if result.exit_code:
        assert len(result.stderr.strip().splitlines()) == 1, (argv, result.stderr)
