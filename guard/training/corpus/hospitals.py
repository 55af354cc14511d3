"""Named care facilities: hospitals, clinics, EHPAD, practices, labs.

Spans include the facility word when it is part of the name ("Hôpital Bichat", "CHU de
Rennes"), so the whole name is hidden; a bare "l'hôpital" or "le CHU" is not labelled.
"""

from __future__ import annotations

import random

from guard.training.corpus.names import _words
from guard.training.corpus.places import TOWNS

NAMED_HOSPITALS = _words("""
Hôpital Bichat, Hôpital Necker, Hôpital Necker-Enfants malades, Hôpital de la Pitié-Salpêtrière,
Hôpital Lariboisière, Hôpital Saint-Louis, Hôpital Tenon, Hôpital Cochin, Hôpital Européen Georges
Pompidou, HEGP, Hôpital Bicêtre, Hôpital Avicenne, Hôpital Henri-Mondor, Hôpital Beaujon, Hôpital
Robert-Debré, Hôpital Trousseau, Hôpital Saint-Antoine, Hôpital Rothschild, Hôpital Foch, Hôpital
Ambroise-Paré, Hôpital Raymond-Poincaré, Hôpital Paul-Brousse, Hôpital Édouard-Herriot, Hôpital de la
Croix-Rousse, Hôpital Lyon Sud, Hôpital de la Timone, Hôpital Nord, Hôpital Pellegrin, Hôpital
Haut-Lévêque, Hôpital Purpan, Hôpital Rangueil, Hôpital Pontchaillou, Hôpital de Hautepierre,
Hôpital Pasteur, Hôpital de l'Archet, Institut Curie, Institut Gustave-Roussy, Gustave Roussy,
Centre Léon Bérard, Institut Paoli-Calmettes, Centre Oscar Lambret, Institut Bergonié, Hôpital
Sainte-Anne, GHU Paris psychiatrie et neurosciences, Hôpital des Quinze-Vingts, Fondation Rothschild,
Hôpital Saint-Joseph, Hôpital Simone Veil, Hôpital Jean Verdier, Hôpital Louis-Mourier, Hôpital
Delafontaine, Hôpital Mignot, Clinique Pasteur, Clinique du Parc, Polyclinique du Beaujolais,
Clinique Saint-Jean, Clinique des Cèdres, Clinique Jules Verne, Clinique de l'Anjou, CHU de Rennes
""")

FACILITY_KINDS = _words("CHU de, CHU de, CH de, Centre hospitalier de, Centre Hospitalier de, CHR de, "
                        "CHRU de, Hôpital de, hôpital de, Polyclinique de, GHT de, CHI de, "
                        "Centre de rééducation de, Hôpital privé de")
SAINT_NAMES = _words("Saint-Joseph, Saint-Martin, Sainte-Marie, Saint-Vincent, Saint-Roch, "
                     "Sainte-Thérèse, Saint-Luc, Saint-Paul, Saint-Augustin, Sainte-Anne, "
                     "Saint-Jean, Saint-François, Saint-Michel, Notre-Dame")
NICE_NAMES = _words("Les Tilleuls, Les Glycines, Le Bois Joli, Les Jardins d'Aurélie, La Roseraie, "
                    "Les Opalines, Le Clos des Vignes, Les Magnolias, Korian Les Lilas, Orpea Les Charmes, "
                    "La Chêneraie, Bel Automne, Les Hortensias, Villa Médicis, Le Grand Cèdre")


SHORT_NAMES = _words("Bichat, Necker, la Pitié, la Pitié-Salpêtrière, Lariboisière, Cochin, Tenon, "
                     "Beaujon, Bicêtre, Avicenne, Mondor, Henri-Mondor, Robert-Debré, la Timone, "
                     "Pellegrin, Purpan, Rangueil, Pontchaillou, Hautepierre, Gustave Roussy, "
                     "Curie, l'HEGP, Foch, Saint-Louis, Saint-Antoine, la Croix-Rousse, Édouard-Herriot")


# A facility type followed by a proper name: the shape of most EHPAD, SSR, clinics, maternity
# units and practices ("EHPAD Résidence ...", "centre de rééducation Les ...", "cabinet ... du ...").
TYPE_WORDS = _words("""
EHPAD, EHPAD, Ehpad, Résidence, Résidence, Maison de retraite, SSR, SMR, USLD, Clinique, Clinique,
Polyclinique, Maternité, Maternité, Centre de rééducation, Centre de réadaptation,
Centre de rééducation fonctionnelle, Centre de soins de suite, Cabinet médical, Cabinet médical,
Cabinet infirmier, Cabinet de kinésithérapie, Centre médical, Centre de santé, Maison de santé,
Maison médicale, Pôle santé, Centre de dialyse, Centre de radiologie, Cabinet de radiologie,
Hôpital privé, Hôpital local, Centre hospitalier, Institut, Foyer d'accueil médicalisé, MAS, IME,
Centre médico-psychologique, CMP, Clinique psychiatrique, Maison d'enfants, Pouponnière, Hôpital de jour,
Centre d'imagerie, Centre d'imagerie médicale, Laboratoire, Laboratoire d'analyses, HAD, Groupe hospitalier,
Hôpital d'instruction des armées, Maison de santé pluriprofessionnelle, Cabinet de kiné, Centre de radiothérapie,
Centre de cancérologie, Centre de la douleur, Centre de PMA, Maternité, Hôpital privé, Centre médical
""")
LOCATIVES = _words("""
du Lac, du Moulin, des Sources, des Pins, du Château, de la Forêt, du Val, des Collines, de la Source,
du Verger, des Oliviers, de la Rivière, des Chênes, du Parc, de l'Étang, des Prés, du Soleil,
des Vignes, du Port, de la Plage, des Remparts, de la Colline, du Bocage, des Marronniers, du Mail,
des Cèdres, de la Loire, du Rhône, de la Vallée, du Plateau, des Alpes, du Littoral, de l'Abbaye,
du Bois, des Lilas, de la Tour, du Pont, des Hauts, de la Côte, du Vieux Port, des Dunes, du Golf
""")
PROPER_PARTS = _words("""
Bellevue, Beau Site, Beausoleil, Val Fleuri, Montvert, Bon Secours, Jean Jaurès, Pasteur, Saint-Exupéry,
Marie Curie, Victor Hugo, Jules Ferry, Les Peupliers, Les Acacias, Les Mimosas, Les Bleuets,
Les Lavandes, Les Camélias, Les Platanes, Les Érables, Les Ormes, Les Cerisiers, Les Aubépines,
Le Belvédère, Le Manoir, La Source, La Pinède, La Châtaigneraie, L'Oustal, Ker Anna, Ty Mor,
Le Hameau, Les Terrasses, Les Balcons, Le Mas, La Bastide, Port-Marie, Mont-Blanc, Château-Blanc,
Beaurivage, Clairval, Bel Air, Belle-Île, Bois-Guillaume, Vert Galant, Les Bruyères, Les Genêts
""")
GROUPS = _words("Korian, Orpea, Emeis, DomusVi, LNA Santé, Ramsay, Elsan, Vivalto, Clinea, UGECAM, "
                "Colisée, Domidep, Almage, Mutualité, Croix-Rouge, Fondation Partage et Vie")
PLACE_HEADS = _words("Résidence, Villa, Le Clos, Les Jardins, Domaine, La Maison, Le Parc, Les Rives, "
                     "Les Terrasses, Le Val, Le Hameau, Les Balcons, Le Domaine, Le Château")


def proper_facility_name(rng: random.Random) -> str:
    """The proper part: "Les Tilleuls", "Résidence du Moulin", "du Lac", "Korian Bellevue"."""
    r = rng.random()
    if r < 0.3:
        name = f"{rng.choice(PLACE_HEADS)} {rng.choice(LOCATIVES)}"
    elif r < 0.5:
        name = rng.choice(PROPER_PARTS + NICE_NAMES)
    elif r < 0.62:
        name = rng.choice(SAINT_NAMES)
    elif r < 0.8:
        name = rng.choice(LOCATIVES)
    else:
        town = rng.choice(TOWNS)[0]
        name = f"{rng.choice(PROPER_PARTS + PLACE_HEADS)} de {town}" if rng.random() < 0.3 else town
    if rng.random() < 0.12:
        name = f"{rng.choice(GROUPS)} {name}"
    return name


def typed_facility(rng: random.Random) -> str:
    return f"{rng.choice(TYPE_WORDS)} {proper_facility_name(rng)}"


def hospital(rng: random.Random) -> str:
    name = _hospital(rng)
    if rng.random() < 0.04:
        return name.upper()  # letterheads: "CENTRE HOSPITALIER DE ..."
    if rng.random() < 0.25 and name[0].isupper() and not name.startswith(("CH", "EHPAD", "GH", "HEGP", "SSR", "SMR", "USLD", "MAS", "IME", "CMP")):
        name = name[0].lower() + name[1:]  # "hôpital Bichat", "clinique du Parc"
    return name


def _hospital(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return typed_facility(rng)
    r = rng.random()
    if r < 0.08:
        return rng.choice(SHORT_NAMES)
    if r < 0.3:
        return rng.choice(NAMED_HOSPITALS)
    town = rng.choice(TOWNS)[0]
    if r < 0.6:
        kind = rng.choice(FACILITY_KINDS)
        if town[0] in "AEIOUÉÈ" and kind.endswith(" de"):
            return f"{kind[:-3]} d'{town}"
        return f"{kind} {town}"
    if r < 0.72:
        return f"Clinique {rng.choice(SAINT_NAMES + NICE_NAMES)}"
    if r < 0.84:
        return f"EHPAD {rng.choice(NICE_NAMES)}"
    if r < 0.9:
        return f"Cabinet médical {rng.choice(['du Parc', 'des Arcades', 'de la Gare', 'Pasteur', 'du Centre'])}"
    if r < 0.95:
        return f"Maison de santé de {town}"
    return f"Laboratoire {rng.choice(['Biogroup', 'Cerballiance', 'Synlab', 'Eurofins Biomnis', 'Bio-Ouest'])} {town}"
