"""The parser's mistakes read like sorelog's own: one line on stderr, `sorelog: ` then what
was wrong and what would be right, exit status 2, nothing written."""

from __future__ import annotations

import pytest

from conftest import assert_refused

# (arguments, the whole line sorelog prints)
PARSER_MISTAKES: list[tuple[list[str], str]] = [
    # a value the option's type refuses
    (["export", "--format", "xml"], "--format must be one of csv, json, not 'xml'"),
    (["report", "--days", "many"], "--days must be a whole number, not 'many'"),
    (["report", "--days", "0"], "--days must be from 1 to 3650, not '0'"),
    (["delete", "abc", "--yes"], "ID must be a whole number, not 'abc'"),
    (["add", "quads", "4", "--side", "middle"],
     "--side must be left, right or both (or l, r, b), not 'middle'"),
    # an option that does not exist, with and without one close to it
    (["add", "quads", "4", "--sied", "left"],
     "no such option --sied; did you mean --side? (see 'sorelog add --help')"),
    (["list", "--grep", "x"], "no such option --grep; see 'sorelog list --help'"),
    (["reprot"], "no such command 'reprot'; did you mean report or export? (see 'sorelog --help')"),
    (["remedy", "frob"], "no such command 'frob'; see 'sorelog remedy --help'"),
    # something missing
    (["workout"], "missing NAME; usage: sorelog workout [OPTIONS] NAME"),
    (["config", "set"], "missing KEY; usage: sorelog config set [OPTIONS] KEY VALUE"),
    (["add", "quads", "4", "--side"], "--side needs a value; see 'sorelog add --help'"),
    (["remedy", "limit", "ibuprofen", "--max-days"],
     "--max-days needs a value; see 'sorelog remedy limit --help'"),
    # something extra
    (["report", "extra"], "unexpected extra argument 'extra'; see 'sorelog report --help'"),
    (["report", "a", "b"], "unexpected extra arguments 'a b'; see 'sorelog report --help'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "line"), PARSER_MISTAKES, ids=[" ".join(a) for a, _ in PARSER_MISTAKES]
)
def test_parser_mistakes_read_like_sorelogs(journal, args: list[str], line: str) -> None:
    result = journal.run(*args)
    assert_refused(result, 2)
    assert result.stderr == f"sorelog: {line}\n"
    assert not journal.path.exists()


# An unquoted value with spaces: the hint quotes the option (or argument) it belonged to.
UNQUOTED: list[tuple[list[str], str]] = [
    (["remedy", "add", "ibuprofen", "--dose", "2", "pills"], "--dose '2 pills'"),
    (["remedy", "add", "ibuprofen", "--dose=2", "pills"], "--dose '2 pills'"),
    (["remedy", "add", "ice", "--note", "left", "knee", "--at", "yesterday"], "--note 'left knee'"),
    (["side-effect", "nausea", "--note", "after", "lunch"], "--note 'after lunch'"),
    (["workout", "leg", "day", "--part", "quads"], "'leg day'"),
    (["add", "quads", "4", "--at", "3", "days", "ago"], "--at '3 days ago'"),
    (["add", "quads", "4", "--cause", "hill", "sprints"], "--cause 'hill sprints'"),
    (["workout", "legs", "--part", "quads", "--note", "it's", "fine"], '--note "it\'s fine"'),
]


@pytest.mark.parametrize(("args", "quoted"), UNQUOTED, ids=[" ".join(a) for a, _ in UNQUOTED])
def test_the_quoting_hint_quotes_the_value_involved(journal, args: list[str], quoted: str) -> None:
    result = journal.run(*args)
    assert_refused(result, 2, "quote values that contain spaces")
    assert result.stderr.rstrip().endswith(f"as in {quoted}") or f"as in {quoted})" in (
        result.stderr
    ), result.stderr
    if "--at" not in args:
        assert "3 days ago" not in result.stderr  # never the fixed example


def test_a_dose_given_as_an_argument_is_pointed_to_dose(journal) -> None:
    result = journal.run("remedy", "add", "ibuprofen", "400mg")
    assert result.stderr == (
        "sorelog: unexpected extra argument '400mg'; give a dose with --dose, as in --dose 400mg\n"
    )


def test_real_command_line_gets_the_same_hint(tmp_path) -> None:
    # Outside the test runner, main reads the words from sys.argv.
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "sorelog", "remedy", "add", "ibuprofen", "--dose", "2", "pills"],
        capture_output=True,
        text=True,
        env={**os.environ, "SORELOG_DB": str(tmp_path / "j.db")},
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.endswith("as in --dose '2 pills'\n"), result.stderr
