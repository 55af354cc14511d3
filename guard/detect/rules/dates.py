"""Dates: numeric, with French month names or abbreviations, "1er", weekday prefixes, and
written out in words; DATE_NAISSANCE when a birth cue precedes the date.

Why so many shapes: clinicians type "12/03/52", letters print "mardi 12 mars 2024", and
dictation software writes "deux janvier mille neuf cent soixante-dix-huit". What is NOT a
date matters as much: "TA 130/80", "15/20 mg", "J+10", "INR 2,5" or a year alone are left
alone — numeric day/month without a year is only taken after "le", "du", "au"…
"""

from __future__ import annotations

import logging
import re

import regex

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules import context
from guard.detect.rules._base import CaselessHint, compile_pattern, iter_matches, iter_matches_at, keyword_starts, make, timeout_for
from guard.detect.rules._precompiled import compiled, compiled_re

log = logging.getLogger(__name__)

_MONTH = (
    r"(?:janvier|janv\.?|jan\.|f[ée]vrier|f[ée]vr?\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|"
    r"ao[uû]t|septembre|sept\.?|sep\.|octobre|oct\.?|novembre|nov\.?|d[ée]cembre|d[ée]c\.?)"
)
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_UNIT_AFTER = r"(?!\s*(?:mg|g|ml|l|ans?|h|heures?|min|%|kg|cp|cpr|gouttes?|ui|u|mmol|µg|mcg|fois|jours?|mois|semaines?)\b)"
_DAY_WORD = (
    r"(?:premier|(?:vingt|trente)(?:[- ]et[- ]un|-(?:deux|trois|quatre|cinq|six|sept|huit|neuf))?|"
    r"dix-(?:sept|huit|neuf)|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|"
    r"quatorze|quinze|seize)"
)
_NUM_WORD = (
    r"(?:dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|"
    r"cents?|mille|mil|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|et)"
)
# A year in words has a thousand or a hundred in it: "mille neuf cent soixante-dix-huit",
# "deux mille trois", "dix-neuf cent cinquante-deux".
_YEAR_WORDS = rf"(?:{_NUM_WORD}[- ]){{0,3}}(?:mille|mil|cents?)(?:[- ]{_NUM_WORD}){{0,8}}"

_TEXTUAL = compile_pattern(
    rf"(?i)(?<!\w)(?:{_WEEKDAY}[ ,]+)?(?:le\s+)?"
    rf"(?P<day>1er|[0-3]?\d|{_DAY_WORD})\s*(?P<month>{_MONTH})(?!\w)"
    rf"(?:[ ,]+(?P<year>(?:19|20)\d\d(?!\d)|'?\d\d(?!\d){_UNIT_AFTER}|{_YEAR_WORDS}(?!\w)))?"
)
_MONTH_YEAR = compile_pattern(
    rf"(?i)(?<![\w])(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d\d)(?!\w)"
)
_NUMERIC = compile_pattern(
    r"(?<![\w/.,:+\-])(?P<day>[0-3]?\d) ?(?P<sep>[/.\-]) ?(?P<month>[01]?\d) ?(?P=sep) ?"
    r"(?P<year>(?:19|20)\d\d|\d\d)(?![\w]|[/.,:\-]\d)"
    r"|(?<![\w/.,:+\-])(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>[01]\d)-(?P<iso_day>[0-3]\d)(?![\w]|[/.,:\-]\d)"
)
_SHORT = compile_pattern(
    r"(?i)(?<=(?<!\w)(?:le|du|au|depuis le|jusqu'au|d[èe]s le|avant le|apr[èe]s le|lundi|mardi|mercredi|"
    r"jeudi|vendredi|samedi|dimanche|(?:lun|mar|mer|jeu|ven|sam|dim)\.?|j0\s*[=:])\s*)(?P<day>[0-3]?\d)/(?P<month>[01]?\d)(?![\w/]|[.,]\d)" + _UNIT_AFTER
)
# "aggravation vs 09/2026", "depuis 03/2024": a month and a year in figures.
_MONTH_YEAR_NUMERIC = compiled_re(r"(?<![\w/.,:+\-])(0[1-9]|1[0-2])/((?:19|20)\d\d)(?![\w/]|[.,]\d)")
# "lot …, péremption 11/2027": a product's expiry, not a patient's date.
_EXPIRY_BEFORE = compiled_re(r"(?i)(?:p[ée]remption|expiration|exp\.?|valable|validit[ée]|lot)[^\n]{0,12}$")
_BIRTH_YEAR = compile_pattern(r"(?i)(?<!\w)n[ée]e?s?(?:\s*\(e\))?\s+en\s+(?P<year>(?:19|20)\d\d)(?!\w)")
# Birth cues, matched on the folded text right before the date.
_BIRTH_CUE = compiled(
    r"(?:(?<!\w)nee?s?(?:\s*\(e\))?(?:\s+le)?|(?<!\w)ddn|d\.d\.n\.?|date\s+de\s+naissance|"
    r"(?<!\w)naissance|(?<!\w)naiss\.?|°)\s*[:\-]?\s*(?:le\s+)?$"
)

# Lowercase stems every month name and abbreviation starts with (anchors for the patterns).
_MONTH_STEMS = ("jan", "f\u00e9v", "fev", "mar", "avr", "mai", "juin", "juil", "ao", "sep", "oct", "nov", "d\u00e9c", "dec")
_BEFORE_MONTH = 60  # room for "mercredi 1er" or "vingt-trois"
_AFTER_MONTH = 90  # room for a year in words

# English dates in mixed prompts ("admitted on 14 October", "seen on Nov 22nd"): month names
# are capitalised in English, which keeps the verb "may" and "march" out.
_EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_ENGLISH = compile_pattern(
    rf"(?<!\w)(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_EN_MONTH})(?!\w)(?:,?\s+(?P<year>(?:19|20)\d\d)(?!\d))?"
    rf"|(?P<month2>{_EN_MONTH})\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?![\w:,.]\d)(?:,?\s+(?P<year2>(?:19|20)\d\d)(?!\d))?(?!\s*(?:mg|g|ml|%|kg|h)\b))"
)
# Cheap pre-check with the stdlib engine (an alternation is much faster in `re` than in
# `regex`): an English month word next to a number, else the English pattern is skipped.
_EN_HINT = compiled_re(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?\s*(?:\d|$)|\d\s*(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
)
# Every alternative of _EN_HINT holds a month, and every month starts with one of these: a
# substring test skips the scan in French text (about 0.035 ms per 1,000 characters).
_EN_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# "du 10 au 17/11/2026", "du 5 au 11 novembre": the first day of a range is a date too.
_EN_WEEKDAY_BEFORE = compiled_re(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?[ \t]+$")
_EN_MONTH_YEAR = compiled_re(
    r"(?<![\w/])(?:January|February|March|April|June|July|August|September|October|November|December)"
    r"[ \t]+(?:19|20)\d\d(?!\d)"
)
_ENUM_BEFORE = compiled_re(
    r"(?i)(?:(?<!\w)(?:les|le|du|des)|:)\s+(?P<days>\d{1,2}(?:/\d{1,2})?(?:\s*,\s*\d{1,2}(?:/\d{1,2})?)*)\s*(?:,|et)\s*$")
_RANGE_START = compiled(r"(?i)(?<!\w)(?:du|entre(?:\s+le)?)\s+(1er|[0-3]?\d)\s+(?:au|-|et(?:\s+le)?)\s+$")
# "la loi du 4 mars 2002", "décret n° 2016-1990 du 30 décembre 2016": a legal text's date.
_LEGAL_BEFORE = compiled(
    r"(?i)(?<!\w)(?:loi|d[ée]cret|arr[êe]t[ée]|circulaire|directive|r[èe]glement|instruction|"
    r"ordonnance\s+n°)(?:\s+(?:n°\s*)?[\w\-]+)?\s+du(?:\s+(?:1er|[0-3]?\d))?\s*$"
)
# "RDV mercredi 16 à 9 h", "revu le jeudi 3": a weekday and a day number are a date.
_WEEKDAY_DAY = compile_pattern(
    rf"(?i)(?<!\w){_WEEKDAY}\s+(?P<day>1er|[0-3]?\d)(?![\w/,:]|\.\w|\s*(?:{_MONTH})(?!\w)|\s*[/.\-]\s*\d)" + _UNIT_AFTER
)
# Stdlib pre-scan for _WEEKDAY_DAY (see iter_matches_at): a weekday then a space, zero-width.
# The look-behind only excludes Latin letters and digits, all of which `regex` counts as \w too.
_WEEKDAY_HINT = CaselessHint(r"(?<![a-z0-9ß-öø-ÿ])(?=(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s)")
# Digits, a separator, digits: where a numeric date can start (zero-width, stdlib).
_NUMERIC_HINT = compiled_re(r"\d(?<![\w/.,:+\-]\d)(?=\d{0,3} ?[/.\-] ?\d)")  # digit first: see zip._ZIP_HINT
# A weekday written before a date belongs to it ("vendredi 11/12", "jeu 3/12", "ven. 8 janv."):
# it narrows the date down as much as the date itself.
_WEEKDAY_BEFORE = compiled_re(
    r"(?i)(?<![\w.])(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|(?:lun|mar|mer|jeu|ven|sam|dim)\.?)"
    r",?[ \t]+(?:le[ \t]+)?$")
_NOTICE = compiled_re(r"(?i)note\s+de\s+service|note\s+d['’]information|affiche|salle\s+d['’]attente")
_HAS = compiled_re(r"(?<![\w])HAS(?![\w])")
_FIRST_OF_MONTH = compiled_re(r"(?i)(?:[a-z]+\.?,?\s+)?(?:1er|premier)\s")
# Words of regulation, looked for further away than _PENALTIES, for first-of-month dates only.
_RULE_WORDS = ("deremboursement", "derembourse", "vigueur", "tarif", "tarifs", "conventionnel", "conventionnels",
               "obligatoire", "obligatoires", "reforme", "circulaire", "decret", "remplace",
               "nomenclature", "remboursement", "rembourse", "remboursee", "remboursable",
               "desormais", "dorenavant")
# "Apgar 9/10/10": three scores, not a date.
_SCORE_BEFORE = compiled(r"(?i)apgar\s*:?\s*(?:à\s*)?$")

# Words of publications, rules and the running of a service: a date near them is rarely a
# patient's ("recommandations HAS 2023", "validé en CME le 12 mars", "bloc fermé du 1er au
# 15 août pour travaux", "plan canicule du 1er juin"). Near one, a date loses 0.3: dates
# without a year then fall under the flagging threshold, full dates stay flagged.
_PENALTIES = ("recommandations", "etude", "publie", "publiee", "al", "version", "edition", "cim",
              "ferme", "fermee", "fermeture", "travaux", "cme", "valide", "validee", "protocole", "procedure",
              "plan", "campagne", "dispositif", "reforme", "circulaire", "congres", "formation", "seminaire",
              "webinaire", "colloque", "maj", "revision", "parution", "conference", "amm", "obligatoire",
              "obligatoires", "autorisation", "commercialisation", "remboursement", "rembourse", "remboursee",
              "recommandation", "homologation", "agrement", "approbation", "approuve", "approuvee",
              "deremboursement", "derembourse", "vigueur", "tarif", "tarifs", "conventionnel", "conventionnels",
              "nomenclature", "instauration", "instaure", "generalisation", "generalise", "commission",
              "reunira", "comite")


def _valid_day_month(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def _is_birth(text: str, start: int) -> bool:
    window = context.fold(text[max(0, start - 30) : start])
    return _BIRTH_CUE.search(window) is not None


class DateRule:
    """DATE and DATE_NAISSANCE findings."""

    name = "dates"

    def _emit(self, out: list[Finding], text: str, start: int, end: int, score: float, why: str) -> None:
        if _LEGAL_BEFORE.search(text, max(0, start - 40), start):
            return
        if _EXPIRY_BEFORE.search(text, max(0, start - 30), start):
            return  # "lot 3K47B2 péremption 30/11/2027": a product's expiry
        if start and text[start - 1] in " \t,":
            wd = _WEEKDAY_BEFORE.search(text, max(0, start - 16), start)
            if wd is not None:
                start = wd.start()
        if _is_birth(text, start):
            out.append(make(start, end, Label.DATE_NAISSANCE, min(1.0, score + 0.05), self.name, f"date de naissance ({why})"))
        else:
            adjusted = context.adjust(score, text, start, end, penalties=_PENALTIES, step=0.3)
            if adjusted == score and _HAS.search(text, max(0, start - context.WINDOW), min(len(text), end + 20)):
                adjusted -= 0.3  # "recommandations HAS 2023": the agency in capitals, not English "has"
            if _FIRST_OF_MONTH.match(text, start, end) and (
                    adjusted < score or context.near(text, start, end, _RULE_WORDS, window=90)
                    or _NOTICE.search(text, max(0, start - 150), start)):
                # Rules, tariffs and reforms start on the first of a month ("tarifs conventionnels
                # … au 1er janvier 2026", "obligatoire … depuis le 1er janvier 2025"): near such
                # words, the first of a month is theirs, not a patient's.
                adjusted = min(adjusted, score - 0.3) - 0.2
            out.append(make(start, end, Label.DATE, max(0.0, adjusted), self.name, why))

    @staticmethod
    def _around(pattern: regex.Pattern[str], text: str, anchors: list[int], rule: str) -> list[regex.Match[str]]:
        """Matches of `pattern` whose month starts at one of `anchors` (month-name stems).

        Scanning only a window around each anchor is what keeps dates cheap: a
        case-insensitive alternation tried at every position cost 2.5 ms per 10,000 chars.
        """
        found: dict[tuple[int, int], regex.Match[str]] = {}
        wanted = set(anchors)
        full_scan = anchors == [0] and not text.lower().startswith(_MONTH_STEMS)
        windows = [(0, len(text))] if full_scan else [
            (max(0, a - _BEFORE_MONTH), min(len(text), a + _AFTER_MONTH)) for a in anchors
        ]
        try:
            for lo, hi in windows:
                for m in pattern.finditer(text, lo, hi, timeout=timeout_for(text)):
                    if full_scan or m.start("month") in wanted:
                        found.setdefault(m.span(), m)
        except TimeoutError:
            log.warning("rule %s stopped: regex timeout on a %d-character text", rule, len(text))
        return sorted(found.values(), key=lambda m: m.start())

    def find(self, text: str) -> list[Finding]:
        out: list[Finding] = []
        for m in iter_matches_at(_NUMERIC, _NUMERIC_HINT, text, "dates-numeric"):
            if m.group("iso_year"):
                day, month = int(m.group("iso_day")), int(m.group("iso_month"))
            else:
                day, month = int(m.group("day")), int(m.group("month"))
            if not _valid_day_month(day, month):
                continue
            if _SCORE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue
            short_year = m.group("year") is not None and len(m.group("year")) == 2
            score = 0.7 if short_year and m.group("sep") == "." else 0.9  # "3.12.10" is often a version
            self._emit(out, text, m.start(), m.end(), score, "date numérique")
        for m in iter_matches(_SHORT, text, "dates-short"):
            if _valid_day_month(int(m.group("day")), int(m.group("month"))):
                self._emit(out, text, m.start(), m.end(), 0.7, "date sans année")
        anchors = keyword_starts(text, _MONTH_STEMS)
        for m in self._around(_TEXTUAL, text, anchors, "dates-textual"):
            day = m.group("day")
            if day.isdigit() and not 1 <= int(day) <= 31:
                continue
            led = text[m.start() : m.start("day")].strip().lower() == "le"
            if not day[0].isdigit() and not m.group("year") and not (led and day.lower() not in ("un", "sept")):
                continue  # "sept mai", "un mars": a day in words needs its year, or "le" ("le douze mai")
            start = m.start("day") if led else m.start()
            if m.group("year"):
                self._emit(out, text, start, m.end(), 0.9, "date avec mois en toutes lettres")
            else:
                self._emit(out, text, start, m.end("month"), 0.75, "jour et mois")
        textual = [(f.start, f.end) for f in out]
        for m in self._around(_MONTH_YEAR, text, anchors, "dates-month-year"):
            if any(a <= m.start() < b for a, b in textual):
                continue  # already read as part of a whole date, with its own score
            self._emit(out, text, m.start(), m.end(), 0.7, "mois et année")
        if "di" in text or "DI" in text or "Di" in text:  # every weekday ends in "di" (dimanche starts with it)
            for m in iter_matches_at(_WEEKDAY_DAY, _WEEKDAY_HINT, text, "dates-weekday"):
                day = m.group("day")
                if not day.isdigit() or 1 <= int(day) <= 31:  # "1er", "1ER"
                    self._emit(out, text, m.start(), m.end(), 0.7, "jour de la semaine et quantième")
        if "/" in text:
            for m in _MONTH_YEAR_NUMERIC.finditer(text):
                if not _EXPIRY_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                    self._emit(out, text, m.start(), m.end(), 0.7, "mois et année en chiffres")
        for m in iter_matches(_BIRTH_YEAR, text, "dates-birth-year"):
            out.append(make(m.start("year"), m.end("year"), Label.DATE_NAISSANCE, 0.85, self.name, "année de naissance"))
        if any(stem in text for stem in _EN_STEMS) and _EN_HINT.search(text):
            for m in iter_matches(_ENGLISH, text, "dates-english"):
                day = int(m.group("day") or m.group("day2"))
                if 1 <= day <= 31:
                    wd = _EN_WEEKDAY_BEFORE.search(text, max(0, m.start() - 12), m.start())
                    self._emit(out, text, wd.start() if wd else m.start(), m.end(),
                               0.85 if (m.group("year") or m.group("year2")) else 0.75, "date en anglais")
            for m in _EN_MONTH_YEAR.finditer(text):
                self._emit(out, text, m.start(), m.end(), 0.7, "mois et année (anglais)")
        for f in list(out):
            e = _ENUM_BEFORE.search(text, max(0, f.start - 40), f.start)
            if e is not None:  # "les 18, 20, 23 et 25/11/2026": every day shares the month
                for d in re.finditer(r"\d{1,2}(?:/\d{1,2})?", e.group("days")):
                    day, _, month = d.group().partition("/")
                    if 1 <= int(day) <= 31 and (not month or 1 <= int(month) <= 12):
                        pos = e.start("days") + d.start()
                        out.append(make(pos, pos + len(d.group()), f.label, min(f.score, 0.8), self.name,
                                        "jour d'une énumération de dates"))
                continue
            r = _RANGE_START.search(text, max(0, f.start - 20), f.start)
            if r is not None and (not r.group(1).isdigit() or 1 <= int(r.group(1)) <= 31):
                out.append(make(r.start(1), r.end(1), f.label, min(f.score, 0.8), self.name, "début d'une période (du … au …)"))
        return out
