"""The set of words in a text, shared by every rule: a cheap "is this keyword here at all?".

Why: most rule patterns start with a cue word ("IPP", "mutuelle", "sa fille", "rue"), and a
`regex` scan costs about the same whether or not the cue occurs. One pass over the text
builds the set of its words (lowercase, accents removed, letters only); each rule then asks,
in a microsecond, whether any of its cue words is present and skips its scans when none is.
A skipped scan cannot miss anything: every pattern guarded this way needs one of its cue
words as a whole run of letters (tests compare guarded and unguarded rules on thousands of
texts). Accents are removed on both sides, so "prélevement" still finds "prélèvement".

The set is cached for the last few texts (the rules of one detector pass share it). It
lives in this process's memory only, like the text itself.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from guard.detect.rules._precompiled import compiled_re

_LETTERS = compiled_re(r"[^\W\d_]+")

# Character classes for stdlib patterns of name-like words (Latin-1 and Latin Extended-A). The
# capital range also holds some lowercase letters of Extended-A: the name rules only look at a
# word's first letter with it, which is what they need.
UP_CLASS = "A-ZÀ-ÖØ-ÞĀ-ſ"
LOW_CLASS = "a-zß-öø-ÿœĀ-ſ"


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {c: None for c in range(0x300, 0x370)}  # combining marks
    for c in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(c))
        if len(base) > 1 and base[0].isascii():
            table[c] = base[0].lower()
    table.update({ord("œ"): "oe", ord("Œ"): "oe", ord("æ"): "ae", ord("Æ"): "ae"})
    return table


_FOLD = _fold_table()


def fold_word(word: str) -> str:
    return word.lower().translate(_FOLD)


@lru_cache(maxsize=8)
def _lower(text: str) -> str:
    return text.lower()


@lru_cache(maxsize=8)
def words(text: str) -> frozenset[str]:
    """Folded runs of letters in `text` ("l'IDÉ" -> {"l", "ide"}, "petit-fils" -> {"petit", "fils"})."""
    return frozenset(_LETTERS.findall(_lower(text).translate(_FOLD)))


# Characters that the stdlib's case-insensitive matching equates with a Latin letter although
# `str.lower()` leaves them alone ("ı" matches "i", "ſ" matches "s"; see re._casefix).
_CASE_EXTRAS = ("\u0131", "\u017f")


def lowered(text: str) -> str | None:
    """`text.lower()` when it can stand in for `text` under case-insensitive matching, else None.

    Why: a stdlib pattern run case-sensitively on the lowercased text is about three times
    faster than the same pattern with IGNORECASE on the text (see `CaselessHint`). That needs
    the same offsets (every character lowers to exactly one: not so for "İ") and no character
    that IGNORECASE equates with a Latin letter other than through `lower()` ("ı", "ſ").
    """
    low = _lower(text)
    if len(low) != len(text) or _CASE_EXTRAS[0] in low or _CASE_EXTRAS[1] in low:
        return None
    return low


def has_any(text: str, cues: frozenset[str]) -> bool:
    """True when at least one of `cues` (from `cue_set`) occurs as a word of `text`."""
    return not words(text).isdisjoint(cues)


def cue_set(*groups: str) -> frozenset[str]:
    """Cue words from space-separated groups, folded like the text's words."""
    return frozenset(fold_word(w) for group in groups for w in group.split())


# Nationalities, masculine and feminine: after a name pair they say a person is meant
# ("Rusu Vasile, moldave", "Guadalupe Herrera, mexicaine").
NATIONALITIES = (
    r"alg[ée]rienne?|marocaine?|tunisienne?|s[ée]n[ée]galaise?|malienne?|ivoirienne?|camerounaise?|congolaise?|"
    r"guin[ée]enne?|comorienne?|malgache|ha[ïi]tienne?|portugaise?|espagnole?|italienne?|roumaine?|moldave|"
    r"ukrainienne?|russe|polonaise?|bulgare|serbe|albanaise?|kosovare?|g[ée]orgienne?|arm[ée]nienne?|turque?|"
    r"kurde|syrienne?|libanaise?|afghane?|pakistanaise?|bangladaise?|indienne?|sri-lankaise?|tamoule?|"
    r"chinoise?|vietnamienne?|cambodgienne?|laotienne?|philippine|mexicaine?|br[ée]silienne?|colombienne?|"
    r"p[ée]ruvienne?|chilienne?|argentine?|cap-verdienne?|mauritanienne?|soudanaise?|[ée]rythr[ée]enne?|"
    r"somalienne?|[ée]thiopienne?|nig[ée]riane?|ghan[ée]enne?|togolaise?|b[ée]ninoise?|burkinab[ée]|nig[ée]rienne?|"
    r"tchadienne?|gabonaise?|rwandaise?|burundaise?|britannique|irlandaise?|allemande?|belge|suisse|n[ée]erlandaise?|"
    r"am[ée]ricaine?|canadienne?|qu[ée]b[ée]coise?|japonaise?|cor[ée]enne?|tch[ée]tch[èe]ne|iranienne?|irakienne?|"
    r"[ée]gyptienne?|libyenne?|yem[ée]nite|gr[ée]cque|grecque?"
)
