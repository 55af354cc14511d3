from guard.detect.rules.english_address import EnglishAddressRule

from ._helpers import flagged

RULE = EnglishAddressRule()


def test_an_address_written_the_english_way() -> None:
    text = "domicilié 27 Ashworth Lane, Bolton BL1 8RT, Royaume-Uni"
    assert flagged(RULE, text) == [("27 Ashworth Lane", "ADRESSE"), ("Bolton", "VILLE"), ("BL1 8RT", "ZIP")]
    assert flagged(RULE, "vit au 12 Main Street, Dublin") == [("12 Main Street", "ADRESSE")]


def test_french_text_and_lab_values_are_left_alone() -> None:
    for text in ("HbA1c 7,2 %, TA 130/80", "12 rue des Lilas, 29200 Brest", "score 3 Road test", "CD4 à 350/mm3"):
        assert flagged(RULE, text) == [], text
