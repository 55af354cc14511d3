import pytest
from hypothesis import given
from hypothesis import strategies as st

from guard.detect.rules.relatives import RelativeNameRule

from ._helpers import flagged

RULE = RelativeNameRule()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sa fille Noémie passe tous les soirs.", [("Noémie", "PRENOM")]),
        ("le fils du patient, Mathis, demande des nouvelles", [("Mathis", "PRENOM")]),
        ("Pansement refait par l'IDE Coralie.", [("Coralie", "PRENOM")]),
        ("ma patiente de 88 ans, Germaine, chute souvent", [("Germaine", "PRENOM")]),
        ("Her husband Tomasz will pick her up.", [("Tomasz", "PRENOM")]),
        ("votre fille Awa DIOP a été vue ce jour", [("Awa", "PRENOM"), ("DIOP", "NOM")]),
    ],
)
def test_first_name_after_relation(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "sa fille Aînée vient le dimanche",
        "son père Décédé en 2001",
        "sa mère. Elle vit seule.",
        "le patient Il est calme",
        "son frère Parkinson",  # a disease, not a name
        "Son mari est présent.",
    ],
)
def test_no_name_after_relation(text: str) -> None:
    assert flagged(RULE, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salut Maëlle, tu peux relire ?", [("Maëlle", "PRENOM")]),
        ("Merci d'avance.\nBien cordialement,\nYoussef Amrani", [("Youssef", "PRENOM"), ("Amrani", "NOM")]),
        ("Bonne garde\nLéna", [("Léna", "PRENOM")]),
    ],
)
def test_greetings_and_signatures(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    ["Bonjour Docteur,", "Merci Beaucoup !", "Cordialement,\nLe service de gériatrie", "Bien à vous,\nDr Morel"],
)
def test_courtesy_without_a_name(text: str) -> None:
    assert flagged(RULE, text) == []


def test_name_after_relation_of_someone() -> None:
    assert flagged(RULE, "Bonjour, c'est la maman d'Inès, elle tousse") == [("Inès", "PRENOM")]
    assert flagged(RULE, "la fille de Mme Durand a appelé") == []


def test_child_of_named_parents() -> None:
    text = "Naissance de Inaya BARRY, fille de Kadiatou BARRY et de Mamadou Bah."
    assert ("Kadiatou", "PRENOM") in flagged(RULE, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Suite de 10 séances.\nMarion Leclerc, masseur-kinésithérapeute DE",
         [("Marion", "PRENOM"), ("Leclerc", "NOM")]),
        ("Retour à domicile.\nKévin Lambert, MK", [("Kévin", "PRENOM"), ("Lambert", "NOM")]),
        ("DIALLO Awa – IDE de nuit", [("DIALLO", "NOM"), ("Awa", "PRENOM")]),
        ("sa femme au 07 83 44 12 09.\nÀ plus, Hervé", [("Hervé", "PRENOM")]),
    ],
)
def test_signature_lines(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(flagged(RULE, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    ["Service Cardiologie, interne de garde", "Traitement Habituel, IDE à domicile",
     "Soins de support – psychologue"],
)
def test_headings_before_a_profession_are_not_signatures(text: str) -> None:
    assert flagged(RULE, text) == []


_FRAGMENTS = ["sa ", "son ", "la ", "l'", "fille ", "mari ", "IDE ", "maman ", "de ", "d'", "her ", "son",
              "daughter ", "Léa", "Omar", " DIALLO", "Cordialement", ",", "\n", "Bonjour ", "Salut ", "Merci",
              " ", "Kévin Lambert", ", MK", " – IDE", "aînée ", "Jean-Marc", "à plus", "Bises\n"]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30).map("".join))
def test_pre_scanned_patterns_match_exactly_like_a_full_scan(text: str) -> None:
    from guard.detect.rules import relatives
    from guard.detect.rules._base import iter_matches, iter_matches_at

    for pattern, hint in ((relatives._PATTERN, relatives._PATTERN_HINT),):
        assert [m.span() for m in iter_matches_at(pattern, hint, text, "t")] == \
            [m.span() for m in iter_matches(pattern, text, "t")]


def test_professionals_named_after_their_role() -> None:
    from guard.detect.rules.relatives import RelativeNameRule

    rule = RelativeNameRule()
    text = "l'assistante sociale Coumba RAKOTOMALALA-LAVERGNE : il a mal dormi"
    assert [(text[f.start:f.end], f.label.value) for f in rule.find(text)] == [
        ("Coumba", "PRENOM"), ("RAKOTOMALALA-LAVERGNE", "NOM")]
    assert rule.find("la secrétaire Médicale du service") == []


def test_a_known_first_name_in_capitals_after_a_relation() -> None:
    from guard.detect.rules.relatives import RelativeNameRule

    text = "APHASIE TOTALE. SON EPOUSE MONIQUE VEUT SAVOIR"
    assert [(text[f.start:f.end], f.label.value) for f in RelativeNameRule().find(text)][0] == ("MONIQUE", "PRENOM")
    assert RelativeNameRule().find("SON EPOUSE PRESENTE UNE TOUX") == []
