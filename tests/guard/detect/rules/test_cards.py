import pytest

from guard.detect.rules.cards import CardRule

from ._helpers import flagged

RULE = CardRule()


@pytest.mark.parametrize(
    "text, value",
    [
        ("carte Vitale n° 31 0145 8827", "31 0145 8827"),
        ("N° de série : 12345678", "12345678"),
        ("mutuelle MGEN n° adhérent 0458712396", "0458712396"),
        ("Mutuelle Harmonie, n° 45B78912", "45B78912"),
        ("mutuelle Harmonie adhérent H7812045", "H7812045"),
        ("AMC: 12345678", "12345678"),
    ],
)
def test_positive(text: str, value: str) -> None:
    assert flagged(RULE, text) == [(value, "CARTE")]


@pytest.mark.parametrize(
    "text",
    [
        "mutuelle depuis 2019",
        "carte vitale à jour",
        "12345678",
        "adhérent à l'association",
        "mutuelle 75 %",
    ],
)
def test_negatives(text: str) -> None:
    assert flagged(RULE, text, min_score=0.0) == []
