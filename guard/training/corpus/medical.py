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
)

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


def eponym(rng: random.Random) -> str:
    return rng.choice(EPONYM_DISEASES if rng.random() < 0.6 else EPONYM_SIGNS)


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
    return f"{rng.choice(AUTHORS)} ({rng.randint(1950, 2025)})"
