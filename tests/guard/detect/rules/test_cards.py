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


@pytest.mark.parametrize(
    "text, value",
    [
        ("elle nous a dicté le numéro 4974 0123 9876 5437. On", "4974 0123 9876 5437"),
        ("sa CB par téléphone, 4532 1234 8765 4328, je", "4532 1234 8765 4328"),
        ("CB 4532123487654328 ok", "4532123487654328"),
        ("Amex 3782 822463 10005", "3782 822463 10005"),
    ],
)
def test_bank_card_numbers_with_a_valid_luhn_key(text: str, value: str) -> None:
    assert [v for v, _ in flagged(RULE, text)] == [value]


@pytest.mark.parametrize(
    "text",
    ["4532 1234 8765 4329 (clé fausse)", "lot 4000 1234 5678 9010", "dossier 4532123487654328"],
)
def test_bank_card_shapes_that_are_not_cards(text: str) -> None:
    assert flagged(RULE, text) == []


def test_a_member_number_keeps_its_insurer_prefix() -> None:
    from guard.detect.rules.cards import CardRule

    text = "Mutuelle : n° adhérent MGP 7741 0928"
    assert [(text[f.start:f.end], f.label.value) for f in CardRule().find(text)] == [("MGP 7741 0928", "CARTE")]
    text = "n° AMC 1234 5678"
    assert [text[f.start:f.end] for f in CardRule().find(text)] == ["1234 5678"]


def test_a_member_number_after_adherente() -> None:
    from guard.detect.rules.cards import CardRule

    text = "Mme Perrine Gauthier-Vidal (adhérente n° MGN-4471902), pour appuyer"
    assert [(text[f.start:f.end], f.label.value) for f in CardRule().find(text)] == [("MGN-4471902", "CARTE")]
