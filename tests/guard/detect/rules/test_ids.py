import pytest

from guard.detect.rules.ids import HospitalIdRule

from ._helpers import flagged

RULE = HospitalIdRule()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("IPP : 80045127", [("80045127", "IPP")]),
        ("ipp 50019234 bilan", [("50019234", "IPP")]),
        ("NIP: 7702145", [("7702145", "IPP")]),
        ("n° patient 987654321", [("987654321", "IPP")]),
        ("Dossier n° A2458771", [("A2458771", "IPP")]),
        ("N° de dossier : L0098812", [("L0098812", "IPP")]),
        ("NDA 2024-118273", [("2024-118273", "NDA")]),
        ("n° de séjour 24A00781", [("24A00781", "NDA")]),
        ("n° de venue V24-558102", [("V24-558102", "NDA")]),
        ("IPP n°8001234 NDA 2410087745 hospitalisé", [("8001234", "IPP"), ("2410087745", "NDA")]),
        ("IPP 800 123 45.", [("800 123 45", "IPP")]),
    ],
)
def test_positive(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "le patient 12345",  # no cue
        "IPP à créer",
        "NDA en attente",
        "dossier complet, 3 pages",
        "80045127",
    ],
)
def test_negatives(text: str) -> None:
    assert flagged(RULE, text, min_score=0.0) == []


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("N° demande : 2512-00417   Prélevé le 3/12", "2512-00417", "NDA"),
        ("n° de prélèvement 88120456", "88120456", "NDA"),
        ("Dossier : K25-330912\nDate", "K25-330912", "IPP"),
    ],
)
def test_lab_request_and_bare_dossier_cues(text: str, value: str, label: str) -> None:
    assert flagged(RULE, text) == [(value, label)]


def test_dossier_without_a_number_is_nothing() -> None:
    assert flagged(RULE, "Dossier : 4 pages jointes") == []


def test_a_long_number_right_after_sejour_is_a_stay_number() -> None:
    from guard.detect.rules.ids import HospitalIdRule

    text = "vérifier le séjour 2026034781 rattaché au second"
    assert [(text[f.start:f.end], f.label.value) for f in HospitalIdRule().find(text)] == [("2026034781", "NDA")]
    assert HospitalIdRule().find("un séjour 2019-2020 en Espagne") == []


def test_an_english_medical_record_number_is_an_ipp() -> None:
    from guard.detect.rules.ids import HospitalIdRule

    text = "DOB 03/02/1990 — MRN GH-4471208"
    assert [(text[f.start:f.end], f.label.value) for f in HospitalIdRule().find(text)] == [("GH-4471208", "IPP")]


def test_a_stay_named_then_its_long_number_after_est() -> None:
    from guard.detect.rules.ids import HospitalIdRule

    text = "Le séjour à rattacher est le 261104552."
    assert [(text[f.start:f.end], f.label.value) for f in HospitalIdRule().find(text)] == [("261104552", "NDA")]
    assert HospitalIdRule().find("le séjour de 2019 est le 3e") == []
