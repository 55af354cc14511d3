"""IBAN, validated with python-stdnum (mod 97 and each country's length and layout).

People group IBANs by four and the match may swallow a following code ("… 189 BIC"),
so a failing candidate is retried with trailing groups dropped before giving up. A
checksum failure is still reported at a low score when the word "IBAN" is right before it.
"""

from __future__ import annotations


from stdnum import iban as std_iban

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules import context
from guard.detect.rules._base import compile_pattern, has_digit, iter_matches_at, make
from guard.detect.rules._precompiled import compiled_re

_PATTERN = compile_pattern(
    r"(?i)(?<![\w])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]){10,30}(?![\w])"
)
_HINT = compiled_re(r"(?<!\w)(?=[A-Za-z]{2}\d{2})")  # stdlib pre-scan (see iter_matches_at)


def _tokens_ends(raw: str) -> list[int]:
    """End offsets (within raw) after each space-separated group, longest first."""
    ends = [i for i, ch in enumerate(raw) if ch in " \u00a0"]
    return [len(raw)] + sorted(ends, reverse=True)


class IbanRule:
    """IBAN findings: 0.99 with a valid checksum, 0.6 after the word IBAN otherwise."""

    name = "iban"

    def find(self, text: str) -> list[Finding]:
        if not has_digit(text):
            return []
        out: list[Finding] = []
        for m in iter_matches_at(_PATTERN, _HINT, text, self.name):
            raw = m.group()
            valid = False
            for cut in _tokens_ends(raw):
                candidate = raw[:cut].rstrip()
                compact = candidate.replace(" ", "").replace("\u00a0", "").upper()
                if len(compact) < 15:
                    break
                if std_iban.is_valid(compact):
                    out.append(make(m.start(), m.start() + len(candidate), Label.IBAN, 0.99, self.name, "IBAN, clé valide"))
                    valid = True
                    break
            if not valid:
                if context.near(text, m.start(), m.end(), ("iban", "rib"), window=20):
                    out.append(make(m.start(), m.end(), Label.IBAN, 0.6, self.name, "IBAN, clé invalide"))
        return out
