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


@pytest.mark.parametrize(
    ("text", "part", "label"),
    [
        ("alimentation riche en vitamine K au quotidien", "K", Label.PRENOM),
        ("rotation externe du MID ce matin", "MID", Label.PRENOM),
        ("tabac 40 PA sevré", "PA", Label.VILLE),
        ("Write to Mr Kamara explaining the rules", "explaining", Label.NOM),
        ("poids de naissance 3 240 g", "240", Label.ZIP),
        ("J Med. 1988;319:1701-7.", "1701", Label.SECU),
        ("Neuropsychiatr Vieil. 2019;17:55-63.", "55-63", Label.DATE_NAISSANCE),
        ("examiné le 22/11 à 16h15 ce jour", "16h15", Label.DATE),
        ("Apgar 9/10/10, poids 3 050 g", "9/10/10", Label.DATE),
    ],
)
def test_misshapen_spans_are_dropped(text: str, part: str, label: Label) -> None:
    assert not plausible(text, _span(text, part, label))


@pytest.mark.parametrize(
    ("text", "part", "label"),
    [
        ("Compte rendu : M. LY Sovann, 70 ans", "LY", Label.NOM),
        ("adressé par le Dr J. Morel", "J", Label.PRENOM),
        ("MME DIALLO AWA, NÉE LE 3/4/51, VUE CE JOUR", "AWA", Label.PRENOM),
        ("né le 3/4/51 à Dakar", "3/4/51", Label.DATE_NAISSANCE),
        ("habite au 75015 Paris", "75015", Label.ZIP),
    ],
)
def test_short_but_real_shapes_are_kept(text: str, part: str, label: Label) -> None:
    assert plausible(text, _span(text, part, label))


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Explique la manœuvre d'Epley pour un VPPB", "Epley"),
        ("Test de Guthrie réalisé à J3.", "Guthrie"),
        ("Anneau de Kayser-Fleischer systématique ?", "Kayser-Fleischer"),
        ("fracture de la malléole externe type Weber A", "Weber"),
    ],
)
def test_eponym_after_its_head_word_is_not_a_name(text: str, part: str) -> None:
    assert not plausible(text, _span(text, part, Label.NOM))


def test_a_name_after_an_ordinary_de_is_kept() -> None:
    text = "Appel de la fille de Lucienne Moreau ce matin."
    assert plausible(text, _span(text, "Lucienne", Label.PRENOM))


@pytest.mark.parametrize(
    ("text", "part", "label", "kept"),
    [
        ("MME FERREIRA ANA NEE LE 03/11/1949", "ANA NEE", Label.PRENOM, "ANA"),
        ("mon patient m. da silva dit qu'il a mal", "da silva dit", Label.NOM, "da silva"),
        ("séances à l'institut Curie chaque mardi", "institut Curie chaque", Label.HOPITAL, "institut Curie"),
        ("habite seule 5 place de l'Église à Brest", "seule 5 place de l'Église", Label.ADRESSE, "5 place de l'Église"),
    ],
)
def test_model_spans_are_trimmed_of_edge_words(text: str, part: str, label: Label, kept: str) -> None:
    (f,) = keep_plausible(text, [_span(text, part, label)])
    assert text[f.start:f.end] == kept


def test_a_span_made_only_of_edge_words_is_dropped() -> None:
    text = "RAPPELER AU TEL DEMAIN"
    assert keep_plausible(text, [_span(text, "TEL", Label.NOM)]) == []


def test_insurer_names_are_not_people() -> None:
    text = "Carte Vitale n° 31 0145 8827, mutuelle Harmonie adhérent H7812045."
    assert not plausible(text, _span(text, "Harmonie", Label.NOM))


def test_number_ids_lose_the_words_around_them() -> None:
    text = "joignable au 04 91 38 60 00 poste 4521 demain"
    (f,) = keep_plausible(text, [_span(text, "04 91 38 60 00 poste", Label.TEL)])
    assert text[f.start:f.end] == "04 91 38 60 00"
    text = "mutuelle Harmonie adhérent H7812045."
    (f,) = keep_plausible(text, [_span(text, "adhérent H7812045", Label.CARTE)])
    assert text[f.start:f.end] == "H7812045"


def test_an_eponymous_classification_and_its_grade_is_not_a_name() -> None:
    text = "fracture de la malléole externe Weber A non déplacée"
    start = text.index("Weber")
    assert not plausible(text, Finding(start, start + 5, Label.NOM, 0.95, "model"))
    titled = "revu M. Weber A ce jour"
    start = titled.index("Weber")
    assert plausible(titled, Finding(start, start + 5, Label.NOM, 0.95, "model"))


def test_cited_authors_and_legal_dates_are_not_identifiers() -> None:
    text = "5. Kimura H, Sato Y. Early mobilisation. la loi du 4 mars 2002"
    assert not plausible(text, Finding(3, 9, Label.NOM, 0.99, "model"))
    start = text.index("4 mars")
    assert not plausible(text, Finding(start, start + 11, Label.DATE, 0.99, "model"))
    assert not plausible("Du 1er juin", Finding(0, 6, Label.HOPITAL, 0.99, "model"))
    assert not plausible("17024 La Rochelle CEDEX 1", Finding(18, 25, Label.VILLE, 0.99, "model"))


def test_a_date_needs_a_month_word_not_a_word_that_starts_like_one() -> None:
    text = "BAV Mobitz 1 découvert sur l'ECG, né en décembre 1950"
    start = text.index("découvert")
    assert not plausible(text, Finding(start, start + 9, Label.DATE, 0.99, "model"))
    start = text.index("décembre")
    assert plausible(text, Finding(start, start + 13, Label.DATE, 0.99, "model"))


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("Champs à remplir : [NOM], [DATE DE NAISSANCE], VS", "NAISSANCE]", Label.PRENOM),
        ("Patient: [NAME], DOB: [DOB]", "[NAME]", Label.PRENOM),
        ("Traitement chélateur (D-pénicillamine, trientine)", "D-pénicillamine", Label.VILLE),
        ("Stadification AJCC, 8e édition.", "AJCC", Label.NOM),
        ("Tableau comparatif pour des internes", "Tableau", Label.NOM),
        ("Prudence avec les AINS chez l'insuffisant rénal", "Prudence", Label.PRENOM),
        ("Je pense à : Lasègue, Babinski, Patrick (FABER), Lachman, McMurray.", "Patrick", Label.PRENOM),
    ],
)
def test_template_fields_drugs_acronyms_openers_and_eponym_lists_are_not_names(
        text: str, word: str, label: Label) -> None:
    start = text.index(word)
    assert not plausible(text, Finding(start, start + len(word), label, 0.99, "model"))


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("Revu ce jour.\nFahardine Said, 54 ans", "Said", Label.NOM),
        ("Dinan, le 26 novembre 2026\nCher Confrère", "Dinan", Label.VILLE),
        ("Mamadou a appelé ce matin", "Mamadou", Label.PRENOM),
        ("Lasègue, Babinski et M. Dupont, Lachman", "Dupont", Label.NOM),
    ],
)
def test_real_names_next_to_those_shapes_stay(text: str, word: str, label: Label) -> None:
    start = text.index(word)
    assert plausible(text, Finding(start, start + len(word), label, 0.99, "model"))


def test_a_lowercase_word_after_a_capitalised_name_is_trimmed() -> None:
    text = "Urines rose orangé depuis la Rifadine"
    out = keep_plausible(text, [Finding(0, 11, Label.PRENOM, 0.95, "model")])
    assert out == []  # "Urines" alone is then a lexicon-free sentence opener
    sms = "mme fatima benali 67 ans"
    kept = keep_plausible(sms, [Finding(4, 17, Label.NOM, 0.95, "model")])
    assert [(sms[f.start:f.end]) for f in kept] == ["fatima benali"]


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("FICHE DE TRI – IOA\nMotif : douleur", "IOA", Label.NOM),
        ("CALENDRIER VACCINAL – NOURRISSON (rappel pour l'équipe)", "CALENDRIER", Label.NOM),
        ("ANAPATH – Biopsies prostatiques", "ANAPATH", Label.PRENOM),
        ("gonarthrose interne Kellgren-Lawrence 3, Ahlbäck 2.", "Kellgren", Label.PRENOM),
        ("M0 : dTcaPolio + ROR", "dTcaPolio", Label.NOM),
        ("trouble bipolaire de type I. Olanzapine 10 mg le soir.", "Olanzapine", Label.PRENOM),
        ("Osmolalité plasmatique calculée 271 mOsm/kg", "Osmolalité plasmatique", Label.HOPITAL),
        ("PROGRESS NOTE – Physiotherapy (mixed FR/EN)", "Physiotherapy", Label.PRENOM),
        ("phénotype non centro-germinatif (algorithme de Hans).", "Hans", Label.PRENOM),
    ],
)
def test_headings_grades_codes_drugs_and_adjectives_are_not_names(text: str, word: str, label: Label) -> None:
    start = text.index(word)
    assert not plausible(text, Finding(start, start + len(word), label, 0.99, "model"))


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("DUPONT JEAN\nNé le 12/03/1950", "DUPONT", Label.NOM),
        ("Patient : KOWALCZYK – chambre 12", "KOWALCZYK", Label.NOM),
        ("Mme Martin 80 ans", "Martin", Label.NOM),
        ("Centre hospitalier de Dinan", "Centre hospitalier de Dinan", Label.HOPITAL),
    ],
)
def test_capitals_and_facilities_that_are_identifiers_stay(text: str, word: str, label: Label) -> None:
    start = text.index(word)
    assert plausible(text, Finding(start, start + len(word), label, 0.99, "model"))


@pytest.mark.parametrize(("text", "word", "label"), [
    ("Midazolam PSE déjà en place.", "Midazolam", Label.NOM),
    ("VIH découvert, CD4 180. Son mari", "CD4 180", Label.ADRESSE),
    ("mon patient, 45 y/o, BP 182/112, no symptoms", "BP 182/112", Label.ADRESSE),
    ("M./Mme [NOM Prénom], né(e) le", "Prénom]", Label.PRENOM),
])
def test_drugs_lab_values_and_template_fields(text: str, word: str, label: Label) -> None:
    start = text.index(word)
    assert not plausible(text, Finding(start, start + len(word), label, 0.99, "model"))


@pytest.mark.parametrize(("text", "word", "label"), [
    ("Bonjour,\nPouvez-vous décaler le rendez-vous ?", "Pouvez", Label.VILLE),
    ("Faut-il arrêter le traitement ?", "Faut", Label.NOM),
    ("selon le schéma KEYNOTE-522 puis chirurgie", "KEYNOTE", Label.NOM),
    ("Laboratoire de biologie médicale – site de Figeac", "Laboratoire de biologie médicale", Label.HOPITAL),
    ("adressée au Centre hospitalier pour avis", "Centre hospitalier", Label.HOPITAL),
    ("Inscriptions auprès de l'IFSI, 12 places.", "12 places", Label.ADRESSE),
])
def test_inverted_verbs_codes_unnamed_facilities_and_counts_are_not_identifiers(
        text: str, word: str, label: Label) -> None:
    assert not plausible(text, _span(text, word, label))


@pytest.mark.parametrize(("text", "word", "label"), [
    ("elle habite Saint-Jean-le-Blanc depuis mai", "Saint-Jean", Label.VILLE),
    ("suivie au Centre hospitalier de Figeac", "Centre hospitalier de Figeac", Label.HOPITAL),
    ("domicile : 12 rue des Lilas", "12 rue des Lilas", Label.ADRESSE),
    ("Mme Marie-Laure Kerbrat a appelé", "Marie-Laure", Label.PRENOM),
])
def test_named_places_and_hyphenated_names_next_to_those_shapes_stay(
        text: str, word: str, label: Label) -> None:
    assert plausible(text, _span(text, word, label))


def test_a_noun_opening_a_sentence_before_de_is_no_town() -> None:
    text = "Dosage de la vitamine D : dans quels cas ?"
    assert not plausible(text, _span(text, "Dosage", Label.VILLE))
    text = "Lyon est à deux heures de route."
    assert plausible(text, _span(text, "Lyon", Label.VILLE))


@pytest.mark.parametrize(("text", "word", "label"), [
    ("Date de naissance : 03/07/1949 — Lieu : Lyon (69)", "Lieu", Label.VILLE),
    ("Tél. : 0388381574 — Portable : +33 (0)6 84 12 09 71", "Portable", Label.VILLE),
    ("Est-ce compatible avec la conduite d'engins (CACES) ?", "CACES", Label.VILLE),
])
def test_form_labels_and_acronyms_in_brackets_are_no_places(text: str, word: str, label: Label) -> None:
    assert not plausible(text, _span(text, word, label))


def test_feasts_classifications_and_lab_values_are_no_places() -> None:
    text = "Elle ne peut venir qu'à Noël."
    assert not plausible(text, _span(text, "Noël", Label.VILLE))
    text = "Polype sessile (Paris 0-Is, NICE 2)"
    assert not plausible(text, _span(text, "Paris 0", Label.VILLE))
    text = "Il habite Paris 15e depuis mai"
    assert plausible(text, _span(text, "Paris 15e", Label.VILLE))
    text = "CPK 12000 apres marathon"
    assert not plausible(text, _span(text, "12000", Label.ZIP))
    for text in ("habite 13005 marseille", "12 rue des Lilas, 29200 Brest", "Lyon (69003)"):
        zipcode = next(w for w in text.replace("(", " ").replace(")", " ").split() if w.isdigit() and len(w) == 5)
        assert plausible(text, _span(text, zipcode, Label.ZIP)), text


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_EPONYM_PIECES = ["syndrome", "Maladie", "de", " ", "  ", "d'", "of", "test", "patient", "Test", "SIGNE", "\n",
                  "x", "é", "2", "-", "manœuvre", "score", "Dupont", ",", "retest"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_EPONYM_PIECES), max_size=12))
def test_eponym_before_answers_like_the_pattern(pieces: list[str]) -> None:
    from guard.detect.plausibility import EPONYM_BEFORE, eponym_before

    text = "".join(pieces) + "Parkinson"
    start = len(text) - len("Parkinson")
    assert eponym_before(text, start) == (EPONYM_BEFORE.search(text, max(0, start - 30), start) is not None)


def test_abbreviations_digits_brands_headings_and_run_on_dates() -> None:
    from guard.detect.plausibility import keep_plausible

    text = "Ch. 18 — vide, entrée prévue"
    assert not plausible(text, _span(text, "Ch", Label.PRENOM))
    text = "radiochimiothérapie 50 Gy/25 fr"
    assert not plausible(text, _span(text, "Gy/25", Label.NOM))
    text = "lecteur FreeStyle Libre 3"
    assert not plausible(text, _span(text, "FreeStyle", Label.PRENOM))
    text = "Plaquettes 132 G/L\\nBIOCHIMIE\\nCréatinine 142".replace("\\\\n", "\\n")
    text = "Plaquettes 132 G/L\nBIOCHIMIE\nCréatinine 142"
    assert not plausible(text, _span(text, "BIOCHIMIE", Label.HOPITAL))
    text = "Date : 25/11/2026 18:02"
    kept = keep_plausible(text, [_span(text, "25/11/2026 18", Label.DATE)])
    assert [text[f.start:f.end] for f in kept] == ["25/11/2026"]
    text = "Présents : Dr Karim Benhamou (oncologue, coordonnateur)"
    kept = keep_plausible(text, [_span(text, "Benhamou (oncologue", Label.NOM)])
    assert [text[f.start:f.end] for f in kept] == ["Benhamou"]


def test_brands_after_a_product_or_a_drug_name_and_grown_acronyms_are_no_names() -> None:
    for text, part, label in [
        ("irritation péristomiale (poudre Stomahesive, film protecteur Cavilon) ?", "Stomahesive", Label.PRENOM),
        ("irritation péristomiale (poudre Stomahesive, film protecteur Cavilon) ?", "Cavilon", Label.NOM),
        ("anticholinergiques (oxybutynine Ditropan, amitriptyline Laroxyl)", "Ditropan", Label.NOM),
        ("Pour la table PEP/FiO2 de l'ARDSNet (stratégie)", "ARDSNet", Label.PRENOM),
    ]:
        assert not plausible(text, _span(text, part, label)), part
    for text, part in [("sa cousine Marie vient demain", "Marie"), ("la voisine Julie passe", "Julie")]:
        assert plausible(text, _span(text, part, Label.PRENOM)), text


def test_authors_after_a_head_an_adjective_or_a_scale_acronym() -> None:
    from guard.detect.plausibility import eponym_before

    for text, name in [("thymie (mini-GDS à 4 items de Clément)", "Clément"),
                       ("contrairement aux essais historiques de Bernard (2002)", "Bernard"),
                       ("MoCA de Nasreddine (< 26 anormal)", "Nasreddine")]:
        assert eponym_before(text, text.index(name)), text
    for text, name in [("refaire son pansement chez l'IDE de Vire", "Vire"), ("le fils de Marie", "Marie"),
                       ("suivi au CMP de Quimper", "Quimper")]:
        assert not eponym_before(text, text.index(name)), text


def test_a_score_with_its_grade_in_brackets_and_an_author_with_a_year_are_no_places_or_names() -> None:
    for text, part, label in [
        ("patient somnolent mais réveillable (Ramsay 2), pas de nausées", "Ramsay", Label.HOPITAL),
        ("Crohn's disease (Montreal A2 L3 B1) on ustekinumab", "Montreal", Label.VILLE),
        ("(essai RAPIDO — Bahadoer, 2021). En cas de réponse", "Bahadoer", Label.VILLE),
        ("selon Dupuis et al., 2019)", "Dupuis", Label.NOM),
    ]:
        assert not plausible(text, _span(text, part, label)), part
    text = "Transmis par Sandrine V."
    assert plausible(text, _span(text, "Sandrine", Label.PRENOM))


def test_a_batch_number_and_a_placeholder_hospital_are_dropped() -> None:
    text = "Rappel Engerix B20 fait, lot 06.12.48.31A, péremption 11/2027."
    assert not plausible(text, _span(text, "06.12.48.31A", Label.TEL))
    text = "Adressée par le Dr Y de l'hôpital Z pour bilan."
    assert not plausible(text, _span(text, "hôpital Z", Label.HOPITAL))
