import pytest

from guard.detect.rules.nir import NirRule, nir_key

from ._helpers import flagged, scores

RULE = NirRule()


def test_key_matches_python_stdnum() -> None:
    from stdnum.fr import nir as std_nir

    for body in ("1820713055009", "2671159350187", "252042A045120", "170032B033007", "2830999217045"):
        assert std_nir.calc_check_digits(body) == f"{nir_key(body):02d}"


@pytest.mark.parametrize(
    "text, value",
    [
        ("NIR 182071305500948 ok", "182071305500948"),
        ("NIR 1 82 07 13 055 009 48.", "1 82 07 13 055 009 48"),
        ("n° SS : 1.82.07.13.055.009.48", "1.82.07.13.055.009.48"),
        ("1-82-07-13-055-009-48", "1-82-07-13-055-009-48"),
        ("nir 1 8 2 0 7 1 3 0 5 5 0 0 9 4 8 ok", "1 8 2 0 7 1 3 0 5 5 0 0 9 4 8"),
        ("Corse : 2 52 04 2A 045 120 89", "2 52 04 2A 045 120 89"),
        ("Corse : 1 70 03 2B 033 007 32", "1 70 03 2B 033 007 32"),
        ("née à l'étranger 2 83 09 99 217 045 38", "2 83 09 99 217 045 38"),
        ("NIR\u00a01\u00a082\u00a007\u00a013\u00a0055\u00a0009\u00a048", "1\u00a082\u00a007\u00a013\u00a0055\u00a0009\u00a048"),
    ],
)
def test_valid_layouts_flagged_with_top_score(text: str, value: str) -> None:
    assert flagged(RULE, text) == [(value, "SECU")]
    assert scores(RULE, text) == [0.99]


def test_wrong_key_still_flagged_lower() -> None:
    text = "patient 1 82 07 13 055 009 47 vu ce jour"
    assert flagged(RULE, text) == [("1 82 07 13 055 009 47", "SECU")]
    assert scores(RULE, text) == [0.6]


def test_wrong_key_with_cue_is_boosted_but_below_valid() -> None:
    (score,) = scores(RULE, "NIR : 1 82 07 13 055 009 47")
    assert 0.6 < score < 0.99


def test_thirteen_digits_without_key() -> None:
    assert flagged(RULE, "NIR 1 82 07 13 055 009") == [("1 82 07 13 055 009", "SECU")]


def test_explanation_never_holds_the_value() -> None:
    (f,) = RULE.find("NIR 182071305500948")
    assert "1820713" not in f.explanation and "clé valide" in f.explanation


@pytest.mark.parametrize(
    "text",
    [
        "TA 130/80, FC 72",
        "téléphone 06 12 34 56 78",
        "582071305500948",  # sex digit 5 does not exist
        "1 82 13 13 055 009 48",  # month 13
        "1 82 07 00 055 009 48",  # department 00
        "1 82 07 3A 055 009 48",  # A only for Corsica (2A)
        "1820713055009481234",  # longer number: an account or a barcode
        "ref 12345678901234567890",
        "",
        "pas de chiffres ici",
    ],
)
def test_negatives(text: str) -> None:
    assert flagged(RULE, text, min_score=0.0) == []


def test_a_medicine_code_of_thirteen_digits_is_no_nir() -> None:
    from guard.detect.rules.nir import NirRule

    assert NirRule().find("DOLIPRANE 1000MG CPR B/8, CIP 3400930000000 (code)") == []
