"""Addresses written the English way, in letters for a patient going home abroad.

Why: referral and transfer letters to the United Kingdom or Ireland carry the patient's home
address in the local form — "27 Ashworth Lane, Bolton BL1 8RT" — which the French address rule
cannot read: the street type comes last and the postcode mixes letters and digits.

- a number, one to four capitalised words, then an English street type → ADRESSE;
- a UK postcode ("BL1 8RT", "SW1A 1AA", "M1 1AE") → ZIP, and the capitalised town right before
  it → VILLE. The postcode's shape (outward code, space, digit and two letters) is specific
  enough on its own; lab codes and drug names do not take it.
"""

from __future__ import annotations


from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._base import make
from guard.detect.rules._precompiled import compiled_re

_STREET = compiled_re(
    r"(?<![\w/.,])(\d{1,4}[A-Za-z]?,?[ \t]+(?:[A-Z][\w'’\-]+[ \t]+){1,4}"
    r"(?:Lane|Road|Rd|Street|St|Avenue|Ave|Close|Drive|Dr|Way|Court|Ct|Crescent|Place|Gardens|Terrace|Grove|"
    r"Square|Row|Walk|Park|Hill|Mews|Parade|Boulevard|Blvd))(?![\w])"
)
_POSTCODE = compiled_re(r"\b([A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2})\b")
# Cheap pre-checks: the street scan runs only when a street type spelt out in full is in the
# text ("Dr", "St" are in every French letter too), the postcode scan only where a digit, a
# space, a digit and two capitals follow each other.
_FULL_STREET_WORDS = (" Lane", " Road", " Street", " Avenue", " Close", " Drive", " Way", " Court",
                      " Crescent", " Gardens", " Terrace", " Grove", " Mews", " Parade", " Square")
_POSTCODE_HINT = compiled_re(r"\d[ \t]\d[A-Z][A-Z]")
_TOWN_BEFORE = compiled_re(r"(?<![\w'’\-])([A-Z][a-z'’\-]+(?:[ \t][A-Z][a-z'’\-]+)?)[ \t,]+$")
_STREET_WORDS = ("Lane", "Road", "Rd", "Street", "St", "Avenue", "Ave", "Close", "Drive", "Way", "Court",
                 "Crescent", "Place", "Gardens", "Terrace", "Grove", "Square", "Row", "Walk", "Park", "Hill",
                 "Mews", "Parade", "Boulevard", "Blvd")


class EnglishAddressRule:
    """ADRESSE, ZIP and VILLE for an address written in English."""

    name = "english-address"

    def find(self, text: str) -> list[Finding]:
        out: list[Finding] = []
        if any(word in text for word in _FULL_STREET_WORDS):
            for m in _STREET.finditer(text):
                out.append(make(m.start(1), m.end(1), Label.ADRESSE, 0.8, self.name, "adresse à l'anglaise"))
        for m in _POSTCODE.finditer(text) if _POSTCODE_HINT.search(text) else ():
            out.append(make(m.start(1), m.end(1), Label.ZIP, 0.85, self.name, "code postal britannique"))
            town = _TOWN_BEFORE.search(text, max(0, m.start() - 30), m.start())
            if town is not None and town.group(1) not in _STREET_WORDS:
                out.append(make(town.start(1), town.end(1), Label.VILLE, 0.8, self.name,
                                "ville avant un code postal britannique"))
        return out
