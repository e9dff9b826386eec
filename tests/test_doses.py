import pytest
from hypothesis import given
from hypothesis import strategies as st

from sorelog.domain.doses import Dose, comparable, parse_dose
from sorelog.domain.names import normalise_effect, normalise_remedy


@pytest.mark.parametrize(
    ("text", "dose", "base"),
    [
        ("400mg", Dose(400, "mg"), Dose(400, "mg")),
        ("1.5 g", Dose(1.5, "g"), Dose(1500, "mg")),
        ("250 mcg", Dose(250, "mcg"), Dose(0.25, "mg")),
        ("2 tablets", Dose(2, "tablets"), Dose(2, "tablets")),
        ("1 tablet", Dose(1, "tablets"), Dose(1, "tablets")),
        ("15 min", Dose(15, "min"), Dose(15, "min")),
        ("1 h", Dose(1, "h"), Dose(60, "min")),
        ("5 ml", Dose(5, "ml"), Dose(5, "ml")),
        ("0.5l", Dose(0.5, "l"), Dose(500, "ml")),
        ("1,5 g", Dose(1.5, "g"), Dose(1500, "mg")),
        ("400 MG", Dose(400, "mg"), Dose(400, "mg")),
        ("2 caps", Dose(2, "capsules"), Dose(2, "capsules")),
    ],
)
def test_parse_and_convert(text: str, dose: Dose, base: Dose) -> None:
    assert parse_dose(text) == dose
    assert parse_dose(text).base == base


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("400", "needs a unit"),
        ("0mg", "more than zero"),
        ("-5mg", "more than zero"),
        ("abc", "cannot read"),
        ("2 spoons", "unknown unit"),
        ("", "cannot read"),
        ("mg", "cannot read"),
        ("1e3mg", "unknown unit"),
    ],
)
def test_refused_doses(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_dose(text)


def test_families() -> None:
    assert comparable("g", "mcg")
    assert comparable("l", "ml")
    assert not comparable("mg", "ml")
    assert not comparable("tablets", "mg")
    assert not comparable("tablets", "capsules")


@given(
    st.decimals(min_value="0.001", max_value="100000", places=3),
    st.sampled_from(["mg", "g", "mcg", "ml", "l", "min", "tablets", "drops"]),
)
def test_any_positive_amount_round_trips(amount, unit) -> None:
    dose = parse_dose(f"{amount} {unit}")
    assert dose.unit == unit
    assert dose.amount == pytest.approx(float(amount))
    assert parse_dose(str(dose)) == dose


@given(st.text(max_size=20))
def test_parser_never_crashes(text: str) -> None:
    try:
        dose = parse_dose(text)
    except ValueError:
        return
    assert dose.amount > 0


def test_names_are_normalised() -> None:
    assert normalise_remedy("  Ibuprofen ") == normalise_remedy("ibuprofen") == "ibuprofen"
    assert normalise_remedy("Fish   Oil") == "fish oil"
    assert normalise_effect("Digestive upset") == "digestive-upset"
    with pytest.raises(ValueError):
        normalise_remedy("   ")
    with pytest.raises(ValueError):
        normalise_remedy("bad\x1bname")
