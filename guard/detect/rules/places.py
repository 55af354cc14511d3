"""Street addresses (ADRESSE) and named care facilities (HOPITAL).

Both are anchored on a word that says what follows — a street type ("rue", "avenue",
"allée"…) or a facility type ("hôpital", "CHU", "clinique", "EHPAD"…) — so the rule stays
precise; addresses without such a word and hospitals known by name only ("Bichat") are
left to the model.

The anchor words are also ordinary French ("une place pour", "au cours de", "en chemin",
"examen clinique") and service types ("clinique de SSR", "hôpital de jour"), so a match
only counts when what follows is a proper name: not a service word or acronym, and — in
ALL-CAPS text, where capitals say nothing — not a function word. ALL-CAPS text keeps only
numbered addresses and the unambiguous street types ("RUE DE LA GARE").
"""

from __future__ import annotations

import bisect
import re

import regex

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.lexicon import is_medical_term
from guard.detect.plausibility import eponym_before
from guard.detect.rules._base import (
    AnyHint, CaselessHint, compile_pattern, has_digit, iter_matches, iter_matches_at, make, word_start_hint,
)
from guard.detect.rules._words import cue_set, fold_word, has_any, lowered
from guard.detect.rules._precompiled import compiled, compiled_re

_STREET_TYPE = (
    r"(?P<type>rue|avenue|av\.|bd|boulevard|place|pl\.|all[ée]e|impasse|imp\.|chemin|route|rte|quai|cours|"
    r"square|passage|lotissement|r[ée]sidence|cit[ée]|hameau|lieu-dit|voie|faubourg|fg|esplanade|"
    r"promenade|sentier|villa|parvis|mont[ée]e|rond-point|traverse|village)"
)
_LINK = r"(?:de\s+la|de\s+l['’]|des|du|de|d['’]|la|le|les|l['’]|et|aux?|sur|en)"
_WORD = r"[\p{L}][\p{L}'’]*(?:-[\p{L}'’]+)*"
_CAP_WORD = r"(?:\p{Lu}[\p{L}'’]*(?:-[\p{L}'’]+)*|\d{1,2}(?:er|e)?(?=\s))"
_INN_WORD = compiled(r"(?i)(?:azolam|az[ée]pam|morphine|fentanyl|insuline|parine|xaban|mycine|cilline|prazole)$")
_STOP = frozenset(
    "a à au aux et pour chez avec depuis qui est il elle on le la les un une son sa ses dans par "
    "vers puis mais ou où car donc tel tél tel. appt appartement bâtiment bat étage code cp".split()
)

_ADDRESS_NUMBERED = compile_pattern(
    rf"(?i)(?<![\w,./])(\d{{1,4}}(?:\s?(?:bis|ter|[a-d])(?!\w))?),?\s+{_STREET_TYPE}(?!\w)"
)
_ADDRESS_BARE = compile_pattern(
    rf"(?<!\w)(?i:{_STREET_TYPE})\s+(?:(?i:{_LINK})\s*)?{_CAP_WORD}(?:\s+(?:(?i:{_LINK})\s*)?{_CAP_WORD}){{0,4}}"
)
# Stdlib pre-scans: every place a bare street or a facility can start (see iter_matches_at).
_STREET_HINT = CaselessHint(r"(?<!\w)(?:" + _STREET_TYPE.replace("(?P<type>", "(?:") + r")")
_NAME_WORDS = compiled(rf"\s*(?:{_LINK}\s*)?({_WORD})", regex.IGNORECASE)

_FACILITY = compile_pattern(
    r"(?<!\w)(?:(?i:h[ôo]pital\s+d['’]instruction\s+des\s+arm[ée]es|maternit[ée]|centre\s+d['’]imagerie(?:\s+m[ée]dicale)?|"
    r"cabinet\s+(?:m[ée]dical|infirmier|dentaire|de\s+radiologie|de\s+kin[ée](?:sith[ée]rapie)?|d['’][ée]chographie|de\s+p[ée]diatrie|"
    r"d['’]ophtalmologie|de\s+cardiologie|de\s+sage-femme|de\s+psychologie|param[ée]dical)|centre\s+m[ée]dical|"
    r"pharmacie|laboratoire(?:\s+de\s+biologie(?:\s+m[ée]dicale)?|\s+d['’]analyses(?:\s+m[ée]dicales)?)?|"
    r"centre\s+d['’](?:IRM|imagerie|explorations?\s+fonctionnelles)|cabinet\s+d['’]IRM|cr[èe]che|"
    r"centre\s+de\s+soins\s+de\s+suite(?:\s+et\s+de\s+r[ée]adaptation)?|"
    r"centre\s+de\s+biologie|centre\s+de\s+soins(?:\s+infirmiers)?|p[ôo]le\s+de\s+sant[ée]|"
    r"centre\s+de\s+(?:radiologie|dialyse|radioth[ée]rapie)|h[ôo]pital|clinique|polyclinique|centre\s+hospitalier(?:\s+universitaire)?(?:\s+r[ée]gional)?|"
    r"groupe\s+hospitalier|centre\s+de\s+r[ée]adaptation|centre\s+de\s+r[ée][ée]ducation|centre\s+de\s+sant[ée]|maison\s+de\s+sant[ée]|"
    r"institut|fondation|ehpad|résidence|dispensaire|imagerie(?:\s+m[ée]dicale)?|"
    r"cabinet(?=\s+(?:de|d['’])\s*(?:[a-zé]{3,}(?:logie|iatrie|th[ée]rapie|graphie|chirurgie)|anatomie))|labo(?=\s+\p{Lu})|"
    r"centre(?=\s+(?:[a-zé]{3,}(?:ique|ogique)|m[ée]dico-[a-zé]+)\s)|cl[íi]nica|hospital(?=\s+(?:de|do|da|dos|das|del|San|Santa|São|Sant|Universit)))|CHU|CHRU|CHR|CHIC|CHIR|CHI|CHS|CHT|CHG|CH|GHU|GHT|GH|SSR|USLD|EHPAD|HIA|CMP|HAD|"
    r"SSIAD|SAAD|SPASAD|CMPP|CAMSP|CRA|CSAPA|CeGIDD|PMI|MSP|CPTS|ESA|LBM|SMR|IME|ITEP|ESAT|SESSAD|IEM|CMPR|EPSM|EPS)"
    r"(?:\s+[a-zà-ÿ]{3,}(?:-[a-zà-ÿ]{2,}){1,3})?"
    rf"(?:\s+(?i:priv[ée]e?|universitaire|mutualiste|psychiatrique|g[ée]n[ée]ral|pluriprofessionnelle|"
    rf"du\s+canton|de\s+secteur|intercommunal(?:e)?|municipal(?:e)?|communautaire|d[ée]partemental(?:e)?|"
    rf"civil|sp[ée]cialis[ée]|r[ée]gional(?:e)?|national(?:e)?|m[ée]dico-[a-zé]+|[a-zé]{{3,}}(?:ique|ogique)s?))?"
    rf"(?:\s+(?:de|d['’])\s*(?i:[a-zé]{{3,}}(?:logie|iatrie|th[ée]rapie|graphie|chirurgie|urgences|sant[ée]|soins)|"
    rf"anatomie(?:\s+et\s+(?:de\s+)?cytologie)?)"
    rf"(?:\s+[a-zé]{{3,}}(?:ique|ogique)s?)?)?"
    rf"(?P<name>(?:\s+(?:(?i:de\s+la|de\s+l['’]|des|du|de|d['’]|les|la|le|l['’]|dos|das|do|da|del)\s*)?\p{{Lu}}[\p{{L}}'’]*(?:-[\p{{L}}'’]+)*){{1,4}})"
)
# After an address label, a name with no number before the comma and the postcode: a lieu-dit
# or a residence ("Adresse : La Hunaudière, route de…", "Domicile : Kerangoff, 22200 Pabu").
_LABELLED_PLACE = compiled_re(
    r"(?i:adresse|domicile|demeurant)[ \t]*:[ \t]*"
    r"([A-ZÀ-Þ][\w'’\-]+(?:[ \t]+(?:[A-ZÀ-Þ][\w'’\-]+|de|du|des|la|le|les|d['’][A-ZÀ-Þ][\w'’\-]+)){0,4})"
    r"(?=[ \t]*,[ \t]*(?:\d|[a-zà-ÿ]+[ \t]+(?:de|du|des)\b|\w))"
)
_FIELD_LINE = compiled_re(r"[^\n:]{1,30}:")
_NO_ADDRESS = frozenset("inconnu inconnue néant neant aucune aucun sdf non nc idem voir même".split())
_SECTION = compiled_re(r"(?<![\w'’])[Ss]ection[ \t]+([A-ZÀ-Þ][\w'’\-]+(?:[ \t]+[A-ZÀ-Þ][\w'’\-]+)?)")
# SMS style, no capitals: "la clinique des cedres de blagnac", "ssr les tilleuls", "pmi de roubaix".
# Taken only where the text around has no capital at all, and when the name ends with a known
# town or is "les <word>" (the usual EHPAD/SSR name).
_LOWER_FACILITY_CUES = cue_set("clinique maternité ehpad ssr smr polyclinique pmi chu")
_LOWER_FACILITY = compiled_re(
    r"(?<![\w'’])(?:clinique|maternit[ée]|ehpad|ssr|smr|polyclinique|pmi|chu)[ \t]+"
    r"(?P<name>(?:du|des|de la|de l['’]|les|le|la|de|d['’])[ \t]*[a-zà-ÿ][a-zà-ÿ'’\-]+"
    r"(?:[ \t]+(?:(?:de|du|des|la|le|les|d['’]|l['’])[ \t]*)?[a-zà-ÿ][a-zà-ÿ'’\-]+){0,3})"
)


def _lower_facility_end(text: str, m: re.Match[str]) -> int | None:
    from guard.detect.rules.towns import _key, _not_alone, gazetteer

    window = text[max(0, m.start() - 60):m.end() + 20]
    if any(c.isupper() for c in window):
        return None  # ordinary writing: the capitalised forms are the other patterns' job
    words = m.group("name").split()
    keys = gazetteer()[0]
    for i in range(len(words), 0, -1):  # the longest run that ends with a known town
        key = _key(words[i - 1])
        if key in keys and key not in _not_alone() and len(words[i - 1]) >= 3:
            return m.start("name") + len(" ".join(words[:i])) if " ".join(words[:i]) in m.group("name") else None
    if words[0] == "les" and len(words) >= 2 and words[1] not in _FUNCTION:
        return m.start("name") + len(words[0]) + 1 + len(words[1])
    return None


# English facility names, the type word last ("St Thomas' Hospital", "Lagoon Heart Centre",
# "University Hospital Galway"): one to four capitalised words, then the type word.
_EN_FACILITY_WORD = compiled_re(r"\b(?:Hospital|Clinic|Infirmary|Cent(?:er|re)|Practice|Surgery)\b")
_EN_FACILITY = compiled_re(
    r"(?<![\w'’])(?P<name>(?:(?:St\.?|Saint|[A-Z][a-z]+(?:['’]s?)?|[A-Z]{2,5})[ \t]+){1,4})"
    r"(?:Hospital|Clinic|Infirmary|Medical[ \t]+Cent(?:er|re)|Health[ \t]+Cent(?:er|re)|Cent(?:er|re)|"
    r"(?:Family|Medical|General)[ \t]+(?:Practice|Surgery))"
    r"(?P<tail>[ \t]+(?:of[ \t]+)?(?!For\b|In\b|On\b|At\b|And\b|The\b)[A-Z][a-z]+)?"
)
_EN_GENERIC = frozenset(
    "the a an our your my his her their this that local nearest nearby general university children's "
    "childrens private public community regional district county medical health heart cancer eye "
    "dental teaching main big new old same other le la les du de des".split()
)
# Two scans, merged: the type words caselessly, the acronyms case-sensitively (see AnyHint).
_FACILITY_HINT = AnyHint(
    CaselessHint(
        r"(?<!\w)(?:h[ôo]pital|maternit[ée]|centre|cabinet|clinique|polyclinique|groupe|maison|institut|"
        r"fondation|ehpad|résidence|pharmacie|laboratoire|p[ôo]le|dispensaire|cl[íi]nica|hospital|imagerie|cr[èe]che)"
    ),
    word_start_hint(
        "CHU CHRU CHR CHIC CHIR CHI CHS CHT CHG CH GHU GHT GH SSR USLD EHPAD HIA CMP HAD SSIAD SAAD SPASAD CMPP "
        "CAMSP CRA CSAPA CeGIDD PMI MSP CPTS ESA LBM SMR IME ITEP ESAT SESSAD IEM CMPR EPSM EPS".split()
    ),
)
_CITY_NAME = r"(?:(?:Saint|Sainte|St|Ste|Le|La|Les|L['’])[\- ])?\p{Lu}[\p{Ll}'’]+(?:-(?:(?:sur|sous|en|l[èe]s|de|du|des|la|le|aux?|et)-|l['’])?\p{Lu}[\p{Ll}'’]+)*"
_CITY_CUED = compile_pattern(
    r"(?<!\w)(?:(?i:habite|r[ée]side|r[ée]sidant|domicili[ée]e?|demeurant|vit(?:\s+seule?)?|n[ée]e?s?|originaire|"
    r"d[ée]m[ée]nag\w*|install[ée]e?s?|h[ée]berg[ée]e?s?|vacances|s[ée]jour(?:ne)?|remplace|remplacement|exerce|"
    r"travaille|suivie?|hospitalis[ée]e?|d[ée]c[ée]d[ée]e?|rentr[ée]e?|rentre|retourne|partie?|voyage|"
    r"[ée]vacu\w*|transf[ée]r\w*|mut[ée]e?|domicile)"
    rf"(?!\w)[^.\n;:]{{0,40}}?\s(?:à|a|sur|vers)\s+({_CITY_NAME})(?!\w))"
)
# Stdlib pre-scan (see iter_matches_at): where a town cue can start, zero-width.
_CITY_CUED_HINT = CaselessHint(
    r"(?<!\w)(?=habite|r[ée]sid|domicili|demeurant|vit|n[ée]|originaire|d[ée]m[ée]nag|install|h[ée]berg|vacances|"
    r"s[ée]jour|remplace|exerce|travaille|suivi|hospitalis|d[ée]c[ée]d|rentr|retourne|parti|voyage|[ée]vacu|"
    r"transf[ée]r|mut[ée]|domicile)"
)
# English prompts: "lives in Haguenau", "moves to Manchester", "born in Oran".
_CITY_CUED_EN = compile_pattern(
    rf"(?<!\w)(?i:lives?|living|moves?|moving|moved|relocat(?:es?|ing|ed)|born|based|resides?|residing|"
    rf"comes?\s+from|is\s+from|GP|doctor|nurse|works?|working|practi[cs]e|fl(?:y|ies|ying|ew)|travel(?:l?ing|s|l?ed)?|"
    rf"going|went|visiting|holiday)(?:\s+(?:back|down|up|home))?\s+(?:in|to|at|from)\s+({_CITY_NAME})(?!\w)"
)
_CITY_CUED_EN_HINT = compiled_re(
    r"(?i)\b(?:liv|mov|relocat|born|based|resid|from|gp|doctor|nurse|work|practi|fl[yie]|flew|travel|go|went|visit|holiday)"
    r"\w*\s+(?:back\s+|down\s+|up\s+|home\s+)?(?:in|to|at|from)\s+[A-Z]"
)
# Holidays and feasts are capitalised after "à" too ("part à Noël"): never a town.
_NOT_TOWN = frozenset("noël noel pâques paques toussaint pentecôte pentecote ascension carnaval midi minuit".split())
# A facility's town written right after it, as letterheads do ("EHPAD Les Tilleuls, Dax",
# "Clinique Sainte-Anne — Hyères", "CHU de Nantes (site de Saint-Herblain)"): the town ends the line.
_CITY_AFTER = compile_pattern(
    rf"[ \t]*(?:,|[—–\-]|\(|(?<=\s)(?:à|in)(?=\s))[ \t]*(?:(?i:site\s+de|site)[ \t]+)?({_CITY_NAME})"
    rf"(?=[ \t]*(?:\n|$|\)|,|\.|;|:)|\s+(?:from|for|pour|par|depuis|le|on)\s)"
)
# A town right after a numbered street, without a postcode: "4 impasse des Lilas à Caluire-et-Cuire",
# "5 chemin du Moulin-Neuf, Poullaouen : pansement".
_TOWN_AFTER_ADDRESS = compile_pattern(
    rf"[ \t]*(?:,|(?<=\s)(?:à|a)(?=\s))[ \t]*({_CITY_NAME})(?=[ \t]*(?:\n|$|,|\.|;|:|\)|\s[–—\-]\s))"
)
# Public hospitals that clinicians name without a type word ("envoyé à Necker", "l'Hôtel-Dieu",
# "transférée vers la Pitié-Salpêtrière"): the names are public facts; the cue before them
# (a preposition or article) keeps eponyms and streets named after the same people out.
_KNOWN_NAMES = (
    "Necker", "Bichat", "Cochin", "Tenon", "Lariboisi[èe]re", "Piti[ée]-Salp[êe]tri[èe]re", "Piti[ée]",
    "Salp[êe]tri[èe]re", "H[ôo]tel-Dieu", "Saint-Antoine", "Robert-Debr[ée]", "Trousseau", "Bic[êe]tre",
    "Beaujon", "Avicenne", "Jean-Verdier", "Henri-Mondor", "Mondor", "Ambroise-Par[ée]", "Raymond-Poincar[ée]",
    "Georges-Pompidou", "HEGP", "Paul-Brousse", "Antoine-B[ée]cl[èe]re", "B[ée]cl[èe]re", "Louis-Mourier",
    "Rothschild", "Sainte-Anne", "Timone", "Conception", "[ÉE]douard-Herriot", "Croix-Rousse", "Purpan",
    "Rangueil", "Pellegrin", "Haut-L[ée]v[êe]que", "Hautepierre", "Pontchaillou", "Gui-de-Chauliac",
    "Lapeyronie", "Foch", "Percy", "B[ée]gin", "Val-de-Gr[âa]ce", "Bretonneau", "Charles-Foix",
    "Saint-Joseph", "Saint-Camille", "Saint-Vincent-de-Paul", "Armand-Trousseau", "Femme-M[èe]re-Enfant",
)
# Stdlib: one scan for the names, then a look at the few characters before each.
_KNOWN_HOSPITAL = compiled_re(rf"(?<![\w\-])(?:{'|'.join(_KNOWN_NAMES)})(?![\w\-])")
_KNOWN_CUE = compiled_re(
    r"(?i:(?:(?<!\w)(?:à|a|au|de|du|vers|chez|sur)\s+(?:l['’]\s*|la\s+)?|(?<!\w)l['’]\s*|(?<!\w)la\s+|"
    r"(?<!\w)h[ôo]pital\s+|(?<!\w)urgences\s+de\s+|(?<!\w)site\s+de\s+))$|(?:^|\n)[ \t]*$"
)

# Every address pattern needs a street-type word, every facility pattern a facility word, every
# known hospital its last word (see _words): without them those scans are skipped.
_STREET_CUES = cue_set(
    "rue avenue av bd boulevard place pl allée impasse imp chemin route rte quai cours square passage "
    "lotissement résidence cité hameau lieu dit voie faubourg fg esplanade promenade sentier villa parvis "
    "montée rond point traverse village"
)
_FACILITY_CUES = cue_set(
    "hôpital maternité centre cabinet clinique polyclinique groupe maison institut fondation ehpad résidence "
    "pharmacie laboratoire pôle dispensaire clinica hospital imagerie chu chru chr chic chir chi chs cht chg ch ghu ght gh ssr usld hia cmp had ssiad "
    "saad spasad cmpp "
    "camsp cra csapa cegidd pmi msp cpts esa lbm smr ime itep esat sessad iem cmpr crèche creche epsm eps"
)
_KNOWN_CUES = frozenset(  # "Piti[ée]-Salp[êe]tri[èe]re" -> "salpetriere"
    re.findall(r"[a-z]+", fold_word(re.sub(r"\[(.)[^\]]*\]", r"\1", n)))[-1] for n in _KNOWN_NAMES
)

# Words before "clinique" when it names a place ("à la clinique du Parc"); after any other
# word it is the adjective ("examen clinique", "probabilité clinique").
_CLINIC_BEFORE = frozenset("la une à a de en ma sa notre votre cette leur cliniques".split())

_FACILITY_STOP = frozenset(
    {"Madame", "Monsieur", "Mme", "M", "Dr", "Docteur", "Pr", "Professeur", "Service", "Cordialement"}
)

# Words that name a kind of care or a unit, not a place: alone after an anchor they are no
# name ("clinique de SSR", "hôpital de jour"); next to a name they are part of it ("GHU
# Paris Psychiatrie", "Institut de Cancérologie de Lorraine"). Case-folded.
_SERVICE = frozenset(
    "ssr usld smr had mco psy psychiatrie psychiatrique gériatrie geriatrie gériatrique réanimation "
    "reanimation réa rea urgences urgence jour nuit semaine soins suite suites long séjour sejour "
    "médecine medecine chirurgie pédiatrie pediatrie cardiologie neurologie oncologie maternité "
    "rééducation reeducation réadaptation readaptation convalescence douleur addictologie "
    "cancérologie cancerologie oncologie garde sommeil gynécologie gynecologie obstétrique obstetrique "
    "orthopédie orthopedie ophtalmologie dermatologie pneumologie gastro-entérologie gastro-enterologie "
    "néphrologie nephrologie urologie rhumatologie endocrinologie hématologie hematologie infectiologie "
    "radiologie radiothérapie radiotherapie dialyse kinésithérapie kinesitherapie nutrition palliatifs "
    "pédopsychiatrie pedopsychiatrie psychogériatrie neurochirurgie néonatologie neonatologie anesthésie "
    "imagerie sport".split()
)
# Identifier acronyms, professions and clinical acts: they always end a name ("Passage IDE",
# "SSR RPPS :", "cours Transfert vers…"). Case-folded.
_NOT_NAME = frozenset(
    "ide idel ipp nda rpps adeli finess ssiad cmp cmpp sau smur samu uhcd usic usc dim crh rdv "
    "service unité unite pôle pole transfert évaluation evaluation examen bilan suivi consultation "
    "traitement passage avis prise retour sortie hospitalisation admission patient patiente adressé "
    "adressée adresse".split()
)
# Function words end a name ("CHU POUR AVIS", "USLD Pas de…"): a place name is not "pour".
_FUNCTION = frozenset(
    "pour par avec sans dans sous chez vers ou mais donc car ni que qui quoi il elle ils elles on je tu "
    "nous vous un une ce cette ces son sa ses leur leurs mon ma mes est sont a à ont été être fait plus "
    "très bien pas ne se y si lors après avant depuis puis alors comme entre quand encore".split()
)
_LINKS = frozenset("de la des du d' d’ les le l' l’ et au aux sur en".split())
# Street types that are also everyday words: never trusted in ALL-CAPS text, and not after
# an article or preposition that makes them ordinary ("une place", "au cours", "en chemin").
_AMBIGUOUS_TYPES = frozenset(
    "place pl. cours chemin route rte passage voie cité cite villa square sentier promenade résidence "
    "residence traverse montée montee hameau parvis".split()
)
_ROLE_LINK = compiled_re(r"\s+(?:du|des|de\s+l['’]|d['’])", re.IGNORECASE)
_ACRONYM_COMPOUND = compiled_re(r"[A-Z]{2,6}-[a-zà-ÿ]")
_ORDINARY_BEFORE = frozenset(
    "au en une un cette ce chaque son sa leur notre votre quelle aucune aucun autre pas de des "
    "du".split()
)
# What follows a street name in an address block: a postcode, "BP", "BÂT.", "APT", "CEDEX".
_ADDRESS_TAIL = compiled(r"[\s,\-–]{0,4}(?:\d{5}(?!\d)|(?i:bp|b[âa]t|apt|cedex)(?!\w))")
_CAPS_LINKED = compiled(r"\s+(?:DE\s+LA|DE\s+L['’]|DES|DU|DE|D['’]|LA|LE|LES|L['’])\s*[\p{Lu}\d]")
_UNIT_HEADS = frozenset({"ehpad", "ssr", "usld", "smr"})
_PREV_WORD = compiled(r"([\p{L}]+)[ \t]+$")
_TOKEN = compiled(r"\S+")


def _one_line(text: str, start: int, end: int) -> int:
    """An address name never runs on into the next line ("lieu-dit Menez Ham\nMotif : …")."""
    cut = text.find("\n", start, end)
    return end if cut == -1 else len(text[:cut].rstrip())


class PlaceRule:
    """ADRESSE (0.9 with a street number, 0.7 without), VILLE after a cue (0.75), HOPITAL (0.85)."""

    name = "places"

    def find(self, text: str) -> list[Finding]:
        out: list[Finding] = []
        numbered_starts: list[int] = []
        streets = has_any(text, _STREET_CUES)
        if streets and has_digit(text):
            for m in iter_matches(_ADDRESS_NUMBERED, text, "address"):
                end = _one_line(text, m.start(), self._street_name_end(text, m.end()))
                if end > m.end():
                    out.append(make(m.start(), end, Label.ADRESSE, 0.9, self.name, "adresse (numéro et voie)"))
                    numbered_starts.append(m.start())
        for m in iter_matches_at(_ADDRESS_BARE, _STREET_HINT, text, "address-bare") if streets else ():
            i = bisect.bisect_right(numbered_starts, m.start()) - 1
            if i >= 0 and out[i].end > m.start():
                continue  # already inside a numbered address
            end = self._bare_street_end(text, m)
            if end is not None:
                end = _one_line(text, m.start(), end)
            if end is not None and end > m.end("type"):
                out.append(make(m.start(), end, Label.ADRESSE, 0.7, self.name, "adresse (voie nommée)"))
        cued = list(iter_matches_at(_CITY_CUED, _CITY_CUED_HINT, text, "city"))
        if (" in " in text or " to " in text or " from " in text or " at " in text) and _CITY_CUED_EN_HINT.search(text):
            cued += iter_matches(_CITY_CUED_EN, text, "city-en")
        for m in cued:
            if m.group(1).casefold() in _NOT_NAME | _NOT_TOWN or is_medical_term(m.group(1)):
                continue
            out.append(make(m.start(1), m.end(1), Label.VILLE, 0.75, self.name, "ville après « habite à », « né à »…"))
        for i in range(len(numbered_starts)):
            town = _TOWN_AFTER_ADDRESS.match(text, out[i].end)
            if town is not None and town.group(1).casefold() not in _NOT_NAME | _SERVICE \
                    and not is_medical_term(town.group(1)):
                out.append(make(town.start(1), town.end(1), Label.VILLE, 0.75, self.name, "ville après l'adresse"))
        for m in _KNOWN_HOSPITAL.finditer(text) if has_any(text, _KNOWN_CUES) else ():
            if _KNOWN_CUE.search(text, max(0, m.start() - 30), m.start()) is None:
                continue
            if eponym_before(text, m.start()):
                continue  # "signe de Percy", "capsule de Tenon": the eponym, not the hospital
            out.append(make(m.start(), m.end(), Label.HOPITAL, 0.85, self.name,
                            "hôpital connu désigné par son nom seul"))
        if ":" in text:
            for m in _LABELLED_PLACE.finditer(text):  # "Domicile : Kerangoff, 22200 Pabu": a lieu-dit
                name = m.group(1)
                if not is_medical_term(name) and name.casefold() not in _NOT_NAME | _SERVICE | _NO_ADDRESS:
                    out.append(make(m.start(1), m.end(1), Label.ADRESSE, 0.75, self.name, "lieu-dit après « Adresse : »"))
        if "section" in text or "Section" in text:
            for m in _SECTION.finditer(text):  # "section Boisvin": a locality in the Antilles
                if not is_medical_term(m.group(1)):
                    out.append(make(m.start(), m.end(), Label.ADRESSE, 0.75, self.name, "section (lieu-dit des Antilles)"))
        for m in _LOWER_FACILITY.finditer(lowered(text) or "") if has_any(text, _LOWER_FACILITY_CUES) else ():
            end = _lower_facility_end(text, m)
            if end is not None:
                out.append(make(m.start(), end, Label.HOPITAL, 0.75, self.name, "établissement nommé (en minuscules)"))
        if _EN_FACILITY_WORD.search(text):
            for m in _EN_FACILITY.finditer(text):
                words = m.group("name").split()
                if all(w.casefold() in _EN_GENERIC for w in words) and not m.group("tail"):
                    continue  # "the Medical Center", "our Heart Centre": no name
                out.append(make(m.start(), m.end(), Label.HOPITAL, 0.8, self.name, "établissement de soins nommé (anglais)"))
        for m in iter_matches_at(_FACILITY, _FACILITY_HINT, text, "facility") if has_any(text, _FACILITY_CUES) else ():
            end = self._trim_facility(text, m)
            if end is not None:
                out.append(make(m.start(), end, Label.HOPITAL, 0.85, self.name, "établissement de soins nommé"))
                town = _CITY_AFTER.match(text, end)
                if town is not None and town.group(1).casefold() not in _NOT_NAME | _SERVICE:
                    out.append(make(town.start(1), town.end(1), Label.VILLE, 0.7, self.name,
                                    "ville de l'établissement"))
        return out

    @staticmethod
    def _street_name_end(text: str, pos: int) -> int:
        """End of the street name: up to five words, stopping at punctuation or a stop word."""
        end = pos
        for _ in range(5):
            m = _NAME_WORDS.match(text, end)
            if m is None or "\n" in text[end : m.start(1)]:
                break
            if m.group(1).casefold() in _STOP:
                break
            end = m.end(1)
        return end

    @staticmethod
    def _bare_street_end(text: str, m: regex.Match[str]) -> int | None:
        """End of a street named without a number, or None when the anchor is an ordinary word."""
        kind = m.group("type")
        folded = kind.casefold()
        caps = not any(c.islower() for c in m.group())
        end = _name_end(text, m.end("type"), m.end())
        if end == m.end("type"):
            return None
        named = text[m.end("type"):end].split()
        if named and _INN_WORD.search(named[-1]):
            return None  # "place du Midazolam", "route de l'Aspirine": a drug's role, no street
        if caps and folded not in _AMBIGUOUS_TYPES:
            # "RUE DE LA GARE", "AVENUE NATIONALE, LE MANS": a link word, a comma or a postcode.
            if (
                _CAPS_LINKED.match(text, m.end("type")) is None
                and _ADDRESS_TAIL.match(text, end) is None
                and not text.startswith(",", end)
            ):
                return None  # "CAR RUE ÉTOUFFER PAS": ALL-CAPS prose
        if folded in _AMBIGUOUS_TYPES:
            if kind == "Cite" or kind == "cite":
                return None  # "Cite Dupuis (2009)": the verb, not a street
            prev = _PREV_WORD.search(text, max(0, m.start() - 30), m.start())
            if prev is not None and prev.group(1).casefold() in _ORDINARY_BEFORE:
                return None  # "une place", "au cours", "en chemin"
            if folded in ("place", "pl.") and prev is not None and prev.group(1).casefold() == "la" \
                    and _ROLE_LINK.match(text, m.end("type")) and _ADDRESS_TAIL.match(text, end) is None:
                return None  # "la place du Spravato dans…": a role, unless a postcode or town follows
            # ALL-CAPS or Title-Case prose ("PASSAGE AUX URGENCES", "Dresser Chemin Personnage")
            # gives capitals no meaning: the everyday word needs an address tail after it.
            first = _TOKEN.search(text, m.end("type"), end)
            while first is not None and first.group().casefold() in _LINKS:
                first = _TOKEN.search(text, first.end(), end)  # "place de la TCC-I": skip "de la"
            if not caps and first is not None and (
                    (first.group().isupper() and len(first.group()) <= 6) or _ACRONYM_COMPOUND.match(first.group())):
                return None  # "Cours IFSI", "place en EHPAD", "place du TEP-scanner": an acronym is no street name
            words = [w for w in text[m.end("type"):end].split()
                     if w.casefold() not in _LINKS and not w.isdigit()]  # "la place du Kardegic 75"
            if len(words) == 1 and is_medical_term(words[0]):
                return None  # "la place du Xarelto": a drug or a disease is no street name
            titled = kind[0].isupper() and prev is not None and prev.group(1)[0].isupper()
            if (caps or titled) and _ADDRESS_TAIL.match(text, end) is None:
                return None
        return end

    @staticmethod
    def _trim_facility(text: str, m: regex.Match[str]) -> int | None:
        start = m.start("name")
        if m.group().startswith("clinique"):
            prev = _PREV_WORD.search(text, max(0, m.start() - 30), m.start())
            first = re.search(r"[^\W\d_][\w'’\-]*", m.group("name"))
            proper = first is not None and first.group()[:1].isupper() and not first.group().isupper()
            if prev is not None and prev.group(1).casefold() not in _CLINIC_BEFORE and not proper:
                return None  # "examen clinique", "probabilité clinique d'EP": the adjective
        if m.group().casefold().startswith("clinique") and text[max(0, start - 40) : m.start()].casefold().rstrip().endswith("examen"):
            return None  # "examen clinique": the adjective
        end = _name_end(text, start, m.end(), _FACILITY_STOP)
        if end <= start:
            return None
        if text[start:end].strip() in ("X", "Y", "Z", "XXX", "***"):
            return None  # "l'hôpital Z", "clinique X": a placeholder in a teaching case
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        if "\n" in text[start:start + lead] and (
                m.group().split()[0].isupper() or _FIELD_LINE.match(text, start + lead)):
            return None  # "— SSR\nCible : douleur", "Laboratoire\nPréleveur : IDE": a heading, then a form's line
        cut = text.find("\n", start + lead, end)
        if cut != -1:
            end = len(text[:cut].rstrip())  # a name does not run on into the next line
        if m.group().split()[0].casefold() in _UNIT_HEADS and _single_word(text[start:end]):
            prev = _PREV_WORD.search(text, max(0, m.start() - 30), m.start())
            if prev is not None and prev.group(1).casefold() == "en":
                # "je travaille en EHPAD Scanner réalisé…": a kind of unit, then a new sentence;
                # "admission en EHPAD Les Opalines" (article, two words) stays a name.
                return None
        return end


def _single_word(name: str) -> bool:
    """One plain word, no article or hyphen: "Scanner" rather than "Les Opalines"."""
    words = name.split()
    return len(words) == 1 and "-" not in words[0] and "'" not in words[0] and "’" not in words[0]


def _name_end(text: str, pos: int, limit: int, stop: frozenset[str] = frozenset()) -> int:
    """End of the proper-name part in text[pos:limit]: the last word that is a name.

    Link words ("de la", "des") only join name words. A service word before any name ("de
    SSR", "de jour") is not a name on its own; an identifier acronym or clinical act ("IDE", "RPPS",
    "Transfert"), a word in `stop` or a function word ("pour", "pas") ends the name.
    """
    keep = pos
    for tok in _TOKEN.finditer(text, pos, limit):
        word = tok.group()
        folded = word.casefold()
        if folded in _LINKS:
            continue
        if word in stop:
            break
        bare = word[2:] if word[1:2] in ("'", "’") else word  # "l'Église" -> "Église"
        folded = bare.casefold()
        if folded in _NOT_NAME or folded in _FUNCTION:
            break
        if folded in _SERVICE and keep == pos:
            continue  # "Institut de Cancérologie de Lorraine": the name, if any, comes later
        if bare[:1].isupper() or bare[:1].isdigit():
            keep = tok.end()
    return keep
