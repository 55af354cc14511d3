import pytest

from guard.detect.rules.places import PlaceRule

from ._helpers import flagged

RULE = PlaceRule()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 rue des Lilas, Brest", [("12 rue des Lilas", "ADRESSE")]),
        ("12 bis rue Victor Hugo 92130", [("12 bis rue Victor Hugo", "ADRESSE")]),
        ("habite 3 place de la gare à Quimper", [("3 place de la gare", "ADRESSE"), ("Quimper", "VILLE")]),
        ("45 bd de la Liberté", [("45 bd de la Liberté", "ADRESSE")]),
        ("rue Lepic", [("rue Lepic", "ADRESSE")]),
        ("suivie à l'hôpital Necker pour", [("hôpital Necker", "HOPITAL")]),
        ("CHU de Rennes", [("CHU de Rennes", "HOPITAL")]),
        ("EHPAD Les Tilleuls", [("EHPAD Les Tilleuls", "HOPITAL")]),
        ("clinique Saint-Joseph", [("clinique Saint-Joseph", "HOPITAL")]),
        ("centre hospitalier de Cornouaille, service", [("centre hospitalier de Cornouaille", "HOPITAL")]),
        ("né le 30 juillet 1946 à Porto", [("Porto", "VILLE")]),
        ("il vit seul à Saint-Brieuc", [("Saint-Brieuc", "VILLE")]),
    ],
)
def test_positive(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "hôpital de jour",
        "la clinique de la douleur",
        "en rue, sans domicile",
        "née à l'hôpital",
        "il vit à la maison",
        "service de cardiologie",
    ],
)
def test_negatives(text: str) -> None:
    assert flagged(RULE, text, min_score=0.0) == []
