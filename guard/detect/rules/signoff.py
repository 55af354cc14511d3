"""A message signed with a name alone on its last line: "…tu pourras la revoir mardi ?\\nSteph".

Why: messages between colleagues end with the writer's first name or nickname and no
"Cordialement" before it (that case is the relatives rule's). A lone capitalised word or two
on the last line of a message is a signature when the message reads like one — it opens with
a greeting ("Salut Marc,", "Bonjour,") or the word is a known first name — and the word is no
sign-off, title, relative or lexicon term ("Merci", "Bisous", "Docteur", "Maman").
"""

from __future__ import annotations

from functools import lru_cache

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.lexicon import is_medical_term
from guard.detect.rules._words import LOW_CLASS, UP_CLASS
from guard.detect.rules.context import fold
from guard.detect.rules._precompiled import compiled_re

_UP = UP_CLASS
_LOW = LOW_CLASS
_LAST_LINE = compiled_re(
    rf"\n[ \t]*(?:[-–—][ \t]*)?(?P<first>[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)"
    rf"(?:[ \t]+(?P<last>[{_UP}][{_LOW}'’]+(?:-[{_UP}][{_LOW}]+)?|[{_UP}]\.))?[ \t]*[.!]?[ \t]*$"
)
_GREETING = compiled_re(
    r"(?i:salut|bonjour|bonsoir|coucou|hello|hi|hey|dear|cher|ch[èe]re|re)\b[^\n]{0,40}[,!\n]"
)
_NOT_NAMES = frozenset(fold(w) for w in (
    "Merci Bisous Bises Amitiés Amicalement Cordialement Salutations Thanks Cheers Regards Bonne Bon "
    "Belle Courage Ok Oui Non Voilà Voila Urgent Important Docteur Dr Pr Madame Monsieur Maman Papa Mamie "
    "Papi Secrétariat Accueil Équipe Equipe Service Signé Signée Ps Pj Nb Rdv Suite Fin Stop Relance "
    "Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche Demain Aujourd'hui Hier"
).split())


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    from guard.detect.rules.firstnames import word_names
    from guard.detect.rules.names import _CAP_STOP, first_names

    return first_names(), _CAP_STOP | word_names()


class LastLineNameRule:
    """The writer's name alone on the last line of a message."""

    name = "rule:signoff"

    def find(self, text: str) -> list[Finding]:
        tail = text.rstrip()
        if "\n" not in tail[-60:]:
            return []
        m = _LAST_LINE.search(tail, max(0, len(tail) - 60))
        if m is None:
            return []
        first = m.group("first")
        folded = fold(first)
        known, stop = _names()
        if folded in _NOT_NAMES or is_medical_term(first) or len(first) < 2:
            return []
        greeted = _GREETING.match(text.lstrip()) is not None
        if not (folded in known or (greeted and folded not in stop)):
            return []
        out = [Finding(m.start("first"), m.end("first"), Label.PRENOM, 0.75, self.name,
                       "prénom signant un message")]
        last = m.group("last")
        if last and fold(last) not in _NOT_NAMES and not is_medical_term(last):
            out.append(Finding(m.start("last"), m.end("last"), Label.NOM, 0.75, self.name,
                               "nom signant un message"))
        return out
