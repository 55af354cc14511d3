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


def hospital(rng: random.Random) -> str:
    name = _hospital(rng)
    if rng.random() < 0.25 and name[0].isupper() and not name.startswith(("CH", "EHPAD", "GH", "HEGP")):
        name = name[0].lower() + name[1:]  # "hôpital Bichat", "clinique du Parc"
    return name


def _hospital(rng: random.Random) -> str:
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
