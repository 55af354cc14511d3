"""What clinicians type into chatbots: requests around a patient, pasted notes, and — about
half of the time — questions with no identifier at all but full of eponyms and drugs.
"""

from __future__ import annotations

import re

from guard.training.corpus import documents, filler, medical
from guard.training.corpus.doc import Piece
from guard.training.corpus.render import Context, fill

ASKS = (
    "Rédige un courrier pour ", "Peux-tu rédiger une lettre de sortie pour ", "Aide-moi à écrire un CR pour ",
    "Fais une synthèse du dossier de ", "J'ai besoin d'un courrier d'adressage pour ",
    "Écris un mail au cardiologue à propos de ", "Prépare une ordonnance pour ",
    "Write a referral letter for ", "Please summarise the case of ", "stp fais un courrier pour ",
    "Rédige une attestation pour ", "Propose un plan de soins pour ", "Résume la situation de ",
)

WITH_IDS = (
    "{ASK}{P}, né{e} le {NAISS}, hospitalisé{e} au {HOP} pour {COND}.",
    "{ASK}{P}, {AGE}, qui vit à {VILLE} chez {FAM}. {COND}.",
    "J'ai en consultation {PF}, {AGE}, qui vit seul{e} à {VILLE}. {COND}, {MED}.",
    "{PF}, {AGE}, {COND} : {ASK}ses parents.",
    "Je suis {ROLE} à {VILLE}. {ASK}{P}, {AGE}, {COND}.",
    "Je travaille au {HOP} à {VILLE}. Mon {patient} {P} a un {EPO}, que faire ?",
    "{P}, {AGE}, suivi{e} à {VILLE} pour {COND}, déménage à {VILLE} : {ASK}son nouveau médecin.",
    "{P} est né{e} à {VILLE} le {DDN} et habite maintenant à {VILLE}. {ASK}lui.",
    "Mon {patient}, {P}, originaire de {VILLE}, {AGE}, {EPO}. Son père avait un {COND}.",
    "{ASK}{P} ({AGE}), suivi{e} pour {EPO}, sous {MED}. {Il} habite {ADR}.",
    "{ASK}{P}, {AGE}, NIR {NIR}, suivi{e} à l'{HOP}. Antécédents : {COND}, {EPO}.",
    "{ASK}{P} née le {DDN}, adresse {ADR}, tel {TEL}, pour une {COND}.",
    "{ASK}mon {patient} {P}, {LAB}, {MED}. Hospitalisé{e} le {D} au {HOP}.",
    "{ASK}{PN} qui sort le {D} de {SERV} ({HOP}). Traitement : {MED}, {MED}.",
    "{P} {DDN} {COND} {MED} -> {ASK}cette {patient} stp",
    "Bonjour, {ASK}{P}. {Il} a {AGE}, {EPO}, {LAB}. Son médecin traitant est {DR}.",
    "Voici les infos : {PFL}, DDN {DDN}, {ADR}. {ASK}lui, merci.",
    "{ASK}{P} ; contact {FAM} au {TEL}. Motif : {COND}.",
    "Can you write a discharge summary for {P}, born {DDN}, admitted to {HOP} on {D} for {COND}? Meds: {MED}.",
    "Patient {P}, DOB {DDN}, lives at {ADR}. Diagnosis: {EPO}. Draft a letter to {DR}.",
    "Corrige ce texte : « {P} a été vu{e} le {D} par {DR} pour {COND}. »",
    "{PN} {PF}, {AGE}, IPP {IPP}, entré{e} le {D} : résume son dossier.",
    "j'ai vu {P} ce matin, {LAB}, {EPO} +, que faire ? {Il} est né{e} le {DDN}",
    "Mon {patient} {P} ({VILLE}) a un {EPO}. Quelle conduite à tenir ?",
    "{ASK}{P}, {AGE}, domicilié{e} {ADR}, email {MAIL}.",
    "Traduis en anglais : {P}, {AGE}, admis{e} le {D} au {HOP} pour {COND}.",
    "Rappelle-moi de rappeler {P} au {TEL} pour ses résultats du {D}.",
    "{ASK}la fille de {P}, {FAM}, qui demande des nouvelles.",
    "urgent : {P} {AGE} chute ce matin, {LAB}, transfert au {HOP} ?",
    "{ASK}le petit {PF}, {AGE}, vu aux urgences le {D} pour {COND}.",
    "Résume : {P}, {ADR}, médecin traitant {DR}, {COND}, {MED}.",
    "{P} ne le {DDN} hospit au {HOP} depuis le {D} pr {COND} stp resume",
    "Bonjour Docteur, je voudrais un courrier pour {P} qui part en EHPAD ({HOP}) le {D}.",
    "Lettre au juge des tutelles concernant {P}, {AGE}, domicilié{e} {ADR}, tuteur {FAM}.",
    "Help me write an email to {DR} about {P} (DOB {DDN}), {COND}, on {MED}.",
    "Peux-tu compléter ce certificat : je soussigné {DR} certifie avoir examiné {P} le {D}.",
    "Analyse ce bilan de {P} ({DDN}) : {LAB}, {LAB}, {LAB}.",
    "{ASK}{P}, carte vitale {NIR}, mutuelle {CARTE}, {TEL}.",
    "{ASK}{P}, {AGE}. Elle est venue avec {AUTRE} qui s'occupe de tout à la maison.",
    "C'est {AUTRE} qui m'a appelé ce matin pour {P} : {COND}, que faire ?",
    "{ASK}{PRE}, {AGE}, {COND}. Sa mère {PRE} est inquiète.",
    "{PRE} {AGE} fièvre depuis hier, {AUTRE} demande si on peut donner du {MED}",
    "Mon {patient} {P} est accompagné{e} par {AUTRE}. {ASK}lui expliquer le {EPO}.",
    "{ASK}{PFL}, {AGE}, adressé{e} par {AUTRE}. Motif : {COND}.",
    "Réponds à {AUTRE} qui demande des nouvelles de {PF} après son {COND}.",
    "Hier j'ai vu {PFL} avec {AUTRE}, {LAB}. {ASK}son médecin traitant.",
    "{ASK}{P} qui vit avec {AUTRE} à {VILLE} depuis son {COND}.",
    "Peux-tu écrire un mot pour {AUTRE} ? {PF} sort demain de {HOP}.",
    "{AUTRE} m'a transmis le dossier de {PFL} ({DDN}) : {COND}, {MED}.",
    "Transmission de {AUTRE} : {PF} a mal dormi, {LAB}.",
    "{ASK}{P}, {AGE}, transféré{e} du {HOP} au {HOP2} le {D}.",
    "{P} arrive du {HOP} pour {COND}, {ASK}le {HOP2}.",
    "{ASK}{P}, {AGE}, {Il} sort vers le {HOP} demain, son fils {PRE} viendra le chercher.",
    "ma patiente de {AGE}, {PRE}, {COND}, que faire ?",
    "Mon patient {PRE} ({AGE}) refuse {MED}, comment le convaincre ?",
    "{ASK}l'enfant {PFL}, vu{e} en consultation le {D}.",
    "Rédige un SMS pour le père de {PRE} : ses résultats sont normaux.",
    "le fils de la patiente, {PRE}, m'appelle tous les jours, comment lui répondre ?",
    "{ASK}{P}, hospitalisé{e} {DRANGE}. {COND}. Cordialement, {PFLO}, IDE",
    "Translate to French: \"{P}, 58, was admitted to {HOP} on {DEN} with {COND}.\"",
    "My patient {P} has {COND}. Her daughter {PRE} asks about {MED}.",
)

NO_IDS = (
    "Quelle est la posologie de {MED} chez un{e} {patient} de {AGE} avec un DFG à 35 ?",
    "{patient} de {AGE} avec {EPO} et {COND}, sous {MED}. Quelle prise en charge ?",
    "Explique la différence entre {EPO} et {EPO}.",
    "Rédige un courrier type pour un patient atteint de {COND}, sans nom.",
    "{ANON}, {AGE}, {COND}, {LAB}. Que faire ?",
    "Write a patient leaflet about {EPO} in simple French.",
    "Quels sont les critères du {EPO} ?",
    "Mon patient a un {EPO} positif et {LAB}, quel diagnostic évoquer ?",
    "Résume l'article de {CIT} sur {COND}.",
    "Peux-tu reformuler : le patient présente une {COND} évoluant depuis 3 semaines, {LAB}.",
    "Interactions entre {MED} et {MED} ?",
    "Comment annoncer un diagnostic de {EPO} à {ANON} ?",
    "{ROLE} me demande si on peut associer {MED} et {MED}, {LAB}.",
    "Fais une fiche de synthèse sur {EPO} pour les internes.",
    "Propose un plan de soins infirmiers pour {ANON} avec {COND} et {EPO}.",
    "Quels examens demander devant un {EPO} ? {LAB}.",
    "Liste les effets secondaires de {MED}.",
    "Differential diagnosis for {COND} with {LAB} and {EPO}?",
    "Traduis en anglais : patient de {AGE} aux antécédents de {EPO}, sous {MED}, {LAB}.",
    "Rédige un mail au service de {SERV} pour demander une place pour {ANON}.",
    "Score de Glasgow à 13, {LAB}, {MED} : on transfère en réa ?",
    "Peux-tu vérifier l'orthographe de ce CR : {COND} chez {ANON}, {LAB}, poursuite de {MED}.",
    "Quels sont les stades de {EPO} ? Cite {CIT}.",
    "J'ai une {patient} de {AGE} sous {MED} et {MED} avec {LAB}, on peut ajouter {MED} ?",
    "Recommandations HAS pour {COND} en 2024 ?",
    "Bonjour Docteur, pouvez-vous m'expliquer {EPO} simplement ? Merci, cordialement.",
    "Compare {MED} et {MED} dans {COND}, selon {CIT}.",
    "cas clinique : {ANON}, {AGE}, {COND}, {EPO}, {LAB} -> diagnostic ?",
    "Rédige une ordonnance type de {MED} pour {COND} chez l'adulte.",
    "Quel suivi après {EPO} ? Le patient est sous {MED}.",
    "Traduis : Patient admitted for {COND}, {LAB}, started on {MED}.",
    "La maman du petit demande si on peut donner du {MED} avec {COND}. {LAB}.",
    "Sa fille aînée s'inquiète : {ANON} a un {EPO}, {LAB}. Que lui répondre ?",
    "L'infirmière de nuit signale chez {ANON} un {EPO}, sous {MED}. Conduite à tenir ?",
    "Ma collègue de {SERV} me demande l'avis de {ROLE} pour {COND}.",
    "Le mari de la patiente refuse le transfert en EHPAD, comment lui expliquer ?",
    "Rédige une réponse pour la famille d'{ANON} hospitalisé en {SERV} pour {COND}.",
)

_ID_SLOTS = {"P", "PN", "PF", "PFL", "DR", "FAM", "AUTRE", "PRE", "PFLO", "DRANGE", "DEN", "DDN", "D", "D2", "ADR", "ADRML", "RUE", "VILLE",
             "CP", "HOP", "HOP2", "TEL", "MAIL", "NIR", "IPP", "NDA", "IBAN", "CARTE", "RPPS"}


def _clean_sentences() -> tuple[str, ...]:
    return tuple(t for t in documents.CLINICAL
                 if not set(re.findall(r"\{(\w+)\}", t)) & _ID_SLOTS)


CLEAN_CLINICAL = _clean_sentences()


def _ask(ctx: Context, template: str) -> list[Piece]:
    ask = ctx.rng.choice(ASKS)
    return fill(ctx, template.replace("{ASK}", ask.replace("{", "{{")))


def prompt_with_ids(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    out = _ask(ctx, rng.choice(WITH_IDS))
    if rng.random() < 0.1:
        out += [(" ", None), (medical.misc_negative(rng), None)]
    if rng.random() < 0.3:
        out += [(" ", None), (filler.paragraph(rng, 1, 3), None)]
    r = rng.random()
    if r < 0.25:  # long prompt: a pasted document after the request
        kind = rng.choice(list(documents.KINDS))
        out += [("\n\n", None)] + documents.KINDS[kind](ctx)
    elif r < 0.5:
        out += [(" ", None)] + fill(ctx, rng.choice(documents.CLINICAL))
    return out


def prompt_without_ids(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    out = fill(ctx, rng.choice(NO_IDS))
    for _ in range(rng.choice([0, 0, 1, 2, 4])):
        out += [(" ", None)] + fill(ctx, rng.choice(CLEAN_CLINICAL))
    if rng.random() < 0.7:
        out += [(rng.choice([" ", "\n"]), None), (filler.paragraph(rng), None)]
    if rng.random() < 0.12:
        out += [(" ", None), (rng.choice(medical.ENGLISH), None)]
    if rng.random() < 0.15:
        out += [(" ", None), (medical.misc_negative(rng), None)]
    if rng.random() < 0.15:
        out = [(medical.clinical_line(rng) + "\n", None)] + out
    if rng.random() < 0.3:
        out = [(filler.word_salad(rng) + " ", None)] + out
    if rng.random() < 0.3:
        out = [(filler.paragraph(rng, 1, 2) + " ", None)] + out
    return out


def note_without_ids(ctx: Context) -> list[Piece]:
    """An already de-identified note ("Mme X", roles, no names): must stay unflagged."""
    rng = ctx.rng
    out = fill(ctx, rng.choice(["Compte rendu de consultation\n{ANON}, {AGE}.\n",
                                "Transmissions : {ANON}, chambre 12.\n", "Synthèse du dossier de {ANON} :\n",
                                "CR d'hospitalisation en {SERV}\n"]))
    for _ in range(rng.randint(2, 6)):
        r = rng.random()
        if r < 0.2:
            out += [(medical.clinical_line(rng), None)]
        elif r < 0.27:
            out += [("Références :\n1. " + medical.reference(rng) + "\n2. " + medical.reference(rng), None)]
        elif r < 0.6:
            out += [(filler.sentence(rng), None)]
        else:
            out += fill(ctx, rng.choice(CLEAN_CLINICAL))
        out += [(rng.choice([" ", "\n"]), None)]
    return out
