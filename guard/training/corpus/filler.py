"""Ordinary clinical and conversational French with no identifier, built from word lists.

Why: templates alone repeat a few hundred words, and a tagger then treats any word it has not
seen (a drug, a verb, a symptom) as a probable name. Varied filler teaches it that most unseen
words are not identifiers.
"""

from __future__ import annotations

import random

from guard.training.corpus.names import _words

SUBJECTS = _words("""
Le patient, La patiente, L'enfant, Le nourrisson, La résidente, Le malade, L'équipe, L'infirmière,
Le médecin, Le kinésithérapeute, La famille, Le service, Le bilan, L'examen clinique, La radiographie,
Le scanner, L'IRM, L'échographie, L'ECG, La biologie, Le traitement, La douleur, La fièvre, La plaie,
Le pansement, La toux, L'état général, La tension, Le poids, L'appétit, Le sommeil, La marche, Il, Elle,
On, Nous, Je, Le kiné, L'interne, Le chirurgien, La sage-femme, Le pharmacien, La diététicienne
""")

VERBS = _words("""
présente, décrit, signale, rapporte, montre, retrouve, confirme, élimine, évoque, suggère, nécessite,
justifie, améliore, aggrave, stabilise, persiste avec, reste sous, a reçu, a bénéficié de, a arrêté,
a repris, a été traité par, a été orienté vers, refuse, accepte, tolère mal, supporte bien, surveille,
prescrit, propose, recommande, discute, programme, réévalue, poursuit, diminue, augmente, interrompt,
complète, demande, organise, explique, rassure, note, observe, constate, craint, envisage
""")

OBJECTS = _words("""
une dyspnée d'effort, des douleurs abdominales, une toux sèche, une asthénie marquée, des vertiges,
une perte de poids, des œdèmes des membres inférieurs, une éruption cutanée, des céphalées,
une confusion fluctuante, un syndrome inflammatoire, une anémie modérée, une hyperkaliémie,
une insuffisance rénale aiguë, une hypoglycémie, des troubles de la marche, une plaie du talon,
une fracture du poignet, une entorse de cheville, une infection urinaire, une otite moyenne aiguë,
un épanchement pleural, une pneumopathie basale droite, une thrombose veineuse profonde,
une antibiothérapie probabiliste, une anticoagulation curative, une kinésithérapie respiratoire,
un régime sans sel, une hydratation correcte, une surveillance rapprochée, un avis spécialisé,
une hospitalisation de jour, une consultation de contrôle, un bilan étiologique, une coloscopie,
une fibroscopie, une ponction lombaire, une biopsie, une échographie cardiaque, un holter ECG,
une polysomnographie, une densitométrie osseuse, un bilan orthophonique, une réadaptation,
des soins de support, une prise en charge palliative, un sevrage tabagique, une éducation thérapeutique,
le protocole habituel, la dose minimale efficace, les constantes, la glycémie capillaire, la diurèse,
le transit, la cicatrice, les résultats, le compte rendu, la conduite à tenir, le consentement
""")

COMPLEMENTS = _words("""
depuis trois jours, depuis une semaine, depuis plusieurs mois, ce matin, cette nuit, hier soir,
au repos, à l'effort, après le repas, en fin de journée, sans amélioration, avec une nette amélioration,
malgré le traitement, sous surveillance, à domicile, en ambulatoire, en urgence, de façon progressive,
de manière intermittente, à la mobilisation, en position allongée, lors de la toilette, au lever,
à distance, dans les suites opératoires, en attendant les résultats, selon la tolérance,
si besoin, en cas de fièvre, à réévaluer dans 48 heures, pendant sept jours, à jeun, le soir au coucher
""")

CHAT = _words("""
Merci d'avance, Merci beaucoup, Peux-tu faire court ?, Réponds en français, Sois précis,
En quelques lignes, Format liste à puces, Avec un ton bienveillant, Sans jargon médical,
Explique simplement, C'est pour une présentation, C'est urgent, Je suis interne en médecine,
Je suis infirmière de nuit, Je travaille en EHPAD, Je débute en libéral, Donne des références,
Fais un tableau, Résume en trois points, Corrige les fautes, Reformule de façon plus professionnelle,
Ajoute une conclusion, Propose un plan, Vérifie les posologies, Quelles sont les contre-indications ?,
Y a-t-il des interactions ?, Quel examen en premier ?, Quels signes de gravité surveiller ?
""")


def sentence(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        return word_salad(rng)
    if r < 0.4:
        return rng.choice(CHAT) + ("" if rng.choice(CHAT)[-1] in "?." else ".")
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.7:
        s += f" {rng.choice(COMPLEMENTS)}"
    if rng.random() < 0.3:
        s += f" et {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    return s + rng.choice([".", ".", ".", " ;", " !", ""])


def paragraph(rng: random.Random, n_min: int = 1, n_max: int = 4) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(n_min, n_max)))


def _lorem_words() -> tuple[str, ...]:
    try:
        from faker.providers.lorem.fr_FR import Provider
    except ImportError:
        return ()
    return tuple(w for w in Provider.word_list if " " not in w)


LOREM = _lorem_words()
FUNCTION_WORDS = _words("le, la, les, un, une, des, de, du, et, ou, pour, avec, sans, dans, sur, par, "
                        "qui, que, ne, pas, plus, très, au, aux, en, il, elle, on, nous, vous, son, sa, "
                        "ses, ce, cette, mais, donc, car, si, comme, quand, alors, aussi, encore, déjà")


def word_salad(rng: random.Random) -> str:
    """A run of ordinary French words (Faker's fr_FR word list plus function words): no
    meaning, but every word is a common word, never an identifier, in both cases."""
    pool = LOREM or OBJECTS
    n = rng.randint(3, 14)
    words = [rng.choice(FUNCTION_WORDS) if rng.random() < 0.35 else rng.choice(pool) for _ in range(n)]
    if rng.random() < 0.6:
        words[0] = words[0][0].upper() + words[0][1:]
    if rng.random() < 0.1:
        words = [w.capitalize() for w in words]  # Title Case headings
    return " ".join(words) + rng.choice([".", ".", " ?", "", " !", ","])


def pseudo_drug(rng: random.Random, inventor) -> str:
    """An invented brand name with a dose: capitalised and unknown, yet not a person."""
    name = inventor.invent(rng) or "Placebo"
    if rng.random() < 0.2:
        name = name.upper()
    return f"{name} {rng.choice(['5 mg', '10 mg', '1 g', '20 mg/j', '2 cp/j', '40 mg le soir', '100 µg'])}"
