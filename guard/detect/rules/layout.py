"""Names placed by a document's layout rather than by a cue word in the sentence.

Why: exports, forms and hand-offs put the patient's name on a line of its own above the
birth date ("Mon espace santé – Profil médical\\nGheorghiu-Ramanantsoa Radu\\nNé le …"), or at
the head of a bed line ("Duarte Vaillancourt, lit 4."), or as an initial and a surname in
capitals ("N. ILUNGA, 14 ans"). The layout is the evidence:

- a line holding only two or three name-shaped words, right above a line that opens with a
  birth or identity cue (né(e) le, DDN, date de naissance, INS, NIR, IPP, n° SS);
- two or three name-shaped words opening a line or a clause, then ", lit 4" / "(chambre 12)";
- an initial, a dot and a surname in capitals of three letters or more.

Name-shaped: capitalised or in capitals, not a stop word, title, relative or lexicon term.
"""

from __future__ import annotations

import re
from functools import lru_cache

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.lexicon import is_medical_term
from guard.detect.rules._words import LOW_CLASS, NATIONALITIES, UP_CLASS, cue_set, has_any, lowered
from guard.detect.rules.context import fold
from guard.detect.rules.subjects import _PEOPLE_WORDS
from guard.detect.rules._precompiled import compiled_re

_UP = UP_CLASS
_LOW = LOW_CLASS
_WORD = rf"(?:[{_UP}][{_LOW}]+|[{_UP}]{{2,}})(?:[-'’](?:[{_UP}][{_LOW}]+|[{_UP}]{{2,}}))*"
_PARTICLE = r"(?:(?i:de|du|des|le|la|da|dos|van|von|ben|el|al|ould)[ \t]+)?"
_NAME_LINE = compiled_re(
    rf"(?:^|(?<=\n))[ \t]*(?P<name>{_PARTICLE}{_WORD}(?:[ \t]+{_PARTICLE}{_WORD}){{1,2}})[ \t]*\n[ \t]*"
    r"(?i:n[ée]e?\b|ddn\b|date\s+de\s+naissance|ins\b|nir\b|ipp\b|n°\s*ss\b|n°\s*s[ée]cu|s[ée]curit[ée]\s+sociale)"
)
_BED_LINE = compiled_re(
    rf"(?:^|(?<=[\n:;•\-–—]))[ \t]*(?P<name>{_PARTICLE}{_WORD}(?:[ \t]+{_PARTICLE}{_WORD}){{1,2}})"
    r"[ \t]*(?:,[ \t]*|\([ \t]*)(?i:lit|chambre|ch\.?|box)[ \t]*\d"
)
_MONTHS = (r"janv(?:ier)?|f[ée]v(?:rier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|"
           r"oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?")
# A name pair (or a name after a consultation verb) followed by what only a person has: a birth
# date or an age in brackets or after a dash, "DDN", "née le", "nom de naissance", a relative.
_SEP = r"(?:[ \t]*[,(\-–—][ \t]*|[ \t]+)"
# Cues, in three cheap scans: numbers (an age, a date) start with a digit or a bracket; the word
# cues run case-sensitively on the lowercased text (see `lowered`), or caselessly when it has none.
# Digit first, so the engine skips to digits; what must come before a date is checked after.
# (One leading digit for every branch: measured three times faster than three branches.)
_NUMBER_CUE = compiled_re(
    r"\d(?:\d{0,2}[ \t]*(?:(?i:ans|years?[ \t]+old|mois)|a)\b"
    r"|(?P<date>\d?[/.\-]\d{1,2}[/.\-]\d{2,4}"
    rf"|\d?(?:er)?[ \t]+(?i:{_MONTHS})[ \t.]+\d{{2,4}}))"
)
_WORD_CUE = (
    r"(?<!\w)(?:ddn|n[ée]e?[ \t]+le|nom[ \t]+de[ \t]+naissance|n[ée]e?[ \t]+[àa]\b|"
    r"(?:sa|son|ses)[ \t]+(?:fille|fils|m[èe]re|p[èe]re|nounou|s(?:œ|oe)ur|fr[èe]re|tante|oncle|ni[èe]ce|neveu|"
    r"voisine?|tut(?:eur|rice))\b|vue?[ \t]+(?:ce[ \t]+jour|en[ \t]+consult)"
    rf"|(?<=,[ \t])(?:{NATIONALITIES})\b"
    # "Maxence Cerisier (diététicien)": a list of carers, each with the role in brackets.
    r"|(?<=\()(?:[a-zé]+(?:logue|iatre|thérapeute|therapeute|icien|icienne)|chirurgien(?:ne)?|infirmi[èe]re?|ide|idel|"
    r"as|aide-soignante?|kin[ée]|sage-femme|interne|cadre|pharmacien(?:ne)?|assistante?[ \t]+sociale?|"
    r"m[ée]decin(?:[ \t]+traitant)?|secr[ée]taire|psychomotricien(?:ne)?|orthophoniste|orthoptiste|"
    r"ergoth[ée]rapeute|di[ée]t[ée]ticien(?:ne)?|anesth[ée]siste|externe)(?=\)))"
)
_WORD_CUE_LOW = compiled_re(_WORD_CUE)
_WORD_CUE_ANY = compiled_re(_WORD_CUE, re.IGNORECASE)
# The cue is found first (a few per text), then the name is looked for right before it.
_PAIR_BEFORE = compiled_re(
    rf"(?<![\w'’\-])(?P<name>{_PARTICLE}{_WORD}(?:[ \t]+{_PARTICLE}{_WORD}){{1,2}}){_SEP}\Z"
)
_ONE_BEFORE = compiled_re(
    rf"(?i:consultation|consult|vue?|re[çc]ue?|j['’]ai|voici|de|pour)[ \t]*:?[ \t]+(?P<name>{_WORD}){_SEP}\Z"
)
_INITIAL_CAPS = compiled_re(
    rf"(?<![\w.'’\-/])(?P<initial>[A-LN-ZÀ-Þ]\.)[ \t]?(?P<name>[{_UP}]{{3,}}(?:-[{_UP}]{{2,}})?)(?![\w'’.])"
)  # (not before a dot: "J. MED." is a journal)
# Species after a genus initial, written in capitals in lab headings: "E. COLI".
_SPECIES = frozenset(
    "coli aureus pylori difficile faecalis faecium pneumoniae trachomatis albicans cloacae aeruginosa "
    "epidermidis pyogenes agalactiae influenzae meningitidis gonorrhoeae jirovecii vulgaris mirabilis".split()
)
_NOT_NAMES = frozenset(fold(w) for w in (
    "Patient Patiente Nom Prénom Prenom Madame Monsieur Mme Mlle Docteur Dr Pr Service Unité Chambre Lit Box "
    "Objet Date Motif Conclusion Antécédents Traitement Adresse Téléphone Tél Tel Mail Courriel Médecin "
    "Profil Médical Santé Espace Identité Dossier Fiche Compte Rendu Sortie Entrée Admission Urgences "
    "Mon Ma Mes Le La Les Un Une Et Ou De Du Des Au Aux Mr Mrs Ms M Mmes Pt Née Né Nee Ne DDN Sa Son Ses Vu Vue"
).split()) | _PEOPLE_WORDS
_BED_CUES = cue_set("lit chambre ch box")
_WHY_LINE = "nom seul sur sa ligne au-dessus de la date de naissance"
_WHY_BED = "nom en tête d'une ligne de transmission (lit, chambre)"
_WHY_INITIAL = "initiale et nom en capitales"
_WHY_CUED = "nom suivi d'une date de naissance, d'un âge ou d'un proche"


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    from guard.detect.rules.names import first_names

    return first_names()


def _name_words(span: str) -> bool:
    words = [w for w in span.split() if fold(w) not in ("de", "du", "des", "le", "la", "da", "dos", "van",
                                                         "von", "ben", "el", "al", "ould")]
    return bool(words) and all(fold(w) not in _NOT_NAMES and not is_medical_term(w) for w in words) \
        and not is_medical_term(span)


def _date_cue_ok(text: str, m: re.Match[str]) -> bool:
    """A numeric date counts as a cue right after a bracket, a dash or a space ("(11/5/89)",
    "- 26.08.1988"); a date in words only inside brackets ("(2 décembre 33)")."""
    start, date = m.start(), m.group()
    if date[-1:].isdigit() and any(c in date for c in "/.-") and not any(c.isalpha() for c in date):
        return start > 0 and text[start - 1] in "(-–— \t\n"
    return text[max(0, start - 3):start].rstrip(" \t").endswith("(")


def _name_evidence(span: str) -> bool:
    """A known first name among the words, or a surname in capitals beside a capitalised word."""
    words = span.split()
    if any(fold(w) in _first_names() for w in words):
        return True
    return any(w.isupper() and len(w) > 2 for w in words) and any(not w.isupper() for w in words)


def _label_words(text: str, start: int, span: str, score: float, source: str, why: str) -> list[Finding]:
    """One finding per word: a known first name is PRENOM, the rest NOM (particles join the next word)."""
    out: list[Finding] = []
    names = _first_names()
    for m in re.finditer(r"\S+", span):
        word = m.group()
        label = Label.PRENOM if fold(word) in names and not word.isupper() else Label.NOM
        out.append(Finding(start + m.start(), start + m.end(), label, score, source, why))
    return out


class LayoutNameRule:
    """Names placed by layout: above a birth line, heading a bed line, initial + capitals."""

    name = "rule:layout"

    def find(self, text: str) -> list[Finding]:
        out: list[Finding] = []
        if "\n" in text:
            for m in _NAME_LINE.finditer(text):
                if _name_words(m.group("name")):
                    out.extend(_label_words(text, m.start("name"), m.group("name"), 0.75, self.name, _WHY_LINE))
        if has_any(text, _BED_CUES):
            for m in _BED_LINE.finditer(text):
                if _name_words(m.group("name")):
                    out.extend(_label_words(text, m.start("name"), m.group("name"), 0.7, self.name, _WHY_BED))
        low = lowered(text)
        word_cues = _WORD_CUE_LOW.finditer(low) if low is not None else _WORD_CUE_ANY.finditer(text)
        cues = [(c.start(), c.group("date") is not None) for c in _NUMBER_CUE.finditer(text)
                if c.group("date") is None or _date_cue_ok(text, c)]
        cues += [(c.start(), False) for c in word_cues]
        for cue_start, dated in sorted(cues):
            lo = max(0, cue_start - 90)
            before = text[lo:cue_start].rstrip(" \t,(-–—")
            last = before.rsplit(None, 1)[-1] if before else ""
            if not last[:1].isupper():
                continue  # "5 mg", "depuis 2 ans": no capitalised word right before the cue
            m = _PAIR_BEFORE.search(text, lo, cue_start)
            score = 0.75
            if m is None:
                m = _ONE_BEFORE.search(text, lo, cue_start)
                score = 0.7
            if m is not None:
                start, name = m.start("name"), m.group("name")
                lead = re.match(r"(?:de|du|des|le|la)[ \t]+", name)  # "le dossier de Sequeira Maxence"
                if lead:
                    start, name = start + lead.end(), name[lead.end():]
                while not _name_words(name) and score == 0.75:
                    first = re.match(r"\S+[ \t]+", name)  # "LE PATIENT RAKOTOMALALA HERY 38 ANS": drop "LE PATIENT"
                    if first is None or len(name[first.end():].split()) < 2:
                        break
                    start, name = start + first.end(), name[first.end():]
                if not _name_words(name):
                    continue
                if dated and not _name_evidence(name):
                    continue  # "Bilan Sanguin (12/03/2024)": a dated heading, not a person
                out.extend(_label_words(text, start, name, score, self.name, _WHY_CUED))
        if "." in text:
            for m in _INITIAL_CAPS.finditer(text):
                name = m.group("name")  # (the initial is never "M.": that is "Monsieur")
                if fold(name) in _NOT_NAMES or fold(name) in _SPECIES or is_medical_term(name) \
                        or not any(c in "AEIOUYÀÂÉÈÊËÎÏÔÛÜ" for c in name) or fold(name).strip("xyz") == "":
                    continue  # "E. COLI", "DTP", "XXX": a species, an acronym, a placeholder
                out.append(Finding(m.start("initial"), m.end("initial"), Label.PRENOM, 0.7, self.name, _WHY_INITIAL))
                out.append(Finding(m.start("name"), m.end("name"), Label.NOM, 0.75, self.name, _WHY_INITIAL))
        return out
