import pytest

from guard.detect.rules.firstnames import FirstNameRule

from ._helpers import flagged

RULE = FirstNameRule()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Je te confirme que Mamadou Coulibaly passe en HDJ", [("Mamadou", "PRENOM"), ("Coulibaly", "NOM")]),
        ("COULIBALY Mamadou passe demain", [("COULIBALY", "NOM"), ("Mamadou", "PRENOM")]),
        ("Note\nZarkhan Bouzid, 17 ans, footballeur", [("Zarkhan", "NOM"), ("Bouzid", "NOM")]),
        ("Note\nMamadou Bouzid (17 ans)", [("Mamadou", "PRENOM"), ("Bouzid", "NOM")]),
        ("pour Karbala, 16 ans, suivi au CMP", [("Karbala", "NOM")]),
        ("dentiste ici. patient zorvan caron 22 ans sous fluindione",
         [("zorvan", "NOM"), ("caron", "NOM")]),
        ("Les résultats de Mamadou sont revenus", [("Mamadou", "PRENOM")]),
    ],
)
def test_names_found_through_a_first_name_or_an_age(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(flagged(RULE, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "syndrome de Pierre Robin",
        "Femme, 45 ans, diabétique",
        "Homme de 45 ans",
        "Bibliographie\n1. Dupont A, Martin L, Moreau P. Facteurs prédictifs",
        "syndromes associés (Lambert-Eaton, Schwartz-Bartter, Pierre Marie).",
        "Cas clinique : Patiente, 80 ans, chute",
    ],
)
def test_eponyms_authors_and_person_nouns_are_not_names(text: str) -> None:
    assert flagged(RULE, text) == []


def test_the_shipped_first_names_leave_the_held_out_name_pool_unseen() -> None:
    from guard.detect.rules.context import fold
    from guard.detect.rules.firstnames import word_names
    from guard.detect.rules.names import first_names
    from guard.training.corpus.names import HELDOUT_FIRST, HELDOUT_LAST

    held = {fold(n) for n in HELDOUT_FIRST + HELDOUT_LAST}
    assert not held & first_names()
    assert word_names() <= first_names()
    assert len(first_names()) > 2000


def test_a_first_name_followed_by_a_dose_is_a_drug() -> None:
    assert flagged(RULE, "Traitement habituel : Brian 2 cp/j, Line 1 g, Diane 35") == []
    assert flagged(RULE, "Brian a appelé ce matin") == [("Brian", "PRENOM")]


@pytest.mark.parametrize(("text", "expected"), [
    ("patient vu ce jour, kevin lemaire, 27 ans, idées noires", [("kevin", "PRENOM"), ("lemaire", "NOM")]),
    ("hospitalisation demandée par sa mère nathalie. Structure en SOAP", [("nathalie", "PRENOM")]),
    ("Ould Ahmed Sidi 63 ans dialysé", [("Ahmed", "PRENOM"), ("Sidi", "NOM")]),
])
def test_lowercase_and_comma_less_names_before_an_age(text: str, expected: list[tuple[str, str]]) -> None:
    assert all(e in flagged(RULE, text) for e in expected)


def test_lowercase_words_that_are_not_names() -> None:
    assert flagged(RULE, "sa fille ange tousse depuis trois semaines") == []
    assert flagged(RULE, "syndrome douloureux, 45 ans") == []


def test_lowercase_known_first_names_after_avec_vu_chez() -> None:
    assert flagged(RULE, "seance kine avec manon ce matin") == [("manon", "PRENOM")]
    assert flagged(RULE, "vu lucas hier pour son asthme") == [("lucas", "PRENOM")]
    assert flagged(RULE, "à voir avec le cardiologue") == []
    assert flagged(RULE, "avec rose et miel") == []  # a first name that is also a word


def test_cited_authors_and_family_nicknames() -> None:
    assert flagged(RULE, "J'ai lu une étude (Thomas et al., 2002) sur le sujet") == []
    assert flagged(RULE, "vu mamie jeanne ce matin, tension à 18") == [("jeanne", "PRENOM")]


def test_adjectives_before_an_age_are_no_sms_names() -> None:
    assert flagged(RULE, "dr urgent patient agité confus 78a, sodium 118") == []
    assert ("cristina", "PRENOM") in flagged(RULE, "c est pr ma patiente cristina moldovan qui part")


def test_lowercase_known_first_names_before_an_age_and_after_maman() -> None:
    assert ("kylian", "PRENOM") in flagged(RULE, "petit kylian 9 mois vu ce matin")
    assert flagged(RULE, "la maman aminata est seule") == [("aminata", "PRENOM")]
    assert flagged(RULE, "fievre depuis 3 mois") == []


def test_lowercase_names_after_a_role_in_a_signature_and_a_lowercase_surname_after_them() -> None:
    from guard.detect.rules.firstnames import FirstNameRule

    rule = FirstNameRule()
    for text, expected in [
        ("je vous remercie. corentin abgrall, MK, cabinet de kinés",
         [("corentin", "PRENOM"), ("abgrall", "NOM")]),
        ("voir avec l'ide coordinatrice sandrine", [("sandrine", "PRENOM")]),
        ("sf chloé de garde : mme ramassamy en salle", [("chloé", "PRENOM")]),
        ("hospitalisation demandée par sa mère nathalie lemaire. Structure",
         [("nathalie", "PRENOM"), ("lemaire", "NOM")]),
        ("vu lucas le matin.", [("lucas", "PRENOM")]),
        ("vu marie ce matin, elle mange mieux", [("marie", "PRENOM")]),
    ]:
        assert flagged(rule, text) == expected, text


def test_a_lowercase_child_named_after_its_parent() -> None:
    from guard.detect.rules.firstnames import FirstNameRule

    assert flagged(FirstNameRule(), "msg pour le pere de yanis (tel 06)") == [("yanis", "PRENOM")]
    assert flagged(FirstNameRule(), "le pere de famille") == []


def test_the_person_behind_an_eponym_and_a_lowercase_pair_before_a_birth_date() -> None:
    from guard.detect.rules.firstnames import FirstNameRule

    rule = FirstNameRule()
    assert flagged(rule, "le score d'Apgar (créé par Virginia Apgar en 1952)") == []
    assert flagged(rule, "certificat pour lucas moreau né le 12/02/2012, club") == [("lucas", "PRENOM"), ("moreau", "NOM")]
