import pytest

from sorelog.domain.parts import PARTS, parse_severity, resolve_part, suggest_part


@pytest.mark.parametrize(
    ("name", "canonical"), [(a, c) for c, al in PARTS.items() for a in (c, *al)]
)
def test_every_name_and_alias_resolves(name: str, canonical: str) -> None:
    assert resolve_part(name) == (canonical, None)
    assert resolve_part(name.upper()) == (canonical, None)
    assert resolve_part(f"left {name}") == (canonical, "left")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Left Calf", ("calves", "left")),
        ("right  hip flexors", ("hips", "right")),
        ("both quads", ("quadriceps", "both")),
        ("upper back", ("upper-back", None)),
        ("Upper_Back", ("upper-back", None)),
        ("lower-back", ("lower-back", None)),
        ("sides", ("obliques", None)),
    ],
)
def test_names_and_side_prefixes(text: str, expected: tuple[str, str | None]) -> None:
    assert resolve_part(text) == expected


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [("hamstrng", "hamstrings"), ("quadricep", "quadriceps"), ("shouldres", "shoulders")],
)
def test_unknown_part_suggests_closest(typo: str, suggestion: str) -> None:
    assert suggest_part(typo) == suggestion
    with pytest.raises(ValueError, match=f"did you mean '{suggestion}'"):
        resolve_part(typo)


@pytest.mark.parametrize("text", ["", "   ", "left", "xyzzy", "left xyzzy"])
def test_refused_parts(text: str) -> None:
    with pytest.raises(ValueError):
        resolve_part(text)


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("10", 10), (" 7 ", 7)])
def test_severity_accepted(text: str, value: int) -> None:
    assert parse_severity(text) == value


@pytest.mark.parametrize("text", ["11", "-1", "5.5", "x", "", "\u0661", "1e1"])
def test_severity_refused(text: str) -> None:
    with pytest.raises(ValueError, match="0 \\(none\\) to 10"):
        parse_severity(text)
