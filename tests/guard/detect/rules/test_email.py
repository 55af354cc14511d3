import pytest

from guard.detect.rules.email import EmailRule

from ._helpers import flagged

RULE = EmailRule()


@pytest.mark.parametrize(
    "text, value",
    [
        ("écrire à jean.dupuis@chu-rennes.fr.", "jean.dupuis@chu-rennes.fr"),
        ("mail: fatou_diallo+suivi@gmail.com", "fatou_diallo+suivi@gmail.com"),
        ("(n.haddou@orange.fr)", "n.haddou@orange.fr"),
        ("dr.élodie@cabinet-santé.fr", "dr.élodie@cabinet-santé.fr"),
    ],
)
def test_addresses(text: str, value: str) -> None:
    assert flagged(RULE, text) == [(value, "MAIL")]


@pytest.mark.parametrize("text", ["a@b", "@twitter", "x @ y . fr", "Kardegic 75 mg", "user@localhost"])
def test_negatives(text: str) -> None:
    assert flagged(RULE, text, min_score=0.0) == []
