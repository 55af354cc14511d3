"""Clinical document kinds as templates: header, body sentences drawn from banks, footer.

Each kind is a function (Context) -> pieces. Bodies mix identifiers with the hard negatives
of `medical` so both appear in the same sentences, as in real notes.
"""

from __future__ import annotations

from collections.abc import Callable

from guard.training.corpus import filler, medical
from guard.training.corpus.doc import Piece
from guard.training.corpus.render import Context, fill

CLINICAL = (
    "{Il} a pour antécédents : {COND}, {COND} et {EPO}.",
    "Antécédents : {COND} ; {EPO} ; {COND} (suivi par {DR}).",
    "Traitement habituel : {MED}, {MED}, {MED}.",
    "Traitement de sortie : {MED} matin et soir, {MED}, {MED}.",
    "À l'examen : {LAB}, {LAB}, {LAB}. {EPO} négatif.",
    "Biologie du {D} : {LAB}, {LAB}, {LAB}.",
    "Hospitalisé{e} du {D} au {D2} dans le service de {SERV} pour {COND}.",
    "{Il} est suivi{e} au {HOP} par {DR} ({SERV}).",
    "Adressé{e} par {DR} pour bilan de {COND}.",
    "Vit seul{e} à domicile, {ADR}. Passage IDE 2x/j.",
    "Personne de confiance : {FAM}, tél. {TEL}.",
    "Contact : {FAM} ({TEL}).",
    "Selon les recommandations ({CIT}), pas d'indication à {MED}.",
    "{ANON} présentait un tableau proche, cf. {CIT}.",
    "Avis de {ROLE} demandé : pas de contre-indication.",
    "Pas de {EPO} retrouvé. {LAB}. Poursuite de {MED}.",
    "Chute le {D} sans perte de connaissance, {LAB}.",
    "Scanner réalisé le {D} au {HOP} : pas d'anomalie.",
    "Transfert vers le {HOP} le {D} pour prise en charge en {SERV}.",
    "Rendez-vous de contrôle le {D} avec {DR}.",
    "Introduction de {MED} le {D}, relais par {MED}.",
    "Évaluation gériatrique : MMSE 22/30, {EPO}, {LAB}.",
    "Le {patient} décrit des douleurs cotées {LAB}. {EPO} positif à droite.",
    "Vaccinations à jour. Allergie à {MED}.",
    "{Il} travaillait comme boulanger à {VILLE} jusqu'en 2010.",
    "Originaire de {VILLE}, {il} est retraité{e}.",
    "Au total, {COND} chez un{e} {patient} de {AGE} aux antécédents de {EPO}.",
    "Conduite à tenir : arrêt de {MED}, surveillance {LAB}, réévaluation à J+10.",
    "Le dossier a été discuté en RCP le {D} ({HOP}).",
    "Infirmière libérale : {DR} au {TEL}.",
    "Adressé{e} par le CHU pour avis, passage aux urgences la veille.",
    "Retour à domicile prévu, suivi en hôpital de jour et par le médecin traitant.",
    "Transfert en clinique de SSR à discuter avec l'assistante sociale.",
    "{Il} habite à {VILLE} avec {FAM}.",
    "Pas de {EPO}. {Il} a été vu{e} par {ROLE} de l'EHPAD.",
    "Consultation d'anesthésie le {D}, ASA 2, Mallampati 1.",
    "{Il} vit à {VILLE}, a travaillé à {VILLE} puis s'est installé{e} à {VILLE}.",
    "Médecin traitant : {DR} à {VILLE}.",
    "Suivi{e} à {VILLE} par {DR}, puis au {HOP}.",
    "Né{e} à {VILLE}, {il} a grandi à {VILLE}.",
    "{Il} est accompagné{e} de {AUTRE}.",
    "Entretien avec {AUTRE} ce jour : inquiétude sur le retour à domicile.",
    "Appel de {AUTRE} : souhaite être tenu{e} informé{e}.",
    "Vit avec {AUTRE}, aidé{e} par {AUTRE}.",
    "Transmis à {AUTRE} pour suite de prise en charge.",
    "{Il} sera accueilli{e} au {HOP} à partir du {D}.",
    "Demande d'admission en {HOP} envoyée le {D}, relance par {AUTRE}.",
    "Vu{e} avec {AUTRE}, qui a pris le relais à 14h.",
    "Séjour antérieur au {HOP2} en {SERV}, puis retour au {HOP}.",
    "Hospitalisé{e} {DRANGE} pour {COND}.",
    "{Il} a été pris{e} en charge {DRANGE} au {HOP}.",
    "Arrêt de travail {DRANGE} inclus.",
    "Transmissions de la nuit {DRANGE} : {LAB}, {MED}.",
    "Son fils {PRE} l'accompagne, tél. {TEL}.",
    "Sa fille {PRE} passe tous les jours.",
    "Votre fils {PRE} a été vu ce jour pour {COND}.",
    "Injection réalisée le {D} par l'IDE {PRE}.",
    "Elle s'appelle {PRE}, tout le monde l'appelle {PRE}.",
)

ENGLISH_WITH_IDS = (
    "{P}, 58, was admitted to {HOP} on {DEN} with {COND}.",
    "She is moving to live with her son {PRE} next month.",
    "His daughter {PRE} can be reached on {TEL}.",
    "Seen on {DEN} at {HOP} in {VILLE} for {COND}.",
    "Please write to {DR} about {P}, admitted {DEN}.",
)

HEADERS = (
    "{HOP} — {VILLE}\n",
    "{HOP}, {VILLE}\n\n",
    "{HOP} — site de {VILLE}\nService de {SERV}\n",
    "{DR}, {VILLE}\n\n",
    "{HOP}\nService de {SERV}\n{ADRML}\nTél. : {TEL}\n\n",
    "{HOP} - Service de {SERV}\n{DR} - RPPS {RPPS}\n\n",
    "{DR}\nMédecin généraliste\n{ADRML}\n{TEL}\n\n",
    "",
)

PATIENT_LINES = (
    "Patient{e} : {P}\nNé{e} le : {DDN}\nIPP : {IPP}\nNDA : {NDA}\n",
    "{P}, né{e} le {NAISS} ({AGE})\n",
    "Nom : {PN}\nPrénom : {PF}\nDate de naissance : {DDN}\nAdresse : {ADR}\n",
    "{P} - DDN {DDN} - IPP {IPP}\n",
    "Concerne : {P}, {AGE}, {ADR}\nN° SS : {NIR}\n",
    "{P} ({DDN})\n",
)


def _body(ctx: Context, n_min: int = 2, n_max: int = 6) -> list[Piece]:
    rng = ctx.rng
    out: list[Piece] = []
    for i in range(rng.randint(n_min, n_max)):
        r = rng.random()
        if r < 0.12:
            out.append((medical.clinical_line(rng), None))
        elif r < 0.17:
            out.append((medical.misc_negative(rng), None))
        elif r < 0.2:
            out += fill(ctx, rng.choice(ENGLISH_WITH_IDS))
        elif r < 0.48:
            out.append((filler.sentence(rng), None))
        else:
            out += fill(ctx, rng.choice(CLINICAL))
        out.append((rng.choice([" ", " ", "\n", "\n\n"]), None))
    return out


def discharge(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    out = fill(ctx, rng.choice(HEADERS))
    out += fill(ctx, rng.choice([
        "COMPTE RENDU D'HOSPITALISATION\n\n", "Compte rendu d'hospitalisation du {D} au {D2}\n",
        "Lettre de liaison de sortie\n"]))
    out += fill(ctx, rng.choice(PATIENT_LINES))
    out += fill(ctx, rng.choice([
        "\nCher confrère,\n\nJ'ai pris en charge {P}, {AGE}, du {D} au {D2} pour {COND}. ",
        "\nMotif d'hospitalisation : {COND}.\n",
        "\nChère consœur,\nVotre {patient} {PN} a été hospitalisé{e} dans notre service. ",
    ]))
    out += _body(ctx, 3, 8)
    out += fill(ctx, rng.choice(["\nBien confraternellement,\n{DR}\n", "\n{DR}, {SERV}\n", "\nCordialement.\n"]))
    return out


def referral(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    out = fill(ctx, rng.choice(HEADERS))
    out += fill(ctx, rng.choice([
        "{VILLE}, le {D}\n\nCher ami,\n\nJe t'adresse {P}, {AGE}, pour avis concernant {COND}. ",
        "Le {D}\n\nCher confrère,\nMerci de bien vouloir recevoir {P}, né{e} le {DDN}, pour {COND}. ",
        "Objet : demande d'avis pour {P}\n\nCher collègue, ",
    ]))
    out += _body(ctx, 2, 5)
    out += fill(ctx, "\nEn te remerciant, bien amicalement.\n{DR}\n")
    return out


def consultation(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    out = fill(ctx, rng.choice([
        "Consultation du {D} - {P}\n", "CS {SERV} {D}\n{P} ({AGE})\n", "Consultation de suivi\n",
        "{P}, vu{e} ce jour en consultation.\n"]))
    out += _body(ctx, 2, 6)
    if rng.random() < 0.5:
        out += fill(ctx, "\nProchain RDV le {D}. {DR}\n")
    return out


def prescription(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    out = fill(ctx, "{DR}\n{SERV}\nRPPS : {RPPS}\n{ADRML}\n\n{VILLE}, le {D}\n\n")
    out += fill(ctx, rng.choice(["{P}\n", "{P}, {AGE}, {LAB}\n", "Pour : {P} né{e} le {DDN}\n"]))
    for _ in range(rng.randint(1, 4)):
        out += fill(ctx, rng.choice(["- {MED}, 1 cp le matin pendant 1 mois\n", "{MED} : 1 cp x 3/j, 7 jours\n",
                                     "- {MED}, QSP 3 mois\n", "Soins infirmiers à domicile 1x/j\n"]))
    out += fill(ctx, "\nAR - Ordonnance bizone\n")
    return out


def nursing(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    out = fill(ctx, rng.choice([
        "Transmissions {D} nuit - ch. 12 : {P}\n", "Transmission ciblée - {PN} ({AGE})\n",
        "Relève IDE : {P}, lit 4.\n"]))
    lines = ("Cible douleur : {LAB}, {MED} donné à 22h.", "Cible chute : retrouvé{e} au sol, {LAB}.",
             "{FAM} a appelé à 20h, rappeler au {TEL}.", "Bilan sanguin à prélever ({LAB}).",
             "Sommeil agité, {ANON} de la chambre voisine se plaint du bruit.",
             "Pansement escarre refait, {EPO} à surveiller.", "Visite de {ROLE} prévue demain.",
             "Repas : mange la moitié. Glycémie {LAB}.")
    for _ in range(rng.randint(2, 5)):
        out += fill(ctx, rng.choice(lines))
        out.append(("\n", None))
    return out


def physio(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    out = fill(ctx, "BILAN KINÉSITHÉRAPIQUE\n{DR}\n{ADR}\n\nPatient{e} : {P}, {AGE}\nPrescripteur : {DR}\n")
    out += fill(ctx, rng.choice([
        "Motif : rééducation post-opératoire ({COND}), {EPO} positif.\n",
        "Indication : {COND}. Testing : {LAB}. {EPO} négatif. Séances 2x/semaine.\n"]))
    out += fill(ctx, "Début des séances le {D}. Échelle de Borg 13/20, Tinetti 20/28.\n")
    return out


def lab_report(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    out = fill(ctx, rng.choice([
        "{HOP}\nCompte rendu d'analyses\nPatient : {P}\nNé{e} le {DDN}\nPrélevé le {D} à 08h12\nDossier n° {NDA}\n",
        "LABORATOIRE - {HOP}\n{PN} {PF}   DDN : {DDN}   Sexe : {Mme}\nPrescripteur : {DR}\nEnregistré le {D}\n",
    ]))
    for _ in range(rng.randint(2, 6)):
        out += fill(ctx, "{LAB}\n")
    return out


def mes_export(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    out = fill(ctx, "Mon espace santé - Profil médical\n{PFL}\nNé{e} le {DDN}\nINS : {NIR}\n"
                    "Adresse : {ADR}\nTéléphone : {TEL}\nCourriel : {MAIL}\n")
    out += fill(ctx, "Médecin traitant : {DR}\nMaladies et sujets de santé : {COND}, {EPO}\n"
                     "Traitements : {MED}, {MED}\nDocument ajouté le {D} par {HOP}\n")
    if rng.random() < 0.3:
        out += fill(ctx, "Mutuelle n° {CARTE} - IBAN {IBAN}\n")
    return out


def email_doc(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    out = fill(ctx, rng.choice([
        "De : {DR} <{MAIL}>\nObjet : {PN}\n\nBonjour,\n",
        "Objet : RE: demande de place pour {P}\n\nBonjour,\n", "Bonjour {DR},\n",
        "Salut {PRE}, ", "Bonjour {PRE},\n", "Coucou {PRE} !\n", "Hello {PRE},\n"]))
    out += fill(ctx, rng.choice([
        "Je vous transmets le dossier de {P} ({DDN}), actuellement au {HOP}. ",
        "Pourriez-vous recevoir {P} le {D} ? {Il} habite {ADR}. ",
        "Suite à notre échange, {PN} sortira le {D} vers l'{HOP}. ",
    ]))
    out += _body(ctx, 1, 3)
    out += fill(ctx, rng.choice(["\nCordialement,\n{DR}\n{HOP}\n{TEL}\n", "\nBonne journée\n", "\nBien à vous.\n",
                                 "\nBien à toi,\n{PRE}\n", "\nMerci !\n{PRE}", "\nCordialement,\n{PFLO}\n",
                                 "\nBonne garde,\n{PRE} (IDE)\n", "\n{PRE}\n"]))
    return out


KINDS: dict[str, Callable[[Context], list[Piece]]] = {
    "discharge": discharge,
    "referral": referral,
    "consultation": consultation,
    "prescription": prescription,
    "nursing": nursing,
    "physio": physio,
    "lab": lab_report,
    "mes_export": mes_export,
    "email": email_doc,
}
