"""Name pools, by origin, written for this project, with a held-out pool never trained on.

Why so many origins: patients in France carry names from everywhere, and a model that only
saw "Martin"/"Dupont" learns a lexicon, not the context. The held-out pool measures the
latter: names the model has never seen, in contexts it has.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache


def _words(block: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in block.split(",") if w.strip())


LAST_FRENCH = _words("""
Martin, Bernard, Thomas, Petit, Robert, Richard, Durand, Dubois, Moreau, Laurent, Simon, Michel,
Lefebvre, Leroy, Roux, David, Bertrand, Morel, Fournier, Girard, Bonnet, Dupont, Lambert, Fontaine,
Rousseau, Vincent, Lefèvre, Faure, André, Mercier, Blanc, Guérin, Boyer, Garnier, Chevalier,
François, Legrand, Gauthier, Perrin, Robin, Clément, Morin, Nicolas, Henry, Roussel, Mathieu,
Masson, Marchand, Duval, Denis, Dumont, Lemaire, Noël, Dufour, Meunier, Brun, Blanchard, Giraud,
Joly, Rivière, Lucas, Brunet, Gaillard, Barbier, Arnaud, Gérard, Roche, Renard, Roy, Leroux, Colin,
Vidal, Caron, Picard, Roger, Fabre, Aubert, Lemoine, Renaud, Dumas, Lacroix, Olivier, Bourgeois,
Benoît, Rey, Leclerc, Rolland, Leclercq, Guillaume, Lecomte, Dupuy, Guillot, Hubert, Berger,
Carpentier, Dupuis, Moulin, Deschamps, Huet, Vasseur, Boucher, Fleury, Royer, Jacquet, Adam,
Poirier, Marty, Aubry, Guyot, Carré, Charpentier, Ménard, Maillard, Baron, Bertin, Bailly, Hervé,
Collet, Léger, Bouvier, Julien, Prévost, Millet, Perrot, Cousin, Germain, Breton, Besson, Langlois,
Rémy, Pelletier, Lévêque, Perrier, Leblanc, Barré, Lebrun, Marchal, Mallet, Hamon, Boulanger,
Jacob, Monnier, Michaud, Guichard, Gillet, Étienne, Poulain, Tessier, Chevallier, Chauvin, Bouchet,
Lemaître, Bénard, Maréchal, Humbert, Reynaud, Antoine, Perret, Barthélemy, Cordier, Pichon, Lejeune,
Lamy, Delaunay, Pasquier, Carlier, Laporte, Lebon, Laforêt, Mouton, Poisson, Cœur, Delacroix,
Vaillant, Courtois, Bouchard, Desmoulins, Lagarde, Beaulieu, Sauvage, Pruvost, Delmas, Castel,
Laffitte, Cazenave, Labadie, Pujol, Bousquet, Couderc, Gasquet, Peyrot, Vigouroux, Chabert,
Thibault, Grosjean, Bouquet, Texier, Rigaud, Ferrand, Favre, Tissot, Vuillemin, Jeannin, Billard
""")

LAST_BRETON_ALSACE_CORSICA = _words("""
Le Gall, Le Goff, Le Bihan, Kerbrat, Le Floch, Le Meur, Le Corre, Guivarc'h, Le Guen, Le Borgne,
Morvan, Quéré, Le Bris, Le Roux, Jaouen, Tanguy, Le Bras, Le Moal, Kervella, Le Gac, Riou,
Schmitt, Muller, Meyer, Weber, Klein, Wagner, Schneider, Fischer, Hoffmann, Kieffer, Zimmermann,
Schaeffer, Koehler, Heitz, Wolff, Santoni, Luciani, Filippi, Casanova, Pietri, Albertini, Mattei,
Leca, Paoli, Giacomoni, Payet, Hoarau, Grondin, Técher, Dijoux, Nativel, Clain, Jean-Baptiste,
Pierre-Louis, Saint-Cyr, Bellance, Ursulet, Zami, Jean-Louis, Calixte, Théodose, Marie-Sainte
""")

LAST_PARTICLE = _words("""
de La Fontaine, de Villiers, du Pont, de Saint-Exupéry, de Beaumont, d'Arcy, de la Roche,
van der Berg, De Smet, d'Ornano, de Montalembert, des Roches, de Lattre, de Castelnau, Le Clerc,
de Kerguelen, du Plessis, de Broglie, Van den Bossche, De Meyer, Dell'Acqua, Di Stefano, Lo Russo,
Da Costa, Dos Santos, De Oliveira, El Khoury, Ben Ahmed, Aït Ali, Ben Youssef, El Idrissi, Abou Zeid
""")

LAST_MAGHREB = _words("""
Benali, Haddad, Bouzid, Mansouri, Cherif, Belkacem, Amrani, Benaissa, Boukhari, Hamidi, Zerrouki,
Khelifi, Saidi, Brahimi, Belhadj, Djebbar, Meziane, Taleb, Ouali, Rahmani, El Amrani, Benjelloun,
Tazi, Alaoui, Chaoui, Ferhat, Lounis, Bensaïd, Abdelli, Guendouz, Hadj-Ahmed, Kaci, Mokrani,
Slimani, Ziani, Boudjema, Messaoudi, Benmansour, Azzouz, Belaïd, Chabane, Hammoudi, Larbi, Touati
""")

LAST_WEST_AFRICA = _words("""
Diallo, N'Diaye, Traoré, Diop, Koné, Coulibaly, Camara, Cissé, Sow, Ba, Fofana, Touré, Keita, Sylla,
Sissoko, Konaté, Sané, Diarra, Kouyaté, Bamba, Ouattara, Diakité, Mbaye, Faye, Sarr, Gueye, Ndour,
Kanté, Doumbia, Dembélé, Kouassi, Yao, Koffi, N'Guessan, Mendy, Gomis, Tall, Dia, Niang, Seck,
Mbappé, Nkoulou, Eto'o, Mbongo, Tchatchoua, Kamdem, Ngono, Mukendi, Kabongo, Lumumba
""")

LAST_IBERIA_ITALY = _words("""
Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Gonçalves, Lopes, Sousa, Fernandes,
Carvalho, Teixeira, Almeida, Ribeiro, Pinto, Monteiro, Moreira, Cardoso, Mendes, Rocha, Azevedo,
De Sousa, Marques, Correia, Nunes, Vieira, Barbosa, Coelho, Rossi, Russo, Ferrari, Esposito, Bianchi,
Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca, Mancini, Giordano, Rizzo,
Lombardi, Moretti, Barbieri, Santoro, Mariani, Rinaldi, Caruso, Ferrara, Galli, Martini, Leone,
Longo, Gentile, Martinelli, Vitale, Serra, Coppola, De Santis, D'Angelo, Marchetti, García,
Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Gómez, Jiménez, Ruiz, Hernández,
Díaz, Moreno, Álvarez, Muñoz, Romero, Alonso, Gutiérrez, Navarro, Torres, Domínguez, Vázquez,
Ramos, Gil, Ramírez, Serrano, Blanco, Molina, Ortega, Delgado, Castro, Ortiz, Rubio, Marín, Sanz,
Iglesias, Núñez, Medina
""")

LAST_ASIA_TURKEY_EAST = _words("""
Nguyen, Tran, Le, Pham, Hoang, Huynh, Phan, Vu, Vo, Dang, Bui, Do, Ho, Ngo, Duong, Ly, Truong, Dinh,
Lam, Trinh, Wang, Li, Zhang, Liu, Chen, Yang, Zhao, Wu, Zhou, Lin, Yilmaz, Kaya, Demir, Şahin, Çelik,
Yildiz, Yildirim, Öztürk, Aydin, Özdemir, Arslan, Doğan, Kiliç, Aslan, Çetin, Kara, Koç, Kurt,
Özkan, Şimşek, Polat, Korkmaz, Erdoğan, Güneş, Aktaş, Kowalski, Nowak, Wiśniewski, Wójcik,
Kowalczyk, Kamiński, Lewandowski, Zieliński, Szymański, Woźniak, Dąbrowski, Popescu, Ionescu, Popa,
Constantin, Dumitru, Petrov, Ivanov, Smirnov, Kuznetsov, Popov, Sokolov, Novak, Horvat, Kovačević,
Jovanović, Petrović, Nikolić, Marković, Horváth, Nagy, Kovács, Szabó, Tóth, Dvořák, Svoboda,
Novotný, Shevchenko, Bondarenko, Kovalenko, Tkachenko, Melnyk, Petrossian, Manoukian, Sarkissian,
Hovsepian, Sharma, Patel, Singh, Kumar, Rahman, Hossain, Silva, Santos, Haddadi, Karimi, Hosseini,
Sok, Chea, Heng, Vann, Meas, Keo, Chhun, Seng, Prak, Chan, Mao, Hun, Sam, Nhem, Phal, Kong, Yim,
Souvannavong, Phommachanh, Sisavath, Vongsa, Inthavong, Keomany, Thao, Vang, Xiong, Moua
""")

# Vietnamese full names are family, middle, given ("Nguyen Van Minh"); Khmer and Lao names
# put the family name first too. The middle + given part is one first-name span.
VIET_MIDDLE = _words("Thi, Van, Thi, Van, Ngoc, Duc, Minh, Thanh, Huu, Kim, Xuan, Quoc, Bich, Hong")
VIET_GIVEN = _words("""
Lan, Mai, Hoa, Huong, Linh, Trang, Phuong, Hanh, Yen, Thao, Dung, Hung, Tuan, Minh, Nam, Long, Hai,
Son, Quang, Hieu, Tam, Loan, Ha, Nga, Van, Cuong, Thang, Vinh, Dat, Anh, Thu, Hien, Hang, Oanh, Tien
""")
KHMER_LAO_GIVEN = _words("""
Sokha, Dara, Sophal, Channary, Bopha, Vuthy, Sreymom, Rithy, Sothea, Piseth, Sophea, Chenda, Kosal,
Malis, Sokunthea, Vannak, Phalla, Sovann, Kanha, Samnang, Bounmy, Somphone, Khamla, Vilayvanh,
Souksavanh, Noy, Phet, Chantha
""")

FIRST_FRENCH = _words("""
Jean, Marie, Michel, Philippe, Nathalie, Isabelle, Sylvie, Catherine, Françoise, Christine, Alain,
Patrick, Nicolas, Christophe, Stéphane, Sandrine, Valérie, Véronique, Laurent, Frédéric, Éric,
Pascal, Thierry, Olivier, David, Sébastien, Julien, Céline, Aurélie, Émilie, Julie, Camille, Léa,
Manon, Chloé, Emma, Louise, Alice, Lucas, Hugo, Louis, Gabriel, Arthur, Jules, Raphaël, Paul,
Théo, Nathan, Maxime, Antoine, Thomas, Clément, Romain, Mathilde, Pauline, Margaux, Sophie, Anne,
Jacqueline, Monique, Josette, Yvette, Germaine, Simone, Odette, Raymond, Marcel, Roger, René,
Lucien, Gérard, Bernard, Daniel, Claude, Jacques, Henri, André, Pierre, Yves, Guy, Gilles, Denis,
Hélène, Martine, Brigitte, Chantal, Danielle, Colette, Ginette, Huguette, Jeannine, Marguerite,
Thérèse, Madeleine, Solange, Paulette, Geneviève, Bernadette, Agnès, Éloïse, Zoé, Inès, Lina, Jade,
Ambre, Léna, Rose, Anna, Juliette, Lou, Mila, Nina, Adèle, Clémence, Capucine, Victoire, Constance,
Blanche, Violette, Océane, Aurore, Céleste, Colombe, Margot, Florence, Nancy, Lorraine, Pierre-Yves,
Jean-Pierre, Jean-Claude, Jean-Marc, Marie-Claire, Marie-Thérèse, Anne-Sophie, Marie-Hélène,
Jean-François, Jean-Luc, Marie-Christine, Anne-Laure, Paul-Henri, Loïc, Gwenaël, Maël, Erwan,
Yann, Ronan, Nolwenn, Gwendoline, Tristan, Baptiste, Quentin, Bastien, Timothée, Augustin, Benoît,
Gaspard, Félix, Victor, Léon, Lucie, Élise, Noémie, Justine, Charlotte, Oscar, Noé, Sacha, Ethan,
Kevin, Dylan, Jordan, Jennifer, Jessica, Cindy, Mélissa, Laetitia, Audrey, Coralie, Virginie, Karine,
Fabrice, Franck, Cédric, Jérôme, Ludovic, Gaëlle, Solène, Maëlys, Lilou, Prudence, Fleur, Olive,
Espérance, Honoré, Modeste, Désiré, Aimé, Fidèle, Clovis, Régis, Hervé, Didier, Serge, Joël
""")

FIRST_WORLD = _words("""
Mohamed, Ahmed, Karim, Nadia, Fatima, Yasmine, Samira, Rachid, Mehdi, Sofiane, Amine, Leïla, Nour,
Yacine, Bilal, Hakim, Farid, Malika, Khadija, Aïcha, Zohra, Djamel, Mourad, Nassim, Walid, Sonia,
Karima, Houria, Abdelkader, Lamia, Salima, Hamza, Ilyes, Rayan, Anissa, Youssef, Omar, Meriem,
Mamadou, Moussa, Ousmane, Aminata, Fatoumata, Awa, Mariama, Ibrahima, Cheikh, Abdoulaye, Aïssatou,
Kadiatou, Boubacar, Seydou, Adama, Oumar, Binta, Ramatoulaye, Kofi, Aya, Adjoua, Yaw, Souleymane,
Djeneba, Assa, Modibo, Blessing, Grâce, Divine, Merveille, João, José, Manuel, António, Maria, Ana,
Conceição, Fernanda, Joaquim, Rui, Paulo, Sandra, Catarina, Tiago, Nuno, Filipe, Giuseppe,
Giovanni, Antonio, Marco, Francesca, Giulia, Chiara, Alessandro, Lorenzo, Matteo, Luca, Paola, Rosa,
Salvatore, Vincenzo, Carmela, Angela, Carmen, Dolores, Pilar, Javier, Alejandro, Jorge, Pablo,
Sergio, Raúl, Lucía, Elena, Marta, Rocío, Consuelo, Francisco, Miguel, Ángel, Minh, Anh, Linh, Thanh,
Huong, Lan, Mai, Tuan, Hung, Dung, Hoa, Quang, Trang, Phuong, Long, Hai, Nam, Thu, Wei, Jing, Xiao,
Mehmet, Mustafa, Ahmet, Ali, Hüseyin, Hasan, İbrahim, Emine, Ayşe, Fatma, Zeynep, Elif, Merve, Emre,
Murat, Burak, Selin, Ebru, Piotr, Katarzyna, Agnieszka, Tomasz, Andrzej, Magdalena, Ion, Mihai,
Andrei, Ioana, Olga, Natalia, Svetlana, Irina, Dmitri, Sergei, Oksana, Vasyl, Yulia, Bogdan, Dragan,
Milan, Jelena, László, Jana, Petra, Arsène, Aram, Anahit, Priya, Rahul, Arjun, Darius, Shirin
""")

# Never used to build training text. Checked disjoint from every training pool (see tests).
HELDOUT_LAST = _words("""
Quintard, Vaillancourt, Brisebois, Ravanel, Tholozan, Escoffier, Courtecuisse, Abitbol, Haddouche,
Bouchentouf, Lakhdari, Ouedraogo, Kaboré, Sawadogo, Zongo, Agbodjan, Adjovi, Houngbo, Tshibanda,
Ilunga, Magalhães, Quaresma, Sequeira, Figueiredo, Esteves, Albanese, Cavallaro, Bellomo, Sciarra,
Etxeberria, Goikoetxea, Arrieta, Quiroga, Vuong, Khuu, Quach, Tieu, Luong, Kocabaş, Akgül,
Bayraktar, Ünal, Karadeniz, Grabowski, Zawadzki, Jabłoński, Wróbel, Stoica, Munteanu, Gheorghiu,
Vlasenko, Moroz, Hrabal, Lemercier, Dessaigne, Pomarède, Castagnède, Lavergne, Trouillard,
Gourvennec, Le Scouarnec, Kerjean, Ansquer, de Sérigny, du Tertre, N'Dong, Mboumba, Ramanantsoa,
Rakotomalala, Andriamasy, Taïeb, Bouhlel, Zeghouani, Ferrandi, Orsini, Vannucci, Heckmann, Stoessel
""")

HELDOUT_FIRST = _words("""
Gaëtane, Ombeline, Sixtine, Enguerrand, Anatole, Philibert, Apolline, Bérangère, Ghislaine, Maxence,
Évariste, Honorine, Léontine, Séraphin, Wassim, Ryad, Nawel, Souad, Lakhdar, Kheira, Fodé, Sékou,
Mariétou, Coumba, Penda, Tidiane, Gonçalo, Leonor, Duarte, Graziella, Donatella, Ottavio, Iñaki,
Itziar, Begoña, Nieves, Thuy, Khanh, Nhung, Bao, Gökhan, Sevgi, Wojciech, Grzegorz, Bożena, Radu,
Florin, Oana, Taras, Bohdan, Armelle, Gwladys, Hortense, Ysaline, Tanguy-Marie, Marie-Josèphe,
Faustine, Aldric, Eudes, Théophane, Malo, Perrine, Roxane, Soizic, Yolande, Wilfried, Ulysse
""")


@dataclass(frozen=True, slots=True)
class NamePool:
    """First and last names to draw from; `heldout` pools feed only the held-out test set."""

    first: tuple[str, ...]
    last: tuple[str, ...]
    heldout: bool


def _faker_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    try:
        from faker.providers.person.fr_FR import Provider
    except ImportError:  # corpus still works without faker, with fewer names
        return (), ()
    first = tuple(Provider.first_names_male) + tuple(Provider.first_names_female)
    return first, tuple(Provider.last_names)


def _key(name: str) -> str:
    return name.casefold()


@lru_cache(maxsize=2)
def pool(heldout: bool = False) -> NamePool:
    """The training pool (hand-written + Faker fr_FR, minus held-out) or the held-out pool."""
    held_first = {_key(n) for n in HELDOUT_FIRST}
    held_last = {_key(n) for n in HELDOUT_LAST}
    if heldout:
        return NamePool(HELDOUT_FIRST, HELDOUT_LAST, True)
    faker_first, faker_last = _faker_names()
    first = _dedupe(FIRST_FRENCH + FIRST_WORLD + faker_first, held_first | held_last)
    last = _dedupe(
        LAST_FRENCH + LAST_BRETON_ALSACE_CORSICA + LAST_PARTICLE + LAST_MAGHREB
        + LAST_WEST_AFRICA + LAST_IBERIA_ITALY + LAST_ASIA_TURKEY_EAST + faker_last,
        held_first | held_last,
    )
    return NamePool(first, last, False)


def _dedupe(names: tuple[str, ...], banned: set[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for n in names:
        k = _key(n)
        if k not in seen and k not in banned:
            seen.add(k)
            out.append(n)
    return tuple(out)


# Names that are also common words, towns or medical eponyms in their own right: drawn more
# often than their frequency so the model must use context, not the lexicon.
WORDLIKE_FIRST = _words("Rose, Pierre, Nancy, Florence, Lorraine, Victoire, Prudence, Constance, "
                        "Blanche, Olive, Violette, Fleur, Aurore, Céleste, Margot, Modeste, Aimé")
WORDLIKE_LAST = _words("Petit, Boulanger, Meunier, Legrand, Roux, Blanc, Lebon, Fontaine, Bonnet, "
                       "Renard, Lejeune, Marchand, Chevalier, Mouton, Poisson, Cœur, Rivière, "
                       "Laforêt, Sauvage, Vaillant, Courtois, Paris, Lyon, Florence, Pierre, Roche")


class _Markov:
    """Character trigram model of a name list: invents plausible new names, so the model
    learns what a name looks like rather than memorising the pool."""

    def __init__(self, names: tuple[str, ...], banned: set[str]) -> None:
        self.next: dict[str, list[str]] = {}
        self.banned = banned | {_key(n) for n in names}
        for n in names:
            if " " in n or "-" in n:
                continue
            padded = "^^" + n.lower() + "$"
            for i in range(2, len(padded)):
                self.next.setdefault(padded[i - 2:i], []).append(padded[i])

    def invent(self, rng: random.Random) -> str | None:
        for _ in range(5):
            ctx, out = "^^", ""
            while len(out) < 14:
                ch = rng.choice(self.next.get(ctx, ["$"]))
                if ch == "$":
                    break
                out += ch
                ctx = ctx[1] + ch
            if 4 <= len(out) <= 12 and _key(out) not in self.banned:
                return out[0].upper() + out[1:]
        return None


@lru_cache(maxsize=1)
def _inventors() -> tuple[_Markov, _Markov]:
    p = pool(False)
    banned = {_key(n) for n in HELDOUT_FIRST + HELDOUT_LAST}
    return _Markov(p.first, banned), _Markov(p.last, banned)


def first_name(rng: random.Random, p: NamePool) -> str:
    if not p.heldout and rng.random() < 0.08:
        return rng.choice(WORDLIKE_FIRST)
    if not p.heldout and rng.random() < 0.07:
        invented = _inventors()[0].invent(rng)
        if invented:
            return invented
    if not p.heldout and rng.random() < 0.04:
        return asian_given(rng)
    name = rng.choice(p.first)
    if rng.random() < 0.06 and "-" not in name:  # compound first name
        other = rng.choice(p.first)
        if "-" not in other and other != name:
            name = f"{name}-{other}"
    return name


def last_name(rng: random.Random, p: NamePool) -> str:
    if not p.heldout and rng.random() < 0.08:
        return rng.choice(WORDLIKE_LAST)
    if not p.heldout and rng.random() < 0.1:
        invented = _inventors()[1].invent(rng)
        if invented:
            return invented
    name = rng.choice(p.last)
    if rng.random() < 0.04 and " " not in name:  # double-barrelled
        other = rng.choice(p.last)
        if " " not in other and other != name:
            name = f"{name}-{other}"
    return name


def asian_given(rng: random.Random) -> str:
    """A multi-part given name ("Thi Lan") or a Khmer/Lao one ("Sokha"): a shape rarely seen
    with a civility title, so the model must learn it from the surrounding words."""
    if rng.random() < 0.65:
        return f"{rng.choice(VIET_MIDDLE)} {rng.choice(VIET_GIVEN)}"
    return rng.choice(KHMER_LAO_GIVEN)
