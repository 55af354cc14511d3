"""Clinical vocabulary that must NOT be flagged: eponyms, scores, drug brands, lab values,
codes, cited authors, anonymous references ("Mme X") and clinician roles.

These are mixed into every document kind so the model learns that a capitalised proper
noun after "maladie de" or a brand after a dose is not a person.
"""

from __future__ import annotations

import random
from functools import lru_cache

from guard.training.corpus.names import _words

EPONYM_DISEASES = _words("""
maladie de Parkinson, maladie de Crohn, maladie d'Alzheimer, maladie de Hodgkin, maladie de Basedow,
thyroïdite de Hashimoto, syndrome de Guillain-Barré, maladie de Charcot, sarcome de Kaposi,
syndrome de Raynaud, maladie de Horton, maladie de Behçet, maladie de Paget, maladie de Dupuytren,
maladie d'Addison, syndrome de Cushing, syndrome de Conn, endobrachyœsophage de Barrett,
maladie de Marfan, syndrome d'Ehlers-Danlos, syndrome de Down, syndrome de Turner,
syndrome de Klinefelter, syndrome de Gilles de la Tourette, chorée de Huntington,
maladie de Creutzfeldt-Jakob, maladie de Lyme, maladie de Ménière, encéphalopathie de Wernicke,
syndrome de Korsakoff, syndrome de Gougerot-Sjögren, maladie de Still, maladie de Willebrand,
maladie de Waldenström, maladie de Kahler, lymphome de Burkitt, sarcome d'Ewing, tumeur de Wilms,
paralysie de Bell, mal de Pott, maladie de Scheuermann, maladie d'Osgood-Schlatter,
maladie de Kawasaki, maladie de Takayasu, syndrome de Gilbert, nodules d'Heberden, nodules de Bouchard,
granulomatose de Wegener, maladie de Biermer, maladie de Bouveret, syndrome de Brugada,
syndrome de Wolff-Parkinson-White, tétralogie de Fallot, maladie de Verneuil, maladie de Cushing,
syndrome de Lown-Ganong-Levine, syndrome de Sézary, syndrome de Zollinger-Ellison, maladie de Forestier,
syndrome de Dressler, angor de Prinzmetal, syndrome de Mallory-Weiss, diverticule de Meckel,
maladie de Hirschsprung, syndrome de Reye, syndrome de Budd-Chiari, syndrome de Lyell,
syndrome de Stevens-Johnson, syndrome de Münchhausen, maladie de Niemann-Pick, maladie de Gaucher,
maladie de Fabry, maladie de Pompe, syndrome de Prader-Willi, syndrome d'Asperger, fracture de Pouteau-Colles,
fracture de Maisonneuve, luxation de Monteggia, maladie de Legg-Perthes-Calvé, syndrome de Tietze,
Parkinson, Alzheimer, Crohn, Basedow, Hashimoto, Charcot, Horton, Raynaud, Biermer, Kahler
""")

EPONYM_SIGNS = _words("""
signe de Murphy, signe de Babinski, signe de Lasègue, signe de Romberg, signe de Blumberg,
signe de Homans, point de McBurney, signe de Kernig, signe de Brudzinski, signe de Chvostek,
signe de Trousseau, signe de Tinel, signe de Phalen, manœuvre de Valsalva, manœuvre de Heimlich,
manœuvre de Dix-Hallpike, test de Schirmer, test de Rinne, test de Weber, signe de Lhermitte,
signe de Rovsing, triade de Charcot, score de Glasgow, score d'Apgar, score de Child-Pugh,
score de Wells, score CHA2DS2-VASc, score HAS-BLED, critères de Ranson, indice de Karnofsky,
score de Gleason, indice de Breslow, classification d'Ann Arbor, stade de Leriche et Fontaine,
classification NYHA, échelle de Braden, échelle de Norton, MMSE de Folstein, test de Mini-Cog,
échelle de Hamilton, score de Fagerström, classification de Forrest, classification de Los Angeles,
score de Silverman, critères de Duke, critères de McDonald, échelle de Borg, test de Tinetti,
index de Barthel, score de Lequesne, classification de Garden, classification de Neer, score de Sokal
""")

DRUGS = _words("""
Kardegic, Eliquis, Doliprane, Xarelto, Levothyrox, Lasilix, Inexium, Augmentin, Dafalgan, Efferalgan,
Spasfon, Lovenox, Previscan, Coversyl, Amlor, Tahor, Crestor, Glucophage, Januvia, Lantus, Novorapid,
Ventoline, Seretide, Symbicort, Seresta, Lexomil, Xanax, Stilnox, Imovane, Deroxat, Seroplex,
Laroxyl, Lyrica, Neurontin, Skenan, Oxycontin, Durogesic, Topalgic, Kenzen, Bisoce, Aldactone,
Mopral, Lamaline, Ixprim, Plavix, Brilique, Pradaxa, Coumadine, Cordarone, Digoxine, Temerit,
Detensiel, Triatec, Aprovel, Cozaar, Tareg, Atacand, Zanidip, Loxen, Trulicity, Ozempic, Victoza,
Forxiga, Jardiance, Diamicron, Amarel, Risperdal, Zyprexa, Abilify, Tercian, Haldol, Depakine,
Keppra, Lamictal, Tegretol, Modopar, Sinemet, Requip, Aricept, Ebixa, Solupred, Cortancel,
Médrol, Methotrexate, Humira, Remicade, Stelara, Enbrel, Dexeryl, Daivobet, Bétadine, Biseptine,
Tramadol, paracétamol, ibuprofène, amoxicilline, metformine, bisoprolol, furosémide, apixaban,
rivaroxaban, atorvastatine, ramipril, amlodipine, lévothyroxine, oméprazole, ésoméprazole,
prednisone, insuline glargine, morphine, oxycodone, alprazolam, zopiclone, sertraline,
escitalopram, venlafaxine, lithium, clozapine, aspirine, héparine, enoxaparine, ceftriaxone,
vancomycine, tazocilline, Smecta, Gaviscon, Forlax, Movicol, Duphalac, Vogalène, Primpéran
""")

LAB_VALUES = (
    "TA 130/80", "TA 145/90 mmHg", "PA 12/7", "FC 72/min", "SpO2 96 %", "T° 38,2", "INR 2,5",
    "INR à 3,1", "HbA1c 7,2 %", "créatinine 98 µmol/L", "DFG 54 mL/min", "CRP 45 mg/L",
    "Hb 10,8 g/dL", "plaquettes 180 G/L", "kaliémie 4,1", "natrémie 132 mmol/L", "TSH 3,2 mUI/L",
    "BNP 450", "troponine 12 ng/L", "glycémie 1,32 g/L", "LDL 1,10 g/L", "PSA 4,5", "EVA 6/10",
    "EN 7/10", "Glasgow 15/15", "MMSE 24/30", "IMC 31", "poids 82 kg", "FEVG 45 %", "VEMS 65 %",
    "15/20 mg", "1/2 cp", "2 cp/j", "3x/j", "J+10", "J3", "S12", "G2P1", "BPCO stade 2",
    "CIM-10 E11.9", "I10", "J44.1", "F32.1", "NYHA II", "ASA 2", "T2N0M0", "grade 3/6",
    "5 mg/kg", "500 mg x 3/j", "1 g/8 h", "40 UI", "0,5 mL", "Rh+", "A+", "groupe O-",
    "poids 3 050 g", "poids de naissance 3 240 g", "PC 34 cm", "taille 49 cm", "Apgar 9/10/10",
    "NIHSS 12 → 6", "NIHSS 4", "tabac 40 PA", "tabagisme 25 PA sevré", "CKD-EPI 48",
    "DFG 22 mL/min/1,73 m²", "protéinurie 1,8 g/g", "Get-up-and-go 2/5", "Tinetti 18/28",
    "lit 12B", "chambre 214", "ch. 305", "box 3", "G30 % 1 ampoule IVD", "1 mg IM/SC",
    "HLA-B27 positif", "Lung-RADS 3", "BI-RADS 4", "TI-RADS 3", "PI-RADS 5", "score ASIA D",
    "EVA 3/10 au repos", "Mallampati 2", "Cormack 1", "SA 34", "34 SA", "G3P2", "T 37,8 °C",
    "FR 22/min", "Dextro 0,65 g/L", "diurèse 1 200 mL/24 h", "VS 42 mm", "PCT 0,8 ng/mL",
)

# Clinical nouns that open a line, a bullet or a sentence with a capital: the capital says
# nothing there, and these words must not look like first or last names.
CLINICAL_NOUNS = _words("""
Diabète, Hypertension, Cholécystectomie, Appendicectomie, Polymédication, Hydratation, Plaquettes,
Naissance, Sortie, Entrée, Admission, Pertes, Néphropathie, Rétinopathie, Microalbuminurie,
Conclusion, Synthèse, Motif, Histoire, Examen, Biologie, Imagerie, Traitement, Antécédents,
Allergies, Mode de vie, Autonomie, Évolution, Devenir, Projet, Consignes, Surveillance, Pansement,
Toilette, Alimentation, Élimination, Sommeil, Douleur, Mobilisation, Transfert, Contention,
Kinésithérapie, Orthophonie, Ergothérapie, Régime, Vaccinations, Tabac, Alcool, Cannabis,
Hémoglobine, Créatinine, Kaliémie, Natrémie, Glycémie, Leucocytes, Fibrinogène, Ferritine,
Albumine, Protéinurie, Hématurie, Dyspnée, Asthénie, Anorexie, Amaigrissement, Fièvre, Toux,
Vertiges, Céphalées, Nausées, Vomissements, Diarrhées, Constipation, Œdèmes, Escarre, Chute,
Confusion, Agitation, Anxiété, Insomnie, Tremblements, Paresthésies, Lombalgie, Gonalgie,
Coxarthrose, Ostéoporose, Anémie, Thrombopénie, Hypokaliémie, Hyponatrémie, Déshydratation,
Dénutrition, Sepsis, Bactériémie, Pneumopathie, Pyélonéphrite, Cystite, Érysipèle, Cellulite,
Fracture, Luxation, Entorse, Tendinopathie, Capsulite, Arthroplastie, Ostéosynthèse, Prothèse,
Coronarographie, Angioplastie, Échographie, Scanner, Radiographie, Scintigraphie, Endoscopie,
Coloscopie, Fibroscopie, Biopsie, Ponction, Drainage, Perfusion, Transfusion, Dialyse,
Oxygénothérapie, Ventilation, Intubation, Sédation, Analgésie, Anesthésie, Rééducation,
Réadaptation, Convalescence, Hospitalisation, Consultation, Téléconsultation, Ordonnance,
Prescription, Posologie, Observance, Tolérance, Efficacité, Indication, Contre-indication,
Complications, Séquelles, Récidive, Rémission, Rechute, Pronostic, Diagnostic, Dépistage,
Prévention, Éducation, Accompagnement, Entourage, Famille, Domicile, Aidant, Tutelle, Curatelle
""")

HEADINGS = _words("""
ANTÉCÉDENTS, TRAITEMENT, TRAITEMENT DE SORTIE, HISTOIRE DE LA MALADIE, EXAMEN CLINIQUE, CONCLUSION,
SYNTHÈSE, MOTIF D'HOSPITALISATION, DEMANDE DE TRANSPORT SANITAIRE, BIOLOGIE, IMAGERIE, ÉVOLUTION,
PROJET DE SOINS, DEVENIR, MODE DE VIE, ALLERGIES, CONSIGNES, PRESCRIPTION MÉDICALE, BILAN INITIAL,
COMPTE RENDU OPÉRATOIRE, FICHE DE LIAISON, TRANSMISSIONS CIBLÉES, CERTIFICAT MÉDICAL
""")


def clinical_line(rng: random.Random) -> str:
    """A line opened by a capitalised clinical noun, a bullet or a heading."""
    r = rng.random()
    noun = rng.choice(CLINICAL_NOUNS)
    if r < 0.3:
        return f"- {noun}" + rng.choice(["", "", f" ({rng.choice(CONDITIONS)})", f" en {rng.randint(1980, 2025)}"])
    if r < 0.55:
        return f"{noun} : {rng.choice(LAB_VALUES)}" + rng.choice(["", ".", f", {rng.choice(LAB_VALUES)}."])
    if r < 0.75:
        return rng.choice(HEADINGS) + rng.choice(["", "", " :", " — " + rng.choice(SERVICES).upper()])
    return f"{noun} {rng.choice(['du 26/11', 'à surveiller', 'stable', 'en cours', 'prévue demain', 'correcte', 'à revoir', 'satisfaisante', 'non faite', 'à J3'])}."


ENGLISH = _words("""
Give me a differential diagnosis for chest pain in a young athlete.
Can you explain the mechanism of action of this drug in plain English?
Write a polite email explaining that visiting hours are limited.
The patient was admitted with shortness of breath and bilateral leg swelling.
Lung function tests showed a moderate obstructive pattern.
What are the red flags in low back pain?
Please make it shorter and more professional.
Translate this discharge summary into simple French.
She has a history of hypertension and type 2 diabetes.
He was started on antibiotics and his fever settled within 48 hours.
Is it safe to combine these two medications in an elderly patient?
Summarise the latest guidelines on atrial fibrillation.
Follow-up in clinic in six weeks with repeat bloods.
Morning stiffness improved with physiotherapy and NSAIDs.
""".replace("\n", ","))

AUTHORS = _words("""
Smith et al., Dupuis et al., Nguyen et al., Fleming, Koch, Pasteur, Laennec, Hippocrate,
Bichat, Charcot, Freud, Snow, Semmelweis, Jenner, Fine et al., Wells et al., Child et Turcotte
""")

ANON_PEOPLE = _words("""
Mme X, M. X, Mr X, M. Y, Mme Y, le patient, la patiente, Mme X., M. Z, Madame X, Monsieur Y,
un patient de 80 ans, une patiente de 67 ans, le fils de la patiente, sa fille, son épouse,
son mari, la famille, l'aidant principal, le patient X, patient A, patiente B
""")

ROLES = _words("""
le médecin traitant, le cardiologue, l'interne de garde, l'IDE, l'infirmière de nuit, le kiné,
le chirurgien, l'anesthésiste, le Dr, le docteur, le Pr, le chef de service, la sage-femme,
le pharmacien, l'assistante sociale, le psychiatre, la diététicienne, l'ergothérapeute,
le médecin régulateur du SAMU, l'équipe mobile de soins palliatifs, le gériatre, l'aide-soignante
""")

SERVICES = _words("""
cardiologie, pneumologie, gériatrie, neurologie, médecine interne, chirurgie viscérale, urgences,
réanimation, soins intensifs, SSR, USLD, orthopédie, gastro-entérologie, néphrologie,
endocrinologie, oncologie, hématologie, psychiatrie, pédiatrie, maternité, rhumatologie,
dermatologie, ORL, ophtalmologie, urologie, soins palliatifs, HDJ, UHCD
""")

CONDITIONS = _words("""
HTA, diabète de type 2, FA, fibrillation atriale, insuffisance cardiaque, BPCO, asthme, AVC
ischémique, SCA ST+, embolie pulmonaire, pneumopathie, pyélonéphrite, cholécystite aiguë,
appendicite, insuffisance rénale chronique, cirrhose, hypothyroïdie, dépression, trouble bipolaire,
schizophrénie, démence, chute à domicile, fracture du col du fémur, escarre sacrée, dénutrition,
anémie ferriprive, lombalgie, gonarthrose, coxarthrose, canal carpien, syndrome coronarien,
cancer du sein, adénocarcinome prostatique, lymphome, leucémie, mélanome, épilepsie, migraine,
sclérose en plaques, covid-19, grippe, bronchiolite, otite, angine, infection urinaire
""")


# Words that follow an eponym in notes: the capitalised name is still not a person when a
# qualifier, a side or a stage comes after it ("syndrome de Raynaud bilatéral").
EPONYM_QUALIFIERS = _words("""
bilatéral, bilatérale, sévère, débutant, débutante, évolué, évoluée, modéré, modérée, typique,
atypique, connu, connue, ancien, ancienne, compliqué, compliquée, positif, positive, négatif,
négative, à droite, à gauche, droit, gauche, stade 2, stade 3, stade IV, grade II, en poussée,
quiescent, iléal, iléale, colique, secondaire, primitif, primitive, familial, familiale, récidivant,
controlatéral, douteux, franc, fruste, incomplet, à 10, à 14, à 7, à 3, à 2, score 4, FLAIR,
sous traitement, stabilisé, stabilisée, non opéré, traité, probable, suspecté, suspectée
""")


# Heads that make the next capitalised word an eponym, not a person. Eponyms are endless, so
# the corpus also invents them from surnames: the model must learn the context ("manœuvre
# d'X", "test de X", "fracture de X type B"), not a list.
EPONYM_HEADS = _words("""
syndrome, maladie, signe, test, manœuvre, score, classification, fracture, triade, critères, échelle,
anneau, nodules, kyste, ligament, canal, loi, réflexe, phénomène, tumeur, lymphome, ulcère,
diverticule, méthode, technique, intervention, procédé, index, stade, point, espace, membrane,
cellules, corps, maladie dite de, opération, abord, incision, pince, sonde, tube, respiration,
dyskinésie, paralysie, chorée, démence, myopathie, dystrophie, anomalie, malformation, tétralogie,
polype, hernie, bursite, ténosynovite, épreuve, règle, formule, algorithme, questionnaire
""")
EPONYM_TAILS = _words("A, B, C, type 1, type 2, type II, stade 3, grade 2, positif, négatif, bilatéral, droit, gauche")


def invented_eponym(rng: random.Random) -> str:
    """"manœuvre d'Epley"-like: a head word and one or two surnames from the training pool."""
    from guard.training.corpus.names import _inventors, pool

    def surname() -> str:
        if rng.random() < 0.3:
            return _inventors()[1].invent(rng) or "Mollaret"
        name = rng.choice(pool(False).last)
        return name.split()[-1] if " " in name else name

    name = surname()
    if rng.random() < 0.2:
        name = f"{name}-{surname()}"
    r = rng.random()
    if r < 0.15:  # bare, with a type letter: "Weber A", "Garden III"
        return f"{name} {rng.choice(EPONYM_TAILS)}"
    if r < 0.25:  # a list of tests: "McMurray, Apley, Thessaly"
        return f"tests de {name}, {surname()} et {surname()}"
    head = rng.choice(EPONYM_HEADS)
    link = "d'" if name[0] in "AEIOUÉÈÊYaeiouéèê" else "de "
    out = f"{head} {link}{name}"
    if rng.random() < 0.2:
        out = f"{out} {rng.choice(EPONYM_TAILS)}"
    return out


def eponym(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return invented_eponym(rng)
    name = rng.choice(EPONYM_DISEASES if rng.random() < 0.6 else EPONYM_SIGNS)
    if rng.random() < 0.3:
        name = f"{name} {rng.choice(EPONYM_QUALIFIERS)}"
    if rng.random() < 0.06:
        name = name.upper()
    return name


@lru_cache(maxsize=1)
def _drug_inventor():
    from guard.training.corpus.names import HELDOUT_FIRST, HELDOUT_LAST, _Markov, pool

    p = pool(False)
    banned = {n.casefold() for n in HELDOUT_FIRST + HELDOUT_LAST + p.first + p.last}
    return _Markov(tuple(d for d in DRUGS if " " not in d), banned)


def drug(rng: random.Random) -> str:
    if rng.random() < 0.15:
        from guard.training.corpus.filler import pseudo_drug

        return pseudo_drug(rng, _drug_inventor())
    d = rng.choice(DRUGS)
    if rng.random() < 0.15:
        d = d.upper()
    if rng.random() < 0.5:
        d += " " + rng.choice(["75 mg", "5 mg", "1 g", "40 mg", "2,5 mg x2/j", "500 mg", "160 mg",
                                "10 mg le soir", "1 cp/j", "LP 100", "20 mg/j", "4000 UI"])
    return d


def lab(rng: random.Random) -> str:
    return rng.choice(LAB_VALUES)


def citation(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return reference(rng)
    return f"{rng.choice(AUTHORS)} ({rng.randint(1950, 2025)})"


JOURNALS = _words("""
N Engl J Med, Lancet, JAMA, BMJ, Rev Med Interne, Presse Med, Rev Prat, Ann Intern Med,
Eur Heart J, Age Ageing, J Am Geriatr Soc, Gériatr Psychol Neuropsychiatr Vieil, Rev Mal Respir,
Ann Fr Anesth Reanim, Arch Pediatr, Rev Neurol, Diabetes Care, Kidney Int, Thorax, Chest
""")
TITLE_WORDS = _words("""
risk factors, falls, elderly, outcomes, randomized trial, cohort, prevalence, management,
prise en charge, recommandations, sujet âgé, insuffisance cardiaque, anticoagulation, dénutrition,
dépistage, evaluation, mortality, treatment, guidelines, revue systématique, étude rétrospective
""")


def reference(rng: random.Random) -> str:
    """A bibliography entry: authors are named people, yet cited authors are not identifiers."""
    from guard.training.corpus.names import pool

    last = pool(False).last  # training pool only: held-out names stay unseen
    n = rng.randint(1, 4)
    initials = lambda: "".join(rng.choice("ABCDEFGHJKLMNPRSTV") for _ in range(rng.choice([1, 1, 2])))
    authors = ", ".join(f"{rng.choice(last)} {initials()}" for _ in range(n))
    if rng.random() < 0.4:
        authors += ", et al"
    title = " ".join(rng.choice(TITLE_WORDS) for _ in range(rng.randint(2, 5))).capitalize()
    year = rng.randint(1975, 2025)
    first = rng.randint(1, 2400)
    return (f"{authors}. {title}. {rng.choice(JOURNALS)}. {year};{rng.randint(1, 400)}"
            f"{rng.choice(['', '(' + str(rng.randint(1, 12)) + ')'])}:{first}-{rng.randint(1, 99)}.")


# Countries and regions are not identifiers (a birthplace town is); nationalities and language
# names in English prompts are ordinary words too.
COUNTRIES = _words("""
France, Algérie, Maroc, Tunisie, Sénégal, Mali, Côte d'Ivoire, Cameroun, Congo, Madagascar, Comores,
Mayotte, Guadeloupe, Martinique, Guyane, La Réunion, Portugal, Espagne, Italie, Belgique, Suisse,
Allemagne, Royaume-Uni, Angleterre, Irlande, Pologne, Roumanie, Bulgarie, Turquie, Arménie, Géorgie,
Ukraine, Russie, Vietnam, Cambodge, Laos, Chine, Inde, Sri Lanka, Pakistan, Afghanistan, Syrie,
Liban, Égypte, Haïti, Brésil, Argentine, Canada, Québec, États-Unis, Thaïlande, Indonésie, Japon,
Corse, Bretagne, Alsace, Normandie, Provence, Occitanie, Île-de-France, Afrique, Asie, Europe
""")
ENGLISH_WORDS = _words("""
English, French, Italian, Spanish, Portuguese, German, British, American, Canadian, African,
Arabic, Chinese, Vietnamese, Polish, Romanian, Turkish, Monday, Friday, Sunday, GP, ER, ICU, ED
""")
COUNTRY_FRAMES = _words("""
au retour de {C}, voyage en {C}, séjour au {C}, de retour du {C}, vacances en {C}, originaire d'un pays
d'Afrique, famille restée en {C}, I'm a GP in {C}, write it in {E}, a tourist from {C}, for the {E} team,
the patient speaks {E} only, traduction en anglais pour l'équipe en {C}, rapatriement vers la {C}
""")


def acronym(rng: random.Random) -> str:
    """A made-up clinical acronym (2-5 capitals): units, tests and forms are full of them."""
    letters = "ABCDEFGHIJKLMNOPRSTUV"
    return "".join(rng.choice(letters) for _ in range(rng.randint(2, 5)))


def misc_negative(rng: random.Random) -> str:
    """Countries, language names and acronyms in the places they appear in real prompts."""
    r = rng.random()
    if r < 0.5:
        frame = rng.choice(COUNTRY_FRAMES)
        return frame.replace("{C}", rng.choice(COUNTRIES)).replace("{E}", rng.choice(ENGLISH_WORDS))
    acr = acronym(rng)
    no = f"Pas d'{acr}." if acr[0] in "AEIOU" else f"Pas de {acr}."
    return rng.choice([no, f"({acr})", f"dossier {acr}", f"{acr} positif", f"bilan {acr} à faire",
                       f"{acr} :", f"demande {acr} envoyée", f"sous {acr}", f"score {acr} à 3"])
