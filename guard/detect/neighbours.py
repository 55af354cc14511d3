"""A surname written right next to a first name already found is a surname too.

Why: the first-name rule and the model often find "Wiktoria" or "Maëlya" (a known or
name-shaped first name) but not the rarer surname beside it ("Wiktoria Zielińska",
"Maëlya Courtade-Lopez"), and administrative lines put the surname first ("Kowalczyk
Bartosz, NIR …"). The found first name is the evidence for its neighbour:

- after it: one capitalised word (or a word in capitals), with an optional particle
  ("Aoife Ní Bhriain" aside, "Awa Ould Ahmed", "Jean de La Tour");
- before it: one capitalised word, only when the pair is followed by an identifier cue
  (an age, "né(e)", NIR/INS/IPP, a date of birth): "Salut Marie," stays a greeting.

Stop words, titles, lexicon terms (eponyms, drugs, scores) and sentence-level words are
never taken; the new finding's score never exceeds the first name's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.lexicon import is_medical_term
from guard.detect.rules._words import LOW_CLASS, NATIONALITIES, UP_CLASS
from guard.detect.rules.context import fold
from guard.detect.rules.names import _CAP_STOP
from guard.detect.rules._precompiled import compiled_re

_UP = UP_CLASS
_LOW = LOW_CLASS
_CAP_WORD = rf"[{_UP}][{_LOW}]+(?:[\-'’][{_UP}][{_LOW}]+)*"
_CAPS_WORD = rf"[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})*"
_PARTICLE = r"(?:(?i:de|du|des|le|la|van|von|der|den|da|dos|das|do|di|del|della|ben|bin|ibn|el|al|ould|ait|aït|ní|ni|mac|mc|d['’])[ \t]?)"
_AFTER = compiled_re(rf"[ \t]+((?:{_PARTICLE}(?=[{_UP}]))?(?:{_CAP_WORD}|{_CAPS_WORD}))(?![\w'’])")
_BEFORE = compiled_re(rf"(?<![\w'’\-])({_CAP_WORD})[ \t]+$")
# What may follow a "Surname Firstname" pair in a record: an age, a birth, an identifier, a
# nationality ("Rusu Vasile, moldave").
_CUE_AFTER = compiled_re(
    r"[ \t]*(?:,[ \t]*|\([ \t]*)?(?:\d{1,3}[ \t]*a(?:ns)?\b|n[ée]e?\b|nir\b|ins\b|ipp\b|ddn\b|"
    rf"\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|(?:{NATIONALITIES})\b)",
    re.IGNORECASE,
)
# A form's label at the start of the line before the pair: "Maman : Mezouar Inès".
_LABEL_BEFORE = compiled_re(r"(?:^|\n)[ \t]*[^\W\d_][\w' ’\-]{1,24}[ \t]*:[ \t]*$")
# A list line that opens with "Surname Firstname": rounds, schedules and room lists ("Ch. 7
# Cuny Lucien : Lasilix", "2. Grenier Marcel — lieu-dit…", "Mendès Lucinda 10h00 — 06…").
# Before the surname: the line start and an optional bullet, number, room or time; after the
# first name: a dash, a colon, an hour or the end of the line.
_LIST_LINE_BEFORE = compiled_re(
    r"(?:^|\n)[ \t]*(?:[-•*·–—][ \t]*|\d{1,2}[.)][ \t]*|(?i:ch\.?|chambre|lit|box)[ \t]*\d{1,3}[a-z]?[ \t]*[:\-–—]?[ \t]*"
    r"|\d{1,2}[h:]\d{0,2}[ \t]*[:\-–—]?[ \t]*)?"
    r"(?P<particle>(?:Ait|Aït|AIT|Ben|BEN|Ould|El|Al|Da|De|Di|Del|Dos|Le|La|Van|Von|N['’])[ \t]*)?$")
_LIST_AFTER = compiled_re(r"[ \t]*(?:[:–—]|-[ \t]|\(|\d{1,2}[h:]\d\d\b|\d{1,2}[ \t]?h\b|\n|$)")
# "IDE : Sandrine V.", "J.-P. R., 67 ans": a surname written as its initial after the first name.
_INITIAL_AFTER = compiled_re(rf"[ \t]+([{_UP}]\.)(?=[ \t]*(?:[,;:)\n]|$|[ \t]\d))")
# "Alejandro Ruiz de la Fuente": a particle and a capitalised word continue a found surname.
_PARTICLE_TAIL = compiled_re(rf"[ \t]+((?:de[ \t]+la|de[ \t]+los|de[ \t]+las|del|de|da|das|dos|do|van[ \t]+der|van|von)[ \t]+{_CAP_WORD})(?![\w'’])")
# "Tiago (Gonçalves)": a surname in brackets right after the first name.
_BRACKETED = compiled_re(rf"[ \t]*\([ \t]*({_CAP_WORD}|{_CAPS_WORD})[ \t]*\)")
# A nickname before the real name in brackets: "Loulou (Louis Quéméner)", "dédé (M. Rousseau
# André)", "Gosia (c'est Małgorzata …)". The word is capitalised or a doubled syllable.
_NICKNAME = compiled_re(rf"(?<![\w'’\-])([{_UP}][{_LOW}]+|(?i:([a-zéèêëïîôûç]{{1,3}})\2))[ \t]*\([ \t]*"
                       r"(?:c['’]est[ \t]+|de son vrai nom[ \t]+|(?:M\.|Mme|Mr|Monsieur|Madame)[ \t]+)?$")
# A surname particle written before a found name: "Ould Ahmed Sidi", "Ben Salah", "Aït Ouarab".
_PARTICLE_BEFORE = compiled_re(
    r"(?<![\w'’\-])(Ould|OULD|Ben|BEN|Bent|Ait|Aït|AIT|AÏT|Abd|Abdel|Bou|El|EL|Al|AL|Van|VAN|Von|VON|Dos|DOS|Del|Mac|Ní|Nic)[ \t]+$"
)
# A second surname after a "Firstname Surname" pair, before punctuation: "Tiago Ferreira Gomes,".
_SECOND = compiled_re(rf"[ \t]+({_CAP_WORD})(?=[ \t]*(?:[,;.:()\n]|$))")
# Capitalised words that follow or precede a first name without being a surname.
_NOT_SURNAME = frozenset(fold(w) for w in (
    "Salut Coucou Hello Hi Hey Bonsoir Bravo Allo Allô Re Dear Thanks Voici Voilà Désolé Désolée "
    "Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche Janvier Février Mars Avril Mai Juin Juillet "
    "Août Septembre Octobre Novembre Décembre Aujourd'hui Demain Hier Ce Cet Cette Car Mais Donc Puis "
    "Alors Ensuite Enfin Aussi Ok Oui Non Sinon Si Quand Comme Tu Toi Moi On Nos Notre Leur Leurs "
    "bobo dodo pipi caca coco tutu nana dada gaga pépé mémé tata tonton"
).split())
_WHY = "nom de famille accolé à un prénom trouvé"


def _surname_word(word: str) -> bool:
    from guard.detect.rules.subjects import _PEOPLE_WORDS

    core = word.split()[-1] if " " in word else word
    folded = fold(core)
    return (len(core) >= 2 and folded not in _CAP_STOP and folded not in _NOT_SURNAME and folded not in _PEOPLE_WORDS
            and not is_medical_term(core) and not is_medical_term(word))


def extend_surnames(text: str, findings: list[Finding]) -> list[Finding]:
    """`findings` (sorted, non-overlapping) plus the surnames next to a found first name, and
    a nickname written before the real name in brackets."""
    if not any(f.label in (Label.PRENOM, Label.NOM) for f in findings):
        return findings
    starts = [f.start for f in findings]
    ends = [f.end for f in findings]

    def free(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and ends[i] > start:
            return False
        return not (i + 1 < len(starts) and starts[i + 1] < end)

    extra: list[Finding] = []
    from guard.detect.rules.names import first_names

    known = first_names()
    for f in findings:
        # The model sometimes calls a first name NOM ("Wiktoria Zielińska"): a known first name is
        # evidence for its neighbour whatever its label.
        if f.label is not Label.PRENOM and not (f.label is Label.NOM and fold(text[f.start:f.end]) in known):
            continue
        score = min(f.score, 0.75)
        after = _AFTER.match(text, f.end)
        if after is not None and _surname_word(after.group(1)) and free(after.start(1), after.end(1)):
            extra.append(Finding(after.start(1), after.end(1), Label.NOM, score, "rule:neighbour", _WHY))
        before = _BEFORE.search(text, max(0, f.start - 40), f.start)
        if before is not None and _surname_word(before.group(1)) and free(before.start(1), before.end(1)):
            start = before.start(1)
            listed = _LIST_LINE_BEFORE.search(text, max(0, start - 24), start)
            if listed is not None and _LIST_AFTER.match(text, f.end):
                if listed.group("particle") and free(listed.start("particle"), start):
                    start = listed.start("particle")
                extra.append(Finding(start, before.end(1), Label.NOM, score, "rule:neighbour", _WHY))
            elif _CUE_AFTER.match(text, f.end) or _LABEL_BEFORE.search(text, max(0, start - 30), start):
                extra.append(Finding(start, before.end(1), Label.NOM, score, "rule:neighbour", _WHY))
    for f in findings:
        if f.label is Label.PRENOM:
            m = _BRACKETED.match(text, f.end)
            if m is not None and _surname_word(m.group(1)) and free(m.start(1), m.end(1)):
                extra.append(Finding(m.start(1), m.end(1), Label.NOM, min(f.score, 0.75), "rule:neighbour", _WHY))
        if f.label in (Label.PRENOM, Label.NOM):
            m = _NICKNAME.search(text, max(0, f.start - 60), f.start)
            if m is not None and _surname_word(m.group(1)) and free(m.start(1), m.end(1)):
                extra.append(Finding(m.start(1), m.end(1), Label.PRENOM, min(f.score, 0.7), "rule:neighbour",
                                     "surnom devant le vrai nom entre parenthèses"))
        if f.label in (Label.PRENOM, Label.NOM):
            m = _PARTICLE_BEFORE.search(text, max(0, f.start - 8), f.start)
            if m is not None and free(m.start(1), m.end(1)):
                extra.append(Finding(m.start(1), m.end(1), Label.NOM, min(f.score, 0.75), "rule:neighbour",
                                     "particule d'un nom trouvé"))
    for f in findings:
        if f.label is Label.PRENOM:
            m = _INITIAL_AFTER.match(text, f.end)
            if m is not None and free(m.start(1), m.end(1)):
                extra.append(Finding(m.start(1), m.end(1), Label.NOM, min(f.score, 0.7), "rule:neighbour",
                                     "initiale du nom après le prénom"))
        elif f.label is Label.NOM:
            m = _PARTICLE_TAIL.match(text, f.end)
            if m is not None and _surname_word(m.group(1).split()[-1]) and free(m.start(1), m.end(1)):
                extra.append(Finding(m.start(1), m.end(1), Label.NOM, min(f.score, 0.75), "rule:neighbour",
                                     "suite d'un nom à particule"))
    extra.extend(_second_surnames(text, findings, free))
    if not extra:
        return findings
    extra = _dedupe(extra)
    return sorted(findings + extra, key=lambda x: (x.start, x.end))


def _second_surnames(text: str, findings: list[Finding], free: Callable[[int, int], bool]) -> list[Finding]:
    """"Tiago Ferreira Gomes,": a first name, a found surname, then one more capitalised word
    closed by punctuation is the second half of the surname."""
    out: list[Finding] = []
    for f, g in zip(findings, findings[1:]):
        if f.label is not Label.PRENOM or g.label is not Label.NOM or text[f.end:g.start].strip(" \t"):
            continue
        m = _SECOND.match(text, g.end)
        if m is not None and _surname_word(m.group(1)) and free(m.start(1), m.end(1)):
            out.append(Finding(m.start(1), m.end(1), Label.NOM, min(g.score, 0.75), "rule:neighbour", _WHY))
    return out


def _dedupe(found: list[Finding]) -> list[Finding]:
    """Two first names can claim the same neighbour ("Paul Martin Jean"): keep one per span."""
    out: list[Finding] = []
    for f in sorted(found, key=lambda x: (x.start, x.end)):
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out
