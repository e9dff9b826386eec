"""The parts an imported activity loads (domain/activity_parts.py): a default table of
the common sports, the person's own entries first, and no guess for a sport neither
names."""

from __future__ import annotations

import pytest

from sorelog.domain.activity_parts import (
    DEFAULT_ACTIVITY_PARTS,
    SPORT_NAMES,
    activity_parts,
    check_activity_parts,
    sport_family,
)
from sorelog.domain.parts import PARTS, is_muscle
from sorelog.formats.activities.apple_health import _sport as apple_sport
from sorelog.formats.activities.fit import sport_name as fit_sport
from sorelog.formats.activities.strava import _sport as strava_sport


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
    assert activity_parts("TRAIL RUNNING") == DEFAULT_ACTIVITY_PARTS["running"]


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


def test_every_family_has_parts_and_every_name_one_family() -> None:
    names = [name for family in SPORT_NAMES.values() for name in family]
    assert len(names) == len(set(names))
    assert set(SPORT_NAMES) <= set(DEFAULT_ACTIVITY_PARTS)
    assert not set(names) & set(DEFAULT_ACTIVITY_PARTS)  # a family's name is not a synonym
    for family, members in SPORT_NAMES.items():
        for name in members:
            assert name == " ".join(name.lower().replace("_", " ").replace("-", " ").split())
            assert sport_family(name) == family, name


@pytest.mark.parametrize(
    ("named", "family"),
    [
        # FIT sport and sub-sport as fitdecode names them (Garmin, Wahoo, Coros)
        (fit_sport("cycling", "road"), "cycling"),
        (fit_sport("cycling", "mountain"), "cycling"),
        (fit_sport("cycling", "gravel_cycling"), "cycling"),
        (fit_sport("cycling", "indoor_cycling"), "cycling"),
        (fit_sport("e_biking", None), "cycling"),
        (fit_sport("running", "street"), "running"),
        (fit_sport("running", "indoor_running"), "running"),
        (fit_sport("running", "trail"), "running"),
        (fit_sport("walking", "casual_walking"), "walking"),
        (fit_sport("swimming", "open_water"), "swimming"),
        (fit_sport("rowing", "indoor_rowing"), "rowing"),
        (fit_sport("alpine_skiing", "backcountry"), "alpine skiing"),
        (fit_sport("cross_country_skiing", "skate_skiing"), "cross country skiing"),
        (fit_sport("stand_up_paddleboarding", None), "stand up paddleboarding"),
        # Strava's activity types, as its bulk export's activities.csv writes them
        (strava_sport("Ride"), "cycling"),
        (strava_sport("Mountain Bike Ride"), "cycling"),
        (strava_sport("MountainBikeRide"), "cycling"),
        (strava_sport("Gravel Ride"), "cycling"),
        (strava_sport("E-Bike Ride"), "cycling"),
        (strava_sport("EBikeRide"), "cycling"),
        (strava_sport("Virtual Ride"), "cycling"),
        (strava_sport("Run"), "running"),
        (strava_sport("Trail Run"), "running"),
        (strava_sport("Alpine Ski"), "alpine skiing"),
        (strava_sport("Backcountry Ski"), "alpine skiing"),
        (strava_sport("Nordic Ski"), "cross country skiing"),
        (strava_sport("Snowboard"), "snowboarding"),
        (strava_sport("Stand Up Paddling"), "stand up paddleboarding"),
        (strava_sport("StandUpPaddling"), "stand up paddleboarding"),
        (strava_sport("Stair-Stepper"), "stair climbing"),
        (strava_sport("StairStepper"), "stair climbing"),
        (strava_sport("Kayaking"), "paddling"),
        (strava_sport("Rock Climb"), "climbing"),
        # Apple Health's workout types
        (apple_sport("HKWorkoutActivityTypeDownhillSkiing"), "alpine skiing"),
        (apple_sport("HKWorkoutActivityTypeCrossCountrySkiing"), "cross country skiing"),
        (apple_sport("HKWorkoutActivityTypePaddleSports"), "paddling"),
        (apple_sport("HKWorkoutActivityTypeStairClimbing"), "stair climbing"),
        (apple_sport("HKWorkoutActivityTypeHiking"), "hiking"),
        # TCX's Sport attribute
        ("biking", "cycling"),
    ],
)
def test_the_names_real_exports_give_reach_their_family(named: str, family: str) -> None:
    assert sport_family(named) == family
    assert activity_parts(named) == DEFAULT_ACTIVITY_PARTS[family]


def test_an_own_entry_for_a_name_or_its_family() -> None:
    own = {"cycling": ("quadriceps",), "mountain biking": ("forearms", "quadriceps")}
    assert activity_parts("road cycling", own) == ("quadriceps",)  # the family's entry
    assert activity_parts("Ride", own) == ("quadriceps",)
    assert activity_parts("mountain biking", own) == ("forearms", "quadriceps")  # its own
    assert activity_parts("trail running", own) == DEFAULT_ACTIVITY_PARTS["running"]
