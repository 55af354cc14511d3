import pytest

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.lexicon import drop_medical_terms, is_medical_term, medical_terms


def _finding(text: str, value: str, label: Label = Label.NOM, source: str = "model") -> Finding:
    start = text.index(value)
    return Finding(start, start + len(value), label, 0.9, source, "test")


@pytest.mark.parametrize(
    "text, value",
    [
        ("maladie de Parkinson", "Parkinson"),
        ("maladie de CROHN", "CROHN"),
        ("syndrome de Guillain-Barré", "Guillain-Barré"),
        ("syndrome de guillain barre", "guillain barre"),
        ("signe de Murphy positif", "Murphy"),
        ("score de Glasgow 13", "Glasgow"),
        ("démence type Alzheimer", "Alzheimer"),
        ("lymphome de Hodgkin", "Hodgkin"),
        ("Kardegic 75 mg", "Kardegic"),
        ("KARDÉGIC 75", "KARDÉGIC"),
        ("Eliquis 5 mg", "Eliquis"),
        ("Doliprane 1 g", "Doliprane"),
    ],
)
def test_terms_are_dropped_whatever_the_source(text: str, value: str) -> None:
    assert drop_medical_terms(text, [_finding(text, value)]) == []
    assert drop_medical_terms(text, [_finding(text, value, Label.VILLE, "rule:x")]) == []


def test_split_eponym_words_are_dropped_for_name_labels() -> None:
    text = "syndrome de Guillain\nBarré"
    f = Finding(12, len(text), Label.NOM, 0.8, "model", "test")
    assert drop_medical_terms(text, [f]) == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("Mme Berger Odile", "Berger"),  # eponym that is a common surname: kept on purpose
        ("M. Parkinson-Diallo", "Parkinson-Diallo"),
        ("Mme Crohn Awa", "Crohn Awa"),  # a term plus a real name
    ],
)
def test_real_names_are_kept(text: str, value: str) -> None:
    f = _finding(text, value)
    assert drop_medical_terms(text, [f]) == [f]


def test_lexicon_is_loaded_and_normalised() -> None:
    terms = medical_terms()
    assert len(terms) > 200
    assert is_medical_term("guillain-barre") and is_medical_term("  Parkinson ")
    assert not is_medical_term("Kowalski")
