"""Shape gate on model findings: each label keeps only spans shaped like it."""

import pytest

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.plausibility import MODEL_MIN_SCORE, keep_plausible, plausible


def _span(text: str, part: str, label: Label, score: float = 0.99) -> Finding:
    start = text.index(part)
    return Finding(start, start + len(part), label, score, "model")


@pytest.mark.parametrize(
    ("text", "part", "label"),
    [
        ("Vu ce jour Mme Kowalczyk pour son suivi.", "Kowalczyk", Label.NOM),
        ("Compte rendu de KONATÉ Awa", "Awa", Label.PRENOM),
        ("mon patient mr petit martin tousse", "petit", Label.NOM),
        ("appel de mme da silva ce matin", "da silva", Label.NOM),
        ("Elle vit à Saint-Brieuc depuis peu.", "Saint-Brieuc", Label.VILLE),
        ("hospitalisée au CHU de Brest", "CHU de Brest", Label.HOPITAL),
        ("domicile : 12 bis rue des Lilas", "12 bis rue des Lilas", Label.ADRESSE),
        ("admise le 3 mars dernier", "3 mars", Label.DATE),
        ("née le 04/07/1950", "04/07/1950", Label.DATE_NAISSANCE),
        ("écrire à a.b@example.org", "a.b@example.org", Label.MAIL),
        ("IPP 20481133 en pièce jointe", "20481133", Label.IPP),
    ],
)
def test_identifier_shaped_spans_are_kept(text: str, part: str, label: Label) -> None:
    assert plausible(text, _span(text, part, label))


@pytest.mark.parametrize(
    ("text", "part", "label"),
    [
        ("pneumopathie franche lobaire droite", "lobaire", Label.NOM),
        ("twice daily with food", "daily", Label.PRENOM),
        ("Bonjour à tous, une question", "tous", Label.VILLE),
        ("ASAT 450 ALAT 620", "450", Label.ADRESSE),
        ("en rémission depuis 2015", "2015", Label.DATE),
        ("TA à 180/110", "110", Label.DATE_NAISSANCE),
        ("Mutuelle Harmonie, adhérent", "Harmonie", Label.MAIL),
        ("n° adhérent en attente", "adhérent", Label.CARTE),
        ("protéinurie à la bandelette", "la", Label.HOPITAL),
    ],
)
def test_ordinary_words_and_values_are_dropped(text: str, part: str, label: Label) -> None:
    assert not plausible(text, _span(text, part, label))


def test_low_model_confidence_is_not_enough() -> None:
    text = "Vu ce jour Mme Kowalczyk pour son suivi."
    weak = _span(text, "Kowalczyk", Label.NOM, MODEL_MIN_SCORE - 0.01)
    strong = _span(text, "Kowalczyk", Label.NOM, MODEL_MIN_SCORE)
    assert keep_plausible(text, [weak, strong]) == [strong]
