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

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.lexicon import is_medical_term
from guard.detect.rules.context import fold
from guard.detect.rules.names import _CAP_STOP

_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
_LOW = "a-zß-öø-ÿœĀ-ſ"
_CAP_WORD = rf"[{_UP}][{_LOW}]+(?:[\-'’][{_UP}][{_LOW}]+)*"
_CAPS_WORD = rf"[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})*"
_PARTICLE = r"(?:(?i:de|du|des|le|la|van|von|der|den|da|dos|das|do|di|del|della|ben|bin|ibn|el|al|ould|ait|aït|ní|ni|mac|mc|d['’])[ \t]?)"
_AFTER = re.compile(rf"[ \t]+((?:{_PARTICLE}(?=[{_UP}]))?(?:{_CAP_WORD}|{_CAPS_WORD}))(?![\w'’])")
_BEFORE = re.compile(rf"(?<![\w'’\-])({_CAP_WORD})[ \t]+$")
_CUE_AFTER = re.compile(
    r"[ \t]*(?:,[ \t]*|\([ \t]*)?(?:\d{1,3}[ \t]*ans\b|n[ée]e?\b|nir\b|ins\b|ipp\b|ddn\b|"
    r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4})",
    re.IGNORECASE,
)
# Capitalised words that follow or precede a first name without being a surname.
_NOT_SURNAME = frozenset(fold(w) for w in (
    "Salut Coucou Hello Hi Hey Bonsoir Bravo Allo Allô Re Dear Thanks Voici Voilà Désolé Désolée "
    "Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche Janvier Février Mars Avril Mai Juin Juillet "
    "Août Septembre Octobre Novembre Décembre Aujourd'hui Demain Hier Ce Cet Cette Car Mais Donc Puis "
    "Alors Ensuite Enfin Aussi Ok Oui Non Sinon Si Quand Comme Tu Toi Moi On Nos Notre Leur Leurs"
).split())
_WHY = "nom de famille accolé à un prénom trouvé"


def _surname_word(word: str) -> bool:
    core = word.split()[-1] if " " in word else word
    folded = fold(core)
    return (len(core) >= 2 and folded not in _CAP_STOP and folded not in _NOT_SURNAME
            and not is_medical_term(core) and not is_medical_term(word))


def extend_surnames(text: str, findings: list[Finding]) -> list[Finding]:
    """`findings` (sorted, non-overlapping) plus the surnames next to a found first name."""
    if not any(f.label is Label.PRENOM for f in findings):
        return findings
    starts = [f.start for f in findings]
    ends = [f.end for f in findings]

    def free(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and ends[i] > start:
            return False
        return not (i + 1 < len(starts) and starts[i + 1] < end)

    extra: list[Finding] = []
    for f in findings:
        if f.label is not Label.PRENOM:
            continue
        score = min(f.score, 0.75)
        after = _AFTER.match(text, f.end)
        if after is not None and _surname_word(after.group(1)) and free(after.start(1), after.end(1)):
            extra.append(Finding(after.start(1), after.end(1), Label.NOM, score, "rule:neighbour", _WHY))
        before = _BEFORE.search(text, max(0, f.start - 40), f.start)
        if before is not None and _surname_word(before.group(1)) and free(before.start(1), before.end(1)) \
                and _CUE_AFTER.match(text, f.end):
            extra.append(Finding(before.start(1), before.end(1), Label.NOM, score, "rule:neighbour", _WHY))
    if not extra:
        return findings
    extra = _dedupe(extra)
    return sorted(findings + extra, key=lambda x: (x.start, x.end))


def _dedupe(found: list[Finding]) -> list[Finding]:
    """Two first names can claim the same neighbour ("Paul Martin Jean"): keep one per span."""
    out: list[Finding] = []
    for f in sorted(found, key=lambda x: (x.start, x.end)):
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out
