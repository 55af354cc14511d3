"""Street addresses, postcodes and towns, French mainland and overseas.

Street names deliberately reuse people's names ("rue Victor Hugo", "avenue Jean Jaurès"):
inside an address they are ADRESSE, not NOM, and the model must learn the difference.
"""

from __future__ import annotations

import random

from guard.training.corpus.doc import Piece
from guard.training.corpus.names import _words

# (town, postcode) pairs; a few towns share names with first names or common words.
TOWNS: tuple[tuple[str, str], ...] = (
    ("Paris", "75013"), ("Paris", "75018"), ("Paris", "75011"), ("Marseille", "13005"),
    ("Lyon", "69003"), ("Toulouse", "31000"), ("Nice", "06000"), ("Nantes", "44000"),
    ("Montpellier", "34000"), ("Strasbourg", "67000"), ("Bordeaux", "33000"), ("Lille", "59000"),
    ("Rennes", "35000"), ("Reims", "51100"), ("Toulon", "83000"), ("Saint-Étienne", "42000"),
    ("Le Havre", "76600"), ("Grenoble", "38000"), ("Dijon", "21000"), ("Angers", "49000"),
    ("Nîmes", "30000"), ("Villeurbanne", "69100"), ("Clermont-Ferrand", "63000"),
    ("Le Mans", "72000"), ("Aix-en-Provence", "13100"), ("Brest", "29200"), ("Tours", "37000"),
    ("Amiens", "80000"), ("Limoges", "87000"), ("Annecy", "74000"), ("Perpignan", "66000"),
    ("Boulogne-Billancourt", "92100"), ("Metz", "57000"), ("Besançon", "25000"),
    ("Orléans", "45000"), ("Saint-Denis", "93200"), ("Argenteuil", "95100"), ("Rouen", "76000"),
    ("Mulhouse", "68100"), ("Montreuil", "93100"), ("Caen", "14000"), ("Nancy", "54000"),
    ("Tourcoing", "59200"), ("Roubaix", "59100"), ("Nanterre", "92000"), ("Vitry-sur-Seine", "94400"),
    ("Avignon", "84000"), ("Créteil", "94000"), ("Poitiers", "86000"), ("Aubervilliers", "93300"),
    ("Pau", "64000"), ("Calais", "62100"), ("La Rochelle", "17000"), ("Champigny-sur-Marne", "94500"),
    ("Antibes", "06600"), ("Béziers", "34500"), ("Cannes", "06400"), ("Colmar", "68000"),
    ("Quimper", "29000"), ("Lorient", "56100"), ("Vannes", "56000"), ("Saint-Brieuc", "22000"),
    ("Morlaix", "29600"), ("Bayonne", "64100"), ("Ajaccio", "20000"), ("Bastia", "20200"),
    ("Troyes", "10000"), ("Chartres", "28000"), ("Laval", "53000"), ("Niort", "79000"),
    ("Agen", "47000"), ("Albi", "81000"), ("Rodez", "12000"), ("Aurillac", "15000"),
    ("Périgueux", "24000"), ("Valence", "26000"), ("Chambéry", "73000"), ("Gap", "05000"),
    ("Digne-les-Bains", "04000"), ("Mende", "48000"), ("Foix", "09000"), ("Tarbes", "65000"),
    ("Auch", "32000"), ("Mont-de-Marsan", "40000"), ("Lourdes", "65100"), ("Vichy", "03200"),
    ("Moulins", "03000"), ("Nevers", "58000"), ("Auxerre", "89000"), ("Épinal", "88000"),
    ("Charleville-Mézières", "08000"), ("Saint-Quentin", "02100"), ("Beauvais", "60000"),
    ("Évreux", "27000"), ("Alençon", "61000"), ("Cherbourg-en-Cotentin", "50100"),
    ("Saint-Malo", "35400"), ("Dinan", "22100"), ("Lannion", "22300"), ("Florac", "48400"),
    ("Saint-Denis", "97400"), ("Saint-Pierre", "97410"), ("Le Tampon", "97430"),
    ("Saint-Paul", "97460"), ("Fort-de-France", "97200"), ("Le Lamentin", "97232"),
    ("Pointe-à-Pitre", "97110"), ("Les Abymes", "97139"), ("Basse-Terre", "97100"),
    ("Cayenne", "97300"), ("Kourou", "97310"), ("Mamoudzou", "97600"), ("Dzaoudzi", "97615"),
    ("Nouméa", "98800"), ("Papeete", "98714"), ("Saint-Pierre", "97500"),
    ("Ploubazlanec", "22620"), ("Saint-Jean-de-Luz", "64500"), ("Villeneuve-d'Ascq", "59650"),
    ("Bourg-en-Bresse", "01000"), ("Châlons-en-Champagne", "51000"), ("Le Puy-en-Velay", "43000"),
    ("Sète", "34200"), ("Arles", "13200"), ("Fréjus", "83600"), ("Menton", "06500"),
    ("Maisons-Alfort", "94700"), ("Ivry-sur-Seine", "94200"), ("Clichy", "92110"),
    ("Sarcelles", "95200"), ("Meaux", "77100"), ("Melun", "77000"), ("Évry-Courcouronnes", "91000"),
    ("Cergy", "95000"), ("Versailles", "78000"), ("Poissy", "78300"), ("Mantes-la-Jolie", "78200"),
)

STREET_TYPES = _words("rue, rue, rue, avenue, avenue, boulevard, bd, av., chemin, impasse, allée, "
                      "place, quai, route, cours, square, passage, sentier, voie, montée, rond-point, "
                      "résidence, cité, lotissement, hameau, faubourg, promenade, esplanade, chaussée")

STREET_NAMES = _words("""
Victor Hugo, Jean Jaurès, de la République, de la Paix, Pasteur, Gambetta, du Général de Gaulle,
des Lilas, des Roses, des Acacias, du Moulin, de l'Église, de la Gare, du Stade, des Écoles,
Voltaire, Émile Zola, Jules Ferry, Anatole France, Léon Blum, du Maréchal Leclerc, Carnot,
de Verdun, du 8 Mai 1945, du 11 Novembre, des Tilleuls, des Peupliers, du Château, de la Mairie,
Saint-Michel, Sainte-Anne, Nationale, de Paris, de Bretagne, des Marronniers, du Port, de la Plage,
des Vignes, Jean Moulin, Pierre Curie, Marie Curie, Louise Michel, Simone Veil, Aristide Briand,
Georges Clemenceau, Paul Vaillant-Couturier, Charles de Gaulle, Albert Camus, Frédéric Mistral,
du Docteur Roux, du Docteur Schweitzer, Ambroise Paré, Claude Bernard, Alexandre Dumas,
de la Liberté, des Fleurs, des Mimosas, des Pins, du Lavoir, de la Fontaine, du Four, Haute,
Basse, Neuve, Principale, des Chênes, des Bleuets, des Hirondelles, de Strasbourg, d'Alsace,
Lamartine, Molière, Racine, Condorcet, Mirabeau, Danton, Robespierre, Kléber, Foch, Joffre,
des Frères Lumière, Jacques Brel, Édith Piaf, Nelson Mandela, Martin Luther King, Rosa Parks,
du Commandant Charcot, de Lattre de Tassigny, des Cordiers, Sadi Carnot, Félix Faure
""")

LIEUX_DITS = _words("La Croix Blanche, Le Grand Pré, Les Quatre Vents, Kerhuel, Le Bourg, "
                    "La Métairie, Les Essarts, Le Moulin Neuf, La Maladrerie, Les Hauts de Garonne, "
                    "Bellevue, La Sablière, Le Clos Fleuri, Les Terres Rouges, Mont Vert")

RESIDENCES = _words("Les Tilleuls, Le Parc, Les Jardins de Flore, Bel Air, Les Magnolias, "
                    "Le Clos Saint-Jacques, Les Terrasses du Lac, Val Fleuri, Les Cèdres")


def town(rng: random.Random) -> tuple[str, str]:
    name, zipcode = _town(rng)
    if name.startswith(("Saint-", "Sainte-")) and rng.random() < 0.3:
        name = name.replace("Sainte-", rng.choice(["Ste-", "Ste "]), 1).replace("Saint-", rng.choice(["St-", "St "]), 1)
    return name, zipcode


def _town(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.2:
        try:
            from faker import Faker

            fk = _faker(rng)
            return fk.city(), fk.postcode()
        except ImportError:
            pass
    return rng.choice(TOWNS)


_FAKERS: dict[int, object] = {}


def _faker(rng: random.Random):
    from faker import Faker

    fk = _FAKERS.get(0)
    if fk is None:
        fk = Faker("fr_FR")
        _FAKERS[0] = fk
    fk.seed_instance(rng.randrange(1 << 30))
    return fk


def street(rng: random.Random) -> str:
    """The ADRESSE part: number (bis/ter), type, name; sometimes a lieu-dit or a building."""
    r = rng.random()
    if r < 0.07:
        return f"lieu-dit {rng.choice(LIEUX_DITS)}"
    if r < 0.12:
        return f"Résidence {rng.choice(RESIDENCES)}, bât. {rng.choice('ABCDE')}, apt {rng.randint(1, 120)}"
    if r < 0.15:
        return f"{rng.randint(1, 40)} {rng.choice(LIEUX_DITS)}"
    if r < 0.22:  # no street number
        return f"{rng.choice(STREET_TYPES)} {rng.choice(STREET_NAMES)}"
    num = str(rng.randint(1, 250))
    if rng.random() < 0.15:
        num += rng.choice([" bis", " ter", "bis", "B", " B", " quater"])
    kind = rng.choice(STREET_TYPES)
    name = rng.choice(STREET_NAMES)
    if rng.random() < 0.15:
        try:
            name = _faker(rng).street_name()
            return f"{num} {name}" if rng.random() < 0.8 else f"{num}, {name}"
        except ImportError:
            pass
    sep = ", " if rng.random() < 0.1 else " "
    return f"{num}{sep}{kind} {name}"


def address(rng: random.Random, multiline: bool = False) -> list[Piece]:
    """Street, postcode and town as labelled pieces, optionally with CEDEX/BP."""
    name, zipcode = town(rng)
    pieces: list[Piece] = [(street(rng), "ADRESSE")]
    pieces.append(("\n" if multiline else rng.choice([", ", " ", " - ", ", "]), None))
    if rng.random() < 0.05:
        pieces.append((f"BP {rng.randint(10, 999)}", "ADRESSE"))
        pieces.append((" ", None))
    if rng.random() < 0.1:  # town without postcode
        pieces.append((name, "VILLE"))
        return pieces
    pieces.append((zipcode, "ZIP"))
    pieces.append((" ", None))
    if rng.random() < 0.3:
        name = name.upper()
    pieces.append((name, "VILLE"))
    if rng.random() < 0.06:
        pieces.append((rng.choice([" CEDEX", " Cedex", f" CEDEX {rng.randint(1, 20)}"]), "VILLE"))
    return pieces
