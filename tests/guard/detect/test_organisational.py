"""Dates in a note about the running of a service, with nobody in it, drop under the flag threshold."""

from guard.detect.detector import Detector
from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.organisational import ORGANISATIONAL_SCORE, lower_organisational_dates
from guard.detect.rules import default_rules

DETECTOR = Detector(default_rules())


def _flagged(text: str) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.label.value) for f in DETECTOR.analyze(text) if f.score >= 0.5]


def test_a_note_to_the_team_with_only_dates_is_not_flagged() -> None:
    for text in (
        "Bloc opératoire — information aux équipes\nDu 20 juillet au 17 août, la salle 3 est fermée.",
        "ORGANISATION DES URGENCES PENDANT LES FÊTES\nDu 23 décembre au 2 janvier inclus, l'accueil des "
        "patients se fait par la porte B.",
        "Note du cadre : à compter du 4 janvier, les transmissions orales se font à 14 h.",
    ):
        assert _flagged(text) == [], text
    text = "Du 20 juillet au 17 août, la salle 3 est fermée."
    found = DETECTOR.analyze(text)
    assert found and all(f.score == ORGANISATIONAL_SCORE for f in found)  # kept, under the threshold


def test_a_person_or_another_identifier_keeps_the_dates_flagged() -> None:
    for text, date in [
        ("Mme Durand : rendez-vous de l'équipe le 12 mars", "12 mars"),
        ("Patiente, 67 ans : bloc le 20 juillet, salle 3", "20 juillet"),
        ("Il est hospitalisé depuis le 3 février dans le service", "3 février"),
        ("rappeler pour le rdv du 12 mars", "12 mars"),
    ]:
        assert (date, "DATE") in _flagged(text), text


def test_birth_dates_and_verified_dates_are_never_lowered() -> None:
    text = "Information aux équipes : 12/03/1950"
    birth = Finding(23, 33, Label.DATE_NAISSANCE, 0.95, "rule:dates")
    assert lower_organisational_dates(text, [birth]) == [birth]
