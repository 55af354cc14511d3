"""Postcodes (ZIP) when a city follows them or an address precedes them, and the city
(VILLE) right after a postcode.

Why both conditions: five digits alone are a dose ("25000 UI"), a count or an amount. A
postcode printed on an envelope line is followed by its city ("29200 Brest", "75013 PARIS
CEDEX 13"); in running text it follows a street ("12 rue des Lilas, 29200").
"""

from __future__ import annotations


import regex

from guard.detect.finding import Finding
from guard.detect.lexicon import is_medical_term
from guard.detect.labels import Label
from guard.detect.rules._base import compile_pattern, has_digit, iter_matches_at, make
from guard.detect.rules._precompiled import compiled, compiled_re

_ZIP = compile_pattern(r"(?<![\w.,/+\-])((?:0[1-9]|[1-8]\d|9[0-8])\d{3})(?![\w]|[.,/]\d)")
# "Saint-Denis (97400)": a town, then its postcode in brackets.
_TOWN_THEN_BRACKET = compiled(
    r"(?<![\p{L}\-'’])((?:(?:La|Le|Les|L['’])[ \t]*)?\p{Lu}[\p{L}'’]+(?:-[\p{L}'’]+)*)[ \t]*\($")
# "La Faye, 42220 :", "Kerjean, 29800": a place, a comma, then a postcode with nothing after it.
# "Saint-Pierre 97410" at a line's end: a known town, a space, then the postcode.
_TOWN_THEN_SPACE = compiled(
    r"(?<![\p{L}\-'’])((?:(?:La|Le|Les|L['’])[ \t]*)?\p{Lu}[\p{L}'’]+(?:-[\p{L}'’]+)*)[ \t]+$")
_TOWN_THEN_COMMA = compiled(
    r"(?<![\p{L}\-'’])((?:(?:La|Le|Les|L['’])[ \t]*)?\p{Lu}[\p{L}'’]+(?:-[\p{L}'’]+)*)[ \t]*,[ \t]*$")
_CITY_TOKEN = r"\p{Lu}[\p{L}'’]*(?:-[\p{L}'’]+)*"
# Stdlib pre-scan (see iter_matches_at): five digits not glued to a word or a number. Written
# to start with the digit so the engine skips to digits (a leading look-behind would make it try
# every position); the look-behind then checks the character before that digit.
_ZIP_HINT = compiled_re(r"\d(?<![\w.,/+\-]\d)(?=\d{4})")
_CITY = compile_pattern(
    rf"[ \u00a0]+((?:(?:L'|L’)?{_CITY_TOKEN})(?:[ \-](?:(?:sur|sous|en|l[èe]s|de|du|des|aux?|la|le|d'|d’)[ \-])?{_CITY_TOKEN}){{0,4}})"
)
_STREET_BEFORE = compiled(
    r"(?i)(?:\b(?:rue|avenue|av\.|bd|boulevard|all[ée]e|chemin|impasse|place|route|quai|cours|square|"
    r"lieu-dit|r[ée]sidence|lotissement|hameau|bp|cs|cedex|code\s+postal|cp)\b)[^\n]{0,60}$"
)
_NOT_CITY = frozenset(
    {"UI", "U", "G", "MG", "UI/J", "CEDEX", "TEL", "TÉL", "FAX", "FRANCE", "MADAME", "MONSIEUR", "MME", "DR", "NIR", "IPP", "NDA"}
)


def _city_span(text: str, zip_end: int) -> tuple[int, int] | None:
    m = _CITY.match(text, zip_end)
    if m is None:
        return None
    words = regex.split(r"[ \-]", m.group(1))
    # Cut at a word that is not part of a city name ("Cedex", a title, a unit).
    keep = 0
    for w in words:
        if w.upper() in _NOT_CITY:
            break
        keep += 1
    if keep == 0:
        return None
    value = m.group(1)
    end_rel = 0
    for i, w in enumerate(words[:keep]):
        end_rel = value.index(w, end_rel) + len(w)
    if len(value[:end_rel].replace("-", "").replace(" ", "")) < 2:
        return None
    return m.start(1), m.start(1) + end_rel


def _known_town(name: str) -> bool:
    from guard.detect.rules.towns import _key, gazetteer

    return _key(name) in gazetteer()[0]


class ZipRule:
    """ZIP findings (0.9 with a city, 0.85 after a street) and VILLE for the city after it."""

    name = "zip"

    def find(self, text: str) -> list[Finding]:
        if not has_digit(text):
            return []
        out: list[Finding] = []
        for m in iter_matches_at(_ZIP, _ZIP_HINT, text, self.name):
            city = _city_span(text, m.end())
            if city is not None:
                out.append(make(m.start(1), m.end(1), Label.ZIP, 0.9, self.name, "code postal suivi d'une ville"))
                out.append(make(city[0], city[1], Label.VILLE, 0.85, self.name, "ville après un code postal"))
                continue
            town = _TOWN_THEN_BRACKET.search(text, max(0, m.start() - 40), m.start())
            if town is not None and text.startswith(")", m.end()):
                out.append(make(m.start(1), m.end(1), Label.ZIP, 0.85, self.name, "code postal entre parenthèses après la ville"))
                if town.group(1).upper() not in _NOT_CITY:
                    out.append(make(town.start(1), town.end(1), Label.VILLE, 0.8, self.name,
                                    "ville avant son code postal entre parenthèses"))
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[max(line_start, m.start() - 80) : m.start()]
            town = _TOWN_THEN_COMMA.search(text, max(0, m.start() - 40), m.start())
            if town is not None and not _STREET_BEFORE.search(before) and town.group(1).upper() not in _NOT_CITY and not is_medical_term(town.group(1)) \
                    and regex.match(r"[ \t]*(?:[:;.)\n]|$)", text[m.end():m.end() + 3]):
                out.append(make(m.start(1), m.end(1), Label.ZIP, 0.85, self.name, "code postal après un lieu"))
                out.append(make(town.start(1), town.end(1), Label.VILLE, 0.7, self.name, "lieu avant un code postal"))
                continue
            town = _TOWN_THEN_SPACE.search(text, max(0, m.start() - 40), m.start())
            if town is not None and regex.match(r"[ \t]*(?:[\n;.)]|$)", text[m.end():m.end() + 3]) \
                    and _known_town(town.group(1)):
                out.append(make(m.start(1), m.end(1), Label.ZIP, 0.85, self.name, "code postal après une ville connue"))
                out.append(make(town.start(1), town.end(1), Label.VILLE, 0.8, self.name, "ville avant son code postal"))
                continue
            if _STREET_BEFORE.search(before):
                out.append(make(m.start(1), m.end(1), Label.ZIP, 0.85, self.name, "code postal dans une adresse"))
        return out
