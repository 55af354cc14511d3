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
    "N Engl J. MED. 2002;346:1",  # a journal
    "culture positive à E. COLI",  # a species
    "142 UI/L. DTP à jour",  # a unit, then an acronym
    "Patient : M. XXX, 68 ans",  # a placeholder
])
def test_headings_titles_journals_species_and_placeholders_are_left(text: str) -> None:
    assert flagged(RULE, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kaboré Maxence - DDN 26.08.1988 - IPP 4", [("Kaboré", "NOM"), ("Maxence", "NOM")]),
        ("Abitbol Ryad (91 years old)", [("Abitbol", "NOM"), ("Ryad", "NOM")]),
        ("LUONG Soizic (11/5/89) : lombalgie", [("LUONG", "NOM"), ("Soizic", "NOM")]),
        ("relance par Duarte Lemercier, sa nounou,", [("Duarte", "NOM"), ("Lemercier", "NOM")]),
        ("J'ai en consultation Sevgi, 13 ans", [("Sevgi", "NOM")]),
        ("Pour : Karadeniz née le 16/01/2013", [("Karadeniz", "NOM")]),
    ],
)
def test_names_followed_by_a_birth_date_an_age_or_a_relative(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Bilan Sanguin (12/03/2024)",  # a dated heading
    "Moulins, le 7 mars 2018",  # a letter's date line
    "Enfant Anrifati, 6 ans",  # a people word opens it: only "Anrifati" could be a name
    "MR GUERREIRO",  # a title, no cue
])
def test_dated_headings_date_lines_and_people_words_are_left(text: str) -> None:
    assert ("Bilan", "NOM") not in flagged(RULE, text) and ("Enfant", "NOM") not in flagged(RULE, text) \
        and ("MR", "NOM") not in flagged(RULE, text) and ("Moulins", "NOM") not in flagged(RULE, text)


def test_monsieur_is_never_read_as_an_initial() -> None:
    assert ("M.", "PRENOM") not in flagged(RULE, "Patient : M. PINTO Manuel, né le 3 mai")


def test_a_title_and_words_in_capitals_before_the_pair_are_dropped() -> None:
    text = "LE PATIENT RAKOTOMALALA HERY 38 ANS DE RETOUR"
    assert flagged(RULE, text) == [("RAKOTOMALALA", "NOM"), ("HERY", "NOM")]


def test_a_name_pair_then_a_nationality_after_a_comma() -> None:
    from guard.detect.rules.layout import LayoutNameRule

    text = "Guadalupe Herrera, mexicaine, en Erasmus à Grenoble"
    found = [text[f.start:f.end] for f in LayoutNameRule().find(text)]
    assert "Guadalupe" in found and "Herrera" in found
    assert LayoutNameRule().find("Service Gastro, portugaise") == []


def test_carers_listed_with_their_role_in_brackets() -> None:
    from guard.detect.rules.layout import LayoutNameRule

    text = "RCP : Dr Pascale Ménard (chirurgien), Maxence Cerisier (diététicien), Nathalie Dubreuil (IDE)"
    found = [text[f.start:f.end] for f in LayoutNameRule().find(text)]
    assert "Maxence" in found and "Cerisier" in found
    assert LayoutNameRule().find("Score de Glasgow (neurologue)") == []
