import pytest
from hypothesis import given
from hypothesis import strategies as st

from guard.detect.rules.places import PlaceRule

from ._helpers import flagged

RULE = PlaceRule()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 rue des Lilas, Brest", [("12 rue des Lilas", "ADRESSE"), ("Brest", "VILLE")]),
        ("4 impasse des Lilas à Caluire-et-Cuire, retour impossible",
         [("4 impasse des Lilas", "ADRESSE"), ("Caluire-et-Cuire", "VILLE")]),
        ("envoyée à Necker ce soir", [("Necker", "HOPITAL")]),
        ("transférée vers la Pitié-Salpêtrière hier", [("Pitié-Salpêtrière", "HOPITAL")]),
        ("who moves to Manchester next week", [("Manchester", "VILLE")]),
        ("Pharmacie des Halles à Niort : merci", [("Pharmacie des Halles", "HOPITAL"), ("Niort", "VILLE")]),
        ("SSIAD du canton de Moirans", [("SSIAD du canton de Moirans", "HOPITAL")]),
        ("12 bis rue Victor Hugo 92130", [("12 bis rue Victor Hugo", "ADRESSE")]),
        ("habite 3 place de la gare à Quimper", [("3 place de la gare", "ADRESSE"), ("Quimper", "VILLE")]),
        ("45 bd de la Liberté", [("45 bd de la Liberté", "ADRESSE")]),
        ("rue Lepic", [("rue Lepic", "ADRESSE")]),
        ("suivie à l'hôpital Necker pour", [("hôpital Necker", "HOPITAL")]),
        ("CHU de Rennes", [("CHU de Rennes", "HOPITAL")]),
        ("EHPAD Les Tilleuls", [("EHPAD Les Tilleuls", "HOPITAL")]),
        ("clinique Saint-Joseph", [("clinique Saint-Joseph", "HOPITAL")]),
        ("centre hospitalier de Cornouaille, service", [("centre hospitalier de Cornouaille", "HOPITAL")]),
        ("né le 30 juillet 1946 à Porto", [("Porto", "VILLE")]),
        ("il vit seul à Saint-Brieuc", [("Saint-Brieuc", "VILLE")]),
        # a proper name after the anchor still counts, with or without a service word before it
        ("clinique de la Sagesse", [("clinique de la Sagesse", "HOPITAL")]),
        ("SSR Les Embruns", [("SSR Les Embruns", "HOPITAL")]),
        ("Le GHU Paris Psychiatrie accueille", [("GHU Paris Psychiatrie", "HOPITAL")]),
        ("Institut de Cancérologie de Lorraine", [("Institut de Cancérologie de Lorraine", "HOPITAL")]),
        ("centre de rééducation de Kerpape", [("centre de rééducation de Kerpape", "HOPITAL")]),
        ("Demande d'admission en EHPAD Les Opalines envoyée", [("EHPAD Les Opalines", "HOPITAL")]),
        ("admission en EHPAD Korian Les Lilas", [("EHPAD Korian Les Lilas", "HOPITAL")]),
        ("Hôpital\nRobert-Debré", [("Hôpital\nRobert-Debré", "HOPITAL")]),
        ("clinique Straße", [("clinique Straße", "HOPITAL")]),  # casefold changes the length
        ("rue İstanbul", [("rue İstanbul", "ADRESSE")]),
        ("EHPAD Les Tilleuls pour avis", [("EHPAD Les Tilleuls", "HOPITAL")]),
        ("centre hospitalier d'Arles, service", [("centre hospitalier d'Arles", "HOPITAL")]),
        ("ADRESSÉE AU CHU DE RENNES POUR AVIS", [("CHU DE RENNES", "HOPITAL")]),
        ("USLD Saint-Jacques RPPS : 10", [("USLD Saint-Jacques", "HOPITAL")]),
        # ALL-CAPS streets: a number, a link word, or an address tail after the name
        ("12 PLACE DE LA GARE 29000 QUIMPER", [("12 PLACE DE LA GARE", "ADRESSE")]),
        ("HABITE RUE DE LA PAIX, QUIMPER", [("RUE DE LA PAIX", "ADRESSE")]),
        ("HABITE RUE DU 8 MAI, FRÉJUS", [("RUE DU 8 MAI", "ADRESSE")]),
        ("HABITE COURS DE LA GARE, 27000 ÉVREUX", [("COURS DE LA GARE", "ADRESSE")]),
        ("CHEMIN ANATOLE FRANCE, 29187 NICOLAS", [("CHEMIN ANATOLE FRANCE", "ADRESSE")]),
        ("LIEU-DIT LA MALADRERIE\n20498 GRENIER", [("LIEU-DIT LA MALADRERIE", "ADRESSE")]),
        ("DR MARINO\nAVENUE NATIONALE, LE MANS", [("AVENUE NATIONALE", "ADRESSE")]),
        # everyday street words with a real name after them
        ("habite place Bellecour", [("place Bellecour", "ADRESSE")]),
        ("sur la place Stanislas", [("place Stanislas", "ADRESSE")]),
        ("cours Mirabeau, Aix", [("cours Mirabeau", "ADRESSE")]),
        ("rond-point de l'Église - 87000", [("rond-point de l'Église", "ADRESSE")]),
        ("promenade de l'Église\n06600 Antibes", [("promenade de l'Église", "ADRESSE")]),
        ("Adresse : Chemin des Vignes 34000", [("Chemin des Vignes", "ADRESSE")]),
    ],
)
def test_positive(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "hôpital de jour",
        "la clinique de la douleur",
        "en rue, sans domicile",
        "née à l'hôpital",
        "il vit à la maison",
        "service de cardiologie",
        # service types and acronyms are not proper names
        "Transfert en clinique de SSR à discuter",
        "CLINIQUE DE SSR À DISCUTER",
        "hôpital de jour et par le médecin traitant",
        "SUIVI EN HÔPITAL DE JOUR ET PAR LE MÉDECIN",
        "centre hospitalier de Psychiatrie",
        "clinique de Réanimation, Urgences",
        "Dr Clément SSR RPPS : 10334782447",
        "CR d'hospitalisation en USLD Pas de syndrome",
        "CR d'hospitalisation en SSR Adressé par le CHU",
        "Je travaille en EHPAD Bien confraternellement",
        "Je travaille en EHPAD Scanner réalisé le 18/01",
        "Service de SSR Professeur Aktaş",
        "Institut de Cancérologie",
        "Maison de santé de Garde",
        "clinique du Sommeil",
        "clinique de Médecine du Sport",
        "ADRESSÉE PAR LE CHU POUR AVIS",
        "L'EXAMEN CLINIQUE CONSTATE UNE SURVEILLANCE",
        "examen clinique Normal",
        # everyday words that are also street types
        "UNE PLACE POUR LE PATIENT",
        "PLACE POUR UN LIT",
        "il reste une place Pour demain",
        "au cours de Transfert",
        "au cours Des examens",
        "en chemin Évaluation prévue",
        "en route Vers le bloc",
        "PASSAGE AUX URGENCES LA VEILLE",
        "Passage IDE 2x/j",
        "Cite Dupuis et al. (1971)",
        "cours Transfert vers le laboratoire",
        "appartement chemin Évaluation gériatrique",
        "SENTIER PERSONNAGE POUR IL EXPLIQUE",
        "CAR RUE QUAND CE RÉSOUDRE",
        "DÈS JOLI RUE ÉTOUFFER PAS",
        "Dresser Chemin Personnage Fenêtre.",
    ],
)
def test_negatives(text: str) -> None:
    assert flagged(RULE, text, min_score=0.0) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("transférée à la maternité des Lilas demain", "maternité des Lilas"),
        ("rendez-vous au centre d'imagerie médicale Les Tanneurs", "centre d'imagerie médicale Les Tanneurs"),
        ("suivi au CMP Victor-Hugo depuis 2019", "CMP Victor-Hugo"),
        ("adressé par le cabinet de kinésithérapie du Port", "cabinet de kinésithérapie du Port"),
        ("Maison de santé pluriprofessionnelle des Coteaux, 3 rue", "Maison de santé pluriprofessionnelle des Coteaux"),
    ],
)
def test_facility_kinds(text: str, value: str) -> None:
    assert (value, "HOPITAL") in flagged(RULE, text)


@pytest.mark.parametrize(
    "text",
    [
        "Quelle est la place du Kardegic en prévention primaire ?",
        "Cours IFSI — les soins palliatifs",
        "une demande de place en EHPAD pour sa mère",
        "TRANSMISSIONS — USLD\nCible : chute",
    ],
)
def test_ordinary_anchors_are_not_places(text: str) -> None:
    assert flagged(RULE, text) == []


def test_a_facility_name_stops_at_the_line_end() -> None:
    assert flagged(RULE, "Clinique Pasteur\nCompte rendu opératoire") == [("Clinique Pasteur", "HOPITAL")]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("EHPAD Les Magnolias, Rodez\nRésident : M. X", "Rodez"),
        ("Clinique Saint-Roch — Montpellier\nCompte rendu", "Montpellier"),
        ("CH de Vienne (site de Saint-Romain)", "Saint-Romain"),
    ],
)
def test_town_after_a_facility(text: str, town: str) -> None:
    assert (town, "VILLE") in flagged(RULE, text)


def test_no_town_when_the_sentence_goes_on() -> None:
    assert flagged(RULE, "Clinique Pasteur, Service de cardiologie\n") == [("Clinique Pasteur", "HOPITAL")]


_FRAGMENTS = ["rue ", "Rue ", "RUE ", "place ", "de la ", "du ", "Gare", "Lilas", "hôpital ", "Hôpital ",
              "CHU ", "CH ", "chez ", "clinique ", "Clinique ", "Saint-Roch", "EHPAD ", "Les ", "Tilleuls",
              "centre ", "Centre ", "hospitalier ", "de ", "Rennes", "\n", ", ", "12 ", "allée ", "Allée ",
              "maternité ", "Port-Royal", "cours ", "IFSI", "l'", "Église", " "]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30).map("".join))
def test_pre_scanned_patterns_match_exactly_like_a_full_scan(text: str) -> None:
    from guard.detect.rules import places
    from guard.detect.rules._base import iter_matches, iter_matches_at

    for pattern, hint in ((places._ADDRESS_BARE, places._STREET_HINT), (places._FACILITY, places._FACILITY_HINT)):
        assert [m.span() for m in iter_matches_at(pattern, hint, text, "t")] == \
            [m.span() for m in iter_matches(pattern, text, "t")]


@pytest.mark.parametrize("text", [
    "le signe de Percy est négatif",
    "ouverture de la capsule de Tenon",
    "la conception du projet de soins",
    "avec la place de la TCC-I dans l'insomnie",
    "maladie de Foch",
])
def test_known_hospital_names_need_a_place_cue(text: str) -> None:
    assert PlaceRule().find(text) == []


@pytest.mark.parametrize(("text", "town"), [
    ("ils sont en vacances à Thiès. Conseils ?", "Thiès"),
    ("Je remplace à Maripasoula (Guyane).", "Maripasoula"),
    ("J'évacue sur Cayenne ?", "Cayenne"),
    ("fin de vie à domicile à Plouguerneau, sédation", "Plouguerneau"),
    ("Hi, I'm a GP in Lyon. Can you help", "Lyon"),
    ("She's flying back to Galway on Feb 14th", "Galway"),
])
def test_towns_after_more_cues(text: str, town: str) -> None:
    assert (town, "VILLE") in flagged(RULE, text)


def test_a_feast_is_not_a_town() -> None:
    assert flagged(RULE, "elle part à Noël chez sa fille") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("je remplace au dispensaire de Dzaoudzi ce mois-ci", [("dispensaire de Dzaoudzi", "HOPITAL")]),
        ("will attend your clinic at Lagoon Heart Centre. Please call", [("Lagoon Heart Centre", "HOPITAL")]),
        ("was admitted to St Thomas' Hospital on Monday", [("St Thomas' Hospital", "HOPITAL")]),
        ("follow-up at University Hospital Galway for her thyroid", [("University Hospital Galway", "HOPITAL")]),
    ],
)
def test_dispensaries_and_english_facility_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "go to the General Hospital tomorrow",
    "Quelle est la place du Spravato (eskétamine) dans la dépression ?",
    "Quelle est la place du Kardegic 75 mg en prévention primaire ?",
    "et la place du TEP-scanner dans le bilan",
])
def test_generic_facilities_and_the_role_of_a_drug_are_not_places(text: str) -> None:
    assert flagged(RULE, text) == []


def test_municipal_centres_and_iberian_clinics() -> None:
    assert flagged(RULE, "Signé : Dr Morel, centre de santé municipal de Saint-Denis.") == [
        ("centre de santé municipal de Saint-Denis", "HOPITAL")]
    assert flagged(RULE, "Appel de la Clínica Santa Maria dos Anjos à Lisbonne") == [
        ("Clínica Santa Maria dos Anjos", "HOPITAL"), ("Lisbonne", "VILLE")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Cabinet de pathologie Rive Gauche, Bordeaux", [("Cabinet de pathologie Rive Gauche", "HOPITAL"), ("Bordeaux", "VILLE")]),
        ("Centre ophtalmologique des Carmes, Toulouse", [("Centre ophtalmologique des Carmes", "HOPITAL"), ("Toulouse", "VILLE")]),
        ("Hôpital civil de Haguenau-Forêt\nChère consœur", [("Hôpital civil de Haguenau-Forêt", "HOPITAL")]),
        ("Institut d'oncologie Montsouris-Alésia pour la chimio", [("Institut d'oncologie Montsouris-Alésia", "HOPITAL")]),
        ("Imagerie du Pays de Retz, Machecoul", [("Imagerie du Pays de Retz", "HOPITAL"), ("Machecoul", "VILLE")]),
        ("M. X, 43 ans, section Boisvin, 97130", [("section Boisvin", "ADRESSE")]),
    ],
)
def test_facilities_with_a_specialty_or_an_adjective_and_antilles_sections(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize("text", ["examen clinique normal", "la section du nerf", "au cabinet de cardiologie", "un centre médical"])
def test_unnamed_facilities_and_ordinary_sections_are_left(text: str) -> None:
    assert flagged(RULE, text) == []


def test_an_address_never_runs_into_the_next_line() -> None:
    text = "Kerlouan, lieu-dit Menez Ham\nMotif : douleur"
    assert ("lieu-dit Menez Ham", "ADRESSE") in flagged(RULE, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SORT DE LA CLINIQUE DU PARC DE LA LYS A ARMENTIERES", [("CLINIQUE DU PARC DE LA LYS", "HOPITAL")]),
        ("Cabinet d'anatomie pathologique Sainte-Catherine, Avignon",
         [("Cabinet d'anatomie pathologique Sainte-Catherine", "HOPITAL"), ("Avignon", "VILLE")]),
        ("GP is Dr Kavanagh at Ballincollig Family Practice. Can you", [("Ballincollig Family Practice", "HOPITAL")]),
    ],
)
def test_facilities_in_capitals_anatomy_practices_and_english_practices(text: str, expected: list[tuple[str, str]]) -> None:
    assert [x for x in flagged(RULE, text) if x[1] == "HOPITAL"] == [x for x in expected if x[1] == "HOPITAL"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("elle accouche a la clinique des cedres de blagnac normalement", [("clinique des cedres de blagnac", "HOPITAL")]),
        ("escarre (chambre 4, ssr les tilleuls) qui suinte", [("ssr les tilleuls", "HOPITAL")]),
        ("suivi au chu de nantes demain", [("chu de nantes", "HOPITAL")]),
    ],
)
def test_sms_facilities_ending_with_a_town_or_named_les_x(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize("text", ["ehpad de la ville", "la clinique du sport", "un ehpad de proximite"])
def test_sms_generic_facilities_are_left(text: str) -> None:
    assert flagged(RULE, text) == []


def test_a_lieu_dit_after_an_address_label_and_no_name_on_the_next_line() -> None:
    assert flagged(RULE, "Domicile : Kerangoff, 22200 Pabu") == [("Kerangoff", "ADRESSE")]
    assert flagged(RULE, "Adresse : Inconnue, SDF") == []
    assert flagged(RULE, "Bon de demande — Laboratoire\nPréleveur : IDE") == []
    assert flagged(RULE, "Institut régional de cancérologie Loire-Océane\nSéance") == [
        ("Institut régional de cancérologie Loire-Océane", "HOPITAL")]


def test_medico_social_units_nurseries_imaging_centres_and_villages() -> None:
    from guard.detect.rules.places import PlaceRule

    rule = PlaceRule()
    for text, value, label in [
        ("Orientation souhaitée : IME Les Cèdres de la Creuse, Aubusson.", "IME Les Cèdres de la Creuse", "HOPITAL"),
        ("gardé à la crèche Ti Lambrequin à Saint-Pierre", "crèche Ti Lambrequin", "HOPITAL"),
        ("IRM du genou — Centre d'IRM du Littoral-Ouest, Les Sables", "Centre d'IRM du Littoral-Ouest", "HOPITAL"),
        ("Urgences — Hôpital femme-mère-enfant des Alizés", "Hôpital femme-mère-enfant des Alizés", "HOPITAL"),
        ("Adresse : village de Kawéni, 97600 Mamoudzou", "village de Kawéni", "ADRESSE"),
    ]:
        assert (value, label) in [(text[f.start:f.end], f.label.value) for f in rule.find(text)], text
    for text in ("la crèche a fermé", "au village, tout va bien", "l'IME a appelé"):
        assert rule.find(text) == [], text


def test_place_of_a_drug_is_no_street() -> None:
    from guard.detect.rules.places import PlaceRule

    assert PlaceRule().find("sédation (SPCMD), place du Midazolam et de la morphine") == []
    text = "vit 12 place du Marché à Vire"
    assert ("12 place du Marché", "ADRESSE") in [(text[f.start:f.end], f.label.value) for f in PlaceRule().find(text)]
