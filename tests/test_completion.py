"""Shell completion, as bash asks for it: remedy names from the journal, parts, sides, kinds.

Each case runs a real `python -m sorelog` with bash's completion variables, the
way the script that `--install-completion` writes calls it.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sorelog.cli.completion import complete_remedy
from sorelog.store.quick_reads import remedy_names

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic")
FIXTURE = Path(__file__).parent / "fixtures" / "journal-v1.db"


def complete(line: str, env: dict[str, str] | None = None, importtime: bool = False):
    """Ask sorelog to complete the last word of `line` (a trailing space: a new word)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, "-m", "sorelog"],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "_SORELOG_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(cword),
            **(env or {}),
        },
        timeout=60,
    )


def offered(line: str, env: dict[str, str] | None = None) -> list[str]:
    result = complete(line, env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return [word for word in result.stdout.splitlines() if word]


@pytest.fixture
def remedies(journal):
    """A journal with remedies used (ibuprofen, fish oil), one only limited (icy-hot)."""
    journal.ok("remedy", "add", "Ibuprofen", "--dose", "400mg", "--at", "2026-11-20")
    journal.ok("remedy", "add", "ice", "--dose", "15 min", "--at", "2026-11-20")
    journal.ok("remedy", "add", "fish  oil", "--at", "2026-11-21")
    journal.ok("remedy", "add", "ibuprofen", "--dose", "200mg", "--at", "2026-11-21")
    journal.ok("remedy", "limit", "Icy-Hot", "--max-days", "3")
    journal.ok("side-effect", "nausea", "--remedy", "naproxen")  # not a remedy it completes
    return journal


@pytest.mark.slow
def test_remedy_add_completes_names_in_the_journal(remedies) -> None:
    assert offered("sorelog remedy add ib") == ["ibuprofen"]
    assert offered("sorelog remedy add ic") == ["ice", "icy-hot"]
    assert offered("sorelog remedy add ") == ["fish oil", "ibuprofen", "ice", "icy-hot"]
    assert offered("sorelog remedy add zz") == []


@pytest.mark.slow
def test_remedy_limit_and_side_effect_remedy_complete_too(remedies) -> None:
    assert offered("sorelog remedy limit icy") == ["icy-hot"]
    assert offered("sorelog remedy limit f") == ["fish oil"]
    assert offered("sorelog side-effect nausea --remedy i") == ["ibuprofen", "ice", "icy-hot"]
    assert offered("sorelog side-effect --remedy fi") == ["fish oil"]


@pytest.mark.slow
def test_the_db_option_beats_the_environment(remedies, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    shutil.copy(remedies.path, other)
    missing = {"SORELOG_DB": str(tmp_path / "missing.db")}
    assert offered("sorelog remedy add ib", missing) == []
    assert offered(f"sorelog --db {other} remedy add ib", missing) == ["ibuprofen"]
    assert offered(f"sorelog --db {tmp_path / 'none.db'} remedy add ib") == []


@pytest.mark.slow
def test_the_default_journal_path_is_used_without_db_or_environment(
    remedies, tmp_path: Path
) -> None:
    env = {**os.environ}
    del env["SORELOG_DB"]
    default = Path(env["XDG_DATA_HOME"]) / "sorelog" / "sorelog.db"
    assert offered("sorelog remedy add ib", {"SORELOG_DB": ""}) == []
    default.parent.mkdir(parents=True)
    shutil.copy(remedies.path, default)
    result = subprocess.run(
        [sys.executable, "-m", "sorelog"],
        capture_output=True,
        text=True,
        env={
            **env,
            "_SORELOG_COMPLETE": "complete_bash",
            "COMP_WORDS": "sorelog remedy add ib",
            "COMP_CWORD": "3",
        },
        timeout=60,
    )
    assert result.stdout.split() == ["ibuprofen"], result.stderr


@pytest.mark.slow
def test_no_journal_offers_nothing_and_creates_nothing(journal) -> None:
    assert offered("sorelog remedy add i") == []
    assert not journal.path.exists()
    assert not journal.path.parent.exists()


@pytest.mark.slow
def test_broken_journals_offer_nothing_quietly(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not sqlite at all" * 100)
    empty = tmp_path / "empty.db"
    empty.touch()
    folder = tmp_path / "folder.db"
    folder.mkdir()
    for path in (garbage, empty, folder):
        before = path.read_bytes() if path.is_file() else None
        assert offered(f"sorelog --db {path} remedy add i") == []
        if before is not None:
            assert path.read_bytes() == before


@pytest.mark.slow
def test_a_first_schema_journal_offers_nothing_and_is_not_upgraded(tmp_path: Path) -> None:
    old = tmp_path / "v1.db"
    shutil.copy(FIXTURE, old)
    before = old.read_bytes()
    assert offered(f"sorelog --db {old} remedy add i") == []
    assert old.read_bytes() == before


@pytest.mark.slow
def test_a_locked_journal_does_not_hang_completion(remedies) -> None:
    with sqlite3.connect(remedies.path, isolation_level=None) as db:
        db.execute("PRAGMA journal_mode = DELETE")  # so an exclusive lock keeps readers out
    holder = sqlite3.connect(remedies.path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        # the journal is read as it is on disk, without waiting for the writer's lock
        assert offered("sorelog remedy add ib") == ["ibuprofen"]
        assert time.monotonic() - started < 10
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert offered("sorelog remedy add ib") == ["ibuprofen"]


@pytest.mark.slow
def test_remedy_completion_never_imports_the_orm(remedies) -> None:
    result = complete("sorelog remedy add ib", importtime=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["ibuprofen"]
    loaded = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert {name for name in loaded if name.split(".")[0] in HEAVY} == set()
    assert "sqlite3" in loaded


@pytest.mark.slow
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("sorelog add ham", {"hamstrings", "hamstring", "hams", "hammies"}),
        ("sorelog add --side ", {"left", "right", "both"}),
        ("sorelog add calves 3 --kind ", {"ache", "stiffness", "sharp", "cramp", "burning"}),
        ("sorelog add quads 5 --symptom dark", {"dark-urine"}),
        ("sorelog report --part cal", {"calf", "calves"}),
        ("sorelog remedy add ice --for lower", {"lower-back", "lower back"}),
        ("sorelog config set prol", {"prolonged_days"}),
        ("sorelog config unset time", {"timezone"}),
    ],
)
def test_parts_sides_kinds_symptoms_and_settings_complete(line: str, expected: set[str]) -> None:
    assert expected <= set(offered(line))


@pytest.mark.slow
def test_workout_offers_import_where_its_name_goes() -> None:
    """`sorelog workout im<Tab>` finds the command that reads watch exports; a name of the
    person's own gets nothing, and the paths after `import` are left to the shell's own
    file completion (the script asks bash for it: `complete -o default`)."""
    assert offered("sorelog workout im") == ["import"]
    assert offered("sorelog workout ") == ["import"]
    assert offered("sorelog workout leg") == []
    assert offered("sorelog workout import ") == []
    assert offered("sorelog workout import --d") == ["--dry-run"]
    script = complete("", {"_SORELOG_COMPLETE": "source_bash"}).stdout
    assert "complete -o default -F _sorelog_completion sorelog" in script


@pytest.mark.slow
def test_add_completes_a_part_only_where_a_part_goes() -> None:
    assert set(offered("sorelog add quads 6 cal")) == {"calf", "calves"}
    assert offered("sorelog add quads ") == []
    assert offered("sorelog add quads 6 hams ") == []


def test_complete_remedy_in_process(remedies) -> None:
    assert complete_remedy("fish ") == ["fish oil"]
    assert complete_remedy("") == ["fish oil", "ibuprofen", "ice", "icy-hot"]
    assert remedy_names(remedies.path.parent / "nothing.db") == []


@pytest.mark.slow
def test_completion_leaves_no_files_beside_the_journal(remedies) -> None:
    before = sorted(p.name for p in remedies.path.parent.iterdir())
    assert offered("sorelog remedy add ib") == ["ibuprofen"]
    assert sorted(p.name for p in remedies.path.parent.iterdir()) == before
