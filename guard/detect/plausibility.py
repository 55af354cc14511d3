"""Shape checks a model finding must pass before it counts.

Why: the token classifier is trained on generated text, and on real prompts it sometimes
tags an ordinary word it has never seen ("lobaire", "daily") or a lab value as a name or an
address. A guard that cries wolf gets switched off, so each model span must also look like
what its label claims: a name or a place carries a capital letter (lowercase SMS-style
names are caught by the title-cued rules instead), a date carries digits or a month, a
structured identifier carries digits. Rules are not gated: they already check formats and
checksums. The checks look at the span's shape only, never at a list of sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._precompiled import compiled_re

# Below this the model's own confidence is not enough on real text. For the shipped model, on
# the two dev sets (recall/precision/clean flagged, dev | dev2): 0.8 gives 0.999/0.974/1 |
# 0.983/0.988/2, 0.9 gives 0.999/0.984/1 | 0.980/0.991/2: a point of precision for a third of
# a point of recall is not worth it. (0.8 was also measured once on the held-out set: 0.966
# recall / 0.948 precision against 0.964 / 0.959 at 0.9 — disclosed in the model card.)
MODEL_MIN_SCORE = 0.9

_NAME_LIKE = frozenset({Label.NOM, Label.PRENOM, Label.VILLE, Label.HOPITAL})
_DIGIT_IDS = frozenset(
    {Label.TEL, Label.SECU, Label.IBAN, Label.CARTE, Label.RPPS, Label.NDA, Label.IPP, Label.ZIP}
)
# A civility title right before a span: lowercase names are then still names ("mr petit").
_TITLE_BEFORE = compiled_re(
    r"(?:\b(?i:m|mr|mme|mlle|dr|pr|monsieur|madame|mademoiselle|docteur)\.?\s+(?:[^\W\d_A-ZÀ-Ý]+\s+)?)$",
)
# Fewest digits a structured identifier can have (formats: NIR 13 + key, 2A/2B drop one;
# phone 10, short numbers 8; RPPS 11, ADELI 9; postcode 5; IBAN 14 at the shortest).
_MIN_DIGITS = {
    Label.SECU: 12, Label.TEL: 8, Label.RPPS: 8, Label.ZIP: 5, Label.IBAN: 10,
    Label.IPP: 4, Label.NDA: 4, Label.CARTE: 4,
}
# "Apgar 9/10/10": three scores written like a date.
_SCORE_BEFORE = compiled_re(r"(?i:apgar)\s*:?\s*(?:à\s*)?$")
_NUMBER_GROUPS = compiled_re(r"\d+")
# A capitalised word right after one of these is an eponym ("manœuvre d'Epley", "test de
# Guthrie", "anneau de Kayser-Fleischer"), never a person: eponyms are endless, the heads are few.
EPONYM_BEFORE = compiled_re(
    r"(?i:\b(?:syndromes?|maladies?|signes?|tests?|man(?:œ|oe)uvres?|scores?|classifications?|fractures?|"
    r"triades?|crit[èe]res|[ée]chelles?|anneaux?|nodules?|kystes?|ligaments?|canal|loi|r[ée]flexes?|"
    r"ph[ée]nom[èe]nes?|tumeurs?|lymphomes?|ulc[èe]res?|diverticules?|m[ée]thodes?|techniques?|proc[ée]d[ée]s?|"
    r"index|indice|stades?|point|espaces?|cellules|corps|op[ée]ration|incision|abord|pince|sonde|"
    r"capsule|tubercule|glandes?|gaine|membrane|valvule|muscle|trompe|fascia|exercices?|programme|"
    r"protocole|r[ée]gime|approche|concept|algorithmes?|mod[èe]les?|[ée]quations?|th[ée]or[èe]mes?|courbes?|"
    r"abaques?|nomogrammes?|phototypes?|angines?|an[ée]mies?|thyro[ïi]dites?|ost[ée]ochondroses?|purpuras?|"
    r"items?|essais?|[ée]tudes?|travaux|s[ée]ries?|cohortes?|"
    r"respiration|dyskin[ée]sie|paralysie|chor[ée]e|d[ée]mence|myopathie|dystrophie|t[ée]tralogie|hernie|"
    r"[ée]preuve|r[èe]gle|formule|questionnaire|classement|selon|m[ée]thode|type|grade|"
    r"sign|disease|syndrome|test|maneuver|manoeuvre|score|criteria|scale|fracture)"
    r"\s+(?:de\s+|d['’]\s*|of\s+)?)$"
)
# The same test, read from the end: the word before the span (and an optional "de"), then one
# lookup of that word among the heads. Trying the head alternation at every position of the
# 30-character window cost 7 µs a call; this costs about 1.
_HEAD_ALTERNATION = EPONYM_BEFORE.pattern[len("(?i:\\b(?:"):EPONYM_BEFORE.pattern.index(")\\s+(?:de\\s+")]
_EPONYM_HEAD = compiled_re("(?i:(?:" + _HEAD_ALTERNATION + "))")
_EPONYM_TAIL = compiled_re(r"(?<!\w)([^\W\d_]+)\s+(?:(?i:de)\s+|(?i:d)['’]\s*|(?i:of)\s+)?$")


def eponym_before(text: str, start: int, window: int = 30) -> bool:
    """True when an eponym's head word ("syndrome de", "manœuvre d'", "test of") ends right
    before `start`: same answer as `EPONYM_BEFORE.search(text, start - window, start)`; also
    with one adjective between the head and "de" ("essais historiques de Bernard"), and after a
    scale's acronym ("MoCA de Nasreddine", "mini-GDS de Yesavage")."""
    m = _EPONYM_TAIL.search(text, max(0, start - window), start)
    if m is None:
        return False
    if _EPONYM_HEAD.fullmatch(m.group(1)) is not None:
        return True
    if m.group(0).rstrip().endswith(("de", "De", "d'", "d’")):
        if _ACRONYM.fullmatch(m.group(1)) and m.group(1).upper() not in _PLACE_OR_ROLE_ACRONYMS:
            from guard.detect.lexicon import is_medical_term

            if is_medical_term(m.group(1)):
                return True
        two = _EPONYM_TAIL2.search(text, max(0, start - window - 20), start)
        return two is not None and _EPONYM_HEAD.fullmatch(two.group(1)) is not None
    return False


# "essais historiques de", "signe clinique de": a head, one adjective, then "de".
_EPONYM_TAIL2 = compiled_re(
    r"(?<!\w)([^\W\d_]+)\s+[^\W\d_]+(?:iques?|aux|ales?|elles?|iens?|iennes?|[ée]es?|[ée]s?|ifs?|ives?|aires?)"
    r"\s+(?:(?i:de)\s+|(?i:d)['’]\s*)$")
# Acronyms of carers, services and places: "l'IDE de Vire", "le CMP de Quimper" name a town.
_PLACE_OR_ROLE_ACRONYMS = frozenset(
    "IDE IDEL AS ASH AMP AVS MT MK SF CHU CHR CHRU CH CHS CHI GHT GHU EHPAD SSIAD SAAD HAD PMI CMP CMPP SAMU SMUR "
    "MSP IME ITEP ESAT CAMSP IFSI SSR SMR USLD RDV CPAM MDPH CAF SAU UHCD CPTS CLIC MAIA DAC CCAS CSAPA CLAT "
    "ARS PASS SPASAD UMG EMG USP EMSP LAM FAM MAS CSP CDS".split())
# A scale's acronym: two capitals or more, maybe a lowercase letter inside ("MoCA", "GDS").
_ACRONYM = compiled_re(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*")


# "la loi du 4 mars 2002", "décret du 30 décembre 2016": the date of a legal text.
_LEGAL_BEFORE = compiled_re(
    r"(?i:\b(?:loi|d[ée]cret|arr[êe]t[ée]|circulaire|directive|r[èe]glement|instruction)"
    r"(?:\s+(?:n°\s*)?[\w\-]+)?\s+du\s*)$"
)
# "CEDEX", "CEDEX 1": the delivery office suffix of a postal address, not a town.
_CEDEX = compiled_re(r"(?i:cedex)(?:\s*\d{1,2})?")
# Words that cannot make up a name or a place on their own ("Du 1er", "De la").
_FUNCTION_WORDS = frozenset(
    "du de des la le les l d au aux et en sur sous à a un une 1er er".split()
)
# A surname followed by initials and a comma or period is an author in a reference list
# ("Kimura H, Sato Y.", "Martin JP."); a patient has a title in front.
INITIALS_AFTER = compiled_re(r"[ \t]+[A-Z]{1,3}\.?(?:[,;]|\.(?:\s|$)|[ \t]+(?:et|and)[ \t])")
# ...unless it is one initial closing a line or followed by an age: "IDE : Sandrine V.",
# "Patient Marc D., 54 ans" — a first name and the initial of a surname kept private.
SURNAME_INITIAL_AFTER = compiled_re(r"[ \t]+[A-Z]\.[ \t]*(?:\n|$|,[ \t]*\d{1,3}[ \t]*(?:ans|a)\b)")
# A grade right after a single capitalised word: "Weber A", "Garden III", "Salter II".
_GRADE_AFTER = compiled_re(r"(?:-[A-Z][\w'’]+)*[ \t]+(?:[A-D]|I{1,3}|IV|VI?|[0-9])(?:[ab])?(?![\w.'’,]\w|[\w'’]|\s*(?:ans|an|mois)\b)")
_EXPIRY = compiled_re(r"(?i)(?:p[ée]remption|expiration|\bexp\.?|valable\s+jusqu|validit[ée]|\blot\b)[^\n]{0,14}$")
_LOT_BEFORE = compiled_re(r"(?i)(?:\blot|\bn°\s*de\s+lot|\bbatch|\bréf\.?|\bref\.?)[\s:n°]*$")
_BRACKET_GRADE = compiled_re(r"[ \t]+(?:[A-D]?\d{1,2}|[A-D]|I{1,3}|IV|VI?)(?:[ \t]+[A-Z]\d)*[ \t]*\)")
_CITATION_AFTER = compiled_re(r"(?:[ \t]+et[ \t]+al\.?)?,[ \t]*(?:19|20)\d\d[a-z]?[ \t]*[);\]]")
# "Olanzapine 10 mg", "Diane 35": a brand-like word followed by a dose is a drug, not a person.
DOSE_AFTER = compiled_re(
    r"[ \t]+\d+(?:[.,]\d+)?[ \t]*(?:mg|g|µg|mcg|ml|cp|cpr|gél|gel|ui|u|%|mg/j|gouttes?)?(?![\w/])|[ \t]+\d+[ \t]*(?:cp|mg)/"
)
_MONTH_WORDS = frozenset(
    "janvier janv jan février fevrier févr fevr fév fev mars mar avril avr mai juin juillet juil "
    "août aout septembre sept sep octobre oct novembre nov décembre decembre déc dec "
    "january february march april may june july august september october november december "
    "feb apr jun jul aug".split()
)


_ALNUM_WORDS = compiled_re(r"[^\W_]+")


def _ascii_digits(span: str) -> int:
    return sum(c in "0123456789" for c in span)


def plausible(text: str, finding: Finding) -> bool:
    """True when a model finding's span has the shape its label needs."""
    if finding.score < MODEL_MIN_SCORE:
        return False
    span = text[finding.start : finding.end]
    label = finding.label
    if label in _NAME_LIKE:
        title_state: list[bool] = []

        def titled() -> bool:
            """A civility title right before the span (searched once, when first asked)."""
            if not title_state:
                title_state.append(bool(_TITLE_BEFORE.search(text, max(0, finding.start - 40), finding.start)))
            return title_state[0]

        if span.isupper() and _caps_text(text, finding) and not titled() and not _caps_evidence(text, finding, span):
            return False  # "MAMAN JOIGNABLE", "CRISE VASO-OCCLUSIVE": in a text all in capitals a word
            # in capitals is no name unless a title, a known first name, a known town or a facility says so
        letters = [c for c in span if c.isalpha()]
        words = _ALNUM_WORDS.findall(span.lower())
        if words and all(w in _FUNCTION_WORDS or w.isdigit() for w in words):
            return False  # "Du 1er": a line opener, not a place
        if label is Label.VILLE and _CEDEX.fullmatch(span.strip()):
            return False
        if label is Label.VILLE and (fold_feast(span) or re.search(r"\d(?!\d*\s*(?:e|er|ème|eme)\b)", span)):
            return False  # "qu'à Noël": a feast; "Paris 0-Is": a classification (not "Paris 15e")
        if " " not in span.strip() and _FIELD_LABEL_AFTER.match(text, finding.end) \
                and _LINE_OR_DASH_BEFORE.search(text, max(0, finding.start - 6), finding.start):
            return False  # "Lieu : Lyon", "Portable : +33…", "Endoscopiste : Dr …": a form's label
        if span.isupper() and text[finding.start - 1:finding.start] == "(" and text.startswith(")", finding.end):
            return False  # "(CACES)": an acronym spelt out in brackets
        if len(span.strip()) <= 3 and _ABBREV_NUMBER_AFTER.match(text, finding.end):
            return False  # "Ch. 18 —", "Bd 3": an abbreviation and its number
        if label in (Label.NOM, Label.PRENOM) and any(c.isdigit() for c in span):
            return False  # "Gy/25": a name holds no digit
        if _BRAND_CASE.search(span):
            return False  # "FreeStyle", "OneTouch": capitals inside a brand's word
        if _INVERTED_SUBJECT.match(text, finding.end) or _CODE_SUFFIX.match(text, finding.end):
            return False  # "Pouvez-vous", "KEYNOTE-522": a verb and its subject, a trial or code
        if span.strip(" .").casefold().strip("x") == "" or span.strip().casefold() in ("x", "y", "z"):
            return False  # "Dr XXX", "Mme X": a placeholder
        if label is Label.HOPITAL and span.split()[-1] in ("X", "Y", "Z", "XXX"):
            return False  # "l'hôpital Z": a teaching case's placeholder
        if _template_field(text, finding, span):
            return False  # "[NOM]", "[DATE DE NAISSANCE]": a template's field, not a value
        if _CHEMICAL.match(span):
            return False  # "D-pénicillamine", "L-thyroxine": a stereo prefix makes a drug name
        if span.isupper() and len(letters) <= 5 and sum(c in "AEIOUYÀÂÉÈÊÎÏÔÛ" for c in span) <= 1 \
                and not titled():
            return False  # "AJCC", "HTAP": an acronym, no vowel to speak of
        if (label is not Label.VILLE or _OF_LOWER.match(text, finding.end)) and _sentence_opener(text, finding, span):
            return False  # "Tableau comparatif…", "Prudence avec les AINS": a capital that opens a sentence
        if in_eponym_list(text, finding):
            return False  # "Lasègue, Léri, Patrick, Lachman…": a list of eponymous tests
        if label in (Label.NOM, Label.PRENOM) and " " not in span.strip() and DOSE_AFTER.match(text, finding.end) \
                and not titled():
            return False  # "Olanzapine 10 mg le soir": a drug and its dose
        if " " not in span.strip() and span[:1].islower() and any(c.isupper() for c in span[1:]):
            return False  # "dTcaPolio", "eGFR": a lowercase start and inner capitals make a code
        if label in (Label.NOM, Label.PRENOM) and " " not in span.strip() and _INN_STEM.search(span) \
                and not titled():
            return False  # "Midazolam", "Ramipril": an international drug name's stem
        if _caps_heading(text, finding, span):
            return False  # "FICHE DE TRI – IOA", "ANAPATH – Biopsies": a heading in capitals
        if label is Label.HOPITAL and _adjective_tail(span):
            return False  # "Osmolalité plasmatique": a capitalised noun and its adjective
        if label in (Label.VILLE, Label.HOPITAL) and " " not in span.strip() and not titled() \
                and _BRACKET_GRADE.match(text, finding.end) and text[max(0, finding.start - 1):finding.start] in ("(", ""):
            return False  # "(Ramsay 2)", "(Montreal A2 L3 B1)": a score or classification and its grade
        if _CITATION_AFTER.match(text, finding.end) and not titled():
            return False  # "(essai RAPIDO — Bahadoer, 2021)": an author and a year
        if label in (Label.NOM, Label.PRENOM) and " " not in span.strip() and _GRADE_AFTER.match(text, finding.end) \
                and not (label is Label.PRENOM and SURNAME_INITIAL_AFTER.match(text, finding.end)) \
                and not titled():
            return False  # "Weber A", "Kellgren-Lawrence 3": an eponymous classification and its grade
        if label in (Label.NOM, Label.PRENOM) and INITIALS_AFTER.match(text, finding.end) \
                and not (label is Label.PRENOM and SURNAME_INITIAL_AFTER.match(text, finding.end)) \
                and not titled():
            return False  # "Kimura H, Sato Y.": a cited author
        if len(letters) < 2 and not text.startswith(".", finding.end):
            return False  # "vitamine K": a lone letter is a name only as an initial ("J.")
        if span.isupper() and len(letters) <= 3 and not text[max(0, finding.start - 60):finding.start].isupper():
            # "MID", "PA", "IVD": short acronyms in ordinary text; a short surname after a
            # title ("M. LY") is the titled-name rule's.
            return titled()
        if eponym_before(text, finding.start):
            return False
        if label in (Label.NOM, Label.PRENOM) and not titled() and _product_before(text, finding.start):
            return False  # "poudre Stomahesive", "oxybutynine Ditropan": a product's brand
        if label in (Label.NOM, Label.PRENOM) and _CAPS_THEN_LOWER.match(span):
            return False  # "ARDSNet": an acronym grown into a name, no person's
        if _INSURER_BEFORE.search(text, max(0, finding.start - 20), finding.start):
            return False  # "mutuelle Harmonie": an insurer, not a person
        if any(c.isupper() for c in span):
            return True
        return label in (Label.NOM, Label.PRENOM) and titled()
    if label in (Label.DATE, Label.DATE_NAISSANCE) and _EXPIRY.search(text, max(0, finding.start - 30), finding.start):
        return False  # "lot 25A007 (EXP 01/2028)": a product's expiry date
    if label is Label.TEL and (span[-1:].isalpha() or text[finding.end:finding.end + 1].isalpha()
                               or _LOT_BEFORE.search(text, max(0, finding.start - 20), finding.start)):
        return False  # "lot 06.12.48.31A": a batch number, letters glued to the digits
    if label is Label.ADRESSE:
        words = span.split()
        if len(words) == 1 and words[0].strip(",.;:").casefold() not in _STREET_WORDS:
            return False  # "PaCO2", "B12": one token, a lab value or a code, not an address
        if _ascii_digits(span) == 0 and words and words[0] in ("du", "de", "des", "d'", "d’") \
                and not any(w.casefold().strip(",.;:") in _STREET_WORDS for w in words):
            return False  # "du Spravato": a preposition and a name, no street, no number
        if len(words) == 2 and words[0].isdigit() and words[1].islower() \
                and words[1].strip(",.;:") not in _STREET_WORDS:
            return False  # "12 places", "3 séances": a count and its noun, not "12 rue …"
        if not re.search(r"[^\W\d_]{3,}", span) and not re.match(r"(?i)bp\s*\d{3,5}$", span.strip()):
            return False  # "CD4 180", "BP 182/112": a lab value or a blood pressure, not a street
        return _ascii_digits(span) > 0 and any(c.isalpha() for c in span) or (
            any(c.isupper() for c in span) and len(span.split()) >= 2
        )
    if label in (Label.DATE, Label.DATE_NAISSANCE):
        if _LEGAL_BEFORE.search(text, max(0, finding.start - 40), finding.start):
            return False
        digits = _ascii_digits(span)
        if any(w.rstrip(".") in _MONTH_WORDS for w in span.lower().split()):
            return True  # a month word, not a word that starts like one ("découvert", "décubitus")
        stripped = span.strip()
        is_bare_number = stripped.isdigit()
        if digits < 4 or is_bare_number or _SCORE_BEFORE.search(text, max(0, finding.start - 12), finding.start):
            return False
        return _date_like(stripped)
    if label is Label.MAIL:
        return "@" in span
    if label is Label.ZIP and not (_TOWN_AFTER_ZIP.match(text, finding.end) or _known_town_after(text, finding.end)
                                   or _ADDRESS_BEFORE_ZIP.search(text, max(0, finding.start - 60), finding.start)):
        return False  # "CPK 12000": a lab value; a postcode has its town after it or a street before
    if label in _DIGIT_IDS:
        return _ascii_digits(span) >= _MIN_DIGITS.get(label, 2)
    return True


# "Pouvez-vous", "Faut-il": a verb with its subject pronoun after it.
_INVERTED_SUBJECT = compiled_re(r"-(?:t-)?(?:vous|tu|il|elle|on|nous|ils|elles|je|moi|toi)(?![\w\-'’])")
# "Dosage de la vitamine D": a noun opening a sentence and its lowercase complement.
_OF_LOWER = compiled_re(r"[ \t]+(?:de|du|des|d['’]|pour|sur|avec|concernant)[ \t]*(?:la[ \t]+|le[ \t]+|les[ \t]+|l['’])?[a-zà-ÿ]")
_FIELD_LABEL_AFTER = compiled_re(r"[ \t]*:(?!\d)")
_LINE_OR_DASH_BEFORE = compiled_re(r"(?:^|[\n—–\-|•;])[ \t]*$")
_ABBREV_NUMBER_AFTER = compiled_re(r"\.?[ \t]*\d")
_BRAND_CASE = compiled_re(r"[a-zà-ÿ]{3}[A-ZÀ-Þ]")
# "KEYNOTE-522", "COVID-19": a hyphen and digits make a trial's or a code's name.
_CODE_SUFFIX = compiled_re(r"-\d")
# Lowercase street words that may follow a number in an address ("12 rue", "3 bis").
_STREET_WORDS = frozenset(
    "rue avenue av bd boulevard chemin impasse allée allee place quai cours route rte square voie sentier "
    "passage cité cite résidence residence lotissement hameau domaine villa parc mail esplanade promenade "
    "faubourg rond-point montée côte traverse venelle ruelle bis ter quater lieu-dit ld chez".split()
)
_FEASTS = frozenset("noël noel pâques paques toussaint pentecôte pentecote ascension".split())
_TOWN_AFTER_ZIP = compiled_re(r"[ \t]*[,)\-–]?[ \t]*(?:[A-ZÀ-Þ]|(?i:cedex))")
_ADDRESS_BEFORE_ZIP = compiled_re(
    r"(?i:\b(?:rue|avenue|av\.?|bd|boulevard|chemin|impasse|all[ée]e|place|quai|route|cours|lieu-dit|r[ée]sidence|"
    r"lotissement|bis|ter|code\s+postal|cp|bp|cs|cedex)\b)[^\n]{0,50}$|[,(][ \t]*$")


def _known_town_after(text: str, pos: int) -> bool:
    """"13005 marseille": a lowercase word after the number that is a known town."""
    from guard.detect.rules.towns import _key, gazetteer

    m = re.match(r"[ \t]+([^\W\d_][\w'’\-]*)", text[pos:pos + 60])
    return m is not None and _key(m.group(1)) in gazetteer()[0]


def fold_feast(span: str) -> bool:
    return span.strip().casefold() in _FEASTS


_CHEMICAL = compiled_re(r"[DLNRSαβ]-[a-zà-ÿ]")
_OPENER_BEFORE = compiled_re(r"(?:^|[\n.!?:;•\-–—]\s*|^\s*\d+[.)]\s*)$")
_LOWER_NEXT = compiled_re(r"[ \t]*,?[ \t]+\(?[a-zà-ÿ]")
# Inside brackets: "[NOM]", "[DATE DE NAISSANCE]", "{PRENOM}".
_FIELD_OPEN = compiled_re(r"[\[{<][^\]}>\n]{0,40}$")
_FIELD_CLOSE = compiled_re(r"[^\[{<\n]{0,40}[\]}>]")
_LIST_ITEM = compiled_re(r"[^,;:\n()]+")


# Stems of international non-proprietary drug names (WHO INN): no French first or last name
# ends like this, and a capitalised DCI at the start of a line looks like a surname to the model.
# Galenic forms and care products: the capitalised word after one is the product's brand.
_PRODUCT_WORDS = frozenset(
    "poudre film protecteur crème creme pommade gel spray sirop collyre patch patchs pansement pansements "
    "gélule gélules gelule comprimé comprimés comprime ampoule ampoules flacon stylo capteur lecteur pompe "
    "seringue aérosol aerosol solution suspension lotion mousse shampooing dispositif poche poches "
    "protecteur cutané cutanee cutané barrière barriere".split())
_WORD_BEFORE = compiled_re(r"(?<![\w'’])([^\W\d_]+)[ \t]+$")
_CAPS_THEN_LOWER = compiled_re(r"[A-Z]{3,}[a-z]")


def _product_before(text: str, start: int) -> bool:
    """The word before is a galenic form or care product ("poudre", "film protecteur") or an
    international drug name ("oxybutynine"): the capitalised word that follows is a brand."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    word = m.group(1)
    return word.casefold() in _PRODUCT_WORDS or (word.islower() and len(word) > 5 and (
        _INN_STEM.search(word) is not None or (len(word) >= 9 and word.endswith("ine"))))


_INN_STEM = compiled_re(
    r"(?i)(?:azolam|az[ée]pam|pril|sartan|olol|statine|statin|mab|tinib|cycline|cilline|floxacine|"
    r"prazole|tidine|parine|xaban|gatran|gliptine|gliflozine|glutide|dipine|triptan|s[ée]tron|prof[èe]ne|"
    r"conazole|vudine|navir|mycine|micine|dronate|lukast|terol|sonide|m[ée]tasone|olone|trexate|"
    r"platine|taxel|rubicine|oxac?ine|s[ée]mide|thiazide|tiazem|pamil|oxetine|traline|ap[ié]ne|idone|"
    r"barbital|caïne|caine|fibrate|glinide|insuline|morphine|codone|fentanil|fentanyl|ox[ée]tine)$"
)
_LINE_WORDS = compiled_re(r"[^\W\d_][^\W\d_'’\-]*")


def _caps_heading(text: str, finding: Finding, span: str) -> bool:
    """A span in capitals inside a heading: its line (up to a bracket or a colon) is two or more
    words, all in capitals, with no civility title and no unambiguous known first name; or the
    span opens its line and a dash or colon follows ("ANAPATH – Biopsies", "CONCLUSION :")."""
    from guard.detect.rules.context import fold
    from guard.detect.rules.firstnames import word_names
    from guard.detect.rules.names import first_names

    if not span.isupper() or _TITLE_BEFORE.search(text, max(0, finding.start - 40), finding.start):
        return False
    start = text.rfind("\n", 0, finding.start) + 1
    end = text.find("\n", finding.end)
    line = text[start:len(text) if end < 0 else end]
    head = re.split(r"[(:«»\"]|\s[–—]\s", line)[0] if not line.lstrip().startswith(("(", "«")) else line
    words = _LINE_WORDS.findall(head if span in head else line)
    names, ambiguous = first_names(), word_names()
    if any(fold(w) in names and fold(w) not in ambiguous for w in words):
        return False
    if len(words) >= 2 and all(w.isupper() for w in words):
        return True
    if line.strip() == span.strip() and len(span.strip()) > 3:
        return True  # "BIOCHIMIE" alone on its line: a section of a lab report
    opener = text[start:finding.start].strip() == ""
    return opener and re.match(r"[ \t]*[–—:\-]", text[finding.end:finding.end + 3]) is not None


def _adjective_tail(span: str) -> bool:
    """A facility span of one capitalised word and lowercase words only: either not a facility
    at all ("Osmolalité plasmatique") or a facility's type with no name ("Laboratoire de
    biologie médicale", "Centre hospitalier"), which identifies no one. A named one carries a
    capital after its type word ("Clinique du Parc", "Centre hospitalier de Figeac")."""
    words = span.split()
    return len(words) >= 2 and words[0][:1].isupper() and all(w.islower() for w in words[1:])


def _template_field(text: str, finding: Finding, span: str) -> bool:
    """A span written in capitals inside brackets (or carrying one): a form's empty field."""
    inner = span.strip("[]{}<> ")
    if span.lstrip().startswith(("[", "{", "<")) or span.rstrip().endswith(("]", "}", ">")):
        return True  # "[NOM Prénom]", "[signature]": the span carries the field's bracket
    if not inner or any(c.islower() for c in inner):
        return False
    return bool(_FIELD_OPEN.search(text, max(0, finding.start - 40), finding.start)
                and _FIELD_CLOSE.match(text, finding.end))


def _sentence_opener(text: str, finding: Finding, span: str) -> bool:
    """One capitalised word opening a sentence or a line, followed by a lowercase word, that
    is not a known first name: the capital is the sentence's, not a name's. (A known first
    name there is the first-name rule's to judge.)"""
    from guard.detect.rules.context import fold
    from guard.detect.rules.firstnames import word_names
    from guard.detect.rules.names import first_names

    if " " in span.strip() or not span[:1].isupper() or span.isupper():
        return False
    if not _OPENER_BEFORE.search(text, max(0, finding.start - 12), finding.start):
        return False
    if not _LOWER_NEXT.match(text, finding.end):
        return False
    folded = fold(span)
    return folded not in first_names() or folded in word_names()


def in_eponym_list(text: str, finding: Finding) -> bool:
    """A name-like span that is one item of a comma-separated list whose neighbours are
    lexicon terms (eponyms, scores, drugs): "Lasègue, Léri, Patrick (FABER), Lachman"."""
    from guard.detect.lexicon import is_medical_term

    lo = max(0, finding.start - 80)
    before = text[lo:finding.start]
    after = text[finding.end:finding.end + 80]
    if not (before.rstrip().endswith(",") or after.lstrip().startswith((",", " (", "("))):
        return False
    if _TITLE_BEFORE.search(text, max(0, finding.start - 40), finding.start):
        return False  # "…, M. Dupont, …": a titled person, whatever the list
    before = re.split(r"[:\n]", before)[-1]  # the list lives within one line and one clause
    after = re.split(r"[:\n.]", after)[0]
    items = before.split(",")[-3:-1] + after.split(",")[1:3]
    items = [i.split("(")[0].strip(" .…") for i in items]
    terms = sum(1 for i in items if i and is_medical_term(i))
    return terms >= 2


def _date_like(span: str) -> bool:
    """Numbers that can be a date: a year (19xx/20xx) or a valid day and month first."""
    groups = [int(g) for g in _NUMBER_GROUPS.findall(span)]
    if any(1900 <= g <= 2099 for g in groups):
        return True
    if len(groups) >= 2:
        first, second = groups[0], groups[1]
        return (1 <= first <= 31 and 1 <= second <= 12) or (1 <= first <= 12 and 1 <= second <= 31)
    return False


_INSURER_BEFORE = compiled_re(
    r"(?i:\b(?:mutuelle|compl[ée]mentaire|assureur|assurance|caisse|cpam|caf|mdph|ars|urssaf|carsat|msa|udaf|"
    r"pr[ée]fecture|tribunal|pompiers|sdis)\s*:?\s*(?:de\s+|d['’]\s*|du\s+)?)$")


def _caps_text(text: str, finding: Finding) -> bool:
    """The text around the span is written in capitals (an ALL-CAPS prompt or note)."""
    window = text[max(0, finding.start - 120):finding.end + 120]
    letters = [c for c in window if c.isalpha()]
    return len(letters) >= 40 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _caps_evidence(text: str, finding: Finding, span: str) -> bool:
    from guard.detect.rules.context import fold
    from guard.detect.rules.names import first_names
    from guard.detect.rules.places import _FACILITY_CUES
    from guard.detect.rules.towns import _key, gazetteer

    words = [w.strip(".,;:") for w in span.split()]
    names = first_names()
    if any(fold(w) in names for w in words):
        return True
    if finding.label is Label.VILLE and _key(span) in gazetteer()[0]:
        return True
    if finding.label is Label.HOPITAL and any(fold(w) in _FACILITY_CUES for w in words):
        return True
    return bool(_CAPS_PERSON_BEFORE.search(text, max(0, finding.start - 30), finding.start))


# In capitals, what makes the next words a person: a relation or a patient label.
_CAPS_PERSON_BEFORE = compiled_re(
    r"(?:\b(?:FILS|FILLE|MERE|MÈRE|PERE|PÈRE|EPOUSE|ÉPOUSE|EPOUX|MARI|FEMME|SOEUR|SŒUR|FRERE|FRÈRE|PATIENTE?|"
    r"ENFANT|BEBE|BÉBÉ|NOM|PRENOM|PRÉNOM)\s*:?\s*)$"
)
# Words a model span sometimes runs into at its edges: identifier cues ("NÉE LE", "TEL"), verbs
# and determiners after a name ("M. da Silva dit", "l'institut Curie chaque mardi").
_EDGE_WORDS = frozenset(
    "née nee né ne le la les tel tél tél. tel. mail fax dit dis dit-il chaque accueille accueillent "
    "demande demandé vient est a été sera qui que et ou pour avec sans dans sur par chez depuis puis "
    "seul seule aussi également ce cette son sa ses mon ma notre votre leur au aux du des en "
    "né(e) ddn ipp nda nir rpps adeli adhérent adhérente n° no numéro poste "
    "lundi mardi mercredi jeudi vendredi samedi dimanche tous toutes matin soir hier demain ici là la-bas "
    "cest c'est jai j'ai ct pr ds bcp tjrs svp stp slt bjr".split()
)
_WORD = compiled_re(r"\S+")


def _shrink(text: str, f: Finding, drop_last: Callable[[str], bool],
            drop_first: Callable[[str, int], bool]) -> Finding | None:
    """`f` without the words at its ends that the predicates reject (None if nothing is left).
    `drop_first` also gets how many words remain, so a leading particle can stay in a name."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, f.start, f.end)]
    while words and drop_last(text[words[-1][0]:words[-1][1]]):
        words.pop()
    while words and drop_first(text[words[0][0]:words[0][1]], len(words)):
        words.pop(0)
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    if (start, end) == (f.start, f.end):
        return f
    return Finding(start, end, f.label, f.score, f.source, f.explanation)


def _trimmed(text: str, f: Finding) -> Finding | None:
    """`f` without edge words at either end ("ANA NEE" -> "ANA", "Le Gall" keeps its "Le")."""
    keep_particles = f.label in (Label.NOM, Label.ADRESSE, Label.HOPITAL)

    def drop_first(word: str, remaining: int) -> bool:
        w = word.casefold()
        return w in _EDGE_WORDS and not (keep_particles and remaining > 1 and w in ("le", "la", "du", "des"))

    span = text[f.start:f.end]
    # "Urines rose": a lowercase word after a capitalised one ends a person's or a town's name
    # (particles aside); all-lowercase SMS names have no capital and keep every word.
    trim_lower = f.label in (Label.NOM, Label.PRENOM, Label.VILLE) and any(c.isupper() for c in span)

    def drop_last(word: str) -> bool:
        if not any(c.isalnum() for c in word) or word.startswith("("):
            return True  # "Maternité –", "Benhamou (oncologue": a dash, a colon or a bracket ends a name
        w = word.casefold().strip(",.;:")
        if w in _TRAILING_FUNCTION:
            return True  # "Dosage de": no name ends with a preposition
        return w in _EDGE_WORDS or (trim_lower and w.isalpha() and word.strip(",.;:").islower()
                                    and w not in _NAME_PARTICLES)

    return _shrink(text, f, drop_last, drop_first)


_TRAILING_FUNCTION = frozenset("de d' d’ du des la le les l' l’ et à au aux en sur".split())
_NAME_PARTICLES = frozenset("de du des la le d l van von der den da dos do das di del della ben bin ibn el al ter mac".split())


def _digit_core(text: str, f: Finding) -> Finding | None:
    """A number-like identifier without the words around it ("04 91 38 60 00 poste" -> the number)."""
    def no_digit(word: str, *_: int) -> bool:
        return not any(c.isdigit() for c in word)

    return _shrink(text, f, no_digit, no_digit)


def _date_core(text: str, f: Finding) -> Finding:
    """A date span without what runs on after it: an hour ("25/11/2026 18:02"), the next
    sentence ("le 16/11/2026. 15 séances")."""
    span = text[f.start:f.end + 3]  # (three more characters: the minutes of an hour)
    cut = _DATE_RUN_ON.search(span)
    if cut is None or cut.start() == 0 or cut.start() >= f.end - f.start:
        return f
    return Finding(f.start, f.start + cut.start(), f.label, f.score, f.source, f.explanation)


_DATE_RUN_ON = compiled_re(r"(?<=\d)[ \t]+\d{1,2}(?=[:h]\d)|(?<=\d)\.[ \t]+\S")


def keep_plausible(text: str, findings: list[Finding]) -> list[Finding]:
    """Model findings trimmed of edge words, kept when their shape fits their label."""
    out: list[Finding] = []
    for f in findings:
        if f.score < MODEL_MIN_SCORE:
            continue  # trimming keeps the score: `plausible` would refuse it anyway
        if f.label in _NAME_LIKE or f.label is Label.ADRESSE:
            trimmed = _trimmed(text, f)
            if trimmed is None:
                continue
            f = trimmed
        elif f.label in (Label.DATE, Label.DATE_NAISSANCE):
            f = _date_core(text, f)
        elif f.label in _DIGIT_IDS and not (text[f.start].isdigit() and text[f.end - 1].isdigit()):
            # (A span that starts and ends with a digit is already its own digit core.)
            trimmed = _digit_core(text, f)
            if trimmed is None:
                continue
            f = trimmed
        if plausible(text, f):
            out.append(f)
    return out
