"""A bare name as the subject of what only a person does: "Kowalczyk refuse la prise de sang",
"Benhamou sort demain, Tsiklauri attend sa place", "Pierre a encore fait une hypo".

Why: handovers and prompts name patients with no title and no cue; the only evidence is the
sentence itself. A capitalised word that opens a sentence (or a clause after a comma) and is
followed by a verb whose subject can only be a person — refuses, coughs, goes home, says,
calls back — is a name, provided it is not a pronoun, a title, a relative ("Maman", "Fils"), a
profession or a team, or a lexicon term ("Douleur", "Fièvre").

A first name that is also a word ("Ange", "Prudence", "Rose") is taken the same way: "Prudence
a vomi" is a girl, "Prudence avec les AINS" has no such verb. The verb "est" alone is not
enough ("Prudence est de mise").
"""

from __future__ import annotations

import re
from functools import lru_cache

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.lexicon import is_medical_term
from guard.detect.rules._words import LOW_CLASS, UP_CLASS
from guard.detect.rules.context import fold
from guard.detect.rules._precompiled import compiled_re

_UP = UP_CLASS
_LOW = LOW_CLASS
_NAME = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)*|[{_UP}]{{3,}}(?:-[{_UP}]{{3,}})*"
_VERBS = (
    r"refuse|a\s+refus[ée]|tousse|pleure|dort|mange|vomit|a\s+vomi|se\s+plaint|raconte|r[âa]le|"
    r"souhaite|veut|voudrait|accepte|revient|rentre|sort|sortira|est\s+sorti|est\s+sortie|"
    r"rappelle|a\s+rappel[ée]|a\s+appel[ée]|attend|a\s+refait|refait|a\s+encore|va\s+mieux|"
    r"va\s+moins\s+bien|est\s+rentr[ée]e?|est\s+revenue?|est\s+arriv[ée]e?|est\s+tomb[ée]e?|a\s+chut[ée]|"
    r"n['’]a\s+pas|ne\s+veut|ne\s+mange|ne\s+dort|ne\s+prend|a\s+arr[êe]t[ée]|se\s+sent|se\s+porte|"
    r"a\s+[ée]t[ée]\s+vue?|a\s+bien\s+dormi|a\s+bien\s+mang[ée]|est\s+partie?|consulte|a\s+consult[ée]|"
    r"habite|travaille|marche|boite|saigne|fugue|d[ée]ambule|crie|s['’]agite|se\s+l[èe]ve"
)
# A night hand-off reports a state after the room: "ch 14 : Kerbrat agitée vers 2h". The room
# is the evidence (a state after a bare capitalised word is as often "Aplasie fébrile").
_BED_STATE = compiled_re(
    rf"(?i:\bch\.?|\bchambre|\blit|\bbox)[ \t]*\d{{1,3}}[a-z]?[ \t]*[:\-–—]?[ \t]*"
    rf"(?P<name>{_NAME})[ \t]+(?i:agit[ée]e?|confuse?|d[ée]sorient[ée]e?|somnolente?|algique|f[ée]brile|"
    r"apyr[ée]tique|angoiss[ée]e?|opposante?|d[ée]lirante?|inconfortable|naus[ée]eu(?:x|se)|douloureu(?:x|se)|"
    r"endormie?|r[ée]veill[ée]e?|calme|stable|dyspn[ée]ique|hypotendue?|d[ée]satur[ée]e?)(?![\w'’])"
)
# Start of a sentence or of a clause; then the name (one or two words) and the verb. (The rule
# runs the cheaper per-verb form below; these full-text forms are its reference in the tests.)
_PATTERN = compiled_re(
    rf"(?:^|(?<=[.!?\n:;,])[ \t]*|(?<=\n))[ \t]*(?P<name>(?:{_NAME})(?:[ \t]+(?:{_NAME}))?)[ \t]+(?:{_VERBS})(?![\w'’])"
)
# SMS style, no capitals: a known first name opening the message or a sentence ("kevin tousse
# depuis hier", "prosper va mieux"). Only names from the first-name list, never a word-name.
_LOWER_PATTERN = compiled_re(
    rf"(?:^|(?<=[.!?\n])[ \t]*)[ \t]*(?P<name>[{_LOW}]{{3,}}(?:-[{_LOW}]+)?)[ \t]+(?:{_VERBS})(?![\w'’])"
)
_HINT_VERBS = compiled_re(rf"[ \t](?:{_VERBS})(?![\w'’])")
# The same subjects, looked for right before each verb found (a few per text) instead of
# tried at every position of the text.
_NAME_BEFORE = compiled_re(
    rf"(?:^|(?<=[.!?\n:;,]))[ \t]*(?P<name>(?:{_NAME})(?:[ \t]+(?:{_NAME}))?)[ \t]*\Z"
)
_LOWER_BEFORE = compiled_re(
    rf"(?:^|(?<=[.!?\n]))[ \t]*(?P<name>[{_LOW}]{{3,}}(?:-[{_LOW}]+)?)[ \t]*\Z"
)
_PEOPLE_WORDS = frozenset(fold(w) for w in (
    "Il Elle Ils Elles On Je Tu Nous Vous Ce Ça Cela Ceci Celui Celle Chacun Personne Quelqu'un Tout Tous Rien "
    "Patient Patiente Patients Enfant Enfants Bébé Fille Fils Mari Femme Épouse Époux Mère Père Frère Sœur Soeur "
    "Voisin Voisine Famille Entourage Équipe Aide Aidant Aidante Tuteur Tutrice Curateur Curatrice Résident "
    "Résidente Usager Client Cliente Médecin Interne Externe Service Kiné Infirmier Infirmière Aide-soignante "
    "Aide-soignant Urgentiste Régulateur Ambulancier Secrétaire Secrétariat Pharmacien Pharmacienne Labo "
    "Laboratoire Chirurgien Anesthésiste Cardiologue Psychiatre Pédiatre Généraliste Remplaçant Remplaçante "
    "Monsieur Madame Mademoiselle Docteur Professeur Dr Pr Mme Mlle Mr Lui Elle-même Lui-même Maman Papa Mamie "
    "Papi Papy Mémé Pépé Tata Tonton Nounou Grand-mère Grand-père Petit Petite Bonjour Salut Merci Alors Puis "
    "Ensuite Enfin Donc Mais Et Ou Si Quand Comme Aujourd'hui Demain Hier Ce Cette Qui Que Quoi Dont Où"
).split())


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    from guard.detect.rules.firstnames import word_names
    from guard.detect.rules.names import _CAP_STOP, first_names

    return first_names() | word_names(), _CAP_STOP


def _is_name(word: str, stop: frozenset[str]) -> bool:
    folded = fold(word)
    return (len(word) >= 3 and folded not in _PEOPLE_WORDS and folded not in stop
            and not is_medical_term(word))


class SubjectNameRule:
    """A bare name opening a sentence or clause before a verb only a person does."""

    name = "rule:subjects"

    def find(self, text: str) -> list[Finding]:
        out: list[Finding] = []
        if any(c.isdigit() for c in text):
            for m in _BED_STATE.finditer(text):
                if _is_name(m.group("name"), _names()[1]):
                    out.append(Finding(m.start("name"), m.end("name"), Label.NOM, 0.7, self.name,
                                       "nom après la chambre, avant son état"))
        verbs = [v.start() for v in _HINT_VERBS.finditer(text)]
        if not verbs:
            return out
        known, stop = _names()
        subjects = [m for v in verbs if (m := _NAME_BEFORE.search(text, max(0, v - 60), v)) is not None]
        for m in subjects:
            words = list(re.finditer(r"\S+", m.group("name")))
            base = m.start("name")
            for w in words:
                word = w.group()
                folded = fold(word)
                if folded in known:
                    if folded in _PEOPLE_WORDS:
                        break
                    label = Label.PRENOM
                elif _is_name(word, stop):
                    label = Label.NOM
                else:
                    break  # "Douleur va mieux", "Elle refuse": not a name, nor what follows
                out.append(Finding(base + w.start(), base + w.end(), label, 0.7, self.name,
                                   "nom sujet d'un verbe de personne"))
        pure = _plain_first_names()
        lowers = [m for v in verbs if (m := _LOWER_BEFORE.search(text, max(0, v - 40), v)) is not None]
        for m in lowers:
            folded = fold(m.group("name"))
            if folded in pure and folded not in _PEOPLE_WORDS and not is_medical_term(m.group("name")):
                out.append(Finding(m.start("name"), m.end("name"), Label.PRENOM, 0.65, self.name,
                                   "prénom en minuscules sujet d'un verbe de personne"))
        return out


@lru_cache(maxsize=1)
def _plain_first_names() -> frozenset[str]:
    """First names that are not also ordinary words (lowercase "rose" or "pierre" stay words)."""
    from guard.detect.rules.firstnames import word_names
    from guard.detect.rules.names import _LOWER_STOP, first_names

    return first_names() - word_names() - _LOWER_STOP
