import pytest

from guard.detect.rules.names import TitledNameRule, first_names

from ._helpers import flagged

RULE = TitledNameRule()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("courrier pour Mme Benali Samira, née", [("Benali", "NOM"), ("Samira", "PRENOM")]),
        ("courrier pour Mme Benali Zorvanka, née", [("Benali Zorvanka", "NOM")]),  # unknown order: one span
        ("M. DIALLO Mamadou", [("DIALLO", "NOM"), ("Mamadou", "PRENOM")]),
        ("Dr Nguyen", [("Nguyen", "NOM")]),
        ("Monsieur le Docteur Kowalski,", [("Kowalski", "NOM")]),
        ("la patiente Fatou Ndiaye présente", [("Fatou", "PRENOM"), ("Ndiaye", "NOM")]),
        ("Patient : KAYA Emre", [("KAYA", "NOM"), ("Emre", "PRENOM")]),
        ("Nom : MOREIRA", [("MOREIRA", "NOM")]),
        ("Prénom : Aminata", [("Aminata", "PRENOM")]),
        ("Mme Da Costa Maria", [("Da Costa", "NOM"), ("Maria", "PRENOM")]),
        ("Mme N'Diouf Awa", [("N'Diouf", "NOM"), ("Awa", "PRENOM")]),
        ("Chère Madame Ben Salah,", [("Ben Salah", "NOM")]),
        ("Dr. Van der Berg", [("Van der Berg", "NOM")]),
        ("Mme Chevalier, née Marchand", [("Chevalier", "NOM"), ("Marchand", "NOM")]),
        ("il s'appelle Karim Bensaïd", [("Karim", "PRENOM"), ("Bensaïd", "NOM")]),
        ("mr kowalski piotr 72 ans", [("kowalski", "NOM"), ("piotr", "PRENOM")]),
        ("mme boudiaf veut savoir", [("boudiaf", "NOM")]),
        ("MME FERREIRA ANA NEE LE", [("FERREIRA ANA", "NOM")]),
        # a civility after "patient" or a form label: the name is what follows the civility
        ("Votre patient Mr. Perret a été", [("Perret", "NOM")]),
        ("Patient : Mr Hervé, 82a", [("Hervé", "NOM")]),
        ("Nom : Mrs Lejeune", [("Lejeune", "NOM")]),
        ("Votre patiente Mrs de Castelnau a été", [("de Castelnau", "NOM")]),
        ("VOTRE PATIENTE GÜNER A ÉTÉ HOSPITALISÉE", [("GÜNER", "NOM")]),
        ("PATIENT KERVELLA VINCENZO, DOB", [("KERVELLA VINCENZO", "NOM")]),
        # lowercase "pr" is still Professeur where no date is before it
        ("medecin traitant : pr lamy, adénocarcinome", [("lamy", "NOM")]),
        ("bien confraternellement,\npr leduc", [("leduc", "NOM")]),
        ("VU PAR LE PR DUPONT LE 12/03", [("DUPONT", "NOM")]),
        ("Dr Prévost a vu", [("Prévost", "NOM")]),
        ("Dre Lucía VU, urgences", [("Lucía", "PRENOM"), ("VU", "NOM")]),
    ],
)
def test_positive(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


def test_lowercase_score_is_moderate() -> None:
    assert all(f.score <= 0.6 for f in RULE.find("mr kowalski piotr"))


@pytest.mark.parametrize(
    "text",
    [
        "Madame, Monsieur,",
        "mme a de la fièvre",
        "Mme X, 80 ans",
        "le patient est diabétique",
        "la patiente présente une toux",
        "Cher confrère,",
        "Docteur, que faire ?",
        "née le 12/03/1950",
        "mr est tombé hier",
        # a civility is not a name
        "Patient : Mr.",
        "Nom : Mlle",
        # ALL-CAPS prose: "le patient" is a noun, not a form label
        "LE PATIENT DÉCRIT DES DOULEURS COTÉES",
        "UN PATIENT ATTEINT DE CHOLÉCYSTITE",
        # SMS "pr" = "pour" after a date
        "depuis le 10 février 2025 pr cholécystite aiguë",
        "depuis le 26/05/2021 pr asthme stp",
        # a doctor doing something
        "avis de le docteur demandé : pas de contre-indication",
        "visite de le dr prevue demain",
        "vue par le Dr de l'EHPAD",
        "VU PAR LE DR DE L'EHPAD.",
        "18/03/2019 PR TROUBLE BIPOLAIRE STP RESUME",
        "depuis le 08/08/2019 pr HTA stp",
        "VISITE DE LE DR PRÉVUE DEMAIN.",
        "AVIS DE LE PR DEMANDÉ : PAS DE CONTRE-INDICATION",
        "WRITE A PATIENT LEAFLET ABOUT TRIADE DE CHARCOT",
    ],
)
def test_negatives(text: str) -> None:
    assert flagged(RULE, text, min_score=0.0) == []


def test_first_name_list_is_folded() -> None:
    names = first_names()
    assert "helene" in names and "joao" in names


def test_name_after_appeler_in_the_past_and_nicknames() -> None:
    text = "Elle s'appelait Paulette, tout le monde l'appelait Loulou."
    assert [v for v, _ in flagged(RULE, text)] == ["Paulette", "Loulou"]


def test_name_after_soussigne_and_quoted_nickname() -> None:
    assert [v for v, _ in flagged(RULE, "Je soussignée Adaeze Nwosu, infirmière")] == ["Adaeze Nwosu"]
    assert [v for v, _ in flagged(RULE, "Mme Roux Henriette, dite « Riri », 90 ans")][-1] == "Riri"


def test_lowercase_particle_name_then_first_name() -> None:
    assert flagged(RULE, "mme da costa fernanda veut plus voir le Dr Lemaire") == [
        ("da costa", "NOM"), ("fernanda", "PRENOM"), ("Lemaire", "NOM")]


def test_acronyms_in_the_lexicon_do_not_hide_first_names() -> None:
    from guard.detect.lexicon import is_medical_term

    assert is_medical_term("GRACE") and not is_medical_term("Grâce")
    assert is_medical_term("EVA") and not is_medical_term("Eva")
    assert is_medical_term("parkinson")


@pytest.mark.parametrize("text", [
    "cf. Hernández M. Insuffisance cardiaque du sujet âgé",
    "Moreau KN, Kanté D, Raynaud M. Étude rétrospective",
    "2. Pham M. Evaluation of frailty",
])
def test_an_author_initial_is_not_a_title(text: str) -> None:
    assert flagged(RULE, text) == []


def test_a_title_after_a_capitalised_verb_still_counts() -> None:
    assert flagged(RULE, "Vu M. Martin ce jour") == [("Martin", "NOM")]


def test_an_eponym_adjective_after_patient_is_not_a_name() -> None:
    assert flagged(RULE, "chez un patient Addisonien sous hydrocortisone") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("le Dr J. Morel a vu", [("J.", "PRENOM"), ("Morel", "NOM")]),
        ("Mme M.-C. Leroy est venue", [("M.-C.", "PRENOM"), ("Leroy", "NOM")]),
        ("mail du Dr J.-P. Morel", [("J.-P.", "PRENOM"), ("Morel", "NOM")]),
        ("pour M. de La Tour Hubert, 74 ans", [("de La Tour", "NOM"), ("Hubert", "PRENOM")]),
        ("Patient : de La Tour Hubert", [("de La Tour", "NOM"), ("Hubert", "PRENOM")]),
    ],
)
def test_initials_and_double_particles_after_a_title(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Patient de Saint-Pierre, à la Réunion",  # where the patient comes from
    "chez un patient NYHA II sous Entresto",  # a class, not a name
    "M. X. a appelé",  # a placeholder initial, no surname
])
def test_where_from_classes_and_lone_initials_are_not_names(text: str) -> None:
    assert flagged(RULE, text) == []


def test_monsieur_after_patient_is_a_title_not_an_initial() -> None:
    assert flagged(RULE, "Patient : M. Roussel Ange, 34 ans") == [("Roussel", "NOM"), ("Ange", "PRENOM")]


def test_a_lowercase_known_first_name_after_a_surname_in_capitals() -> None:
    assert flagged(RULE, "mr DOS SANTOS joao sorti hier") == [("DOS SANTOS", "NOM"), ("joao", "PRENOM")]
    assert flagged(RULE, "M. DUPONT est sorti hier") == [("DUPONT", "NOM")]


@pytest.mark.parametrize("text", [
    "je passe chez ton pere vers 18h pr l'insuline",  # SMS "pour"
    "trek à plus de 4 000 m. Qu'est-ce que je lui dis ?",  # metres
    "chez un patient DT2 sous Lantus",  # a code glued to digits
])
def test_sms_pour_metres_and_codes_are_not_titles(text: str) -> None:
    assert flagged(RULE, text) == []


def test_sms_words_after_a_lowercase_title_are_not_names() -> None:
    assert flagged(RULE, "bonjour docteur cest Kevin le fils") == []


def test_titles_written_with_a_dot() -> None:
    assert flagged(RULE, "Mme. Fodé, vue ce jour") == [("Fodé", "NOM")]
    assert flagged(RULE, "docteur T. Stoessel") == [("T.", "PRENOM"), ("Stoessel", "NOM")]


def test_a_second_lowercase_surname_before_the_first_name() -> None:
    assert flagged(RULE, "mme da silva ferreira lucia ne le 12/1/1959") == [
        ("da silva ferreira", "NOM"), ("lucia", "PRENOM")]


def test_capital_field_labels_and_prepositions_opening_a_line() -> None:
    text = "NOM D'USAGE : DELAMARE — NOM DE NAISSANCE : OUÉDRAOGO"
    assert flagged(RULE, text) == [("DELAMARE", "NOM"), ("OUÉDRAOGO", "NOM")]


def test_sms_pr_before_a_verb_is_pour_not_professor() -> None:
    from guard.detect.rules.names import TitledNameRule

    assert flagged(TitledNameRule(), "et le seuil pr faire les ddimeres") == []
    assert ("Martin", "NOM") in flagged(TitledNameRule(), "vue par le pr Martin hier")
