"""Carte Vitale serial numbers and mutuelle (complementary insurer) member numbers.

Neither has a public checksum and both look like any other number, so both need a cue
word right before them ("carte Vitale", "n° de série", "mutuelle", "adhérent", "AMC"...).
A carte Vitale followed by a full NIR is left to the NIR rule, which validates the key.
"""

from __future__ import annotations

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._base import CUE_GAP, compile_pattern, has_digit, iter_matches, make

# An id: 6-23 characters of digits/uppercase letters (optionally grouped), at least 4 digits,
# starting on a word boundary.
_ID = r"(?<!\w)((?=(?:[A-Z\- ]*\d){4})[A-Z0-9](?:[ \-]?[A-Z0-9]){5,22})(?![\w]|[.,/]\d)"
_VITALE = compile_pattern(
    r"(?<!\w)(?i:carte\s+vitale|n°\s*de\s+s[ée]rie|num[ée]ro\s+de\s+s[ée]rie)"
    rf"(?:\s+(?i:n°|num[ée]ro|s[ée]rie))?,?{CUE_GAP}" + _ID
)
_MUTUELLE = compile_pattern(
    r"(?<!\w)(?i:mutuelle|adh[ée]rent|amc|compl[ée]mentaire\s+sant[ée]|n°\s*d'adh[ée]rent|n°\s*de\s+contrat|"
    r"contrat\s+n°|n°\s*mutuelle|n°\s*adh[ée]rent)"
    r"(?:\s+(?:[\p{Lu}][\p{L}\-]+(?!\w)|(?i:n°|num[ée]ro|d'adh[ée]rent|adh[ée]rent))){0,3}"
    rf",?{CUE_GAP}" + _ID
)


class CardRule:
    """CARTE findings after a carte Vitale or mutuelle cue."""

    name = "cards"

    def find(self, text: str) -> list[Finding]:
        if not has_digit(text):
            return []
        out: list[Finding] = []
        for m in iter_matches(_VITALE, text, "carte-vitale"):
            out.append(make(m.start(1), m.end(1), Label.CARTE, 0.85, self.name, "n° de carte Vitale (après son intitulé)"))
        for m in iter_matches(_MUTUELLE, text, "mutuelle"):
            out.append(make(m.start(1), m.end(1), Label.CARTE, 0.8, self.name, "n° d'adhérent mutuelle (après son intitulé)"))
        return out
