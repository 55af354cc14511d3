import pytest

from guard.detect.rules.phone import PhoneRule

from ._helpers import flagged, scores

RULE = PhoneRule()


@pytest.mark.parametrize(
    "value",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "01 42 16 00 00",
        "09 70 12 34 56",
        "+33 6 12 34 56 78",
        "+33612345678",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
        "+262 692 45 18 77",
        "+590 690 12 34 56",
        "+689 87 12 34 56",
        "+687 28 12 34",
        "06 1234 5678",
    ],
)
def test_french_forms(value: str) -> None:
    assert flagged(RULE, f"joindre au {value} svp") == [(value, "TEL")]


def test_bare_digits_score_lower_than_formatted() -> None:
    assert scores(RULE, "numéro 0612345678")[0] > scores(RULE, "0612345678")[0] - 0.01
    assert scores(RULE, "0612345678")[0] < scores(RULE, "06 12 34 56 78")[0]


def test_id_cue_lowers_score() -> None:
    assert scores(RULE, "IPP 0612345678")[0] < scores(RULE, "0612345678")[0]


@pytest.mark.parametrize("text, value", [("poste 4521", "4521"), ("bip 312", "312"), ("Poste n° 22417", "22417")])
def test_extensions_after_cue_are_reported_below_the_flag_threshold(text: str, value: str) -> None:
    # An internal extension identifies a ward, not a patient: seen, never flagged on its own.
    assert flagged(RULE, text, min_score=0.4) == [(value, "TEL")]
    assert flagged(RULE, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "appelez le 4521",  # extension without cue
        "TA 130/80",
        "INR 2,5",
        "15/20 mg",
        "J+10",
        "CIM-10 E11.9",
        "12 34 56 78",  # eight digits
        "00 12 34 56 78",  # 00 is not a French prefix
        "061234567890",  # twelve digits
        "Lovenox 4000 UI",
        "plaquettes 250 000",
        "le 12.03.2024",
    ],
)
def test_negatives(text: str) -> None:
    assert flagged(RULE, text, min_score=0.0) == []


@pytest.mark.parametrize("text, value", [
    ("Her Irish mobile: +353 87 412 9063.", "+353 87 412 9063"),
    ("sa mère m'appelle du 00 221 77 634 12 09, ils sont", "00 221 77 634 12 09"),
    ("+44 20 7946 0958", "+44 20 7946 0958"),
])
def test_international_numbers(text: str, value: str) -> None:
    assert [v for v, _ in flagged(RULE, text)] == [value]
