import pytest

from guard.detect.rules.towns import TownRule, gazetteer

from ._helpers import flagged

RULE = TownRule()


def test_the_gazetteer_is_shipped_and_large() -> None:
    keys, firsts, ambiguous = gazetteer()
    assert len(keys) > 8000 and ambiguous <= keys | ambiguous and "lyon" in keys and "mamoudzou" in keys


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on est a Lunel ? ses parents n'ont pas de voiture", [("Lunel", "VILLE")]),
        ("ouvrier agricole près de Cognac, chute d'un tracteur", [("Cognac", "VILLE")]),
        ("évasan vers Mamoudzou ?", [("Mamoudzou", "VILLE")]),
        ("Mme X, de Capesterre-Belle-Eau, drépanocytose", [("Capesterre-Belle-Eau", "VILLE")]),
        ("rentre de Phnom Penh la semaine prochaine", [("Phnom Penh", "VILLE")]),
        ("elle est originaire du Puy, vit au Puy-en-Velay", [("Puy-en-Velay", "VILLE")]),
        ("il vit à Besancon depuis peu", [("Besancon", "VILLE")]),  # accents left out
        ("il vit à Nice", [("Nice", "VILLE")]),  # an ambiguous name after a cue
        ("Lyon, le 12 mars 2025", [("Lyon", "VILLE")]),  # a letter's date line
    ],
)
def test_known_towns(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "classification de Paris pour les polypes",
    "échelle de Bristol 6, règles d'Ottawa négatives",
    "critères de Rome IV, fièvre de Lassa",
    "Nice to meet you",  # ambiguous without a cue
    "Mère : Mezouar Inès",  # accents differ from the town Mere
    "Male, 45 ans, douleur thoracique",  # a short word opening a sentence
    "Je prépare les ECOS demain",  # capitals: an acronym
    "Saint-Denis : HAS ; 2015.",  # a publisher's town in a reference
    "traduis pour l'équipe de Londres",  # a team, not where the patient lives
])
def test_eponyms_ambiguous_words_acronyms_and_references_are_not_towns(text: str) -> None:
    assert flagged(RULE, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("elle travaille de nuit a venissieux et oublie", [("venissieux", "VILLE")]),
        ("chez sa mere a iasi en roumanie", [("iasi", "VILLE")]),
        ("elle vit a saint-pierre (la reunion)", [("saint-pierre", "VILLE")]),
    ],
)
def test_lowercase_towns_right_after_a_locative_word(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize("text", ["il a mal a la tete", "a jeun depuis hier", "elle est a domicile", "rdv a dax"])
def test_lowercase_words_after_a_are_not_towns(text: str) -> None:
    assert flagged(RULE, text) == []


def test_towns_after_an_elided_de_and_after_an_insurer() -> None:
    assert flagged(RULE, "Le labo Biofrance-Garonne d'Agen m'appelle") == [("Agen", "VILLE")]
    assert flagged(RULE, "la CPAM de Chambéry pour contester") == [("Chambéry", "VILLE")]
    assert flagged(RULE, "critères de New York modifiés") == []


def test_courts_emergency_services_and_plural_verbs_cue_a_town() -> None:
    for text, town in [
        ("jugement du tribunal judiciaire de Grasse du 15 mars 2024", "Grasse"),
        ("(ils habitent le chambon-feugerolles)", "le chambon-feugerolles"),
        ("de garde aux urgences de vesoul ce soir", "vesoul"),
        ("au ch de roubaix demain", "roubaix"),
    ]:
        assert (town, "VILLE") in flagged(RULE, text), text


def test_after_a_an_article_opens_a_noun_not_a_town() -> None:
    assert flagged(RULE, "gardé à la crèche demain") == []
    assert flagged(RULE, "ils habitent la crèche") == [("la crèche", "VILLE")]


def test_a_district_number_belongs_to_paris_lyon_and_marseille() -> None:
    assert ("Paris 14e", "VILLE") in flagged(RULE, "né le 04/07/1945 à Paris 14e\nNIR")
    assert ("Marseille 13e", "VILLE") in flagged(RULE, "vit à Marseille 13e")
