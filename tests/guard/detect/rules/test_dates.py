import pytest

from guard.detect.rules.dates import DateRule

from ._helpers import flagged

RULE = DateRule()


@pytest.mark.parametrize(
    "text, value",
    [
        ("vu le 12/03/1952", "12/03/1952"),
        ("vu le 12-03-52", "12-03-52"),
        ("vu le 12.03.1952", "12.03.1952"),
        ("vu le 2/3/2024", "2/3/2024"),
        ("entrée 2024-02-15", "2024-02-15"),
        ("le 12 mars 1952", "12 mars 1952"),
        ("le 1er mars 52", "1er mars 52"),
        ("mardi 14 mai 2024 à 10h", "mardi 14 mai 2024"),
        ("RDV le jeudi 1er février", "jeudi 1er février"),
        ("le 3 avr. 1949", "3 avr. 1949"),
        ("le 12 févr. 1944", "12 févr. 1944"),
        ("VU LE 14 FEVRIER 1961", "14 FEVRIER 1961"),
        ("reprise en avril 2024", "avril 2024"),
        ("le 12 juin à 9h", "12 juin"),
        ("le deux janvier mille neuf cent soixante-dix-huit", "deux janvier mille neuf cent soixante-dix-huit"),
        ("le vingt-trois août deux mille trois", "vingt-trois août deux mille trois"),
        ("revu le 15/02 au cabinet", "15/02"),
    ],
)
def test_dates(text: str, value: str) -> None:
    assert flagged(RULE, text) == [(value, "DATE")]


@pytest.mark.parametrize(
    "text, value",
    [
        ("né le 12/03/1952", "12/03/1952"),
        ("née le 3 mars 1950", "3 mars 1950"),
        ("né(e) le 28/02/2001", "28/02/2001"),
        ("DDN : 12-03-52", "12-03-52"),
        ("ddn 12.06.1975", "12.06.1975"),
        ("Date de naissance : 14 FEVRIER 1961", "14 FEVRIER 1961"),
        ("Mme X (° 03/06/1962)", "03/06/1962"),
        ("nee le deux janvier mille neuf cent soixante-dix-huit", "deux janvier mille neuf cent soixante-dix-huit"),
        ("il est né en 1951", "1951"),
    ],
)
def test_birth_dates(text: str, value: str) -> None:
    assert flagged(RULE, text) == [(value, "DATE_NAISSANCE")]


@pytest.mark.parametrize(
    "text",
    [
        "TA 130/80",
        "INR 2,5",
        "15/20 mg",
        "J+10",
        "CIM-10 E11.9",
        "depuis 2019",
        "en 2005",
        "Mme X, 80 ans",
        "le 31/02/2020",  # no 31 February
        "le 12/13/2020",  # no month 13
        "TA 12/8",  # no year and no "le"
        "prendre le 1/2 cp",
        "sept ans",
        "un mars",  # a day in words needs its year
        "score 7/10",
        "Glasgow 15, EVA 6/10",
        "version 3.12.10",
    ],
)
def test_negatives(text: str) -> None:
    assert flagged(RULE, text) == []


def test_guideline_context_lowers_month_year_below_threshold() -> None:
    assert flagged(RULE, "recommandations HAS mars 2019") == []
    assert flagged(RULE, "recommandations HAS mars 2019", min_score=0.0) == [("mars 2019", "DATE")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hospitalisée du 3 au 9/02/2025 pour une pyélonéphrite.", ["3", "9/02/2025"]),
        ("arrêt de travail du 1er au 15 juin 2024 inclus", ["1er", "15 juin 2024"]),
        ("garde du 12 au 13/05", ["12", "13/05"]),
    ],
)
def test_first_day_of_a_range_is_a_date(text: str, expected: list[str]) -> None:
    assert sorted(v for v, _ in flagged(RULE, text)) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She was admitted on 3 February with sepsis.", "3 February"),
        ("Follow-up visit on Sept 4th, thanks.", "Sept 4th"),
        ("Discharged on April 12, 2025 to home.", "April 12, 2025"),
    ],
)
def test_english_dates(text: str, value: str) -> None:
    assert [v for v, _ in flagged(RULE, text)] == [value]


@pytest.mark.parametrize(
    "text",
    ["Apgar 8/9/10 à la naissance.", "Score d'Apgar : 10/10/10", "you may 2 times a day", "I march 10 miles"],
)
def test_scores_and_english_verbs_are_not_dates(text: str) -> None:
    assert flagged(RULE, text) == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("RDV kiné mercredi 16 à 9h.", "mercredi 16"),
        ("Cure réalisée le douze novembre sans toxicité", "douze novembre"),
        ("Reconsulter le premier décembre avec sa mère", "premier décembre"),
    ],
)
def test_weekday_days_and_days_in_words_after_le(text: str, value: str) -> None:
    assert [v for v, _ in flagged(RULE, text)] == [value]


@pytest.mark.parametrize(
    "text",
    ["C'est bien la loi du 4 mars 2002 ?", "le décret n° 2016-1990 du 30 décembre 2016",
     "vendredi 2 mg de plus", "sept mai"],
)
def test_legal_texts_and_numbers_are_not_dates(text: str) -> None:
    assert flagged(RULE, text) == []


@pytest.mark.parametrize(
    "text",
    ["le bloc opératoire B sera fermé du 1er au 15 août pour travaux.",
     "Dispositif Mon soutien psy : depuis juin 2024, jusqu'à 12 séances"],
)
def test_dates_of_the_running_of_a_service_fall_under_the_threshold(text: str) -> None:
    assert flagged(RULE, text) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [("ARRÊT DU 1ER AU 15 JUIN 2024", ["1ER", "15 JUIN 2024"]), ("RDV LUNDI 1ER À 9H", ["LUNDI 1ER"])],
)
def test_capitals_first_of_the_month(text: str, values: list[str]) -> None:
    assert [v for v, _ in flagged(RULE, text)] == values


def test_the_first_day_of_a_range_between_two_days() -> None:
    text = "absente entre le 3 et le 5 mars"
    assert sorted(flagged(RULE, text)) == [("3", "DATE"), ("5 mars", "DATE")]


def test_every_day_of_an_enumeration_sharing_a_month() -> None:
    text = "AMI 4 les 18, 20, 23 et 25/11/2026."
    assert sorted(v for v, _ in flagged(RULE, text)) == ["18", "20", "23", "25/11/2026"]


def test_english_weekdays_and_months_with_a_year() -> None:
    assert flagged(RULE, "flying back on Saturday 5 December.") == [("Saturday 5 December.", "DATE")]
    assert flagged(RULE, "under my care since March 2019 for epilepsy") == [("March 2019", "DATE")]


def test_an_enumeration_of_short_dates_before_a_full_one() -> None:
    text = "Séances : 05/10, 19/10, 02/11 et 16/11/2026 chez elle"
    assert sorted(v for v, _ in flagged(RULE, text)) == ["02/11", "05/10", "16/11/2026", "19/10"]


def test_a_weekday_before_a_date_belongs_to_it_full_or_abbreviated() -> None:
    for text, date in [
        ("Prochaine séance vendredi 11/12 à 17 h 15.", "vendredi 11/12"),
        ("mme ouedraogo vue le jeu 3/12 pour resultats", "jeu 3/12"),
        ("rendez-vous le ven. 8 janv. a 9h30 au cabinet", "ven. 8 janv."),
        ("revu le mardi 15/12/2026", "mardi 15/12/2026"),
    ]:
        assert (date, "DATE") in flagged(RULE, text), text


def test_the_first_of_a_month_near_words_of_regulation_is_not_a_patient_date() -> None:
    for text in (
        "tarifs conventionnels d'une consultation de médecine générale au 1er janvier 2026 (G, MEG)",
        "le vaccin est obligatoire chez les nourrissons depuis le 1er janvier 2025, et le B aussi",
        "Depuis le déremboursement du 1er août 2018, les anticholinestérasiques",
    ):
        assert flagged(RULE, text) == [], text
    for text, date in [
        ("hospitalisé depuis le 1er décembre 2026 pour pneumopathie", "1er décembre 2026"),
        ("on arrête le Previscan et on passe à Eliquis à partir du 1er décembre", "1er décembre"),
        ("remplace le Dr Girard du 10 au 24 août", "24 août"),
    ]:
        assert (date, "DATE") in flagged(RULE, text), text


def test_meetings_of_a_committee_are_not_patient_dates() -> None:
    assert flagged(RULE, "La commission des anti-infectieux se réunira le 14 janvier.") == []
    assert ("1er décembre", "DATE") in flagged(RULE, "pilulier de M. Brunet chaque semaine à compter du 1er décembre")


def test_the_agency_has_in_capitals_not_the_english_verb_lowers_a_date() -> None:
    assert ("March 2019", "DATE") in flagged(RULE, "has been under my care since March 2019 for epilepsy")
    assert flagged(RULE, "selon les recommandations HAS de mars 2023") == []


def test_chemotherapy_day_zero_weekday_with_a_day_and_month_year_in_figures() -> None:
    assert ("14/11", "DATE") in flagged(RULE, "C3 EC J0 = 14/11. Aplasie fébrile")
    assert ("samedi 12", "DATE") in flagged(RULE, "reprise 4 mg demain, contrôle samedi 12. Sa femme")
    assert ("09/2026", "DATE") in flagged(RULE, "aggravation vs 09/2026 (créat 141)")
    assert flagged(RULE, "lot 0612A, péremption 11/2027.") == []
    assert flagged(RULE, "Note de service : à compter du 1er janvier 2027, les transmissions") == []


def test_a_product_expiry_is_no_date() -> None:
    assert flagged(RULE, "lot 3K47B2 péremption 30/11/2027.") == []
