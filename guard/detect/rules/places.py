"""Street addresses (ADRESSE) and named care facilities (HOPITAL).

Both are anchored on a word that says what follows — a street type ("rue", "avenue",
"allée"…) or a facility type ("hôpital", "CHU", "clinique", "EHPAD"…) — so the rule stays
precise; addresses without such a word and hospitals known by name only ("Bichat") are
left to the model.
"""

from __future__ import annotations

import bisect

import regex

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._base import compile_pattern, has_digit, iter_matches, make

_STREET_TYPE = (
    r"(?:rue|avenue|av\.|bd|boulevard|place|pl\.|all[ée]e|impasse|imp\.|chemin|route|rte|quai|cours|"
    r"square|passage|lotissement|r[ée]sidence|cit[ée]|hameau|lieu-dit|voie|faubourg|fg|esplanade|"
    r"promenade|sentier|villa|parvis|mont[ée]e|rond-point|traverse)"
)
_LINK = r"(?:de\s+la|de\s+l['’]|des|du|de|d['’]|la|le|les|l['’]|et|aux?|sur|en)"
_WORD = r"[\p{L}][\p{L}'’]*(?:-[\p{L}'’]+)*"
_CAP_WORD = r"(?:\p{Lu}[\p{L}'’]*(?:-[\p{L}'’]+)*|\d{1,2}(?:er|e)?(?=\s))"
_STOP = frozenset(
    "a à au aux et pour chez avec depuis qui est il elle on le la les un une son sa ses dans par "
    "vers puis mais ou où car donc tel tél tel. appt appartement bâtiment bat étage code cp".split()
)

_ADDRESS_NUMBERED = compile_pattern(
    rf"(?i)(?<![\w,./])(\d{{1,4}}(?:\s?(?:bis|ter|[a-d])(?!\w))?),?\s+{_STREET_TYPE}(?!\w)"
)
_ADDRESS_BARE = compile_pattern(
    rf"(?<!\w)(?i:{_STREET_TYPE})\s+(?:(?i:{_LINK})\s*)?{_CAP_WORD}(?:\s+(?:(?i:{_LINK})\s*)?{_CAP_WORD}){{0,4}}"
)
_NAME_WORDS = regex.compile(rf"\s*(?:{_LINK}\s*)?({_WORD})", regex.IGNORECASE)

_FACILITY = compile_pattern(
    r"(?<!\w)(?:(?i:h[ôo]pital|clinique|polyclinique|centre\s+hospitalier(?:\s+universitaire)?(?:\s+r[ée]gional)?|"
    r"groupe\s+hospitalier|centre\s+de\s+r[ée]adaptation|centre\s+de\s+sant[ée]|maison\s+de\s+sant[ée]|"
    r"institut|fondation|ehpad|résidence)|CHU|CHRU|CHR|CHI|CHS|CH|GHU|GH|SSR|USLD|EHPAD|HIA)"
    rf"(?:\s+(?i:priv[ée]e?|universitaire|mutualiste|psychiatrique|g[ée]n[ée]ral))?"
    rf"(?P<name>(?:\s+(?:(?:de\s+la|de\s+l['’]|des|du|de|d['’]|les|la|le|l['’])\s*)?\p{{Lu}}[\p{{L}}'’]*(?:-[\p{{L}}'’]+)*){{1,4}})"
)
_CITY_NAME = r"(?:(?:Saint|Sainte|St|Ste|Le|La|Les|L['’])[\- ])?\p{Lu}[\p{Ll}'’]+(?:-(?:(?:sur|sous|en|l[èe]s|de|du|des|la|le|aux?)-)?\p{Lu}[\p{Ll}'’]+)*"
_CITY_CUED = compile_pattern(
    r"(?<!\w)(?i:habite|r[ée]side|r[ée]sidant|domicili[ée]e?|demeurant|vit(?:\s+seule?)?|n[ée]e?s?|originaire)"
    rf"(?!\w)[^.\n;:]{{0,40}}?\s(?:à|a)\s+({_CITY_NAME})(?!\w)"
)
_FACILITY_STOP = frozenset({"Madame", "Monsieur", "Mme", "M", "Dr", "Docteur", "Pr", "Service", "Cordialement"})


class PlaceRule:
    """ADRESSE (0.9 with a street number, 0.7 without), VILLE after a cue (0.75), HOPITAL (0.85)."""

    name = "places"

    def find(self, text: str) -> list[Finding]:
        out: list[Finding] = []
        numbered_starts: list[int] = []
        if has_digit(text):
            for m in iter_matches(_ADDRESS_NUMBERED, text, "address"):
                end = self._street_name_end(text, m.end())
                if end > m.end():
                    out.append(make(m.start(), end, Label.ADRESSE, 0.9, self.name, "adresse (numéro et voie)"))
                    numbered_starts.append(m.start())
        for m in iter_matches(_ADDRESS_BARE, text, "address-bare"):
            i = bisect.bisect_right(numbered_starts, m.start()) - 1
            if i >= 0 and out[i].end > m.start():
                continue  # already inside a numbered address
            out.append(make(m.start(), m.end(), Label.ADRESSE, 0.7, self.name, "adresse (voie nommée)"))
        for m in iter_matches(_CITY_CUED, text, "city"):
            out.append(make(m.start(1), m.end(1), Label.VILLE, 0.75, self.name, "ville après « habite à », « né à »…"))
        for m in iter_matches(_FACILITY, text, "facility"):
            end = self._trim_facility(text, m)
            if end is not None:
                out.append(make(m.start(), end, Label.HOPITAL, 0.85, self.name, "établissement de soins nommé"))
        return out

    @staticmethod
    def _street_name_end(text: str, pos: int) -> int:
        """End of the street name: up to five words, stopping at punctuation or a stop word."""
        end = pos
        for _ in range(5):
            m = _NAME_WORDS.match(text, end)
            if m is None or "\n" in text[end : m.start(1)]:
                break
            if m.group(1).casefold() in _STOP:
                break
            end = m.end(1)
        return end

    @staticmethod
    def _trim_facility(text: str, m: regex.Match[str]) -> int | None:
        name = m.group("name")
        words = name.split()
        keep_end = m.start("name")
        offset = m.start("name")
        for w in words:
            idx = text.index(w, offset)
            offset = idx + len(w)
            if w in _FACILITY_STOP:
                break
            if w[0].isupper():
                keep_end = offset
        return keep_end if keep_end > m.start("name") else None
