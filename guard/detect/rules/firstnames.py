"""Names found through a known first name, with no title in front.

Why: clinicians write "Je te confirme que Mamadou Coulibaly passe en HDJ", "Yanis Bouzid,
17 ans, footballeur", "les résultats de Maëlys sont revenus", "pour Killian, 16 ans" — no
"M." or "Mme" to lean on, and a model trained on generated text misses some of them. A first
name is a strong signal on its own when it is not also an ordinary word: the shipped list
(guard/detect/data/prenoms.txt) is paired with the list of first names that are also words,
places or eponyms (prenoms_mots.txt: Rose, Pierre, Claire, Iris...), which need a last name
next to them before they count.

What is taken:
- a known first name next to a capitalised last name: "Mamadou Coulibaly" (PRENOM + NOM),
  "COULIBALY Mamadou" (NOM + PRENOM);
- an unambiguous known first name alone: "Maëlys" (PRENOM, lower score);
- a capitalised name followed by an age: "Killian, 16 ans", "Yanis Bouzid (17 ans)";
- in SMS-style prompts, lowercase words between "patient"/"mme"… and an age:
  "patient mathis caron 22 ans".
Eponym heads before ("syndrome de Pierre Robin") and lexicon words cancel a match.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.lexicon import is_medical_term
from guard.detect.plausibility import (
    DOSE_AFTER, INITIALS_AFTER, SURNAME_INITIAL_AFTER, eponym_before, in_eponym_list,
)
from guard.detect.rules._base import CaselessHint, make
from guard.detect.rules._words import cue_set, fold_word, has_any
from guard.detect.rules._words import words as text_words
from guard.detect.rules.context import fold
from guard.detect.rules.names import _CAP_STOP, _LOWER_STOP, _PARTICLES, first_names
from guard.detect.rules._precompiled import compiled_re

# Capitalised words (stdlib engine: one pass over the text, much cheaper than `regex`).
_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"  # Latin-1 and Latin Extended-A capitals (the range also holds lowercase:
_LOW = "a-zß-öø-ÿœ"  # harmless, the checks below look at the first letter)
_CAP_WORD = compiled_re(rf"(?<![\w'’\-])[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)*(?![\w'’])")
# The word after a first name: a capitalised or ALL-CAPS last name (particles allowed).
_NEXT = compiled_re(
    rf"[ \t]+((?:(?:de|da|dos|van|von|le|la|el|ben|di|del)[ \t]+)?[{_UP}][\w'’]+(?:-[{_UP}][\w'’]+)*)(?![\w'’])"
)
_PREV_WORD = compiled_re(r"([\w'’\-]+)[ \t]+$")
_PREV_CAPS = compiled_re(rf"(?<![\w'’\-])([{_UP}][{_UP}'’]+(?:[- ][{_UP}][{_UP}'’]+)?)[ \t]+$")
_AGE_AFTER = compiled_re(
    r"(?:[ \t]*(?:,[ \t]*|\([ \t]*)\d{1,3}[ \t]*(?:ans|an|mois|a)|[ \t]+\d{1,3}[ \t]*ans)(?![\w])"
)
# Matched caselessly (CaselessHint: on the lowercased text when it can): use its offsets only.
# Endings of French adjectives and participles ("agité", "confus", "douloureux", "fébrile").
_ADJECTIVE_END = compiled_re(r"(?:é|ée|és|ées|if|ive|eux|euse|ant|ante|ique|able|ible|al|ale|us|ile|aire)$")
_LOWER_AGED = CaselessHint(
    r"(?<!\w)(?:patiente?|pt|mme|mr|m\.|monsieur|madame|mlle)[ \t]+"
    rf"((?:[{_LOW}][{_LOW}'’\-]+[ \t]+){{1,3}}?)\d{{1,3}}[ \t]*(?:ans|an|a)(?!\w)"
)
# Who someone is, not what they are called: "Femme, 45 ans", "Nourrisson (3 mois)".
_PERSON_NOUNS = frozenset(fold(w) for w in (
    "homme femme enfant garçon garcon fille bébé bebe nourrisson nouveau-né adolescent adolescente "
    "ado sujet patient patiente résident résidente retraité retraitée veuf veuve père mère frère "
    "sœur soeur fils jumeau jumelle monsieur madame mademoiselle cas dame jeune petit petite aîné "
    "cadet cadette senior étudiant étudiante militaire sportif sportive marin agriculteur "
    "agricultrice infirmière infirmier médecin ouvrier ouvrière employé employée"
).split())


_AGE_ANY = compiled_re(r"\d[ \t]*(?:ans|an|mois|a)(?!\w)")


@lru_cache(maxsize=1)
def _name_runs() -> frozenset[str]:
    """Every letter run of every known first name, folded like `_words` (a cheap pre-check)."""
    return frozenset(run for n in first_names() for run in re.findall(r"[^\W\d_]+", fold_word(n)))


@lru_cache(maxsize=1)
def word_names() -> frozenset[str]:
    """Folded first names that are also ordinary words, places or eponyms."""
    try:
        raw = resources.files("guard.detect.data").joinpath("prenoms_mots.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(fold(line.strip()) for line in raw.splitlines() if line.strip() and not line.startswith("#"))


def _is_surname(word: str) -> bool:
    folded = fold(word)
    last = folded.split()[-1]
    return (
        len(last) >= 2
        and folded not in _CAP_STOP and last not in _CAP_STOP
        and not is_medical_term(word) and not is_medical_term(last)
        and last not in _PERSON_NOUNS
    )


# SMS style, all lowercase: "kevin lemaire, 27 ans"; "sa mère nathalie", "avec son fils noah".
# Searched only right before each age ("…, 27 ans"), not over the whole text.
_AGE_START = compiled_re(r"\d(?<!\d\d)\d{0,2}[ \t]*(?:ans|a)(?!\w)")  # = (?<!\d)\d{1,3}…, digit first (see zip._ZIP_HINT)
_LOWER_PAIR_END = compiled_re(
    rf"(?<![\w'’\-])([{_LOW}][{_LOW}\-]{{2,}})[ \t]+([{_LOW}][{_LOW}'’\-]{{2,}}),?[ \t]*\(?$"
)
_BIRTH_AFTER_PAIR = compiled_re(r"(?<![\w'’])n[ée]e?[ \t]+(?:le|en)[ \t]+\d")
_RELATION_CUES = cue_set(
    "mère mere père pere fille fils sœur soeur frère frere femme mari épouse epouse époux epoux compagne "
    "compagnon copine copain ex grand petite petit tante oncle nièce niece neveu cousin cousine ami amie voisin voisine "
    "patient patiente maman papa"
)
_LOWER_AFTER_RELATION = compiled_re(
    rf"(?<!\w)(?:sa|son|ses|ma|mon|mes|leur|notre|votre|la|le)[ \t]+(?:m[èe]re|p[èe]re|fille|fils|s(?:œ|oe)ur|fr[èe]re|"
    rf"femme|mari|[ée]pouse|[ée]poux|compagne|compagnon|copine|copain|ex|grand-m[èe]re|grand-p[èe]re|petite?-fille|"
    rf"petit-fils|tante|oncle|ni[èe]ce|neveu|cousine?|amie?|voisine?|patiente?|petite?|maman|papa)[ \t]+([{_LOW}][{_LOW}\-]{{2,}})(?![\w'’])"
)
# "le pere de yanis", "la maman d'ines": the child named after the parent.
_LOWER_CHILD_OF = compiled_re(
    rf"(?<![\w'’])(?:p[èe]re|m[èe]re|maman|papa|parents|famille|fr[èe]re|s(?:œ|oe)ur|grand-m[èe]re|grand-p[èe]re|"
    rf"mamie|papi|nounou|assistante[ \t]+maternelle)[ \t]+(?:de[ \t]+|d['’][ \t]*)([{_LOW}][{_LOW}\-]{{2,}})(?![\w'’])"
)


# SMS style after words that put a person next: "séance kiné avec manon ce matin", "vu lucas
# hier", "rdv chez nathalie", "message de kevin". The same known, unambiguous first names only.
_FAMILY_CUES = cue_set("mamie mami mamy papi papy mémé pépé tata tatie tonton")
_MEETING_CUES = cue_set(
    "avec voir vu vue revu revue chez message nouvelles rappeler rappelé rappelée appel pour "
    "sf ide idel idec kiné kine coordinatrice coordinateur cadre interne collègue mari épouse epouse")
_LOWER_AFTER_MEETING = compiled_re(
    rf"(?<![\w'’])(?:avec|voir|vu|vue|revu|revue|chez|message[ \t]+de|nouvelles[ \t]+de|rappeler|rappel[ée]e?|"
    rf"appel[ \t]+de|pour|sf|ide|idel|idec|kin[ée]|coordinat(?:rice|eur)|cadre|interne|coll[èe]gue|mari|[ée]pouse)"
    rf"[ \t]+([{_LOW}][{_LOW}\-]{{2,}})(?![\w'’])"
)
# A lowercase signature before the writer's role: "corentin abgrall, MK, cabinet de…".
_LOWER_PAIR_BEFORE_ROLE = compiled_re(
    rf"(?<![\w'’\-])([{_LOW}][{_LOW}\-]{{2,}})[ \t]+([{_LOW}][{_LOW}'’\-]{{2,}}),?[ \t]*(?:MK|IDE|IDEL|IDEC|SF|"
    rf"(?i:kin[ée](?:sith[ée]rapeute)?|infirmi[èe]re?|sage-femme|pharmacien(?:ne)?|m[ée]decin|interne|secr[ée]taire|"
    rf"orthophoniste|ergoth[ée]rapeute|psychologue|di[ée]t[ée]ticienne?|podologue|ost[ée]opathe))(?![\w])"
)
_NOT_LOWER_SURNAME = frozenset(
    "matin soir midi nuit jour jours semaine mois an ans annee lendemain weekend suivant suivante prochain "
    "prochaine dernier derniere aussi bien mieux encore meme tout toute tous seul seule ok merci svp stp "
    "docteur dr madame monsieur mme patient patiente enfant bebe".split())
# The lowercase surname right after a lowercase first name found by a cue ("sa mère nathalie
# lemaire.", "chez momo (mohamed zerrouki de la chambre 4", "voir capucine le goff demain"):
# one word, maybe after a particle, closed by punctuation, a line end or a word of time/place.
_LOWER_SURNAME_AFTER = compiled_re(
    rf"[ \t]+((?:(?:le|la|ben|el|da|dos|van)[ \t]+)?[{_LOW}][{_LOW}'’\-]{{2,}})"
    r"(?=[ \t]*(?:[.,;:()!?\n]|$)|[ \t]+(?:de[ \t]+la[ \t]+chambre|demain|hier|ce[ \t]+(?:matin|soir)|aujourd))"
)


_AGE_OR_MONTHS = compiled_re(r"\d(?<!\d\d)\d{0,2}[ \t]*(?:ans|a|mois)(?!\w)")
_LOWER_NAME_BEFORE_AGE = compiled_re(rf"(?<![\w'’\-])([{_LOW}][{_LOW}\-]{{2,}}),?[ \t]+\Z")
_ET_AL = compiled_re(r"[ \t]+et[ \t]+al\b|[ \t]+and[ \t]+colleagues\b")  # "(Thomas et al., 2002)"
# Family nicknames used as titles, no possessive needed: "vu mamie jeanne ce matin".
_LOWER_AFTER_FAMILY = compiled_re(
    rf"(?<![\w'’])(?:mamie|mami|mamy|papi|papy|m[ée]m[ée]|p[ée]p[ée]|tata|tatie|tonton)[ \t]+([{_LOW}][{_LOW}\-]{{2,}})(?![\w'’])"
)


def _overlapping(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches that may overlap: "kiné avec manon" holds "kiné avec" and "avec manon"."""
    out: list[re.Match[str]] = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        out.append(m)
        pos = m.start(1)
    return out


class FirstNameRule:
    """PRENOM/NOM around a known first name (0.7 with a last name, 0.6 alone)."""

    name = "firstnames"

    def find(self, text: str) -> list[Finding]:
        no_name = text_words(text).isdisjoint(_name_runs())
        aged = _AGE_ANY.search(text) is not None  # every age pattern below holds an _AGE_ANY match
        if no_name and not aged:
            return []  # no known first name and no age: nothing this rule can find
        out: list[Finding] = []
        caps = list(_CAP_WORD.finditer(text))
        names = first_names()
        end = len(text)
        for m in caps:
            # _around_word finds nothing for a word that is neither a known first name nor
            # followed by an age (which starts with a space, a tab, "," or "("): skip the call.
            e = m.end()
            if fold(m.group()) not in names and not (
                    aged and e < end and text[e] in " \t,(" and _AGE_AFTER.match(text, e) is not None):
                continue
            out.extend(self._around_word(text, m))
        if aged:
            out.extend(self._two_names_before_age(text, caps))
            out.extend(self._lowercase_before_age(text))
        out.extend(self._lowercase_known(text, aged))
        return out

    def _lowercase_known(self, text: str, aged: bool) -> list[Finding]:
        """All-lowercase known first names where the sentence says a person is meant: before a
        last name and an age ("kevin lemaire, 27 ans") or after a relation ("sa mère nathalie")."""
        out: list[Finding] = []
        names, ambiguous = first_names(), word_names()

        def usable(word: str) -> bool:
            f = fold(word)
            return f in names and f not in ambiguous and f not in _LOWER_STOP and not is_medical_term(word)

        ages = [a.start() for a in _AGE_START.finditer(text)] if aged else []
        if "n" in text:  # "lucas moreau né le 12/02/2012": a birth says a person is meant, like an age
            ages += [b.start() for b in _BIRTH_AFTER_PAIR.finditer(text)]
        pairs = (m for a in ages if (m := _LOWER_PAIR_END.search(text, max(0, a - 60), a)) is not None)
        for m in pairs:
            last = m.group(2)
            if usable(m.group(1)) and fold(last) not in _LOWER_STOP and not is_medical_term(last):
                why = "prénom et nom en minuscules avant l'âge"
                out.append(make(m.start(1), m.end(1), Label.PRENOM, 0.6, self.name, why))
                out.append(make(m.start(2), m.end(2), Label.NOM, 0.6, self.name, why))
        relations = _LOWER_AFTER_RELATION.finditer(text) if has_any(text, _RELATION_CUES) else ()
        for m in relations:
            if usable(m.group(1)):
                out.append(make(m.start(1), m.end(1), Label.PRENOM, 0.6, self.name, "prénom en minuscules après un lien"))
        for m in _LOWER_CHILD_OF.finditer(text) if has_any(text, _RELATION_CUES | _FAMILY_CUES) else ():
            if usable(m.group(1)):
                out.append(make(m.start(1), m.end(1), Label.PRENOM, 0.6, self.name, "prénom en minuscules après « le père de »"))
        family = _LOWER_AFTER_FAMILY.finditer(text) if has_any(text, _FAMILY_CUES) else ()
        for m in family:
            if usable(m.group(1)):
                out.append(make(m.start(1), m.end(1), Label.PRENOM, 0.6, self.name, "prénom en minuscules après « mamie »…"))
        for age in _AGE_OR_MONTHS.finditer(text) if any(c.isdigit() for c in text) else ():
            a = age.start()
            m = _LOWER_NAME_BEFORE_AGE.search(text, max(0, a - 30), a)
            if m is not None and usable(m.group(1)):
                out.append(make(m.start(1), m.end(1), Label.PRENOM, 0.6, self.name, "prénom en minuscules avant l'âge"))
        for m in _overlapping(_LOWER_AFTER_MEETING, text) if has_any(text, _MEETING_CUES) else ():
            if usable(m.group(1)):
                out.append(make(m.start(1), m.end(1), Label.PRENOM, 0.6, self.name,
                                "prénom en minuscules après « avec », « vu », « chez »…"))
        if "," in text or " " in text:
            for m in _LOWER_PAIR_BEFORE_ROLE.finditer(text):
                last = m.group(2)
                if usable(m.group(1)) and fold(last) not in _LOWER_STOP and not is_medical_term(last):
                    why = "signature en minuscules avant la fonction"
                    out.append(make(m.start(1), m.end(1), Label.PRENOM, 0.6, self.name, why))
                    out.append(make(m.start(2), m.end(2), Label.NOM, 0.6, self.name, why))
        for f in list(out):
            if f.label is not Label.PRENOM or not text[f.start].islower():
                continue
            m = _LOWER_SURNAME_AFTER.match(text, f.end)
            if m is None:
                continue
            last = m.group(1).split()[-1]
            if fold(last) in _LOWER_STOP or fold(last) in _NOT_LOWER_SURNAME or is_medical_term(last) \
                    or fold(last) in names or any(
                    g.start == m.start(1) for g in out):
                continue
            out.append(make(m.start(1), m.end(1), Label.NOM, 0.55, self.name, "nom en minuscules après le prénom"))
        return out

    def _around_word(self, text: str, m: re.Match[str]) -> list[Finding]:
        """Findings anchored on one capitalised word: pair, ALL-CAPS + first name, age, alone."""
        word = m.group()
        folded = fold(word)
        names, ambiguous = first_names(), word_names()
        aged = _AGE_AFTER.match(text, m.end())
        known = folded in names
        if not known and aged is None:
            return []
        if eponym_before(text, m.start()) or (INITIALS_AFTER.match(text, m.end())
                                              and not SURNAME_INITIAL_AFTER.match(text, m.end())) \
                or _ET_AL.match(text, m.end()):
            return []  # "syndrome de Pierre Robin"; "Martin L, Moreau P.": cited authors
        nxt = _NEXT.match(text, m.end())
        if nxt is not None and nxt.group(1)[:1].isupper() and is_medical_term(nxt.group(1)) \
                and "\n" not in text[m.end():nxt.start(1)]:
            return []  # "Virginia Apgar", "James Parkinson": the person behind an eponym
        surname = nxt is not None and _is_surname(nxt.group(1)) and "\n" not in text[m.end():nxt.start(1)] \
            and not is_medical_term(f"{word} {nxt.group(1)}")
        if surname and folded in ambiguous and nxt is not None and not nxt.group(1).isupper() \
                and fold(nxt.group(1)) in names | ambiguous:
            surname = False  # "Pierre Marie", "Rose Claire": two words that are names only maybe
        if known and surname and nxt is not None:
            why = "prénom connu suivi d'un nom"
            return [make(m.start(), m.end(), Label.PRENOM, 0.7, self.name, why),
                    make(nxt.start(1), nxt.end(1), Label.NOM, 0.7, self.name, why)]
        prev = _PREV_CAPS.search(text, max(0, m.start() - 40), m.start())
        if known and folded not in ambiguous and prev is not None and _is_surname(prev.group(1)) \
                and len(prev.group(1)) >= 3:
            why = "nom en capitales suivi d'un prénom connu"
            return [make(prev.start(1), prev.end(1), Label.NOM, 0.7, self.name, why),
                    make(m.start(), m.end(), Label.PRENOM, 0.7, self.name, why)]
        if aged is not None and _is_surname(word) and folded not in _PERSON_NOUNS \
                and (known or m.start() == 0 or not text[m.start() - 1].isalnum()):
            label = Label.PRENOM if known else Label.NOM
            return [make(m.start(), m.end(), label, 0.7, self.name, "nom suivi d'un âge")]
        if not known or folded in ambiguous or folded in _CAP_STOP or is_medical_term(word):
            return []
        prev_word = _PREV_WORD.search(text, max(0, m.start() - 40), m.start())
        in_term = (nxt is not None and is_medical_term(f"{word} {nxt.group(1)}")) or (
            prev_word is not None and is_medical_term(f"{prev_word.group(1)} {word}"))
        alone = make(m.start(), m.end(), Label.PRENOM, 0.6, self.name, "prénom connu")
        if in_term or DOSE_AFTER.match(text, m.end()) is not None or in_eponym_list(text, alone):
            return []
        return [alone]

    def _two_names_before_age(self, text: str, caps: list[re.Match[str]]) -> list[Finding]:
        """"Yanis Bouzid, 17 ans" with an unknown first word: both words are names (the text
        holds an age; `caps` are the _CAP_WORD matches)."""
        out: list[Finding] = []
        names = first_names()
        for m in caps:
            nxt = _NEXT.match(text, m.end())
            if nxt is None or _AGE_AFTER.match(text, nxt.end()) is None or fold(m.group()) in names:
                continue
            if _is_surname(m.group()) and _is_surname(nxt.group(1)) and fold(m.group()) not in _PERSON_NOUNS \
                    and "\n" not in text[m.end():nxt.start(1)]:
                why = "nom suivi d'un âge"
                out.append(make(m.start(), m.end(), Label.NOM, 0.65, self.name, why))
                out.append(make(nxt.start(1), nxt.end(1), Label.NOM, 0.65, self.name, why))
        return out

    def _lowercase_before_age(self, text: str) -> list[Finding]:
        """SMS style: "patient mathis caron 22 ans" — the lowercase words between the cue and the age
        (the text holds an age: every _LOWER_AGED match holds an _AGE_ANY match)."""
        out: list[Finding] = []
        names = first_names()
        for m in _LOWER_AGED.finditer(text):
            words = [(w.group(), m.start(1) + w.start()) for w in re.finditer(r"\S+", text[m.start(1):m.end(1)])]
            if not words or any(w[:1].isupper() or fold(w) in _LOWER_STOP or is_medical_term(w) for w, _ in words):
                continue
            if any(fold(w) not in names and _ADJECTIVE_END.search(w) for w, _ in words):
                continue  # "patient agité confus 78a": how the patient is, not who
            for w, start in words:
                f = fold(w)
                label = Label.NOM if f in _PARTICLES else Label.PRENOM if f in names else Label.NOM
                out.append(make(start, start + len(w), label, 0.6, self.name, "nom avant l'âge (style SMS)"))
        return out
