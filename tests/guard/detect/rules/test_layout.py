import pytest

from guard.detect.rules.layout import LayoutNameRule

from ._helpers import flagged

RULE = LayoutNameRule()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mon espace santé - Profil médical\nGheorghiu-Ramanantsoa Radu\nNé le 12-05-1945",
         [("Gheorghiu-Ramanantsoa", "NOM"), ("Radu", "NOM")]),
        ("Profil\nDESSAIGNE LEONOR\nDate de naissance : 23.02.63", [("DESSAIGNE", "NOM"), ("LEONOR", "NOM")]),
        ("Relève IDE : Duarte Vaillancourt, lit 4.", [("Duarte", "NOM"), ("Vaillancourt", "NOM")]),
        ("Je t'adresse N. ILUNGA, 14 ans, pour avis", [("N.", "PRENOM"), ("ILUNGA", "NOM")]),
    ],
)
def test_names_placed_by_layout(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Compte Rendu\nDate de naissance : à compléter",  # document words
    "Patient : M. PINTO Manuel, né le 3 mai",  # "M." is Monsieur: the titled rule's job
    "N Engl J. MED. 2002;346:1",  # a journal
    "culture positive à E. COLI",  # a species
    "142 UI/L. DTP à jour",  # a unit, then an acronym
    "Patient : M. XXX, 68 ans",  # a placeholder
])
def test_headings_titles_journals_species_and_placeholders_are_left(text: str) -> None:
    assert flagged(RULE, text) == []
