"""French phone numbers in every written form, and short extensions after a cue.

Forms: `06 12 34 56 78` with spaces, dots, dashes or nothing; `+33 6 …`, `0033 6 …`,
`+33 (0)6 …`; overseas numbers (`+262`, `+590`, `+594`, `+596`, `+269` with nine digits,
`+689` with eight, `+687`/`+508`/`+681` with six). A three-to-five digit extension is a
phone only right after "poste" or "bip": on its own it is any number.
"""

from __future__ import annotations


from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules import context
from guard.detect.rules._base import compile_pattern, has_digit, iter_matches, make
from guard.detect.rules._words import cue_set, has_any
from guard.detect.rules._precompiled import compiled_re

_S = r"[ .\-\u00a0\u202f]?"
_PATTERN = compile_pattern(
    r"(?<![\w+/.,])(?:"
    rf"(?:\+|00){_S}33{_S}(?:\(0\){_S})?[1-9](?:{_S}\d\d){{4}}"  # +33 / 0033
    rf"|0[1-9](?:{_S}\d\d){{4}}"  # national
    rf"|(?:\+|00){_S}(?:262|590|594|596|269)(?:{_S}\d){{9}}"  # overseas departments
    rf"|(?:\+|00){_S}689(?:{_S}\d){{8}}"
    rf"|(?:\+|00){_S}(?:687|508|681)(?:{_S}\d){{6}}"
    r")(?![\w]|[.,/]\d)"
)
# Other countries ("+353 87 412 9063", "00 221 77 634 12 09", "+44 20 7946 0958"): a country code
# then groups of digits, 8 to 13 digits after the code (E.164 allows 15 in all).
_INTERNATIONAL = compile_pattern(
    r"(?<![\w+/.,])(?:\+|00)[ .\-\u00a0\u202f]?(?!33(?!\d))[1-9]\d{0,2}(?:[ .\-\u00a0\u202f]?\(?\d{1,4}\)?){2,6}"
    r"(?![\w]|[.,/]\d)"
)
# Cheap stdlib pre-check: "+" or "00" (not glued to a word or number), then not "33". Written as
# "0(?<!…0)0" rather than "(?<!…)00" so that every branch starts with a character and the
# engine skips ahead to "+" and "0" (same matches).
_INTERNATIONAL_ANY = compiled_re(r"(?:\+|0(?<![\w+/.,]0)0[ .\-]?)(?!33(?!\d))[1-9]")
_EXTENSION_CUES = cue_set("poste bip")  # the extension pattern needs one (see _words)
_EXTENSION = compile_pattern(
    r"(?i)(?<!\w)(?:poste|bip)\s*(?:n°|no\.?|num[ée]ro)?\s*:?\s*(\d{3,5})(?![\w]|[.,/]\d)"
)
_BOOSTS = (
    "tel", "telephone", "portable", "mobile", "fixe", "joindre", "joignable", "appeler",
    "rappeler", "contact", "numero", "fax", "secretariat", "standard", "sms",
)
_PENALTIES = ("ipp", "nda", "nip", "dossier", "sejour", "venue", "rpps", "adeli", "finess", "iban")


class PhoneRule:
    """TEL findings: 0.97 for a separated or international number, 0.85 for ten bare digits."""

    name = "phone"

    def find(self, text: str) -> list[Finding]:
        if not has_digit(text):
            return []
        out: list[Finding] = []
        french = []
        for m in iter_matches(_PATTERN, text, self.name):
            french.append((m.start(), m.end()))
            raw = m.group()
            bare = raw.isdigit()
            score = 0.85 if bare else 0.97
            score = context.adjust(score, text, m.start(), m.end(), _BOOSTS, _PENALTIES, step=0.2)
            international = raw.startswith(("+", "00"))
            why = "numéro de téléphone international" if international else "numéro de téléphone"
            out.append(make(m.start(), m.end(), Label.TEL, score, self.name, why))
        if ("+" in text or "00" in text) and _INTERNATIONAL_ANY.search(text):  # it needs one of them
            for m in iter_matches(_INTERNATIONAL, text, "phone-international"):
                value = m.group()
                digits = sum(c.isdigit() for c in (value[2:] if value.startswith("00") else value))
                if any(a < m.end() and m.start() < b for a, b in french) or not 9 <= digits <= 15:
                    continue
                out.append(make(m.start(), m.end(), Label.TEL, 0.9, self.name, "numéro de téléphone international"))
        extensions = iter_matches(_EXTENSION, text, "phone-extension") if has_any(text, _EXTENSION_CUES) else ()
        for m in extensions:
            # An internal extension identifies a ward, not a patient (four independent dev sets
            # leave it unlabelled): reported, below the flag threshold.
            out.append(make(m.start(1), m.end(1), Label.TEL, 0.45, self.name, "poste téléphonique (après « poste » ou « bip »)"))
        return out
