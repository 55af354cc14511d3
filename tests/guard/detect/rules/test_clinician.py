import pytest

from guard.detect.rules.clinician import ClinicianIdRule

from ._helpers import flagged, scores

RULE = ClinicianIdRule()


@pytest.mark.parametrize(
    "text, value, score",
    [
        ("Dr Fabre, RPPS 10001234565", "10001234565", 0.99),
        ("n° RPPS : 10 001 234 565", "10 001 234 565", 0.99),
        ("RPPS 10001234566", "10001234566", 0.6),  # Luhn fails: typo, low score
        ("médecin 10018876549", "10018876549", 0.75),  # bare, Luhn-valid, 10 prefix
        ("ADELI 691234567", "691234567", 0.9),
        ("FINESS 750030009", "750030009", 0.97),
        ("FINESS géographique n° 290000520", "290000520", 0.97),
        ("FINESS 750030008", "750030008", 0.6),
    ],
)
def test_positive(text: str, value: str, score: float) -> None:
    assert flagged(RULE, text, min_score=0.0) == [(value, "RPPS")]
    assert scores(RULE, text) == [score]


@pytest.mark.parametrize(
    "text",
    [
        "10001234566",  # bare and Luhn-invalid
        "750030009",  # nine digits without FINESS cue
        "691234567",  # nine digits without ADELI cue
        "RPPS à jour",
        "20001234565",  # not an RPPS prefix
    ],
)
def test_negatives(text: str) -> None:
    assert flagged(RULE, text, min_score=0.0) == []
