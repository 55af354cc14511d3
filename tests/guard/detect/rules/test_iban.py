import pytest

from guard.detect.rules.iban import IbanRule

from ._helpers import flagged, scores

RULE = IbanRule()


@pytest.mark.parametrize(
    "text, value",
    [
        ("IBAN FR33 3000 2005 5000 0015 7841 Z25 BIC AGRIFRPP", "FR33 3000 2005 5000 0015 7841 Z25"),
        ("compte FR0410278060410002049540146.", "FR0410278060410002049540146"),
        ("fr14 2004 1010 0505 0001 3m02 606", "fr14 2004 1010 0505 0001 3m02 606"),
    ],
)
def test_valid(text: str, value: str) -> None:
    assert flagged(RULE, text) == [(value, "IBAN")]
    assert scores(RULE, text) == [0.99]


def test_bad_checksum_only_after_cue_and_low() -> None:
    assert scores(RULE, "IBAN FR33 3000 2005 5000 0015 7841 Z26") == [0.6]
    assert flagged(RULE, "réf FR33 3000 2005 5000 0015 7841 Z26", min_score=0.0) == []


@pytest.mark.parametrize("text", ["CIM-10 E11.9", "AB12 CDEF GHIJ KLMN OP", "NIR 182071305500948", "FR76"])
def test_negatives(text: str) -> None:
    assert flagged(RULE, text, min_score=0.0) == []
