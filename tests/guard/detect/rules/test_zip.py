import pytest

from guard.detect.rules.zip import ZipRule

from ._helpers import flagged

RULE = ZipRule()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("29200 Brest", [("29200", "ZIP"), ("Brest", "VILLE")]),
        ("75013 PARIS CEDEX 13", [("75013", "ZIP"), ("PARIS", "VILLE")]),
        ("92130 Issy-les-Moulineaux", [("92130", "ZIP"), ("Issy-les-Moulineaux", "VILLE")]),
        ("17000 La Rochelle.", [("17000", "ZIP"), ("La Rochelle", "VILLE")]),
        ("01000 Bourg-en-Bresse", [("01000", "ZIP"), ("Bourg-en-Bresse", "VILLE")]),
        ("12 rue des Lilas, 29200", [("29200", "ZIP")]),
        ("code postal : 44300", [("44300", "ZIP")]),
    ],
)
def test_positive(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "héparine 25000 UI",
        "Plaquettes 150000 G/L",
        "coût 12000 euros",
        "00123 Paris",  # 00 is no department
        "99000 Nulle",  # 99 is abroad, not a postcode
        "123456 Paris",
        "IPP 44300",
    ],
)
def test_negatives(text: str) -> None:
    assert flagged(RULE, text, min_score=0.0) == []


def test_a_postcode_in_brackets_after_its_town() -> None:
    from guard.detect.rules.zip import ZipRule

    text = "Médecin traitant : Dr Payet, Saint-Denis (97400)."
    assert [(text[f.start:f.end], f.label.value) for f in ZipRule().find(text)] == [
        ("97400", "ZIP"), ("Saint-Denis", "VILLE")]
    text = "20 séances à domicile, La Pommeraye (49620), du 12/11 au 4/12."
    assert ("La Pommeraye", "VILLE") in [(text[f.start:f.end], f.label.value) for f in ZipRule().find(text)]
    assert ZipRule().find("score total (12345) hier") == []


def test_a_place_then_a_comma_then_a_lone_postcode() -> None:
    from guard.detect.rules.zip import ZipRule

    text = "4. Chometon — La Faye, 42220 : prise de sang"
    assert [(text[f.start:f.end], f.label.value) for f in ZipRule().find(text)] == [("42220", "ZIP"), ("La Faye", "VILLE")]
    for text in ("Glycémie, 12000 .", "Leucocytes, 12000.", "Total, 45000 patients suivis"):
        assert not any(f.label.value == "VILLE" for f in ZipRule().find(text)), text


def test_a_known_town_then_its_postcode_at_the_end_of_a_line() -> None:
    from guard.detect.rules.zip import ZipRule

    text = "Imagerie du Sud Sauvage — Saint-Pierre 97410\nIRM du genou"
    found = [(text[f.start:f.end], f.label.value) for f in ZipRule().find(text)]
    assert ("97410", "ZIP") in found and ("Saint-Pierre", "VILLE") in found
    assert ZipRule().find("Dossier 12345\nsuite") == []
