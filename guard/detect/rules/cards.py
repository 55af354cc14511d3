"""Carte Vitale serial numbers, mutuelle (complementary insurer) member numbers, and bank
card numbers.

Bank cards (a secretary pasting the number a patient dictated for a payment) carry a Luhn
key and a known issuer prefix (Visa 4, Mastercard 51-55 and 2221-2720, Amex 34/37): 16
digits in four groups of four (or 15 for Amex, 4-6-5) are taken on shape + checksum alone;
16 digits written without separators need a cue ("carte", "CB", "Visa") as well, because
lab and stay numbers can be long digit runs too.

Neither has a public checksum and both look like any other number, so both need a cue
word right before them ("carte Vitale", "n° de série", "mutuelle", "adhérent", "AMC"...).
A carte Vitale followed by a full NIR is left to the NIR rule, which validates the key.
"""

from __future__ import annotations


from stdnum import luhn

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._base import CUE_GAP, CaselessHint, compile_pattern, has_digit, iter_matches, iter_matches_at, make
from guard.detect.rules._words import cue_set, has_any
from guard.detect.rules._precompiled import compiled_re

# An id: 6-23 characters of digits/uppercase letters (optionally grouped), at least 4 digits,
# starting on a word boundary.
_ID = r"(?<!\w)((?=(?:[A-Z\- ]*\d){4})[A-Z0-9](?:[ \-]?[A-Z0-9]){5,22})(?![\w]|[.,/]\d)"
_VITALE = compile_pattern(
    r"(?<!\w)(?i:carte\s+vitale|n°\s*de\s+s[ée]rie|num[ée]ro\s+de\s+s[ée]rie)"
    rf"(?:\s+(?i:n°|num[ée]ro|s[ée]rie))?,?{CUE_GAP}" + _ID
)
_MUTUELLE = compile_pattern(
    r"(?<!\w)(?i:mutuelle|adh[ée]rente?|amc|compl[ée]mentaire\s+sant[ée]|n°\s*d'adh[ée]rent|n°\s*de\s+contrat|"
    r"contrat\s+n°|n°\s*mutuelle|n°\s*adh[ée]rent)"
    r"(?:\s+(?:[\p{Lu}][\p{L}\-]+(?!\w)|(?i:n°|num[ée]ro|d'adh[ée]rent|adh[ée]rent))){0,3}"
    rf",?{CUE_GAP}" + _ID
)


_MEMBER_PREFIX = compiled_re(r"(?<![\w'’])([A-Z]{2,4})[ \-]?\Z")
_SEP = r"[ \-\u00a0\u202f]"
_BANK_GROUPED = compile_pattern(
    rf"(?<![\w.,/+\-])(?:(?:4\d{{3}}|5[1-5]\d\d|2[2-7]\d\d){_SEP}\d{{4}}{_SEP}\d{{4}}{_SEP}\d{{4}}"
    rf"|3[47]\d\d{_SEP}\d{{6}}{_SEP}\d{{5}})(?![\w]|[.,/]\d)"
)
_BANK_CUED = compile_pattern(
    r"(?<!\w)(?i:carte(?:\s+(?:bancaire|bleue|de\s+cr[ée]dit|de\s+paiement))?|cb|visa|mastercard|amex)"
    rf"{CUE_GAP}((?:4|5[1-5]|2[2-7])\d{{15}}|3[47]\d{{13}})(?![\w]|[.,/]\d)"
)


# Stdlib pre-scans (see iter_matches_at), zero-width.
_MUTUELLE_HINT = CaselessHint(
    r"(?<!\w)(?=mutuelle|adh[ée]rent|amc|compl[ée]mentaire|n°\s*d['’]adh|n°\s*de\s+contrat|contrat\s+n°|n°\s*mutuelle|"
    r"n°\s*adh)"
)
_BANK_CUED_HINT = CaselessHint(r"(?<!\w)(?=carte|cb|visa|mastercard|amex)")


# Each pattern needs one of these words (see _words): without them the scan is skipped.
_VITALE_CUES = cue_set("vitale série")
_MUTUELLE_CUES = cue_set("mutuelle adhérent adhérente amc complémentaire contrat")
_BANK_CUES = cue_set("carte cb visa mastercard amex")
# Four groups of four digits (or Amex 4-6-5): the grouped card pattern needs this shape.
_BANK_SHAPE = compiled_re(r"\d{4}[ \-\u00a0\u202f]\d{4,6}[ \-\u00a0\u202f]\d{4,5}")


def _bank_valid(value: str) -> bool:
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) == 16 and digits.startswith("2") and not 2221 <= int(digits[:4]) <= 2720:
        return False
    return luhn.is_valid(digits)


class CardRule:
    """CARTE findings after a carte Vitale or mutuelle cue."""

    name = "cards"

    def find(self, text: str) -> list[Finding]:
        if not has_digit(text):
            return []
        out: list[Finding] = []
        vitale = iter_matches(_VITALE, text, "carte-vitale") if has_any(text, _VITALE_CUES) else ()
        for m in vitale:
            out.append(make(m.start(1), m.end(1), Label.CARTE, 0.85, self.name, "n° de carte Vitale (après son intitulé)"))
        mutuelle = iter_matches_at(_MUTUELLE, _MUTUELLE_HINT, text, "mutuelle") if has_any(text, _MUTUELLE_CUES) else ()
        for m in mutuelle:
            prefix = _MEMBER_PREFIX.search(text, max(0, m.start(1) - 6), m.start(1))
            start = prefix.start(1) if prefix and prefix.group(1) not in ("AMC", "NO", "NUM") else m.start(1)  # "MGP 7741 0928"
            out.append(make(start, m.end(1), Label.CARTE, 0.8, self.name, "n° d'adhérent mutuelle (après son intitulé)"))
        grouped = iter_matches(_BANK_GROUPED, text, "bank-card") if _BANK_SHAPE.search(text) else ()
        for m in grouped:
            if _bank_valid(m.group()):
                out.append(make(m.start(), m.end(), Label.CARTE, 0.95, self.name, "n° de carte bancaire (clé de Luhn valide)"))
        cued = iter_matches_at(_BANK_CUED, _BANK_CUED_HINT, text, "bank-card-cued") if has_any(text, _BANK_CUES) else ()
        for m in cued:
            if _bank_valid(m.group(1)):
                out.append(make(m.start(1), m.end(1), Label.CARTE, 0.95, self.name, "n° de carte bancaire (après son intitulé, clé de Luhn valide)"))
        return out
