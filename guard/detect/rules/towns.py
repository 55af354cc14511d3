"""Known towns, named in running text: "sa fille est à Lyon", "repart à Recife le 15/01".

Why: the place rule needs a cue it knows ("habite à", a postcode, an address) and the model,
trained on letters, misses towns in the short sentences of a prompt ("on est a Lunel ?",
"évasan vers Mamoudzou"). A town names where a patient lives or comes from, so it is an
identifier even without a cue.

The gazetteer (`data/communes.txt`, `data/villes_monde.txt`) was typed for the project from
general knowledge. A town is taken:
- anywhere, written with its capital, when its name is not also a word, a first name, a
  surname or a medical term (`data/villes_ambigues.txt`, the first-name lists, the lexicon);
- for those ambiguous names ("Nice", "Tours", "Florence", "Paris"), only right after a
  locative cue ("à", "vers", "habite", "originaire de", "CHU de"…).
Never after a medical head word: "classification de Paris", "critères de Rome", "échelle de
Bristol", "règles d'Ottawa", "fièvre de Lassa" are eponyms, not places.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._words import UP_CLASS, lowered
from guard.detect.rules.context import fold
from guard.detect.rules._precompiled import compiled_re

_FILES = ("communes.txt", "villes_monde.txt")
_AMBIGUOUS_FILE = "villes_ambigues.txt"
_MAX_WORDS = 4  # "Saint-Jean-de-Luz" is one word here; "Le Puy-en-Velay", "Phnom Penh" two

_UP = UP_CLASS
# A capitalised word (hyphens and apostrophes inside), possibly a town's first word.
_CAP = compiled_re(rf"(?:(?<=\b[dDlL]['’])|(?<![\w'’\-]))[{_UP}][\w'’]*(?:-[\w'’]+)*")  # also "d'Agen"
_NEXT = compiled_re(r"[ \t]+([\w'’]+(?:-[\w'’]+)*)")
_SEP = compiled_re(r"[\s\-]+")
_ABBREV = {"st": "saint", "ste": "sainte"}

# Heads that make the next capitalised word an eponym or an event, not a place.
_MEDICAL_BEFORE = compiled_re(
    r"(?i:\b(?:classifications?|crit[èe]res?|scores?|[ée]chelles?|r[èe]gles?|stades?|grades?|"
    r"syndromes?|maladies?|signes?|tests?|fi[èe]vres?|virus|enc[ée]phalites?|consensus|boutons?|ulc[èe]res?|"
    r"d[ée]clarations?|conf[ée]rences?|accords?|trait[ée]s?|conventions?|protocoles?|recommandations|"
    r"universit[ée]|[ée]coles?|type|souche|variant|classification|criteria|scale|score|rules|virus|"
    r"[ée]quipes?|coll[èe]gues|confr[èe]res|congr[èe]s|facult[ée]|acad[ée]mie|soci[ée]t[ée])"
    r"[ \t]+(?:de[ \t]+|du[ \t]+|d['’][ \t]*|of[ \t]+)?(?:la[ \t]+)?)$"
)
# English eponyms put the place first: "Bristol stool scale", "Ottawa ankle rules".
_MEDICAL_AFTER = compiled_re(
    r"[ \t]+(?i:classification|criteria|crit[èe]res|scale|score|stool|ankle|knee|rules?|consensus|"
    r"declaration|protocol|virus|fever|diet|heart|study|trial|cohort)\b"
)
# A publisher's town in a reference: "Saint-Denis : HAS ; 2015", "Paris : Masson, 2010".
_PUBLISHER_AFTER = compiled_re(r"[ \t]*:[ \t]*[^\n;,:]{1,40}[;,][ \t]*(?:19|20)\d\d")
# Cues after which even an ambiguous name is a place.
_CUE_BEFORE = compiled_re(
    r"(?i:(?:^|[\s(,;:])(?:à|a|vers|habite|habitent|habitons|habitant|habitante|vit|vivent|vivant|r[ée]side|"
    r"domicili[ée]e?s?|tribunal(?:[ \t]+(?:judiciaire|administratif|d['’]instance|de[ \t]+grande[ \t]+instance))?[ \t]+d[e'’]|"
    r"cour[ \t]+d['’]appel[ \t]+d[e'’]|pr[ée]fecture[ \t]+d[e'’]|sous-pr[ée]fecture[ \t]+d[e'’]|gendarmerie[ \t]+d[e'’]|"
    r"commissariat[ \t]+d[e'’]|smur[ \t]+d[e'’]|samu[ \t]+d[e'’]|urgences[ \t]+d[e'’]|"
    r"originaire[ \t]+d[e'’]|en[ \t]+provenance[ \t]+d[e'’]|de[ \t]+retour[ \t]+d[e'’]|rentr[ée]e?[ \t]+d[e'’]|"
    r"n[ée]e?[ \t]+[àa]|chu[ \t]+d[e'’]|chr[ \t]+d[e'’]|ch[ \t]+d[e'’]|h[ôo]pital[ \t]+d[e'’]|"
    r"clinique[ \t]+d[e'’]|maternit[ée][ \t]+d[e'’]|mairie[ \t]+d[e'’]|pr[èe]s[ \t]+d[e'’]|"
    r"in|to|from|near)[ \t]*)$"
)
# "Lyon, le 12 mars 2025": the town of a letter's date line.
_LETTER_DATE = compiled_re(r"[ \t]*,[ \t]*le[ \t]+\d", re.IGNORECASE)
_SENTENCE_START = compiled_re(r"(?:^|[.!?:;\n•\-–—])[ \t]*$")
_CONTRACTED = compiled_re(r"(?<![\w'’])(au|aux|du|des)[ \t]+$", re.IGNORECASE)
_LOWER_CUE_SRC = (
    r"(?<![\w'’])(?:à|a|vers|habite(?:[ \t]+[àa])?|habitent(?:[ \t]+[àa])?|vit(?:[ \t]+[àa])?|vivent(?:[ \t]+[àa])?|"
    r"r[ée]side(?:[ \t]+[àa])?|urgences[ \t]+d[e'’]|chu[ \t]+d[e'’]|ch[ \t]+d[e'’]|h[ôo]pital[ \t]+d[e'’]|"
    r"smur[ \t]+d[e'’]|clinique[ \t]+d[e'’]|"
    r"originaire[ \t]+d[e'’]|de[ \t]+retour[ \t]+d[e'’]|pr[èe]s[ \t]+d[e'’]|n[ée]e?[ \t]+[àa]|"
    r"domicili[ée]e?[ \t]+[àa])[ \t]+(?P<w>[a-zß-öø-ÿœ][a-zß-öø-ÿœ'’]*(?:-[a-zß-öø-ÿœ'’]+)*)"
)
_LOWER_CUE = compiled_re(_LOWER_CUE_SRC)
_LOWER_CUE_ANY = compiled_re(_LOWER_CUE_SRC, re.IGNORECASE)
_WHY = "ville connue"
_ARRONDISSEMENT = compiled_re(r"[ \t]+(?:[1-9]|1\d|20)(?:e|er|ème|eme|è)(?![\w])")


def _key(name: str) -> str:
    words = _SEP.split(fold(name).replace("’", "'").strip())
    return " ".join(_ABBREV.get(w, w) for w in words if w)


@lru_cache(maxsize=1)
def gazetteer() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(town keys, first words of town keys, ambiguous keys), folded."""
    keys = frozenset(_key(line) for name in _FILES for line in _lines(name))
    ambiguous = frozenset(_key(line) for line in _lines(_AMBIGUOUS_FILE))
    firsts = frozenset(k.split(" ", 1)[0] for k in keys)
    return keys, firsts, ambiguous


@lru_cache(maxsize=1)
def _accented() -> dict[str, tuple[str, ...]]:
    """Folded key -> the accented spellings of that name (lowercase, separators unified), for
    the names written with accents only: a text word with accents must carry the same ones
    ("Mère" is not the town Mere), one without any may have dropped them ("Besancon")."""
    out: dict[str, tuple[str, ...]] = {}
    for name in _FILES:
        for line in _lines(name):
            if not line.isascii():
                key = _key(line)
                out[key] = (*out.get(key, ()), _plain(line))
    return out


def _same_accents(written: str, key: str) -> bool:
    if written.isascii():
        return True  # accents left out (SMS, capitals): the folded key decides
    return _plain(written) in _accented().get(key, (key,))


@lru_cache(maxsize=1)
def _firsts_with_article() -> frozenset[str]:
    """First two words of names that start with "Le"/"Les" ("le puy"), for "au Puy-en-Velay"."""
    return frozenset(" ".join(k.split(" ")[:2]) for k in gazetteer()[0] if k.startswith(("le ", "les ")))


@lru_cache(maxsize=16384)
def _first_key(word: str) -> str:
    """The folded first word of a capitalised token, as town keys start ("Saint-Jean" -> "saint").
    Cached: the same capitalised words come back in every text."""
    head = word.split("-", 1)[0]
    if "'" in head or "’" in head:
        return _key(word).split(" ")[0]
    folded = fold(head)
    return _ABBREV.get(folded, folded)


@lru_cache(maxsize=1)
def _after_article() -> frozenset[str]:
    """Second words of "Le X"/"Les X" names ("puy"): after "au"/"du" they start a town."""
    return frozenset(k.split(" ")[1] for k in _firsts_with_article())


def _plain(name: str) -> str:
    words = _SEP.split(name.casefold().replace("’", "'").strip())
    return " ".join(_ABBREV.get(w, w) for w in words if w)


def _lines(name: str) -> list[str]:
    try:
        raw = resources.files("guard.detect.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _not_alone() -> frozenset[str]:
    """Keys that need a cue: ambiguous towns, first names, lexicon terms, sentence words."""
    from guard.detect.lexicon import medical_terms, normalise
    from guard.detect.rules.firstnames import word_names
    from guard.detect.rules.names import _CAP_STOP, first_names

    keys, _, ambiguous = gazetteer()
    terms = medical_terms()
    names = first_names() | word_names()
    out = set(ambiguous)
    for k in keys:
        if k in names or k in _CAP_STOP or normalise(k) in terms or len(k) < 3:
            out.add(k)
    return frozenset(out)


class TownRule:
    """Known town names; see the module docstring for when one is taken."""

    name = "rule:towns"

    def find(self, text: str) -> list[Finding]:
        keys, firsts, _ = gazetteer()
        if not keys:
            return []
        firsts_with_article = _firsts_with_article()
        after_article = _after_article()
        needs_cue = _not_alone()
        found: list[Finding] = []
        pos = 0
        for m in _CAP.finditer(text):
            if m.start() < pos:
                continue
            word = m.group()
            first = _first_key(word)
            if first not in firsts and first not in after_article:
                continue  # most capitalised words: no town starts with them
            prefix = ""
            if text[max(0, m.start() - 3):m.start()].lower() in ("au ", "du ", "ux ", "es "):
                article = _CONTRACTED.search(text, max(0, m.start() - 5), m.start())
                if article is not None:
                    prefix = "les " if article.group(1).lower() in ("aux", "des") else "le "
            if first not in firsts and not (prefix and prefix + first in firsts_with_article):
                continue
            match = self._longest(text, m.start(), m.end(), keys, prefix)
            if match is None:
                continue
            end, key = match
            span = text[m.start():end]
            if not _same_accents(span, key):
                continue
            cued = _CUE_BEFORE.search(text, max(0, m.start() - 30), m.start()) is not None
            if span.isupper() and (len(span) < 4 or (len(span) < 6 and not cued)):
                continue  # "PAU", "ECOS" in capitals: an acronym as often as a town
            before_lo = max(0, m.start() - 40)
            if _MEDICAL_BEFORE.search(text, before_lo, m.start()) or _MEDICAL_AFTER.match(text, end) \
                    or _PUBLISHER_AFTER.match(text, end):
                pos = end  # "critères de New York": "York" is part of the eponym too
                continue
            if key in needs_cue and not cued:
                continue
            if not cued and " " not in key and len(key) <= 5 and not _LETTER_DATE.match(text, end) \
                    and _SENTENCE_START.search(text, max(0, m.start() - 4), m.start()):
                continue  # "Male, 45 ans", "Ville de…": a short word opening a sentence needs a cue
            if key in ("paris", "lyon", "marseille"):
                arrondissement = _ARRONDISSEMENT.match(text, end)
                if arrondissement is not None:
                    end = arrondissement.end()  # "Paris 14e": the district narrows the place
            found.append(Finding(m.start(), end, Label.VILLE, 0.85 if cued else 0.8, self.name, _WHY))
            pos = end
        found.extend(self._lowercase(text, keys, needs_cue, {f.start for f in found}))
        return found

    def _lowercase(self, text: str, keys: frozenset[str], needs_cue: frozenset[str],
                   taken: set[int]) -> list[Finding]:
        """SMS style: "elle vit a venissieux", "il bosse a roubaix". Lowercase only right after
        a locative word, and only names that are no word, first name or ambiguous town."""
        out: list[Finding] = []
        low = lowered(text)
        scan = _LOWER_CUE.finditer(low) if low is not None else _LOWER_CUE_ANY.finditer(text)
        for m in scan:
            start, stop = m.start("w"), m.end("w")
            if start in taken or not text[start].islower():
                continue
            match = self._longest(text, start, stop, keys)
            if match is None:
                continue
            end, key = match
            if (key in needs_cue and " " not in key) or len(key) < 4 or not _same_accents(text[start:end], key):
                continue
            if key.startswith(("le ", "la ", "les ")) and m.group(0).lower().startswith(("à ", "a ")):
                continue  # "à la crèche", "a la roche": after "à" an article opens a noun, not La Crèche
            if _MEDICAL_AFTER.match(text, end):
                continue
            out.append(Finding(start, end, Label.VILLE, 0.75, self.name, "ville connue, en minuscules"))
        return out

    @staticmethod
    def _longest(text: str, start: int, end: int, keys: frozenset[str], prefix: str = "") -> tuple[int, str] | None:
        """The longest town name starting at `start`: this word, or it and up to three more.
        After "au"/"du" ("aux"/"des") the name may be the one with "Le" ("Les") in front."""
        best: tuple[int, str] | None = None
        stop = end
        for _ in range(_MAX_WORDS):
            key = _key(text[start:stop])
            if key in keys:
                best = (stop, key)
            elif prefix and prefix + key in keys:
                best = (stop, prefix + key)
            nxt = _NEXT.match(text, stop)
            if nxt is None:
                break
            stop = nxt.end()
        return best
