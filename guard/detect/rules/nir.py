"""NIR / INS (French social security number) in every layout people type.

Layouts: contiguous, grouped `1 85 07 75 056 045 72`, dotted, dashed, spaced digit by
digit; Corsica `2A`/`2B` (the key is computed with 19/18 in their place); born abroad
(department 99). A NIR-shaped number with a wrong key is still reported — most are typos of
a real NIR — but with a lower score; thirteen digits without a key get a middle score.
"""

from __future__ import annotations


from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules import context
from guard.detect.rules._base import SEP, compile_pattern, has_digit, iter_matches, make
from guard.detect.rules._precompiled import compiled_re

_S = f"{SEP}?"
# sex, then 12 characters (the 6th may be A/B for Corsica), then an optional 2-digit key.
_PATTERN = compile_pattern(
    rf"(?<![\w.,/])[1-478](?:{_S}\d){{5}}{_S}[\dAaBb](?:{_S}\d){{6}}(?:{_S}\d{_S}\d)?(?![\w]|[.,/-]\d)"
)
_CUES = ("nir", "secu", "ss", "insee", "ins", "matricule", "immatriculation", "assure", "vitale")

VALID_SCORE = 0.99
NO_KEY_SCORE = 0.7
_PRODUCT_CODE_BEFORE = compiled_re(r"(?i)(?:\bcip(?:13)?|\bean(?:13)?|\bucd|code[ \t]+produit)[ \t]*:?[ \t]*$")
BAD_KEY_SCORE = 0.6


def nir_key(first13: str) -> int:
    """Key of the 13 first characters: 97 - (number mod 97), with 2A -> 19 and 2B -> 18."""
    s = first13.upper()
    if s[5:7] == "2A":
        s = s[:5] + "19" + s[7:]
    elif s[5:7] == "2B":
        s = s[:5] + "18" + s[7:]
    return 97 - int(s) % 97


def _plausible(c: str) -> bool:
    """Month 01-12, 20-42 or 50-99 (unknown/temporary), department not 00; 2A/2B only as Corsica."""
    month = int(c[3:5])
    if not (1 <= month <= 12 or 20 <= month <= 42 or 50 <= month <= 99):
        return False
    dept = c[5:7]
    if dept.isdigit():
        return dept != "00"
    return dept in ("2A", "2B")


class NirRule:
    """SECU findings; score 0.99 with a valid key, 0.7 without key, 0.6 with a wrong key."""

    name = "nir"

    def find(self, text: str) -> list[Finding]:
        if not has_digit(text):
            return []
        out: list[Finding] = []
        for m in iter_matches(_PATTERN, text, self.name):
            compact = "".join(ch for ch in m.group() if ch.isalnum()).upper()
            if not _plausible(compact):
                continue
            if len(compact) == 15:
                key = int(compact[13:])
                if key == nir_key(compact[:13]):
                    out.append(make(m.start(), m.end(), Label.SECU, VALID_SCORE, self.name, "NIR, clé valide"))
                    continue
                score = context.adjust(BAD_KEY_SCORE, text, m.start(), m.end(), _CUES, step=0.25)
                why = "NIR, clé invalide (faute de frappe probable)"
            elif len(compact) == 13:
                if _PRODUCT_CODE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                    continue  # "CIP 3400930000000", "EAN …": a medicine's 13-digit code
                score = context.adjust(NO_KEY_SCORE, text, m.start(), m.end(), _CUES, step=0.2)
                why = "NIR sans clé"
            else:
                continue
            out.append(make(m.start(), m.end(), Label.SECU, score, self.name, why))
        return out
