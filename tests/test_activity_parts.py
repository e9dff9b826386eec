"""The parts an imported activity loads (domain/activity_parts.py): a default table of
the common sports, the person's own entries first, and no guess for a sport neither
names."""

from __future__ import annotations

import pytest

from sorelog.domain.activity_parts import (
    DEFAULT_ACTIVITY_PARTS,
    activity_parts,
    check_activity_parts,
)
from sorelog.domain.parts import PARTS, is_muscle


def test_every_default_names_known_muscles_once() -> None:
    for sport, parts in DEFAULT_ACTIVITY_PARTS.items():
        assert sport == " ".join(sport.lower().split()), sport
        assert parts and len(set(parts)) == len(parts), sport
        assert all(part in PARTS and is_muscle(part) for part in parts), sport


@pytest.mark.parametrize(
    "sport",
    ["running", "trail running", "walking", "hiking", "cycling", "swimming", "rowing"],
)
def test_the_common_sports_have_parts(sport: str) -> None:
    assert activity_parts(sport)


def test_the_sport_is_read_in_any_case_and_spacing() -> None:
    assert activity_parts("Trail_Running") == activity_parts("trail  running")
    assert activity_parts("TRAIL RUNNING") == DEFAULT_ACTIVITY_PARTS["trail running"]


def test_a_sport_with_no_entry_is_not_guessed() -> None:
    for sport in ("weight training", "yoga", "training", "unknown", "9"):
        assert activity_parts(sport) is None


def test_the_persons_own_entry_comes_first() -> None:
    own = {"running": ("calves",), "yoga": ("hamstrings", "lower-back")}
    assert activity_parts("Running", own) == ("calves",)
    assert activity_parts("yoga", own) == ("hamstrings", "lower-back")
    assert activity_parts("cycling", own) == DEFAULT_ACTIVITY_PARTS["cycling"]


def test_an_entry_in_the_config_reads_aliases_and_refuses_the_rest() -> None:
    assert check_activity_parts("yoga", ["hams", "lower back", "hams"]) == (
        "hamstrings",
        "lower-back",
    )
    for parts, says in (
        ("quads", "must be a list of body parts"),
        ([], "names no body part"),
        (["quads", 3], "must be a list of body parts"),
        (["quadz"], "did you mean 'quadriceps'"),
        (["left calf"], "names a side"),
    ):
        with pytest.raises(ValueError, match=says):
            check_activity_parts("yoga", parts)
