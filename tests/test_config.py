"""`sorelog config show / set / unset`, the config file on disk, and the report using it."""

import os
import re
import stat
import tomllib
from pathlib import Path

import pytest

from conftest import assert_refused
from sorelog.domain.settings import KEYS
from sorelog.store import config_file as cfg

DEFAULTS = {
    "gap_days": 3,
    "prolonged_days": 7,
    "severe_level": 8,
    "severe_days": 2,
    "streak_days": 7,
    "timezone": None,
}


@pytest.fixture
def config_file(private_env: Path) -> Path:
    return Path(os.environ["SORELOG_CONFIG"])


def show(journal) -> dict:
    return journal.json("config", "show")


def test_show_without_a_file_gives_every_default(journal, config_file: Path) -> None:
    doc = show(journal)
    assert doc["path"] == str(config_file)
    assert doc["exists"] is False
    assert list(doc["settings"]) == list(KEYS)
    for key, value in DEFAULTS.items():
        assert doc["settings"][key] == {"value": value, "source": "default", "default": value}
    out = journal.ok("config", "show")
    assert str(config_file) in out and "not created yet" in out
    for key in KEYS:
        assert key in out
    assert not config_file.exists()


def test_set_saves_validated_values_and_show_says_where_they_came_from(
    journal, config_file: Path
) -> None:
    out = journal.ok("config", "set", "prolonged_days", "10")
    assert out.strip() == f"prolonged_days = 10 (was 7); saved in {config_file}"
    journal.ok("config", "set", "Gap-Days", "5")  # hyphens and capitals are forgiven
    journal.ok("config", "set", "timezone", "Europe/Paris")
    assert tomllib.loads(config_file.read_text()) == {
        "gap_days": 5,
        "prolonged_days": 10,
        "timezone": "Europe/Paris",
    }
    settings = show(journal)["settings"]
    assert settings["prolonged_days"] == {"value": 10, "source": str(config_file), "default": 7}
    assert settings["gap_days"]["value"] == 5
    assert settings["timezone"]["source"] == str(config_file)
    assert settings["severe_level"] == {"value": 8, "source": "default", "default": 8}
    assert show(journal)["exists"] is True


def test_set_keeps_the_other_keys(journal, config_file: Path) -> None:
    config_file.write_text('severe_level = 9\ntimezone = "Asia/Tokyo"\n')
    journal.ok("config", "set", "streak_days", "5")
    assert tomllib.loads(config_file.read_text()) == {
        "severe_level": 9,
        "streak_days": 5,
        "timezone": "Asia/Tokyo",
    }


def test_file_is_private_and_its_directory_is_made_private(
    journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fresh" / "sorelog" / "config.toml"
    monkeypatch.setenv("SORELOG_CONFIG", str(path))
    journal.ok("config", "set", "severe_days", "3")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]  # no temp left


def test_rewriting_an_open_file_makes_it_private(journal, config_file: Path) -> None:
    config_file.write_text("gap_days = 4\n")
    config_file.chmod(0o644)
    journal.ok("config", "set", "gap_days", "6")
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["colour", "red"], "unknown setting 'colour'; settings are: gap_days"),
        (["gap_days", "three"], "gap_days must be a whole number from 1 to 60"),
        (["gap_days", "2.5"], "gap_days must be a whole number"),
        (["gap_days", "0"], "from 1 to 60, not 0"),
        (["severe_level", "11"], "from 1 to 10, not 11"),
        (["prolonged_days", "366"], "not 366"),
        (["streak_days", ""], "'sorelog config unset streak_days' returns it to the default"),
        (["timezone", "Mars/Olympus_Mons"], "not an IANA zone like Europe/Paris"),
        (["timezone", "../../etc/passwd"], "not an IANA zone"),
    ],
)
def test_bad_settings_are_refused_and_change_nothing(
    journal, config_file: Path, args: list[str], says: str
) -> None:
    assert_refused(journal.run("config", "set", *args), 2, says)
    assert not config_file.exists()
    config_file.write_text("# mine\ngap_days = 4\n")
    before = config_file.read_bytes()
    assert_refused(journal.run("config", "set", *args), 2, says)
    assert config_file.read_bytes() == before


def test_set_needs_a_key_and_a_value(journal, config_file: Path) -> None:
    result = journal.run("config", "set", "gap_days")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert not config_file.exists()


def test_empty_timezone_and_unset_return_to_defaults(journal, config_file: Path) -> None:
    journal.ok("config", "set", "timezone", "Asia/Tokyo")
    journal.ok("config", "set", "gap_days", "9")
    out = journal.ok("config", "set", "timezone", "")
    assert "timezone = system time zone (was Asia/Tokyo)" in out
    assert tomllib.loads(config_file.read_text()) == {"gap_days": 9}
    out = journal.ok("config", "unset", "gap_days")
    assert out.strip() == f"gap_days is back to its default, 3; saved in {config_file}"
    assert tomllib.loads(config_file.read_text()) == {}
    assert all(s["source"] == "default" for s in show(journal)["settings"].values())
    before = config_file.read_bytes()
    assert "was not set" in journal.ok("config", "unset", "gap_days")
    assert config_file.read_bytes() == before
    assert_refused(journal.run("config", "unset", "colour"), 2, "unknown setting 'colour'")


def test_unset_without_a_file_creates_none(journal, config_file: Path) -> None:
    assert "was not set; it is the default, 7" in journal.ok("config", "unset", "streak_days")
    assert not config_file.exists()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"gap_days = [\n", "is not valid TOML"),
        (b"\xff\xfe\x00binary", "is not valid TOML"),
        (b"severe_level = 0\n", "severe_level must be a whole number from 1 to 10, not 0"),
        (b"colour = 'red'\n", "unknown setting 'colour'"),
    ],
)
def test_a_broken_file_is_one_line_exit_1_and_left_alone(
    journal, config_file: Path, content: bytes, says: str
) -> None:
    config_file.write_bytes(content)
    assert_refused(journal.run("config", "show"), 1, says)
    assert_refused(journal.run("config", "show", "--json"), 1, says)
    assert_refused(journal.run("config", "set", "gap_days", "4"), 1, says)
    assert_refused(journal.run("config", "unset", "gap_days"), 1, says)
    assert_refused(journal.run("report"), 1, says)
    assert config_file.read_bytes() == content


def test_setting_or_unsetting_a_bad_value_repairs_the_file(journal, config_file: Path) -> None:
    config_file.write_bytes(b"gap_days = 0\nsevere_level = 9\n")
    assert_refused(journal.run("report"), 1, "gap_days must be a whole number")
    assert "gap_days = 4 (was not valid)" in journal.ok("config", "set", "gap_days", "4")
    assert journal.json("config", "show")
    config_file.write_bytes(b"gap_days = 0\nsevere_level = 9\n")
    assert "back to its default" in journal.ok("config", "unset", "gap_days")
    assert (
        "gap_days" not in config_file.read_text() and "severe_level = 9" in config_file.read_text()
    )


def test_a_config_path_that_is_a_directory(journal, config_file: Path) -> None:
    config_file.mkdir()
    assert_refused(journal.run("config", "show"), 1, "cannot read config file")
    assert_refused(journal.run("config", "set", "gap_days", "4"), 1, "cannot read config file")


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    journal, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file.write_text("gap_days = 4\n")
    before = config_file.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert_refused(journal.run("config", "set", "gap_days", "5"), 1, "cannot write config file")
    assert config_file.read_bytes() == before
    assert [p.name for p in config_file.parent.iterdir() if "config" in p.name] == ["config.toml"]


def test_a_symlinked_config_file_is_written_through(journal, tmp_path: Path, config_file) -> None:
    target = tmp_path / "dotfiles" / "sorelog.toml"
    target.parent.mkdir()
    target.write_text("gap_days = 4\n")
    config_file.symlink_to(target)
    journal.ok("config", "set", "severe_level", "9")
    assert config_file.is_symlink()
    assert tomllib.loads(target.read_text()) == {"gap_days": 4, "severe_level": 9}


def test_saved_file_round_trips_through_load_config(config_file: Path) -> None:
    cfg.set_value("severe_days", "4")
    cfg.set_value("timezone", "America/New_York")
    loaded = cfg.load_config()
    assert (loaded.severe_days, loaded.timezone) == (4, "America/New_York")
    assert loaded.sources["severe_days"] == str(config_file)
    assert loaded.sources["gap_days"] == "default"
    assert config_file.read_text().startswith("# sorelog settings")
    with pytest.raises(ValueError, match="unknown setting"):
        cfg.unset_value("colour")


# -- the report uses them ----------------------------------------------------


def prolonged(journal) -> list[str]:
    doc = journal.json("report", "--as-of", "2026-11-12")
    return [flag["body_part"] for flag in doc["flags"] if flag["code"] == "prolonged"]


def test_prolonged_days_changes_the_report(journal) -> None:
    # lower-back sore for 9 days, calves for 11: both beyond the default 7
    for day in range(1, 10):
        journal.ok("add", "lower back", "4", "--at", f"2026-11-{day:02d}")
    for day in range(1, 12):
        journal.ok("add", "calves", "3", "--at", f"2026-11-{day:02d}")
    assert sorted(prolonged(journal)) == ["calves", "lower-back"]
    journal.ok("config", "set", "prolonged_days", "10")
    assert prolonged(journal) == ["calves"]
    journal.ok("config", "set", "prolonged_days", "11")
    assert prolonged(journal) == []
    journal.ok("config", "unset", "prolonged_days")
    assert sorted(prolonged(journal)) == ["calves", "lower-back"]


def test_prolonged_level_changes_the_report(journal) -> None:
    # lower-back at 4 and calves at 3, both sore to day 9: prolonged from 3/10 by default
    for day in range(1, 10):
        journal.ok("add", "lower back", "4", "calves", "3", "--at", f"2026-11-{day:02d}")
    assert sorted(prolonged(journal)) == ["calves", "lower-back"]
    journal.ok("config", "set", "prolonged_level", "4")
    assert prolonged(journal) == ["lower-back"]
    assert (
        "prolonged_level must be a whole number from 1 to 10"
        in journal.run("config", "set", "prolonged_level", "11").stderr
    )


def test_timezone_changes_the_local_day_an_entry_lands_on(journal) -> None:
    out = journal.ok("add", "quads", "5", "--at", "2026-11-20T23:30+00:00")
    assert "at 2026-11-20 23:30" in out
    journal.ok("config", "set", "timezone", "Asia/Tokyo")
    out = journal.ok("add", "calves", "4", "--at", "2026-11-20T23:30+00:00")
    assert "at 2026-11-21 08:30" in out
    # calendar days follow the zone in effect now, for old entries too
    assert [row["day"] for row in journal.rows()] == ["2026-11-21", "2026-11-21"]
    doc = journal.json("report", "--as-of", "2026-11-21")
    days = {part["body_part"]: part["daily"][0]["date"] for part in doc["parts"]}
    assert days == {"quadriceps": "2026-11-21", "calves": "2026-11-21"}
    journal.ok("config", "unset", "timezone")
    doc = journal.json("report", "--as-of", "2026-11-21")
    assert {p["daily"][0]["date"] for p in doc["parts"]} == {"2026-11-20"}


def test_system_zone_change_moves_days(journal, monkeypatch) -> None:
    import time

    journal.ok("add", "quads", "4", "--at", "2026-11-20T02:00+00:00")
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    doc = journal.json("report", "--as-of", "2026-11-25")
    assert doc["parts"][0]["daily"] == [{"date": "2026-11-19", "severity": 4}]
    listed = journal.json("list", "--days", "30")["records"][0]
    assert listed["at"] == "2026-11-19T21:00:00-05:00"


@pytest.mark.slow
def test_concurrent_sets_keep_every_change(journal, config_file: Path) -> None:
    import os
    import subprocess
    import sys

    journal.ok("config", "set", "gap_days", "4")  # the directory exists from here on
    keys = ["gap_days", "prolonged_days", "severe_days", "streak_days", "severe_level"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "sorelog", "config", "set", key, "5"],
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
        )
        for key in keys
    ]
    assert [p.wait(timeout=60) for p in procs] == [0] * len(keys)
    shown = journal.json("config", "show")
    text = config_file.read_text()
    assert all(f"{key} = 5" in text for key in keys), (text, shown)


# -- [activity_parts]: the parts a sport's imported activities load ------------------------


def test_activity_parts_are_read_checked_and_kept_by_set(journal, config_file: Path) -> None:
    config_file.write_text(
        'gap_days = 4\n\n[activity_parts]\nYoga = ["hams", "lower back"]\n'
        'trail_running = ["calves"]\n'
    )
    loaded = cfg.load_config(config_file)
    assert loaded.activity_parts == {
        "yoga": ("hamstrings", "lower-back"),
        "trail running": ("calves",),
    }
    journal.ok("config", "set", "severe_level", "7")  # rewrites the file: the table stays
    kept = tomllib.loads(config_file.read_text())
    assert kept["activity_parts"] == {"yoga": ["hamstrings", "lower-back"],
                                      "trail running": ["calves"]}  # fmt: skip
    assert kept["gap_days"] == 4 and kept["severe_level"] == 7
    assert show(journal)["settings"]["gap_days"]["value"] == 4


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('activity_parts = "running"', "activity_parts must be a table"),
        ('[activity_parts]\nrunning = "quads"', "must be a list of body parts"),
        ("[activity_parts]\nrunning = []", "names no body part"),
        ('[activity_parts]\nrunning = ["quadz"]', "did you mean 'quadriceps'"),
        ('[activity_parts]\nrunning = ["left calf"]', "names a side"),
        (
            '[activity_parts]\nTrail_Running = ["calves"]\n"trail running" = ["quads"]',
            "'Trail_Running' and 'trail running' name the same sport",
        ),
    ],
)
def test_a_bad_activity_parts_entry_is_one_line_exit_1(
    journal, config_file: Path, table: str, says: str
) -> None:
    config_file.write_text(table + "\n")
    before = config_file.read_bytes()
    assert_refused(journal.run("report"), 1, says)
    assert config_file.read_bytes() == before


def test_show_lists_the_parts_each_sport_gets_and_whose_they_are(
    journal, config_file: Path, monkeypatch
) -> None:
    """`config show` says what a workout import will do with each sport: the person's own
    entries first, then the defaults they have not replaced; JSON and text alike, at any
    width, and a planted sport name stays text."""
    config_file.write_text(
        '[activity_parts]\nrunning = ["quads"]\n"[bold]x\\u001b[31m" = ["calves"]\n'
    )
    doc = show(journal)["activity_parts"]
    assert list(doc)[:2] == ["[bold]x\x1b[31m", "running"]
    assert doc["running"]["parts"] == ["quadriceps"]
    assert doc["running"]["source"] == str(config_file)
    assert "trail running" in doc["running"]["names"]  # the names its entry covers
    assert doc["cycling"]["parts"] == ["quadriceps", "hamstrings", "glutes", "calves"]
    assert doc["cycling"]["source"] == "default"
    assert {"ride", "road cycling", "biking"} <= set(doc["cycling"]["names"])
    assert doc["[bold]x\x1b[31m"]["names"] == []
    assert "yoga" not in doc  # a session's parts are its own: not guessed
    for columns in ("120", "80", "40"):
        monkeypatch.setenv("COLUMNS", columns)
        out = journal.ok("config", "show")
        assert "Parts your [activity_parts] give" in out and "[bold]x\\x1b[31m" in out
        sports = out.split("Parts your [activity_parts] give")[1]
        assert "\x1b" not in out and "cross country" in sports and "…" not in sports
    monkeypatch.setenv("COLUMNS", "120")
    out = journal.ok("config", "show")
    own, defaults = out.split("sorelog's default parts for other sports:")
    assert re.search(r"\n  running +quadriceps\n", own)
    assert re.search(r"\n  cycling +quadriceps, hamstrings, glutes, calves\n", defaults)
    assert not re.search(r"\n  running ", defaults)  # replaced by the person's own
